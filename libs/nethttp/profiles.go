package nethttp

import (
	"fmt"
	"strings"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/gohttp"
)

// Go's net/http client. It has no client-level defaults: http.Client holds a
// Transport, CheckRedirect, a Jar and a Timeout, so the only client field of a
// scenario it can express is cookies (through a cookiejar). Everything else is
// the request the caller builds, and what Client.Do and the default Transport
// add to it.

func profiles() []*merge.Profile {
	return []*merge.Profile{profile()}
}

func profile() *merge.Profile {
	return &merge.Profile{
		Library:  "net/http",
		Min:      "1.26.0",
		Max:      "1.28",
		Verified: merge.Recorded,
		Runtime:  "go1.26.8 and go1.27.3 linux/amd64, HTTP/1.1 to a loopback echo server",
		// Boundary citation (to move into the profile's boundary field when it lands).
		Note: "Rules read from the go1.26.8 source. go1.27.3 (run through GOTOOLCHAIN) recorded every case identically to go1.26.8, " +
			"User-Agent Go-http-client/1.1 included (net/http's defaultUserAgent carries no Go version), so the range runs to the " +
			"end of go1.27. Only those two toolchains are reachable here: the other go1.26 and go1.27 point releases are assumed, " +
			"not recorded. " +
			"Over https the default transport may negotiate HTTP/2 (User-Agent Go-http-client/2.0, lower-case names); " +
			"the profile shows the HTTP/1.1 request.",
		Binding: "http.NewRequestWithContext(ctx, method, url, strings.NewReader(body)); request headers via Header.Add per value " +
			"(null: Header[CanonicalHeaderKey(k)] = nil); request cookies via AddCookie; auth via SetBasicAuth; client cookies " +
			"in a cookiejar (host-only, default path); Client.Do. No client headers, params, base URL or auth; no request " +
			"params, json or bearer auth: those are unsupported. Only strings: numbers and booleans are unsupported.",
		Switches: []merge.Switch{
			{Name: "client-defaults", Value: "none (only a cookie Jar)"},
			{Name: "header-names", Value: "canonical (textproto.CanonicalMIMEHeaderKey)"},
			{Name: "header-order", Value: "Host, User-Agent, Content-Length, then sorted by name, then Accept-Encoding"},
			{Name: "header-null", Value: "nil value slice: key present, nothing sent"},
			{Name: "header-array", Value: "one line per value"},
			{Name: "user-agent-empty", Value: "suppresses the default"},
			{Name: "accept-encoding-empty", Value: "gzip still added (two lines)"},
			{Name: "cookies", Value: "request cookies, then jar cookies, appended to any Cookie header"},
			{Name: "auth-vs-header", Value: "SetBasicAuth replaces the header; URL userinfo only when no Authorization"},
		},
		Rules: []merge.Rule{
			gohttp.DecodeRule(),
			{
				Name: "client-has-no-defaults",
				Cite: gohttp.Cite("net/http/client.go", "Client", 57),
				Doc:  "http.Client has only Transport, CheckRedirect, Jar and Timeout: client headers, params, base URL and auth cannot be expressed. client.cookies go into a cookiejar.",
				Apply: func(s *merge.State) {
					for _, f := range merge.ClientFieldsPresent(s.Client()) {
						if f != "cookies" {
							s.Unsupported("net/http has no client-level %s: http.Client has only Transport, CheckRedirect, Jar and Timeout", f)
							return
						}
					}
					jar, why := gohttp.Map(s.Client().Cookies, "client.cookies", false, false)
					if why != "" {
						s.Unsupported("%s", why)
						return
					}
					s.Vars["nh.jar"] = jar
				},
			},
			{
				Name:  "request-binding",
				Cite:  gohttp.Cite("net/http/header.go", "Header", 24),
				Doc:   "Request values must be Go strings (Header is map[string][]string); net/http has no query-parameter, JSON or token option, so request params, json and bearer auth are unsupported.",
				Apply: bind,
			},
			{
				Name: "new-request",
				Cite: gohttp.Cite("net/http/request.go", "NewRequestWithContext", 889),
				Doc:  "NewRequestWithContext parses the URL with net/url (an error is returned as is), drops an empty port, sets Request.Host from the URL and takes the body's length as ContentLength (an empty body becomes http.NoBody). The method is sent as given: \"get\" stays \"get\".",
				Apply: func(s *merge.State) {
					b := merge.Var[*binding](s, "nh.bind")
					if b == nil {
						return
					}
					r, err := gohttp.NewRequest(b.method, b.url, []byte(b.body), b.hasBody)
					if err != nil {
						s.Raise(gohttp.ErrorType(err), "%s", err.Error())
						return
					}
					s.Vars["go.req"] = r
					s.Explain("method", r.Method, merge.SourceRequest, merge.ActionSet, "passed verbatim; net/http does not upper-case it")
					s.Explain("url", r.URL.String(), merge.SourceRequest, merge.ActionSet, "net/url.Parse of the request URL; no base URL exists")
					if q := r.URL.RawQuery; q != "" {
						for _, part := range strings.Split(q, "&") {
							name, _, _ := strings.Cut(part, "=")
							s.Explain(merge.QueryField(name), part, merge.SourceURL, merge.ActionKeep, "the URL's query is sent exactly as written")
						}
					}
					if b.hasBody {
						s.Explain("body", b.body, merge.SourceRequest, merge.ActionSet, "strings.NewReader: ContentLength is its length")
					}
				},
			},
			{
				Name: "request-headers",
				Cite: gohttp.Cite("net/http/header.go", "Header.Add", 30),
				Doc:  "Each request header is Header.Add-ed under its canonical name (x-foo → X-Foo), one value per array element, so two spellings of one name give two lines; null assigns a nil slice, which removes earlier values and sends nothing.",
				Apply: func(s *merge.State) {
					b, r := merge.Var[*binding](s, "nh.bind"), gohttp.RequestOf(s)
					if b == nil || r == nil {
						return
					}
					goApplyAddHeaders(s, r, b.headers, merge.SourceRequest)
				},
			},
			{
				Name: "request-cookies",
				Cite: gohttp.Cite("net/http/request.go", "Request.AddCookie", 464),
				Doc:  "AddCookie appends name=value to the first Cookie value with \"; \" (so it extends a Cookie header); values lose bytes outside printable ASCII and '\"' ';' '\\\\', and are quoted when they contain a space or comma.",
				Apply: func(s *merge.State) {
					b, r := merge.Var[*binding](s, "nh.bind"), gohttp.RequestOf(s)
					if b == nil || r == nil {
						return
					}
					gohttp.ApplyCookies(s, r, b.cookies, merge.SourceCookies, "request cookie")
				},
			},
			{
				Name: "set-basic-auth",
				Cite: gohttp.Cite("net/http/request.go", "Request.SetBasicAuth", 1022),
				Doc:  "SetBasicAuth is Header.Set(\"Authorization\", \"Basic \"+base64(user:pass)): it replaces an Authorization header.",
				Apply: func(s *merge.State) {
					b, r := merge.Var[*binding](s, "nh.bind"), gohttp.RequestOf(s)
					if b == nil || r == nil || b.auth == nil {
						return
					}
					gohttp.SetBasicAuth(s, r, b.auth.Username, b.auth.Password, merge.SourceAuth, "request auth")
				},
			},
			{
				Name: "jar-cookies",
				Cite: gohttp.Cite("net/http/client.go", "Client.send", 174),
				Doc:  "Client.send calls AddCookie for each cookie the Jar returns for the URL, after the request's own cookies and without de-duplication. The binding's host-only cookies with the default path always match the same URL (http and https only).",
				Apply: func(s *merge.State) {
					jar, r := merge.Var[[]gohttp.Entry](s, "nh.jar"), gohttp.RequestOf(s)
					if r == nil || len(jar) == 0 {
						return
					}
					if r.URL.Scheme != "http" && r.URL.Scheme != "https" {
						s.Explain(merge.FieldName("Cookie"), "", merge.SourceClient, merge.ActionIgnore, "the cookiejar keeps cookies for http and https URLs only")
						return
					}
					gohttp.ApplyCookies(s, r, jar, merge.SourceClient, "client (cookiejar) cookie")
				},
			},
			gohttp.URLUserinfoRule(),
			gohttp.TransportChecksRule(),
			gohttp.AcceptEncodingRule(),
			gohttp.WriteRule(gohttp.DefaultUserAgent),
		},
	}
}

