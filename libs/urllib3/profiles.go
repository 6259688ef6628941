package urllib3

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/form"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/python"
	u3 "github.com/mergeplay/mergeplay/model/urllib3"
)

// urllib3 profiles: PoolManager(headers=) and PoolManager.request. urllib3
// has no merge at all: a request's headers= replaces the pool's whole, and
// fields= is appended to the URL with "?" whatever the URL already holds.
// 1.26 and 2.x differ in their transport (where User-Agent goes, how a str
// body is encoded) and in json=, which 2.0 added; the one change inside 2.x
// (2.2.0's HTTPHeaderDict cast) is a version fact.

const binding = "pm = urllib3.PoolManager(headers=client.headers); pm.request(method, url, headers=, fields=params, json=, body=) " +
	"with only the request fields present (conformance/runners/python/BINDING.md). base_url, client params, cookies, auth, " +
	"via other than \"request\", json on 1.26, non-empty params on a method urllib3 sends them as a multipart body " +
	"(anything but DELETE, GET, HEAD, OPTIONS) and {\"$undefined\": true} are unsupported; null is None."

// cpython is the interpreter the venvs run (pyvenv.cfg: Debian's /usr/bin/python3).
const cpython = "3.11.2"

// line is one profile: a major and the release its citations point at.
type line struct {
	min, max, tag string
	note          string
}

func profiles() []*merge.Profile {
	return []*merge.Profile{
		profile(line{min: "1.26.0", max: "2", tag: "1.26.20",
			note: "Every release 1.26.0–1.26.20 records every case identically (the sweep), User-Agent version aside. " +
				"urllib3 1.26 hands headers and a str body to http.client: Content-Length (http.client) comes before the request's " +
				"headers, urllib3's own User-Agent is appended after them, and a str body is encoded as Latin-1. " +
				"There is no json= keyword (2.0 added it), so json scenarios are unsupported."}),
		profile(line{min: "2.0.0", max: "3", tag: "2.8.0",
			note: "Every release 2.0.0–2.8.0 records every case identically (the sweep), User-Agent version aside, except 2.2.0: " +
				"HTTPConnectionPool.urlopen cast the request's headers to HTTPHeaderDict (PR #3203, commit 8afb98b3, in 2.2.0; " +
				"reverted by PR #3344, commit 49b2ddaf, in 2.2.1), so two spellings of one name are both sent under the first spelling. " +
				"2.0.0 and 2.0.1 are yanked on PyPI; they are recorded all the same. urllib3 2 writes Content-Length and its own " +
				"User-Agent before the request's headers and encodes a str body as UTF-8; json= is compact, ensure_ascii=False and " +
				"allows NaN and Infinity."}).StartingAt(merge.Boundary{
			Ref: "urllib3/urllib3#2243", URL: "https://github.com/urllib3/urllib3/pull/2243",
			Doc: "2.0.0, a major: request() gains json= (PR #2243, in the 2.0.0a1 changelog), and urllib3 2 writes Content-Length " +
				"and its own User-Agent before the request's headers and sends a str body as UTF-8 where 1.26's http.client appended " +
				"them and used Latin-1 (every 1.26 and 2.x release recorded)"}),
	}
}

// facts are what changed inside a profile, by urllib3 version.
type facts struct {
	v2        bool
	castHDict bool // 2.2.0: HTTPConnectionPool.urlopen builds an HTTPHeaderDict from every request's headers
}

func factsFor(version string) facts {
	return facts{v2: merge.CompareVersions(version, "2") >= 0, castHDict: version == "2.2.0"}
}

// cites are the functions a rule's steps and raises point at (Rule.Also).
type cites struct {
	encodeURL, encodeBody, urlopen, connRequest   merge.Cite
	putrequest, putheader, sendRequest, encode    merge.Cite
	urlencode, quote, jsonDumps, bodyChunks, cast merge.Cite
}

