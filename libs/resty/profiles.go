package resty

import (
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/gohttp"
)

// go-resty v2: client defaults live on resty.Client and are merged into each
// Request by its before-request middlewares (middleware.go), in order:
// parseRequestURL, parseRequestHeader, parseRequestBody, createHTTPRequest,
// addCredentials. The http.Request it builds then goes through net/http's
// Client.Do, which is modelled in model/gohttp.

// The current profile's Since is set here, not in profile(), which legacyProfile starts from.
func profiles() []*merge.Profile {
	return []*merge.Profile{legacyProfile(), profile().StartingAt(merge.Boundary{
		Ref: "go-resty/resty#1003", URL: "https://github.com/go-resty/resty/pull/1003",
		Doc: "parseRequestBody turns a nil request body into http.NoBody (middleware.go, v2.16.5..v2.17.1 module diff; 2.17.0 is not on the proxy), " +
			"so a POST, PUT or PATCH without a body goes out chunked instead of with Content-Length: 0"})}
}

// The tags the rules are read at: the newest release of each profile's range.
const (
	tag       = "v2.17.2"
	legacyTag = "v2.16.5"
)

func cite(file, fn string, line int) merge.Cite { return citeAt(tag, file, fn, line) }

func citeAt(tag, file, fn string, line int) merge.Cite {
	return merge.Cite{File: file, Func: fn, Tag: tag,
		URL: fmt.Sprintf("https://github.com/go-resty/resty/blob/%s/%s#L%d", tag, file, line)}
}

// bodyRaise is where handleRequestBody, which parseRequestBody calls, rejects a body: the
// parse-request-body rule's Also, at the tag of the running profile.
func bodyRaise(s *merge.State) merge.Cite {
	for _, r := range s.Profile.Rules {
		if r.Name == "parse-request-body" && len(r.Also) == 1 {
			return r.Also[0]
		}
	}
	return merge.Cite{}
}

func profile() *merge.Profile {
	return &merge.Profile{
		Library:  "resty",
		Min:      "2.17.1",
		Max:      "2.18",
		Verified: merge.Recorded,
		Runtime:  "github.com/go-resty/resty/v2 v2.17.2 on go1.26.8, HTTP/1.1 to a loopback echo server",
		Note: "Read from the v2.17.2 source. v2.17.1 differs only in not cloning the header map (not visible on the wire), " +
			"so the range starts there; v2.17.0 also sends Content-Type: application/json on a request without a body " +
			"(handleContentType lacked the http.NoBody check), and v2.16.x and older send no http.NoBody at all " +
			"(Content-Length: 0 rather than Transfer-Encoding: chunked) and pick the auth scheme differently. " +
			"v2.17.2 is the newest v2 release, so no later version is claimed. resty v3 (resty.dev/v3) is a different profile.",
		Binding: "resty.New(); client: SetBaseURL, SetHeader (array: Header.Del + Add; null: nil slice), SetQueryParam " +
			"(array: QueryParam.Del + Add; null: nil), SetCookie, SetBasicAuth / SetAuthToken. Request c.R(): SetHeader " +
			"(array: SetHeaderMultiValues, joined \", \"; null: nil slice), SetQueryParam (array: SetQueryParamsFromValues; " +
			"null: nil), SetCookie, SetBasicAuth / SetAuthToken, SetBody (json decoded as encoding/json does, objects in " +
			"document order; or the raw body string), Execute(method, url). auth: null, numbers and booleans are unsupported.",
		Switches: []merge.Switch{
			{Name: "header-names", Value: "canonical (textproto.CanonicalMIMEHeaderKey)"},
			{Name: "header-merge", Value: "client key copied unless the request has the key"},
			{Name: "header-null", Value: "nil value slice hides the client's header"},
			{Name: "header-array", Value: "request: one line joined with \", \"; client: one line per value"},
			{Name: "user-agent-empty", Value: "resty default (cannot be removed)"},
			{Name: "header-order", Value: "Host, User-Agent, Content-Length, then sorted by name, then Accept-Encoding"},
			{Name: "base-url", Value: "strip trailing '/', then string concatenation with a '/'-prefixed path"},
			{Name: "absolute-url", Value: "escapes the base; client headers, params, cookies and auth still apply"},
			{Name: "url-query", Value: "append (client/request params encoded sorted after the URL's own query)"},
			{Name: "params-client-vs-request", Value: "request key replaces the client key"},
			{Name: "cookies", Value: "client cookies, then request cookies, both sent"},
			{Name: "auth-null", Value: "unsupported (cannot clear client auth)"},
			{Name: "auth-precedence", Value: "token over Basic; request over client; auth over an Authorization header"},
			{Name: "empty-body-post", Value: "Transfer-Encoding: chunked"},
		},
		Rules: rules(tag),
	}
}

