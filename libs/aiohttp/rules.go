package aiohttp

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/python"
)

// path is the runner's location of a value: client["headers"]["X"].
func path(parent, key string) string {
	return parent + "[" + jsontext.Encode(str(key), jsontext.Python) + "]"
}

// bindingRule is split_scenario and the first lines of run_aiohttp.
func bindingRule(s *merge.State) {
	c, r := s.Client(), s.Request()
	sides := [...]struct {
		name    string
		side    *merge.Side
		present []string
		bound   string // the fields run_aiohttp passes on, space-separated
	}{
		{"client", c, merge.ClientFieldsPresent(c), " base_url headers params cookies auth "},
		{"request", r, merge.RequestFieldsPresent(r), " method url headers params cookies auth json body via "},
	}
	for _, side := range sides {
		for _, f := range side.present {
			if !strings.Contains(side.bound, " "+f+" ") {
				s.Unsupported("%s.%s is not bound for %s", side.name, f, s.Scenario.Library)
				return
			}
		}
	}
	for _, side := range sides {
		for _, f := range side.present {
			if w := python.FindUndefined(*side.side.Field(f), path(side.name, f), path); w != "" {
				s.Unsupported(`%s is {"$undefined": true}: Python has no undefined`, w)
				return
			}
		}
	}
	if c.Params.Present() {
		s.Unsupported("aiohttp's ClientSession has no params option")
		return
	}
	if r.Via.Present() && !(r.Via.Kind == merge.String && r.Via.Text == "request") {
		s.Unsupported("aiohttp has no %s call path bound (only ClientSession.request)", python.Repr(r.Via))
		return
	}
	if !r.URL.Present() {
		s.Unsupported("request.url is required (the url argument has no default)")
		return
	}
	if r.Body.Present() && r.Body.Kind != merge.String && r.Body.Kind != merge.Null {
		s.Unsupported("request.body must be a string (raw body) or null")
		return
	}
	// go() builds the client's BasicAuth, then the request's, before the session.
	for _, a := range []struct {
		v     merge.Value
		where string
	}{{c.Auth, "client.auth"}, {r.Auth, "request.auth"}} {
		if msg := python.NativeAuth(a.v, a.where, "aiohttp"); msg != "" {
			s.Unsupported("%s", msg)
			return
		}
	}
}

// toAuth is the auth= value the runner passes for a scenario auth field.
func toAuth(v merge.Value, source string) authV {
	switch v.Kind {
	case merge.Absent, merge.Null:
		return authV{kind: authNone}
	case merge.Object:
		return authV{kind: authBasic, login: v.Get("username").Text, pwd: v.Get("password").Text, source: source}
	}
	return authV{kind: authOther, other: v, source: source}
}

// basicAuth is BasicAuth.__new__ (helpers.py): None login or password and a
// ':' in the login raise ValueError.
func basicAuth(s *merge.State) {
	run := state(s)
	for _, a := range []struct {
		v      merge.Value
		source string
		dst    *authV
	}{{s.Client().Auth, merge.SourceClient, &run.defAuth}, {s.Request().Auth, merge.SourceRequest, &run.reqAuth}} {
		*a.dst = toAuth(a.v, a.source)
		if a.dst.kind != authBasic {
			continue
		}
		if a.v.Get("username").Kind == merge.Null {
			s.Raise("ValueError", "None is not allowed as login value")
			return
		}
		if a.v.Get("password").Kind == merge.Null {
			s.Raise("ValueError", "None is not allowed as password value")
			return
		}
		if strings.Contains(a.dst.login, ":") {
			s.Raise("ValueError", `A ":" is not allowed in login (RFC 1945#section-11.1)`)
			return
		}
	}
}

