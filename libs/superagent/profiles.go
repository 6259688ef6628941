package superagent

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/nodehttp"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

const binding = "agent = superagent.agent(); agent.set(headers).query(params).auth(...auth); req = agent[method ?? 'get'](url ?? ''); " +
	"req.set(headers).query(params).auth(...auth).send(json ?? body) (conformance/runners/js/BINDING.md). auth is (username[, password]), " +
	"(bearer, {type: 'bearer'}), or the value itself (auth(null)); base_url (superagent has none), cookies, via and json with body are unsupported."

const runtime = "Node 20.20.2 (its http.METHODS has QUERY), qs 6.17.1"

func profiles() []*merge.Profile {
	return []*merge.Profile{
		profile("9", "9.0.2",
			"The agent records set/query/auth calls and replays them on each request before the request's own; Node's legacy url.parse reads the URL. "+
				"On Node 20.20.2 the agent's query() is the QUERY method (forwardemail/superagent#1835), so client params are dropped."),
		profile("9.0.2", "10.2.2",
			"new URL() replaces url.parse (PR #1803): the agent parses the URL it is given (_attachCookies), so a URL that does not parse fails, "+
				"and client params fail too: agent.query(params) is the QUERY method, whose Request formats the object to '' and new URL('') throws. "+
				"From 10.1.0 the form serializer repeats array keys and writes null as the key alone.").StartingAt(merge.Boundary{
			Ref: "forwardemail/superagent#1803", URL: "https://github.com/forwardemail/superagent/pull/1803",
			Doc: "url.parse() gives way to new URL() (9.0.2): URL userinfo is no longer decoded, and the agent's URL must parse"}),
		profile("10.2.2", "10.4.0",
			"The agent skips QUERY when it defines a function per HTTP method (PR #1836), so agent.query(params) is the default again: "+
				"client params are Object.assign'ed under the request's.").StartingAt(merge.Boundary{
			Ref: "forwardemail/superagent#1836", URL: "https://github.com/forwardemail/superagent/pull/1836",
			Doc: "the agent no longer defines query() as the HTTP QUERY method (10.2.2), so client params reach every request"}),
		profile("10.4.0", "10.4.2",
			"The headers go to http.request as options.headers (PR #1859), so they come before Host and Accept-Encoding on the wire.").StartingAt(merge.Boundary{
			Ref: "forwardemail/superagent#1859", URL: "https://github.com/forwardemail/superagent/pull/1859",
			Doc: "user headers are passed as options.headers (10.4.0), so Node writes them before the Host it adds"}),
		profile("10.4.2", "11",
			"set() deletes every other spelling of the name before it sets it, so a request header set over the agent's moves to the end; "+
				"the query goes before a #fragment.").StartingAt(merge.Boundary{
			Ref: "forwardemail/superagent@v10.4.2", URL: "https://github.com/forwardemail/superagent/compare/v10.4.1...v10.4.2",
			Doc: "set() removes the other spellings of a header and _finalizeQueryString keeps the query before a #fragment (10.4.2)"}),
	}
}

// cites are the functions the rules point at, in lib/ as published at one tag.
type cites struct {
	setDefaults, attachCookies, set, auth, send, finalize        merge.Cite
	request, query, reqAuth, end, requestCtor, isJSON, typ       merge.Cite
	clientRequest, setHeader, validateValue, validateName, store merge.Cite
}

