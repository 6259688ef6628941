package gaxios

import (
	"encoding/base64"
	"regexp"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/nodehttp"
	"github.com/mergeplay/mergeplay/model/undici"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// run carries gaxios's options between rules.
type run struct {
	opts merge.Value // extend(true, {}, defaults, options)
	// gaxios 6: opts.headers, a plain object, and where each key came from
	headers merge.Value
	hSrc    map[string]string
	// gaxios 7: preparedHeaders
	h       *undici.Headers
	url     string      // gaxios 6: opts.url
	nParams int         // gaxios 6: how many pairs of the sent query the params gave (the last ones)
	u       *whatwg.URL // gaxios 7: opts.url
	// opts.body: a String once serialized; hasBody is whether it is set at all
	body    merge.Value
	hasBody bool
	out     *outgoing
}

// outgoing is what node-fetch hands to http.request.
type outgoing struct {
	method, href, path, host string
	auth                     string // url.parse's auth (gaxios 6), "" when none
	lines                    []merge.Header
	body                     []byte
	hasBody                  bool
}

func state(s *merge.State) *run { return merge.Var[*run](s, "gaxios") }

func bindingApply(s *merge.State) {
	c, r := s.Client(), s.Request()
	switch {
	case c.Prefix.Present():
		s.Unsupported("client.prefix has no binding for gaxios@%s in the JS runner.", s.Version)
	case c.AllowAbsoluteURLs.Present():
		s.Unsupported("client.allowAbsoluteUrls has no binding for gaxios@%s in the JS runner.", s.Version)
	case r.Via.Present():
		s.Unsupported("request.via has no binding for gaxios@%s in the JS runner.", s.Version)
	case r.AllowAbsoluteURLs.Present():
		s.Unsupported("request.allowAbsoluteUrls has no binding for gaxios@%s in the JS runner.", s.Version)
	case c.Auth.Present() || r.Auth.Present():
		s.Unsupported("gaxios has no auth option.")
	case c.Cookies.Present() || r.Cookies.Present():
		s.Unsupported("gaxios has no cookies option.")
	case r.JSON.Present() && r.Body.Present():
		s.Unsupported("gaxios has a single data option; json and body cannot both be given.")
	default:
		s.Vars["gaxios"] = &run{}
	}
}

func object(fields ...merge.Field) merge.Value {
	v := merge.Value{Kind: merge.Object}
	for _, f := range fields {
		if f.Value.Present() {
			v.Fields = append(v.Fields, f)
		}
	}
	return v
}

// side says which side an extended value came from: the request's when it gave one (not
// undefined), else the client's.
func side(r merge.Value) string {
	if r.Present() && r.Kind != merge.Undefined {
		return merge.SourceRequest
	}
	return merge.SourceClient
}

func mergeOptions(s *merge.State, c cites) {
	run := state(s)
	cl, rq := s.Client(), s.Request()
	data := rq.JSON
	if !data.Present() {
		data = rq.Body
	}
	defaults := object(merge.Field{Key: "baseURL", Value: cl.BaseURL}, merge.Field{Key: "headers", Value: cl.Headers}, merge.Field{Key: "params", Value: cl.Params})
	options := object(merge.Field{Key: "method", Value: rq.Method}, merge.Field{Key: "url", Value: rq.URL}, merge.Field{Key: "headers", Value: rq.Headers},
		merge.Field{Key: "params", Value: rq.Params}, merge.Field{Key: "data", Value: data})
	run.opts = extend(extend(merge.Value{Kind: merge.Object}, defaults), options)
	if run.h == nil { // gaxios 6: the headers are extended with the rest
		run.headers = get(run.opts, "headers")
		run.hSrc = map[string]string{}
		for _, f := range js.Ordered(run.headers).Fields {
			src := side(rq.Headers.Get(f.Key))
			if rq.Headers.Kind != merge.Object {
				src = merge.SourceClient
			}
			run.hSrc[f.Key] = src
			s.ExplainAt(c.extend, merge.FieldName(f.Key), headerText(f.Value), src, merge.ActionSet, "extend(true, {}, defaults, options): the "+src+"'s value for this exact key")
		}
		switch {
		case rq.Headers.Kind == merge.Null && cl.Headers.Present():
			s.ExplainAt(c.extend, "headers", "null", merge.SourceRequest, merge.ActionRemove, "a null request headers replaces the client's whole object")
		case rq.Headers.Kind == merge.Object && cl.Headers.Kind == merge.Object:
			for _, f := range rq.Headers.Fields {
				if f.Value.Kind == merge.Undefined && cl.Headers.Get(f.Key).Present() {
					s.ExplainAt(c.extend, merge.FieldName(f.Key), "", merge.SourceRequest, merge.ActionIgnore, "extend skips an undefined value: the client's stays")
				}
			}
		}
	}
	if u := get(run.opts, "url"); !js.FromValue(u).Truthy() {
		s.Raise("Error", "URL is required.")
	}
}

// headerText is String(value) for a header value.
func headerText(v merge.Value) string {
	if v.Kind == merge.Object {
		return "[object Object]"
	}
	return js.String(v)
}

// ---- gaxios 6

// legacyEscape is url.parse's autoEscapeChars, escaped in what WHATWG serialization leaves.
var legacyEscape = strings.NewReplacer("\t", "%09", "\n", "%0A", "\r", "%0D", " ", "%20", "\"", "%22", "'", "%27", "<", "%3C", ">", "%3E",
	"\\", "%5C", "^", "%5E", "`", "%60", "{", "%7B", "|", "%7C", "}", "%7D")

func urlSix(s *merge.State, f facts, c cites) {
	run := state(s)
	run.url = js.String(get(run.opts, "url"))
	if base := get(run.opts, "baseURL"); js.FromValue(base).Truthy() {
		run.url = js.String(base) + run.url
		s.Explain("url", run.url, merge.SourceClient, merge.ActionSet, "baseURL + url: a string join, no slash added or removed")
	}
	params := js.Ordered(get(run.opts, "params"))
	if !(js.FromValue(params).Truthy() && ownKeys(params) > 0) {
		if params.Kind == merge.Null && s.Client().Params.Present() {
			s.Explain("params", "null", merge.SourceRequest, merge.ActionRemove, "a null request params replaces the client's")
		}
		return
	}
	qs, pairs, ok := stringify(params)
	if !ok {
		s.RaiseAt(c.querystring, "URIError", "URI malformed")
		return
	}
	sep := "?"
	if strings.Contains(run.url, "?") {
		sep = "&"
	}
	// What follows a '#' is the fragment: params appended after one are never sent.
	lost := strings.Contains(run.url, "#")
	rq := s.Request().Params
	for _, p := range pairs {
		r := rq.Get(p.key)
		if rq.Kind != merge.Object {
			r = merge.Value{}
		}
		if p.item >= 0 { // arrays merge index by index: the item is the request's if it has one there
			if r.Kind == merge.Array && p.item < len(r.Items) && r.Items[p.item].Kind != merge.Undefined {
				r = r.Items[p.item]
			} else {
				r = merge.Value{}
			}
		}
		src := side(r)
		act, note := merge.ActionSet, "querystring.stringify(params), appended after '"+sep+"'"
		if lost {
			act, note = merge.ActionIgnore, "appended after the URL's fragment, so never sent"
		}
		if shown, _ := qsEscape(p.value); !lost && p.raw.Kind == merge.String && unescapedUTF8(shown) != merge.WellFormed(p.value) {
			src, note = merge.SourceLibrary, "querystring.escape joins a lone surrogate with the next code unit into one four-byte sequence"
			p.value = unescapedUTF8(shown)
		}
		s.ExplainAt(c.querystring, merge.QueryField(p.key), p.value, src, act, note)
	}
	if !lost {
		run.nParams = len(pairs)
	}
	run.url += sep + qs
	s.Explain("url", run.url, merge.SourceRequest, merge.ActionSet, "opts.url + '"+sep+"' + querystring.stringify(params)")
}

// unescapedUTF8 is what a percent-encoded value decodes to as UTF-8.
func unescapedUTF8(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			var x byte
			for _, h := range s[i+1 : i+3] {
				x <<= 4
				switch {
				case h >= '0' && h <= '9':
					x |= byte(h - '0')
				case h >= 'A' && h <= 'F':
					x |= byte(h - 'A' + 10)
				}
			}
			b = append(b, x)
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func ownKeys(v merge.Value) int {
	switch v.Kind {
	case merge.Object:
		return len(v.Fields)
	case merge.Array:
		return len(v.Items)
	case merge.String:
		return len(utf16Units(v.Text))
	}
	return 0
}

func dataSix(s *merge.State, f facts, c cites) {
	run := state(s)
	if !js.FromValue(run.headers).Truthy() {
		run.headers = merge.Value{Kind: merge.Object}
	}
	data := get(run.opts, "data")
	if js.FromValue(data).Truthy() {
		switch data.Kind {
		case merge.Object, merge.Array:
			ct, has := firstHeader(run.headers, "content-type")
			if has && ct.Kind == merge.String && ct.Text == "application/x-www-form-urlencoded" {
				text, _, ok := stringify(data)
				if !ok {
					s.RaiseAt(c.querystring, "URIError", "URI malformed")
					return
				}
				run.body = merge.Value{Kind: merge.String, Text: text}
				s.ExplainAt(c.querystring, "body", text, merge.SourceRequest, merge.ActionSet, "querystring.stringify(data), for Content-Type application/x-www-form-urlencoded")
			} else {
				if !has || !js.FromValue(ct).Truthy() {
					run.headers = setField(run.headers, "Content-Type", merge.Value{Kind: merge.String, Text: "application/json"})
					run.hSrc["Content-Type"] = merge.SourceDefault
					s.Explain(merge.FieldName("Content-Type"), "application/json", merge.SourceDefault, merge.ActionSet, "an object data sets Content-Type when no truthy content-type is set")
				}
				text := jsontext.Encode(js.Ordered(data), jsontext.JS)
				run.body = merge.Value{Kind: merge.String, Text: text}
				s.Explain("body", text, merge.SourceRequest, merge.ActionSet, "JSON.stringify(data)")
			}
		default:
			run.body = data
			s.Explain("body", js.String(data), merge.SourceRequest, merge.ActionSet, "a string or number data is the body as it is")
		}
		run.hasBody = true
	} else if data.Present() {
		s.Explain("body", "", merge.SourceRequest, merge.ActionIgnore, "falsy data is not sent (if (opts.data))")
	}
	if f.proxyURL {
		if _, err := whatwg.Parse(run.url, nil); err != nil {
			s.RaiseAt(c.proxy, "TypeError", "Invalid URL")
		}
	}
}

// firstHeader is gaxios 6's getHeader: the value of the first key equal to name ignoring case.
func firstHeader(h merge.Value, name string) (merge.Value, bool) {
	for _, f := range js.Ordered(h).Fields {
		if strings.EqualFold(f.Key, name) {
			return f.Value, true
		}
	}
	return merge.Value{}, false
}

func setField(v merge.Value, key string, val merge.Value) merge.Value {
	out := merge.Value{Kind: merge.Object, Fields: append([]merge.Field(nil), v.Fields...)}
	if i := fieldIndex(out, key); i >= 0 {
		out.Fields[i].Value = val
		return out
	}
	out.Fields = append(out.Fields, merge.Field{Key: key, Value: val})
	return out
}

var (
	schemeRe       = regexp.MustCompile(`^[a-zA-Z][a-zA-Z\d+\-.]*:`)
	invalidTokenRe = regexp.MustCompile("[^\\^_`a-zA-Z\\-0-9!#$%&'*+.|~]")
)

// nfHeaders is node-fetch 2's Headers: lower-case keys to the first spelling and the values.
type nfHeaders struct {
	names []string // first spellings, in order
	vals  map[string][]merge.Header
}

func (h *nfHeaders) find(name string) (string, bool) {
	for _, n := range h.names {
		if strings.EqualFold(n, name) {
			return n, true
		}
	}
	return "", false
}

func (h *nfHeaders) append(name, value, src string) {
	if h.vals == nil {
		h.vals = map[string][]merge.Header{}
	}
	if n, ok := h.find(name); ok {
		h.vals[n] = append(h.vals[n], merge.Header{Name: n, Value: value, Source: src})
		return
	}
	h.names = append(h.names, name)
	h.vals[name] = []merge.Header{{Name: name, Value: value, Source: src}}
}

func (h *nfHeaders) set(name, value, src string) {
	if n, ok := h.find(name); ok {
		h.vals[n] = []merge.Header{{Name: n, Value: value, Source: src}}
		return
	}
	h.append(name, value, src)
}

func nodeFetchTwo(s *merge.State, f facts, c cites) {
	run := state(s)
	fail := func(at merge.Cite, typ, msg string) {
		s.RaiseAt(at, typ, "%s", msg)
		if f.wrap {
			s.RaiseAt(c.wrap, "Error", "%s", msg)
		}
	}
	out := &outgoing{}
	absolute := schemeRe.MatchString(run.url)
	if absolute {
		u, err := whatwg.Parse(run.url, nil)
		if err != nil {
			fail(c.request, "TypeError", "Invalid URL")
			return
		}
		fragless := *u
		fragless.Fragment, fragless.HasFrag = "", false
		out.href, out.host = fragless.Href(), u.HostPort()
		out.path = legacyEscape.Replace(u.Target())
		if u.Username != "" || u.Password != "" {
			user, _ := js.DecodeURIComponent(u.Username)
			out.auth = user
			if u.Password != "" {
				pass, _ := js.DecodeURIComponent(u.Password)
				out.auth += ":" + pass
			}
		}
	}
	out.method = "GET"
	if m := get(run.opts, "method"); js.FromValue(m).Truthy() {
		out.method = strings.ToUpper(js.String(m))
	}
	if run.hasBody && (out.method == "GET" || out.method == "HEAD") {
		fail(c.request, "TypeError", "Request with GET/HEAD method cannot have body")
		return
	}
	if run.hasBody {
		out.hasBody, out.body = true, js.UTF8(js.String(run.body))
	}
	h := &nfHeaders{}
	switch hv := run.headers; hv.Kind {
	case merge.Object:
		for _, e := range js.Ordered(hv).Fields {
			if invalidTokenRe.MatchString(e.Key) || e.Key == "" {
				fail(c.validate, "TypeError", e.Key+" is not a legal HTTP header name")
				return
			}
			val := headerText(e.Value)
			if nodehttp.InvalidHeaderChar(val) || merge.HasSurrogate(val) {
				fail(c.validate, "TypeError", js.USVString(val)+" is not a legal HTTP header value")
				return
			}
			h.append(e.Key, val, run.hSrc[e.Key])
		}
	default:
		fail(c.headersCtor, "TypeError", "Provided initializer must be an object")
		return
	}
	if out.hasBody {
		if _, ok := h.find("Content-Type"); !ok {
			h.append("Content-Type", "text/plain;charset=UTF-8", merge.SourceDefault)
			s.Explain(merge.FieldName("Content-Type"), "text/plain;charset=UTF-8", merge.SourceDefault, merge.ActionSet, "the Request adds a body's type when no Content-Type is set")
		}
	}
	if _, ok := h.find("Accept"); !ok {
		h.set("Accept", "*/*", merge.SourceDefault)
		s.ExplainAt(c.options, merge.FieldName("Accept"), "*/*", merge.SourceDefault, merge.ActionSet, "getNodeRequestOptions: Accept when absent")
	}
	if !absolute {
		fail(c.options, "TypeError", "Only absolute URLs are supported")
		return
	}
	contentLength := ""
	if !out.hasBody && (out.method == "POST" || out.method == "PUT") {
		contentLength = "0"
	} else if out.hasBody {
		contentLength = itoa(len(out.body))
	}
	if contentLength != "" {
		h.set("Content-Length", contentLength, merge.SourceTransport)
		s.ExplainAt(c.options, merge.FieldName("Content-Length"), contentLength, merge.SourceTransport, merge.ActionSet, "getNodeRequestOptions: the body's length (0 for POST and PUT without one)")
	}
	if _, ok := h.find("User-Agent"); !ok {
		h.set("User-Agent", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", merge.SourceDefault)
		s.ExplainAt(c.options, merge.FieldName("User-Agent"), "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", merge.SourceDefault, merge.ActionSet, "getNodeRequestOptions: User-Agent when absent")
	}
	if _, ok := h.find("Accept-Encoding"); !ok {
		h.set("Accept-Encoding", "gzip,deflate", merge.SourceDefault)
		s.ExplainAt(c.options, merge.FieldName("Accept-Encoding"), "gzip,deflate", merge.SourceDefault, merge.ActionSet, "getNodeRequestOptions: Accept-Encoding when absent (compress)")
	}
	for _, n := range h.names {
		out.lines = append(out.lines, h.vals[n]...)
	}
	run.out = out
}

// ---- gaxios 7 and 8

func headersSeven(s *merge.State, c cites) {
	run := state(s)
	cl, rq := s.Client(), s.Request()
	build := func(v merge.Value, src string, at merge.Cite) *undici.Headers {
		if !v.Present() || v.Kind == merge.Undefined {
			return &undici.Headers{}
		}
		h, msg := undici.FromRecord(v, src)
		if msg != "" {
			s.RaiseAt(at, "TypeError", "%s", msg)
			return nil
		}
		return h
	}
	h := build(cl.Headers, merge.SourceClient, c.headers)
	if h == nil {
		return
	}
	for _, e := range h.Entries() {
		s.Explain(merge.FieldName(e.Name), e.Value, merge.SourceClient, merge.ActionSet, "new Headers(this.defaults.headers): lower-case name")
	}
	add := build(rq.Headers, merge.SourceRequest, c.mergeHeaders)
	if add == nil {
		return
	}
	for _, e := range add.Entries() {
		if old, ok := h.Get(e.Name); ok {
			s.ExplainAt(c.mergeHeaders, merge.FieldName(e.Name), old, merge.SourceClient, merge.ActionOverride, "request "+e.Name+": "+e.Value+" replaces it (Headers.set, any casing)")
		}
		if e.Lower == "set-cookie" {
			h.Append(e.Name, e.Value, merge.SourceRequest)
		} else {
			h.Set(e.Name, e.Value, merge.SourceRequest)
		}
		s.ExplainAt(c.mergeHeaders, merge.FieldName(e.Name), e.Value, merge.SourceRequest, merge.ActionSet, "mergeHeaders: set over the client's")
	}
	run.h = h
}

func urlSeven(s *merge.State) {
	run := state(s)
	raw := js.String(get(run.opts, "url"))
	var base *whatwg.URL
	if b := get(run.opts, "baseURL"); js.FromValue(b).Truthy() {
		var err error
		if base, err = whatwg.Parse(js.String(b), nil); err != nil {
			s.Raise("TypeError", "Invalid URL")
			return
		}
	}
	u, err := whatwg.Parse(raw, base)
	if err != nil {
		s.Raise("TypeError", "Invalid URL")
		return
	}
	if base != nil {
		s.Explain("url", u.Href(), merge.SourceClient, merge.ActionSet, "new URL(url, baseURL): resolved as a browser resolves a link")
	}
	params := js.Ordered(get(run.opts, "params"))
	if !js.FromValue(params).Truthy() {
		if params.Kind == merge.Null && s.Client().Params.Present() {
			s.Explain("params", "null", merge.SourceRequest, merge.ActionRemove, "a null request params replaces the client's")
		}
		explainOwnQuery(s, u.Query, u.HasQuery)
		run.u = u
		return
	}
	pairs, srcs, ok := searchParams(params, s.Client().Params, s.Request().Params)
	if !ok {
		s.Raise("TypeError", tupleError)
		return
	}
	if len(pairs) == 0 {
		explainOwnQuery(s, u.Query, u.HasQuery)
		run.u = u
		return
	}
	own := whatwg.ParseSearchParams(u.Query)
	for _, kv := range own {
		s.Explain(merge.QueryField(kv[0]), kv[1], merge.SourceURL, merge.ActionKeep, "the URL's own query, parsed and serialized again by searchParams.append")
	}
	for i, kv := range pairs {
		s.Explain(merge.QueryField(kv[0]), kv[1], srcs[i], merge.ActionSet, "url.searchParams.append(key, String(value))")
	}
	u.Query, u.HasQuery = whatwg.SearchParamsString(append(own, pairs...)), true
	s.Explain("url", u.Href(), merge.SourceRequest, merge.ActionSet, "the params appended to the URL's query")
	run.u = u
}

// explainOwnQuery gives each pair of a query sent as written its step.
func explainOwnQuery(s *merge.State, q string, has bool) {
	if !has || q == "" {
		return
	}
	for _, kv := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(kv, "=")
		s.Explain(merge.QueryField(whatwg.FormUnescape(k)), kv, merge.SourceURL, merge.ActionKeep, "part of the URL's own query, sent as written")
		_ = v
	}
}

// tupleError is Node's URLSearchParams TypeError (ERR_INVALID_TUPLE) for a sequence item that
// is not a [name, value] pair.
const tupleError = "Each query pair must be an iterable [name, value] tuple"

// searchParams is new URLSearchParams(init)'s list for a JSON value, with each pair's side;
// ok is false where the constructor throws tupleError.
func searchParams(v, client, request merge.Value) ([][2]string, []string, bool) {
	var pairs [][2]string
	var srcs []string
	switch v.Kind {
	case merge.Object:
		for _, f := range v.Fields {
			pairs = append(pairs, [2]string{js.USVString(f.Key), js.USVString(headerText(f.Value))})
			srcs = append(srcs, arraySide(f.Value, client.Get(f.Key), request.Get(f.Key)))
		}
	case merge.Array:
		for _, it := range v.Items {
			if it.Kind != merge.Array || len(it.Items) != 2 {
				return nil, nil, false
			}
			pairs = append(pairs, [2]string{js.USVString(headerText(it.Items[0])), js.USVString(headerText(it.Items[1]))})
			srcs = append(srcs, side(request))
		}
	default:
		for _, kv := range whatwg.ParseSearchParams(strings.TrimPrefix(js.USVString(headerText(v)), "?")) {
			pairs = append(pairs, kv)
			srcs = append(srcs, side(request))
		}
	}
	return pairs, srcs, true
}

// arraySide is where an extended value came from; a list extend merged from both sides
// index by index is the library's own.
func arraySide(v, c, r merge.Value) string {
	if v.Kind == merge.Array && r.Kind == merge.Array && c.Kind == merge.Array && len(c.Items) > len(r.Items) {
		return merge.SourceLibrary
	}
	return side(r)
}

func dataSeven(s *merge.State) {
	run := state(s)
	h := run.h
	data := get(run.opts, "data")
	switch {
	case data.Kind == merge.String:
		run.body, run.hasBody = data, true
		s.Explain("body", data.Text, merge.SourceRequest, merge.ActionSet, "a string data is the body as it is")
	case data.Kind == merge.Object || data.Kind == merge.Array || data.Kind == merge.Null:
		if ct, ok := h.Get("Content-Type"); ok && ct == "application/x-www-form-urlencoded" {
			pairs, _, ok := searchParams(js.Ordered(data), merge.Value{}, merge.Value{})
			if !ok {
				s.Raise("TypeError", tupleError)
				return
			}
			text := whatwg.SearchParamsString(pairs)
			run.body, run.hasBody = merge.Value{Kind: merge.String, Text: text}, true
			s.Explain("body", text, merge.SourceRequest, merge.ActionSet, "new URLSearchParams(data), for content-type application/x-www-form-urlencoded")
			return
		}
		if !h.Has("content-type") {
			h.Set("content-type", "application/json", merge.SourceDefault)
			s.Explain(merge.FieldName("content-type"), "application/json", merge.SourceDefault, merge.ActionSet, "an object data sets content-type when none is set")
		}
		text := jsontext.Encode(js.Ordered(data), jsontext.JS)
		run.body, run.hasBody = merge.Value{Kind: merge.String, Text: text}, true
		s.Explain("body", text, merge.SourceRequest, merge.ActionSet, "JSON.stringify(data)")
	case js.FromValue(data).Truthy():
		run.body, run.hasBody = data, true
		s.Explain("body", js.String(data), merge.SourceRequest, merge.ActionSet, "other truthy data is the body as it is")
	case data.Present():
		s.Explain("body", "", merge.SourceRequest, merge.ActionIgnore, "falsy data sends no body")
	}
}

func nodeFetchThree(s *merge.State, c cites) {
	run := state(s)
	fail := func(at merge.Cite, msg string) {
		s.RaiseAt(at, "TypeError", "%s", msg)
		s.RaiseAt(c.wrap, "Error", "%s", msg)
	}
	u := run.u
	if u.Username != "" || u.Password != "" {
		fail(c.request, u.Href()+" is an url with embedded credentials.")
		return
	}
	out := &outgoing{method: "GET"}
	if m := get(run.opts, "method"); js.FromValue(m).Truthy() {
		out.method = strings.ToUpper(js.String(m)) // node-fetch upper-cases the six standard methods, http.request the rest
	}
	// init.body != null decides the GET/HEAD check; only a truthy body is sent.
	if run.hasBody && (out.method == "GET" || out.method == "HEAD") {
		fail(c.request, "Request with GET/HEAD method cannot have body")
		return
	}
	text := ""
	if run.hasBody {
		text = js.String(run.body)
	}
	if text != "" {
		out.hasBody, out.body = true, js.UTF8(text)
	}
	h := run.h.Clone()
	for _, e := range h.Entries() {
		if nodehttp.InvalidHeaderChar(e.Value) {
			fail(c.headersCtor, `Invalid character in header content ["`+e.Lower+`"]`)
			return
		}
	}
	if out.hasBody && !h.Has("content-type") {
		h.Set("content-type", "text/plain;charset=UTF-8", merge.SourceDefault)
		s.Explain(merge.FieldName("content-type"), "text/plain;charset=UTF-8", merge.SourceDefault, merge.ActionSet, "the Request adds a string body's type when no Content-Type is set")
	}
	if !h.Has("accept") {
		h.Set("accept", "*/*", merge.SourceDefault)
		s.ExplainAt(c.options, merge.FieldName("accept"), "*/*", merge.SourceDefault, merge.ActionSet, "getNodeRequestOptions: Accept when absent")
	}
	contentLength := ""
	if !out.hasBody && (out.method == "POST" || out.method == "PUT") {
		contentLength = "0"
	} else if out.hasBody {
		contentLength = itoa(len(out.body))
	}
	if contentLength != "" {
		h.Set("content-length", contentLength, merge.SourceTransport)
		s.ExplainAt(c.options, merge.FieldName("content-length"), contentLength, merge.SourceTransport, merge.ActionSet, "getNodeRequestOptions: the body's length (0 for POST and PUT without one)")
	}
	if !h.Has("user-agent") {
		h.Set("user-agent", "node-fetch", merge.SourceDefault)
		s.ExplainAt(c.options, merge.FieldName("user-agent"), "node-fetch", merge.SourceDefault, merge.ActionSet, "getNodeRequestOptions: User-Agent when absent")
	}
	if !h.Has("accept-encoding") {
		h.Set("accept-encoding", "gzip, deflate, br", merge.SourceDefault)
		s.ExplainAt(c.options, merge.FieldName("accept-encoding"), "gzip, deflate, br", merge.SourceDefault, merge.ActionSet, "getNodeRequestOptions: Accept-Encoding when absent (compress)")
	}
	for _, e := range h.Entries() {
		out.lines = append(out.lines, merge.Header{Name: e.Lower, Value: e.Value, Source: e.Source})
	}
	fragless := *u
	fragless.Fragment, fragless.HasFrag = "", false
	out.href, out.host = fragless.Href(), u.HostPort()
	out.path = u.Path + u.Search()
	if u.HasQuery && u.Query == "" {
		out.path += "?" // getSearch keeps a trailing '?' (node-fetch#776)
	}
	run.out = out
}

// ---- Node's http

func nodeWrite(s *merge.State) {
	run := state(s)
	if run == nil || run.out == nil {
		return
	}
	out := run.out
	has := func(name string) bool {
		for _, l := range out.lines {
			if strings.EqualFold(l.Name, name) {
				return true
			}
		}
		return false
	}
	s.Headers = nil
	for _, l := range out.lines {
		s.AddHeader(l.Name, l.Value, l.Source)
		s.Explain(merge.FieldName(l.Name), l.Value, l.Source, merge.ActionSet, "setHeader, in the order node-fetch hands them over")
	}
	if !has("host") {
		s.AddHeader("Host", out.host, merge.SourceTransport)
		s.Explain(merge.FieldName("Host"), out.host, merge.SourceTransport, merge.ActionSet, "the URL's host")
	}
	if out.auth != "" && !has("authorization") {
		v := "Basic " + base64.StdEncoding.EncodeToString([]byte(out.auth))
		s.AddHeader("Authorization", v, merge.SourceURL)
		s.Explain(merge.FieldName("Authorization"), v, merge.SourceURL, merge.ActionSet, "url.parse's auth (the URL's credentials, percent-decoded) as Basic")
	}
	if !has("connection") {
		s.AddHeader("Connection", "keep-alive", merge.SourceTransport)
		s.ExplainAt(storeHeaderCite(s), merge.FieldName("Connection"), "keep-alive", merge.SourceTransport, merge.ActionSet, "the global agent keeps connections alive")
	}
	if !out.hasBody && !has("content-length") && !has("transfer-encoding") && nodehttp.ChunkedByDefault(out.method) {
		s.AddHeader("Content-Length", "0", merge.SourceTransport)
		s.ExplainAt(storeHeaderCite(s), merge.FieldName("Content-Length"), "0", merge.SourceTransport, merge.ActionSet, "end() without a body on a method that would be chunked")
	}
	s.Method = out.method
	s.Explain("method", out.method, merge.SourceRequest, merge.ActionSet, "")
	s.URL, s.Target = out.href, out.path
	s.Explain("url", out.href, merge.SourceRequest, merge.ActionSet, "the fragment is not sent")
	if run.h == nil { // gaxios 6: the URL's own pairs come before the params
		if _, q, ok := strings.Cut(out.path, "?"); ok && q != "" {
			own := strings.Split(q, "&")
			for _, kv := range own[:max(0, len(own)-run.nParams)] {
				k, _, _ := strings.Cut(kv, "=")
				s.Explain(merge.QueryField(whatwg.FormUnescape(k)), kv, merge.SourceURL, merge.ActionKeep, "part of the URL's own query, sent as written")
			}
		}
	}
	s.Body = out.body
	if out.hasBody {
		s.Explain("body", string(out.body), merge.SourceRequest, merge.ActionSet, "")
	}
}

func storeHeaderCite(s *merge.State) merge.Cite {
	for _, r := range s.Profile.Rules {
		if r.Name == "node-http" {
			return r.Also[0]
		}
	}
	return merge.Cite{}
}
