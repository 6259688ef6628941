package merge

import (
	"fmt"
	"strings"
)

// Go's net/http client. It has no client-level defaults: http.Client holds a
// Transport, CheckRedirect, a Jar and a Timeout, so the only client field of a
// scenario it can express is cookies (through a cookiejar). Everything else is
// the request the caller builds, and what Client.Do and the default Transport
// add to it.

var nethttpProfiles = []*Profile{nethttpProfile()}

const nethttpUA = "Go-http-client/1.1"

func nethttpProfile() *Profile {
	return &Profile{
		Library:  "net/http",
		Min:      "1.26.0",
		Max:      "1.27",
		Verified: Recorded,
		Recorded: []string{"1.26.8"},
		Runtime:  "go1.26.8 linux/amd64, HTTP/1.1 to a loopback echo server",
		Note: "Rules read from the go1.26.8 source; the whole go1.26 line is assumed to behave the same (none of the code paths " +
			"modelled here changed in go1.26 point releases as far as the source shows, but only go1.26.8 was recorded). " +
			"Over https the default transport may negotiate HTTP/2 (User-Agent Go-http-client/2.0, lower-case names); " +
			"the profile shows the HTTP/1.1 request.",
		Binding: "http.NewRequestWithContext(ctx, method, url, strings.NewReader(body)); request headers via Header.Add per value " +
			"(null: Header[CanonicalHeaderKey(k)] = nil); request cookies via AddCookie; auth via SetBasicAuth; client cookies " +
			"in a cookiejar (host-only, default path); Client.Do. No client headers, params, base URL or auth; no request " +
			"params, json or bearer auth: those are unsupported. Only strings: numbers and booleans are unsupported.",
		Switches: []Switch{
			{"client-defaults", "none (only a cookie Jar)"},
			{"header-names", "canonical (textproto.CanonicalMIMEHeaderKey)"},
			{"header-order", "Host, User-Agent, Content-Length, then sorted by name, then Accept-Encoding"},
			{"header-null", "nil value slice: key present, nothing sent"},
			{"header-array", "one line per value"},
			{"user-agent-empty", "suppresses the default"},
			{"accept-encoding-empty", "gzip still added (two lines)"},
			{"cookies", "request cookies, then jar cookies, appended to any Cookie header"},
			{"auth-vs-header", "SetBasicAuth replaces the header; URL userinfo only when no Authorization"},
		},
		Rules: []Rule{
			{
				Name: "client-has-no-defaults",
				Cite: goCite("net/http/client.go", "Client", 57),
				Doc:  "http.Client has only Transport, CheckRedirect, Jar and Timeout: client headers, params, base URL and auth cannot be expressed. client.cookies go into a cookiejar.",
				Apply: func(s *State) {
					for _, f := range ClientFieldsPresent(s.Client()) {
						if f != "cookies" {
							s.Unsupported("net/http has no client-level %s: http.Client has only Transport, CheckRedirect, Jar and Timeout", f)
							return
						}
					}
					jar, why := goMap(s.Client().Cookies, "client.cookies", false, false)
					if why != "" {
						s.Unsupported("%s", why)
						return
					}
					s.Vars["nh.jar"] = jar
				},
			},
			{
				Name:  "request-binding",
				Cite:  goCite("net/http/header.go", "Header", 24),
				Doc:   "Request values must be Go strings (Header is map[string][]string); net/http has no query-parameter, JSON or token option, so request params, json and bearer auth are unsupported.",
				Apply: nethttpBind,
			},
			{
				Name: "new-request",
				Cite: goCite("net/http/request.go", "NewRequestWithContext", 889),
				Doc:  "NewRequestWithContext parses the URL with net/url (an error is returned as is), drops an empty port, sets Request.Host from the URL and takes the body's length as ContentLength (an empty body becomes http.NoBody). The method is sent as given: \"get\" stays \"get\".",
				Apply: func(s *State) {
					b := Var[*nethttpBinding](s, "nh.bind")
					if b == nil {
						return
					}
					r, err := goNewRequest(b.method, b.url, []byte(b.body), b.hasBody)
					if err != nil {
						s.Raise(goErrorType(err), "%s", err.Error())
						return
					}
					s.Vars["go.req"] = r
					s.Explain("method", r.method, SourceRequest, ActionSet, "passed verbatim; net/http does not upper-case it")
					s.Explain("url", r.url.String(), SourceRequest, ActionSet, "net/url.Parse of the request URL; no base URL exists")
					if q := r.url.RawQuery; q != "" {
						for _, part := range strings.Split(q, "&") {
							name, _, _ := strings.Cut(part, "=")
							s.Explain(QueryField(name), part, SourceURL, ActionKeep, "the URL's query is sent exactly as written")
						}
					}
					if b.hasBody {
						s.Explain("body", b.body, SourceRequest, ActionSet, "strings.NewReader: ContentLength is its length")
					}
				},
			},
			{
				Name: "request-headers",
				Cite: goCite("net/http/header.go", "Header.Add", 30),
				Doc:  "Each request header is Header.Add-ed under its canonical name (x-foo → X-Foo), one value per array element, so two spellings of one name give two lines; null assigns a nil slice, which removes earlier values and sends nothing.",
				Apply: func(s *State) {
					b, r := Var[*nethttpBinding](s, "nh.bind"), goReq(s)
					if b == nil || r == nil {
						return
					}
					goApplyAddHeaders(s, r, b.headers, SourceRequest)
				},
			},
			{
				Name: "request-cookies",
				Cite: goCite("net/http/request.go", "Request.AddCookie", 464),
				Doc:  "AddCookie appends name=value to the first Cookie value with \"; \" (so it extends a Cookie header); values lose bytes outside printable ASCII and '\"' ';' '\\\\', and are quoted when they contain a space or comma.",
				Apply: func(s *State) {
					b, r := Var[*nethttpBinding](s, "nh.bind"), goReq(s)
					if b == nil || r == nil {
						return
					}
					goApplyCookies(s, r, b.cookies, SourceCookies, "request cookie")
				},
			},
			{
				Name: "set-basic-auth",
				Cite: goCite("net/http/request.go", "Request.SetBasicAuth", 1022),
				Doc:  "SetBasicAuth is Header.Set(\"Authorization\", \"Basic \"+base64(user:pass)): it replaces an Authorization header.",
				Apply: func(s *State) {
					b, r := Var[*nethttpBinding](s, "nh.bind"), goReq(s)
					if b == nil || r == nil || b.auth == nil {
						return
					}
					goSetBasicAuth(s, r, b.auth.username, b.auth.password, SourceAuth, "request auth")
				},
			},
			{
				Name: "jar-cookies",
				Cite: goCite("net/http/client.go", "Client.send", 174),
				Doc:  "Client.send calls AddCookie for each cookie the Jar returns for the URL, after the request's own cookies and without de-duplication. The binding's host-only cookies with the default path always match the same URL (http and https only).",
				Apply: func(s *State) {
					jar, r := Var[[]goEntry](s, "nh.jar"), goReq(s)
					if r == nil || len(jar) == 0 {
						return
					}
					if r.url.Scheme != "http" && r.url.Scheme != "https" {
						s.Explain(FieldName("Cookie"), "", SourceClient, ActionIgnore, "the cookiejar keeps cookies for http and https URLs only")
						return
					}
					goApplyCookies(s, r, jar, SourceClient, "client (cookiejar) cookie")
				},
			},
			goURLUserinfoRule(),
			goTransportChecksRule(),
			goAcceptEncodingRule(),
			goWriteRule(nethttpUA),
		},
	}
}

