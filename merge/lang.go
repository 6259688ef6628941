package merge

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Language-level conversions the libraries apply to scenario values: how
// Python's str()/json.dumps and JavaScript's String()/JSON.stringify spell a
// value, and the form encodings used for query strings. Shared by profiles.

// PyNumber spells a JSON number as Python does after json.loads: integer
// literals stay int, everything else is a float printed with float.__repr__.
func PyNumber(lit string) string {
	if !strings.ContainsAny(lit, ".eE") {
		if strings.Trim(strings.TrimPrefix(lit, "-"), "0") == "" {
			return "0" // int("-0") is 0
		}
		return strings.TrimPrefix(lit, "+")
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return lit
	}
	return PyFloat(f)
}

// PyFloat is Python's repr(float).
func PyFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX, shortest round-trip digits
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimPrefix(mant, "-")
	digits := strings.Replace(mant, ".", "", 1)
	sign := ""
	if neg {
		sign = "-"
	}
	if exp < -4 || exp >= 16 {
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		}
		es := "+"
		if exp < 0 {
			es, exp = "-", -exp
		}
		return fmt.Sprintf("%s%se%s%02d", sign, m, es, exp)
	}
	if exp < 0 {
		return sign + "0." + strings.Repeat("0", -exp-1) + digits
	}
	if len(digits) <= exp+1 {
		return sign + digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
	}
	return sign + digits[:exp+1] + "." + digits[exp+1:]
}

// PyStr is str(value) in Python for a scalar JSON value.
func PyStr(v Value) string {
	switch v.Kind {
	case Null:
		return "None"
	case Bool:
		if v.Bool {
			return "True"
		}
		return "False"
	case Number:
		return PyNumber(v.Text)
	case String:
		return v.Text
	}
	return ""
}

// JSNumber spells a JSON number as JavaScript's Number::toString.
func JSNumber(lit string) string {
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return lit
	}
	return JSFloat(f)
}

// JSFloat is Number.prototype.toString() for f.
func JSFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case math.IsNaN(f):
		return "NaN"
	case f == 0:
		return "0"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expS, _ := strings.Cut(e, "e")
	n, _ := strconv.Atoi(expS)
	n++ // ECMAScript's n: the decimal point sits after n digits
	neg := strings.HasPrefix(mant, "-")
	digits := strings.Replace(strings.TrimPrefix(mant, "-"), ".", "", 1)
	k := len(digits)
	sign := ""
	if neg {
		sign = "-"
	}
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	m := digits[:1]
	if k > 1 {
		m += "." + digits[1:]
	}
	es := "+"
	if n-1 < 0 {
		es = "-"
	}
	return fmt.Sprintf("%s%se%s%d", sign, m, es, abs(n-1))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// JSString is String(value) in JavaScript for a scalar or array JSON value.
func JSString(v Value) string {
	switch v.Kind {
	case Null:
		return "null"
	case Undefined:
		return "undefined"
	case Bool:
		return strconv.FormatBool(v.Bool)
	case Number:
		return JSNumber(v.Text)
	case String:
		return v.Text
	case Array:
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			if it.Kind != Null && it.Kind != Undefined {
				parts[i] = JSString(it)
			}
		}
		return strings.Join(parts, ",")
	case Object:
		return "[object Object]"
	}
	return ""
}

// JSONStyle selects a JSON serializer's spelling.
type JSONStyle struct {
	ItemSep, KeySep string // Python's default is ", " and ": "; compact is "," ":"
	ASCII           bool   // escape non-ASCII as \uXXXX (Python ensure_ascii)
	PyNumbers       bool   // floats as Python repr (10.0) instead of JS (10)
	HTMLSafe        bool   // escape <, >, & and U+2028/9 as Go's encoding/json does
}

var (
	// PythonJSON is json.dumps(obj) with its defaults.
	PythonJSON = JSONStyle{ItemSep: ", ", KeySep: ": ", ASCII: true, PyNumbers: true}
	// JSJSON is JSON.stringify(obj).
	JSJSON = JSONStyle{ItemSep: ",", KeySep: ":"}
)

