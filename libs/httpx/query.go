package httpx

import (
	"net/url"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/form"
	"github.com/mergeplay/mergeplay/model/python"
)

// param is one query item.
type param struct{ Key, Value string }

// params is httpx.QueryParams. Before 0.18 it is a list of items whose
// update() replaces a key in place; from 0.18 it is a dict of key → values
// (a key may map to an empty list: it counts as present but encodes nothing).
type params struct {
	Keys   []string
	Values map[string][]string
}

func (q params) len() int { return len(q.Keys) }

func (q *params) set(k string, vs []string) {
	if q.Values == nil {
		q.Values = map[string][]string{}
	}
	if _, ok := q.Values[k]; !ok {
		q.Keys = append(q.Keys, k)
	}
	q.Values[k] = vs
}

func (q *params) add(k, v string) {
	if q.Values == nil {
		q.Values = map[string][]string{}
	}
	if _, ok := q.Values[k]; !ok {
		q.Keys = append(q.Keys, k)
	}
	q.Values[k] = append(q.Values[k], v)
}

func (q params) items() []param {
	var out []param
	for _, k := range q.Keys {
		for _, v := range q.Values[k] {
			out = append(out, param{k, v})
		}
	}
	return out
}

// merge is QueryParams.merge (0.18+): {**self._dict, **other._dict}.
func (q params) merge(o params) params {
	var out params
	for _, k := range q.Keys {
		out.set(k, q.Values[k])
	}
	for _, k := range o.Keys {
		out.set(k, o.Values[k])
	}
	return out
}

// primitive is primitive_value_to_str / str_query_param.
func primitive(v merge.Value) string {
	switch v.Kind {
	case merge.Bool:
		if v.Bool {
			return "true"
		}
		return "false"
	case merge.Null:
		return ""
	}
	return python.Str(v)
}

// parseQS is urllib.parse.parse_qsl: '&'-separated, '+' is a space,
// blank values dropped unless keepBlank.
func parseQS(s string, keepBlank bool) []param {
	var out []param
	for _, piece := range strings.Split(s, "&") {
		if piece == "" {
			continue
		}
		k, v, ok := strings.Cut(piece, "=")
		if !ok && !keepBlank {
			continue
		}
		if v == "" && !keepBlank {
			continue
		}
		out = append(out, param{unquotePlus(k), unquotePlus(v)})
	}
	return out
}

func unquotePlus(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	if u, err := url.PathUnescape(s); err == nil {
		return strings.ToValidUTF8(u, "\uFFFD")
	}
	// Python's unquote leaves malformed escapes as they are.
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			u, _ := url.PathUnescape(s[i : i+3])
			b.WriteString(u)
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

// paramsFrom is QueryParams(value) for a scenario value (dict or str).
func paramsFrom(v merge.Value, f facts) params {
	var q params
	switch v.Kind {
	case merge.String:
		for _, it := range parseQS(v.Text, f.keepBlank) {
			q.add(it.Key, it.Value)
		}
	case merge.Object:
		for _, fl := range v.Fields {
			if fl.Value.Kind == merge.Array {
				vals := []string{}
				for _, it := range fl.Value.Items {
					vals = append(vals, primitive(it))
				}
				if f.qpDict {
					q.set(fl.Key, vals)
				} else {
					for _, s := range vals {
						q.add(fl.Key, s)
					}
				}
				continue
			}
			if f.qpDict {
				q.set(fl.Key, []string{primitive(fl.Value)})
			} else {
				q.add(fl.Key, primitive(fl.Value))
			}
		}
	}
	return q
}

// update14 is the 0.14 QueryParams.update: each key of other replaces
// the first occurrence in place (later duplicates removed); extra values of
// a repeated key are appended at the end.
func update14(list []param, other []param) []param {
	var keys []string
	vals := map[string][]string{}
	for _, it := range other {
		if _, ok := vals[it.Key]; !ok {
			keys = append(keys, it.Key)
		}
		vals[it.Key] = append(vals[it.Key], it.Value)
	}
	for _, k := range keys {
		first := true
		out := list[:0:0]
		for _, it := range list {
			if it.Key == k {
				if first {
					out = append(out, param{k, vals[k][0]})
					first = false
				}
				continue
			}
			out = append(out, it)
		}
		if first {
			out = append(out, param{k, vals[k][0]})
		}
		for _, e := range vals[k][1:] {
			out = append(out, param{k, e})
		}
		list = out
	}
	return list
}

func uniqueKeys(list []param) int {
	seen := map[string]bool{}
	for _, it := range list {
		seen[it.Key] = true
	}
	return len(seen)
}

// encodeError8 is the UnicodeEncodeError QueryParams.__str__ raises for a
// lone surrogate in a key or value (keys first, item by item). The stdlib
// urlencode's quote_plus encodes each whole str as UTF-8 (Lib/urllib/parse.py
// quote), so the position is the surrogate's in that str; 0.24–0.27's
// _urlparse.percent_encoded encodes one character at a time (PERCENT,
// 0.27.2 httpx/_urlparse.py L433-437), so the position is always 0.
func encodeError8(items []param, f facts) (string, bool) {
	for _, it := range items {
		for _, x := range []string{it.Key, it.Value} {
			msg, start, _, bad := python.EncodeError(x, python.UTF8)
			if !bad {
				continue
			}
			if f.spacePct {
				return python.EncodeErrorText(python.UTF8, merge.Runes(x)[start:start+1], 0, 1) + ": surrogates not allowed", true
			}
			return msg, true
		}
	}
	return "", false
}

// urlEncode is QueryParams.__str__: stdlib urlencode (quote_plus) before
// 0.24 and again in 0.28; 0.24–0.27 percent-encode everything but unreserved
// characters, so a space is %20.
func urlEncode(items []param, f facts) string {
	parts := make([]string, len(items))
	for i, it := range items {
		if f.spacePct && f.quoteMode < 3 {
			// 0.24.x urlencode is quote(k) with its default safe "/"; 0.25.0
			// (#2723) passes safe="", and 0.26.0 (#2990) calls percent_encoded.
			safe := ""
			if !f.querySlashPct && f.quoteMode < 2 {
				safe = "/"
			}
			enc := func(s string) string {
				if f.quoteMode == 2 {
					if allIn(s, unreserved+"%") {
						return s
					}
					return encodeOutside(s, "")
				}
				return quoteV(s, safe, f.quoteMode)
			}
			parts[i] = enc(it.Key) + "=" + enc(it.Value)
		} else if f.spacePct {
			parts[i] = quote(strings.ReplaceAll(it.Key, "%", "%25"), "") + "=" + quote(strings.ReplaceAll(it.Value, "%", "%25"), "")
		} else {
			parts[i] = form.Escape(it.Key, form.PythonSafe) + "=" + form.Escape(it.Value, form.PythonSafe)
		}
	}
	return strings.Join(parts, "&")
}