// sessionInit is ClientSession.__init__.
func sessionInit(s *merge.State) {
	run := state(s)
	c := s.Client()
	if c.BaseURL.Present() && c.BaseURL.Kind != merge.Null {
		if c.BaseURL.Kind != merge.String {
			s.Raise("TypeError", "Constructor parameter should be str")
			return
		}
		u, err := parseURL(c.BaseURL.Text)
		if err != nil {
			s.Raise("ValueError", "%s", err)
			return
		}
		if run.f.baseTrailingSlash {
			if !u.absolute() {
				s.Raise("AssertionError", "Only absolute URLs are supported")
				return
			}
			if !strings.HasSuffix(u.rawPath(), "/") { // URL.path: "/" for a bare origin
				s.Raise("ValueError", "base_url must have a trailing '/'")
				return
			}
		} else if !u.isOrigin() {
			s.Raise("AssertionError", "Only absolute URLs without path part are supported")
			return
		}
		run.base = &u
		s.Explain("base_url", u.String(), merge.SourceClient, merge.ActionSet, run.f.baseNote)
	}
	if ck := c.Cookies; truthy(ck) {
		for _, f := range dictItems(ck) {
			run.jar = setCookie(run.jar, cookie{f.Key, cookieQuote(pyStr(f.Value)), merge.SourceClient})
		}
	}
	if truthy(c.Headers) {
		// CIMultiDict(headers): a dict's keys that differ only in case stay two entries.
		for _, f := range dictItems(c.Headers) {
			run.session = append(run.session, hdr{f.Key, f.Value, merge.SourceClient})
		}
	}
	if run.f.authDeprecated && run.defAuth.kind != authNone {
		s.Warn("aiohttp %s: DeprecationWarning: The 'auth' parameter is deprecated and will be removed in v4; pass headers={'Authorization': aiohttp.encode_basic_auth(login, password)} instead (ClientSession auth=)", s.Version)
	}
}

func setCookie(jar []cookie, c cookie) []cookie {
	for i := range jar {
		if jar[i].name == c.name {
			jar[i] = c
			return jar
		}
	}
	return append(jar, c)
}

// requestArgs is the start of ClientSession._request: the method, the
// json/data check and the JSON payload.
func requestArgs(s *merge.State) {
	run := state(s)
	r := s.Request()
	m := "GET"
	src := merge.SourceDefault
	if r.Method.Kind == merge.String {
		m, src = strings.ToUpper(r.Method.Text), merge.SourceRequest
	}
	s.Method = m
	s.Explain("method", m, src, merge.ActionSet, "method.upper(); the binding passes GET when the scenario has none")
	if run.f.authDeprecated && run.reqAuth.kind != authNone {
		s.Warn("aiohttp %s: DeprecationWarning: The 'auth' parameter is deprecated and will be removed in v4; pass headers={'Authorization': aiohttp.encode_basic_auth(login, password)} instead (request auth=)", s.Version)
	}
	dataSet := r.Body.Kind == merge.String
	jsonSet := r.JSON.Present() && r.JSON.Kind != merge.Null
	if dataSet && jsonSet {
		s.Raise("ValueError", "data and json parameters can not be used at the same time")
		return
	}
	if jsonSet {
		run.jsonText = jsonDumps(r.JSON)
		run.hasData = true
		run.body = []byte(run.jsonText)
		run.ctype = "application/json"
		s.Explain("body", run.jsonText, merge.SourceRequest, merge.ActionSet, "JsonPayload(json, dumps=json.dumps): ', ' and ': ', ASCII escapes, Infinity allowed")
	} else if r.JSON.Kind == merge.Null {
		s.Explain("json", "", merge.SourceRequest, merge.ActionIgnore, "json=None is the keyword's default: no payload")
	}
}

