package fetch

import (
	"strconv"
	"strings"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// Node's built-in fetch (undici). It has no client object: the runner
// expresses the client as a defaults Request, and a request with
// method/headers/body as new Request(defaults, init) (BINDING.md).

func profiles() []*merge.Profile {
	return []*merge.Profile{
		profile(line{major: "20", max: "21", node: "20.20.2", undici: "6.24.1", recorded: node20,
			note: "Node 20 releases bundle undici 5.21.0 to 6.24.1; the rules cite undici v6.24.1 (Node 20.20.2). " +
				"Older releases differ where the table in facts.go says, each boundary read from the undici source or, where Node's " +
				"bundle differs from the undici tag, from the bundle in the Node binary: " + boundaries20}),
		profile(line{major: "22", max: "23", node: "22.23.3", undici: "6.28.1", recorded: node22,
			note: "Node 22 releases bundle undici 6.11.1 to 6.29.1; the rules cite undici v6.28.1 (Node 22.23.3, whose bundle the index reads; the source was read at v6.28.0); " +
				"every recorded Node 22 release from 22.3.0 sends what Node 20.20.2 sends. " + boundaries22}),
		profile(line{major: "24", max: "25", node: "24.18.1", undici: "7.29.0", recorded: node24,
			note: "Node 24 releases bundle undici 7.8.0 to 7.30.2; the rules cite undici v7.29.0 (Node 24.18.1, the newest tag read); " +
				"every recorded Node 24 release sends what Node 20.20.2 sends."}),
	}
}

// The releases each line was recorded at: every release where the bundled undici changes, and
// the newest (conformance/releases/sweep.txt). A release between two of them bundles the same
// undici as the one before it.
// TODO(storage): generate these from the fixtures once they are stored as spans.
var (
	node20 = strings.Fields("20.0.0 20.1.0 20.3.0 20.6.0 20.8.0 20.8.1 20.10.0 20.11.0 20.11.1 20.12.1 20.13.0 20.16.0 20.18.0 20.18.1 20.18.2 20.19.1 20.19.6 20.20.0 20.20.2")
	node22 = strings.Fields("22.0.0 22.1.0 22.3.0 22.4.0 22.7.0 22.8.0 22.10.0 22.12.0 22.13.1 22.15.0 22.21.0 22.22.0 22.22.2 22.23.0 22.23.2 22.23.3 22.23.5")
	node24 = strings.Fields("24.0.0 24.2.0 24.4.0 24.5.0 24.6.0 24.7.0 24.9.0 24.13.0 24.14.0 24.14.1 24.16.0 24.17.0 24.18.1 24.21.0 24.22.1 24.22.3")
)

// line is one Node major: the release whose undici the rules cite, and what was recorded.
type line struct {
	major, max, node, undici string
	recorded                 []string
	note                     string
}

func profile(l line) *merge.Profile {
	tag := "v" + l.undici
	cite := func(file, fn string) merge.Cite {
		return merge.Cite{File: file, Func: fn, Tag: tag, URL: "https://github.com/nodejs/undici/blob/" + tag + "/" + file}
	}
	return &merge.Profile{
		Library:  "fetch",
		Min:      l.major,
		Max:      l.max,
		Verified: merge.Recorded,
		Recorded: l.recorded,
		Runtime:  "Node v" + l.node + " (process.versions.undici " + l.undici + "); recorded on each Node " + l.major + " release listed",
		Note:     l.note,
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
			{Name: "defaults-request", Cite: cite("lib/web/fetch/request.js", "Request constructor"),
				Doc: "The client becomes a Request: its URL is base_url (or request.url), its headers are filled from client.headers in order, values ByteString-converted (null → 'null'); before Node 20.16 / 22.3, new Request(url, defaults) copies them lower-cased and sorted.", Apply: defaults},
			{Name: "request-init", Cite: cite("lib/web/fetch/request.js", "Request constructor"),
				Doc: "new Request(req, {method, headers, body}): a request headers object replaces all headers (without one, older undici copies the headers as facts.go says); a string body adds content-type: text/plain;charset=UTF-8 unless one exists; GET/HEAD cannot have a body.", Apply: requestInit},
			{Name: "fetch-defaults", Cite: cite("lib/web/fetch/index.js", "httpNetworkOrCacheFetch"), Also: []merge.Cite{cite("lib/web/fetch/index.js", "fetching"), cite("lib/web/fetch/util.js", "appendFetchMetadata")},
				Doc: "fetch appends accept: */* and accept-language: * when absent, content-length for a body (0 for POST/PUT without one), sets sec-fetch-mode: cors, and appends user-agent (node; undici before Node 20.8.1) and accept-encoding: gzip, deflate when absent; host is deleted.", Apply: defaultsHeaders},
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
	if msg := js.ByteStringError(x); msg != "" {
		return "", msg, false
	}
	return x, "", true
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
			if factsFor(s.Version).sortedDefaults {
				run.headers.lowerSorted()
				for _, h := range run.headers.l {
					s.Explain(merge.FieldName(h.name), h.value, h.source, merge.ActionKeep, "new Request(url, defaults) copies the headers through the Headers iterator: lower-cased and sorted (undici before #3160, Node before 20.16.0 and 22.3.0)")
				}
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
	} else {
		copyHeaders(s, run.headers)
	}
	if r.Body.Kind != merge.Null && has(r.Body) {
		if run.method == "GET" || run.method == "HEAD" {
			s.Raise("TypeError", "Request with GET/HEAD method cannot have body.")
			return
		}
		run.body = js.UTF8(urlString(r.Body))
		run.hasBody = true
		if !run.headers.contains("content-type") {
			run.headers.append("content-type", "text/plain;charset=UTF-8", merge.SourceDefault)
			s.Explain(merge.FieldName("content-type"), "text/plain;charset=UTF-8", merge.SourceDefault, merge.ActionSet, "a string body's type, added when no content-type is set")
		}
	}
}

// copyHeaders is step 32 of the Request constructor for an init without headers: req's
// headers are copied into the new Request, which older undici does lossily (facts.go).
func copyHeaders(s *merge.State, h *headers) {
	switch factsFor(s.Version).initCopy {
	case copySorted:
		h.lowerSorted()
		for _, e := range h.l {
			s.Explain(merge.FieldName(e.name), e.value, e.source, merge.ActionKeep, "new Request(req, init) copies the headers through the Headers iterator: lower-cased and sorted (undici before #2454)")
		}
	case copyLower:
		h.lower()
		for _, e := range h.l {
			s.Explain(merge.FieldName(e.name), e.value, e.source, merge.ActionKeep, "new Request(req, init) copies the HeadersList: names lower-cased, order kept (undici #2454 until #3183)")
		}
	case copyDrop:
		for _, e := range h.l {
			s.Explain(merge.FieldName(e.name), e.value, e.source, merge.ActionRemove, "new Request(req, init) loses every header: this undici 5.26.3 bundle has no class names, so headers.constructor.name === 'Headers' fails and fillHeaders() finds no keys (undici #2359 fixed it in v5.26.4, Node 20.10.0)")
		}
		h.l = nil
	}
}

func defaultsHeaders(s *merge.State) {
	fetchingCite, metadataCite := defaultsCites(s)
	run := state(s)
	h := run.headers
	// Each default fetch adds is explained here; h1-writer only writes it.
	add := func(at merge.Cite, name, value string) {
		h.append(name, value, merge.SourceDefault)
		s.ExplainAt(at, merge.FieldName(name), value, merge.SourceDefault, merge.ActionSet, "added by fetch when absent")
	}
	if !h.contains("accept") {
		add(fetchingCite, "accept", "*/*")
	}
	if !h.contains("accept-language") {
		add(fetchingCite, "accept-language", "*")
	}
	if run.hasBody {
		h.append("content-length", strconv.Itoa(len(run.body)), merge.SourceTransport)
	} else if run.method == "POST" || run.method == "PUT" {
		h.append("content-length", "0", merge.SourceTransport)
	}
	h.set("sec-fetch-mode", "cors", merge.SourceDefault)
	s.ExplainAt(metadataCite, merge.FieldName("sec-fetch-mode"), "cors", merge.SourceDefault, merge.ActionSet, "appendFetchMetadata sets the request's mode")
	if !h.contains("user-agent") {
		ua := "node"
		if factsFor(s.Version).uaUndici {
			ua = "undici"
		}
		add(merge.Cite{}, "user-agent", ua)
	}
	noStore := false
	for _, n := range []string{"if-modified-since", "if-none-match", "if-unmodified-since", "if-match", "if-range"} {
		if h.contains(n) {
			noStore = true
		}
	}
	if noStore {
		if !h.contains("pragma") {
			add(merge.Cite{}, "pragma", "no-cache")
		}
		if !h.contains("cache-control") {
			add(merge.Cite{}, "cache-control", "no-cache")
		}
	}
	if h.contains("range") {
		add(merge.Cite{}, "accept-encoding", "identity")
	}
	if !h.contains("accept-encoding") {
		if run.url.Scheme == "https" {
			add(merge.Cite{}, "accept-encoding", "br, gzip, deflate")
		} else {
			add(merge.Cite{}, "accept-encoding", "gzip, deflate")
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
		if l[2] != merge.SourceDefault { // fetch-defaults and request-init explained their own
			s.Explain(merge.FieldName(l[0]), l[1], l[2], merge.ActionSet, "")
		}
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
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("js", recordedReleases.Apply(profiles()...)...)
})

// defaultsCites are the fetch-defaults rule's Also, at the profile's undici: fetching(), which
// appends accept and accept-language, and appendFetchMetadata, which sets sec-fetch-mode.
func defaultsCites(s *merge.State) (fetching, metadata merge.Cite) {
	for _, r := range s.Profile.Rules {
		if r.Name == "fetch-defaults" && len(r.Also) == 2 {
			return r.Also[0], r.Also[1]
		}
	}
	return merge.Cite{}, merge.Cite{}
}
