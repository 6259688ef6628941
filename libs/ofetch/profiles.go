package ofetch

import (
	"strings"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/undici"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

const binding = "instance = ofetch.create({baseURL: base_url, headers, query: params}); await instance.raw(url ?? '', " +
	"{method, headers, query: params, body: json ?? body}) (conformance/runners/js/BINDING.md). auth, cookies, prefix, via and " +
	"allowAbsoluteUrls are unsupported; json and body together are unsupported (one body option)."

const (
	undiciTag  = "v6.24.1" // the undici Node 20.20.2 bundles
	ufoVersion = "1.6.4"
)

func profiles() []*merge.Profile {
	return []*merge.Profile{
		profile("1.0.0", "1.1.0", "1.0.1",
			"{...defaults, ...options}: a request headers or query option replaces the client's whole option. "+
				"1.0.0 writes a failed fetch as '<message> ()'; 1.0.1 adds the request URL (PR #199, commit dfbcf77)."),
		profile("1.1.0", "1.4.0", "1.3.4",
			"mergeFetchOptions (PR #243, commit 933e754, 1.1.0): headers and query merge only when both sides give a truthy value. "+
				"options.method is upper-cased from 1.2.0 (PR #259, commit f5d94fa); a failed fetch reads '[GET] \"url\": <no response> <message>' "+
				"from 1.3.0 (PR #270, commit b9ef395), which also refuses to JSON-encode a value with a truthy .buffer (PR #273, commit cb05d8f).").StartingAt(merge.Boundary{
			Ref: "unjs/ofetch#243", URL: "https://github.com/unjs/ofetch/pull/243",
			Doc: "mergeFetchOptions (commit 933e754, 1.1.0) replaces the {...defaults, ...options} spread: headers and query merge when both sides give a truthy value"}),
		profile("1.4.0", "2", "1.5.1",
			"resolveFetchOptions (PR #436, commit 0d84f7b, 1.4.0): headers always become one Headers object, the request's set over the "+
				"client's, and the query is a spread of both sides, so a null or undefined request option keeps the client's. "+
				"From 1.5.0 (PR #482, commit f528da3) a non-string body with content-type application/x-www-form-urlencoded is sent as URLSearchParams.").StartingAt(merge.Boundary{
			Ref: "unjs/ofetch#436", URL: "https://github.com/unjs/ofetch/pull/436",
			Doc: "resolveFetchOptions (commit 0d84f7b, 1.4.0): headers always become one Headers object, the request's set over the client's, and a null or undefined request headers or query keeps the client's"}),
	}
}

// tag is the release the rules cite; the recorded releases come from recorded.go.
func profile(min, max, tag, note string) *merge.Profile {
	f := factsFor(tag)
	// ofetch publishes one bundle of src/*.ts (dist/shared/ofetch.<hash>.mjs), cited as published:
	// its lines are the code the recordings ran. The repository's tags hold the same code in
	// src/fetch.ts, src/utils.ts and src/error.ts.
	bundle := map[string]string{"1.0.1": "dist/shared/ofetch.502a4799.mjs", "1.3.4": "dist/shared/ofetch.37386b05.mjs", "1.5.1": "dist/shared/ofetch.CWycOUEr.mjs"}[f.tag]
	c := func(fn string, line int) merge.Cite {
		return merge.Cite{File: bundle, Func: fn, Tag: f.tag, URL: "https://unpkg.com/browse/ofetch@" + f.tag + "/" + bundle + "#L" + itoa(line)}
	}
	ln := func(v101, v134, v151 int) int {
		switch f.tag {
		case "1.0.1":
			return v101
		case "1.3.4":
			return v134
		case "1.5.1":
			return v151
		}
		return 0
	}
	ufo := func(fn string, line int) merge.Cite {
		return merge.Cite{File: "dist/index.mjs", Func: fn, Tag: ufoVersion, URL: "https://unpkg.com/browse/ufo@" + ufoVersion + "/dist/index.mjs#L" + itoa(line)}
	}
	errCite := c("createFetchError", ln(10, 13, 13))
	mergeDoc := map[mergeMode]string{
		spread:  "{...globalOptions.defaults, ..._options}: a request headers or query key (even null or undefined) replaces the client's; the headers object goes to fetch as it is.",
		both:    "mergeFetchOptions: when both sides have truthy headers, new Headers(client) and every entry of new Headers(request) set over it (lower-case names, case-insensitive); when both have a truthy query, {...client, ...request}; otherwise the request's key, if present, replaces the client's.",
		resolve: "resolveFetchOptions: new Headers(client.headers), then each entry of new Headers(request.headers) set over it (lower-case names; a null request headers keeps the client's); query = {...client.query, ...request.query} when either has one.",
	}[f.merge]
	mergeCite := map[mergeMode]merge.Cite{
		spread:  c("$fetchRaw2 (options)", 152),
		both:    c("mergeFetchOptions", 92),
		resolve: c("resolveFetchOptions", 98),
	}[f.merge]
	return &merge.Profile{
		Library:  "ofetch",
		Min:      min,
		Max:      max,
		Verified: merge.Recorded,
		Runtime:  "Node 20.20.2 (its fetch: undici 6.24.1), ufo 1.6.4",
		Note:     note + " Recorded on Node 20.20.2, whose global fetch ofetch uses; ufo 1.6.4 (read in its npm distribution) joins the base and the query.",
		Binding:  binding,
		Switches: switches(f),
		Rules: []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/js/runner.mjs", Func: "ofetchCase", Tag: "mergeplay"},
				Doc:   "ofetch has no auth or cookies option; prefix, via and allowAbsoluteUrls have no binding; json and body share the one body option.",
				Apply: bindingRule},
			{Name: "merge-options", Cite: mergeCite, Doc: mergeDoc,
				Apply: func(s *merge.State) { mergeOptions(s, factsFor(s.Version)) }},
			{Name: "method", Cite: c("$fetchRaw2 (method)", ln(149, 177, 210)),
				Doc:   "From 1.2.0 options.method is upper-cased (so 'patch' is sent as PATCH); before, the method goes to fetch as given.",
				Apply: func(s *merge.State) { method(s, factsFor(s.Version)) }},
			{Name: "url", Cite: c("$fetchRaw2 (baseURL, query)", ln(161, 183, 223)), Also: []merge.Cite{ufo("withBase", 264), ufo("withQuery", 292)},
				Doc: "For a string URL: withBase(url, baseURL) joins by string (an absolute URL, or one already starting with the base, is kept; else base without its trailing '/' + '/' + url without a leading '/'); " +
					"withQuery(url, query) parses the URL's own query into an object, spreads the query over it (same key: the query's value replaces the URL's) and serializes it again with ufo's encoding.",
				Apply: func(s *merge.State) { urlRule(s, factsFor(s.Version), ufo("withQuery", 292)) }},
			{Name: "json-body", Cite: c("$fetchRaw2 (body)", ln(169, 192, 236)), Also: []merge.Cite{c("isJSONSerializable", ln(65, 53, 53))},
				Doc: "A truthy body on PATCH/POST/PUT/DELETE that isJSONSerializable (strings, numbers, booleans, arrays, plain objects) is JSON.stringify'd unless it is a string, and content-type and accept are set to application/json when absent. " +
					"Falsy bodies (null, false, 0, '') and other methods' bodies go to fetch as they are.",
				Apply: func(s *merge.State) { jsonBody(s, factsFor(s.Version)) }},
			{Name: "fetch-request", Cite: undici.Cite(undiciTag, "lib/web/fetch/request.js", "Request constructor"), Also: []merge.Cite{errCite},
				Doc: "fetch(url, options) builds a Request: the URL must parse and carry no credentials, the method is normalized, a headers record is ByteString-converted (null → 'null'), GET/HEAD cannot have a body and a string body adds content-type text/plain;charset=UTF-8. " +
					"ofetch rejects what fetch throws with a FetchError (createFetchError).",
				Apply: func(s *merge.State) { fetchRequest(s, factsFor(s.Version), errCite) }},
			{Name: "fetch-default-headers", Cite: undici.Cite(undiciTag, "lib/web/fetch/index.js", "httpNetworkOrCacheFetch"),
				Also:  []merge.Cite{undici.Cite(undiciTag, "lib/web/fetch/index.js", "fetching"), undici.Cite(undiciTag, "lib/web/fetch/util.js", "appendFetchMetadata")},
				Doc:   "fetch appends accept: */*, accept-language: *, sec-fetch-mode: cors, user-agent: node and accept-encoding: gzip, deflate, each when absent; host is deleted.",
				Apply: fetchDefaults},
			{Name: "h1-write", Cite: undici.Cite(undiciTag, "lib/dispatcher/client-h1.js", "writeH1"), Also: []merge.Cite{errCite},
				Doc: "undici writes host and connection first (close for HEAD), then the header list in order, then content-length (0 for POST/PUT/PATCH without a body); " +
					"a request undici refuses to write (fetch failed) is rejected as ofetch's FetchError.",
				Apply: func(s *merge.State) { write(s, factsFor(s.Version), errCite) }},
		},
	}
}