// prepareHeaders is ClientSession._prepare_headers: a copy of the session's
// headers, then each request header replaces every same-name entry (the
// first keeps its place and takes the new spelling), except that a second
// request entry of a name already added this way is appended.
func prepareHeaders(s *merge.State) {
	run := state(s)
	run.headers = append([]hdr(nil), run.session...)
	for _, h := range run.session {
		s.Explain(merge.FieldName(h.name), pyStr(h.val), merge.SourceClient, merge.ActionSet, "the session's headers (CIMultiDict)")
	}
	rh := s.Request().Headers
	if !truthy(rh) {
		return
	}
	added := map[string]bool{}
	for _, f := range dictItems(rh) {
		h := hdr{f.Key, f.Value, merge.SourceRequest}
		if added[f.Key] {
			run.headers = append(run.headers, h)
			s.Explain(merge.FieldName(f.Key), pyStr(f.Value), merge.SourceRequest, merge.ActionSet, "result.add(): a name this loop already set")
			continue
		}
		var replaced bool
		prev, _ := get(run.headers, f.Key)
		run.headers, replaced = setItem(run.headers, h)
		added[f.Key] = true
		if replaced {
			s.Explain(merge.FieldName(f.Key), pyStr(prev), merge.SourceClient, merge.ActionOverride, "the request's header replaces the session's of the same name (any case) in place, with the request's spelling")
		}
		s.Explain(merge.FieldName(f.Key), pyStr(f.Value), merge.SourceRequest, merge.ActionSet, "result[key] = value")
	}
}

// buildURL is ClientSession._build_url: URL(str_or_url), joined onto base_url.
func buildURL(s *merge.State) {
	run := state(s)
	r := s.Request()
	if r.URL.Kind != merge.String {
		s.Raise("TypeError", "Constructor parameter should be str")
		return
	}
	u, err := parseURL(r.URL.Text)
	if err == errNonASCIIHost {
		s.Unsupported("the profile does not model yarl's IDNA encoding of a non-ASCII host")
		return
	}
	if err != nil {
		// _request: except ValueError: raise InvalidURL(str_or_url) (InvalidUrlClientError from 3.10).
		typ := "InvalidURL"
		if run.f.hostCheckInRequest {
			typ = "InvalidUrlClientError"
		}
		s.Raise(typ, "%s", r.URL.Text)
		return
	}
	if run.base != nil {
		switch {
		case run.f.absoluteOverrides:
			if u.absolute() && u.scheme == "" {
				// "//host/x" is absolute to yarl, so it is not joined, and has no scheme, so
				// no port: the connector's `assert port is not None` fails.
				s.RaiseAt(run.cite.connect, "AssertionError", "")
				return
			}
			if !u.absolute() {
				u = run.base.join(u)
				s.Explain("url", u.String(), merge.SourceClient, merge.ActionSet, "base_url.join(url) (RFC 3986 resolution by yarl)")
			} else {
				s.Explain("base_url", run.base.String(), merge.SourceClient, merge.ActionIgnore, "an absolute URL is used as is")
			}
		case run.f.baseTrailingSlash:
			if u.absolute() {
				s.Raise("AssertionError", "")
				return
			}
			u = run.base.join(u)
			s.Explain("url", u.String(), merge.SourceClient, merge.ActionSet, "base_url.join(url) (RFC 3986 resolution by yarl)")
		default:
			if u.absolute() || u.scheme != "" || !strings.HasPrefix(u.path, "/") {
				s.Raise("AssertionError", "")
				return
			}
			u = run.base.join(u)
			s.Explain("url", u.String(), merge.SourceClient, merge.ActionSet, "base_url.join(url): the base is an origin, the URL a path from '/'")
		}
	}
	switch u.scheme {
	case "http", "https", "ws", "wss", "":
	default:
		if !run.f.hostCheckInRequest {
			s.Unsupported("the profile does not model a %s URL before aiohttp 3.10 (the connector refuses it in its own way)", python.StrRepr(u.scheme))
			return
		}
		s.Raise("NonHttpUrlClientError", "%s", u.String())
		return
	}
	run.url = u
}

