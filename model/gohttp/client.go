package gohttp

import (
	"strings"

	"github.com/mergeplay/mergeplay/merge"
)

const DefaultUserAgent = "Go-http-client/1.1"

// ApplyCookies applies AddCookie for each entry.
func ApplyCookies(s *merge.State, r *Request, es []Entry, source, what string) {
	for _, e := range es {
		if len(e.Vals) == 0 {
			continue
		}
		pair, dropped := CookiePair(e.Key, e.Vals[0])
		had := r.Header.Get("Cookie") != ""
		AddCookie(r.Header, pair)
		r.SetSource("Cookie", source)
		note := what + " " + pair
		if had {
			note += ", appended to the Cookie header with \"; \""
		}
		if dropped {
			note += "; net/http dropped invalid bytes from the value and logged a warning"
		}
		s.Explain(merge.FieldName("Cookie"), pair, source, merge.ActionSet, note)
	}
}

// SetBasicAuth is Request.SetBasicAuth.
func SetBasicAuth(s *merge.State, r *Request, user, pass, source, what string) {
	v := merge.BasicAuth(user, pass)
	if old, ok := r.Header["Authorization"]; ok && len(old) > 0 {
		s.Explain(merge.FieldName("Authorization"), strings.Join(old, ", "), r.Sources["Authorization"], merge.ActionRemove, "replaced by "+what+" (Header.Set)")
	}
	r.Header.Set("Authorization", v)
	r.SetSource("Authorization", source)
	s.Explain(merge.FieldName("Authorization"), v, source, merge.ActionSet, what+": Basic base64(user:password)")
}
