package all

import (
	"strings"

	"github.com/mergeplay/mergeplay/merge"
)

const nethttpUA = "Go-http-client/1.1"

// goApplyCookies applies AddCookie for each entry.
func goApplyCookies(s *merge.State, r *goRequest, es []goEntry, source, what string) {
	for _, e := range es {
		if len(e.vals) == 0 {
			continue
		}
		pair, dropped := goCookiePair(e.key, e.vals[0])
		had := r.header.get("Cookie") != ""
		goAddCookie(r.header, pair)
		r.setSource("Cookie", source)
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

// goSetBasicAuth is Request.SetBasicAuth.
func goSetBasicAuth(s *merge.State, r *goRequest, user, pass, source, what string) {
	v := merge.BasicAuth(user, pass)
	action := merge.ActionSet
	if old, ok := r.header["Authorization"]; ok && len(old) > 0 {
		action = merge.ActionOverride
		s.Explain(merge.FieldName("Authorization"), strings.Join(old, ", "), r.src["Authorization"], merge.ActionRemove, "replaced by "+what+" (Header.Set)")
	}
	r.header.set("Authorization", v)
	r.setSource("Authorization", source)
	s.Explain(merge.FieldName("Authorization"), v, source, action, what+": Basic base64(user:password)")
}