// authRule is the auth part of ClientSession._request's loop.
func authRule(s *merge.State) {
	run := state(s)
	u := run.url
	if run.f.hostCheckInRequest && u.host == "" {
		s.Raise("InvalidUrlClientError", "%s", u.String())
		return
	}
	var fromURL authV
	if u.hasUser && u.user != "" {
		fromURL = authV{kind: authBasic, login: u.user, pwd: u.password, source: merge.SourceURL}
	}
	u.hasUser, u.hasPass, u.user, u.password = false, false, "", ""
	run.url = u
	auth := run.reqAuth
	if authTruthy(auth) && fromURL.kind != authNone {
		s.Raise("ValueError", "Cannot combine AUTH argument with credentials encoded in URL")
		return
	}
	if auth.kind == authNone {
		auth = fromURL
	}
	if auth.kind == authNone && authTruthy(run.defAuth) {
		if run.f.authOriginGuard && run.base != nil && run.base.origin() != u.origin() {
			s.Explain("auth", authText(run.defAuth), merge.SourceClient, merge.ActionIgnore, "the session's auth is sent only to base_url's origin ("+run.base.origin()+")")
		} else {
			auth = run.defAuth
		}
	}
	if auth.kind != authNone && has(run.headers, "Authorization") {
		s.Raise("ValueError", "Cannot combine AUTHORIZATION header with AUTH argument or credentials encoded in URL")
		return
	}
	run.reqAuth = auth
}

func authTruthy(a authV) bool {
	switch a.kind {
	case authBasic:
		return true // a non-empty namedtuple
	case authOther:
		return truthy(a.other)
	}
	return false
}

func authText(a authV) string {
	if a.kind == authBasic {
		return a.login + ":" + a.pwd
	}
	return python.Repr(a.other)
}

// cookiesRule is the cookie part of ClientSession._request: the jar's
// cookies, then the request's through a temporary jar (same name replaces).
func cookiesRule(s *merge.State) {
	run := state(s)
	ck := s.Request().Cookies
	if ck.Kind == merge.Object {
		for _, f := range dictItems(ck) {
			run.jar = setCookie(run.jar, cookie{f.Key, cookieQuote(pyStr(f.Value)), merge.SourceRequest})
		}
	}
}