func switches(f facts) []merge.Switch {
	sw := []merge.Switch{
		{Name: "header-null", Value: "sent as 'null'"},
		{Name: "header-undefined", Value: "sent as 'undefined'"},
		{Name: "header-false", Value: "sent as 'false'"},
		{Name: "url-join", Value: "string prefix (ufo withBase): no RFC 3986 resolution"},
		{Name: "url-query", Value: "same key: params replace the URL's value"},
		{Name: "string-body", Value: "content-type application/json on POST/PUT/PATCH/DELETE"},
	}
	switch f.merge {
	case spread:
		sw = append(sw, merge.Switch{Name: "request-headers", Value: "replace all client headers"}, merge.Switch{Name: "params-merge", Value: "request params replace the client's"})
	case both:
		sw = append(sw, merge.Switch{Name: "request-headers", Value: "merged case-insensitively (lower-cased) when both are objects"}, merge.Switch{Name: "params-merge", Value: "by key when both are objects; null/undefined replaces"})
	default:
		sw = append(sw, merge.Switch{Name: "request-headers", Value: "merged case-insensitively (lower-cased)"}, merge.Switch{Name: "params-merge", Value: "by key; null/undefined keeps the client's"})
	}
	return sw
}

// run carries ofetch's options between rules.
type run struct {
	hObj    *undici.Headers // options.headers once it is a Headers object
	hRaw    merge.Value     // otherwise the option as given (1.0–1.3), Absent when none
	hSrc    string
	query   []queryItem
	hasQ    bool
	method  merge.Value // options.method
	request merge.Value // the request argument: a string, or null/undefined
	body    merge.Value // options.body as a JS value, or a String once serialized
	bodySrc string
}

