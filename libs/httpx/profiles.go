package httpx

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/python"
)

// httpx profiles. One rule list serves every version: each rule asks the
// version facts (httpx_facts.go) where behaviour changed inside a range, so
// the four profiles differ only in their range, recordings and notes.

const binding = "Client(trust_env=False, base_url=, headers=, params=, cookies=, auth=(u, p)) then " +
	"client.request(method, url, headers=, params=, cookies=, auth=, json=, content=body) — data=body before 0.15 — " +
	"or client.stream(...) for via \"stream\" (conformance/runners/python/BINDING.md). " +
	"{\"$undefined\": true} and bearer auth are unsupported; null is None."

func profiles() []*merge.Profile {
	return []*merge.Profile{
		profile("0.14.0", "0.14.2", "0.14.1",
			"Request auth=None falls back to the client's auth, as in requests (BaseClient._build_auth: `self.auth if auth is None`). "+
				"Header names are lower-cased on the wire; 0.14 prepends its own host/user-agent/accept/accept-encoding/connection only when absent. "+
				"The range starts at 0.14.0: 0.14.0 differs from 0.14.1 in the exception for an invalid URL (rfc3986's instead of "+
				"httpx.InvalidURL, PR #1163) and in reading Set-Cookie responses (PR #1156), so an invalid-URL error type may differ there; "+
				"releases before 0.14 changed the API (0.13 and older) and are not covered."),
		profile("0.14.2", "0.18", "0.14.2",
			"Request auth=None now disables auth (PR #1115, UNSET sentinel). client.stream() wrongly drops client auth "+
				"from 0.14.2 until PR #1312, released in 0.15.2 (tags 0.15.0 and 0.15.1 still have `auth: AuthTypes = None` in stream()); "+
				"the switch stream-drops-client-auth is version-conditioned. Only 0.14.2 is recorded: 0.15.0 moved the default "+
				"headers into client.headers (#1248) and 0.16.0 preserves header casing (#1338); both are modelled from source as "+
				"version-conditioned rules, so 0.15–0.17 are source-derived inside this range.").StartingAt(merge.Boundary{
			Ref: "encode/httpx#1115", URL: "https://github.com/encode/httpx/pull/1115",
			Doc: "auth=None on a request disables auth (the UNSET sentinel in BaseClient._build_auth) instead of falling back to the client's"}),
		profile("0.18", "0.28", "0.18.2",
			"Not one behaviour on the wire: version-conditioned rules cover Headers.update (0.18–0.21 replace in place; "+
				"0.22+ pop and append, #2038), parse_qs keep_blank_values (0.23.1+, #2354), rfc3986 → httpx._urlparse "+
				"(0.24.0), a space in params as %20 (0.24–0.27, #2543), _urlparse quoting (0.24.1 #2671/#2701, '/' as %2F in 0.25.x #2723, 0.26.0 #2990, 0.27.1 #3187/#3188: facts.quoteMode) and the httpcore message for a URL without scheme "+
				"(httpcore 0.13 vs 0.14+). Automatic netrc (removed 0.24, #2525) is not modelled: the binding runs with trust_env=False.").StartingAt(merge.Boundary{
			Ref: "encode/httpx#1532", URL: "https://github.com/encode/httpx/pull/1532",
			Doc: "_merge_url joins base_url's raw_path and the request's raw_path (without its leading '/') instead of an RFC 3986 join; " +
				"QueryParams became an immutable dict of lists in the same release (#1600)"}),
		profile("0.28", "", "0.28.1",
			"URL(url, params=) replaces the URL's own query whenever params are passed (#3364; client params therefore "+
				"discard any ?query in request URLs, httpx#3433); compact, non-ASCII JSON (#3367); "+
				"TypeError for non-str header values (#3312).").StartingAt(merge.Boundary{
			Ref: "encode/httpx#3364", URL: "https://github.com/encode/httpx/pull/3364",
			Doc: "URL(url, params=) replaces the URL's own query whenever params are passed, so client params discard a request URL's ?query"}),
	}
}

// lines are the cited functions' first lines at each cited tag (read from the
// tag's source), keyed by the rule or cite that links them.
var lines = merge.Lines{
	{Tag: "0.14.1", Key: "build-auth", Line: 287},
	{Tag: "0.14.2", Key: "build-auth", Line: 312},
	{Tag: "0.18.2", Key: "build-auth", Line: 415},
	{Tag: "0.28.1", Key: "build-auth", Line: 445},
	{Tag: "0.18.2", Key: "defaults", Line: 282},
	{Tag: "0.28.1", Key: "defaults", Line: 306},
	{Tag: "0.14.1", Key: "auto-headers", Line: 614},
	{Tag: "0.14.2", Key: "auto-headers", Line: 615},
	{Tag: "0.18.2", Key: "auto-headers", Line: 1115},
	{Tag: "0.23.3", Key: "auto-headers", Line: 371},
	{Tag: "0.27.2", Key: "auto-headers", Line: 375},
	{Tag: "0.28.1", Key: "auto-headers", Line: 441},
	{Tag: "0.14.1", Key: "client-init", Line: 60},
	{Tag: "0.14.2", Key: "client-init", Line: 60},
	{Tag: "0.18.2", Key: "client-init", Line: 160},
	{Tag: "0.28.1", Key: "client-init", Line: 189},
	{Tag: "0.14.1", Key: "merge-url", Line: 235},
	{Tag: "0.14.2", Key: "merge-url", Line: 260},
	{Tag: "0.18.2", Key: "merge-url", Line: 356},
	{Tag: "0.28.1", Key: "merge-url", Line: 391},
	{Tag: "0.14.1", Key: "merge-headers", Line: 261},
	{Tag: "0.14.2", Key: "merge-headers", Line: 286},
	{Tag: "0.18.2", Key: "merge-headers", Line: 391},
	{Tag: "0.28.1", Key: "merge-headers", Line: 424},
	{Tag: "0.14.1", Key: "merge-cookies", Line: 248},
	{Tag: "0.14.2", Key: "merge-cookies", Line: 273},
	{Tag: "0.18.2", Key: "merge-cookies", Line: 378},
	{Tag: "0.28.1", Key: "merge-cookies", Line: 413},
	{Tag: "0.14.1", Key: "merge-params", Line: 274},
	{Tag: "0.14.2", Key: "merge-params", Line: 299},
	{Tag: "0.18.2", Key: "merge-params", Line: 402},
	{Tag: "0.28.1", Key: "merge-params", Line: 433},
	{Tag: "0.14.1", Key: "request-url-params", Line: 60},
	{Tag: "0.14.2", Key: "request-url-params", Line: 62},
	{Tag: "0.18.2", Key: "request-url-params", Line: 546},
	{Tag: "0.28.1", Key: "request-url-params", Line: 77},
	{Tag: "0.14.1", Key: "request-method", Line: 587},
	{Tag: "0.14.2", Key: "request-method", Line: 588},
	{Tag: "0.18.2", Key: "request-method", Line: 1067},
	{Tag: "0.28.1", Key: "request-method", Line: 383},
	{Tag: "0.14.1", Key: "cookie-header", Line: 1063},
	{Tag: "0.14.2", Key: "cookie-header", Line: 1070},
	{Tag: "0.18.2", Key: "cookie-header", Line: 1686},
	{Tag: "0.23.3", Key: "cookie-header", Line: 1040},
	{Tag: "0.27.2", Key: "cookie-header", Line: 1044},
	{Tag: "0.28.1", Key: "cookie-header", Line: 1110},
	{Tag: "0.14.1", Key: "encode-body", Line: 373},
	{Tag: "0.14.2", Key: "encode-body", Line: 373},
	{Tag: "0.18.2", Key: "encode-body", Line: 153},
	{Tag: "0.28.1", Key: "encode-body", Line: 186},
	{Tag: "0.14.1", Key: "request-auth", Line: 287},
	{Tag: "0.14.2", Key: "request-auth", Line: 324},
	{Tag: "0.18.2", Key: "request-auth", Line: 427},
	{Tag: "0.28.1", Key: "request-auth", Line: 457},
	{Tag: "0.14.1", Key: "auth-flow", Line: 74},
	{Tag: "0.14.2", Key: "auth-flow", Line: 74},
	{Tag: "0.18.2", Key: "auth-flow", Line: 129},
	{Tag: "0.28.1", Key: "auth-flow", Line: 135},
}