// lines are the cited functions' first lines at each recorded tag (read from the
// tag's source).
var lines = merge.Lines{
	{Tag: "1.26.20", Key: "__init__", Line: 44},
	{Tag: "1.26.20", Key: "request", Line: 72},
	{Tag: "1.26.20", Key: "request_encode_url", Line: 90},
	{Tag: "1.26.20", Key: "fields", Line: 97},
	{Tag: "1.26.20", Key: "request_encode_body", Line: 170},
	{Tag: "1.26.20", Key: "urlopen", Line: 362},
	{Tag: "1.26.20", Key: "request_uri", Line: 376},
	{Tag: "1.26.20", Key: "HTTPConnection.request", Line: 242},
	{Tag: "2.8.0", Key: "__init__", Line: 52},
	{Tag: "2.8.0", Key: "request", Line: 112},
	{Tag: "2.8.0", Key: "json", Line: 127},
	{Tag: "2.8.0", Key: "request_encode_url", Line: 173},
	{Tag: "2.8.0", Key: "fields", Line: 180},
	{Tag: "2.8.0", Key: "request_encode_body", Line: 254},
	{Tag: "2.8.0", Key: "urlopen", Line: 436},
	{Tag: "2.8.0", Key: "request_uri", Line: 459},
	{Tag: "2.8.0", Key: "HTTPConnection.request", Line: 563},
	{Tag: "2.8.0", Key: "body_to_chunks", Line: 260},
}