// clientRequest is ClientRequest.__init__ up to the body: params, the Host
// header, the request headers, the automatic headers, Cookie and
// Authorization.
func clientRequest(s *merge.State) {
	run := state(s)
	u := run.url
	if !run.f.hostCheckInRequest && u.host == "" {
		s.Raise("InvalidURL", "%s", u.String())
		return
	}
	// params
	p := s.Request().Params
	own := parseQuery(u.query)
	if truthy(p) {
		enc, err := encodeParams(p)
		if err != nil {
			s.Raise(err.typ, "%s", err.msg)
			return
		}
		if run.f.extendQuery {
			for _, kv := range splitPairs(u.query) {
				s.Explain(merge.QueryField(kv[0]), kv[1], merge.SourceURL, merge.ActionKeep, "the URL's own query, kept as written (URL.extend_query)")
			}
			if u.query != "" && enc != "" {
				u.query += "&" + enc
			} else if enc != "" {
				u.query = enc
			}
		} else {
			// MultiDict(url.query) + url.with_query(params).query, re-encoded.
			var parts []string
			for _, kv := range own {
				parts = append(parts, quote(kv[0], queryPartQuoter)+"="+quote(kv[1], queryPartQuoter))
				s.Explain(merge.QueryField(kv[0]), kv[1], merge.SourceURL, merge.ActionKeep, "the URL's own query, decoded and encoded again with the params")
			}
			for _, kv := range parseQuery(enc) {
				parts = append(parts, quote(kv[0], queryPartQuoter)+"="+quote(kv[1], queryPartQuoter))
			}
			u.query = strings.Join(parts, "&")
		}
		for _, it := range paramItems(p) {
			if sent := dropSurrogates(it.text); sent != it.text {
				s.Explain(merge.QueryField(it.key), it.text, merge.SourceRequest, merge.ActionOverride, "the request's value holds a lone surrogate")
				s.Explain(merge.QueryField(it.key), sent, merge.SourceTransport, merge.ActionSet, "yarl's quoter encodes UTF-8 with errors=\"ignore\": the lone surrogate is dropped")
				continue
			}
			s.Explain(merge.QueryField(it.key), it.text, merge.SourceRequest, merge.ActionSet, "yarl query_var, then QUERY_PART_QUOTER (space as '+')")
		}
		if p.Kind == merge.String {
			for _, kv := range splitPairs(enc) {
				s.Explain(merge.QueryField(kv[0]), kv[1], merge.SourceRequest, merge.ActionSet, "a str params is quoted as a whole (QUERY_QUOTER)")
			}
		}
	} else {
		for _, kv := range splitPairs(u.query) {
			s.Explain(merge.QueryField(kv[0]), kv[1], merge.SourceURL, merge.ActionKeep, "the URL's own query, as yarl requoted it")
		}
	}
	u.fragment = ""
	run.url = u
	s.URL = u.String()
	s.Target = u.rawPath()
	if u.query != "" {
		s.Target += "?" + u.query
	}
	s.Explain("url", s.URL, merge.SourceRequest, merge.ActionSet, "the request-target is raw_path and raw_query_string (no fragment)")

	// update_host: URL userinfo becomes the request's auth when none was chosen.
	// update_headers: Host first, then every header; a Host header replaces it.
	var out []hdr
	out = append(out, hdr{"Host", str(u.hostHeader()), merge.SourceURL})
	hostFromURL := true
	for _, h := range run.headers {
		if strings.EqualFold(h.name, "host") {
			out, _ = setItem(out, h)
			hostFromURL = false
			continue
		}
		out = append(out, h)
	}
	if hostFromURL {
		s.Explain(merge.FieldName("Host"), u.hostHeader(), merge.SourceURL, merge.ActionSet, "update_headers puts Host first: the URL's host, and its port unless the default")
	}
	// update_auto_headers
	for _, d := range []hdr{{"Accept", str("*/*"), merge.SourceDefault}, {"Accept-Encoding", str("gzip, deflate"), merge.SourceDefault}} {
		if !has(out, d.name) {
			out = append(out, d)
			s.Explain(merge.FieldName(d.name), d.val.Text, merge.SourceDefault, merge.ActionSet, "ClientRequest.DEFAULT_HEADERS, unless a header of that name is set")
		}
	}
	if !has(out, "User-Agent") {
		ua := "Python/3.11 aiohttp/" + s.Version
		out = append(out, hdr{"User-Agent", str(ua), merge.SourceDefault})
		s.Explain(merge.FieldName("User-Agent"), ua, merge.SourceDefault, merge.ActionSet, "SERVER_SOFTWARE, unless a User-Agent is set")
	}
	// update_cookies
	if len(run.jar) > 0 {
		jar := append([]cookie(nil), run.jar...)
		if v, ok := get(out, "Cookie"); ok {
			for _, c := range loadCookies(pyStr(v)) {
				if !containsCookie(jar, c.name) {
					jar = append(jar, c)
				}
			}
			var kept []hdr
			for _, h := range out {
				if !fold(h.name, "Cookie") {
					kept = append(kept, h)
				}
			}
			out = kept
		}
		sortCookies(jar)
		var parts []string
		for _, c := range jar {
			parts = append(parts, c.name+"="+c.value)
			s.Explain(merge.FieldName("Cookie"), c.name+"="+c.value, c.source, merge.ActionSet, "SimpleCookie.output(): every cookie sorted by name, joined with '; ', after the other headers")
		}
		out, _ = setItem(out, hdr{"Cookie", str(strings.Join(parts, "; ")), merge.SourceCookies})
	}
	// update_auth
	a := run.reqAuth
	switch a.kind {
	case authOther:
		s.Raise("TypeError", "BasicAuth() tuple is required instead")
		return
	case authBasic:
		cred := a.login + ":" + a.pwd
		if msg, _, _, bad := python.EncodeError(cred, python.Latin1); bad {
			s.Raise("UnicodeEncodeError", "%s", msg)
			return
		}
		var raw []byte
		for _, r := range merge.Runes(cred) {
			raw = append(raw, byte(r))
		}
		v := "Basic " + base64.StdEncoding.EncodeToString(raw)
		out, _ = setItem(out, hdr{"Authorization", str(v), merge.SourceAuth})
		s.Explain(merge.FieldName("Authorization"), v, a.source, merge.ActionSet, "BasicAuth.encode(): login:password in Latin-1, base64")
	}
	run.headers = out
}