// binding is the scenario read as the runner's calls.
type binding struct {
	method, url string
	body        string
	hasBody     bool
	headers     []gohttp.Entry
	cookies     []gohttp.Entry
	auth        *gohttp.Auth
}

// bind checks the request side in the runner's order.
func bind(s *merge.State) {
	rq := s.Request()
	present := merge.RequestFieldsPresent(rq)
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
	if why := gohttp.CheckFields(present, "request", "method", "url", "headers", "cookies", "auth", "body", "via"); why != "" {
		s.Unsupported("%s", why)
		return
	}
	b := &binding{}
	var why gohttp.Reason
	via, ok, why := gohttp.String(rq.Via, "request.via")
	if why == "" && ok && via != "Do" {
		why = fmt.Sprintf("request.via %q: the net/http binding sends with Client.Do only", via)
	}
	if why == "" {
		var ok bool
		b.method, ok, why = gohttp.String(rq.Method, "request.method")
		if !ok {
			b.method = "GET"
		}
	}
	if why == "" {
		b.url, _, why = gohttp.String(rq.URL, "request.url")
	}
	if why == "" {
		b.body, b.hasBody, why = gohttp.String(rq.Body, "request.body")
	}
	if why == "" {
		b.headers, why = gohttp.Map(rq.Headers, "request.headers", true, true)
	}
	if why == "" {
		b.cookies, why = gohttp.Map(rq.Cookies, "request.cookies", false, false)
	}
	if why == "" {
		b.auth, why = gohttp.ReadAuth(rq.Auth, "request.auth")
	}
	if why == "" && b.auth != nil && !b.auth.Basic {
		why = "net/http has no token auth option; the caller sets the Authorization header"
	}
	if why != "" {
		s.Unsupported("%s", why)
		return
	}
	s.Vars["nh.bind"] = b
}