func profile(min, max, tag, note string) *merge.Profile {
	c := func(file, fn string, line int) merge.Cite {
		url := "https://github.com/encode/httpx/blob/" + tag + "/" + file
		if line > 0 {
			url += fmt.Sprintf("#L%d", line)
		}
		return merge.Cite{File: file, Func: fn, Tag: tag, URL: url}
	}
	models := "httpx/_models.py"
	urls := "httpx/_models.py"
	if merge.CompareVersions(tag, "0.23") >= 0 {
		urls = "httpx/_urls.py"
	}
	// at cites a line of another package the venv of tag pins (httpcore, h11).
	at := func(repo, rtag, file, fn string, line int) merge.Cite {
		return merge.Cite{File: file, Func: fn, Tag: rtag, URL: fmt.Sprintf("https://github.com/%s/blob/%s/%s#L%d", repo, rtag, file, line)}
	}
	w := stackFor(tag)
	pool := at("encode/httpcore", w.httpcore, "httpcore/_sync/connection_pool.py", w.pool, w.poolLine)
	h11 := func(file, fn string, line int) merge.Cite { return at("python-hyper/h11", "v"+w.h11, file, fn, line) }
	cs := &cites{
		normalize:   c(w.normalizeFile, w.normalize, w.normalizeLine),
		buildAuth:   c("httpx/_client.py", "BaseClient._build_auth", lines.Line(tag, "build-auth")),
		defaults:    c("httpx/_client.py", "BaseClient.headers", lines.Line(tag, "defaults")),
		headerValue: h11("h11/_headers.py", "normalize_and_validate", w.h11Header),
		tooMuch:     h11("h11/_writers.py", "ContentLengthWriter.send_data", w.h11Much),
		tooLittle:   h11("h11/_writers.py", "ContentLengthWriter.send_eom", w.h11Little),
	}
	autoCite := c(models, prepareFunc(tag), lines.Line(tag, "auto-headers"))
	if merge.CompareVersions(tag, "0.18") < 0 {
		// At the 0.14 tags Request.prepare adds the defaults; client.headers holds them from 0.15.
		cs.defaults = autoCite
	}
	p := &merge.Profile{
		Library:  "httpx",
		Min:      min,
		Max:      max,
		Verified: merge.Recorded,
		Runtime:  "CPython " + cpython + " (Debian), " + w.runtime + " (conformance/runners/python/requirements)",
		Note:     note,
		Binding:  binding,
		Switches: switches(tag),
	}
	p.Rules = []merge.Rule{
		{Name: "binding", Cite: merge.Cite{File: "conformance/runners/python/runner.py", Func: "run_httpx", Tag: "mergeplay"},
			Doc:   "What the Python binding cannot express is unsupported: undefined, bearer or partial auth, unbound fields and call paths.",
			Apply: func(s *merge.State) { state(s).cite = cs; bindingRule(s) }},
		{Name: "client-init", Cite: c("httpx/_client.py", "BaseClient.__init__", lines.Line(tag, "client-init")),
			Also: []merge.Cite{cs.normalize, cs.buildAuth},
			Doc:  "Client() enforces a trailing '/' on base_url, builds auth (from 0.14.2; 0.14.1 keeps it raw), params, headers (with the library defaults from 0.15) and cookies, raising on bad values.", Apply: clientInit},
		{Name: "merge-url", Cite: c("httpx/_client.py", "BaseClient._merge_url", lines.Line(tag, "merge-url")),
			Doc: "A relative URL joins base_url: RFC 3986 join with the leading '/' stripped before 0.18; from 0.18 the base raw_path plus the request raw_path without leading '/'. An absolute URL bypasses base_url.", Apply: mergeURL},
		{Name: "merge-headers", Cite: c("httpx/_client.py", "BaseClient._merge_headers", lines.Line(tag, "merge-headers")),
			Also: []merge.Cite{cs.normalize, cs.defaults},
			Doc:  "Headers(client.headers).update(request headers): a request name replaces every client entry of that name, with the request's spelling.", Apply: mergeHeaders},
		{Name: "merge-cookies", Cite: c("httpx/_client.py", "BaseClient._merge_cookies", lines.Line(tag, "merge-cookies")),
			Doc: "Cookies(client.cookies).update(request cookies): request values win by name, keeping the client's order.", Apply: mergeCookies},
		{Name: "merge-params", Cite: c("httpx/_client.py", "BaseClient._merge_queryparams", lines.Line(tag, "merge-params")),
			Doc: "If either side has params, QueryParams(client) updated/merged with the request params key by key (request lists replace client lists); otherwise the request value as given.", Apply: mergeParams},
		{Name: "request-url-params", Cite: c(urls, urlParamsFunc(tag), lines.Line(tag, "request-url-params")),
			Doc: "Request(url, params=): merged key-wise into the URL's own query (before 0.28), or replacing it (0.28). Values: None → '', True → 'true', float('1e999') → 'inf' (str()); space '+' except %20 in 0.24–0.27. Each key and value is UTF-8-encoded, so a lone surrogate raises UnicodeEncodeError: at its position in the str with the stdlib urlencode, at position 0 in 0.24–0.27, whose _urlparse.percent_encoded encodes one character at a time.", Apply: urlParams},
		{Name: "request-method", Cite: c(models, "Request.__init__", lines.Line(tag, "request-method")),
			Doc: "The method is upper-cased.", Apply: method},
		{Name: "cookie-header", Cite: c(models, "Cookies.set_cookie_header", lines.Line(tag, "cookie-header")),
			Doc: "http.cookiejar adds 'Cookie: a=1; b=2' only when no Cookie header is present, so an explicit Cookie header wins and the cookies vanish.", Apply: cookieHeader},
		{Name: "encode-body", Cite: c(contentFile(tag), contentFunc(tag), lines.Line(tag, "encode-body")),
			Doc: "json= is json.dumps (', '/': ' separators, ASCII escapes, inf as Infinity; from 0.28 compact, ensure_ascii=False and allow_nan=False, so inf raises ValueError and a lone surrogate fails the UTF-8 encode) with Content-Length and Content-Type: application/json; a raw str body is encoded as UTF-8 (a lone surrogate raises UnicodeEncodeError) and gets Content-Length when non-empty. These are setdefault-ed after the merged headers.", Apply: encodeBody},
		{Name: "auto-headers", Cite: autoCite,
			Doc: "Host (and Content-Length: 0 for POST/PUT/PATCH without a body) are put first; before 0.15 user-agent, accept, accept-encoding and connection are also prepended when absent.", Apply: autoHeaders},
		{Name: "request-auth", Cite: c("httpx/_client.py", authFunc(tag), lines.Line(tag, "request-auth")),
			Also: []merge.Cite{cs.buildAuth},
			Doc:  "Request auth if given, else the client's; from 0.14.2 request auth=None means no auth (before, None falls back to the client). With no auth object, URL userinfo gives Basic. 0.14.2–0.15.1 stream() passes auth=None, dropping client auth.", Apply: requestAuth},
		{Name: "auth-flow", Cite: c("httpx/_auth.py", "BasicAuth.auth_flow", lines.Line(tag, "auth-flow")),
			Doc: "BasicAuth sets request.headers['Authorization'], replacing any explicit Authorization header.", Apply: authFlow},
		{Name: "transport", Cite: pool, Also: []merge.Cite{cs.headerValue, cs.tooMuch, cs.tooLittle},
			Doc: "httpcore refuses a URL without http/https; h11 validates every header value and the body length, and writes Host first, then the header list in order, as stored.", Apply: transport},
	}
	return p
}