func state(s *merge.State) *run { return merge.Var[*run](s, "ofetch") }

func bindingRule(s *merge.State) {
	c, r := s.Client(), s.Request()
	if r.Via.Present() {
		s.Unsupported("request.via has no meaning for ofetch in the JS runner.")
		return
	}
	if c.Prefix.Present() {
		s.Unsupported("client.prefix has no binding for ofetch@%s in the JS runner.", s.Version)
		return
	}
	if c.AllowAbsoluteURLs.Present() {
		s.Unsupported("client.allowAbsoluteUrls has no binding for ofetch@%s in the JS runner.", s.Version)
		return
	}
	if r.AllowAbsoluteURLs.Present() {
		s.Unsupported("request.allowAbsoluteUrls has no binding for ofetch@%s in the JS runner.", s.Version)
		return
	}
	if c.Auth.Present() || r.Auth.Present() {
		s.Unsupported("ofetch has no auth option.")
		return
	}
	if c.Cookies.Present() || r.Cookies.Present() {
		s.Unsupported("ofetch has no cookies option.")
		return
	}
	if r.JSON.Present() && r.Body.Present() {
		s.Unsupported("ofetch has a single body option; json and body cannot both be given.")
		return
	}
	run := &run{request: merge.Value{Kind: merge.String}, method: r.Method}
	if r.URL.Present() {
		run.request = r.URL
	}
	run.body, run.bodySrc = r.Body, merge.SourceRequest
	if r.JSON.Present() {
		run.body = r.JSON
	}
	s.Vars["ofetch"] = run
}

