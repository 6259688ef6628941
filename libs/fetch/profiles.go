package fetch

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// Node's built-in fetch (undici). It has no client object: the runner
// expresses the client as a defaults Request, and a request with
// method/headers/body as new Request(defaults, init) (BINDING.md).

var profiles = []*merge.Profile{profile()}

func cite(file, fn string) merge.Cite {
	return merge.Cite{File: file, Func: fn, Tag: "v6.24.1", URL: "https://github.com/nodejs/undici/blob/v6.24.1/" + file}
}

func profile() *merge.Profile {
	return &merge.Profile{
		Library:  "fetch",
		Min:      "20",
		Max:      "21",
		Verified: merge.Recorded,
		Recorded: []string{"20"},
		Runtime:  "Node v20.20.2 (process.versions.undici 6.24.1)",
		Note: "Recorded on Node 20.20.2, whose fetch is undici 6.24.1; the rules cite undici v6.24.1. Other Node 20 releases bundle " +
			"other undici 6.x versions; the parts modelled here (Request/Headers construction, the default request headers, " +
			"the HTTP/1.1 writer) are assumed to hold across Node 20, which is why the range is >=20 <21.",
		Binding: "client.base_url → new Request(base_url, {headers}); the URL is new URL(request.url ?? '', defaults.url) and " +
			"new Request(url, defaults); request method/headers/body → new Request(req, init); params, auth, cookies, json and via are unsupported.",
		Switches: []merge.Switch{
			{Name: "header-names", Value: "case-insensitive; first spelling kept, values of one name combined with ', '"},
			{Name: "header-null", Value: "sent as 'null'"},
			{Name: "header-false", Value: "sent as 'false'"},
			{Name: "header-undefined", Value: "sent as 'undefined'"},
			{Name: "request-headers", Value: "replace all client headers"},
			{Name: "url-join", Value: "WHATWG URL resolution against base_url"},
			{Name: "url-credentials", Value: "TypeError"},
			{Name: "body-on-get", Value: "TypeError"},
		},
		Rules: []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/js/runner.mjs", Func: "fetchCase", Tag: "mergeplay"},
				Doc: "params, auth, cookies, json and via have no fetch binding; a URL must come from base_url or request.url.", Apply: binding},
			{Name: "defaults-request", Cite: cite("lib/web/fetch/request.js", "Request"),
				Doc: "The client becomes a Request: its URL is base_url (or request.url), its headers are filled from client.headers in order, values ByteString-converted (null → 'null').", Apply: defaults},
			{Name: "request-init", Cite: cite("lib/web/fetch/request.js", "Request"),
				Doc: "new Request(req, {method, headers, body}): a request headers object replaces all headers; a string body adds content-type: text/plain;charset=UTF-8 unless one exists; GET/HEAD cannot have a body.", Apply: requestInit},
			{Name: "fetch-defaults", Cite: cite("lib/web/fetch/index.js", "httpNetworkOrCacheFetch"),
				Doc: "fetch appends accept: */* and accept-language: * when absent, content-length for a body (0 for POST/PUT without one), sets sec-fetch-mode: cors, and appends user-agent: node and accept-encoding: gzip, deflate when absent; host is deleted.", Apply: defaultsHeaders},
			{Name: "h1-writer", Cite: cite("lib/dispatcher/client-h1.js", "writeH1"),
				Doc: "undici writes host and connection (close for HEAD) first, then the headers in list order, then content-length (0 for PUT/POST/PATCH without a body).", Apply: write},
		},
	}
}

// header is one entry of undici's HeadersList (keyed by lower-case name).
type header struct {
	lower, name, value string
	source             string
}

type headers struct{ l []header }

func (h *headers) index(lower string) int {
	for i, e := range h.l {
		if e.lower == lower {
			return i
		}
	}
	return -1
}

func (h *headers) contains(name string) bool { return h.index(strings.ToLower(name)) >= 0 }

// append combines with an existing name (first spelling kept).
func (h *headers) append(name, value, source string) {
	lower := strings.ToLower(name)
	if i := h.index(lower); i >= 0 {
		d := ", "
		if lower == "cookie" {
			d = "; "
		}
		h.l[i].value += d + value
		return
	}
	h.l = append(h.l, header{lower, name, value, source})
}

// set replaces the value and spelling, keeping the position.
func (h *headers) set(name, value, source string) {
	lower := strings.ToLower(name)
	if i := h.index(lower); i >= 0 {
		h.l[i] = header{lower, name, value, source}
		return
	}
	h.l = append(h.l, header{lower, name, value, source})
}

