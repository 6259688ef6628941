package all

import (
	"net/url"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/form"
	"github.com/mergeplay/mergeplay/model/python"
)

// httpxParam is one query item.
type httpxParam struct{ Key, Value string }

// httpxParams is httpx.QueryParams. Before 0.18 it is a list of items whose
// update() replaces a key in place; from 0.18 it is a dict of key → values
// (a key may map to an empty list: it counts as present but encodes nothing).
type httpxParams struct {
	Keys   []string
	Values map[string][]string
}

func (q httpxParams) len() int { return len(q.Keys) }

func (q *httpxParams) set(k string, vs []string) {
	if q.Values == nil {
		q.Values = map[string][]string{}
	}
	if _, ok := q.Values[k]; !ok {
		q.Keys = append(q.Keys, k)
	}
	q.Values[k] = vs
}

func (q *httpxParams) add(k, v string) {
	if q.Values == nil {
		q.Values = map[string][]string{}
	}
	if _, ok := q.Values[k]; !ok {
		q.Keys = append(q.Keys, k)
	}
	q.Values[k] = append(q.Values[k], v)
}

func (q httpxParams) items() []httpxParam {
	var out []httpxParam
	for _, k := range q.Keys {
		for _, v := range q.Values[k] {
			out = append(out, httpxParam{k, v})
		}
	}
	return out
}

// merge is QueryParams.merge (0.18+): {**self._dict, **other._dict}.
func (q httpxParams) merge(o httpxParams) httpxParams {
	var out httpxParams
	for _, k := range q.Keys {
		out.set(k, q.Values[k])
	}
	for _, k := range o.Keys {
		out.set(k, o.Values[k])
	}
	return out
}

// httpxPrimitive is primitive_value_to_str / str_query_param.
func httpxPrimitive(v merge.Value) string {
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

// httpxParseQS is urllib.parse.parse_qsl: '&'-separated, '+' is a space,
// blank values dropped unless keepBlank.
func httpxParseQS(s string, keepBlank bool) []httpxParam {
	var out []httpxParam
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
		out = append(out, httpxParam{httpxUnquotePlus(k), httpxUnquotePlus(v)})
	}
	return out
}

func httpxUnquotePlus(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	if u, err := url.PathUnescape(s); err == nil {
		return strings.ToValidUTF8(u, "\uFFFD")
	}
	// Python's unquote leaves malformed escapes as they are.
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && httpxIsHex(s[i+1]) && httpxIsHex(s[i+2]) {
			u, _ := url.PathUnescape(s[i : i+3])
			b.WriteString(u)
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

// httpxParamsFrom is QueryParams(value) for a scenario value (dict or str).
func httpxParamsFrom(v merge.Value, f httpxFacts) httpxParams {
	var q httpxParams
	switch v.Kind {
	case merge.String:
		for _, it := range httpxParseQS(v.Text, f.keepBlank) {
			q.add(it.Key, it.Value)
		}
	case merge.Object:
		for _, fl := range v.Fields {
			if fl.Value.Kind == merge.Array {
				vals := []string{}
				for _, it := range fl.Value.Items {
					vals = append(vals, httpxPrimitive(it))
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
				q.set(fl.Key, []string{httpxPrimitive(fl.Value)})
			} else {
				q.add(fl.Key, httpxPrimitive(fl.Value))
			}
		}
	}
	return q
}

// httpxUpdate14 is the 0.14 QueryParams.update: each key of other replaces
// the first occurrence in place (later duplicates removed); extra values of
// a repeated key are appended at the end.
func httpxUpdate14(list []httpxParam, other []httpxParam) []httpxParam {
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
					out = append(out, httpxParam{k, vals[k][0]})
					first = false
				}
				continue
			}
			out = append(out, it)
		}
		if first {
			out = append(out, httpxParam{k, vals[k][0]})
		}
		for _, e := range vals[k][1:] {
			out = append(out, httpxParam{k, e})
		}
		list = out
	}
	return list
}

func httpxUniqueKeys(list []httpxParam) int {
	seen := map[string]bool{}
	for _, it := range list {
		seen[it.Key] = true
	}
	return len(seen)
}

// httpxURLEncode is QueryParams.__str__: stdlib urlencode (quote_plus) before
// 0.24 and again in 0.28; 0.24–0.27 percent-encode everything but unreserved
// characters, so a space is %20.
func httpxURLEncode(items []httpxParam, f httpxFacts) string {
	parts := make([]string, len(items))
	for i, it := range items {
		if f.spacePct {
			parts[i] = httpxQuote(strings.ReplaceAll(it.Key, "%", "%25"), "") + "=" + httpxQuote(strings.ReplaceAll(it.Value, "%", "%25"), "")
		} else {
			parts[i] = form.Escape(it.Key, form.PythonSafe) + "=" + form.Escape(it.Value, form.PythonSafe)
		}
	}
	return strings.Join(parts, "&")
}