// truthy is ToBoolean of an option (absent reads as undefined).
func truthy(v merge.Value) bool { return js.FromValue(v).Truthy() }

// pick is the spread's answer for one key: the request's if it has the key, else the client's.
func pick(c, r merge.Value) (merge.Value, string) {
	if r.Present() {
		return r, merge.SourceRequest
	}
	return c, merge.SourceClient
}

// headersFrom is new Headers(init) run by ofetch itself: its TypeError is not wrapped.
func headersFrom(s *merge.State, v merge.Value, source string) *undici.Headers {
	if !v.Present() || v.Kind == merge.Undefined {
		return &undici.Headers{}
	}
	h, msg := undici.FromRecord(v, source)
	if msg != "" {
		s.Raise("TypeError", "%s", msg)
		return nil
	}
	return h
}

// setOver sets every entry of new Headers(request) over h: Headers iteration yields
// lower-case names, sorted, so a set replaces the client's spelling too.
func setOver(s *merge.State, h *undici.Headers, r merge.Value) bool {
	rh := headersFrom(s, r, merge.SourceRequest)
	if rh == nil {
		return false
	}
	for _, e := range rh.Entries() {
		if old, ok := h.Get(e.Name); ok {
			s.Explain(merge.FieldName(e.Name), old, merge.SourceClient, merge.ActionOverride, "request "+e.Name+": "+e.Value+" replaces it under the lower-case name (Headers.set)")
		}
		h.Set(e.Name, e.Value, merge.SourceRequest)
	}
	return true
}

func mergeOptions(s *merge.State, f facts) {
	run := state(s)
	c, r := s.Client(), s.Request()
	// headers
	switch {
	case f.merge == resolve:
		in := r.Headers
		if in.Kind == merge.Null || in.Kind == merge.Undefined {
			if c.Headers.Present() && in.Kind == merge.Null {
				s.Explain("headers", "", merge.SourceRequest, merge.ActionIgnore, "request headers null: `input.headers ?? request.headers` is undefined, so the client's headers stay")
			}
			in = merge.Value{}
		}
		if !truthy(c.Headers) {
			if in.Kind == merge.Bool {
				s.Raise("TypeError", "%s", undici.InitError)
				return
			}
			if run.hObj = headersFrom(s, in, merge.SourceRequest); run.hObj == nil {
				return
			}
			break
		}
		if run.hObj = headersFrom(s, c.Headers, merge.SourceClient); run.hObj == nil {
			return
		}
		if truthy(in) && !setOver(s, run.hObj, in) {
			return
		}
	case f.merge == both && truthy(c.Headers) && truthy(r.Headers):
		if run.hObj = headersFrom(s, c.Headers, merge.SourceClient); run.hObj == nil {
			return
		}
		if !setOver(s, run.hObj, r.Headers) {
			return
		}
	default:
		run.hRaw, run.hSrc = pick(c.Headers, r.Headers)
		if r.Headers.Present() && c.Headers.Present() {
			s.Explain("headers", "", merge.SourceRequest, merge.ActionOverride, "the request's headers option replaces the client's whole headers object ({...defaults, ...options})")
		}
	}
	// query
	switch {
	case f.merge == resolve:
		if truthy(c.Params) || truthy(r.Params) {
			run.query, run.hasQ = assign(spreadItems(c.Params, merge.SourceClient), spreadItems(r.Params, merge.SourceRequest)), true
		}
	case f.merge == both && truthy(c.Params) && truthy(r.Params):
		run.query, run.hasQ = assign(spreadItems(c.Params, merge.SourceClient), spreadItems(r.Params, merge.SourceRequest)), true
	default:
		q, src := pick(c.Params, r.Params)
		if r.Params.Present() && c.Params.Present() {
			s.Explain("query", "", merge.SourceRequest, merge.ActionOverride, "the request's query option replaces the client's whole query ({...defaults, ...options})")
		}
		run.query, run.hasQ = spreadItems(q, src), truthy(q)
	}
}

