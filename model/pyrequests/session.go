package pyrequests

import (
	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/python"
)

// SessionSetup is Session() and the binding's client setup: default_headers() with userAgent,
// s.headers.update(client.headers), then s.cookies.set per client cookie. value, when not nil,
// is what the library does to a header value as it is stored (false: it raised);
// checkCookieType is set_cookie's value.startswith (requests 2.34.0). It returns the session
// headers and jar as they stand, also when a step raised.
func SessionSetup(s *merge.State, userAgent string, value func(key string, v merge.Value) (merge.Value, bool), checkCookieType bool) (session, jar []Item) {
	defaults := []Item{
		{Name: "User-Agent", Val: merge.Value{Kind: merge.String, Text: userAgent}, Source: merge.SourceDefault},
		{Name: "Accept-Encoding", Val: merge.Value{Kind: merge.String, Text: "gzip, deflate"}, Source: merge.SourceDefault},
		{Name: "Accept", Val: merge.Value{Kind: merge.String, Text: "*/*"}, Source: merge.SourceDefault},
		{Name: "Connection", Val: merge.Value{Kind: merge.String, Text: "keep-alive"}, Source: merge.SourceDefault},
	}
	session = append(session, defaults...)
	if h := s.Client().Headers; h.Kind == merge.Object {
		for _, f := range python.Dict(h) {
			v := f.Value
			if value != nil {
				var ok bool
				if v, ok = value(f.Key, f.Value); !ok {
					return
				}
			}
			var replaced bool
			session, replaced = Set(session, Item{Name: f.Key, Val: v, Source: merge.SourceClient}, true)
			if replaced {
				s.Explain(merge.FieldName(f.Key), Str(f.Value), merge.SourceClient, merge.ActionOverride,
					"s.headers.update() replaces the library default of the same name (any case) in place")
			}
		}
	}
	if ck := s.Client().Cookies; ck.Kind == merge.Object {
		for _, f := range python.Dict(ck) {
			if f.Value.Kind == merge.Null {
				// RequestsCookieJar.set(name, None) removes the cookie.
				out := jar[:0]
				for _, it := range jar {
					if it.Name != f.Key {
						out = append(out, it)
					}
				}
				jar = out
				s.Explain("cookies."+f.Key, "", merge.SourceClient, merge.ActionRemove, "s.cookies.set(name, None) removes the cookie")
				continue
			}
			if checkCookieType && f.Value.Kind != merge.String {
				s.Raise("AttributeError", "'%s' object has no attribute 'startswith'", python.TypeName(f.Value))
				return
			}
			jar, _ = Set(jar, Item{Name: f.Key, Val: f.Value, Source: merge.SourceClient}, false)
		}
	}
	return
}