func citesAt(tag string) cites {
	l := linesAt[tag]
	c := func(file, fn string, line int) merge.Cite {
		return merge.Cite{File: file, Func: fn, Tag: tag, URL: "https://unpkg.com/browse/superagent@" + tag + "/" + file + "#L" + strconv.Itoa(line)}
	}
	node := func(file, fn string, line int) merge.Cite {
		return merge.Cite{File: file, Func: fn, Tag: "v20.20.2", URL: fmt.Sprintf("https://github.com/nodejs/node/blob/v20.20.2/%s#L%d", file, line)}
	}
	return cites{
		setDefaults:   c("lib/agent-base.js", "Agent._setDefaults", l.setDefaults),
		attachCookies: c("lib/node/agent.js", "Agent._attachCookies", l.attachCookies),
		set:           c("lib/request-base.js", "RequestBase.set", l.set),
		auth:          c("lib/request-base.js", "RequestBase._auth", l.auth),
		send:          c("lib/request-base.js", "RequestBase.send", l.send),
		finalize:      c("lib/request-base.js", "RequestBase._finalizeQueryString", l.finalize),
		request:       c("lib/node/index.js", "Request.request", l.request),
		query:         c("lib/node/index.js", "Request.query", l.query),
		reqAuth:       c("lib/node/index.js", "Request.auth", l.reqAuth),
		end:           c("lib/node/index.js", "Request._end", l.end),
		requestCtor:   c("lib/node/index.js", "Request", l.requestCtor),
		isJSON:        c("lib/node/index.js", "isJSON", l.isJSON),
		typ:           c("lib/node/index.js", "Request.type", l.typ),
		clientRequest: node("lib/_http_client.js", "ClientRequest", 134),
		setHeader:     node("lib/_http_outgoing.js", "OutgoingMessage.setHeader", 653),
		validateValue: node("lib/_http_outgoing.js", "validateHeaderValue", 629),
		validateName:  node("lib/_http_outgoing.js", "validateHeaderName", 623),
		store:         node("lib/_http_outgoing.js", "OutgoingMessage._storeHeader", 410),
	}
}

func profile(min, max, note string) *merge.Profile {
	f := factsFor(min)
	if min == "9" {
		f = factsFor("9.0.0")
	}
	c := citesAt(f.tag)
	at := func(fn func(*merge.State, *run, facts, cites)) func(*merge.State) {
		return func(s *merge.State) {
			if r := merge.Var[*run](s, "superagent"); r != nil {
				fn(s, r, factsFor(s.Version), c)
			}
		}
	}
	urlDoc := "withDefaultProtocol prefixes http:// to a URL that does not start with 'http', then new URL(): the request-target is pathname + search; URL userinfo (as written, percent-encoded) becomes auth(username, password)."
	if !f.whatwg {
		urlDoc = "A URL that does not start with 'http' gets http:// in front, then Node's legacy url.parse: the request-target is its path; its auth is decoded, split at ':' and given to auth(user, pass)."
	}
	headerDoc := "http.request(options) sets Host; superagent then sets Accept-Encoding: gzip, deflate (not for HEAD) and every key of request.header with setHeader, which keeps a name's first position and takes the last spelling and value."
	if f.optionsHeaders {
		headerDoc = "request.header goes to http.request as options.headers, which Node sets in order before it adds Host; then Accept-Encoding: gzip, deflate (not for HEAD) and every key again with setHeader, which keeps a name's first position and takes the last spelling and value."
	}
	setDoc := "set(name, value) stores the value under that spelling in request.header (a second spelling is a second key; the same spelling keeps its position) and under the lower-case name in request._header."
	if f.setMoves {
		setDoc = "set(name, value) first deletes every spelling of the name from request.header, then stores it under this spelling at the end, and under the lower-case name in request._header."
	}
	return &merge.Profile{
		Library:  "superagent",
		Min:      min,
		Max:      max,
		Verified: merge.Recorded,
		Runtime:  runtime,
		Note: note + " Cited as published on npm: lib/ is babel's build of src/ (each file carries its source map); the runner loads it with require. " +
			"Recorded on Node 20.20.2 with qs 6.17.1, which every release resolves.",
		Binding:  binding,
		Switches: switches(f),
		Rules: []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/js/runner.mjs", Func: "superagentCase", Tag: "mergeplay"},
				Doc:   "superagent has no base URL or cookies option; via, prefix and allowAbsoluteUrls have no binding; json and body share send(); the method is the agent's function of that name.",
				Apply: bindingRule},
			{Name: "agent-defaults", Cite: c.setDefaults, Also: []merge.Cite{c.set, c.auth, c.attachCookies, c.requestCtor},
				Doc: "agent[method](url) creates the Request and replays the agent's recorded set(headers), query(params) and auth(...) calls on it in order (_setDefaults); " + map[bool]string{
					true:  "before 10.2.2 the agent's query is the QUERY method, whose new Request(params) formats the object to a URL ('' for an object); ",
					false: ""}[f.queryMethod] + map[bool]string{
					true:  "_attachCookies then runs new URL(url) on the URL as given.",
					false: "_attachCookies then parses the URL with url.parse."}[f.whatwg],
				Apply: at(agentDefaults)},
			{Name: "request-calls", Cite: c.set, Also: []merge.Cite{c.query, c.reqAuth, c.auth, c.send, c.typ},
				Doc:   setDoc + " query(object) is Object.assign(request.qs, object); auth sets Authorization (Basic base64(`${user}:${pass}`), pass '' when not given, so auth(null) is 'null:'; or Bearer token); send(object) sets Content-Type application/json when request._header has none, send(string) application/x-www-form-urlencoded.",
				Apply: at(requestCalls)},
			{Name: "query-string", Cite: c.request, Also: []merge.Cite{c.finalize},
				Doc: "request() stringifies request.qs with qs (indices: false, strictNullHandling: true: a list repeats its key, null is the key alone, undefined is skipped) and _finalizeQueryString appends it to the URL string with '?' or '&' " + map[bool]string{
					true:  "before a #fragment.",
					false: "at the very end, so after a #fragment it is lost with the fragment."}[f.fragment],
				Apply: at(queryString)},
			{Name: "url", Cite: c.request, Doc: urlDoc, Apply: at(urlRule)},
			{Name: "node-headers", Cite: c.request, Also: []merge.Cite{c.clientRequest, c.setHeader, c.validateValue, c.validateName},
				Doc:   headerDoc + " setHeader throws on an undefined value or a character outside tab, 0x20–0x7e and 0x80–0xff; other values are sent as String(value), an array as one line per item.",
				Apply: at(nodeHeaders)},
			{Name: "body", Cite: c.end, Also: []merge.Cite{c.isJSON},
				Doc: "_end serializes a non-string body by the Content-Type Node holds: application/x-www-form-urlencoded with qs, application/json" + map[bool]string{true: ", application/csp-report", false: ""}[f.cspReport] +
					" and any /json or +json type with JSON.stringify; another type leaves it as it is. A truthy body sets Content-Length: Buffer.byteLength(body), which throws for anything but a string.",
				Apply: at(body)},
			{Name: "h1-write", Cite: c.store,
				Doc:   "Node's _storeHeader writes the headers in order, then Connection: close (superagent gives no agent) and, for a method with a body by default and no body, Content-Length: 0.",
				Apply: at(write)},
		},
	}
}