func method(s *merge.State, f facts) {
	run := state(s)
	if f.upper && run.method.Kind == merge.String {
		up := strings.ToUpper(run.method.Text)
		if up != run.method.Text {
			s.Explain("method", up, merge.SourceRequest, merge.ActionSet, "options.method.toUpperCase()")
		}
		run.method.Text = up
	} else if f.upper && run.method.Kind == merge.Null && f.merge != resolve {
		run.method = merge.Value{Kind: merge.Undefined} // method?.toUpperCase()
	}
}

func urlRule(s *merge.State, f facts, withQueryCite merge.Cite) {
	run := state(s)
	c := s.Client()
	if run.request.Kind != merge.String {
		return // only a string request is joined and queried
	}
	u := run.request.Text
	if c.BaseURL.Kind == merge.String && c.BaseURL.Text != "" {
		var note string
		u, note = withBase(u, c.BaseURL.Text)
		s.Explain("url", u, merge.SourceClient, merge.ActionSet, "withBase: "+note)
	}
	if run.hasQ {
		out, sent, ok := withQuery(u, run.query)
		if !ok {
			s.RaiseAt(withQueryCite, "URIError", "URI malformed")
			return
		}
		for _, it := range sent {
			note := map[string]string{merge.SourceClient: "client query", merge.SourceRequest: "request query", merge.SourceURL: "the URL's own query, parsed and serialized again by ufo"}[it.source]
			act := merge.ActionSet
			if it.source == merge.SourceURL {
				act = merge.ActionKeep
			}
			if it.val.Kind == merge.Array {
				for _, x := range it.val.Items {
					v := x.Text
					if x.Kind != merge.String {
						v = jsonString(x)
					}
					s.ExplainAt(withQueryCite, merge.QueryField(it.key), v, it.source, act, note+", one pair per array item")
				}
				continue
			}
			s.ExplainAt(withQueryCite, merge.QueryField(it.key), queryText(it.val), it.source, act, note)
		}
		u = out
		s.Explain("url", u, merge.SourceRequest, merge.ActionSet, "withQuery: the query object spread over the URL's own query")
	}
	run.request.Text = u
}

// queryText is a query value as a step shows it.
func queryText(v merge.Value) string {
	if v.Kind == merge.String || v.Kind == merge.Number || v.Kind == merge.Bool {
		return js.String(v)
	}
	if v.Kind == merge.Null {
		return ""
	}
	return jsonString(v)
}

// serializable is isJSONSerializable for a scenario value.
func serializable(v merge.Value, f facts) bool {
	switch v.Kind {
	case merge.Absent, merge.Undefined:
		return false
	case merge.String, merge.Number, merge.Bool, merge.Array:
		return true
	case merge.Object:
		if f.buffer && truthy(v.Get("buffer")) {
			return false
		}
		// value.constructor.name === "Object": a plain object's inherited constructor, unless
		// an own "constructor" member shadows it.
		if ctor := v.Get("constructor"); ctor.Present() {
			return ctor.Kind == merge.Object && ctor.Get("name").Kind == merge.String && ctor.Get("name").Text == "Object"
		}
		return true
	}
	return false
}

func payload(m string) bool {
	switch strings.ToUpper(m) {
	case "PATCH", "POST", "PUT", "DELETE":
		return true
	}
	return false
}

