package axios

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/nodehttp"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// axios 0.x and 1.x. Both are recorded under Node 20 with the default http
// adapter (through follow-redirects), so the wire also carries what Node's
// http.ClientRequest adds: Host, Authorization from the auth option,
// Connection and a Content-Length for an empty body.

func profiles() []*merge.Profile {
	return []*merge.Profile{
		profile("0.27.2", "0.27.0", "1.0.0", "The rules were read at 0.27.2 (lib/defaults/index.js with the post/put/patch "+
			"Content-Type buckets, lib/core/mergeConfig.js, lib/adapters/http.js with url.parse and follow-redirects, helpers/buildURL.js "+
			"keeping [ and ]); earlier 0.x releases differ (e.g. 0.21 merged headers with a fixed key list) and are not claimed. "+
			"Every release 0.27.0–0.35.0 was recorded and is modelled; two boundaries: 0.28.0–0.28.1 send a null param as a= "+
			"(toFormData params, #4734; nulls skipped again by #6394 in 0.29.0); from 0.31.0 dispatchRequest strips header value "+
			"characters Node rejects (a lone surrogate) instead of failing with Node's TypeError (sanitizeHeaderValue, #10688)."),
		profile("1.21.1", "1.0.0", "2.0.0", "The rules were read at 1.21.1 (AxiosHeaders with false/null suppression, "+
			"caseless header merge, WHATWG URL parsing in the http adapter, allowAbsoluteUrls, CVE-2025-27152). Every release "+
			"1.0.0–1.21.1 was recorded; where older releases differ, libs/axios/facts.go switches by version, each boundary cited: "+
			"Accept-Encoding without compress before 1.2.1 (#5306); null params as a= before 1.1.3 (#5108); array header values "+
			"joined before 1.1.3 (#5085); 1.0.0 re-serialises the URL's query without its ? (#5018, 1.1.0); 1.1.0 cannot be used "+
			"through require('axios') (no create: #5030, reverted in 1.1.1), answered with the TypeError recorded; 1.3.1 never "+
			"settles a request whose URL does not parse (recorded as Unsettled); 1.3.2–1.7.3 resolve a relative URL against "+
			"http://localhost (#5528; #6539 in 1.7.4); allowAbsoluteUrls from 1.8.0, ignored by the http adapter until 1.8.2; "+
			"1.8.2–1.8.3 throw a TypeError for allowAbsoluteUrls: false without a baseURL (combineURLs(undefined, url), axios#6832; #6833 in 1.8.4); "+
			"[ and ] kept in params before 1.12.0; URL userinfo Basic-encoded percent-encoded before 1.16.0; 1.0.0–1.1.3's AxiosHeaders "+
			"(before #5224, 1.2.0) keep the defaults apart and lay the own headers over them case-sensitively (a lower-case content-type "+
			"keeps its spelling) and let a header set to undefined suppress the default (User-Agent); 1.3.1–1.3.3 never settle what the "+
			"adapter throws (#5521, fixed by #5564 in 1.3.4); a header value with a character Node rejects (a lone surrogate) fails with "+
			"Node's TypeError before 1.15.1, which strips it (#10687); a param with a lone surrogate rejects with Error 'URI malformed' "+
			"before 1.18.1, URIError from it (AxiosError.from in the http adapter).").StartingAt(merge.Boundary{
			Ref: "axios/axios#4787", URL: "https://github.com/axios/axios/pull/4787",
			Doc: "the ES2017 rewrite for 1.0.0 brought AxiosHeaders (header names merge case-insensitively, false and null suppress a header); " +
				"in the same release the http adapter parses URLs with WHATWG URL instead of url.parse (#4852)"}),
	}
}

// facts are the version facts the shared axios rules branch on. The profile's rules are
// built from the facts of the release they cite (v1); the others are read per request from
// the version asked for (versionFacts in facts.go).
type facts struct {
	v1 bool // axios 1.x: AxiosHeaders, caseless merge, WHATWG URL, toFormData params
}

func factsFor(tag string) facts {
	return facts{v1: merge.CompareVersions(tag, "1.0.0") >= 0}
}

func cite(tag, file, fn string, line int) merge.Cite {
	u := "https://github.com/axios/axios/blob/v" + tag + "/" + file
	if line > 0 {
		u += "#L" + strconv.Itoa(line)
	}
	return merge.Cite{File: file, Func: fn, Tag: "v" + tag, URL: u}
}