func switches(f facts) []merge.Switch {
	sw := []merge.Switch{
		{Name: "header-null", Value: "sent as 'null'"},
		{Name: "header-undefined", Value: "TypeError (Node setHeader)"},
		{Name: "header-false", Value: "sent as 'false'"},
		{Name: "base-url", Value: "none (superagent-prefix is a plugin)"},
		{Name: "url-query", Value: "params appended after the URL's own query; same key sent twice"},
		{Name: "param-null", Value: "key alone (strictNullHandling)"},
		{Name: "param-list", Value: "key repeated"},
		{Name: "string-body", Value: "content-type application/x-www-form-urlencoded"},
		{Name: "json-body", Value: "content-type application/json unless one is set"},
	}
	if f.queryMethod {
		sw = append(sw, merge.Switch{Name: "client-params", Value: map[bool]string{true: "TypeError: agent.query is the QUERY method", false: "dropped: agent.query is the QUERY method"}[f.whatwg]})
	} else {
		sw = append(sw, merge.Switch{Name: "client-params", Value: "merged by key, the request's over the client's"})
	}
	if f.setMoves {
		sw = append(sw, merge.Switch{Name: "request-headers", Value: "set over the client's by name (any casing); the request's spelling, at the end"})
	} else {
		sw = append(sw, merge.Switch{Name: "request-headers", Value: "set over the client's by name (any casing); the request's spelling, in the client's position"})
	}
	if f.optionsHeaders {
		sw = append(sw, merge.Switch{Name: "header-order", Value: "user headers, then Host, Accept-Encoding"})
	} else {
		sw = append(sw, merge.Switch{Name: "header-order", Value: "Host, Accept-Encoding, then user headers"})
	}
	return sw
}

// entry is one key of superagent's request.header, in insertion order.
type entry struct {
	name   string
	value  merge.Value
	source string
}