func profile(l line) *merge.Profile {
	v2 := !strings.HasPrefix(l.tag, "1.")
	file := "request.py"
	if v2 {
		file = "_request_methods.py"
	}
	at := func(tag, path, fn string, n int) merge.Cite {
		return merge.Cite{File: "src/urllib3/" + path, Func: fn, Tag: tag,
			URL: fmt.Sprintf("https://github.com/urllib3/urllib3/blob/%s/src/urllib3/%s#L%d", tag, path, n)}
	}
	c := func(path, fn, key string) merge.Cite { return at(l.tag, path, fn, lines.Line(l.tag, key)) }
	py := func(path, fn string, n int) merge.Cite {
		return merge.Cite{File: "Lib/" + path, Func: fn, Tag: "v" + cpython,
			URL: fmt.Sprintf("https://github.com/python/cpython/blob/v%s/Lib/%s#L%d", cpython, path, n)}
	}
	cs := cites{
		encodeURL:   c(file, "RequestMethods.request_encode_url", "fields"),
		encodeBody:  c(file, "RequestMethods.request_encode_body", "request_encode_body"),
		urlopen:     c("poolmanager.py", "PoolManager.urlopen", "request_uri"),
		connRequest: c("connection.py", "HTTPConnection.request", "HTTPConnection.request"),
		putrequest:  py("http/client.py", "HTTPConnection.putrequest", 1195),
		putheader:   py("http/client.py", "HTTPConnection.putheader", 1259),
		sendRequest: py("http/client.py", "HTTPConnection._send_request", 1288),
		encode:      py("http/client.py", "_encode", 161),
		urlencode:   py("urllib/parse.py", "urlencode", 992),
		quote:       py("urllib/parse.py", "quote", 903),
	}
	// putheader encodes a str value as Latin-1 (line 1255), then checks it (1259, cs.putheader).
	transportAlso := []merge.Cite{cs.putrequest, cs.putheader, py("http/client.py", "HTTPConnection.putheader", 1255)}
	bodyCite := cs.encode
	if v2 {
		cs.jsonDumps = c(file, "RequestMethods.request", "json")
		cs.bodyChunks = c("util/request.py", "body_to_chunks", "body_to_chunks")
		// 2.2.0 only (PR #3203; reverted by PR #3344 in 2.2.1).
		cs.cast = at("2.2.0", "connectionpool.py", "HTTPConnectionPool.urlopen", 754)
		transportAlso = append(transportAlso, cs.cast, cs.bodyChunks)
		bodyCite = cs.bodyChunks
	} else {
		transportAlso = append(transportAlso, cs.sendRequest)
	}
	requestAlso := []merge.Cite{}
	if v2 {
		requestAlso = append(requestAlso, cs.jsonDumps)
	}
	uaPlace, strBody, lengthBy := "appended after the request's headers", "latin-1 (http.client _encode)", "http.client _send_request"
	if v2 {
		uaPlace, strBody, lengthBy = "before the request's headers, after Content-Length", "utf-8 (urllib3 body_to_chunks)", "urllib3 body_to_chunks"
	}
	jsonSwitch := "unsupported (no json= keyword)"
	if v2 {
		jsonSwitch = "json.dumps compact, ensure_ascii=False, NaN/Infinity allowed; Content-Type unless any spelling is set; None means absent"
	}
	return &merge.Profile{
		Library:  "urllib3",
		Min:      l.min,
		Max:      l.max,
		Verified: merge.Recorded,
		Runtime:  "CPython " + cpython + " (Debian), urllib3 alone (no brotli/zstandard)",
		Note:     l.note,
		Binding:  binding,
		Switches: []merge.Switch{
			{Name: "client-defaults", Value: "headers only (PoolManager(headers=))"},
			{Name: "headers-merge", Value: "none: request headers=, even {}, replace the pool's whole; None uses the pool's"},
			{Name: "header-none", Value: "TypeError (http.client putheader)"},
			{Name: "header-names", Value: "sent as given; two spellings are two lines" + map[bool]string{true: " (2.2.0: both under the first spelling)"}[v2]},
			{Name: "header-number", Value: "str(int): 42, True, False; a float or list raises TypeError"},
			{Name: "fields-query", Value: "url + \"?\" + urlencode(fields): a URL's own query gives '?q=0?a=2'"},
			{Name: "fields-values", Value: "str() of each value: None, True, ['a', 'b']"},
			{Name: "url-userinfo", Value: "ignored (no Authorization)"},
			{Name: "json", Value: jsonSwitch},
			{Name: "fallback-user-agent", Value: "python-urllib3, " + uaPlace},
			{Name: "str-body", Value: strBody},
		},
		Rules: []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/python/runner.py", Func: "run_urllib3", Tag: "mergeplay"},
				Doc:   "What the Python binding cannot express is unsupported: undefined, base_url, client params, cookies, auth, other call paths, json on 1.26, params of a method urllib3 sends as a multipart body.",
				Apply: func(s *merge.State) { s.Vars["urllib3"] = &run{f: factsFor(s.Version), cite: cs}; bind(s) }},
			{Name: "pool-headers", Cite: c(file, "RequestMethods.__init__", "__init__"),
				Doc:   "PoolManager(headers=) keeps headers or {}: None and {} both mean no pool headers.",
				Apply: poolHeaders},
			{Name: "request", Cite: c(file, "RequestMethods.request", "request"), Also: requestAlso,
				Doc: "request() upper-cases the method" + map[bool]string{true: "; json= (not None) with body= raises TypeError, else it is json.dumps(separators=(\",\", \":\"), ensure_ascii=False).encode(\"utf-8\") and Content-Type: application/json is added to a copy of the headers (the pool's when none are given) unless one is set in any spelling", false: ""}[v2] +
					"; DELETE, GET, HEAD and OPTIONS go through request_encode_url, every other method through request_encode_body.",
				Apply: request},
			{Name: "choose-headers", Cite: cs.encodeURL, Also: []merge.Cite{cs.encodeBody},
				Doc:   "headers=None means the pool's headers; any other mapping, even {}, is sent instead of them, whole. request_encode_body copies it" + map[bool]string{true: " into an HTTPHeaderDict (two spellings of a name become one entry with two values)", false: " into a dict"}[v2] + ".",
				Apply: chooseHeaders},
			{Name: "encode-url", Cite: cs.encodeURL, Also: []merge.Cite{cs.urlencode, cs.quote},
				Doc:   "Non-empty fields are appended as url + \"?\" + urlencode(fields): no check for a query already in the URL, str() of every value, quote_plus (UTF-8; a lone surrogate raises UnicodeEncodeError).",
				Apply: encodeURL},
			{Name: "pool-urlopen", Cite: cs.urlopen,
				Doc:   "PoolManager.urlopen parses the URL with parse_url (no scheme means http; host lower-cased; path and query percent-encoded; dot segments removed) and sends its request_uri: the fragment, with anything after it, is dropped; userinfo is ignored.",
				Apply: poolURLOpen},
			{Name: "transport-headers", Cite: cs.connRequest, Also: transportAlso,
				Doc: "http.client putrequest writes Host and Accept-Encoding: identity unless the headers hold them (any spelling); Content-Length comes from the body (0 for a method that expects one: " + lengthBy + ") unless set; urllib3 adds User-Agent: python-urllib3/<version> when none is set, " + uaPlace +
					". putheader sends a str as Latin-1 and an int or bool as str(); any other value raises TypeError.",
				Apply: transportHeaders},
			{Name: "transport-body", Cite: bodyCite,
				Doc: "The body as sent: a str body is encoded as " + strBody + "; a json body is the bytes request() made.", Apply: transportBody},
		},
	}
}