// cpython is the interpreter the venvs run (pyvenv.cfg: Debian's /usr/bin/python3).
const cpython = "3.11.2"

// cites are the functions a rule's steps and raises point at besides the rule's own (Rule.Also).
type cites struct {
	normalize, buildAuth, defaults  merge.Cite
	headerValue, tooMuch, tooLittle merge.Cite // h11
}

// stack is what the venv of a profile's tag runs below httpx: httpcore and h11 as the
// requirements file pins them, and the lines that raise there.
type stack struct {
	runtime                       string
	httpcore, pool                string
	poolLine                      int
	h11                           string
	h11Header, h11Much, h11Little int
	normalizeFile, normalize      string
	normalizeLine                 int
}

func stackFor(tag string) stack {
	switch {
	case merge.CompareVersions(tag, "0.18") < 0:
		return stack{"httpcore 0.10.2, h11 0.9.0", "0.10.2", "SyncConnectionPool.request", 157, "0.9.0", 77, 97, 102,
			"httpx/_utils.py", "normalize_header_value", 43}
	case merge.CompareVersions(tag, "0.28") < 0:
		return stack{"httpcore 0.13.7, h11 0.12.0 for 0.18.2 (0.23.3: httpcore 0.16.3, h11 0.14.0; 0.27.2: httpcore 1.0.9, h11 0.16.0)",
			"0.13.7", "SyncConnectionPool.handle_request", 199, "0.12.0", 131, 78, 83, "httpx/_utils.py", "normalize_header_value", 46}
	}
	return stack{"httpcore 1.0.9, h11 0.16.0", "1.0.9", "ConnectionPool.handle_request", 207, "0.16.0", 166, 91, 96,
		"httpx/_models.py", "_normalize_header_value", 74}
}

func urlParamsFunc(tag string) string {
	if merge.CompareVersions(tag, "0.18") >= 0 && merge.CompareVersions(tag, "0.28") < 0 {
		return "URL.__init__ / URL.copy_merge_params" // Request.__init__ calls url.copy_merge_params(params)
	}
	return "URL.__init__" // URL(url, params=): merged in (0.14), replacing the query (0.28)
}

func contentFile(tag string) string {
	if merge.CompareVersions(tag, "0.18") < 0 {
		return "httpx/_content_streams.py"
	}
	return "httpx/_content.py"
}

func contentFunc(tag string) string {
	if merge.CompareVersions(tag, "0.18") < 0 {
		return "encode"
	}
	return "encode_request"
}

func prepareFunc(tag string) string {
	if merge.CompareVersions(tag, "0.18") < 0 {
		return "Request.prepare"
	}
	return "Request._prepare"
}

func authFunc(tag string) string {
	if tag == "0.14.1" {
		return "BaseClient._build_auth"
	}
	return "BaseClient._build_request_auth"
}

func switches(tag string) []merge.Switch {
	f := factsFor(tag)
	pick := func(b bool, yes, no string) string {
		if b {
			return yes
		}
		return no
	}
	sw := []merge.Switch{
		{Name: "request-auth-none", Value: pick(f.noneDisables, "disables", "inherits")},
		{Name: "stream-drops-client-auth", Value: pick(tag == "0.14.2", ">=0.14.2 <0.15.2", "no")},
		{Name: "header-none", Value: "raises"},
		{Name: "header-names", Value: pick(tag == "0.14.2", "lower-cased <0.16, as given from 0.16", pick(f.lowerNames, "lower-cased", "as given"))},
		{Name: "header-override", Value: pick(f.updatePops, "moves to end", pick(tag == "0.18.2", "in place <0.22, moves to end from 0.22", "in place"))},
		{Name: "base-url-join", Value: pick(f.concatJoin, "append", "rfc3986")},
		{Name: "url-query", Value: pick(f.v28, "replaced by params", "merged key-wise")},
		{Name: "param-space", Value: pick(tag == "0.18.2", "+ <0.24, %20 0.24–0.27", "+")},
		{Name: "param-none", Value: "empty value"},
		{Name: "cookie-vs-header", Value: "header wins"},
		{Name: "json-style", Value: pick(f.v28, "compact utf-8", "python default")},
	}
	return sw
}

