package pyrequests

import (
	"strings"
	"unicode"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/form"
	"github.com/mergeplay/mergeplay/model/python"
)

// The steps requests and niquests take the same way; what a step needs from a library's own
// run (its jar, its citations) is passed in.

// Item is one entry of a CaseInsensitiveDict or cookie jar.
type Item struct {
	Name   string
	Val    merge.Value
	Source string
}

// Set is CaseInsensitiveDict.__setitem__: same name (any case) keeps
// its position and takes the new spelling and value.
func Set(list []Item, it Item, fold bool) ([]Item, bool) {
	for i := range list {
		if list[i].Name == it.Name || fold && strings.EqualFold(list[i].Name, it.Name) {
			list[i] = it
			return list, true
		}
	}
	return append(list, it), false
}

// LStrip is str.lstrip(): Python whitespace.
func LStrip(s string) string {
	return strings.TrimLeftFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
	})
}

// IsASCII reports whether s is all ASCII (str.isascii()).
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// ExplainParam gives each pair urlencode(doseq=True) sends its own step: a list is one pair per
// item (a None item is skipped), so an empty list sends nothing.
func ExplainParam(s *merge.State, key string, v merge.Value, source string) {
	if v.Kind != merge.Array {
		s.Explain(merge.QueryField(key), Str(v), source, merge.ActionSet, "")
		return
	}
	if len(v.Items) == 0 {
		s.Explain(merge.QueryField(key), "[]", source, merge.ActionIgnore, "urlencode(doseq=True) sends no pair for an empty list")
	}
	for _, it := range v.Items {
		if it.Kind != merge.Null {
			s.Explain(merge.QueryField(key), Str(it), source, merge.ActionSet, "urlencode(doseq=True): one pair per list item")
		}
	}
}

// ParamText is a param value as a person reads it in a step: a str as is, a list as its repr.
func ParamText(v merge.Value) string {
	if v.Kind == merge.Array {
		return python.Repr(v)
	}
	return Str(v)
}

