package fetch

import (
	"strings"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/undici"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// Node's built-in fetch (undici). It has no client object: the runner
// expresses the client as a defaults Request, and a request with
// method/headers/body as new Request(defaults, init) (BINDING.md).

func profiles() []*merge.Profile {
	return []*merge.Profile{
		profile(line{major: "20", max: "21", node: "20.20.2", undici: "6.24.1",
			note: "Node 20 releases bundle undici 5.21.0 to 6.24.1; the rules cite undici v6.24.1 (Node 20.20.2). " +
				"Older releases differ where the table in facts.go says, each boundary read from the undici source or, where Node's " +
				"bundle differs from the undici tag, from the bundle in the Node binary: " + boundaries20}),
		profile(line{major: "22", max: "23", node: "22.23.3", undici: "6.28.1",
			note: "Node 22 releases bundle undici 6.11.1 to 6.29.1; the rules cite undici v6.28.1 (Node 22.23.3, whose bundle the index reads; the source was read at v6.28.0); " +
				"every recorded Node 22 release from 22.3.0 sends what Node 20.20.2 sends. " + boundaries22}),
		profile(line{major: "24", max: "25", node: "24.18.1", undici: "7.29.0",
			note: "Node 24 releases bundle undici 7.8.0 to 7.30.2; the rules cite undici v7.29.0 (Node 24.18.1, the newest tag read); " +
				"every recorded Node 24 release sends what Node 20.20.2 sends."}),
	}
}

// line is one Node major and the release whose undici the rules cite.
type line struct {
	major, max, node, undici string
	note                     string
}

func profile(l line) *merge.Profile {
	tag := "v" + l.undici
	cite := func(file, fn string) merge.Cite { return undici.Cite(tag, file, fn) }
	return &merge.Profile{
		Library:  "fetch",
		Min:      l.major,
		Max:      l.max,
		Verified: merge.Recorded,
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

func state(s *merge.State) *undici.Request { return merge.Var[*undici.Request](s, "fetch") }

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
	s.Vars["fetch"] = &undici.Request{Headers: &undici.Headers{}}
}

// fill converts a HeadersInit record and appends it (Headers fill).
func fill(s *merge.State, h *undici.Headers, v merge.Value, source string) bool {
	if v.Kind != merge.Object {
		s.Raise("TypeError", "%s", undici.InitError)
		return false
	}
	o := js.FromValue(v).Obj
	type kv struct{ k, v string }
	var conv []kv
	for _, e := range o.Entries() {
		val, msg := undici.ByteString(js.ToValue(e.Val))
		if msg != "" {
			s.Raise("TypeError", "%s", msg)
			return false
		}
		conv = append(conv, kv{e.Key, strings.Trim(val, " \t\r\n")})
	}
	for _, e := range conv {
		if h.Has(e.k) {
			s.Explain(merge.FieldName(e.k), e.v, source, merge.ActionKeep, "a second spelling of one name is combined with ', ' under the first spelling")
		}
		h.Append(e.k, e.v, source)
	}
	return true
}

// parseInput is the Request constructor's URL step for a string input.
func parseInput(s *merge.State, input string) *whatwg.URL {
	u, msg := undici.ParseURL(input)
	if msg != "" {
		s.Raise("TypeError", "%s", msg)
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
			if !fill(s, run.Headers, c.Headers, merge.SourceClient) {
				return
			}
			if factsFor(s.Version).sortedDefaults {
				run.Headers.L = run.Headers.Entries()
				for _, h := range run.Headers.L {
					s.Explain(merge.FieldName(h.Name), h.Value, h.Source, merge.ActionKeep, "new Request(url, defaults) copies the headers through the Headers iterator: lower-cased and sorted (undici before #3160, Node before 20.16.0 and 22.3.0)")
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
		run.URL = u
		s.Explain("url", u.Href(), merge.SourceClient, merge.ActionSet, "new URL(request.url ?? '', base_url): WHATWG resolution")
	} else {
		if headersGiven {
			if !fill(s, run.Headers, c.Headers, merge.SourceClient) {
				return
			}
		}
		u := parseInput(s, urlString(r.URL))
		if u == nil {
			return
		}
		run.URL = u
		s.Explain("url", u.Href(), merge.SourceRequest, merge.ActionSet, "parsed with new URL()")
	}
	run.Method = "GET"
	run.URLExplained = true
	if factsFor(s.Version).uaUndici {
		run.UserAgent = "undici"
	}
}

func requestInit(s *merge.State) {
	run := state(s)
	r := s.Request()
	// The dictionary conversion skips undefined members.
	has := func(v merge.Value) bool { return v.Present() && v.Kind != merge.Undefined }
	if !has(r.Method) && !has(r.Headers) && !has(r.Body) {
		return
	}
	var newHeaders *undici.Headers
	if has(r.Headers) {
		newHeaders = &undici.Headers{}
		if !fill(s, newHeaders, r.Headers, merge.SourceRequest) {
			return
		}
	}
	if has(r.Method) {
		m, msg := undici.ByteString(r.Method)
		if msg == "" {
			m, msg = undici.Method(m)
		}
		if msg != "" {
			s.Raise("TypeError", "%s", msg)
			return
		}
		run.Method = m
	}
	if newHeaders != nil {
		for _, h := range run.Headers.L {
			s.Explain(merge.FieldName(h.Name), h.Value, h.Source, merge.ActionRemove, "request headers replace every client header (new Request(req, {headers}))")
		}
		run.Headers = newHeaders
	} else {
		copyHeaders(s, run.Headers)
	}
	if r.Body.Kind != merge.Null && has(r.Body) {
		if run.Method == "GET" || run.Method == "HEAD" {
			s.Raise("TypeError", "%s", undici.GetBodyError)
			return
		}
		run.Body = js.UTF8(urlString(r.Body))
		run.HasBody = true
		if !run.Headers.Has("content-type") {
			run.Headers.Append("content-type", "text/plain;charset=UTF-8", merge.SourceDefault)
			s.Explain(merge.FieldName("content-type"), "text/plain;charset=UTF-8", merge.SourceDefault, merge.ActionSet, "a string body's type, added when no content-type is set")
		}
	}
}

// copyHeaders is step 32 of the Request constructor for an init without headers: req's
// headers are copied into the new Request, which older undici does lossily (facts.go).
func copyHeaders(s *merge.State, h *undici.Headers) {
	switch factsFor(s.Version).initCopy {
	case copySorted:
		h.L = h.Entries()
		for _, e := range h.L {
			s.Explain(merge.FieldName(e.Name), e.Value, e.Source, merge.ActionKeep, "new Request(req, init) copies the headers through the Headers iterator: lower-cased and sorted (undici before #2454)")
		}
	case copyLower:
		h.Lower()
		for _, e := range h.L {
			s.Explain(merge.FieldName(e.Name), e.Value, e.Source, merge.ActionKeep, "new Request(req, init) copies the HeadersList: names lower-cased, order kept (undici #2454 until #3183)")
		}
	case copyDrop:
		for _, e := range h.L {
			s.Explain(merge.FieldName(e.Name), e.Value, e.Source, merge.ActionRemove, "new Request(req, init) loses every header: this undici 5.26.3 bundle has no class names, so headers.constructor.name === 'Headers' fails and fillHeaders() finds no keys (undici #2359 fixed it in v5.26.4, Node 20.10.0)")
		}
		h.L = nil
	}
}

// defaultsHeaders and write are Node's fetch as model/undici has it, at the cites of the
// profile's undici.
func defaultsHeaders(s *merge.State) {
	fetching, metadata := defaultsCites(s)
	undici.Defaults(s, state(s), fetching, metadata)
}

func write(s *merge.State) { undici.Write(s, state(s)) }

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