func profile(tag, min, max, note string) *merge.Profile {
	f := factsFor(tag)
	p := &merge.Profile{
		Library:  "axios",
		Min:      min,
		Max:      max,
		Verified: merge.Recorded,
		Runtime:  "Node v20.20.2, http adapter via follow-redirects 1.16.3",
		Note:     note,
		Binding:  "axios.create(client) then instance.request(request): base_url→baseURL, headers, params, auth, json/body→data" + map[bool]string{true: ", allowAbsoluteUrls", false: ""}[f.v1] + "; cookies, bearer auth and via are unsupported (conformance/runners/js/BINDING.md).",
	}
	if f.v1 {
		p.Switches = []merge.Switch{
			{Name: "header-names", Value: "case-insensitive, first spelling kept"},
			{Name: "header-null", Value: "removes (also library defaults)"},
			{Name: "header-false", Value: "removes (also library defaults)"},
			{Name: "header-undefined", Value: "removes the client value; library defaults return"},
			{Name: "auth-null", Value: "disables client auth"},
			{Name: "auth-merge", Value: "deep merge of {username, password}"},
			{Name: "url-join", Value: "strip trailing / of base, add one /"},
			{Name: "absolute-url", Value: "escapes base unless allowAbsoluteUrls: false"},
			{Name: "url-query", Value: "append with &"},
			{Name: "param-list", Value: "key[]=a&key[]=b (brackets escaped)"},
			{Name: "param-null", Value: "skipped"},
			{Name: "string-data", Value: "sent as is, form-urlencoded"},
		}
	} else {
		p.Switches = []merge.Switch{
			{Name: "header-names", Value: "case-sensitive merge; Node keeps the last spelling"},
			{Name: "header-null", Value: "sent as 'null'"},
			{Name: "header-false", Value: "sent as 'false'"},
			{Name: "header-undefined", Value: "TypeError from Node"},
			{Name: "auth-null", Value: "disables client auth"},
			{Name: "auth-merge", Value: "deep merge of {username, password}"},
			{Name: "url-join", Value: "strip trailing / of base, add one /"},
			{Name: "absolute-url", Value: "escapes base"},
			{Name: "url-query", Value: "append with & (url.parse, no normalisation)"},
			{Name: "param-list", Value: "key[]=a&key[]=b (brackets kept)"},
			{Name: "param-null", Value: "skipped"},
			{Name: "string-data", Value: "sent as is, form-urlencoded"},
		}
	}
	c := func(file, fn string, line int) merge.Cite { return cite(tag, file, fn, line) }
	nodeAt := func(file, fn string, line int) merge.Cite {
		return merge.Cite{File: file, Func: fn, Tag: "v20.20.2", URL: fmt.Sprintf("https://github.com/nodejs/node/blob/v20.20.2/%s#L%d", file, line)}
	}
	node := nodeAt("lib/_http_client.js", "ClientRequest", 134)
	nc := nodeCites{storeHeader: nodeAt("lib/_http_outgoing.js", "OutgoingMessage._storeHeader", 410),
		validateValue: nodeAt("lib/_http_outgoing.js", "validateHeaderValue", 629)}
	ln := func(v0, v1 int) int {
		if f.v1 {
			return v1
		}
		return v0
	}
	// The http adapter's work is in dispatchHttpRequest, the promise body inside httpAdapter.
	adapterAt := func(line int) merge.Cite { return c("lib/adapters/http.js", "dispatchHttpRequest", line) }
	dataRaise := adapterAt(ln(101, 967))
	urlAt := adapterAt(ln(133, 830)) // v0: url.parse, protocol, userinfo, auth; v1: new URL(fullPath)
	nodeRule := merge.Rule{Name: "node-http", Cite: node, Also: []merge.Cite{nc.storeHeader, nc.validateValue}, Apply: nodeCite(f, nc)}
	if f.v1 {
		p.Rules = []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/js/runner.mjs", Func: "axiosCase", Tag: "mergeplay"},
				Doc: "The scenario maps onto axios.create(C) and instance.request(R); cookies, bearer auth, json+body and via are unsupported.", Apply: binding(f, urlAt, dataRaise)},
			{Name: "mergeConfig", Cite: c("lib/core/mergeConfig.js", "mergeConfig", 199),
				Doc: "axios.create merges the client into axios.defaults, request() merges the request into that: headers and auth deep-merge (headers caselessly), params key by key, url/method/data come from the request only.", Apply: mergeConfig(f)},
			{Name: "flatten-headers", Cite: c("lib/core/Axios.js", "Axios._request", 125),
				Doc: "headers.common and headers[method] are merged first, the method buckets are deleted, and the rest is set over them into an AxiosHeaders (case-insensitive; a false value locks the name).", Apply: v1Flatten},
			{Name: "transformRequest", Cite: c("lib/defaults/index.js", "transformRequest", 45),
				Doc: "A plain object or array is JSON.stringify'd with Content-Type: application/json unless one is set; a string is sent as is; urlencoded Content-Type serialises objects as a form.", Apply: transform(f)},
			{Name: "default-content-type", Cite: c("lib/core/dispatchRequest.js", "dispatchRequest", 80),
				Doc: "post, put and patch get Content-Type: application/x-www-form-urlencoded unless the header exists (null/false keep it suppressed).", Apply: v1FormType},
			{Name: "buildFullPath", Cite: c("lib/core/buildFullPath.js", "buildFullPath", 68), Also: []merge.Cite{urlAt},
				Doc: "A relative url (or any url with allowAbsoluteUrls: false) is joined to baseURL with trailing slashes of the base and leading slashes of the url collapsed to one; the result is parsed with new URL().", Apply: v1URL},
			{Name: "adapter-headers", Cite: adapterAt(674), Also: []merge.Cite{dataRaise},
				Doc: "The http adapter adds User-Agent: axios/<version> unless the name exists, Content-Length for a string body, drops Authorization when auth is given, and adds Accept-Encoding.", Apply: v1Adapter},
			{Name: "buildURL", Cite: c("lib/helpers/buildURL.js", "buildURL", 31),
				Doc: "params are serialised with toFormData (lists as key[]) and encodeURIComponent (then ':', '$', ',' restored and space as '+'), appended to the URL's query with '&'; the fragment is dropped. encodeURIComponent throws URIError 'URI malformed' on a lone surrogate.", Apply: params(f)},
			withDoc(nodeRule, "Node's ClientRequest sets the headers in order, adds Host and Authorization (from auth), then _storeHeader adds Connection: keep-alive and, for methods with a body by default, Content-Length: 0."),
		}
	} else {
		p.Rules = []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/js/runner.mjs", Func: "axiosCase", Tag: "mergeplay"},
				Doc: "The scenario maps onto axios.create(C) and instance.request(R); cookies, bearer auth, json+body, allowAbsoluteUrls and via are unsupported.", Apply: binding(f, urlAt, dataRaise)},
			{Name: "mergeConfig", Cite: c("lib/core/mergeConfig.js", "mergeConfig", 13),
				Doc: "axios.create merges the client into axios.defaults, request() merges the request into that: headers and auth deep-merge case-sensitively, params key by key, url/method/data come from the request only.", Apply: mergeConfig(f)},
			{Name: "transformRequest", Cite: c("lib/defaults/index.js", "transformRequest", 52),
				Doc: "Accept and Content-Type spellings are normalised at the top level; a plain object or array is JSON.stringify'd with Content-Type: application/json unless one is set; a string is sent as is.", Apply: transform(f)},
			{Name: "flatten-headers", Cite: c("lib/core/dispatchRequest.js", "dispatchRequest", 28),
				Doc: "headers.common, headers[method] (post/put/patch carry Content-Type: application/x-www-form-urlencoded) and the rest are merged case-sensitively, then the buckets are deleted.", Apply: v0Flatten},
			{Name: "adapter-headers", Cite: c("lib/adapters/http.js", "httpAdapter", 48), Also: []merge.Cite{dataRaise},
				Doc: "User-Agent: axios/<version> unless a user-agent exists (a falsy one is deleted), Content-Length for a string body, and the last-spelled Authorization is dropped when auth is given.", Apply: v0Adapter},
			{Name: "buildFullPath", Cite: c("lib/core/buildFullPath.js", "buildFullPath", 15), Also: []merge.Cite{urlAt},
				Doc: "A relative url is joined to baseURL (trailing slashes of the base and leading slashes of the url collapsed to one) and parsed with Node's legacy url.parse: no dot-segment removal, the query kept as written.", Apply: v0URL},
			{Name: "buildURL", Cite: c("lib/helpers/buildURL.js", "buildURL", 22),
				Doc: "params are serialised key=value (lists as key[], '[' and ']' kept) with encodeURIComponent, appended to the URL's query with '&'. A lone surrogate makes encodeURIComponent throw, and the http adapter rejects with new Error('URI malformed').", Apply: params(f)},
			withDoc(nodeRule, "Node's ClientRequest validates and sets the headers in order (a name set twice keeps its position and the last spelling), adds Host and Authorization (from auth), then _storeHeader adds Connection: keep-alive and, for methods with a body by default, Content-Length: 0."),
		}
	}
	return p
}

// withDoc is r with its Doc, for a rule both majors share.
func withDoc(r merge.Rule, doc string) merge.Rule {
	r.Doc = doc
	return r
}

// nodeCites are the places in Node's http module the node-http rule's steps point at.
type nodeCites struct{ storeHeader, validateValue merge.Cite }

// run is the request axios is building, carried between rules.
type run struct {
	f         facts
	vf        vfacts          // the facts of the release asked for
	explained map[string]bool // lower-case header names whose value an axios rule explained
	urlAt     merge.Cite      // where the adapter parses the URL (Also of buildFullPath)
	dataAt    merge.Cite      // where the adapter rejects the transformed data
	headers   js.Value        // the merged header tree, then the flat AxiosHeaders / object
	flat      *js.Object
	defaults  *js.Object // before 1.2.0: AxiosHeaders' $defaults (common + method bucket), kept apart from flat
	params    js.Value
	auth      js.Value
	baseURL   js.Value
	url       js.Value
	allowAbs  js.Value
	method    string // lower-case
	data      js.Value
	body      []byte
	hasBody   bool
	authStr   string
	hasAuth   bool
	authFrom  string
	path      string
	hostname  string
	port      string
	defPort   string
	fullPath  string
	hdrSource map[string]string // lower-case name -> trace source
}

func runOf(s *merge.State) *run { return merge.Var[*run](s, "axios") }

func binding(f facts, urlAt, dataAt merge.Cite) func(*merge.State) {
	return func(s *merge.State) {
		id := "axios@" + s.Version
		c, r := s.Client(), s.Request()
		if r.Via.Present() {
			s.Unsupported("request.via has no meaning for axios in the JS runner.")
			return
		}
		if c.Prefix.Present() {
			s.Unsupported("client.prefix has no binding for %s in the JS runner.", id)
			return
		}
		vf := versionFacts(s.Version)
		if vf.noAllowAbs && c.AllowAbsoluteURLs.Present() {
			s.Unsupported("client.allowAbsoluteUrls has no binding for %s in the JS runner.", id)
			return
		}
		if vf.noAllowAbs && r.AllowAbsoluteURLs.Present() {
			s.Unsupported("request.allowAbsoluteUrls has no binding for %s in the JS runner.", id)
			return
		}
		if c.Cookies.Present() || r.Cookies.Present() {
			s.Unsupported("axios has no cookies option (Node adapter has no cookie jar).")
			return
		}
		for _, a := range []merge.Value{c.Auth, r.Auth} {
			if a.Kind == merge.Object && a.Get("bearer").Present() {
				s.Unsupported("axios auth is Basic only; it has no bearer-token option.")
				return
			}
		}
		if r.JSON.Present() && r.Body.Present() {
			s.Unsupported("axios has a single data option; json and body cannot both be given.")
			return
		}
		if vf.noCreate {
			s.Warn("axios@%s: recorded as broken: require('axios') of this release has no create(), so every request through axios.create fails (fixed in 1.1.1)", s.Version)
			s.Raise("TypeError", "axios.create is not a function")
			return
		}
		s.Vars["axios"] = &run{f: f, vf: vf, hdrSource: map[string]string{}, explained: map[string]bool{}, urlAt: urlAt, dataAt: dataAt}
	}
}