// run carries the request being built between rules.
type run struct {
	f             facts
	cite          *cites
	baseURL       *parsedURL
	clientHeaders []header
	clientParams  params
	clientList    []param
	clientCookies []cookie
	url           parsedURL
	headers       []header
	cookies       []cookie
	paramSrc      map[string]string
	mergedParams  *merge.Value // the value passed as Request(params=): nil = None
	merged        params
	mergedList    []param
	mergedIsQP    bool
	body          []byte
	bodyHeaders   []header
	authHeader    string
	authSrc       string
}

type cookie struct {
	Name, Value, Source string
	Null                bool
	Kind                merge.Kind
	Num                 string // a Number's literal, to name int or float
}

func state(s *merge.State) *run {
	r, _ := s.Vars["httpx"].(*run)
	if r == nil {
		r = &run{f: factsFor(s.Version), paramSrc: map[string]string{}}
		s.Vars["httpx"] = r
	}
	return r
}

func raise(s *merge.State, e *merge.LibError) {
	s.Raise(e.Type, "%s", e.Message)
}

// raiseHeader raises a header error of headersFrom where httpx raises it: a value that is not
// str, or not ASCII, fails in the header normaliser; a non-mapping in Headers() itself.
func raiseHeader(s *merge.State, e *merge.LibError) {
	at := merge.Cite{}
	if r := state(s); r.cite != nil && !strings.HasSuffix(e.Message, "is not iterable") {
		at = r.cite.normalize
	}
	s.RaiseAt(at, e.Type, "%s", e.Message)
}

// cited is one of the run's cites, or the rule's own when the binding rule did not run (tests).
func cited(s *merge.State, pick func(*cites) merge.Cite) merge.Cite {
	if r := state(s); r.cite != nil {
		return pick(r.cite)
	}
	return merge.Cite{}
}

// ---- binding --------------------------------------------------------------

func bindingRule(s *merge.State) {
	c, q := s.Client(), s.Request()
	lib := "httpx@" + s.Version
	if c.Prefix.Present() {
		s.Unsupported("client.prefix is not bound for %s", lib)
		return
	}
	if c.AllowAbsoluteURLs.Present() {
		s.Unsupported("client.allowAbsoluteUrls is not bound for %s", lib)
		return
	}
	if q.AllowAbsoluteURLs.Present() {
		s.Unsupported("request.allowAbsoluteUrls is not bound for %s", lib)
		return
	}
	type fv struct {
		name string
		v    merge.Value
	}
	for _, side := range []struct {
		name   string
		fields []fv
	}{
		{"client", []fv{{"base_url", c.BaseURL}, {"headers", c.Headers}, {"params", c.Params}, {"cookies", c.Cookies}, {"auth", c.Auth}}},
		{"request", []fv{{"method", q.Method}, {"url", q.URL}, {"headers", q.Headers}, {"params", q.Params}, {"cookies", q.Cookies}, {"auth", q.Auth}, {"json", q.JSON}, {"body", q.Body}, {"via", q.Via}}},
	} {
		for _, f := range side.fields {
			if where := python.FindUndefined(f.v, member(side.name, f.name), member); where != "" {
				s.Unsupported("%s is {\"$undefined\": true}: Python has no undefined", where)
				return
			}
		}
	}
	via := "request"
	if q.Via.Present() {
		if q.Via.Kind != merge.String || (q.Via.Text != "request" && q.Via.Text != "stream") {
			r := "None"
			if q.Via.Kind == merge.String {
				r = python.StrRepr(q.Via.Text)
			}
			s.Unsupported("httpx has no %s call path bound (request or stream)", r)
			return
		}
		via = q.Via.Text
	}
	if !q.URL.Present() {
		s.Unsupported("request.url is required (the url argument has no default)")
		return
	}
	for _, a := range []struct {
		where string
		v     merge.Value
	}{{"client.auth", c.Auth}, {"request.auth", q.Auth}} {
		if msg := python.NativeAuth(a.v, a.where, "httpx"); msg != "" {
			s.Unsupported("%s", msg)
			return
		}
	}
	s.Vars["via"] = via
}

// member is a dict member's path in the unsupported message: parent["key"], the key as a
// JSON string.
func member(parent, key string) string { return parent + "[" + jsonKey(key) + "]" }

