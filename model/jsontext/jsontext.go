package jsontext

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/python"
)

// Style selects a JSON serializer's spelling.
type Style struct {
	ItemSep, KeySep string // Python's default is ", " and ": "; compact is "," ":"
	ASCII           bool   // escape non-ASCII as \uXXXX (Python ensure_ascii)
	PyNumbers       bool   // floats as Python repr (10.0) instead of JS (10)
	HTMLSafe        bool   // escape <, >, & and U+2028/9 as Go's encoding/json does
}

var (
	// Python is json.dumps(obj) with its defaults.
	Python = Style{ItemSep: ", ", KeySep: ": ", ASCII: true, PyNumbers: true}
	// JS is JSON.stringify(obj).
	JS = Style{ItemSep: ",", KeySep: ":"}
)

// Encode serializes v in the given style, keeping object key order.
// Undefined members are skipped as JSON.stringify does.
func Encode(v merge.Value, st Style) string {
	var b strings.Builder
	encodeTo(&b, v, st)
	return b.String()
}

func encodeTo(b *strings.Builder, v merge.Value, st Style) {
	switch v.Kind {
	case merge.Null, merge.Absent, merge.Undefined:
		b.WriteString("null")
	case merge.Bool:
		if st.PyNumbers {
			b.WriteString(strconv.FormatBool(v.Bool))
		} else {
			b.WriteString(strconv.FormatBool(v.Bool))
		}
	case merge.Number:
		b.WriteString(number(v.Text, st))
	case merge.String:
		quote(b, v.Text, st)
	case merge.Array:
		b.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				b.WriteString(st.ItemSep)
			}
			encodeTo(b, it, st)
		}
		b.WriteByte(']')
	case merge.Object:
		b.WriteByte('{')
		n := 0
		for _, f := range v.Fields {
			if f.Value.Kind == merge.Undefined || f.Value.Kind == merge.Absent {
				continue
			}
			if n > 0 {
				b.WriteString(st.ItemSep)
			}
			n++
			quote(b, f.Key, st)
			b.WriteString(st.KeySep)
			encodeTo(b, f.Value, st)
		}
		b.WriteByte('}')
	}
}

// number spells a number literal. A float beyond the largest double is
// ±inf in Python, which json.dumps writes as Infinity (allow_nan=True, its
// default; Lib/json/encoder.py floatstr); it is ±Infinity in JavaScript,
// which JSON.stringify writes as null (ECMA-262 SerializeJSONProperty: a
// non-finite Number is "null").
func number(lit string, st Style) string {
	if st.PyNumbers {
		if !strings.ContainsAny(lit, ".eE") {
			return python.Number(lit) // an int, however long
		}
		if f, ok := python.ParseFloat(lit); ok && math.IsInf(f, 0) {
			if f > 0 {
				return "Infinity"
			}
			return "-Infinity"
		}
		return python.Number(lit)
	}
	if f, ok := js.ParseFloat(lit); ok && math.IsInf(f, 0) {
		return "null"
	}
	return js.Number(lit)
}

// NonFinite reports whether v holds a number that Python reads as ±inf:
// json.dumps(allow_nan=False) raises ValueError "Out of range float values
// are not JSON compliant" for it.
func NonFinite(v merge.Value) bool {
	switch v.Kind {
	case merge.Number:
		if strings.ContainsAny(v.Text, ".eE") {
			f, ok := python.ParseFloat(v.Text)
			return ok && math.IsInf(f, 0)
		}
	case merge.Array:
		for _, it := range v.Items {
			if NonFinite(it) {
				return true
			}
		}
	case merge.Object:
		for _, f := range v.Fields {
			if NonFinite(f.Value) {
				return true
			}
		}
	}
	return false
}

// quote writes s as a JSON string. A lone surrogate is written as its \u
// escape in lower-case hex by json.dumps with ensure_ascii (Lib/json/encoder.py
// py_encode_basestring_ascii) and by JSON.stringify (ECMA-262 QuoteJSONString,
// well-formed since ES2019); json.dumps(ensure_ascii=False) keeps it in the
// str, for the caller's .encode() to refuse.
func quote(b *strings.Builder, s string, st Style) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, n := merge.DecodeRune(s[i:])
		i += n
		if merge.IsSurrogate(r) {
			if st.PyNumbers && !st.ASCII {
				b.WriteString(merge.FromRunes([]rune{r}))
			} else {
				fmt.Fprintf(b, `\u%04x`, r)
			}
			continue
		}
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