// defaultHeaders is axios.defaults.headers: common Accept (from 1.2.0 also a
// Content-Type: undefined placeholder) and one bucket per method. Before 1.2.0 (0.x and
// 1.0.0–1.1.3, lib/defaults/index.js) the post, put and patch buckets carry
// Content-Type: application/x-www-form-urlencoded.
func defaultHeaders(modern bool) *js.Object {
	o := &js.Object{}
	common := &js.Object{}
	common.Set("Accept", js.Value{V: merge.Value{Kind: merge.String, Text: "application/json, text/plain, */*"}})
	if modern {
		common.Set("Content-Type", js.Undefined())
	}
	o.Set("common", js.Value{Obj: common})
	if modern {
		for _, m := range []string{"get", "delete", "head", "options", "post", "put", "patch", "purge", "link", "unlink", "query"} {
			o.Set(m, js.Value{Obj: &js.Object{}})
		}
		return o
	}
	for _, m := range []string{"delete", "get", "head"} {
		o.Set(m, js.Value{Obj: &js.Object{}})
	}
	for _, m := range []string{"post", "put", "patch"} {
		b := &js.Object{}
		b.Set("Content-Type", js.Value{V: merge.Value{Kind: merge.String, Text: "application/x-www-form-urlencoded"}})
		o.Set(m, js.Value{Obj: b})
	}
	return o
}

// side reads a scenario field as the JS value the runner passes (absent = undefined).
func side(v merge.Value) js.Value {
	if !v.Present() {
		return js.Undefined()
	}
	return js.FromValue(v)
}

func mergeConfig(f facts) func(*merge.State) {
	return func(s *merge.State) {
		run := runOf(s)
		c, r := s.Client(), s.Request()
		skip := f.v1
		caseless := f.v1 && !run.vf.legacyHeaders
		defaults := js.Value{Obj: defaultHeaders(f.v1 && !run.vf.legacyHeaders)}
		inst := mergeDeep(defaults, side(c.Headers), caseless, skip)
		run.headers = mergeDeep(inst, side(r.Headers), caseless, skip)
		for _, side := range []struct {
			v   merge.Value
			src string
		}{{c.Headers, merge.SourceClient}, {r.Headers, merge.SourceRequest}} {
			if side.v.Kind == merge.Object {
				for _, fl := range side.v.Fields {
					run.hdrSource[strings.ToLower(fl.Key)] = side.src
					s.Explain(merge.FieldName(fl.Key), describeJS(fl.Value), side.src, merge.ActionSet, "merged into the config headers")
				}
			} else if side.v.Present() {
				s.Explain("headers", describeJS(side.v), side.src, merge.ActionOverride, "headers given as "+side.v.Kind.String()+" replace the whole header tree, library defaults included")
			}
		}
		if c.Headers.Kind == merge.Object && r.Headers.Kind == merge.Object {
			for _, rf := range r.Headers.Fields {
				for _, cf := range c.Headers.Fields {
					// AxiosHeaders.set takes a differently-spelled name as the same header in every 1.x.
					if strings.EqualFold(cf.Key, rf.Key) && (cf.Key == rf.Key || f.v1) {
						s.Explain(merge.FieldName(cf.Key), describeJS(cf.Value), merge.SourceClient, merge.ActionOverride, "client value replaced by request "+rf.Key+": "+describeJS(rf.Value))
					}
				}
			}
		}
		run.params = mergeDeep(side(c.Params), side(r.Params), false, skip)
		run.auth = mergeDeep(side(c.Auth), side(r.Auth), false, skip)
		run.authFrom = merge.SourceRequest
		if r.Auth.Kind == merge.Undefined || !r.Auth.Present() {
			run.authFrom = merge.SourceClient
		}
		if c.Auth.Present() && r.Auth.Present() && r.Auth.Kind != merge.Undefined {
			note := "request auth replaces client auth"
			if c.Auth.Kind == merge.Object && r.Auth.Kind == merge.Object {
				note = "request auth is deep-merged over client auth"
			} else if !side(r.Auth).Truthy() {
				note = "request auth " + describeJS(r.Auth) + " disables client auth"
			}
			s.Explain("auth", describeJS(c.Auth), merge.SourceClient, merge.ActionOverride, note)
		}
		run.baseURL = side(c.BaseURL)
		run.url = side(r.URL)
		run.data = js.Undefined()
		if r.JSON.Present() {
			run.data = js.FromValue(r.JSON)
		} else if r.Body.Present() {
			run.data = js.FromValue(r.Body)
		}
		// allowAbsoluteUrls: the request's value, else the instance's, else true.
		run.allowAbs = side(r.AllowAbsoluteURLs)
		if run.allowAbs.IsUndefined() {
			run.allowAbs = side(c.AllowAbsoluteURLs)
		}
		m := side(r.Method)
		run.method = "get"
		if m.Truthy() {
			run.method = strings.ToLower(m.String())
		}
		s.Method = strings.ToUpper(run.method)
		src := merge.SourceDefault
		if m.Truthy() {
			src = merge.SourceRequest
		}
		s.Explain("method", s.Method, src, merge.ActionSet, "config.method is lower-cased; the adapter sends it upper-cased")
	}
}

func describeJS(v merge.Value) string {
	switch v.Kind {
	case merge.String:
		return v.Text
	case merge.Undefined:
		return "undefined"
	case merge.Absent:
		return ""
	}
	b, _ := v.MarshalJSON()
	return string(b)
}

// isBucket is isHeadersBucket (1.x): null/undefined or a plain object.
func isBucket(v js.Value, present bool) bool {
	return !present || v.Obj != nil || v.IsUndefined() || v.IsNull()
}

// headers is the 1.x AxiosHeaders set(): case-insensitive names, the first
// spelling kept; an existing false value is only replaced with rewrite=true.
type headers struct {
	o          *js.Object
	joinArrays bool         // before 1.1.3 (#5085) an array value is String()ed: "a,b" on one line
	legacy     bool         // before 1.2.0 (#5224) set(name, v, false) keeps an existing undefined value
	sanitize   sanitizeMode // what normalizeValue strips (facts.go headerSanitize)
}

// hdrs is the request's AxiosHeaders with the set() semantics of the release asked for.
func (r *run) hdrs() *headers {
	return &headers{o: r.flat, joinArrays: r.vf.joinArrays, legacy: r.vf.legacyHeaders, sanitize: r.vf.headerSanitize}
}

func (h *headers) find(name string) string {
	ln := strings.ToLower(strings.TrimSpace(name))
	for i := len(h.o.Entries()) - 1; i >= 0; i-- {
		if strings.ToLower(h.o.Entries()[i].Key) == ln {
			return h.o.Entries()[i].Key
		}
	}
	return ""
}

// setOne sets one header; rewrite is nil (undefined), or true/false.
func (h *headers) setOne(name string, v js.Value, rewrite *bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	key := h.find(name)
	cur, _ := h.o.Get(key)
	if key == "" || cur.IsUndefined() && !h.legacy || (rewrite != nil && *rewrite) || (rewrite == nil && !(cur.Obj == nil && cur.V.IsFalse())) {
		if key == "" {
			key = name
		}
		val := normalizeValue(v, h.sanitize)
		if h.joinArrays && val.IsArray() {
			val = js.Value{V: merge.Value{Kind: merge.String, Text: js.String(val.V)}}
		}
		h.o.Set(key, val)
	}
}

