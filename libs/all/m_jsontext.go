package all

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge"
)

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
func EncodeJSON(v merge.Value, st JSONStyle) string {
	var b strings.Builder
	encodeJSONTo(&b, v, st)
	return b.String()
}

func encodeJSONTo(b *strings.Builder, v merge.Value, st JSONStyle) {
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
		if st.PyNumbers {
			b.WriteString(PyNumber(v.Text))
		} else {
			b.WriteString(JSNumber(v.Text))
		}
	case merge.String:
		quoteJSON(b, v.Text, st)
	case merge.Array:
		b.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				b.WriteString(st.ItemSep)
			}
			encodeJSONTo(b, it, st)
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