// goApplyAddHeaders applies entries with Header.Add (null: nil slice).
func goApplyAddHeaders(s *merge.State, r *gohttp.Request, es []gohttp.Entry, source string) {
	for _, e := range es {
		k := gohttp.CanonicalKey(e.Key)
		note := ""
		if k != e.Key {
			note = e.Key + " is canonicalized to " + k
		}
		if e.Null {
			if len(r.Header[k]) > 0 {
				s.Explain(merge.FieldName(k), strings.Join(r.Header[k], ", "), r.Sources[k], merge.ActionRemove, "removed by "+e.Key+": null (a nil value slice)")
			} else {
				s.Explain(merge.FieldName(k), "", source, merge.ActionRemove, "null: the key is present with no values, so nothing is sent")
			}
			r.Header[k] = nil
			r.SetSource(k, source)
			continue
		}
		if len(e.Vals) == 0 {
			s.Explain(merge.FieldName(k), "", source, merge.ActionIgnore, "an empty array adds nothing")
		}
		for _, v := range e.Vals {
			r.Header.Add(k, v)
			r.SetSource(k, source)
			n := note
			if len(r.Header[k]) > 1 {
				n = strings.TrimPrefix(n+"; Header.Add: another line for the same name", "; ")
			}
			s.Explain(merge.FieldName(k), v, source, merge.ActionSet, n)
		}
	}
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way Go does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("go", recordedReleases.Apply(profiles()...)...)
})