// normalizeValue is AxiosHeaders normalizeValue: false/null/undefined kept,
// arrays item-wise, everything else String()ed and, from 1.15.1, sanitised.
func normalizeValue(v js.Value, mode sanitizeMode) js.Value {
	if v.Obj == nil {
		switch v.V.Kind {
		case merge.Bool:
			if !v.V.Bool {
				return v
			}
		case merge.Null, merge.Undefined, merge.Absent:
			return v
		case merge.Array:
			out := merge.Value{Kind: merge.Array, Items: make([]merge.Value, len(v.V.Items))}
			for i, it := range v.V.Items {
				out.Items[i] = normalizeValue(js.Value{V: it}, mode).V
			}
			return js.Value{V: out}
		}
	}
	text := v.String()
	switch mode {
	case sanitizeBytes:
		text = byteClean(text)
	case sanitizeUnicode:
		text = sanitize(text)
	}
	return js.Value{V: merge.Value{Kind: merge.String, Text: text}}
}

// sanitize is 1.16.1's sanitizeHeaderValue: drop C0 controls but tab, and DEL; trim SP/HTAB.
func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 && r != '\t' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), " \t")
}

func boolPtr(b bool) *bool { return &b }

func v1Flatten(s *merge.State) {
	run := runOf(s)
	run.flat = &js.Object{}
	h := run.hdrs()
	if run.vf.legacyHeaders {
		legacyFlatten(s, run, h)
		return
	}
	if run.headers.Truthy() && run.headers.Obj != nil {
		tree := run.headers.Obj
		var context []js.Value
		for _, k := range []string{"common", run.method} {
			v, ok := tree.Get(k)
			if isBucket(v, ok) {
				context = append(context, v)
			}
		}
		ctx := utilsMerge(false, true, context...)
		tree = tree.Clone()
		for _, m := range []string{"get", "delete", "head", "options", "post", "put", "patch", "purge", "link", "unlink", "query", "common"} {
			if v, ok := tree.Get(m); ok && isBucket(v, true) {
				tree.Delete(m)
			}
		}
		for _, e := range ctx.Entries() {
			h.setOne(e.Key, e.Val, nil)
		}
		for _, e := range tree.Entries() {
			h.setOne(e.Key, e.Val, nil)
		}
	}
	run.flat = h.o
	for _, e := range h.o.Entries() {
		if _, ok := run.hdrSource[strings.ToLower(e.Key)]; !ok {
			run.hdrSource[strings.ToLower(e.Key)] = merge.SourceDefault
			explainDefault(s, run, e.Key, e.Val)
		}
		if e.Val.Obj == nil && (e.Val.V.IsFalse() || e.Val.V.Kind == merge.Null) {
			s.Explain(merge.FieldName(e.Key), describeJS(e.Val.V), run.hdrSource[strings.ToLower(e.Key)], merge.ActionRemove, "a "+e.Val.V.Kind.String()+" value suppresses the header, library defaults included")
		}
	}
}

// legacyFlatten is Axios._request before #5224 (1.0.0–1.1.3): common and the method's bucket
// become the AxiosHeaders' $defaults, the six method buckets and common are deleted, and the
// rest is set() as the instance's own headers; toJSON lays the own headers over the defaults
// at send time (nodeCite).
func legacyFlatten(s *merge.State, run *run, h *headers) {
	run.defaults = &js.Object{}
	if run.headers.Truthy() && run.headers.Obj != nil {
		tree := run.headers.Obj
		bucket := func(k string) js.Value { v, _ := tree.Get(k); return v }
		run.defaults = utilsMerge(false, true, bucket("common"), bucket(run.method))
		tree = tree.Clone()
		for _, m := range []string{"delete", "get", "head", "post", "put", "patch", "common"} {
			tree.Delete(m)
		}
		for _, e := range tree.Entries() {
			h.setOne(e.Key, e.Val, nil)
		}
	}
	for _, e := range run.defaults.Entries() {
		lower := strings.ToLower(e.Key)
		if h.find(e.Key) != "" {
			continue // an own header of this name is what toJSON and Node send
		}
		if _, ok := run.hdrSource[lower]; !ok {
			run.hdrSource[lower] = merge.SourceDefault
		}
		explainDefault(s, run, e.Key, e.Val)
	}
	for _, e := range h.o.Entries() {
		if _, ok := run.hdrSource[strings.ToLower(e.Key)]; !ok {
			run.hdrSource[strings.ToLower(e.Key)] = merge.SourceDefault
		}
		if e.Val.Obj == nil && (e.Val.V.IsFalse() || e.Val.V.Kind == merge.Null || e.Val.V.Kind == merge.Undefined) {
			s.Explain(merge.FieldName(e.Key), describeJS(e.Val.V), run.hdrSource[strings.ToLower(e.Key)], merge.ActionRemove, "toJSON drops a "+e.Val.V.Kind.String()+" value (the key stays: set(name, value, false) does not replace it)")
		}
	}
}

// contentTypeContains is transformRequest's contentType.indexOf(want) > -1
// (on an array value, Array.prototype.indexOf looks for an equal item).
func contentTypeContains(v js.Value, want string) bool {
	if v.IsArray() {
		for _, it := range v.V.Items {
			if it.Kind == merge.String && it.Text == want {
				return true
			}
		}
		return false
	}
	if !v.Truthy() {
		return false
	}
	return strings.Contains(v.String(), want)
}

func transform(f facts) func(*merge.State) {
	return func(s *merge.State) {
		run := runOf(s)
		data := run.data
		isObj := data.Obj != nil || data.IsArray()
		if f.v1 {
			h := run.hdrs()
			ct, _ := run.flat.Get(h.find("content-type"))
			jsonCT := contentTypeContains(ct, "application/json")
			if isObj && contentTypeContains(ct, "application/x-www-form-urlencoded") {
				pairs, err := formPairs(data, run.vf.nullParamEmpty)
				if err != "" {
					s.Raise("TypeError", "%s", err)
					return
				}
				run.data = js.Value{V: merge.Value{Kind: merge.String, Text: whatwg.SearchParamsString(pairs)}}
				s.Explain("body", run.data.V.Text, merge.SourceRequest, merge.ActionSet, "object data serialised as a form because Content-Type is urlencoded")
				return
			}
			if isObj && contentTypeContains(ct, "multipart/form-data") {
				s.Unsupported("multipart/form-data bodies carry a random boundary; the engine cannot reproduce them.")
				return
			}
			if isObj || jsonCT {
				h.setOne("Content-Type", js.Value{V: merge.Value{Kind: merge.String, Text: "application/json"}}, boolPtr(false))
				run.data = stringifySafely(data)
				s.Explain(merge.FieldName("Content-Type"), "application/json", merge.SourceDefault, merge.ActionSet, "set unless a Content-Type exists (setContentType(..., false))")
			}
			return
		}
		// 0.27.2: top-level names only; the buckets are flattened afterwards.
		tree := run.headers
		if !tree.Truthy() {
			tree = js.Value{Obj: &js.Object{}}
		}
		if tree.Obj == nil {
			tree = js.Value{Obj: utilsMerge(false, false, tree)}
		}
		tree.Obj = tree.Obj.Clone()
		for _, norm := range []string{"Accept", "Content-Type"} {
			for _, k := range tree.Obj.Keys() {
				v, ok := tree.Obj.Get(k)
				if ok && k != norm && strings.ToUpper(k) == strings.ToUpper(norm) {
					tree.Obj.Set(norm, v)
					tree.Obj.Delete(k)
				}
			}
		}
		run.headers = tree
		ct, _ := tree.Obj.Get("Content-Type")
		ctIs := func(want string) bool {
			if ct.Obj != nil || ct.V.Kind != merge.String {
				return false
			}
			if run.vf.formBody0 {
				return strings.Contains(ct.V.Text, want)
			}
			return ct.V.Text == want
		}
		jsonCT := ctIs("application/json")
		if isObj && run.vf.formBody0 && ctIs("application/x-www-form-urlencoded") {
			pairs, err := formPairs(data, run.vf.nullParamEmpty)
			if err != "" {
				s.Raise("TypeError", "%s", err)
				return
			}
			run.data = js.Value{V: merge.Value{Kind: merge.String, Text: whatwg.SearchParamsString(pairs)}}
			s.Explain("body", run.data.V.Text, merge.SourceRequest, merge.ActionSet, "object data serialised as a form because Content-Type is urlencoded (0.28 on)")
			return
		}
		if isObj && ctIs("multipart/form-data") {
			s.Unsupported("multipart/form-data bodies carry a random boundary; the engine cannot reproduce them.")
			return
		}
		if isObj || jsonCT {
			if ct.IsUndefined() {
				tree.Obj.Set("Content-Type", js.Value{V: merge.Value{Kind: merge.String, Text: "application/json"}})
				run.hdrSource["content-type"] = merge.SourceDefault
				s.Explain(merge.FieldName("Content-Type"), "application/json", merge.SourceDefault, merge.ActionSet, "set because no top-level Content-Type exists")
			}
			run.data = stringifySafely(data)
		}
	}
}