// headersObject is options.headers as a Headers object (new Headers(options.headers || {})
// from 1.1, new Headers(options.headers) in 1.0).
func headersObject(s *merge.State, run *run, f facts) bool {
	if run.hObj != nil {
		return true
	}
	v := run.hRaw
	if f.merge != spread && !truthy(v) {
		v = merge.Value{}
	}
	if v.Kind == merge.Null || v.Kind == merge.Bool {
		s.Raise("TypeError", "%s", undici.InitError)
		return false
	}
	run.hObj = headersFrom(s, v, run.hSrc)
	return run.hObj != nil
}

func jsonBody(s *merge.State, f facts) {
	run := state(s)
	if !truthy(run.body) {
		return
	}
	m := "GET"
	switch run.method.Kind {
	case merge.String:
		m = run.method.Text
	case merge.Null:
		s.Raise("TypeError", "Cannot read properties of null (reading 'toUpperCase')")
		return
	}
	if !payload(m) || !serializable(run.body, f) {
		return
	}
	if !headersObject(s, run, f) {
		return
	}
	h := run.hObj
	ct, hasCT := h.Get("content-type")
	if run.body.Kind != merge.String {
		if f.form && hasCT && ct == "application/x-www-form-urlencoded" {
			text, msg := searchParams(run.body)
			if msg != "" {
				s.Raise("TypeError", "%s", msg)
				return
			}
			run.body = merge.Value{Kind: merge.String, Text: text}
			s.Explain("body", text, merge.SourceRequest, merge.ActionSet, "new URLSearchParams(body).toString(), for content-type application/x-www-form-urlencoded (1.5.0+)")
		} else {
			text := jsontext.Encode(js.Ordered(run.body), jsontext.JS)
			run.body = merge.Value{Kind: merge.String, Text: text}
			s.Explain("body", text, merge.SourceRequest, merge.ActionSet, "JSON.stringify(body)")
		}
	} else {
		s.Explain("body", run.body.Text, merge.SourceRequest, merge.ActionKeep, "a string body is JSON-serializable too, so it is sent as it is, labelled JSON")
	}
	if !hasCT || f.form && ct == "" {
		h.Set("content-type", "application/json", merge.SourceDefault)
		s.Explain(merge.FieldName("content-type"), "application/json", merge.SourceDefault, merge.ActionSet, "a JSON-serializable body sets content-type when none is set")
	} else {
		s.Explain(merge.FieldName("content-type"), ct, merge.SourceRequest, merge.ActionKeep, "a content-type is already set")
	}
	if !h.Has("accept") {
		h.Set("accept", "application/json", merge.SourceDefault)
		s.Explain(merge.FieldName("accept"), "application/json", merge.SourceDefault, merge.ActionSet, "a JSON-serializable body sets accept when none is set")
	}
}

// searchParams is new URLSearchParams(init).toString() for a JSON value.
func searchParams(v merge.Value) (string, string) {
	var pairs [][2]string
	switch v.Kind {
	case merge.Object:
		for _, f := range js.Ordered(v).Fields {
			pairs = append(pairs, [2]string{js.USVString(f.Key), js.USVString(usv(f.Value))})
		}
	case merge.Array:
		for _, it := range v.Items {
			if it.Kind != merge.Array || len(it.Items) != 2 {
				return "", "URLSearchParams constructor: expected name/value pair to be length 2, found " + itoa(len(it.Items)) + "."
			}
			pairs = append(pairs, [2]string{js.USVString(usv(it.Items[0])), js.USVString(usv(it.Items[1]))})
		}
	default:
		return whatwg.SearchParamsString(whatwg.ParseSearchParams(strings.TrimPrefix(js.USVString(usv(v)), "?"))), ""
	}
	return whatwg.SearchParamsString(pairs), ""
}

// usv is String(value) for a JSON value (a plain object is "[object Object]").
func usv(v merge.Value) string {
	if v.Kind == merge.Object {
		return "[object Object]"
	}
	return js.String(v)
}