func jsonKey(k string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range k {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x20 || r > 0x7e:
			if r > 0xffff {
				r -= 0x10000
				fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ---- client construction ---------------------------------------------------

// buildAuth is BaseClient._build_auth for a scenario auth value: a
// (username, password) tuple becomes BasicAuth; None is no auth; anything else
// is a TypeError.
func buildAuth(v merge.Value, f facts) (header string, none bool, err *merge.LibError) {
	switch v.Kind {
	case merge.Absent, merge.Null:
		return "", true, nil
	case merge.Object:
		u, p := v.Get("username"), v.Get("password")
		for i, x := range []merge.Value{u, p} {
			if x.Kind != merge.String {
				return "", false, &merge.LibError{Type: "TypeError", Message: fmt.Sprintf("sequence item %d: expected a bytes-like object, %s found", i, python.TypeName(x))}
			}
		}
		return merge.BasicAuth(u.Text, p.Text), false, nil
	}
	msg := `Invalid "auth" argument.`
	if f.authErrRepr {
		msg = `Invalid "auth" argument: ` + python.Repr(v)
	}
	return "", false, &merge.LibError{Type: "TypeError", Message: msg}
}

func clientInit(s *merge.State) {
	r := state(s)
	f := r.f
	c := s.Client()
	if c.BaseURL.Present() && c.BaseURL.Kind != merge.String {
		raise(s, urlTypeError(c.BaseURL, f))
		return
	}
	if c.BaseURL.Kind == merge.String && c.BaseURL.Text != "" {
		b := parseURL(c.BaseURL.Text, f)
		if f.concatJoin {
			// _enforce_trailing_slash on raw_path (path + ?query).
			rp := b.rawPath(true)
			if !strings.HasSuffix(rp, "/") {
				rp += "/"
			}
			b.Path, b.Query = rp, nil
			if i := strings.IndexByte(rp, '?'); i >= 0 {
				b.Path, b.Query = rp[:i], strPtr(rp[i+1:])
			}
		} else if p := b.Path; !strings.HasSuffix(orSlash(p), "/") {
			b.Path = p + "/"
		}
		r.baseURL = &b
		s.Explain("url", b.String(), merge.SourceClient, merge.ActionSet, "base_url always ends in '/' (_enforce_trailing_slash)")
	}
	if f.clientAuthEarly && c.Auth.Present() {
		if _, _, err := buildAuth(c.Auth, f); err != nil {
			s.RaiseAt(cited(s, func(c *cites) merge.Cite { return c.buildAuth }), err.Type, "%s", err.Message)
			return
		}
	}
	if f.qpDict {
		r.clientParams = paramsFrom(c.Params, f)
	} else {
		// 0.14 QueryParams keeps a flat item list.
		r.clientList = flatItems(c.Params, f)
	}
	hs, err := headersFrom(c.Headers, merge.SourceClient, f)
	if err != nil {
		raiseHeader(s, err)
		return
	}
	if f.clientDefaults {
		defaults := []header{
			{"Accept", "*/*", merge.SourceDefault},
			{"Accept-Encoding", "gzip, deflate", merge.SourceDefault},
			{"Connection", "keep-alive", merge.SourceDefault},
			{"User-Agent", "python-httpx/" + s.Version, merge.SourceDefault},
		}
		for i := range defaults {
			defaults[i].Name = name(defaults[i].Name, f)
		}
		for _, h := range hs {
			if i := find(defaults, h.Name); i >= 0 {
				s.Explain(merge.FieldName(defaults[i].Name), defaults[i].Value, merge.SourceClient, merge.ActionOverride, "client headers replace the library default "+defaults[i].Name)
			}
		}
		r.clientHeaders = update(defaults, hs, f)
	} else {
		r.clientHeaders = hs
	}
	if c.Cookies.Kind == merge.Object {
		for _, fl := range c.Cookies.Fields {
			r.clientCookies = setCookie(r.clientCookies, fl, merge.SourceClient)
		}
	}
}

func orSlash(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// flatItems is flatten_queryparams / parse_qsl for the 0.14 list model.
func flatItems(v merge.Value, f facts) []param {
	var out []param
	switch v.Kind {
	case merge.String:
		return parseQS(v.Text, false)
	case merge.Object:
		for _, fl := range v.Fields {
			if fl.Value.Kind == merge.Array {
				for _, it := range fl.Value.Items {
					out = append(out, param{fl.Key, primitive(it)})
				}
				continue
			}
			out = append(out, param{fl.Key, primitive(fl.Value)})
		}
	}
	return out
}

func setCookie(jar []cookie, fl merge.Field, src string) []cookie {
	ck := cookie{Name: fl.Key, Value: python.Str(fl.Value), Source: src, Null: fl.Value.Kind == merge.Null, Kind: fl.Value.Kind, Num: fl.Value.Text}
	for i, x := range jar {
		if x.Name == fl.Key {
			jar[i] = ck
			return jar
		}
	}
	return append(jar, ck)
}

// ---- request building --------------------------------------------------------

// urlTypeError is URL(x) for a non-str x.
func urlTypeError(v merge.Value, f facts) *merge.LibError {
	if f.qpDict {
		return &merge.LibError{Type: "TypeError", Message: fmt.Sprintf("Invalid type for url.  Expected str or httpx.URL, got <class '%s'>: %s", python.TypeName(v), python.Repr(v))}
	}
	return &merge.LibError{Type: "AttributeError", Message: fmt.Sprintf("'%s' object has no attribute '_uri_reference'", python.TypeName(v))}
}

func mergeURL(s *merge.State) {
	r := state(s)
	f := r.f
	q := s.Request()
	if q.URL.Kind != merge.String {
		raise(s, urlTypeError(q.URL, f))
		return
	}
	m := parseURL(q.URL.Text, f)
	if m.absolute() {
		r.url = m
		note := "absolute URL used as given"
		if r.baseURL != nil {
			note = "an absolute URL bypasses base_url"
		}
		s.Explain("url", m.String(), merge.SourceRequest, merge.ActionSet, note)
		return
	}
	base := parsedURL{}
	if r.baseURL != nil {
		base = *r.baseURL
	}
	if f.concatJoin {
		rp := strings.TrimLeft(m.rawPath(true), "/")
		if m.Path == "" {
			rp = strings.TrimLeft(strings.TrimPrefix(m.rawPath(true), "/"), "/")
			if m.Query != nil {
				rp = "?" + *m.Query
			} else {
				rp = ""
			}
		}
		joined := base.rawPath(true) + rp
		if !base.absolute() && r.baseURL == nil {
			joined = "/" + rp
		}
		u := base
		u.Path, u.Query, u.Fragment = joined, nil, m.Fragment
		if i := strings.IndexByte(joined, '?'); i >= 0 {
			u.Path, u.Query = joined[:i], strPtr(joined[i+1:])
		}
		if u.absolute() {
			if f.urlparse {
				u.Path = normalizePath24(u.Path)
			} else {
				u.Path = removeDotSegments(u.Path)
			}
		}
		if f.urlparse {
			// copy_with(raw_path=) re-runs _urlparse.urlparse, which quotes the
			// split path and query again: in 0.25.x a '/' the base's query gains
			// becomes %2F (#2723).
			pathSafe, querySafe, _ := urlSafe(f)
			if f.v28 {
				pathSafe, querySafe = pathSafe28, querySafe28
			}
			u.Path = quoteV(u.Path, pathSafe, f.quoteMode)
			if u.Query != nil {
				u.Query = strPtr(quoteV(*u.Query, querySafe, f.quoteMode))
			}
		}
		r.url = u
	} else {
		// 0.14: merge_url.copy_with(path=path.lstrip('/')) re-parses the unsplit text.
		ref := m
		ref.Path = strings.TrimLeft(orSlash(m.Path), "/")
		ref = splitURL(ref.String())
		if !base.absolute() {
			r.url = ref
		} else {
			base.Fragment = nil
			u := resolve(base, ref)
			u.Host = strings.ToLower(u.Host)
			r.url = u
		}
	}
	s.Explain("url", r.url.String(), merge.SourceClient, merge.ActionSet, fmt.Sprintf("relative URL %q joined to base_url", q.URL.Text))
}

func mergeHeaders(s *merge.State) {
	r := state(s)
	f := r.f
	hs, err := headersFrom(s.Request().Headers, merge.SourceRequest, f)
	if err != nil {
		raiseHeader(s, err)
		return
	}
	for _, h := range hs {
		if i := find(r.clientHeaders, h.Name); i >= 0 {
			old := r.clientHeaders[i]
			s.Explain(merge.FieldName(old.Name), old.Value, old.Source, merge.ActionOverride, "request header "+h.Name+" replaces it (Headers.update)")
		}
	}
	r.headers = update(append([]header(nil), r.clientHeaders...), hs, f)
	for _, h := range r.headers {
		if h.Source == merge.SourceDefault {
			s.ExplainAt(cited(s, func(c *cites) merge.Cite { return c.defaults }), merge.FieldName(h.Name), h.Value, h.Source, merge.ActionSet, "the client's headers start from the library defaults (from 0.15)")
			continue
		}
		s.Explain(merge.FieldName(h.Name), h.Value, h.Source, merge.ActionSet, "")
	}
}

func mergeCookies(s *merge.State) {
	r := state(s)
	r.cookies = append([]cookie(nil), r.clientCookies...)
	if c := s.Request().Cookies; c.Kind == merge.Object {
		for _, fl := range c.Fields {
			for _, x := range r.cookies {
				if x.Name == fl.Key {
					s.Explain("cookies."+fl.Key, x.Value, merge.SourceClient, merge.ActionOverride, "request cookie of the same name wins")
				}
			}
			r.cookies = setCookie(r.cookies, fl, merge.SourceRequest)
		}
	}
}

// isTruthy is Python truthiness of the request's params argument.
func isTruthy(v merge.Value) bool {
	switch v.Kind {
	case merge.Object:
		return len(v.Fields) > 0
	case merge.String:
		return v.Text != ""
	case merge.Bool:
		return v.Bool
	case merge.Number:
		return v.Float() != 0
	case merge.Array:
		return len(v.Items) > 0
	}
	return false
}

func mergeParams(s *merge.State) {
	r := state(s)
	f := r.f
	c, q := s.Client(), s.Request()
	reqV := q.Params
	if reqV.Kind != merge.Absent && reqV.Kind != merge.Null && reqV.Kind != merge.Object && reqV.Kind != merge.String {
		// A falsy non-mapping (False, 0) is skipped by `if params:` (0.14) and
		// `None if not params` (0.28); 0.18–0.27 call QueryParams(False).items().
		if isTruthy(reqV) || (f.qpDict && !f.v28) {
			s.Raise("AttributeError", "'%s' object has no attribute 'items'", python.TypeName(reqV))
			return
		}
		if !f.v28 {
			reqV = merge.Value{}
		}
	}
	for _, fl := range c.Params.Fields {
		r.paramSrc[fl.Key] = merge.SourceClient
	}
	clientSet := false
	if f.qpDict {
		clientSet = r.clientParams.len() > 0
	} else {
		clientSet = uniqueKeys(r.clientList) > 0
	}
	if isTruthy(reqV) || clientSet {
		r.mergedIsQP = true
		if f.qpDict {
			rq := paramsFrom(reqV, f)
			r.merged = r.clientParams.merge(rq)
			for _, k := range rq.Keys {
				if _, ok := r.clientParams.Values[k]; ok {
					s.Explain(merge.QueryField(k), strings.Join(r.clientParams.Values[k], ","), merge.SourceClient, merge.ActionOverride, "request params replace the client's values of "+k+" (QueryParams.merge)")
				}
				r.paramSrc[k] = merge.SourceRequest
			}
		} else {
			list := append([]param(nil), r.clientList...)
			if isTruthy(reqV) {
				rq := flatItems(reqV, f)
				for _, it := range rq {
					if r.paramSrc[it.Key] == merge.SourceClient {
						var old []string
						for _, c := range r.clientList {
							if c.Key == it.Key {
								old = append(old, c.Value)
							}
						}
						s.Explain(merge.QueryField(it.Key), strings.Join(old, ","), merge.SourceClient, merge.ActionOverride, "request params replace the client's values of "+it.Key+" (QueryParams.update)")
					}
					r.paramSrc[it.Key] = merge.SourceRequest
				}
				list = update14(list, rq)
			}
			r.mergedList = list
		}
		return
	}
	if reqV.Kind != merge.Absent && reqV.Kind != merge.Null {
		v := reqV
		r.mergedParams = &v
	}
}

// urlParams combines the merged params with the URL's own query.
func urlParams(s *merge.State) {
	r := state(s)
	f := r.f
	u := &r.url
	hadQuery := u.Query != nil && *u.Query != ""
	if u.Query != nil {
		for _, it := range parseQS(*u.Query, true) {
			if _, ok := r.paramSrc[it.Key]; !ok {
				r.paramSrc[it.Key] = merge.SourceURL
			}
		}
	}
	switch {
	case !f.qpDict:
		// 0.14 URL.__init__: `if params:` parse_qsl(url query) then update.
		var items []param
		truthy := false
		if r.mergedIsQP {
			items, truthy = r.mergedList, uniqueKeys(r.mergedList) > 0
		} else if r.mergedParams != nil && isTruthy(*r.mergedParams) {
			items, truthy = flatItems(*r.mergedParams, f), true
			truthy = truthy && uniqueKeys(items) > 0 || r.mergedParams.Kind == merge.Object
		}
		if !truthy {
			break
		}
		if hadQuery {
			items = update14(parseQS(*u.Query, false), items)
		}
		if msg, bad := encodeError8(items, f); bad {
			s.Raise("UnicodeEncodeError", "%s", msg)
			return
		}
		u.Query = strPtr(urlEncode(items, f))
	case !r.mergedIsQP && r.mergedParams == nil:
		// params is None: the URL is left as it is.
	case f.v28:
		// URL(url, params=params): query = None if not params else str(QueryParams(params)).
		var qp params
		if r.mergedIsQP {
			qp = r.merged
		} else {
			qp = paramsFrom(*r.mergedParams, f)
		}
		if hadQuery {
			s.Explain("url", *u.Query, merge.SourceURL, merge.ActionRemove, "URL(url, params=...) replaces the URL's own query (0.28, #3364)")
		}
		if (r.mergedIsQP && qp.len() == 0) || (!r.mergedIsQP && !isTruthy(*r.mergedParams)) {
			u.Query = nil
		} else {
			if msg, bad := encodeError8(qp.items(), f); bad {
				s.Raise("UnicodeEncodeError", "%s", msg)
				return
			}
			u.Query = strPtr(urlEncode(qp.items(), f))
		}
	default:
		// url.copy_merge_params(params): parse_qs(url query) merged with params.
		var own params
		if u.Query != nil {
			for _, it := range parseQS(*u.Query, f.keepBlank) {
				own.add(it.Key, it.Value)
			}
		}
		var qp params
		if r.mergedIsQP {
			qp = r.merged
		} else {
			qp = paramsFrom(*r.mergedParams, f)
		}
		all := own.merge(qp)
		if all.len() == 0 {
			u.Query = nil
		} else {
			if msg, bad := encodeError8(all.items(), f); bad {
				s.Raise("UnicodeEncodeError", "%s", msg)
				return
			}
			u.Query = strPtr(urlEncode(all.items(), f))
		}
	}
	if u.Query != nil && *u.Query != "" {
		for _, it := range parseQS(*u.Query, true) {
			src := r.paramSrc[it.Key]
			if src == "" {
				src = merge.SourceURL
			}
			s.Explain(merge.QueryField(it.Key), it.Value, src, merge.ActionSet, "")
		}
	}
}

func method(s *merge.State) {
	q := s.Request()
	switch q.Method.Kind {
	case merge.Absent:
		s.Method = "GET"
	case merge.String:
		s.Method = strings.ToUpper(q.Method.Text)
	default:
		s.Raise("AttributeError", "'%s' object has no attribute 'upper'", python.TypeName(q.Method))
		return
	}
	s.Explain("method", s.Method, merge.SourceRequest, merge.ActionSet, "Request() upper-cases the method")
}

func cookieHeader(s *merge.State) {
	r := state(s)
	if len(r.cookies) == 0 {
		return
	}
	// http.cookiejar._cookie_attrs runs non_word_re.search(cookie.value) on
	// every cookie, even when a Cookie header will win.
	for _, ck := range r.cookies {
		if ck.Kind != merge.String && ck.Kind != merge.Null {
			s.Raise("TypeError", "expected string or bytes-like object, got '%s'", python.TypeName(merge.Value{Kind: ck.Kind, Text: ck.Num}))
			return
		}
	}
	if i := find(r.headers, "Cookie"); i >= 0 {
		for _, ck := range r.cookies {
			s.Explain("cookies."+ck.Name, ck.Value, ck.Source, merge.ActionIgnore, "an explicit Cookie header is present, so the cookie jar adds nothing")
		}
		return
	}
	parts := make([]string, len(r.cookies))
	for i, ck := range r.cookies {
		if ck.Null {
			parts[i] = ck.Name
		} else {
			parts[i] = ck.Name + "=" + ck.Value
		}
	}
	r.headers = setItem(r.headers, header{name("Cookie", r.f), strings.Join(parts, "; "), merge.SourceCookies})
	s.Explain(merge.FieldName(name("Cookie", r.f)), strings.Join(parts, "; "), merge.SourceCookies, merge.ActionSet, "client cookies, then request cookies by name")
}

func encodeBody(s *merge.State) {
	r := state(s)
	f := r.f
	q := s.Request()
	useBody := q.Body.Kind == merge.String && (f.concatJoin || q.Body.Text != "")
	if merge.CompareVersions(s.Version, "0.15.0") >= 0 {
		useBody = q.Body.Kind == merge.String
	}
	switch {
	case useBody:
		// encode_content: content.encode("utf-8"), which refuses a surrogate.
		if msg, _, _, bad := python.EncodeError(q.Body.Text, python.UTF8); bad {
			s.Raise("UnicodeEncodeError", "%s", msg)
			return
		}
		r.body = []byte(q.Body.Text)
		if len(r.body) > 0 {
			r.bodyHeaders = []header{{name("Content-Length", f), fmt.Sprint(len(r.body)), merge.SourceRequest}}
		}
		s.Explain("body", q.Body.Text, merge.SourceRequest, merge.ActionSet, "raw body encoded as UTF-8")
	case q.JSON.Present() && q.JSON.Kind != merge.Null:
		st := jsontext.Python
		if f.v28 {
			// json.dumps(..., ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
			st = jsontext.Style{ItemSep: ",", KeySep: ":", PyNumbers: true}
			if jsontext.NonFinite(q.JSON) {
				s.Raise("ValueError", "Out of range float values are not JSON compliant")
				return
			}
		}
		text := jsontext.Encode(q.JSON, st)
		if msg, _, _, bad := python.EncodeError(text, python.UTF8); bad {
			s.Raise("UnicodeEncodeError", "%s", msg)
			return
		}
		r.body = []byte(text)
		r.bodyHeaders = []header{
			{name("Content-Length", f), fmt.Sprint(len(r.body)), merge.SourceRequest},
			{name("Content-Type", f), "application/json", merge.SourceRequest},
		}
		s.Explain("body", string(r.body), merge.SourceRequest, merge.ActionSet, "json= serialised with json.dumps")
	default:
		s.Explain("body", "", merge.SourceRequest, merge.ActionSet, "no body")
	}
	for _, h := range r.bodyHeaders {
		if find(r.headers, h.Name) >= 0 {
			continue // setdefault
		}
		r.headers = append(r.headers, h)
		s.Explain(merge.FieldName(h.Name), h.Value, h.Source, merge.ActionSet, "set by the body's encoder unless the headers have it")
	}
}

func autoHeaders(s *merge.State) {
	r := state(s)
	f := r.f
	var auto []header
	if find(r.headers, "Host") < 0 && (r.url.Host != "" || !f.clientDefaults) {
		auto = append(auto, header{name("Host", f), r.url.netloc(), merge.SourceURL})
	}
	if find(r.headers, "Content-Length") < 0 && find(r.headers, "Transfer-Encoding") < 0 &&
		(s.Method == "POST" || s.Method == "PUT" || s.Method == "PATCH") {
		auto = append(auto, header{name("Content-Length", f), "0", merge.SourceDefault})
	}
	if !f.clientDefaults {
		for _, d := range [][2]string{{"user-agent", "python-httpx/" + s.Version}, {"accept", "*/*"}, {"accept-encoding", "gzip, deflate"}, {"connection", "keep-alive"}} {
			if find(r.headers, d[0]) < 0 {
				auto = append(auto, header{d[0], d[1], merge.SourceDefault})
			}
		}
	}
	r.headers = append(auto, r.headers...)
	for _, h := range auto {
		note := "prepended when absent"
		if h.Source == merge.SourceURL {
			note = "the URL's host, with its port if one is given"
		}
		s.Explain(merge.FieldName(h.Name), h.Value, h.Source, merge.ActionSet, note)
	}
}

func requestAuth(s *merge.State) {
	r := state(s)
	f := r.f
	c, q := s.Client(), s.Request()
	reqAuth := q.Auth
	via := merge.Var[string](s, "via")
	if via == "stream" && !reqAuth.Present() && (f.streamDropsAuth || !f.noneDisables) {
		// stream(auth=None) default before PR #1312 (0.15.2).
		reqAuth = merge.Value{Kind: merge.Null}
		if f.streamDropsAuth && c.Auth.Present() && c.Auth.Kind != merge.Null {
			s.Explain(merge.FieldName("Authorization"), "", merge.SourceClient, merge.ActionRemove, "client.stream() passes auth=None (fixed by PR #1312 in 0.15.2), which disables client auth")
		}
	}
	var eff merge.Value
	src := merge.SourceRequest
	switch {
	case !reqAuth.Present():
		eff, src = c.Auth, merge.SourceClient
	case reqAuth.Kind == merge.Null && !f.noneDisables:
		eff, src = c.Auth, merge.SourceClient
		if c.Auth.Present() && c.Auth.Kind != merge.Null {
			s.Explain(merge.FieldName("Authorization"), "", merge.SourceClient, merge.ActionKeep, "request auth=None means 'use the client auth' before 0.14.2")
		}
	default:
		eff = reqAuth
		if reqAuth.Kind == merge.Null && c.Auth.Present() && c.Auth.Kind != merge.Null && !(via == "stream" && f.streamDropsAuth && !q.Auth.Present()) {
			s.Explain(merge.FieldName("Authorization"), "", merge.SourceClient, merge.ActionRemove, "request auth=None disables the client auth (0.14.2+, PR #1115)")
		}
	}
	hdr, none, err := buildAuth(eff, f)
	if err != nil {
		s.RaiseAt(cited(s, func(c *cites) merge.Cite { return c.buildAuth }), err.Type, "%s", err.Message)
		return
	}
	if !none {
		r.authHeader, r.authSrc = hdr, src
		return
	}
	if ui := r.url.Userinfo; ui != "" {
		user, pass, _ := strings.Cut(ui, ":")
		if f.unquoteUserinfo {
			user, pass = unquote(user), unquote(pass)
		}
		if user != "" || pass != "" {
			r.authHeader, r.authSrc = merge.BasicAuth(user, pass), merge.SourceURL
		}
	}
}

func unquote(s string) string {
	return unquotePlus(strings.ReplaceAll(s, "+", "%2B"))
}

func authFlow(s *merge.State) {
	r := state(s)
	if r.authHeader == "" {
		return
	}
	if i := find(r.headers, "Authorization"); i >= 0 {
		s.Explain(merge.FieldName(r.headers[i].Name), r.headers[i].Value, r.headers[i].Source, merge.ActionOverride, "BasicAuth overwrites an explicit Authorization header")
	}
	r.headers = setItem(r.headers, header{name("Authorization", r.f), r.authHeader, merge.SourceAuth})
	note := "BasicAuth: Basic base64(user:password)"
	if r.authSrc == merge.SourceURL {
		note = "no auth given: the URL's user:password is used"
	}
	s.Explain(merge.FieldName(name("Authorization", r.f)), r.authHeader, merge.SourceAuth, merge.ActionSet, note)
}

func transport(s *merge.State) {
	r := state(s)
	f := r.f
	u := r.url
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		switch {
		case f.protoMsg == 0:
			s.Raise("UnsupportedProtocol", "Unsupported URL protocol %s", python.StrRepr(u.Scheme))
		case u.Scheme == "":
			if f.protoMsg == 1 {
				s.Raise("UnsupportedProtocol", "Request URL missing either an 'http://' or 'https://' protocol.")
			} else {
				s.Raise("UnsupportedProtocol", "Request URL is missing an 'http://' or 'https://' protocol.")
			}
		case u.Scheme == "http" || u.Scheme == "https":
			s.Raise("LocalProtocolError", "Missing hostname in URL.")
		default:
			s.Raise("UnsupportedProtocol", "Request URL has an unsupported protocol '%s://'.", u.Scheme)
		}
		return
	}
	// h11 normalize_and_validate: every value must match field-value.
	for _, h := range r.headers {
		if !fieldValue(h.Value) {
			s.RaiseAt(cited(s, func(c *cites) merge.Cite { return c.headerValue }), "LocalProtocolError", "Illegal header value %s", bytesRepr(h.Value))
			return
		}
	}
	// h11 ContentLengthWriter: the body must match a declared Content-Length.
	if i := find(r.headers, "Content-Length"); i >= 0 && find(r.headers, "Transfer-Encoding") < 0 {
		if n, err := strconv.Atoi(r.headers[i].Value); err == nil {
			switch {
			case len(r.body) > n:
				s.RaiseAt(cited(s, func(c *cites) merge.Cite { return c.tooMuch }), "LocalProtocolError", "Too much data for declared Content-Length")
				return
			case len(r.body) < n:
				s.RaiseAt(cited(s, func(c *cites) merge.Cite { return c.tooLittle }), "LocalProtocolError", "Too little data for declared Content-Length")
				return
			}
		}
	}
	s.URL = u.String()
	s.Target = u.rawPath(f.concatJoin)
	s.Body = r.body
	// h11 _writers.write_headers: Host lines first, then the rest in order.
	var wire []header
	for _, h := range r.headers {
		if strings.EqualFold(h.Name, "Host") {
			wire = append(wire, h)
		}
	}
	for _, h := range r.headers {
		if !strings.EqualFold(h.Name, "Host") {
			wire = append(wire, h)
		}
	}
	// Each header's step is its origin's (merge-headers, encode-body, cookie-header,
	// auto-headers, auth-flow): the writer only orders them.
	for _, h := range wire {
		s.AddHeader(h.Name, h.Value, h.Source)
	}
}

// fieldValue is h11's field_value: empty, or visible characters with
// single spaces/tabs only between them.
func fieldValue(v string) bool {
	if v == "" {
		return true
	}
	isWS := func(c byte) bool { return c == ' ' || c == '\t' }
	if isWS(v[0]) || isWS(v[len(v)-1]) {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == 0 || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			return false
		}
	}
	return true
}

// bytesRepr is Python's repr() of the UTF-8 bytes of v.
func bytesRepr(v string) string {
	q := byte('\'')
	if strings.IndexByte(v, '\'') >= 0 && strings.IndexByte(v, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteString("b" + string(q))
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == q:
			b.WriteString(`\` + string(q))
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way Python does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("python", recordedReleases.Apply(profiles()...)...)
})