// stringifySafely is stringifySafely: a string that parses as JSON is sent
// trimmed, anything else goes through JSON.stringify.
func stringifySafely(v js.Value) js.Value {
	if v.Obj == nil && v.V.Kind == merge.String && jsonParses(v.V.Text) {
		return js.Value{V: merge.Value{Kind: merge.String, Text: js.Trim(v.V.Text)}}
	}
	if s, ok := jsonStringify(v); ok {
		return js.Value{V: merge.Value{Kind: merge.String, Text: s}}
	}
	return js.Undefined()
}

func v1FormType(s *merge.State) {
	run := runOf(s)
	switch run.method {
	case "post", "put", "patch":
		if run.vf.legacyHeaders {
			return // before 1.2.0 the post/put/patch buckets of the defaults carry it (legacyFlatten)
		}
		h := run.hdrs()
		before, _ := run.flat.Get(h.find("content-type"))
		h.setOne("Content-Type", js.Value{V: merge.Value{Kind: merge.String, Text: "application/x-www-form-urlencoded"}}, boolPtr(false))
		if before.IsUndefined() {
			s.Explain(merge.FieldName("Content-Type"), "application/x-www-form-urlencoded", merge.SourceDefault, merge.ActionSet, "default for "+run.method)
		}
	}
}

func v0Flatten(s *merge.State) {
	run := runOf(s)
	tree := run.headers.Obj
	if tree == nil {
		tree = &js.Object{}
	}
	orEmpty := func(k string) js.Value {
		v, _ := tree.Get(k)
		if !v.Truthy() {
			return js.Value{Obj: &js.Object{}}
		}
		return v
	}
	flat := utilsMerge(false, false, orEmpty("common"), orEmpty(run.method), js.Value{Obj: tree})
	for _, m := range []string{"delete", "get", "head", "post", "put", "patch", "common"} {
		flat.Delete(m)
	}
	run.flat = flat
	for _, e := range flat.Entries() {
		if _, ok := run.hdrSource[strings.ToLower(e.Key)]; !ok {
			run.hdrSource[strings.ToLower(e.Key)] = merge.SourceDefault
			explainDefault(s, run, e.Key, e.Val)
		}
		if !run.vf.sanitize0 {
			continue
		}
		if clean, changed := sanitize0(e.Val); changed {
			flat.Set(e.Key, clean)
			s.Explain(merge.FieldName(e.Key), describeJS(js.ToValue(clean)), run.hdrSource[strings.ToLower(e.Key)], merge.ActionSet, "sanitizeHeaderValue strips what Node would reject (outside HTAB, 0x20-0x7e, 0x80-0xff) and trims SP/HTAB")
		}
	}
}

// sanitize0 is 0.31.0's sanitizeHeaderValue: false, null and undefined as they are, arrays
// item by item, anything else String()ed and cleaned by byteClean.
func sanitize0(v js.Value) (js.Value, bool) {
	if v.Obj == nil {
		switch v.V.Kind {
		case merge.Null, merge.Undefined, merge.Absent:
			return v, false
		case merge.Bool:
			if !v.V.Bool {
				return v, false
			}
		case merge.Array:
			out := merge.Value{Kind: merge.Array, Items: make([]merge.Value, len(v.V.Items))}
			changed := false
			for i, it := range v.V.Items {
				c, ch := sanitize0(js.Value{V: it})
				out.Items[i], changed = js.ToValue(c), changed || ch
			}
			return js.Value{V: out}, changed
		}
	}
	// Node String()s a number or an object the same way, so only a change of text matters.
	text := v.String()
	if clean := byteClean(text); clean != text {
		return js.Value{V: merge.Value{Kind: merge.String, Text: clean}}, true
	}
	return v, false
}

// explainDefault is the step of a library default a flatten rule keeps from the
// headers.common and headers[method] buckets; node-http does not explain it again.
func explainDefault(s *merge.State, run *run, name string, v js.Value) {
	if v.Obj != nil || v.V.Kind == merge.Null || v.V.Kind == merge.Undefined || v.V.IsFalse() {
		return
	}
	s.Explain(merge.FieldName(name), v.String(), merge.SourceDefault, merge.ActionSet, "axios.defaults.headers: common and "+run.method+", merged under the config's headers")
	run.explained[strings.ToLower(name)] = true
}

func dataBytes(s *merge.State, run *run) bool {
	d := run.data
	if !d.Truthy() {
		return true
	}
	if d.Obj == nil && d.V.Kind == merge.String {
		run.body = js.UTF8(d.V.Text)
		run.hasBody = true
		return true
	}
	s.RaiseAt(run.dataAt, "AxiosError", "Data after transformation must be a string, an ArrayBuffer, a Buffer, or a Stream")
	return false
}

func v1URL(s *merge.State) {
	run := runOf(s)
	u, base := run.url, run.baseURL
	if u.Obj == nil && u.V.Kind == merge.String {
		if msg, bad := malformedProtocol(u.V.Text); bad {
			s.Raise("AxiosError", "%s", msg)
			return
		}
	}
	full := u
	rel := !(u.Obj == nil && u.V.Kind == merge.String && isAbsoluteURL(u.V.Text))
	vf := &run.vf
	allowFalse := run.allowAbs.Obj == nil && run.allowAbs.V.IsFalse() && !vf.allowAbsIgnored
	if allowFalse && !base.Truthy() && u.Truthy() && vf.noBaseAllowAbsThrows {
		// combineURLs(undefined, url): baseURL.replace on undefined.
		raiseInExecutor(s, run, merge.Cite{}, "TypeError", "Cannot read properties of undefined (reading 'replace')")
		return
	}
	if base.Truthy() && (rel || allowFalse) {
		if base.Obj == nil && base.V.Kind == merge.String {
			if msg, bad := malformedProtocol(base.V.Text); bad {
				s.Raise("AxiosError", "%s", msg)
				return
			}
		}
		full = js.Value{V: merge.Value{Kind: merge.String, Text: combineURLs(base.String(), u)}}
		s.Explain("url", full.V.Text, merge.SourceClient, merge.ActionSet, "baseURL and url joined by combineURLs")
	} else if u.Obj == nil && u.V.Kind == merge.String {
		s.Explain("url", u.V.Text, merge.SourceRequest, merge.ActionSet, "url used as is")
	}
	if full.IsUndefined() {
		s.RaiseAt(run.urlAt, "TypeError", "Invalid URL")
		return
	}
	text := full.String()
	if scheme, ok := scheme(text); ok && scheme != "http" && scheme != "https" {
		if scheme == "data" || scheme == "file" {
			s.Unsupported("%s: URLs are not modelled for axios.", scheme)
			return
		}
		s.RaiseAt(run.urlAt, "AxiosError", "Unsupported protocol %s:", scheme)
		return
	}
	var pbase *whatwg.URL
	if vf.localhostBase {
		pbase, _ = whatwg.Parse("http://localhost", nil)
	}
	parsed, err := whatwg.Parse(text, pbase)
	if err != nil {
		if vf.asyncExecutor {
			s.Warn("axios@%s: recorded as never settling: new URL() throws inside the http adapter's async promise executor and the request's promise is left pending (an unhandled rejection); fixed in 1.3.4 (#5564)", s.Version)
			s.RaiseAt(run.urlAt, "Unsettled", "the request promise never settled; unhandled rejection TypeError: Invalid URL")
			return
		}
		s.RaiseAt(run.urlAt, "TypeError", "Invalid URL")
		return
	}
	run.fullPath = text
	run.hostname, run.port = parsed.Host, parsed.Port
	run.defPort, _ = whatwg.DefaultPort(parsed.Scheme)
	run.path = parsed.Path + parsed.Search()
	if vf.searchParamsConcat && parsed.HasQuery {
		// pathname.concat(searchParams): URLSearchParams' own serialisation, without its '?'.
		run.path = parsed.Path + whatwg.SearchParamsString(whatwg.ParseSearchParams(parsed.Query))
	}
	u2 := *parsed
	u2.Fragment, u2.HasFrag = "", false
	s.URL = u2.Href()
	if parsed.Username != "" || parsed.Password != "" {
		user, pass := parsed.Username, parsed.Password
		if vf.decodeUserinfo {
			user, _ = js.DecodeURIComponent(parsed.Username)
			pass, _ = js.DecodeURIComponent(parsed.Password)
		}
		s.Vars["axiosURLAuth"] = user + ":" + pass
	}
}