// run carries one request between the rules.
type run struct {
	method     string // upper-case, as the agent's function passes it
	url        string // request.url as superagent holds it
	header     []entry
	lower      map[string]merge.Value // request._header
	qs         []qsItem               // request.qs, in key order
	data       merge.Value            // request._data
	dataSrc    string
	u          *whatwg.URL
	legacyHost bool   // url.parse gave no host: Node connects to localhost
	urlAuth    string // Authorization from the URL's userinfo
	node       []nodeHeader
}

type qsItem struct {
	key    string
	value  merge.Value
	source string
}

// nodeHeader is one entry of Node's OutgoingMessage header map.
type nodeHeader struct {
	name   string
	value  merge.Value
	source string
}

// agentFuncs are the agent's request functions on Node 20.20.2: one per name of http.METHODS
// (the methods package), lower-cased; QUERY is skipped from 10.2.2 and is query() before.
var agentFuncs = []string{"ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LINK", "LOCK", "M-SEARCH", "MERGE",
	"MKACTIVITY", "MKCALENDAR", "MKCOL", "MOVE", "NOTIFY", "OPTIONS", "PATCH", "POST", "PROPFIND", "PROPPATCH", "PURGE", "PUT",
	"REBIND", "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "TRACE", "UNBIND", "UNLINK", "UNLOCK", "UNSUBSCRIBE"}

func bindingRule(s *merge.State) {
	c, r := s.Client(), s.Request()
	switch {
	case r.Via.Present():
		s.Unsupported("request.via has no meaning for superagent in the JS runner.")
	case c.Prefix.Present():
		s.Unsupported("client.prefix has no binding for superagent@%s in the JS runner.", s.Version)
	case c.AllowAbsoluteURLs.Present():
		s.Unsupported("client.allowAbsoluteUrls has no binding for superagent@%s in the JS runner.", s.Version)
	case r.AllowAbsoluteURLs.Present():
		s.Unsupported("request.allowAbsoluteUrls has no binding for superagent@%s in the JS runner.", s.Version)
	case c.BaseURL.Present():
		s.Unsupported("superagent has no base URL option (the superagent-prefix plugin is a separate package).")
	case c.Cookies.Present() || r.Cookies.Present():
		s.Unsupported("superagent has no cookies option: its jar holds Set-Cookie answers, and a Cookie header goes through set().")
	case r.JSON.Present() && r.Body.Present():
		s.Unsupported("superagent has one body, send(); json and body cannot both be given.")
	}
	if s.Done() {
		return
	}
	method := "GET"
	if r.Method.Present() {
		if r.Method.Kind != merge.String || !validMethodName(r.Method.Text) {
			s.Unsupported("request.method must be an HTTP method name for superagent.")
			return
		}
		method = r.Method.Text
	}
	up := strings.ToUpper(method)
	if !slices.Contains(agentFuncs, up) {
		s.Unsupported("superagent's agent has no %s() method (one per Node http.METHODS name but QUERY).", strings.ToLower(method))
		return
	}
	run := &run{method: up, lower: map[string]merge.Value{}}
	if r.URL.Present() {
		run.url = r.URL.Text
	}
	s.Vars["superagent"] = run
}

func validMethodName(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range m {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
			return false
		}
	}
	return true
}

// set is RequestBase.prototype.set for one name.
func (r *run) set(name string, v merge.Value, src string, f facts) {
	lname := strings.ToLower(name)
	if f.setMoves {
		r.header = slices.DeleteFunc(r.header, func(e entry) bool { return strings.ToLower(e.name) == lname })
		r.header = append(r.header, entry{name, v, src})
	} else if i := slices.IndexFunc(r.header, func(e entry) bool { return e.name == name }); i >= 0 {
		r.header[i] = entry{name, v, src}
	} else {
		r.header = append(r.header, entry{name, v, src})
	}
	r.lower[lname] = v
}

// setAll is set(object) (each own key, in JS order), or the TypeError set(field) raises on a
// value that is not an object.
func setAll(s *merge.State, r *run, v merge.Value, src string, f facts, c cites) bool {
	switch v.Kind {
	case merge.Object:
		for _, fl := range js.Ordered(v).Fields {
			if old, ok := r.lower[strings.ToLower(fl.Key)]; ok && src == merge.SourceRequest {
				s.ExplainAt(c.set, merge.FieldName(fl.Key), js.String(old), merge.SourceClient, merge.ActionOverride, "request "+fl.Key+" replaces it (set: the same name in any casing)")
			}
			r.set(fl.Key, fl.Value, src, f)
		}
		return true
	case merge.Null, merge.Undefined:
		s.RaiseAt(c.set, "TypeError", "Cannot read properties of %s (reading 'toLowerCase')", v.Kind)
	default:
		s.RaiseAt(c.set, "TypeError", "field.toLowerCase is not a function")
	}
	return false
}