func (h *headers) del(name string) {
	if i := h.index(strings.ToLower(name)); i >= 0 {
		h.l = append(h.l[:i], h.l[i+1:]...)
	}
}

type run struct {
	url     *whatwg.URL
	method  string
	headers *headers
	body    []byte
	hasBody bool
}

func state(s *merge.State) *run { return merge.Var[*run](s, "fetch") }

func binding(s *merge.State) {
	c, r := s.Client(), s.Request()
	id := "fetch@" + s.Version
	if r.Via.Present() {
		s.Unsupported("request.via has no meaning for fetch in the JS runner.")
		return
	}
	if c.Prefix.Present() {
		s.Unsupported("client.prefix has no binding for %s in the JS runner.", id)
		return
	}
	if c.AllowAbsoluteURLs.Present() {
		s.Unsupported("client.allowAbsoluteUrls has no binding for %s in the JS runner.", id)
		return
	}
	if r.AllowAbsoluteURLs.Present() {
		s.Unsupported("request.allowAbsoluteUrls has no binding for %s in the JS runner.", id)
		return
	}
	for _, k := range []struct {
		name string
		c, r merge.Value
	}{{"params", c.Params, r.Params}, {"auth", c.Auth, r.Auth}, {"cookies", c.Cookies, r.Cookies}} {
		if k.c.Present() || k.r.Present() {
			s.Unsupported("fetch has no %s option.", k.name)
			return
		}
	}
	if r.JSON.Present() {
		s.Unsupported("fetch has no JSON body option (use body).")
		return
	}
	if !c.BaseURL.Present() && !r.URL.Present() {
		s.Unsupported("fetch needs a URL: give client.base_url or request.url.")
		return
	}
	s.Vars["fetch"] = &run{headers: &headers{}}
}

// byteString is WebIDL ToString then ByteString; ok is false (with the
// TypeError message) for a character above U+00FF.
func byteString(v merge.Value) (string, string, bool) {
	x := js.String(v)
	if v.Kind == merge.Object {
		x = "[object Object]"
	}
	idx := 0
	for _, r := range x {
		if r > 0xff {
			return "", "Cannot convert argument to a ByteString because the character at index " + strconv.Itoa(idx) +
				" has a value of " + strconv.Itoa(firstUnit(r)) + " which is greater than 255.", false
		}
		idx += len(utf16.Encode([]rune{r}))
	}
	return x, "", true
}

func firstUnit(r rune) int {
	u := utf16.Encode([]rune{r})
	return int(u[0])
}

// fill converts a HeadersInit record and appends it (Headers fill).
func fill(s *merge.State, h *headers, v merge.Value, source string) bool {
	if v.Kind != merge.Object {
		s.Raise("TypeError", "Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.")
		return false
	}
	o := js.FromValue(v).Obj
	type kv struct{ k, v string }
	var conv []kv
	for _, e := range o.Entries() {
		val, msg, ok := byteString(js.ToValue(e.Val))
		if !ok {
			s.Raise("TypeError", "%s", msg)
			return false
		}
		conv = append(conv, kv{e.Key, strings.Trim(val, " \t\r\n")})
	}
	for _, e := range conv {
		if h.contains(e.k) {
			s.Explain(merge.FieldName(e.k), e.v, source, merge.ActionKeep, "a second spelling of one name is combined with ', ' under the first spelling")
		}
		h.append(e.k, e.v, source)
	}
	return true
}

// parseInput is the Request constructor's URL step for a string input.
func parseInput(s *merge.State, input string) *whatwg.URL {
	u, err := whatwg.Parse(input, nil)
	if err != nil {
		s.Raise("TypeError", "Failed to parse URL from %s", input)
		return nil
	}
	if u.Username != "" || u.Password != "" {
		s.Raise("TypeError", "Request cannot be constructed from a URL that includes credentials: %s", input)
		return nil
	}
	return u
}

func urlString(v merge.Value) string {
	if v.Kind == merge.Object {
		return "[object Object]"
	}
	return js.String(v)
}

