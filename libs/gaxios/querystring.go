package gaxios

import (
	"fmt"
	"math"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
)

// qsPair is one key=value of querystring.stringify, with the value as the scenario holds it
// (for the trace).
type qsPair struct {
	key, value string
	raw        merge.Value
	item       int // the index in the key's array, -1 for a single value
}

// stringify is Node's querystring.stringify(obj) (lib/querystring.js), gaxios 6's
// paramsSerializer: each own key in order, an array as one pair per item (an empty array
// gives nothing), strings escaped, finite numbers as String(n) (escaped from 1e21 on),
// booleans as text, anything else (null, undefined, Infinity, an object) as an empty value.
// ok is false where escape throws URIError: a surrogate with no code unit after it.
func stringify(obj merge.Value) (string, []qsPair, bool) {
	if obj.Kind == merge.Array { // an array's own keys are its indexes
		arr := merge.Value{Kind: merge.Object}
		for i, it := range obj.Items {
			arr.Fields = append(arr.Fields, merge.Field{Key: itoa(i), Value: it})
		}
		obj = arr
	}
	if obj.Kind != merge.Object {
		return "", nil, true // a primitive has no own keys to read
	}
	var fields []string
	var pairs []qsPair
	for _, f := range obj.Fields {
		ks, ok := qsEscape(f.Key)
		if !ok {
			return "", nil, false
		}
		vals, single := []merge.Value{f.Value}, true
		if f.Value.Kind == merge.Array {
			vals, single = f.Value.Items, false
		}
		for i, v := range vals {
			vs, ok := qsValue(v)
			if !ok {
				return "", nil, false
			}
			fields = append(fields, ks+"="+vs)
			item := i
			if single {
				item = -1
			}
			pairs = append(pairs, qsPair{f.Key, qsShown(v), v, item})
		}
	}
	return strings.Join(fields, "&"), pairs, true
}

// qsValue is encodeStringified.
func qsValue(v merge.Value) (string, bool) {
	switch v.Kind {
	case merge.String:
		return qsEscape(v.Text)
	case merge.Number:
		f := v.Float()
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return "", true
		}
		s := js.String(v)
		if math.Abs(f) < 1e21 {
			return s, true
		}
		return qsEscape(s)
	case merge.Bool:
		return js.String(v), true
	}
	return "", true
}

// qsShown is the value a trace step names: the text sent, unescaped.
func qsShown(v merge.Value) string {
	switch v.Kind {
	case merge.String:
		return v.Text
	case merge.Number:
		if f := v.Float(); math.IsInf(f, 0) || math.IsNaN(f) {
			return ""
		}
		return js.String(v)
	case merge.Bool:
		return js.String(v)
	}
	return ""
}

// qsEscape is querystring.escape (encodeStr with the noEscape table): the code units of s,
// UTF-8 percent-encoded except A–Z a–z 0–9 - . _ ~ ! ' ( ) *. A surrogate, high or low, is
// joined with whatever code unit follows it into one four-byte sequence (Node does not check
// the second is a low surrogate), and one at the end throws URIError "URI malformed".
func qsEscape(s string) (string, bool) {
	units := utf16Units(s)
	var b strings.Builder
	hex := func(c int) { fmt.Fprintf(&b, "%%%02X", c) }
	for i := 0; i < len(units); i++ {
		c := int(units[i])
		switch {
		case c < 0x80:
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~!'()*", byte(c)) >= 0 {
				b.WriteByte(byte(c))
			} else {
				hex(c)
			}
		case c < 0x800:
			hex(0xC0 | c>>6)
			hex(0x80 | c&0x3F)
		case c < 0xD800 || c >= 0xE000:
			hex(0xE0 | c>>12)
			hex(0x80 | c>>6&0x3F)
			hex(0x80 | c&0x3F)
		default:
			i++
			if i >= len(units) {
				return "", false
			}
			cp := 0x10000 + ((c&0x3FF)<<10 | int(units[i])&0x3FF)
			hex(0xF0 | cp>>18)
			hex(0x80 | cp>>12&0x3F)
			hex(0x80 | cp>>6&0x3F)
			hex(0x80 | cp&0x3F)
		}
	}
	return b.String(), true
}

// utf16Units is a JS string's code units; a lone surrogate the scenario carries stays one unit.
func utf16Units(s string) []uint16 {
	var out []uint16
	for i := 0; i < len(s); {
		r, n := merge.DecodeRune(s[i:])
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
		} else {
			out = append(out, uint16(r))
		}
		i += n
	}
	return out
}