func scheme(s string) (string, bool) {
	s = js.Trim(s)
	i := strings.IndexByte(s, ':')
	if i <= 0 || !whatwg.IsScheme(s[:i]) {
		return "", false
	}
	return strings.ToLower(s[:i]), true
}

// malformedProtocol is assertValidHttpProtocolURL (1.x): "http:" not followed by "//".
func malformedProtocol(u string) (string, bool) {
	start := 0
	for start < len(u) && u[start] <= 0x20 {
		start++
	}
	n := stripTabsNewlines.Replace(u[start:])
	ln := strings.ToLower(n)
	for _, p := range []string{"http:", "https:"} {
		if strings.HasPrefix(ln, p) && !strings.HasPrefix(ln[len(p):], "//") {
			return fmt.Sprintf("Invalid URL %q: missing \"//\" after protocol", redactURL(n)), true
		}
	}
	return "", false
}

// redactURL redacts userinfo and query values as buildFullPath's error message does.
func redactURL(u string) string {
	const red = "[REDACTED]"
	{
		head := u
		if j := strings.Index(strings.ToLower(u), ":"); j >= 0 {
			rest := u[j+1:]
			k := 0
			for k < len(rest) && k < 2 && rest[k] == '/' {
				k++
			}
			auth := rest[k:]
			end := strings.IndexAny(auth, "/?#")
			if end < 0 {
				end = len(auth)
			}
			if at := strings.Index(auth[:end], "@"); at >= 0 {
				head = u[:j+1] + rest[:k] + red + auth[strings.LastIndex(auth[:end], "@"):]
			}
		}
		u = head
	}
	frag := ""
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u, frag = u[:i], u[i+1:]
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		b.WriteByte(u[i])
		if (u[i] == '?' || u[i] == '&') && i+1 < len(u) {
			j := i + 1
			for j < len(u) && u[j] != '=' && u[j] != '&' && u[j] != '#' {
				j++
			}
			if j < len(u) && u[j] == '=' {
				b.WriteString(u[i+1 : j+1])
				k := j + 1
				for k < len(u) && u[k] != '&' {
					k++
				}
				b.WriteString(red)
				i = k - 1
			}
		}
	}
	out := b.String()
	if frag != "" {
		parts := strings.Split(frag, "&")
		for i, p := range parts {
			if p == "" {
				continue
			}
			if eq := strings.IndexByte(p, '='); eq >= 0 {
				parts[i] = p[:eq+1] + red
			} else {
				parts[i] = red
			}
		}
		out += "#" + strings.Join(parts, "&")
	}
	return out
}

// isAbsoluteURL is isAbsoluteURL: "<scheme>://" or "//".
func isAbsoluteURL(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	i := strings.Index(u, "://")
	return i > 0 && whatwg.IsScheme(u[:i])
}

// combineURLs is combineURLs.
func combineURLs(base string, rel js.Value) string {
	if !rel.Truthy() {
		return base
	}
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(rel.String(), "/")
}

func v1Adapter(s *merge.State) {
	run := runOf(s)
	h := run.hdrs()
	if k := h.find("user-agent"); k == "" {
		s.Explain(merge.FieldName("User-Agent"), "axios/"+s.Version, merge.SourceDefault, merge.ActionSet, "added because no User-Agent was given")
		run.hdrSource["user-agent"] = merge.SourceDefault
		run.explained["user-agent"] = true
	}
	h.setOne("User-Agent", js.Value{V: merge.Value{Kind: merge.String, Text: "axios/" + s.Version}}, boolPtr(false))
	if !dataBytes(s, run) {
		return
	}
	if run.hasBody {
		if k := h.find("content-length"); k == "" {
			run.hdrSource["content-length"] = merge.SourceTransport
			run.explained["content-length"] = true
			s.Explain(merge.FieldName("Content-Length"), strconv.Itoa(len(run.body)), merge.SourceTransport, merge.ActionSet, "the adapter sets the body's byte length")
		}
		h.setOne("Content-Length", js.Value{V: merge.Value{Kind: merge.Number, Text: strconv.Itoa(len(run.body))}}, boolPtr(false))
	}
	if run.auth.Truthy() {
		user, pass := authPart(run.auth, "username"), authPart(run.auth, "password")
		run.authStr, run.hasAuth = user+":"+pass, true
	} else if ua, ok := s.Vars["axiosURLAuth"].(string); ok {
		run.authStr, run.hasAuth, run.authFrom = ua, true, merge.SourceURL
	}
	if run.hasAuth {
		if k := h.find("authorization"); k != "" {
			s.Explain(merge.FieldName(k), describeJS(js.ToValue(mustGet(run.flat, k))), run.hdrSource["authorization"], merge.ActionRemove, "the auth option deletes any Authorization header")
			run.flat.Delete(k)
		}
	}
	enc := run.vf.acceptEncoding
	if k := h.find("accept-encoding"); k == "" {
		run.hdrSource["accept-encoding"] = merge.SourceDefault
		run.explained["accept-encoding"] = true
		s.Explain(merge.FieldName("Accept-Encoding"), enc, merge.SourceDefault, merge.ActionSet, "the adapter's default when none is given")
	}
	h.setOne("Accept-Encoding", js.Value{V: merge.Value{Kind: merge.String, Text: enc}}, boolPtr(false))
}

func mustGet(o *js.Object, k string) js.Value {
	v, _ := o.Get(k)
	return v
}

// authPart is `auth.<key> || ”`.
func authPart(auth js.Value, key string) string {
	if auth.Obj == nil {
		return ""
	}
	v, _ := auth.Obj.Get(key)
	if !v.Truthy() {
		return ""
	}
	return v.String()
}

func v0Adapter(s *merge.State) {
	run := runOf(s)
	flat := run.flat
	names := map[string]string{}
	for _, k := range flat.Keys() {
		names[strings.ToLower(k)] = k
	}
	if k, ok := names["user-agent"]; ok {
		if v, _ := flat.Get(k); !v.Truthy() {
			s.Explain(merge.FieldName(k), describeJS(js.ToValue(v)), run.hdrSource["user-agent"], merge.ActionRemove, "a falsy User-Agent is deleted, so no User-Agent is sent")
			flat.Delete(k)
		}
	} else {
		flat.Set("User-Agent", js.Value{V: merge.Value{Kind: merge.String, Text: "axios/" + s.Version}})
		run.hdrSource["user-agent"] = merge.SourceDefault
		run.explained["user-agent"] = true
		s.Explain(merge.FieldName("User-Agent"), "axios/"+s.Version, merge.SourceDefault, merge.ActionSet, "added because no User-Agent was given")
	}
	if !dataBytes(s, run) {
		return
	}
	if run.hasBody {
		if _, ok := names["content-length"]; !ok {
			flat.Set("Content-Length", js.Value{V: merge.Value{Kind: merge.Number, Text: strconv.Itoa(len(run.body))}})
			run.hdrSource["content-length"] = merge.SourceTransport
			run.explained["content-length"] = true
			s.Explain(merge.FieldName("Content-Length"), strconv.Itoa(len(run.body)), merge.SourceTransport, merge.ActionSet, "the adapter sets the body's byte length")
		}
	}
	if run.auth.Truthy() {
		run.authStr, run.hasAuth = authPart(run.auth, "username")+":"+authPart(run.auth, "password"), true
	}
}

