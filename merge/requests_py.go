package merge

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Python-side spellings the requests profiles need for exception messages:
// repr() of the native values json.loads produces, type names, truthiness and
// the text of a 'latin-1' UnicodeEncodeError. Prefixed "requests" so they do
// not clash with the httpx helpers written in parallel.

// requestsPyRepr is repr(v) for the native value json.loads gives.
func requestsPyRepr(v Value) string {
	switch v.Kind {
	case Absent, Null, Undefined:
		return "None"
	case Bool:
		if v.Bool {
			return "True"
		}
		return "False"
	case Number:
		return requestsPyNumber(v.Text)
	case String:
		return requestsPyStrRepr(v.Text)
	case Array:
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			parts[i] = requestsPyRepr(it)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case Object:
		parts := make([]string, 0, len(v.Fields))
		for _, f := range requestsPyDict(v) {
			parts = append(parts, requestsPyStrRepr(f.Key)+": "+requestsPyRepr(f.Value))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return ""
}

// requestsPyNumber is str() of a JSON number after json.loads: an int keeps
// its digits (and -0 is 0), anything else is a float.
func requestsPyNumber(lit string) string {
	if !strings.ContainsAny(lit, ".eE") {
		s := strings.TrimPrefix(lit, "-")
		if strings.Trim(s, "0") == "" {
			return "0"
		}
	}
	return PyNumber(lit)
}

// requestsPyStr is str(v) for a scalar.
func requestsPyStr(v Value) string {
	switch v.Kind {
	case String:
		return v.Text
	case Number:
		return requestsPyNumber(v.Text)
	}
	return requestsPyRepr(v)
}

// requestsPyStrRepr is repr(str): single quotes unless the text has a single
// quote and no double quote; non-printable characters escaped.
func requestsPyStrRepr(s string) string {
	q := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x80 || unicode.IsPrint(r):
			b.WriteRune(r)
		default:
			b.WriteString(requestsPyEscape(r))
		}
	}
	b.WriteByte(q)
	return b.String()
}

// requestsPyEscape is how Python escapes one code point in repr().
func requestsPyEscape(r rune) string {
	switch {
	case r <= 0xff:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xffff:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

// requestsPyType is type(v).__name__.
func requestsPyType(v Value) string {
	switch v.Kind {
	case Bool:
		return "bool"
	case Number:
		if v.IsInt() {
			return "int"
		}
		return "float"
	case String:
		return "str"
	case Array:
		return "list"
	case Object:
		return "dict"
	}
	return "NoneType"
}

// requestsTruthy is bool(v) in Python.
func requestsTruthy(v Value) bool {
	switch v.Kind {
	case Bool:
		return v.Bool
	case Number:
		f, err := strconv.ParseFloat(v.Text, 64)
		return err != nil || f != 0
	case String:
		return v.Text != ""
	case Array:
		return len(v.Items) > 0
	case Object:
		return len(v.Fields) > 0
	}
	return false
}

// requestsPyDict is the dict json.loads builds from an object: a repeated key
// keeps its first position and takes its last value.
func requestsPyDict(v Value) []Field {
	out := make([]Field, 0, len(v.Fields))
	for _, f := range v.Fields {
		found := false
		for i := range out {
			if out[i].Key == f.Key {
				out[i].Value = f.Value
				found = true
				break
			}
		}
		if !found {
			out = append(out, f)
		}
	}
	return out
}

// requestsLatin1Error finds the first run of code points above U+00FF and
// returns the head of CPython's UnicodeEncodeError text for s.encode("latin-1")
// (the caller appends ": " and the reason, "ordinal not in range(256)" unless
// http.client rewrote it), the run's code-point offsets, and whether there was one.
func requestsLatin1Error(s string) (msg string, start, end int, bad bool) {
	i := 0
	start = -1
	for _, r := range s {
		if r > 0xff {
			if start < 0 {
				start = i
			}
			end = i + 1
		} else if start >= 0 {
			break
		}
		i++
	}
	if start < 0 {
		return "", 0, 0, false
	}
	if end == start+1 {
		r := []rune(s)[start]
		return fmt.Sprintf("'latin-1' codec can't encode character '%s' in position %d", requestsPyEscape(r), start), start, end, true
	}
	return fmt.Sprintf("'latin-1' codec can't encode characters in position %d-%d", start, end-1), start, end, true
}

// requestsLatin1 encodes text that is known to be Latin-1.
func requestsLatin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, byte(r))
	}
	return out
}

// requestsRuneLen is len(str) in Python.
func requestsRuneLen(s string) int { return utf8.RuneCountInString(s) }