// nethttpBinding is the scenario read as the runner's calls.
type nethttpBinding struct {
	method, url string
	body        string
	hasBody     bool
	headers     []goEntry
	cookies     []goEntry
	auth        *goAuth
}

// nethttpBind checks the request side in the runner's order.
func nethttpBind(s *State) {
	rq := s.Request()
	present := RequestFieldsPresent(rq)
	for _, f := range present {
		switch f {
		case "params":
			s.Unsupported("net/http has no query-parameter option; the caller builds the URL")
			return
		case "json":
			s.Unsupported("net/http has no JSON body option; the caller marshals the body")
			return
		}
	}
	if why := goCheckFields(present, "request", "method", "url", "headers", "cookies", "auth", "body", "via"); why != "" {
		s.Unsupported("%s", why)
		return
	}
	b := &nethttpBinding{}
	var why goReason
	via, ok, why := goString(rq.Via, "request.via")
	if why == "" && ok && via != "Do" {
		why = fmt.Sprintf("request.via %q: the net/http binding sends with Client.Do only", via)
	}
	if why == "" {
		var ok bool
		b.method, ok, why = goString(rq.Method, "request.method")
		if !ok {
			b.method = "GET"
		}
	}
	if why == "" {
		b.url, _, why = goString(rq.URL, "request.url")
	}
	if why == "" {
		b.body, b.hasBody, why = goString(rq.Body, "request.body")
	}
	if why == "" {
		b.headers, why = goMap(rq.Headers, "request.headers", true, true)
	}
	if why == "" {
		b.cookies, why = goMap(rq.Cookies, "request.cookies", false, false)
	}
	if why == "" {
		b.auth, why = goReadAuth(rq.Auth, "request.auth")
	}
	if why == "" && b.auth != nil && !b.auth.basic {
		why = "net/http has no token auth option; the caller sets the Authorization header"
	}
	if why != "" {
		s.Unsupported("%s", why)
		return
	}
	s.Vars["nh.bind"] = b
}