func v0URL(s *merge.State) {
	run := runOf(s)
	u, base := run.url, run.baseURL
	full := u
	rel := !(u.Obj == nil && u.V.Kind == merge.String && isAbsoluteURL(u.V.Text))
	if base.Truthy() && rel {
		full = js.Value{V: merge.Value{Kind: merge.String, Text: combineURLs(base.String(), u)}}
		s.Explain("url", full.V.Text, merge.SourceClient, merge.ActionSet, "baseURL and url joined by combineURLs")
	} else if u.Obj == nil && u.V.Kind == merge.String {
		s.Explain("url", u.V.Text, merge.SourceRequest, merge.ActionSet, "url used as is")
	}
	if full.Obj != nil || full.V.Kind != merge.String {
		s.RaiseAt(run.urlAt, "TypeError", "The \"url\" argument must be of type string. Received %s", nodeReceived(full))
		return
	}
	parsed, err := nodeURLParse(full.V.Text)
	if err != nil {
		s.RaiseAt(run.urlAt, "URIError", "URI malformed")
		return
	}
	proto := parsed.Protocol
	if proto == "" {
		proto = "http:"
	}
	if proto != "http:" && proto != "https:" {
		if proto == "file:" {
			s.Unsupported("file: URLs are not modelled for axios.")
			return
		}
		s.RaiseAt(run.urlAt, "AxiosError", "Unsupported protocol %s", proto)
		return
	}
	if !run.hasAuth && parsed.HasAuth {
		parts := strings.Split(parsed.Auth, ":")
		pass := ""
		if len(parts) > 1 {
			pass = parts[1]
		}
		run.authStr, run.hasAuth, run.authFrom = parts[0]+":"+pass, true, merge.SourceURL
	}
	if run.hasAuth {
		last := ""
		for _, k := range run.flat.Keys() {
			if strings.ToLower(k) == "authorization" {
				last = k
			}
		}
		if last != "" {
			s.ExplainAt(run.urlAt, merge.FieldName(last), describeJS(js.ToValue(mustGet(run.flat, last))), run.hdrSource["authorization"], merge.ActionRemove, "the auth option deletes the (last-spelled) Authorization header")
			run.flat.Delete(last)
		}
	}
	run.hostname, run.port = parsed.Hostname, parsed.Port
	if run.hostname == "" {
		// follow-redirects fills in "::1" when no host is known.
		run.hostname = "::1"
	}
	run.defPort = "80"
	if proto == "https:" {
		run.defPort = "443"
	}
	run.path = parsed.Path
	s.URL = strings.TrimSuffix(proto, ":") + "://" + nodeHostHeader(run.hostname, run.port, run.defPort) + parsed.Path
}

func nodeReceived(v js.Value) string {
	if v.IsUndefined() {
		return "undefined"
	}
	if v.IsNull() {
		return "null"
	}
	switch {
	case v.Obj != nil:
		return "an instance of Object"
	case v.V.Kind == merge.Array:
		return "an instance of Array"
	case v.V.Kind == merge.Number:
		return "type number (" + js.Number(v.V.Text) + ")"
	case v.V.Kind == merge.Bool:
		return "type boolean (" + strconv.FormatBool(v.V.Bool) + ")"
	}
	return "type " + v.V.Kind.String()
}

// formPairs is toFormData's default visitor into name/value pairs (1.x).
func formPairs(data js.Value, keepNull bool) ([][2]string, string) {
	if data.Obj == nil && !data.IsArray() {
		return nil, "target must be an object"
	}
	var pairs [][2]string
	var build func(v js.Value, path []string)
	render := func(path []string, key string) string {
		if path == nil {
			return key
		}
		all := append(append([]string{}, path...), key)
		var b strings.Builder
		for i, t := range all {
			t = strings.TrimSuffix(t, "[]")
			if i > 0 {
				b.WriteString("[" + t + "]")
			} else {
				b.WriteString(t)
			}
		}
		return b.String()
	}
	conv := func(v js.Value) string {
		if v.IsNull() {
			return "" // convertValue(null)
		}
		return v.String()
	}
	build = func(v js.Value, path []string) {
		forEach(v, func(k string, el js.Value) {
			if el.IsUndefined() || el.IsNull() && !keepNull {
				return
			}
			if v.Obj != nil {
				k = js.Trim(k)
			}
			if path == nil && (el.Obj != nil || el.IsArray()) {
				if strings.HasSuffix(k, "{}") {
					js, _ := jsonStringify(el)
					pairs = append(pairs, [2]string{k, js})
					return
				}
				if el.IsArray() && flatArray(el) {
					key := strings.TrimSuffix(k, "[]")
					for _, it := range el.V.Items {
						if it.Kind == merge.Undefined || it.Kind == merge.Null && !keepNull {
							continue
						}
						pairs = append(pairs, [2]string{key + "[]", conv(js.Value{V: it})})
					}
					return
				}
			}
			if el.Obj != nil || el.IsArray() {
				build(el, append(append([]string{}, path...), k))
				return
			}
			pairs = append(pairs, [2]string{render(path, k), conv(el)})
		})
	}
	build(data, nil)
	return pairs, ""
}

func flatArray(v js.Value) bool {
	for _, it := range v.V.Items {
		if it.Kind == merge.Array || it.Kind == merge.Object {
			return false
		}
	}
	return true
}

// encode1 is buildURL's encode (1.x): encodeURIComponent with ':', '$', ',' restored and %20 as '+'.
func encode1(s string) string { return restore1.Replace(js.EncodeURIComponent(s)) }

// encode0 is buildURL's encode (0.x), which also keeps '[' and ']'.
func encode0(s string) string { return restore0.Replace(js.EncodeURIComponent(s)) }

// The replacers are built once, on their first Replace (a Replacer builds its
// table lazily), rather than per parameter.
var (
	restore1          = strings.NewReplacer("%3A", ":", "%24", "$", "%2C", ",", "%20", "+")
	restore0          = strings.NewReplacer("%3A", ":", "%24", "$", "%2C", ",", "%20", "+", "%5B", "[", "%5D", "]")
	stripTabsNewlines = strings.NewReplacer("\t", "", "\n", "", "\r", "")
)