// authArgs is what the runner passes to auth(): (user[, pass]) or (token, {type: 'bearer'}).
func authSet(s *merge.State, r *run, a merge.Value, src string, f facts, c cites) {
	// Template strings: auth(null) is 'null:', a missing username 'undefined'.
	text := func(v merge.Value) string {
		if !v.Present() {
			return "undefined"
		}
		return js.String(v)
	}
	var value string
	switch t := a.Get("bearer"); {
	case a.Kind != merge.Object:
		value = "Basic " + base64.StdEncoding.EncodeToString(js.UTF8(text(a)+":"))
	case t.Present():
		value = "Bearer " + text(t)
	default:
		user, pass := text(a.Get("username")), ""
		if p := a.Get("password"); p.Present() {
			pass = text(p)
		}
		value = "Basic " + base64.StdEncoding.EncodeToString(js.UTF8(user+":"+pass))
	}
	if old, ok := r.lower["authorization"]; ok {
		s.ExplainAt(c.auth, merge.FieldName("Authorization"), js.String(old), merge.SourceClient, merge.ActionOverride, src+" auth() sets Authorization over it")
	}
	r.set("Authorization", merge.Value{Kind: merge.String, Text: value}, merge.SourceAuth, f)
	s.ExplainAt(c.auth, merge.FieldName("Authorization"), value, merge.SourceAuth, merge.ActionSet, src+" auth(): set('Authorization', …)")
}

// assign is Object.assign(request.qs, params).
func (r *run) assign(v merge.Value, src string) {
	if v.Kind != merge.Object {
		return // Object.assign(qs, null | undefined) copies nothing
	}
	for _, fl := range js.Ordered(v).Fields {
		if i := slices.IndexFunc(r.qs, func(q qsItem) bool { return q.key == fl.Key }); i >= 0 {
			r.qs[i].value, r.qs[i].source = fl.Value, src
			continue
		}
		r.qs = append(r.qs, qsItem{fl.Key, fl.Value, src})
	}
}

func agentDefaults(s *merge.State, r *run, f facts, c cites) {
	cl := s.Client()
	if cl.Params.Present() && f.queryMethod {
		// agent.query(params) is agent.QUERY(url = params): new Request formats it as a URL.
		if cl.Params.Kind != merge.Object {
			s.RaiseAt(c.requestCtor, "TypeError", "The \"urlObject\" argument must be one of type object or string. Received %s", cl.Params.Kind)
			return
		}
		if f.whatwg {
			s.RaiseAt(c.attachCookies, "TypeError", "Invalid URL")
			return
		}
		s.ExplainAt(c.requestCtor, "query", "", merge.SourceClient, merge.ActionIgnore, "agent.query(params) is the QUERY method here: it makes a request to url.format(params) = '' that is never sent, and records no default")
	}
	if cl.Headers.Present() && !setAll(s, r, cl.Headers, merge.SourceClient, f, c) {
		return
	}
	if cl.Params.Present() && !f.queryMethod {
		r.assign(cl.Params, merge.SourceClient)
	}
	if cl.Auth.Present() {
		authSet(s, r, cl.Auth, "the agent's", f, c)
	}
	if f.whatwg {
		if _, err := whatwg.Parse(r.url, nil); err != nil {
			s.RaiseAt(c.attachCookies, "TypeError", "Invalid URL")
		}
	}
}