// rules are the same middlewares for every v2 release from 2.7.0; where a
// release differs, the rule asks factsFor(s.Version).
func rules(tag string) []merge.Rule {
	// at picks a function's line at the profile's tag (v2.17.2, else v2.16.5).
	at := func(l2172, l2165 int) int {
		if tag == legacyTag {
			return l2165
		}
		return l2172
	}
	cite := func(file, fn string, line int) merge.Cite { return citeAt(tag, file, fn, line) }
	return []merge.Rule{
		gohttp.DecodeRule(),
		{
			Name:  "client-settings",
			Cite:  cite("client.go", "Client.SetBaseURL", 193),
			Doc:   "The client's base URL (trailing '/' stripped), headers (Header.Set, canonical), query params (QueryParam.Set), cookies and Basic credentials or token are stored on the Client; they are merged only when a request executes.",
			Apply: clientSettings,
		},
		{
			Name:  "request-settings",
			Cite:  cite("request.go", "Request.SetHeaderMultiValues", 159),
			Doc:   "R() starts empty (it copies only the auth scheme). SetHeader is Header.Set, so x-foo after X-Foo replaces it; SetHeaderMultiValues joins an array into one value with \", \" (an empty array sends an empty header); SetQueryParamsFromValues adds each value. resty v2 has no way to clear client auth on a request.",
			Apply: requestSettings,
		},
		{
			Name:  "parse-request-url",
			Cite:  cite("middleware.go", "parseRequestURL", 29),
			Doc:   "A relative URL is re-serialized, given a leading '/', and string-concatenated to the base URL, then parsed (so ../ and // are kept, and a query in the base swallows the path). Client params whose key the request lacks are copied; all are encoded sorted by key (url.Values.Encode) and appended to the URL's own query with '&'.",
			Apply: parseURL,
		},
		{
			Name:  "parse-request-header",
			Cite:  cite("middleware.go", "parseRequestHeader", 171),
			Doc:   "Client headers are copied for keys the request lacks (a request key with a nil value hides one). User-Agent is set to go-resty's when blank. When Content-Type is JSON or XML and Accept is blank, Accept becomes the Content-Type.",
			Apply: parseHeader,
		},
		{
			Name:  "parse-request-body",
			Cite:  cite("middleware.go", "parseRequestBody", 190),
			Also:  []merge.Cite{cite("middleware.go", "handleRequestBody", at(549, 541))},
			Doc:   "GET, HEAD and OPTIONS (exact, upper case) carry no body. Otherwise no body becomes http.NoBody; a string is sent as is with Content-Type text/plain; charset=utf-8 unless one is set; an object or array is JSON (HTML-escaped) with application/json, and fails unless the Content-Type is JSON; a number or boolean fails: \"unsupported 'Body' type/value\".",
			Apply: parseBody,
		},
		{
			Name:  "create-http-request",
			Cite:  cite("middleware.go", "createHTTPRequest", at(224, 220)),
			Doc:   "http.NewRequest with the body buffer (or http.NoBody, which getBodyCopy then replaces with an unsized reader, so a POST without body goes out chunked); the merged headers are cloned, then client cookies and request cookies are added with AddCookie.",
			Apply: createRequest,
		},
		{
			Name: "host-header",
			Cite: cite("client.go", "Client.executeBefore", at(1225, 1190)),
			Doc:  "A non-empty Host header (request or client) becomes http.Request.Host, which net/http sends as the Host line.",
			Apply: func(s *merge.State) {
				st, r := merge.Var[*state](s, "resty"), gohttp.RequestOf(s)
				if st == nil || r == nil {
					return
				}
				if h := st.rHeader.Get("Host"); h != "" {
					r.Host = h
					r.SetSource("Host", st.rSrc["Host"])
					s.Explain(merge.FieldName("Host"), h, st.rSrc["Host"], merge.ActionOverride, "the Host header replaces the URL's host as Request.Host")
				}
			},
		},
		{
			Name:  "add-credentials",
			Cite:  cite("middleware.go", "addCredentials", at(288, 284)),
			Doc:   "Basic credentials (the request's, else the client's) are SetBasicAuth-ed, then a non-blank token (the request's, else the client's) is Header.Set as \"Bearer <token>\": token beats Basic at any level, and both replace an Authorization header.",
			Apply: addCredentials,
		},
		gohttp.URLUserinfoRule(),
		joinDoErrors(tag, gohttp.TransportChecksRule()),
		gohttp.AcceptEncodingRule(),
		joinDoErrors(tag, gohttp.WriteRule(gohttp.DefaultUserAgent)),
	}
}