// run carries the Python-side objects between rules.
type run struct {
	f       facts
	cite    cites
	method  string
	pool    []hdr // PoolManager.headers
	headers []hdr // the mapping request_encode_* passes on, in order
	hdict   bool  // headers is an HTTPHeaderDict (spellings merged)
	url     string
	body    []byte // json bytes, or the encoded str body
	hasBody bool
	bodyStr string
	isStr   bool
}

// hdr is one entry of the headers mapping.
type hdr struct {
	Name   string
	Val    merge.Value
	Source string
}

func state(s *merge.State) *run {
	if r := merge.Var[*run](s, "urllib3"); r != nil {
		return r
	}
	r := &run{f: factsFor(s.Version)}
	s.Vars["urllib3"] = r
	return r
}

var (
	clientFields  = []string{"base_url", "headers", "params", "cookies", "auth"}
	requestFields = []string{"method", "url", "headers", "params", "cookies", "auth", "json", "body", "via"}
	authWhy       = "urllib3 has no auth option (Basic auth is a header made with urllib3.make_headers)"
)

// bind mirrors split_scenario and run_urllib3 in the runner, check for check.
func bind(s *merge.State) {
	c, r := s.Client(), s.Request()
	lib := s.Scenario.Library
	for _, side := range []struct {
		name    string
		present []string
		known   []string
	}{{"client", merge.ClientFieldsPresent(c), clientFields}, {"request", merge.RequestFieldsPresent(r), requestFields}} {
		for _, f := range side.present {
			if !contains(side.known, f) {
				s.Unsupported("%s.%s is not bound for %s", side.name, f, lib)
				return
			}
		}
	}
	for _, side := range []struct {
		name string
		v    []merge.Value
		keys []string
	}{
		{"client", []merge.Value{c.BaseURL, c.Headers, c.Params, c.Cookies, c.Auth}, clientFields},
		{"request", []merge.Value{r.Method, r.URL, r.Headers, r.Params, r.Cookies, r.Auth, r.JSON, r.Body, r.Via}, requestFields},
	} {
		for i, v := range side.v {
			if w := python.FindUndefined(v, path(side.name, side.keys[i]), path); w != "" {
				s.Unsupported(`%s is {"$undefined": true}: Python has no undefined`, w)
				return
			}
		}
	}
	for _, f := range []struct {
		key string
		v   merge.Value
		why string
	}{{"base_url", c.BaseURL, "urllib3 has no base URL option"}, {"params", c.Params, "urllib3's PoolManager has no default fields or query"},
		{"cookies", c.Cookies, "urllib3 has no cookie jar or cookies option"}, {"auth", c.Auth, authWhy}} {
		if f.v.Present() {
			s.Unsupported("client.%s: %s", f.key, f.why)
			return
		}
	}
	if r.Cookies.Present() {
		s.Unsupported("request.cookies: urllib3 has no cookies option")
		return
	}
	if r.Auth.Present() {
		s.Unsupported("request.auth: %s", authWhy)
		return
	}
	if r.Via.Present() && !(r.Via.Kind == merge.String && r.Via.Text == "request") {
		s.Unsupported("urllib3 has no %s call path bound (only PoolManager.request)", python.Repr(r.Via))
		return
	}
	if !r.URL.Present() {
		s.Unsupported("request.url is required (urllib3 has no base URL)")
		return
	}
	for _, f := range []struct {
		side, key string
		v         merge.Value
	}{{"client", "headers", c.Headers}, {"request", "headers", r.Headers}, {"request", "params", r.Params}} {
		v := f.v
		if v.Kind == merge.Absent || v.Kind == merge.Null || v.Kind == merge.Object || f.key == "params" && v.Kind == merge.Bool && !v.Bool {
			continue
		}
		extra := ""
		if f.key == "params" {
			extra = ", or false"
		}
		s.Unsupported("%s.%s must be an object or null%s for urllib3 (a mapping)", f.side, f.key, extra)
		return
	}
	method := methodOf(r)
	if r.Params.Kind == merge.Object && len(python.Dict(r.Params)) > 0 && !encodeURLMethod(strings.ToUpper(method)) {
		s.Unsupported("request.params: urllib3 sends fields= of a %s as a multipart body, not a query (only DELETE, GET, HEAD, OPTIONS put them in the URL)", method)
		return
	}
	if r.JSON.Present() && !state(s).f.v2 {
		s.Unsupported("request.json: urllib3 1.26 has no json= keyword (added in 2.0)")
		return
	}
	if r.Body.Present() && r.Body.Kind != merge.String && r.Body.Kind != merge.Null {
		s.Unsupported("request.body must be a string (raw body) or null")
	}
}