func requestCalls(s *merge.State, r *run, f facts, c cites) {
	rq := s.Request()
	if rq.Headers.Present() && !setAll(s, r, rq.Headers, merge.SourceRequest, f, c) {
		return
	}
	if rq.Params.Present() {
		for _, fl := range rq.Params.Fields {
			if i := slices.IndexFunc(r.qs, func(q qsItem) bool { return q.key == fl.Key }); i >= 0 {
				s.ExplainAt(c.query, merge.QueryField(fl.Key), js.String(r.qs[i].value), merge.SourceClient, merge.ActionOverride, "the request's query() assigns this key over the client's (Object.assign)")
			}
		}
		r.assign(rq.Params, merge.SourceRequest)
	}
	if rq.Auth.Present() {
		authSet(s, r, rq.Auth, "the request's", f, c)
	}
	v, src := rq.JSON, merge.SourceRequest
	if !v.Present() {
		v = rq.Body
	}
	if !v.Present() {
		return
	}
	r.data, r.dataSrc = v, src
	ct, hasCT := r.lower["content-type"]
	switch v.Kind {
	case merge.Object, merge.Array:
		if !hasCT || !js.FromValue(ct).Truthy() {
			r.set("Content-Type", merge.Value{Kind: merge.String, Text: "application/json"}, merge.SourceDefault, f)
			s.ExplainAt(c.send, merge.FieldName("Content-Type"), "application/json", merge.SourceDefault, merge.ActionSet, "send(object) with no Content-Type: type('json')")
		}
	case merge.String:
		if !hasCT || !js.FromValue(ct).Truthy() {
			r.set("Content-Type", merge.Value{Kind: merge.String, Text: "application/x-www-form-urlencoded"}, merge.SourceDefault, f)
			s.ExplainAt(c.send, merge.FieldName("Content-Type"), "application/x-www-form-urlencoded", merge.SourceDefault, merge.ActionSet, "send(string) with no Content-Type: type('form')")
		}
	}
}

func queryString(s *merge.State, r *run, f facts, c cites) {
	var pairs []pair
	for _, q := range r.qs {
		pairs = append(pairs, qsPairs(merge.Value{Kind: merge.Object, Fields: []merge.Field{{Key: q.key, Value: q.value}}}, q.source, qsOptions{repeat: true, strictNull: true})...)
	}
	u, frag := r.url, ""
	if f.fragment {
		if i := strings.IndexByte(u, '#'); i >= 0 {
			u, frag = u[:i], u[i:]
		}
	}
	lost := !f.fragment && strings.Contains(u, "#")
	// The URL's own query, as written, is kept.
	if i := strings.IndexByte(u, '?'); i >= 0 && !strings.Contains(u[:i], "#") {
		own := u[i+1:]
		if j := strings.IndexByte(own, '#'); j >= 0 {
			own = own[:j]
		}
		for _, p := range strings.Split(own, "&") {
			if p == "" && (len(pairs) == 0 || lost) {
				continue // an empty query is not sent (URL.search is '')
			}
			k, _, _ := strings.Cut(p, "=")
			k, _ = js.DecodeURIComponent(strings.ReplaceAll(k, "+", " "))
			s.ExplainAt(c.finalize, merge.QueryField(k), p, merge.SourceURL, merge.ActionKeep, "the URL's own query, kept as written")
		}
	}
	if len(pairs) > 0 {
		for _, p := range pairs {
			act, note := merge.ActionSet, map[string]string{merge.SourceClient: "the agent's query()", merge.SourceRequest: "the request's query()"}[p.source]
			if lost {
				act, note = merge.ActionIgnore, note+": appended after the #fragment, so it is never sent"
			}
			s.ExplainAt(c.finalize, merge.QueryField(p.key), p.value, p.source, act, note)
		}
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u += sep + qsString(pairs)
	}
	r.url = u + frag
}

func urlRule(s *merge.State, r *run, f facts, c cites) {
	in := r.url
	if !strings.HasPrefix(in, "http") {
		in = "http://" + in
	}
	u, err := whatwg.Parse(in, nil)
	if err != nil {
		s.Raise("TypeError", "Invalid URL")
		return
	}
	if !f.whatwg && u.Host == "" {
		r.legacyHost = true
	}
	r.u = u
	s.Explain("url", u.Href(), merge.SourceRequest, merge.ActionSet, "the URL superagent sends to")
	if u.Username == "" && u.Password == "" {
		return
	}
	user, pass := u.Username, u.Password
	if !f.whatwg {
		// url.parse decodes the userinfo; superagent splits it at ':' (a second ':' and what follows are dropped).
		auth, _ := js.DecodeURIComponent(u.Username + ":" + u.Password)
		if u.Password == "" {
			auth, _ = js.DecodeURIComponent(u.Username)
		}
		parts := strings.Split(auth, ":")
		user, pass = parts[0], "undefined"
		if len(parts) > 1 {
			pass = parts[1]
		}
	}
	// request() calls auth() with it once the ClientRequest exists: after options.headers (10.4.0+).
	r.urlAuth = "Basic " + base64.StdEncoding.EncodeToString(js.UTF8(user+":"+pass))
}