// state is the resty.Client and resty.Request being built.
type state struct {
	baseURL  string
	cHeader  gohttp.Header
	cQuery   url.Values
	cCookies []gohttp.Entry
	cUser    *gohttp.Auth
	cToken   string

	method, url string
	rHeader     gohttp.Header
	rSrc        map[string]string
	rQuery      url.Values
	rCookies    []gohttp.Entry
	rUser       *gohttp.Auth
	rToken      string
	rTokenSet   bool // SetAuthToken was called on the request
	body        any  // what SetBody got: nil, string, bool, float64, []any, JSONObject

	finalURL string
	bodyMode gohttp.BodyMode // after parseRequestBody: nil, NoBody reader, or a buffer
	bodyBuf  []byte
}

func clientSettings(s *merge.State) {
	cl := s.Client()
	if why := gohttp.CheckFields(merge.ClientFieldsPresent(cl), "client", "base_url", "headers", "params", "cookies", "auth"); why != "" {
		s.Unsupported("%s", why)
		return
	}
	st := &state{cHeader: gohttp.Header{}, cQuery: url.Values{}, rHeader: gohttp.Header{}, rSrc: map[string]string{}, rQuery: url.Values{}}
	base, ok, why := gohttp.String(cl.BaseURL, "client.base_url")
	if why != "" {
		s.Unsupported("%s", why)
		return
	}
	if ok {
		st.baseURL = strings.TrimRight(base, "/")
		s.Explain("url", st.baseURL, merge.SourceClient, merge.ActionSet, "SetBaseURL strips trailing '/' from "+base)
	}
	hs, why := gohttp.Map(cl.Headers, "client.headers", true, true)
	if why != "" {
		s.Unsupported("%s", why)
		return
	}
	for _, e := range hs {
		k := gohttp.CanonicalKey(e.Key)
		switch {
		case e.Null:
			st.cHeader[k] = nil
		case e.Multi:
			delete(st.cHeader, k)
			for _, v := range e.Vals {
				st.cHeader.Add(k, v)
			}
		default:
			st.cHeader.Set(k, e.Vals[0])
		}
	}
	ps, why := gohttp.Map(cl.Params, "client.params", true, true)
	if why != "" {
		s.Unsupported("%s", why)
		return
	}
	for _, e := range ps {
		switch {
		case e.Null:
			st.cQuery[e.Key] = nil
		case e.Multi:
			st.cQuery.Del(e.Key)
			for _, v := range e.Vals {
				st.cQuery.Add(e.Key, v)
			}
		default:
			st.cQuery.Set(e.Key, e.Vals[0])
		}
	}
	if st.cCookies, why = gohttp.Map(cl.Cookies, "client.cookies", false, false); why != "" {
		s.Unsupported("%s", why)
		return
	}
	auth, why := gohttp.ReadAuth(cl.Auth, "client.auth")
	if why != "" {
		s.Unsupported("%s", why)
		return
	}
	switch {
	case auth == nil:
	case auth.Basic:
		st.cUser = auth
	default:
		st.cToken = auth.Bearer
	}
	s.Vars["resty"] = st
}