// goApplyAddHeaders applies entries with Header.Add (null: nil slice).
func goApplyAddHeaders(s *State, r *goRequest, es []goEntry, source string) {
	for _, e := range es {
		k := goCanonicalKey(e.key)
		note := ""
		if k != e.key {
			note = e.key + " is canonicalized to " + k
		}
		if e.null {
			if len(r.header[k]) > 0 {
				s.Explain(FieldName(k), strings.Join(r.header[k], ", "), r.src[k], ActionRemove, "removed by "+e.key+": null (a nil value slice)")
			} else {
				s.Explain(FieldName(k), "", source, ActionRemove, "null: the key is present with no values, so nothing is sent")
			}
			r.header[k] = nil
			r.setSource(k, source)
			continue
		}
		if len(e.vals) == 0 {
			s.Explain(FieldName(k), "", source, ActionIgnore, "an empty array adds nothing")
		}
		for _, v := range e.vals {
			r.header.add(k, v)
			r.setSource(k, source)
			n := note
			if len(r.header[k]) > 1 {
				n = strings.TrimPrefix(n+"; Header.Add: another line for the same name", "; ")
			}
			s.Explain(FieldName(k), v, source, ActionSet, n)
		}
	}
}

// goApplyCookies applies AddCookie for each entry.
func goApplyCookies(s *State, r *goRequest, es []goEntry, source, what string) {
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
		s.Explain(FieldName("Cookie"), pair, source, ActionSet, note)
	}
}

// goSetBasicAuth is Request.SetBasicAuth.
func goSetBasicAuth(s *State, r *goRequest, user, pass, source, what string) {
	v := BasicAuth(user, pass)
	action := ActionSet
	if old, ok := r.header["Authorization"]; ok && len(old) > 0 {
		action = ActionOverride
		s.Explain(FieldName("Authorization"), strings.Join(old, ", "), r.src["Authorization"], ActionRemove, "replaced by "+what+" (Header.Set)")
	}
	r.header.set("Authorization", v)
	r.setSource("Authorization", source)
	s.Explain(FieldName("Authorization"), v, source, action, what+": Basic base64(user:password)")
}