// setHeader is OutgoingMessage.prototype.setHeader: false when it throws.
func setHeader(s *merge.State, r *run, name string, v merge.Value, src string, c cites) bool {
	if !token(name) {
		s.RaiseAt(c.validateName, "TypeError", "Header name must be a valid HTTP token [\"%s\"]", name)
		return false
	}
	if v.Kind == merge.Undefined {
		s.RaiseAt(c.validateValue, "TypeError", "Invalid value \"undefined\" for header \"%s\"", name)
		return false
	}
	if nodehttp.InvalidHeaderChar(headerText(v)) {
		s.RaiseAt(c.validateValue, "TypeError", "Invalid character in header content [\"%s\"]", name)
		return false
	}
	if i := slices.IndexFunc(r.node, func(h nodeHeader) bool { return strings.EqualFold(h.name, name) }); i >= 0 {
		r.node[i] = nodeHeader{name, v, src}
		return true
	}
	r.node = append(r.node, nodeHeader{name, v, src})
	return true
}

// headerText is String(value), which checkInvalidHeaderChar tests (an array joined with ',').
func headerText(v merge.Value) string {
	if v.Kind == merge.Array {
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			parts[i] = js.String(it)
		}
		return strings.Join(parts, ",")
	}
	return js.String(v)
}

func token(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", ch) >= 0) {
			return false
		}
	}
	return true
}

func nodeHeaders(s *merge.State, r *run, f facts, c cites) {
	if f.optionsHeaders {
		for _, e := range r.header {
			if !setHeader(s, r, e.name, e.value, e.source, c) {
				return
			}
		}
	}
	if !slices.ContainsFunc(r.node, func(h nodeHeader) bool { return strings.EqualFold(h.name, "host") }) {
		host := r.u.HostPort()
		if r.legacyHost {
			host = "localhost"
		}
		r.node = append(r.node, nodeHeader{"Host", merge.Value{Kind: merge.String, Text: host}, merge.SourceTransport})
	}
	if r.method != "HEAD" {
		setHeader(s, r, "Accept-Encoding", merge.Value{Kind: merge.String, Text: "gzip, deflate"}, merge.SourceDefault, c)
	}
	if r.urlAuth != "" {
		if old, ok := r.lower["authorization"]; ok {
			s.ExplainAt(c.request, merge.FieldName("Authorization"), js.String(old), merge.SourceRequest, merge.ActionOverride, "the URL's userinfo is given to auth() after every other call")
		}
		r.set("Authorization", merge.Value{Kind: merge.String, Text: r.urlAuth}, merge.SourceURL, f)
		s.ExplainAt(c.request, merge.FieldName("Authorization"), r.urlAuth, merge.SourceURL, merge.ActionSet, "auth(username, password) from the URL's userinfo")
	}
	for _, e := range r.header {
		if !setHeader(s, r, e.name, e.value, e.source, c) {
			return
		}
	}
}