// fetchError is what $fetch rejects with when fetch throws: createFetchError's FetchError.
func fetchError(s *merge.State, f facts, at merge.Cite, msg string) {
	run := state(s)
	req := usv(run.request)
	switch f.err {
	case errEmptyParens:
		msg += " ()"
	case errRequest:
		if run.request.Kind != merge.Null && run.request.Kind != merge.Undefined && req != "" {
			msg += " (" + req + ")"
		}
	default:
		m := "GET"
		if run.method.Kind == merge.String && run.method.Text != "" {
			m = run.method.Text
		}
		if req == "" {
			req = "/"
		}
		msg = "[" + m + "] " + jsontext.Encode(merge.Value{Kind: merge.String, Text: req}, jsontext.JS) + ": <no response> " + msg
	}
	s.RaiseAt(at, "FetchError", "%s", msg)
}

func fetchRequest(s *merge.State, f facts, errCite merge.Cite) {
	run := state(s)
	fail := func(msg string) { fetchError(s, f, errCite, msg) }
	// RequestInit conversion: body, then headers, then method (dictionary members in order).
	var body []byte
	hasBody := run.body.Present() && run.body.Kind != merge.Undefined && run.body.Kind != merge.Null
	if hasBody {
		body = js.UTF8(usv(run.body))
	}
	h := run.hObj
	if h == nil {
		switch v := run.hRaw; {
		case !v.Present() || v.Kind == merge.Undefined:
			h = &undici.Headers{}
		case v.Kind != merge.Object:
			fail(undici.InitError)
			return
		default:
			var msg string
			if h, msg = undici.FromRecord(v, run.hSrc); msg != "" {
				fail(msg)
				return
			}
		}
	} else {
		h = h.Clone()
	}
	u, msg := undici.ParseURL(usv(run.request))
	if msg != "" {
		fail(msg)
		return
	}
	m := "GET"
	if run.method.Present() && run.method.Kind != merge.Undefined {
		if m, msg = undici.Method(usv(run.method)); msg != "" {
			fail(msg)
			return
		}
	}
	if hasBody && (m == "GET" || m == "HEAD") {
		fail(undici.GetBodyError)
		return
	}
	if hasBody && !h.Has("content-type") {
		h.Append("content-type", "text/plain;charset=UTF-8", merge.SourceDefault)
		s.Explain(merge.FieldName("content-type"), "text/plain;charset=UTF-8", merge.SourceDefault, merge.ActionSet, "a string body's type, added by the Request constructor when no content-type is set")
	}
	if hasBody && run.body.Kind != merge.String {
		s.Explain("body", string(body), merge.SourceRequest, merge.ActionSet, "fetch converts the body to a string")
	}
	s.Vars["fetch"] = &undici.Request{Method: m, URL: u, Headers: h, Body: body, HasBody: hasBody}
}

func fetchDefaults(s *merge.State) {
	r := merge.Var[*undici.Request](s, "fetch")
	if r == nil {
		return
	}
	var fetching, metadata merge.Cite
	for _, rule := range s.Profile.Rules {
		if rule.Name == "fetch-default-headers" {
			fetching, metadata = rule.Also[0], rule.Also[1]
		}
	}
	undici.Defaults(s, r, fetching, metadata)
}

// write is undici's HTTP/1.1 writer; what fetch throws there (a connection or content-length
// header undici refuses) reaches the caller as createFetchError's FetchError, as the Request
// constructor's errors do.
func write(s *merge.State, f facts, errCite merge.Cite) {
	r := merge.Var[*undici.Request](s, "fetch")
	if r == nil {
		return
	}
	undici.Write(s, r)
	if e := s.Err(); e != nil && e.Type == "TypeError" {
		fetchError(s, f, errCite, e.Message)
	}
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way JavaScript does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("js", recordedReleases.Apply(profiles()...)...)
})