func requestSettings(s *merge.State) {
	st := merge.Var[*state](s, "resty")
	if st == nil {
		return
	}
	rq := s.Request()
	if why := gohttp.CheckFields(merge.RequestFieldsPresent(rq), "request", "method", "url", "headers", "params", "cookies", "auth", "json", "body", "via"); why != "" {
		s.Unsupported("%s", why)
		return
	}
	fail := func(why gohttp.Reason) bool {
		if why != "" {
			s.Unsupported("%s", why)
		}
		return why != ""
	}
	via, ok, why := gohttp.String(rq.Via, "request.via")
	if fail(why) {
		return
	}
	if ok && via != "Execute" {
		s.Unsupported("request.via %q: the resty binding sends with Request.Execute only", via)
		return
	}
	if st.method, ok, why = gohttp.String(rq.Method, "request.method"); fail(why) {
		return
	}
	if !ok {
		st.method = "GET"
	}
	if st.url, _, why = gohttp.String(rq.URL, "request.url"); fail(why) {
		return
	}
	hs, why := gohttp.Map(rq.Headers, "request.headers", true, true)
	if fail(why) {
		return
	}
	for _, e := range hs {
		k := gohttp.CanonicalKey(e.Key)
		switch {
		case e.Null:
			st.rHeader[k] = nil
		case e.Multi:
			st.rHeader.Set(k, strings.Join(e.Vals, ", "))
		default:
			st.rHeader.Set(k, e.Vals[0])
		}
		st.rSrc[k] = merge.SourceRequest
	}
	ps, why := gohttp.Map(rq.Params, "request.params", true, true)
	if fail(why) {
		return
	}
	for _, e := range ps {
		switch {
		case e.Null:
			st.rQuery[e.Key] = nil
		case e.Multi:
			for _, v := range e.Vals {
				st.rQuery.Add(e.Key, v)
			}
		default:
			st.rQuery.Set(e.Key, e.Vals[0])
		}
	}
	if st.rCookies, why = gohttp.Map(rq.Cookies, "request.cookies", false, false); fail(why) {
		return
	}
	if rq.Auth.Kind == merge.Null {
		s.Unsupported("resty v2 cannot clear auth on a request: an empty credential or token falls back to the client's")
		return
	}
	auth, why := gohttp.ReadAuth(rq.Auth, "request.auth")
	if fail(why) {
		return
	}
	switch {
	case auth == nil:
	case auth.Basic:
		st.rUser = auth
	default:
		st.rToken, st.rTokenSet = auth.Bearer, true
	}
	if rq.JSON.Present() && rq.Body.Present() {
		s.Unsupported("request.json and request.body: resty has one body (SetBody); give one of them")
		return
	}
	if rq.JSON.Present() {
		if st.body, why = gohttp.JSONValue(rq.JSON, "request.json"); fail(why) {
			return
		}
	}
	if rq.Body.Present() {
		b, _, why := gohttp.String(rq.Body, "request.body")
		if fail(why) {
			return
		}
		st.body = b
	}
}