func body(s *merge.State, r *run, f facts, c cites) {
	if r.method == "HEAD" || !r.data.Present() {
		return
	}
	data := r.data
	if data.Kind != merge.String {
		ctv := merge.Value{}
		if i := slices.IndexFunc(r.node, func(h nodeHeader) bool { return strings.EqualFold(h.name, "content-type") }); i >= 0 {
			ctv = r.node[i].value
		}
		ct := ""
		if js.FromValue(ctv).Truthy() {
			if ctv.Kind != merge.String {
				s.Raise("TypeError", "contentType.split is not a function")
				return
			}
			ct, _, _ = strings.Cut(ctv.Text, ";")
		}
		switch {
		case ct == "application/x-www-form-urlencoded":
			text := qsString(qsPairs(data, r.dataSrc, qsOptions{repeat: f.formRepeat, strictNull: f.formRepeat}))
			data = merge.Value{Kind: merge.String, Text: text}
			s.Explain("body", text, r.dataSrc, merge.ActionSet, "serialize['application/x-www-form-urlencoded']: qs.stringify(body)")
		case ct == "application/json" || f.cspReport && ct == "application/csp-report" || isJSON(ct):
			text := jsontext.Encode(js.Ordered(data), jsontext.JS)
			data = merge.Value{Kind: merge.String, Text: text}
			s.Explain("body", text, r.dataSrc, merge.ActionSet, "JSON.stringify(body) (fast-safe-stringify), for Content-Type "+ct)
		}
	}
	r.data = data
	if !js.FromValue(data).Truthy() {
		return
	}
	if data.Kind != merge.String {
		what := "an instance of Object"
		switch data.Kind {
		case merge.Array:
			what = "an instance of Array"
		case merge.Number, merge.Bool:
			what = fmt.Sprintf("type %s (%s)", data.Kind, js.String(data))
		}
		s.Raise("TypeError", "The \"string\" argument must be of type string or an instance of Buffer or ArrayBuffer. Received %s", what)
		return
	}
	if data.Kind == merge.String && r.data.Text != "" && !s.Explained("body") {
		s.Explain("body", data.Text, r.dataSrc, merge.ActionSet, "a string body is sent as it is")
	}
	if slices.ContainsFunc(r.node, func(h nodeHeader) bool { return strings.EqualFold(h.name, "content-length") }) {
		return
	}
	n := strconv.Itoa(len(js.UTF8(data.Text)))
	r.node = append(r.node, nodeHeader{"Content-Length", merge.Value{Kind: merge.String, Text: n}, merge.SourceDefault})
}

// isJSON is superagent's test for a JSON media type: /json or +json, not /json-seq.
func isJSON(mime string) bool {
	m := strings.ToLower(mime)
	for _, p := range []string{"/json", "+json"} {
		for i := strings.Index(m, p); i >= 0; {
			end := i + len(p)
			if end == len(m) {
				return true
			}
			ch := m[end]
			if !(ch == '-' || ch == '_' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9') {
				return true
			}
			j := strings.Index(m[end:], p)
			if j < 0 {
				break
			}
			i = end + j
		}
	}
	return false
}

func write(s *merge.State, r *run, f facts, c cites) {
	has := func(name string) bool {
		return slices.ContainsFunc(r.node, func(h nodeHeader) bool { return strings.EqualFold(h.name, name) })
	}
	hasBody := r.data.Kind == merge.String && r.data.Text != ""
	if !has("connection") {
		r.node = append(r.node, nodeHeader{"Connection", merge.Value{Kind: merge.String, Text: "close"}, merge.SourceTransport})
	}
	if !has("content-length") && !has("transfer-encoding") && !hasBody && nodehttp.ChunkedByDefault(r.method) {
		r.node = append(r.node, nodeHeader{"Content-Length", merge.Value{Kind: merge.String, Text: "0"}, merge.SourceTransport})
	}
	s.Method = r.method
	s.Headers = nil
	for _, h := range r.node {
		items := []merge.Value{h.value}
		if h.value.Kind == merge.Array {
			items = h.value.Items
		}
		for _, it := range items {
			v := js.String(it)
			s.AddHeader(h.name, v, h.source)
			note := map[string]string{
				merge.SourceTransport: "added by Node's http module",
				merge.SourceDefault:   "set by superagent",
				merge.SourceURL:       "from the URL's userinfo",
				merge.SourceAuth:      "from auth()",
			}[h.source]
			if note == "" {
				note = "from request.header, in Node's header order"
			}
			s.Explain(merge.FieldName(h.name), v, h.source, merge.ActionSet, note)
		}
	}
	if hasBody {
		s.Body = js.UTF8(r.data.Text)
	} else {
		s.Explain("body", "", merge.SourceDefault, merge.ActionSet, "no body")
	}
	href := *r.u
	href.Username, href.Password = "", ""
	href.HasFrag, href.Fragment = false, ""
	s.URL = href.Href()
	s.Target = r.u.Path + r.u.Search()
	if r.legacyHost {
		s.Target = "/"
	}
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way JavaScript does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("js", recordedReleases.Apply(profiles()...)...)
})