func params(f facts) func(*merge.State) {
	return func(s *merge.State) {
		run := runOf(s)
		src := merge.SourceRequest
		if !s.Request().Params.Present() || s.Request().Params.Kind == merge.Undefined {
			src = merge.SourceClient
		}
		params := run.params
		if !params.Truthy() {
			return
		}
		vf := &run.vf
		encode := encode1
		if vf.keepBrackets {
			encode = encode0
		}
		// buildURL keeps the URL's own query and appends the params after it.
		own := run.path
		if i := strings.IndexByte(own, '#'); i >= 0 {
			own = own[:i]
		}
		if _, q, ok := strings.Cut(own, "?"); ok && q != "" {
			for _, kv := range strings.Split(q, "&") {
				k, v, _ := strings.Cut(kv, "=")
				if kv != "" {
					s.Explain(merge.QueryField(whatwg.FormUnescape(k)), whatwg.FormUnescape(v), merge.SourceURL, merge.ActionKeep, "the URL's own query, kept before the params")
				}
			}
		}
		var parts []string
		if f.v1 {
			pairs, err := formPairs(params, vf.nullParamEmpty)
			if err != "" {
				s.Raise("AxiosError", "%s", err)
				return
			}
			for _, p := range pairs {
				if js.URIMalformed(p[0]) || js.URIMalformed(p[1]) {
					if vf.uriErrorWrapped {
						// adapters/http.js before 1.18.1: reject(new Error(err.message)).
						s.Raise("Error", "URI malformed")
						return
					}
					// 1.18.1: AxiosError.from(err, ERR_BAD_REQUEST) takes the cause's name.
					s.Raise("URIError", "URI malformed")
					return
				}
				parts = append(parts, encode(p[0])+"="+encode(p[1]))
				s.Explain(merge.QueryField(p[0]), p[1], paramSource(s, p[0], src), merge.ActionSet, "appended by buildURL")
			}
		} else {
			malformed := false
			forEach(params, func(k string, val js.Value) {
				if val.IsUndefined() || val.IsNull() && !vf.nullParamEmpty {
					return
				}
				items := []js.Value{val}
				if val.IsArray() {
					k += "[]"
					items = nil
					for _, it := range val.V.Items {
						items = append(items, js.FromValue(it))
					}
				}
				for _, it := range items {
					v := it.String()
					if it.IsNull() {
						v = "" // 0.28's toFormData convertValue(null)
					}
					if it.Obj != nil {
						v, _ = jsonStringify(it)
					}
					if malformed = malformed || js.URIMalformed(k) || js.URIMalformed(v); malformed {
						return
					}
					parts = append(parts, encode0(k)+"="+encode0(v))
					s.Explain(merge.QueryField(k), v, paramSource(s, strings.TrimSuffix(k, "[]"), src), merge.ActionSet, "appended by buildURL")
				}
			})
			if malformed {
				// adapters/http.js wraps buildURL's URIError: reject(new Error(err.message)).
				s.Raise("Error", "URI malformed")
				return
			}
		}
		if len(parts) == 0 {
			return
		}
		path := run.path
		if i := strings.IndexByte(path, '#'); i >= 0 {
			path = path[:i]
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		run.path = path + sep + strings.Join(parts, "&")
		base := s.URL
		if j := strings.IndexAny(base, "?#"); j >= 0 {
			base = base[:j]
		}
		if q := strings.IndexByte(run.path, '?'); q >= 0 {
			s.URL = base + run.path[q:]
		}
	}
}

func paramSource(s *merge.State, key, dflt string) string {
	if s.Request().Params.Kind == merge.Object && s.Request().Params.Get(key).Present() {
		return merge.SourceRequest
	}
	if s.Client().Params.Kind == merge.Object && s.Client().Params.Get(key).Present() {
		return merge.SourceClient
	}
	return dflt
}

func nodeCite(f facts, nc nodeCites) func(*merge.State) {
	return func(s *merge.State) {
		run := runOf(s)
		if s.Done() {
			return
		}
		out := &nodeOutgoing{}
		entries := run.flat.Entries()
		if f.v1 && run.defaults != nil {
			// toJSON before 1.2.0: Object.assign({}, defaults, own), so an own name spelled
			// otherwise than the default's is a second key.
			all := run.defaults.Clone()
			for _, e := range entries {
				all.Set(e.Key, e.Val)
			}
			entries = all.Entries()
		}
		for _, e := range entries {
			v := e.Val
			src := run.hdrSource[strings.ToLower(e.Key)]
			if src == "" {
				src = merge.SourceDefault
			}
			if f.v1 {
				// toJSON (and from 1.16.1 toByteStringHeaderObject) drops null/false/undefined.
				if v.Obj == nil && (v.V.Kind == merge.Null || v.V.Kind == merge.Undefined || v.V.Kind == merge.Absent || v.V.IsFalse()) {
					continue
				}
				if run.vf.headerSanitize != sanitizeNone {
					out.set(e.Key, byteStrings(v), src)
					continue
				}
				vals := nodeValues(v)
				if nodehttp.InvalidHeaderChar(strings.Join(vals, ",")) {
					raiseInExecutor(s, run, nc.validateValue, "TypeError", fmt.Sprintf("Invalid character in header content [\"%s\"]", e.Key))
					return
				}
				out.set(e.Key, vals, src)
				continue
			}
			if v.IsUndefined() {
				s.RaiseAt(nc.validateValue, "TypeError", "Invalid value \"undefined\" for header \"%s\"", e.Key)
				return
			}
			vals := nodeValues(v)
			if nodehttp.InvalidHeaderChar(strings.Join(vals, ",")) {
				s.RaiseAt(nc.validateValue, "TypeError", "Invalid character in header content [\"%s\"]", e.Key)
				return
			}
			out.set(e.Key, vals, src)
		}
		for _, r := range run.path {
			if r < 0x21 || r > 0xff {
				raiseInExecutor(s, run, merge.Cite{}, "TypeError", "Request path contains unescaped characters")
				return
			}
		}
		s.Target = run.path
		if out.index("host") < 0 {
			out.h = append(out.h, nodeHTTPHeader{"Host", []string{nodeHostHeader(run.hostname, run.port, run.defPort)}, merge.SourceTransport})
		}
		if run.hasAuth && out.index("authorization") < 0 {
			out.h = append(out.h, nodeHTTPHeader{"Authorization", []string{merge.BasicAuth(strings.SplitN(run.authStr, ":", 2)[0], afterColon(run.authStr))}, merge.SourceAuth})
		}
		if out.index("connection") < 0 {
			out.h = append(out.h, nodeHTTPHeader{"Connection", []string{"keep-alive"}, merge.SourceTransport})
		}
		if out.index("content-length") < 0 && out.index("transfer-encoding") < 0 && !run.hasBody && nodehttp.ChunkedByDefault(s.Method) {
			out.h = append(out.h, nodeHTTPHeader{"Content-Length", []string{"0"}, merge.SourceTransport})
		}
		s.Headers = nil
		for _, h := range out.h {
			lower := strings.ToLower(h.name)
			for _, v := range h.values {
				s.AddHeader(h.name, v, h.source)
				if run.explained[lower] {
					continue // an axios rule's step says where it came from
				}
				note, at := "", merge.Cite{}
				switch {
				case lower == "connection" || lower == "content-length":
					note, at = "added by Node's http module", nc.storeHeader
				case h.source == merge.SourceTransport:
					note = "added by Node's http module"
				case h.source == merge.SourceAuth:
					note = "Node encodes the auth option as Basic (UTF-8)"
					if run.authFrom == merge.SourceURL {
						note = "from the URL's userinfo, decoded, as the auth option"
					}
				}
				s.ExplainAt(at, merge.FieldName(h.name), v, h.source, merge.ActionSet, note)
			}
		}
		s.Body = run.body
		if run.hasBody {
			s.Explain("body", string(run.body), merge.SourceRequest, merge.ActionSet, "data after transformRequest, UTF-8")
		} else {
			s.Explain("body", "", merge.SourceDefault, merge.ActionSet, "no data")
		}
		s.Explain("url", s.URL, merge.SourceURL, merge.ActionSet, "request-target "+run.path)
		whatwg.ExplainQuery(s, run.path)
	}
}

// nodeValues is what Node's setHeader makes of a value: one line per array item, else String(v).
func nodeValues(v js.Value) []string {
	if v.IsArray() {
		vals := make([]string, 0, len(v.V.Items))
		for _, it := range v.V.Items {
			vals = append(vals, js.String(it))
		}
		return vals
	}
	return []string{v.String()}
}

// raiseInExecutor is a synchronous throw inside the http adapter's promise executor: a
// rejection, except in 1.3.1–1.3.3, whose async executor leaves the promise pending (facts.go
// asyncExecutor).
func raiseInExecutor(s *merge.State, run *run, at merge.Cite, typ, msg string) {
	if run.vf.asyncExecutor {
		s.Warn("axios@%s: recorded as never settling: %s: %s is thrown inside the http adapter's async promise executor and the request's promise is left pending (an unhandled rejection); fixed in 1.3.4 (#5564)", s.Version, typ, msg)
		s.RaiseAt(at, "Unsettled", "the request promise never settled; unhandled rejection %s: %s", typ, msg)
		return
	}
	s.RaiseAt(at, typ, "%s", msg)
}

func afterColon(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return ""
}

// byteClean keeps tab, 0x20-0x7e and 0x80-0xff and trims SP/HTAB: 1.15.1's
// sanitizeHeaderValue and 1.16.1's sanitizeByteStringHeaderValue, as 0.31.0's backport.
func byteClean(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '\t' || r >= 0x20 && r <= 0x7e || r >= 0x80 && r <= 0xff {
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), " \t")
}

// byteStrings is sanitizeByteStringHeaderValue over a value; arrays stay one line per item.
func byteStrings(v js.Value) []string {
	clean := byteClean
	if v.IsArray() {
		out := make([]string, len(v.V.Items))
		for i, it := range v.V.Items {
			out[i] = clean(js.String(it))
		}
		return out
	}
	return []string{clean(v.String())}
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way JavaScript does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("js", recordedReleases.Apply(profiles()...)...)
})