func methodOf(r *merge.Side) string {
	if r.Method.Kind == merge.String {
		return r.Method.Text
	}
	return "GET"
}

// encodeURLMethod is RequestMethods._encode_url_methods.
func encodeURLMethod(m string) bool {
	return m == "DELETE" || m == "GET" || m == "HEAD" || m == "OPTIONS"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// path is the runner's location of a value: client["headers"]["X"].
func path(parent, key string) string {
	return parent + "[" + jsontext.Encode(merge.Value{Kind: merge.String, Text: key}, jsontext.Python) + "]"
}

func entries(v merge.Value, source string) []hdr {
	if v.Kind != merge.Object {
		return nil
	}
	var out []hdr
	for _, f := range python.Dict(v) {
		out = append(out, hdr{f.Key, f.Value, source})
	}
	return out
}

func poolHeaders(s *merge.State) {
	run := state(s)
	run.pool = entries(s.Client().Headers, merge.SourceClient)
	if h := s.Client().Headers; h.Kind == merge.Null || h.Kind == merge.Object && len(run.pool) == 0 {
		s.Explain("headers", "", merge.SourceClient, merge.ActionIgnore, "headers or {}: the pool has no headers")
	}
}

func request(s *merge.State) {
	run := state(s)
	r := s.Request()
	run.method = strings.ToUpper(methodOf(r))
	s.Method = run.method
	s.Explain("method", run.method, merge.SourceRequest, merge.ActionSet, "method.upper()")
	if !run.f.v2 || !r.JSON.Present() || r.JSON.Kind == merge.Null {
		if r.JSON.Kind == merge.Null {
			s.Explain("json", "", merge.SourceRequest, merge.ActionIgnore, "json=None is the default: no JSON body")
		}
		return
	}
	if r.Body.Present() && r.Body.Kind != merge.Null {
		s.Raise("TypeError", "request got values for both 'body' and 'json' parameters which are mutually exclusive")
		return
	}
	text := jsontext.Encode(jsonValue(r.JSON), jsontext.Style{ItemSep: ",", KeySep: ":", PyNumbers: true})
	if msg, _, _, bad := python.EncodeError(text, python.UTF8); bad {
		s.RaiseAt(run.cite.jsonDumps, "UnicodeEncodeError", "%s", msg)
		return
	}
	run.body, run.hasBody = []byte(text), true
	s.ExplainAt(run.cite.jsonDumps, "body", text, merge.SourceRequest, merge.ActionSet, "json.dumps(separators=(\",\", \":\"), ensure_ascii=False).encode(\"utf-8\")")
	headers := run.pool
	if r.Headers.Kind == merge.Object {
		headers = entries(r.Headers, merge.SourceRequest)
	}
	for _, h := range headers {
		if strings.EqualFold(h.Name, "Content-Type") {
			s.ExplainAt(run.cite.jsonDumps, merge.FieldName("Content-Type"), "application/json", merge.SourceDefault, merge.ActionIgnore, "a Content-Type is already set (in any spelling)")
			return
		}
	}
	// A copy (HTTPHeaderDict) with Content-Type last; the request's own mapping, or the pool's.
	headers = append(mergeSpellings(headers), hdr{"Content-Type", merge.Value{Kind: merge.String, Text: "application/json"}, merge.SourceDefault})
	if r.Headers.Kind == merge.Object {
		run.headers, run.hdict = headers, true
	} else {
		run.pool, run.hdict = headers, true
	}
}

// mergeSpellings is HTTPHeaderDict(mapping): one entry per name in any
// spelling, at its first position and spelling, holding every value.
func mergeSpellings(list []hdr) []hdr {
	var out []hdr
	for _, h := range list {
		pos := -1
		for i, o := range out {
			if strings.EqualFold(o.Name, h.Name) {
				pos = i
			}
		}
		if pos < 0 {
			out = append(out, h)
			continue
		}
		// The later value is sent as its own line, under the first spelling: keep it
		// as a separate entry right after the last one with that name.
		h.Name = out[pos].Name
		out = append(out[:pos+1], append([]hdr{h}, out[pos+1:]...)...)
	}
	return out
}

// jsonValue is the value json.loads gives back to json.dumps: repeated
// keys collapse as in a dict.
func jsonValue(v merge.Value) merge.Value {
	switch v.Kind {
	case merge.Object:
		out := merge.Value{Kind: merge.Object}
		for _, f := range python.Dict(v) {
			out.Fields = append(out.Fields, merge.Field{Key: f.Key, Value: jsonValue(f.Value)})
		}
		return out
	case merge.Array:
		out := merge.Value{Kind: merge.Array, Items: make([]merge.Value, len(v.Items))}
		for i, it := range v.Items {
			out.Items[i] = jsonValue(it)
		}
		return out
	}
	return v
}

func chooseHeaders(s *merge.State) {
	run := state(s)
	rh := s.Request().Headers
	if rh.Kind != merge.Object {
		if run.headers == nil {
			run.headers = run.pool
		}
		if rh.Kind == merge.Null && len(run.pool) > 0 {
			s.Explain("headers", "", merge.SourceRequest, merge.ActionIgnore, "headers=None: the pool's headers are sent")
		}
	} else {
		if run.headers == nil {
			run.headers = entries(rh, merge.SourceRequest)
		}
		for _, h := range run.pool {
			if h.Source != merge.SourceClient {
				continue
			}
			note := "request headers= replace the pool's whole: " + h.Name + " is not sent"
			if len(run.headers) == 0 {
				note = "request headers={} replace the pool's whole, even empty: " + h.Name + " is not sent"
			}
			s.Explain(merge.FieldName(h.Name), pyStr(h.Val), merge.SourceClient, merge.ActionRemove, note)
		}
	}
	if !encodeURLMethod(run.method) && run.f.v2 && !run.hdict {
		run.headers, run.hdict = mergeSpellings(run.headers), true
	}
}

// pyStr is str(v) for a value Python holds.
func pyStr(v merge.Value) string {
	if v.Kind == merge.String {
		return v.Text
	}
	return python.Repr(v)
}

func encodeURL(s *merge.State) {
	run := state(s)
	r := s.Request()
	run.url = pyStr(r.URL)
	if !encodeURLMethod(run.method) || r.Params.Kind != merge.Object {
		if r.Params.Kind == merge.Bool || r.Params.Kind == merge.Null {
			s.Explain("params", "", merge.SourceRequest, merge.ActionIgnore, "if fields: a falsy fields= adds nothing")
		}
		return
	}
	fields := python.Dict(r.Params)
	if len(fields) == 0 {
		s.Explain("params", "", merge.SourceRequest, merge.ActionIgnore, "if fields: an empty mapping adds nothing, not even '?'")
		return
	}
	var pairs []string
	for _, f := range fields {
		k, v := f.Key, pyStr(f.Value)
		for _, part := range []string{k, v} {
			if msg, _, _, bad := python.EncodeError(part, python.UTF8); bad {
				s.RaiseAt(run.cite.quote, "UnicodeEncodeError", "%s", msg)
				return
			}
		}
		pairs = append(pairs, form.Escape(k, form.PythonSafe)+"="+form.Escape(v, form.PythonSafe))
	}
	run.url += "?" + strings.Join(pairs, "&")
	if strings.ContainsAny(pyStr(r.URL), "?#") {
		s.Explain("url", run.url, merge.SourceRequest, merge.ActionSet, "fields are appended after a second '?' (or after the fragment): urllib3 never looks at the URL's own query")
	}
}

func poolURLOpen(s *merge.State) {
	run := state(s)
	u, perr := u3.ParseURL(run.url, run.f.v2)
	if perr != nil {
		s.Raise("LocationParseError", "Failed to parse: %s", perr.Location)
		return
	}
	scheme := u.Scheme
	if scheme == "" {
		scheme = "http"
	}
	if scheme != "http" && scheme != "https" {
		s.Raise("URLSchemeUnknown", "Not supported URL scheme %s", scheme)
		return
	}
	if u.Host == "" {
		s.Raise("LocationValueError", "No host specified.")
		return
	}
	s.Target = u.RequestURI()
	s.URL = scheme + "://" + u.HostHeader(scheme) + s.Target
	s.Explain("url", s.Target, merge.SourceRequest, merge.ActionSet, "parse_url(url).request_uri: path and query, no fragment")
	r := s.Request()
	// The fields' pairs as urlencode wrote them; whatever else is in the query came from the URL.
	type field struct {
		key  string
		v    merge.Value
		used bool
	}
	var own []*field
	byPair := map[string]*field{}
	if encodeURLMethod(run.method) && r.Params.Kind == merge.Object {
		for _, f := range python.Dict(r.Params) {
			fl := &field{key: f.Key, v: f.Value}
			own = append(own, fl)
			byPair[form.Escape(f.Key, form.PythonSafe)+"="+form.Escape(pyStr(f.Value), form.PythonSafe)] = fl
		}
	}
	if _, query, ok := strings.Cut(s.Target, "?"); ok && query != "" {
		for _, pair := range strings.Split(query, "&") {
			k, _, _ := strings.Cut(pair, "=")
			if f := byPair[pair]; f != nil && !f.used {
				f.used = true
				source, note := merge.SourceRequest, "urlencode(fields): quote_plus of str(value)"
				if f.v.Kind == merge.Array || f.v.Kind == merge.Object {
					source, note = merge.SourceLibrary, "urlencode(fields) without doseq sends str() of the list: its repr"
				}
				s.Explain(merge.QueryField(f.key), pyStr(f.v), source, merge.ActionSet, note)
				continue
			}
			note := "from the URL's own query, as parse_url encoded it"
			if strings.Contains(pair, "?") {
				note = "the URL's last pair with the fields glued on after '?': a server reads them as part of " + unescape(k) + "'s value"
			}
			s.Explain(merge.QueryField(unescape(k)), pair, merge.SourceURL, merge.ActionKeep, note)
		}
	}
	for _, f := range own {
		if f.used {
			continue
		}
		if strings.Contains(pyStr(r.URL), "#") {
			s.Explain(merge.QueryField(f.key), pyStr(f.v), merge.SourceRequest, merge.ActionRemove, "appended after the URL's fragment, so parse_url drops the field with the fragment")
			continue
		}
		s.Explain(merge.QueryField(f.key), pyStr(f.v), merge.SourceRequest, merge.ActionIgnore, "glued onto the URL's own query after a second '?': not a pair of its own")
	}
}

// unescape is the key as a server's form decoder reads it.
func unescape(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '+':
			b = append(b, ' ')
		case s[i] == '%' && i+2 < len(s) && u3.IsHex(s[i+1]) && u3.IsHex(s[i+2]):
			n, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b = append(b, byte(n))
			i += 2
		default:
			b = append(b, s[i])
		}
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func transportHeaders(s *merge.State) {
	run := state(s)
	r := s.Request()
	if run.f.castHDict && !run.hdict {
		run.headers, run.hdict = mergeSpellings(run.headers), true
	}
	has := func(name string) bool {
		for _, h := range run.headers {
			if strings.EqualFold(h.Name, name) {
				return true
			}
		}
		return false
	}
	// The body: a str body is measured and encoded here (urllib3 2 body_to_chunks) or by
	// http.client (1.26), which measures len(str) and encodes after the headers.
	if !run.hasBody && r.Body.Kind == merge.String {
		run.bodyStr, run.isStr, run.hasBody = r.Body.Text, true, true
		if run.f.v2 {
			if msg, _, _, bad := python.EncodeError(run.bodyStr, python.UTF8); bad {
				s.RaiseAt(run.cite.bodyChunks, "UnicodeEncodeError", "%s", msg)
				return
			}
			run.body = []byte(run.bodyStr)
		}
		s.Explain("body", run.bodyStr, merge.SourceRequest, merge.ActionSet, "body= as given")
	}
	var out []merge.Header
	add := func(at merge.Cite, name, value, source, note string) {
		out = append(out, merge.Header{Name: name, Value: value, Source: source})
		s.ExplainAt(at, merge.FieldName(name), value, source, merge.ActionSet, note)
	}
	if !has("Host") {
		u, _ := u3.ParseURL(run.url, run.f.v2)
		scheme := u.Scheme
		if scheme == "" {
			scheme = "http"
		}
		add(run.cite.putrequest, "Host", u.HostHeader(scheme), merge.SourceTransport, "http.client putrequest: the pool's host, with the port unless it is the scheme's default")
	}
	if !has("Accept-Encoding") {
		add(run.cite.putrequest, "Accept-Encoding", "identity", merge.SourceTransport, "http.client putrequest adds Accept-Encoding: identity when the headers have none")
	}
	if !has("Content-Length") && !has("Transfer-Encoding") {
		n := -1
		switch {
		case run.hasBody && run.isStr && !run.f.v2:
			n = python.Len(run.bodyStr)
		case run.hasBody:
			n = len(run.body)
		case run.f.v2:
			switch run.method {
			case "GET", "HEAD", "DELETE", "TRACE", "OPTIONS", "CONNECT":
			default:
				n = 0
			}
		default:
			switch run.method {
			case "PATCH", "POST", "PUT":
				n = 0
			}
		}
		if n >= 0 {
			at := run.cite.sendRequest
			if run.f.v2 {
				at = run.cite.connRequest
			}
			add(at, "Content-Length", strconv.Itoa(n), merge.SourceTransport, "the body's length (0 for a method that expects a body and has none)")
		}
	}
	ua := "python-urllib3/" + s.Version
	if !has("User-Agent") && run.f.v2 {
		add(run.cite.connRequest, "User-Agent", ua, merge.SourceDefault, "urllib3 2 writes its User-Agent before the request's headers when none is set")
	}
	for _, h := range run.headers {
		v, ok := headerValue(s, run, h)
		if !ok {
			return
		}
		out = append(out, merge.Header{Name: h.Name, Value: v, Source: h.Source})
		note := ""
		if h.Source == merge.SourceClient {
			note = "the pool's header: the request gave no headers="
		}
		if h.Val.Kind != merge.String {
			note = "putheader sends an int or bool as str()"
		}
		s.Explain(merge.FieldName(h.Name), v, h.Source, merge.ActionSet, note)
	}
	if !has("User-Agent") && !run.f.v2 {
		add(run.cite.connRequest, "User-Agent", ua, merge.SourceDefault, "urllib3 1.26 adds its User-Agent after the request's headers when none is set")
	}
	s.Headers = out
}

// headerValue is http.client putheader's treatment of one value: the text
// sent, or false after raising.
func headerValue(s *merge.State, run *run, h hdr) (string, bool) {
	// The scenario format admits only token header names, so putheader's name checks never fire.
	var text string
	switch h.Val.Kind {
	case merge.String:
		if msg, _, _, bad := python.EncodeError(h.Val.Text, python.Latin1); bad {
			s.RaiseAt(putheaderAt(run, 1255), "UnicodeEncodeError", "%s", msg)
			return "", false
		}
		text = h.Val.Text
	case merge.Bool:
		text = python.Repr(h.Val)
	case merge.Number:
		if !h.Val.IsInt() {
			s.RaiseAt(run.cite.putheader, "TypeError", "expected string or bytes-like object, got '%s'", python.TypeName(h.Val))
			return "", false
		}
		text = python.Number(h.Val.Text)
	default:
		s.RaiseAt(run.cite.putheader, "TypeError", "expected string or bytes-like object, got '%s'", python.TypeName(h.Val))
		return "", false
	}
	// The scenario format refuses CR and LF in values, so _is_illegal_header_value never fires.
	return text, true
}

// putheaderAt is a line of http.client putheader: where it encodes the name
// (1247), checks it (1249) and encodes a value (1255).
func putheaderAt(run *run, line int) merge.Cite {
	c := run.cite.putheader
	c.URL = strings.Replace(c.URL, "#L1259", fmt.Sprintf("#L%d", line), 1)
	return c
}

func transportBody(s *merge.State) {
	run := state(s)
	switch {
	case !run.hasBody:
		s.Body = nil
	case run.isStr && !run.f.v2:
		if head, start, end, bad := python.EncodeError(run.bodyStr, python.Latin1); bad {
			head = strings.TrimSuffix(head, ": ordinal not in range(256)")
			rep := merge.Runes(python.StrRepr(merge.FromRunes(merge.Runes(run.bodyStr)[start:end])))
			if len(rep) > 20 {
				rep = rep[:20]
			}
			s.RaiseAt(run.cite.encode, "UnicodeEncodeError", "%s: Body (%s) is not valid Latin-1. Use body.encode('utf-8') if you want to send it encoded in UTF-8.", head, merge.FromRunes(rep))
			return
		}
		b := make([]byte, 0, len(run.bodyStr))
		for _, r := range merge.Runes(run.bodyStr) {
			b = append(b, byte(r))
		}
		s.Body, s.Binary = b, !utf8.Valid(b)
		s.Explain("body", run.bodyStr, merge.SourceTransport, merge.ActionSet, "http.client encodes a str body as Latin-1")
	default:
		s.Body = run.body
		if run.isStr {
			s.Explain("body", run.bodyStr, merge.SourceTransport, merge.ActionSet, "urllib3 2 encodes a str body as UTF-8")
		}
	}
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way Python does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("python", recordedReleases.Apply(profiles()...)...)
})