// EncodeJSON serializes v in the given style, keeping object key order.
// Undefined members are skipped as JSON.stringify does.
func EncodeJSON(v Value, st JSONStyle) string {
	var b strings.Builder
	encodeJSONTo(&b, v, st)
	return b.String()
}

func encodeJSONTo(b *strings.Builder, v Value, st JSONStyle) {
	switch v.Kind {
	case Null, Absent, Undefined:
		b.WriteString("null")
	case Bool:
		if st.PyNumbers {
			b.WriteString(strconv.FormatBool(v.Bool))
		} else {
			b.WriteString(strconv.FormatBool(v.Bool))
		}
	case Number:
		if st.PyNumbers {
			b.WriteString(PyNumber(v.Text))
		} else {
			b.WriteString(JSNumber(v.Text))
		}
	case String:
		quoteJSON(b, v.Text, st)
	case Array:
		b.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				b.WriteString(st.ItemSep)
			}
			encodeJSONTo(b, it, st)
		}
		b.WriteByte(']')
	case Object:
		b.WriteByte('{')
		n := 0
		for _, f := range v.Fields {
			if f.Value.Kind == Undefined || f.Value.Kind == Absent {
				continue
			}
			if n > 0 {
				b.WriteString(st.ItemSep)
			}
			n++
			quoteJSON(b, f.Key, st)
			b.WriteString(st.KeySep)
			encodeJSONTo(b, f.Value, st)
		}
		b.WriteByte('}')
	}
}

func quoteJSON(b *strings.Builder, s string, st JSONStyle) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			switch {
			case r < 0x20 || (st.ASCII && r == 0x7f):
				fmt.Fprintf(b, `\u%04x`, r)
			case st.HTMLSafe && (r == '<' || r == '>' || r == '&' || r == 0x2028 || r == 0x2029):
				fmt.Fprintf(b, `\u%04x`, r)
			case st.ASCII && r > 0x7e:
				if r > 0xffff {
					r -= 0x10000
					fmt.Fprintf(b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
				} else {
					fmt.Fprintf(b, `\u%04x`, r)
				}
			case r == utf8.RuneError:
				b.WriteRune(r)
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// FormEscape percent-encodes s for application/x-www-form-urlencoded with
// space as '+'. safe lists the punctuation left as is besides ASCII letters
// and digits: Python's quote_plus keeps "_.-~", WHATWG URLSearchParams keeps
// "*-._", Go's url.QueryEscape keeps "-_.~".
func FormEscape(s, safe string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(safe, c) >= 0:
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// Safe sets for FormEscape.
const (
	PySafe      = "_.-~"
	WHATWGSafe  = "*-._"
	GoQuerySafe = "-_.~"
)

// PyRepr is repr(v) for the native value json.loads gives.
func PyRepr(v Value) string {
	switch v.Kind {
	case Absent, Null, Undefined:
		return "None"
	case Bool:
		if v.Bool {
			return "True"
		}
		return "False"
	case Number:
		return PyNumber(v.Text)
	case String:
		return PyStrRepr(v.Text)
	case Array:
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			parts[i] = PyRepr(it)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case Object:
		parts := make([]string, 0, len(v.Fields))
		for _, f := range PyDict(v) {
			parts = append(parts, PyStrRepr(f.Key)+": "+PyRepr(f.Value))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return ""
}

// PyStrRepr is repr(str): single quotes unless the text has a single
// quote and no double quote; non-printable characters escaped.
func PyStrRepr(s string) string {
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
			b.WriteString(pyEscape(r))
		}
	}
	b.WriteByte(q)
	return b.String()
}

// pyEscape is how Python escapes one code point in repr().
func pyEscape(r rune) string {
	switch {
	case r <= 0xff:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xffff:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

// PyType is type(v).__name__.
func PyType(v Value) string {
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

// PyDict is the dict json.loads builds from an object: a repeated key
// keeps its first position and takes its last value.
func PyDict(v Value) []Field {
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