func defaults(s *merge.State) {
	run := state(s)
	c, r := s.Client(), s.Request()
	headersGiven := c.Headers.Present() && c.Headers.Kind != merge.Undefined
	if c.BaseURL.Present() {
		if headersGiven {
			if !fill(s, run.headers, c.Headers, merge.SourceClient) {
				return
			}
		}
		base := parseInput(s, urlString(c.BaseURL))
		if base == nil {
			return
		}
		rel := ""
		if r.URL.Present() {
			rel = urlString(r.URL)
		}
		u, err := whatwg.Parse(rel, base)
		if err != nil {
			s.Raise("TypeError", "Invalid URL")
			return
		}
		if u.Username != "" || u.Password != "" {
			s.Raise("TypeError", "Request cannot be constructed from a URL that includes credentials: %s", u.Href())
			return
		}
		run.url = u
		s.Explain("url", u.Href(), merge.SourceClient, merge.ActionSet, "new URL(request.url ?? '', base_url): WHATWG resolution")
	} else {
		if headersGiven {
			if !fill(s, run.headers, c.Headers, merge.SourceClient) {
				return
			}
		}
		u := parseInput(s, urlString(r.URL))
		if u == nil {
			return
		}
		run.url = u
		s.Explain("url", u.Href(), merge.SourceRequest, merge.ActionSet, "parsed with new URL()")
	}
	run.method = "GET"
}

// fetch method normalisation (Request constructor step 25).
var normalized = map[string]string{
	"delete": "DELETE", "DELETE": "DELETE", "get": "GET", "GET": "GET", "head": "HEAD", "HEAD": "HEAD",
	"options": "OPTIONS", "OPTIONS": "OPTIONS", "post": "POST", "POST": "POST", "put": "PUT", "PUT": "PUT",
	"patch": "patch", "PATCH": "PATCH",
}

func requestInit(s *merge.State) {
	run := state(s)
	r := s.Request()
	// The dictionary conversion skips undefined members.
	has := func(v merge.Value) bool { return v.Present() && v.Kind != merge.Undefined }
	if !has(r.Method) && !has(r.Headers) && !has(r.Body) {
		return
	}
	var newHeaders *headers
	if has(r.Headers) {
		newHeaders = &headers{}
		if !fill(s, newHeaders, r.Headers, merge.SourceRequest) {
			return
		}
	}
	if has(r.Method) {
		m, msg, ok := byteString(r.Method)
		if !ok {
			s.Raise("TypeError", "%s", msg)
			return
		}
		if n, ok := normalized[m]; ok {
			run.method = n
		} else {
			if !merge.IsToken(m) {
				s.Raise("TypeError", "'%s' is not a valid HTTP method.", m)
				return
			}
			up := strings.ToUpper(m)
			if up == "CONNECT" || up == "TRACE" || up == "TRACK" {
				s.Raise("TypeError", "'%s' HTTP method is unsupported.", m)
				return
			}
			if n, ok := normalized[strings.ToLower(up)]; ok && strings.ToLower(up) != "patch" {
				m = n
			}
			run.method = m
		}
	}
	if newHeaders != nil {
		for _, h := range run.headers.l {
			s.Explain(merge.FieldName(h.name), h.value, h.source, merge.ActionRemove, "request headers replace every client header (new Request(req, {headers}))")
		}
		run.headers = newHeaders
	}
	if r.Body.Kind != merge.Null && has(r.Body) {
		if run.method == "GET" || run.method == "HEAD" {
			s.Raise("TypeError", "Request with GET/HEAD method cannot have body.")
			return
		}
		run.body = []byte(urlString(r.Body))
		run.hasBody = true
		if !run.headers.contains("content-type") {
			run.headers.append("content-type", "text/plain;charset=UTF-8", merge.SourceDefault)
		}
	}
}

func defaultsHeaders(s *merge.State) {
	run := state(s)
	h := run.headers
	if !h.contains("accept") {
		h.append("accept", "*/*", merge.SourceDefault)
	}
	if !h.contains("accept-language") {
		h.append("accept-language", "*", merge.SourceDefault)
	}
	if run.hasBody {
		h.append("content-length", strconv.Itoa(len(run.body)), merge.SourceTransport)
	} else if run.method == "POST" || run.method == "PUT" {
		h.append("content-length", "0", merge.SourceTransport)
	}
	h.set("sec-fetch-mode", "cors", merge.SourceDefault)
	if !h.contains("user-agent") {
		h.append("user-agent", "node", merge.SourceDefault)
	}
	noStore := false
	for _, n := range []string{"if-modified-since", "if-none-match", "if-unmodified-since", "if-match", "if-range"} {
		if h.contains(n) {
			noStore = true
		}
	}
	if noStore {
		if !h.contains("pragma") {
			h.append("pragma", "no-cache", merge.SourceDefault)
		}
		if !h.contains("cache-control") {
			h.append("cache-control", "no-cache", merge.SourceDefault)
		}
	}
	if h.contains("range") {
		h.append("accept-encoding", "identity", merge.SourceDefault)
	}
	if !h.contains("accept-encoding") {
		if run.url.Scheme == "https" {
			h.append("accept-encoding", "br, gzip, deflate", merge.SourceDefault)
		} else {
			h.append("accept-encoding", "gzip, deflate", merge.SourceDefault)
		}
	}
	if i := h.index("host"); i >= 0 {
		s.Explain(merge.FieldName(h.l[i].name), h.l[i].value, h.l[i].source, merge.ActionRemove, "fetch deletes a host header; undici writes its own")
		h.del("host")
	}
}