func containsCookie(jar []cookie, name string) bool {
	for _, c := range jar {
		if c.name == name {
			return true
		}
	}
	return false
}

// loadCookies is SimpleCookie.load of a Cookie header: name=value pairs.
func loadCookies(h string) []cookie {
	var out []cookie
	for _, part := range strings.Split(h, ";") {
		part = strings.TrimSpace(part)
		k, v, ok := strings.Cut(part, "=")
		if !ok || k == "" {
			continue
		}
		out = append(out, cookie{strings.TrimSpace(k), strings.TrimSpace(v), merge.SourceRequest})
	}
	return out
}

func sortCookies(jar []cookie) {
	for i := 1; i < len(jar); i++ {
		for j := i; j > 0 && jar[j].name < jar[j-1].name; j-- {
			jar[j], jar[j-1] = jar[j-1], jar[j]
		}
	}
}

// bodyRule is update_body_from_data and update_transfer_encoding.
func bodyRule(s *merge.State) {
	run := state(s)
	r := s.Request()
	if r.Body.Kind == merge.String {
		if msg, _, _, bad := python.EncodeError(r.Body.Text, python.UTF8); bad {
			s.Raise("UnicodeEncodeError", "%s", msg)
			return
		}
		run.hasData = true
		run.body = []byte(r.Body.Text)
		run.ctype = "text/plain; charset=utf-8"
		s.Explain("body", r.Body.Text, merge.SourceRequest, merge.ActionSet, "StringPayload: the str encoded as UTF-8")
	}
	if run.hasData {
		if !has(run.headers, "Content-Length") {
			n := fmt.Sprint(len(run.body))
			run.headers = append(run.headers, hdr{"Content-Length", str(n), merge.SourceDefault})
			s.Explain(merge.FieldName("Content-Length"), n, merge.SourceDefault, merge.ActionSet, "the payload's size")
		}
		if !has(run.headers, "Content-Type") {
			run.headers = append(run.headers, hdr{"Content-Type", str(run.ctype), merge.SourceDefault})
			s.Explain(merge.FieldName("Content-Type"), run.ctype, merge.SourceDefault, merge.ActionSet, "the payload's Content-Type, unless one is set")
		} else {
			s.Explain(merge.FieldName("Content-Type"), run.ctype, merge.SourceDefault, merge.ActionIgnore, "a Content-Type header is already set")
		}
	} else if !isGet(s.Method) && !has(run.headers, "Content-Length") {
		run.headers = append(run.headers, hdr{"Content-Length", str("0"), merge.SourceDefault})
		s.Explain(merge.FieldName("Content-Length"), "0", merge.SourceDefault, merge.ActionSet, "no body on a method other than GET, HEAD, OPTIONS, TRACE: len(b\"\")")
	}
	s.Body = run.body
}

func isGet(m string) bool { return m == "GET" || m == "HEAD" || m == "OPTIONS" || m == "TRACE" }