func parseURL(s *merge.State) {
	st := merge.Var[*state](s, "resty")
	if st == nil {
		return
	}
	u, err := url.Parse(st.url)
	if err != nil {
		s.Raise(gohttp.ErrorType(err), "%s", err.Error())
		return
	}
	urlSrc, note := merge.SourceRequest, "an absolute request URL is used as is (the base URL is ignored)"
	if !u.IsAbs() {
		p := u.String()
		if len(p) > 0 && p[0] != '/' {
			p = "/" + p
		}
		joined := st.baseURL + p
		u, err = url.Parse(joined)
		if err != nil {
			s.Raise(gohttp.ErrorType(err), "%s", err.Error())
			return
		}
		urlSrc, note = merge.SourceClient, fmt.Sprintf("base %q + %q (string concatenation)", st.baseURL, p)
	}
	for _, part := range strings.Split(u.RawQuery, "&") {
		if part != "" {
			name, _, _ := strings.Cut(part, "=")
			s.Explain(merge.QueryField(name), part, merge.SourceURL, merge.ActionKeep, "the URL's own query is kept verbatim, in front")
		}
	}
	if len(st.cQuery)+len(st.rQuery) > 0 {
		from := map[string]string{}
		for k := range st.rQuery {
			from[k] = merge.SourceRequest
		}
		for k, v := range st.cQuery {
			if _, ok := st.rQuery[k]; ok {
				if len(v) > 0 {
					s.Explain(merge.QueryField(k), strings.Join(v, ","), merge.SourceClient, merge.ActionRemove, "the request has this key (all client values are replaced)")
				}
				continue
			}
			st.rQuery[k] = v
			from[k] = merge.SourceClient
		}
		if len(st.rQuery) > 0 {
			enc := st.rQuery.Encode()
			if strings.TrimSpace(u.RawQuery) == "" {
				u.RawQuery = enc
			} else {
				u.RawQuery = u.RawQuery + "&" + enc
			}
			for _, k := range goSortedKeys(st.rQuery) {
				vs := st.rQuery[k]
				if vs == nil {
					s.Explain(merge.QueryField(k), "", from[k], merge.ActionRemove, "null: the key has no values, so nothing is encoded")
				}
				for _, v := range vs {
					s.Explain(merge.QueryField(k), v, from[k], merge.ActionSet, "encoded by url.Values.Encode, keys sorted")
				}
			}
		}
	}
	st.finalURL = u.String()
	s.Explain("url", st.finalURL, urlSrc, merge.ActionSet, note)
}

