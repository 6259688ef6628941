package python

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/mergeplay/mergeplay/merge"
)

// Number spells a JSON number as Python does after json.loads: integer
// literals stay int, everything else is a float printed with float.__repr__.
func Number(lit string) string {
	if !strings.ContainsAny(lit, ".eE") {
		if strings.Trim(strings.TrimPrefix(lit, "-"), "0") == "" {
			return "0" // int("-0") is 0
		}
		return strings.TrimPrefix(lit, "+")
	}
	f, ok := ParseFloat(lit)
	if !ok {
		return lit
	}
	return Float(f)
}

// ParseFloat is float(lit) for a JSON number literal, as json.loads reads
// it: a literal beyond the largest double is ±inf (float('1e999') is inf,
// and strconv's ErrRange carries the same ±Inf), one too small is 0.
func ParseFloat(lit string) (float64, bool) {
	f, err := strconv.ParseFloat(lit, 64)
	return f, err == nil || math.IsInf(f, 0) // a syntax error gives 0, ErrRange ±Inf
}

// Float is Python's repr(float).
func Float(f float64) string {
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

// Str is str(value) in Python for a scalar JSON value.
func Str(v merge.Value) string {
	switch v.Kind {
	case merge.Null:
		return "None"
	case merge.Bool:
		if v.Bool {
			return "True"
		}
		return "False"
	case merge.Number:
		return Number(v.Text)
	case merge.String:
		return v.Text
	}
	return ""
}

// Repr is repr(v) for the native value json.loads gives.
func Repr(v merge.Value) string {
	switch v.Kind {
	case merge.Absent, merge.Null, merge.Undefined:
		return "None"
	case merge.Bool:
		if v.Bool {
			return "True"
		}
		return "False"
	case merge.Number:
		return Number(v.Text)
	case merge.String:
		return StrRepr(v.Text)
	case merge.Array:
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			parts[i] = Repr(it)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case merge.Object:
		parts := make([]string, 0, len(v.Fields))
		for _, f := range Dict(v) {
			parts = append(parts, StrRepr(f.Key)+": "+Repr(f.Value))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return ""
}

// StrRepr is repr(str): single quotes unless the text has a single
// quote and no double quote; non-printable characters escaped.
func StrRepr(s string) string {
	q := byte('\'')
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range merge.Runes(s) {
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
			b.WriteString(Escape(r))
		}
	}
	b.WriteByte(q)
	return b.String()
}

// Escape is how Python escapes one code point in repr().
func Escape(r rune) string {
	switch {
	case r <= 0xff:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xffff:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

// TypeName is type(v).__name__.
func TypeName(v merge.Value) string {
	switch v.Kind {
	case merge.Bool:
		return "bool"
	case merge.Number:
		if v.IsInt() {
			return "int"
		}
		return "float"
	case merge.String:
		return "str"
	case merge.Array:
		return "list"
	case merge.Object:
		return "dict"
	}
	return "NoneType"
}

// Dict is the dict json.loads builds from an object: a repeated key
// keeps its first position and takes its last value.
func Dict(v merge.Value) []merge.Field {
	out := make([]merge.Field, 0, len(v.Fields))
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