// sendRule is ClientRequest.send: the default Content-Type of POST, PUT and
// PATCH, then the headers serialized by the C writer.
func sendRule(s *merge.State) {
	run := state(s)
	if (s.Method == "POST" || s.Method == "PUT" || s.Method == "PATCH") && !has(run.headers, "Content-Type") {
		run.headers = append(run.headers, hdr{"Content-Type", str("application/octet-stream"), merge.SourceDefault})
		s.Explain(merge.FieldName("Content-Type"), "application/octet-stream", merge.SourceDefault, merge.ActionSet, "POST, PUT and PATCH get application/octet-stream when no Content-Type is set")
	}
	if run.f.proxyHeadersHashed {
		// Before 3.10.9 (#9372) _request always passed _prepare_headers(None), the session's
		// headers, as proxy_headers, and connection_key hashes their items.
		for _, h := range run.session {
			if h.val.Kind == merge.Array {
				s.RaiseAt(run.cite.connectionKey, "TypeError", "unhashable type: 'list'")
				return
			}
		}
	}
	if run.f.pureWriter {
		pyWriteHeaders(s, run)
		return
	}
	s.Headers = nil
	for _, h := range run.headers {
		if h.val.Kind != merge.String {
			s.Raise("TypeError", "Cannot serialize non-str key %s", python.Repr(h.val))
			return
		}
		v := dropSurrogates(h.val.Text)
		if run.f.crlfCheck && strings.ContainsAny(h.name+v, "\r\n") {
			s.Raise("ValueError", "Newline or carriage return character detected in HTTP status message or header. This is a potential security issue.")
			return
		}
		if v != h.val.Text {
			s.Explain(merge.FieldName(h.name), v, h.source, merge.ActionSet, "the C header writer writes nothing for a lone surrogate")
		}
		s.AddHeader(h.name, v, h.source)
	}
}

// pyWriteHeaders is http_writer.py _py_serialize_headers, the header writer
// of a build without the C extensions (aiohttp before 3.8.3 on CPython 3.11):
// _safe_header(k) + ": " + _safe_header(v) for each header, where
// _safe_header tests "\r" in x and "\n" in x (for None, a bool or a number a
// TypeError; for a list or a dict a membership test), then the request line
// and the headers joined as one str and encoded as UTF-8. The bytes are the C
// writer's for str values without lone surrogates.
func pyWriteHeaders(s *merge.State, run *run) {
	w := run.cite.writer
	crlf := func(v merge.Value) bool {
		switch v.Kind {
		case merge.String:
			return strings.ContainsAny(v.Text, "\r\n")
		case merge.Array:
			return slices.ContainsFunc(v.Items, func(it merge.Value) bool {
				return it.Kind == merge.String && (it.Text == "\r" || it.Text == "\n")
			})
		case merge.Object:
			return slices.ContainsFunc(python.Dict(v), func(f merge.Field) bool { return f.Key == "\r" || f.Key == "\n" })
		}
		return false
	}
	head := s.Method + " " + s.Target + " HTTP/1.1\r\n"
	for _, h := range run.headers {
		switch {
		case crlf(merge.Value{Kind: merge.String, Text: h.name}) || crlf(h.val):
			s.RaiseAt(w, "ValueError", "Newline or carriage return detected in headers. Potential header injection attack.")
			return
		case h.val.Kind == merge.Array || h.val.Kind == merge.Object:
			s.RaiseAt(w, "TypeError", "can only concatenate str (not %q) to str", python.TypeName(h.val))
			return
		case h.val.Kind != merge.String:
			s.RaiseAt(w, "TypeError", "argument of type '%s' is not iterable", python.TypeName(h.val))
			return
		}
		head += h.name + ": " + h.val.Text + "\r\n"
	}
	if msg, _, _, bad := python.EncodeError(head, python.UTF8); bad {
		s.RaiseAt(w, "UnicodeEncodeError", "%s", msg)
		return
	}
	s.Headers = nil
	for _, h := range run.headers {
		s.AddHeader(h.name, h.val.Text, h.source)
	}
}