func goSortedKeys(v url.Values) []string {
	h := gohttp.Header(v)
	return h.SortedKeys()
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func parseHeader(s *merge.State) {
	st := merge.Var[*state](s, "resty")
	if st == nil {
		return
	}
	for _, k := range st.cHeader.SortedKeys() {
		v := st.cHeader[k]
		if _, ok := st.rHeader[k]; ok {
			if len(v) > 0 {
				why := "the request sets " + k
				if st.rHeader[k] == nil {
					why = "hidden by the request's " + k + ": null (a nil value slice)"
				}
				s.Explain(merge.FieldName(k), strings.Join(v, ", "), merge.SourceClient, merge.ActionRemove, why)
			}
			continue
		}
		st.rHeader[k] = v
		st.rSrc[k] = merge.SourceClient
		for _, x := range v {
			s.Explain(merge.FieldName(k), x, merge.SourceClient, merge.ActionSet, "client header copied: the request has no "+k)
		}
	}
	for _, k := range st.rHeader.SortedKeys() {
		if st.rSrc[k] == merge.SourceRequest {
			for _, x := range st.rHeader[k] {
				s.Explain(merge.FieldName(k), x, merge.SourceRequest, merge.ActionSet, "")
			}
		}
	}
	if blank(st.rHeader.Get("User-Agent")) {
		ua := "go-resty/" + factsFor(s.Version).uaVersion + " (https://github.com/go-resty/resty)"
		note := "resty's default"
		if _, ok := st.rHeader["User-Agent"]; ok {
			note = "a blank or null User-Agent is replaced by resty's default: it cannot be removed"
		}
		st.rHeader.Set("User-Agent", ua)
		st.rSrc["User-Agent"] = merge.SourceDefault
		s.Explain(merge.FieldName("User-Agent"), ua, merge.SourceDefault, merge.ActionSet, note)
	}
	if ct := st.rHeader.Get("Content-Type"); blank(st.rHeader.Get("Accept")) && !blank(ct) && (isType(ct, "json") || isType(ct, "xml")) {
		st.rHeader.Set("Accept", ct)
		st.rSrc["Accept"] = merge.SourceDefault
		s.Explain(merge.FieldName("Accept"), ct, merge.SourceDefault, merge.ActionSet, "copied from the JSON/XML Content-Type the headers set")
	}
}

// isType is resty's jsonCheck / xmlCheck regexp,
// (?i:(application|text)/(.*json.*)(;|$)), unanchored: "application/" or
// "text/" followed somewhere by the word, case-insensitively ('ſ' folds to 's').
func isType(ct, word string) bool {
	l := strings.ToLower(strings.ReplaceAll(ct, "ſ", "s"))
	i, n := strings.Index(l, "application/"), len("application/")
	if j := strings.Index(l, "text/"); j >= 0 && (i < 0 || j < i) {
		i, n = j, len("text/")
	}
	return i >= 0 && strings.Contains(l[i+n:], word)
}

func payloadSupported(m string) bool {
	return !(m == "HEAD" || m == "OPTIONS" || m == "GET")
}

func parseBody(s *merge.State) {
	st := merge.Var[*state](s, "resty")
	if st == nil {
		return
	}
	if !payloadSupported(st.method) {
		st.bodyMode = gohttp.BodyNil
		if st.body != nil {
			s.Explain("body", "", merge.SourceRequest, merge.ActionIgnore, st.method+" carries no body in resty (AllowGetMethodPayload is off): the body is dropped")
		}
		return
	}
	if st.body == nil && factsFor(s.Version).nilBody {
		st.bodyMode = gohttp.BodyNil
		s.Explain("body", "", merge.SourceDefault, merge.ActionSet, "no body: http.NewRequest gets a nil body (resty before 2.17.1 has no http.NoBody)")
		return
	}
	if st.body == nil {
		st.bodyMode = gohttp.BodyNoBody
		s.Explain("body", "", merge.SourceDefault, merge.ActionSet, "no body: resty sends http.NoBody")
		return
	}
	if ct := st.rHeader.Get("Content-Type"); blank(ct) {
		detected := "text/plain; charset=utf-8"
		switch st.body.(type) {
		case []any, gohttp.JSONObject:
			detected = "application/json"
		}
		st.rHeader.Set("Content-Type", detected)
		st.rSrc["Content-Type"] = merge.SourceDefault
		s.Explain(merge.FieldName("Content-Type"), detected, merge.SourceDefault, merge.ActionSet, "DetectContentType: the request has no Content-Type")
	}
	switch b := st.body.(type) {
	case string:
		st.bodyBuf = []byte(b)
	case []any, gohttp.JSONObject:
		if isType(st.rHeader.Get("Content-Type"), "json") {
			enc, ok := gohttp.AppendJSON(nil, b)
			if !ok {
				s.Raise("json.UnsupportedValueError", "json: unsupported value: a non-finite number")
				return
			}
			st.bodyBuf = enc
		} else {
			s.Explain("body", "", merge.SourceRequest, merge.ActionIgnore, "the Content-Type is not JSON, so resty does not marshal the value")
			s.RaiseAt(bodyRaise(s), "errors.errorString", "unsupported 'Body' type/value")
			return
		}
	default:
		s.Explain("body", "", merge.SourceRequest, merge.ActionIgnore, "resty marshals only structs, maps and slices; a JSON number or boolean is neither")
		s.RaiseAt(bodyRaise(s), "errors.errorString", "unsupported 'Body' type/value")
		return
	}
	st.bodyMode = gohttp.BodyReader
	s.Explain("body", string(st.bodyBuf), merge.SourceRequest, merge.ActionSet, "")
}

func createRequest(s *merge.State) {
	st := merge.Var[*state](s, "resty")
	if st == nil {
		return
	}
	var r *gohttp.Request
	var err error
	switch st.bodyMode {
	case gohttp.BodyReader:
		r, err = gohttp.NewRequest(st.method, st.finalURL, st.bodyBuf, true)
	default:
		r, err = gohttp.NewRequest(st.method, st.finalURL, nil, false)
	}
	if err != nil {
		s.Raise(gohttp.ErrorType(err), "%s", err.Error())
		return
	}
	if st.bodyMode == gohttp.BodyNoBody {
		// getBodyCopy reads http.NoBody and puts back an io.NopCloser over an
		// empty buffer: ContentLength 0 with a non-NoBody Body means "unknown".
		r.BodyMode, r.ContentLength = gohttp.BodyReader, 0
	}
	if st.bodyMode == gohttp.BodyReader && len(st.bodyBuf) == 0 && factsFor(s.Version).bodyReleaser {
		// requestBodyReleaser wraps the http.NoBody that NewRequest chose for
		// an empty buffer: net/http no longer knows the length is 0.
		r.BodyMode, r.ContentLength = gohttp.BodyReader, 0
		s.Explain("body", "", merge.SourceRequest, merge.ActionSet, "an empty body wrapped in requestBodyReleaser has no known length, so it goes out chunked")
	}
	r.Header = st.rHeader.Clone()
	for k, v := range st.rSrc {
		r.Sources[k] = v
	}
	s.Vars["go.req"] = r
	s.Explain("method", r.Method, merge.SourceRequest, merge.ActionSet, "Execute(method, url): sent verbatim")
	gohttp.ApplyCookies(s, r, st.cCookies, merge.SourceClient, "client cookie")
	gohttp.ApplyCookies(s, r, st.rCookies, merge.SourceCookies, "request cookie")
}

func addCredentials(s *merge.State) {
	st, r := merge.Var[*state](s, "resty"), gohttp.RequestOf(s)
	if st == nil || r == nil {
		return
	}
	switch {
	case st.rUser != nil:
		gohttp.SetBasicAuth(s, r, st.rUser.Username, st.rUser.Password, merge.SourceAuth, "request SetBasicAuth")
		if st.cUser != nil {
			s.Explain(merge.FieldName("Authorization"), merge.BasicAuth(st.cUser.Username, st.cUser.Password), merge.SourceClient, merge.ActionRemove, "the request's credentials take precedence")
		}
	case st.cUser != nil:
		gohttp.SetBasicAuth(s, r, st.cUser.Username, st.cUser.Password, merge.SourceClient, "client SetBasicAuth")
	}
	token, src, what := "", "", ""
	switch {
	case !blank(st.rToken):
		token, src, what = st.rToken, merge.SourceAuth, "request SetAuthToken"
	case st.rTokenSet && factsFor(s.Version).requestTokenOnly:
		s.Explain(merge.FieldName("Authorization"), "", merge.SourceAuth, merge.ActionRemove, "resty 2.16.4 reads only the request's token, and the request's blank SetAuthToken replaced the client's")
	case !blank(st.cToken):
		token, src, what = st.cToken, merge.SourceClient, "client SetAuthToken"
	}
	if token == "" {
		return
	}
	v := strings.TrimSpace("Bearer " + token)
	if old, ok := r.Header["Authorization"]; ok && len(old) > 0 {
		s.Explain(merge.FieldName("Authorization"), strings.Join(old, ", "), r.Sources["Authorization"], merge.ActionRemove, "replaced by the "+what+" token, which is written after Basic auth")
	}
	r.Header.Set("Authorization", v)
	r.SetSource("Authorization", src)
	s.Explain(merge.FieldName("Authorization"), v, src, merge.ActionSet, what+": scheme Bearer")
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way Go does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("go", recordedReleases.Apply(profiles()...)...)
})