func write(s *merge.State) {
	run := state(s)
	// headersList.entries is a plain object: integer-like names move first.
	o := &js.Object{}
	src := map[string]string{}
	for _, e := range run.headers.l {
		o.Set(e.name, js.Value{V: merge.Value{Kind: merge.String, Text: e.value}})
		src[e.name] = e.source
	}
	reset := run.method == "HEAD"
	contentLength := -1
	var lines [][3]string
	for _, e := range o.Entries() {
		lower := strings.ToLower(e.Key)
		val := e.Val.V.Text
		switch lower {
		case "content-length":
			n, ok := jsParseInt(val)
			if !ok {
				s.Raise("TypeError", "fetch failed")
				return
			}
			contentLength = n
			continue
		case "transfer-encoding", "keep-alive", "upgrade", "expect":
			s.Raise("TypeError", "fetch failed")
			return
		case "connection":
			v := strings.ToLower(val)
			if v != "close" && v != "keep-alive" {
				s.Raise("TypeError", "fetch failed")
				return
			}
			if v == "close" {
				reset = true
			}
			s.Explain(merge.FieldName(e.Key), val, src[e.Key], merge.ActionIgnore, "undici consumes the connection header and writes its own")
			continue
		}
		lines = append(lines, [3]string{e.Key, val, src[e.Key]})
	}
	expects := false
	switch run.method {
	case "PUT", "POST", "PATCH", "QUERY", "PROPFIND", "PROPPATCH":
		expects = true
	}
	// util.bodyLength of fetch's async-iterable body is null, so a body's
	// length is the content-length fetch appended; no body counts as 0.
	if !run.hasBody {
		contentLength = 0
	} else if contentLength >= 0 && contentLength != len(run.body) {
		s.Raise("TypeError", "fetch failed")
		return
	}
	if contentLength == 0 && !expects {
		contentLength = -1
	}
	s.Headers = nil
	host := run.url.HostPort()
	s.AddHeader("host", host, merge.SourceTransport)
	s.Explain(merge.FieldName("host"), host, merge.SourceTransport, merge.ActionSet, "undici's host line from the URL")
	conn := "keep-alive"
	if reset {
		conn = "close"
	}
	s.AddHeader("connection", conn, merge.SourceTransport)
	s.Explain(merge.FieldName("connection"), conn, merge.SourceTransport, merge.ActionSet, "close after HEAD or when connection: close was given")
	for _, l := range lines {
		s.AddHeader(l[0], l[1], l[2])
		note := ""
		if l[2] == merge.SourceDefault {
			note = "added by fetch when absent"
		}
		s.Explain(merge.FieldName(l[0]), l[1], l[2], merge.ActionSet, note)
	}
	if contentLength >= 0 {
		s.AddHeader("content-length", strconv.Itoa(contentLength), merge.SourceTransport)
		s.Explain(merge.FieldName("content-length"), strconv.Itoa(contentLength), merge.SourceTransport, merge.ActionSet, "written last by undici's HTTP/1.1 writer")
	} else if run.hasBody && len(run.body) > 0 {
		s.AddHeader("transfer-encoding", "chunked", merge.SourceTransport)
		s.Explain(merge.FieldName("transfer-encoding"), "chunked", merge.SourceTransport, merge.ActionSet, "a body without a length is written chunked")
	}
	s.Method = run.method
	s.Explain("method", run.method, merge.SourceRequest, merge.ActionSet, "")
	u := *run.url
	u.Fragment, u.HasFrag = "", false
	s.URL = u.Href()
	s.Target = u.Path + u.Search()
	whatwg.ExplainQuery(s, s.Target)
	s.Body = run.body
	s.Explain("body", string(run.body), merge.SourceRequest, merge.ActionSet, "")
}

// jsParseInt is parseInt(s, 10) for a finite result.
func jsParseInt(s string) (int, bool) {
	s = js.Trim(s)
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i {
		return 0, false
	}
	n, err := strconv.Atoi(s[:j])
	return n, err == nil
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way JavaScript does.
func Profiles() []*merge.Profile { return registered }

var registered = merge.InLanguage("js", recordedReleases.Apply(profiles...)...)