// HasKey reports whether the dict v has the key.
func HasKey(v merge.Value, key string) bool {
	for _, f := range v.Fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

// URLEncode is urlencode(v, doseq=True): a None value (or list item) sends no pair.
func URLEncode(v merge.Value) string {
	var parts []string
	for _, f := range python.Dict(v) {
		vals := []merge.Value{f.Value}
		if f.Value.Kind == merge.Array {
			vals = f.Value.Items
		}
		for _, it := range vals {
			if it.Kind == merge.Null {
				continue
			}
			parts = append(parts, form.Escape(f.Key, form.PythonSafe)+"="+form.Escape(Str(it), form.PythonSafe))
		}
	}
	return strings.Join(parts, "&")
}

// JSONValue is the value json.loads gives back to json.dumps:
// repeated keys collapse as in a dict.
func JSONValue(v merge.Value) merge.Value {
	switch v.Kind {
	case merge.Object:
		out := merge.Value{Kind: merge.Object}
		for _, f := range python.Dict(v) {
			out.Fields = append(out.Fields, merge.Field{Key: f.Key, Value: JSONValue(f.Value)})
		}
		return out
	case merge.Array:
		out := merge.Value{Kind: merge.Array, Items: make([]merge.Value, len(v.Items))}
		for i, it := range v.Items {
			out.Items[i] = JSONValue(it)
		}
		return out
	case merge.Number:
		if v.IsInt() {
			return merge.Value{Kind: merge.Number, Text: python.Number(v.Text)}
		}
	}
	return v
}

// Put is CaseInsensitiveDict.__setitem__ on the prepared headers.
func Put(s *merge.State, name, value, source, note string) {
	if i := s.HeaderIndex(name); i >= 0 {
		old := s.Headers[i]
		s.Headers[i] = merge.Header{Name: name, Value: value, Source: source}
		if old.Value != value {
			s.Explain(merge.FieldName(old.Name), old.Value, old.Source, merge.ActionOverride, "replaced in place by "+name+": "+value)
		}
	} else {
		s.AddHeader(name, value, source)
	}
	s.Explain(merge.FieldName(name), value, source, merge.ActionSet, note)
}

// Method is Session.request's method.upper(); the binding passes GET when the scenario has none.
func Method(s *merge.State) {
	m := s.Request().Method
	switch m.Kind {
	case merge.Absent:
		s.Method = "GET"
		s.Explain("method", "GET", merge.SourceDefault, merge.ActionSet, "Session.request has no default method; the binding passes GET")
	case merge.String:
		s.Method = strings.ToUpper(m.Text)
		s.Explain("method", s.Method, merge.SourceRequest, merge.ActionSet, "method.upper()")
	default:
		s.Raise("AttributeError", "'%s' object has no attribute 'upper'", python.TypeName(m))
	}
}

// ParamsEncodeError is the UnicodeEncodeError _encode_params raises: it
// calls k.encode("utf-8") then v.encode("utf-8") for each str key and value
// it sends (None values and their keys are skipped), which refuses a lone
// surrogate. v is the params dict the library's encodeParams encoded.
func ParamsEncodeError(v merge.Value) (string, bool) {
	for _, f := range python.Dict(v) {
		vals := []merge.Value{f.Value}
		if f.Value.Kind == merge.Array {
			vals = f.Value.Items
		}
		for _, it := range vals {
			if it.Kind == merge.Null {
				continue
			}
			if msg, _, _, bad := python.EncodeError(f.Key, python.UTF8); bad {
				return msg, true
			}
			if it.Kind == merge.String {
				if msg, _, _, bad := python.EncodeError(it.Text, python.UTF8); bad {
					return msg, true
				}
			}
		}
	}
	return "", false
}

// CookieHeader turns the merged jar into a Cookie header (get_cookie_header) unless the headers
// already have one.
func CookieHeader(s *merge.State, jar []Item) {
	if len(jar) == 0 {
		return
	}
	var attrs []string
	for _, it := range jar {
		switch it.Val.Kind {
		case merge.Null:
			attrs = append(attrs, it.Name)
		case merge.String:
			attrs = append(attrs, it.Name+"="+it.Val.Text)
		default:
			// http.cookiejar._cookie_attrs runs non_word_re.search(value).
			s.Raise("TypeError", "expected string or bytes-like object, got '%s'", python.TypeName(it.Val))
			return
		}
	}
	if i := s.HeaderIndex("Cookie"); i >= 0 {
		for _, it := range jar {
			s.Explain("cookies."+it.Name, Str(it.Val), it.Source, merge.ActionIgnore, "an explicit Cookie header wins: the jar adds none")
		}
		return
	}
	v := strings.Join(attrs, "; ")
	s.AddHeader("Cookie", v, merge.SourceCookies)
	s.Explain(merge.FieldName("Cookie"), v, merge.SourceCookies, merge.ActionSet, "session cookies, then request cookies (same name replaced in place); a None value is sent as the bare name")
}

// Adapter is Session.get_adapter (only http:// and https:// have one; rawURL is a URL kept as
// given) and the request-target path_url gives, cited at pathURL.
func Adapter(s *merge.State, rawURL bool, pathURL merge.Cite) {
	lower := strings.ToLower(s.URL)
	if rawURL || !(strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://")) {
		s.Raise("InvalidSchema", "No connection adapters were found for %s", python.StrRepr(s.URL))
		return
	}
	s.Target = PathURL(s.URL)
	s.ExplainAt(pathURL, "url", s.Target, merge.SourceTransport, merge.ActionSet, "request-target: path_url (fragment dropped) re-encoded by urllib3 _encode_target")
	// A query key whose spelling changed on the way (requote_uri, _encode_target)
	// is explained once more under its wire spelling.
	if _, q, ok := strings.Cut(s.Target, "?"); ok {
		for _, kv := range strings.Split(q, "&") {
			k, _, _ := strings.Cut(kv, "=")
			if kv != "" && !s.Explained(merge.QueryField(k)) {
				s.ExplainAt(pathURL, merge.QueryField(k), kv, merge.SourceURL, merge.ActionKeep, "as re-quoted by requote_uri and urllib3")
			}
		}
	}
}
