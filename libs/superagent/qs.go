package superagent

import (
	"fmt"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
)

// pair is one key=value that qs.stringify writes, with where its value came from.
type pair struct {
	key, value string // as the step shows them: the value's text, "" for a bare key
	bare       bool   // strictNullHandling: a null is the key alone
	source     string
}

// qsOptions are the qs.stringify options superagent passes.
type qsOptions struct {
	repeat     bool // indices: false (a=1&a=2); else qs's default a[0]=1&a[1]=2
	strictNull bool // strictNullHandling: null is 'a'; else 'a='
}

// qsPairs is qs 6.17.1's stringify of an object for the scenario values: keys in the object's
// order (JS order: integer-like keys first), undefined skipped, arrays repeated or indexed,
// nested objects as key[sub].
func qsPairs(obj merge.Value, src string, o qsOptions) []pair {
	var out []pair
	var walk func(prefix string, v merge.Value)
	walk = func(prefix string, v merge.Value) {
		switch v.Kind {
		case merge.Absent, merge.Undefined:
		case merge.Null:
			if o.strictNull {
				out = append(out, pair{key: prefix, bare: true, source: src})
			} else {
				out = append(out, pair{key: prefix, source: src})
			}
		case merge.Array:
			for i, it := range v.Items {
				if o.repeat {
					walk(prefix, it)
				} else {
					walk(fmt.Sprintf("%s[%d]", prefix, i), it)
				}
			}
		case merge.Object:
			for _, f := range js.Ordered(v).Fields {
				walk(prefix+"["+f.Key+"]", f.Value)
			}
		default:
			out = append(out, pair{key: prefix, value: js.String(v), source: src})
		}
	}
	for _, f := range js.Ordered(obj).Fields {
		walk(f.Key, f.Value)
	}
	return out
}

// qsString joins pairs as qs does, each side encoded with qsEncode.
func qsString(ps []pair) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		if p.bare {
			parts[i] = qsEncode(p.key)
		} else {
			parts[i] = qsEncode(p.key) + "=" + qsEncode(p.value)
		}
	}
	return strings.Join(parts, "&")
}

// qsEncode is qs's utils.encode in its default RFC 3986 format: UTF-8 percent-encoding of all
// but letters, digits and -._~; a lone surrogate is encoded as U+FFFD (as recorded).
func qsEncode(s string) string {
	var b strings.Builder
	for _, c := range []byte(merge.WellFormed(s)) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
