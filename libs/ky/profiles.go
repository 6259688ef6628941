package ky

import (
	"strings"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/undici"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// ky profiles. ky merges options itself (ky.create, then validateAndMerge per
// call) and hands a Request to the runtime's fetch, so each profile is ky's
// rules followed by undici's (undici.go). Both majors share one rule list;
// facts says where they differ.

const binding = "instance = ky.create({prefixUrl (ky 1) | baseUrl/prefix (ky 2), headers, searchParams: params, " +
	"retry: 0, timeout: false, throwHttpErrors: false}); await instance(url ?? '', {method, headers, searchParams: params, json, body}) " +
	"(conformance/runners/js/BINDING.md). auth, cookies, via and allowAbsoluteUrls are unsupported."

// facts are the version facts the shared rules consult.
type facts struct {
	tag          string // recorded tag the citations point at
	major        int
	contextThrow bool // deepMerge rejects a non-object `context` key (1.13.0+), also inside headers
	queryMethod  bool // 'query' is normalized to QUERY (2.1.0+)
	// Before 1.12.0, deepMerge treats searchParams like any option: an object is merged into the
	// client's object key by key (arrays concatenated), anything else replaces it; the Ky
	// constructor then writes new URLSearchParams(value) over the URL's query. 1.12.0 accumulates
	// instead (PR #755, commit c847eec, appendSearchParameters).
	legacyParams bool
	hasSearch    bool // 1.9.0+: hasSearchParameters decides (PR #706, commit 17ca389); before, truthiness
	dropUndef    bool // 1.10.0+: undefined values of a searchParams object are dropped (PR #729, commit a87d9e9)
	// 0.33.0 assigns request.duplex after new Request(), which throws on undici's getter-only
	// property, so no request is sent on Node 18+; 0.33.1 passes duplex in the init (commit ae2fe07)
	duplexThrow bool
	undici      string // tag of the undici the recordings' Node bundles
	cite        cites
}

// cites are the functions a rule's steps and raises point at besides the rule's own (Rule.Also).
type cites struct {
	appendSearch merge.Cite // merge.ts appendSearchParameters: accumulated searchParams
	byteString   merge.Cite // undici webidl: a header value above U+00FF
}

// at refines the range's facts for the requested version.
func (f facts) at(version string) facts {
	from := func(v string) bool { return merge.CompareVersions(version, v) >= 0 }
	f.contextThrow = from("1.13.0")
	f.queryMethod = from("2.1.0")
	f.legacyParams, f.hasSearch, f.dropUndef, f.duplexThrow = !from("1.12.0"), from("1.9.0"), from("1.10.0"), !from("0.33.1")
	return f
}

func factsFor(version string) facts {
	f := facts{tag: "v1.14.3", major: 1, undici: "v6.24.1"}
	switch {
	case merge.CompareVersions(version, "2") >= 0:
		f = facts{tag: "v2.1.0", major: 2, undici: "v6.28.1"}
	case merge.CompareVersions(version, "1.12.0") < 0:
		f.tag = "v1.11.0"
	}
	return f.at(version)
}

func profiles() []*merge.Profile {
	return []*merge.Profile{
		// Boundary citations are in the facts comments above.
		profile("0.33.0", "1.12.0", "1.11.0",
			"Before 1.12 (PR #755) searchParams are deep-merged like any option. By version: hasSearchParameters from 1.9.0 (PR #706), undefined dropped "+
				"from 1.10.0 (PR #729). 0.33.0 sends nothing on Node 18+ (request.duplex TypeError; fixed in 0.33.1, ae2fe07). Recorded on Node 20.20.2."),
		profile("1.12.0", "2", "1.14.3",
			"searchParams accumulate across ky.create and the call from 1.12.0 (PR #755, appendSearchParameters), which is the lower bound; "+
				"the rest of the rules read the same from 1.12.0 to 1.14.3 except the `context` key check in deepMerge (1.13.0), which is version-conditioned. "+
				"Headers merge case-insensitively through Headers objects (the value string 'undefined' is deleted when the source is a Headers object, so "+
				"undefined removes a header at either level), and non-empty searchParams replace the URL's own query. Recorded on Node 20.20.2 (undici 6.24.1).").StartingAt(merge.Boundary{
			Ref: "sindresorhus/ky#755", URL: "https://github.com/sindresorhus/ky/pull/755",
			Doc: "searchParams of ky.create and of the call accumulate (appendSearchParameters in deepMerge); before, deepMerge merged an object key by key and any other value replaced the client's"}),
		profile("2.0.0", "3", "2.1.0",
			"2.0.0 renamed prefixUrl to prefix, added baseUrl (WHATWG resolution), appends searchParams to the URL's query (PR #840) and "+
				"lets an undefined param delete the key from inherited params and the URL (deletedParametersSymbol, present from 2.0.0). "+
				"Plain-object headers are spread together case-sensitively before new Headers(), so two spellings of a name are combined ('a, b'). "+
				"QUERY normalization is 2.1.0+ (version-conditioned). Source read at v2.0.2 and the 2.1.0 npm distribution; recorded on Node 22.23.3 (undici 6.28.1), "+
				"whose fetch request headers match Node 20's.").StartingAt(merge.Boundary{
			Ref: "sindresorhus/ky#840", URL: "https://github.com/sindresorhus/ky/pull/840",
			Doc: "searchParams are appended to the input URL's own query instead of replacing it; the same major renamed prefixUrl to prefix " +
				"and added baseUrl (#606)"}),
	}
}

// profile is the range [min, max) with the rules cited at the release cited, its newest
// recorded one.
func profile(min, max, cited, note string) *merge.Profile {
	f := factsFor(cited)
	c := func(file, fn string, line int) merge.Cite {
		url := "https://github.com/sindresorhus/ky/blob/" + f.tag + "/" + file
		if line > 0 {
			url += "#L" + itoa(line)
		}
		return merge.Cite{File: file, Func: fn, Tag: f.tag, URL: url}
	}
	// ln picks the line in source/ at the range's tag, read in the repository at that tag (the
	// index has names only for ky, from tsc's output, so it cannot check them). 2.x gives none:
	// its source was read at v2.0.2 and in the 2.1.0 npm distribution, not at v2.1.0.
	ln := func(v111, v114 int) int {
		switch f.tag {
		case "v1.11.0":
			return v111
		case "v1.14.3":
			return v114
		}
		return 0
	}
	f.cite = cites{byteString: undici.Cite(f.undici, "lib/web/fetch/webidl.js", "webidl.converters.ByteString")}
	spAlso := []merge.Cite(nil)
	if !f.legacyParams { // appendSearchParameters is 1.12.0's (PR #755)
		f.cite.appendSearch = c("source/utils/merge.ts", "appendSearchParameters", 0)
		spAlso = []merge.Cite{f.cite.appendSearch}
	}
	runtime := "Node 20.20.2 (undici 6.24.1)"
	if f.major == 2 {
		runtime = "Node 22.23.3 (undici 6.28.1)"
	}
	headerDoc := "deepMerge keeps headers in a Headers object: new Headers(client) at ky.create, then the request headers are set over it case-insensitively; the Ky constructor re-merges and deletes every value that is the string 'undefined'."
	baseDoc := "prefixUrl: a string input must not start with '/'; '/' is appended to the prefix if missing and the two are concatenated (an absolute input too)."
	spDoc := "A non-empty searchParams (object, string or accumulated URLSearchParams) replaces everything between '?' and '#' in the Request URL."
	spMergeDoc := " searchParams: the first source is kept as is, a later one is appended (URLSearchParams.append), null/undefined drops all."
	if f.legacyParams {
		spMergeDoc = " searchParams (before 1.12): a request object is deep-merged into the client's key by key (arrays concatenated); a string, null or undefined replaces it."
	}
	if f.major == 2 {
		headerDoc = "deepMerge spreads plain-object headers ({...client, ...request}, case-sensitive keys) and drops undefined values; the Ky constructor turns the record into Headers, so two spellings of a name are combined 'a, b'."
		baseDoc = "prefix: trailing '/' of the prefix and leading '/' of the input are trimmed and joined with one '/'. baseUrl: a non-absolute input is resolved with new URL(input, baseUrl) (WHATWG)."
		spDoc = "searchParams are appended to the URL's own query through url.searchParams (re-serializing it); keys deleted by an undefined value are removed from the URL first."
	}
	p := &merge.Profile{
		Library:  "ky",
		Min:      min,
		Max:      max,
		Verified: merge.Recorded,
		Runtime:  runtime,
		Note:     note,
		Binding:  binding,
		Switches: switches(f),
		Rules: append([]merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/js/runner.mjs", Func: "kyCase", Tag: "mergeplay"},
				Doc:   "ky has no auth or cookies option; via and allowAbsoluteUrls have no binding; ky 1 has one prefixUrl for base_url and prefix.",
				Apply: func(s *merge.State) { bindingRule(s, f.at(s.Version)) }},
			{Name: "merge-options", Cite: c("source/utils/merge.ts", "deepMerge / mergeHeaders", ln(47, 86)), Also: []merge.Cite{f.cite.byteString},
				Doc:   "ky.create(client) then validateAndMerge(defaults, request). " + headerDoc + spMergeDoc,
				Apply: func(s *merge.State) { mergeOptions(s, f.at(s.Version)) }},
			{Name: "ky-constructor", Cite: c("source/core/Ky.ts", "Ky constructor", ln(162, 200)), Also: []merge.Cite{f.cite.byteString},
				Doc:   "Reads input.headers (TypeError for a null/undefined input), merges the headers once more, normalizes the method (lower-case get/post/put/patch/head/delete upper-cased) and joins the base. " + baseDoc,
				Apply: func(s *merge.State) { constructor(s, f.at(s.Version)) }},
			{Name: "json-body", Cite: c("source/core/Ky.ts", "Ky constructor (json)", ln(213, 252)),
				Doc:   "json !== undefined: body = JSON.stringify(json) and content-type set to application/json unless a content-type is already there.",
				Apply: jsonBody},
			{Name: "request", Cite: undici.Cite(f.undici, "lib/web/fetch/request.js", "Request constructor"),
				Doc:   "new Request(input, options): the URL must parse and carry no credentials; the method is normalized; GET/HEAD cannot have a body; a string body adds content-type text/plain;charset=UTF-8 when none is set.",
				Apply: request},
			{Name: "search-params", Cite: c("source/core/Ky.ts", "Ky constructor (searchParams)", ln(220, 270)), Also: spAlso,
				Doc:   spDoc,
				Apply: func(s *merge.State) { searchParams(s, f.at(s.Version)) }},
		}, undiciFetchRules(f.undici)...),
	}
	// Only 0.33.0 assigns request.duplex after new Request(); the rule, cited at that tag, sits
	// in the range holding 0.33.0, after the Request it fails on.
	if factsFor(min).duplexThrow {
		for i, r := range p.Rules {
			if r.Name == "request" {
				p.Rules = append(p.Rules[:i+1], append([]merge.Rule{duplexRule}, p.Rules[i+1:]...)...)
				break
			}
		}
	}
	return p
}

var duplexRule = merge.Rule{Name: "duplex", Cite: merge.Cite{File: "source/core/Ky.ts", Func: "Ky constructor (request.duplex)", Tag: "v0.33.0",
	URL: "https://github.com/sindresorhus/ky/blob/v0.33.0/source/core/Ky.ts#L177"},
	Doc:   "0.33.0 only: this.request.duplex = 'half' after new Request() throws in strict mode, since undici's Request.duplex has only a getter (fixed in 0.33.1, commit ae2fe07).",
	Apply: duplex}

func switches(f facts) []merge.Switch {
	if f.major == 1 {
		pm := "accumulate (append)"
		if f.legacyParams {
			pm = "deep merge by key (arrays concatenated); non-objects replace"
		}
		return []merge.Switch{{Name: "header-names", Value: "lower-cased, case-insensitive merge"}, {Name: "header-undefined", Value: "removes"},
			{Name: "header-null", Value: "string 'null'"}, {Name: "params-merge", Value: pm}, {Name: "url-query", Value: "replaced by params"},
			{Name: "base-join", Value: "prefixUrl concatenation; leading '/' throws"}, {Name: "absolute-url", Value: "concatenated onto prefixUrl"}}
	}
	return []merge.Switch{{Name: "header-names", Value: "case-sensitive spread, then combined 'a, b'"}, {Name: "header-undefined", Value: "removes the same spelling only"},
		{Name: "header-null", Value: "string 'null'"}, {Name: "params-merge", Value: "accumulate (append); undefined deletes"}, {Name: "url-query", Value: "params appended"},
		{Name: "base-join", Value: "baseUrl: WHATWG resolution; prefix: trim and join"}, {Name: "absolute-url", Value: "escapes baseUrl; concatenated onto prefix"}}
}

func itoa(n int) string {
	const digits = "0123456789"
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{digits[n%10]}, b...)
	}
	return string(b)
}

// state carries ky's merged options between rules.
type state struct {
	headers    *undici.Headers // a Headers object (ky 1), or nil when hdrRecord is used
	hdrRecord  *merge.Value    // ky 2: the merged plain-object record
	hdrOther   *merge.Value    // headers option that is not an object (null, undefined, false)
	sp         search
	input      string
	method     string
	body       *string
	jsonCT     bool
	fromJSON   bool
	reqParams  merge.Value
	clientPars merge.Value
	legacy     merge.Value // before 1.12: the merged searchParams option
}

// search is the merged searchParams option.
type search struct {
	set     bool
	kind    string // "object", "string", "list", "other"
	obj     merge.Value
	str     string
	pairs   [][2]string
	from    []string // kind "list": the side each pair came from
	src     string   // other kinds: the side that gave the value
	deleted []string
}

// provenance is the side each of the search's pairs came from, and whether they were
// accumulated (appendSearchParameters) rather than given by one side.
func (sp search) provenance(n int) ([]string, bool) {
	if sp.kind == "list" {
		return sp.from, true
	}
	out := make([]string, n)
	for i := range out {
		out[i] = sp.src
	}
	return out, false
}

func bindingRule(s *merge.State, f facts) {
	c, r := s.Client(), s.Request()
	if r.Via.Present() {
		s.Unsupported("request.via has no meaning for ky in the JS runner.")
		return
	}
	if c.AllowAbsoluteURLs.Present() {
		s.Unsupported("client.allowAbsoluteUrls has no binding for ky@%s in the JS runner.", s.Version)
		return
	}
	if r.AllowAbsoluteURLs.Present() {
		s.Unsupported("request.allowAbsoluteUrls has no binding for ky@%s in the JS runner.", s.Version)
		return
	}
	if c.Auth.Present() || r.Auth.Present() {
		s.Unsupported("ky has no auth option.")
		return
	}
	if c.Cookies.Present() || r.Cookies.Present() {
		s.Unsupported("ky has no cookies option.")
		return
	}
	if f.major == 1 && c.BaseURL.Present() && c.Prefix.Present() {
		s.Unsupported("ky 1 has only prefixUrl; base_url and prefix cannot both be given.")
		return
	}
	s.Vars["ky"] = &state{}
}

// contextCheck: deepMerge recurses into headers when both levels have a
// headers object, and its `context` special case then rejects a header
// named "context" whose value is not an object (1.13.0+).
// raiseHeaders raises new Headers(record)'s TypeError where undici raises it: a value with a
// code point above U+00FF fails webidl's ByteString conversion.
func raiseHeaders(s *merge.State, f facts, msg string) {
	at := merge.Cite{}
	if strings.Contains(msg, "ByteString") {
		at = f.cite.byteString
	}
	s.RaiseAt(at, "TypeError", "%s", msg)
}

func contextCheck(s *merge.State, f facts) bool {
	c, r := s.Client(), s.Request()
	if !f.contextThrow || c.Headers.Kind != merge.Object || r.Headers.Kind != merge.Object {
		return false
	}
	v := r.Headers.Get("context")
	if v.Present() && v.Kind != merge.Null && v.Kind != merge.Undefined && (v.Kind != merge.Object) {
		s.Raise("TypeError", "The `context` option must be an object")
		return true
	}
	return false
}

func mergeOptions(s *merge.State, f facts) {
	k := merge.Var[*state](s, "ky")
	c, r := s.Client(), s.Request()
	// Headers.
	if f.major == 1 {
		h := &undici.Headers{}
		if c.Headers.Kind == merge.Object {
			h1, msg := undici.FromRecord(c.Headers, merge.SourceClient)
			if msg != "" {
				raiseHeaders(s, f, msg)
				return
			}
			for _, e := range h1.Entries() {
				if e.Value == "undefined" {
					s.Explain(merge.FieldName(e.Name), e.Value, merge.SourceClient, merge.ActionRemove, "the client value became the string 'undefined', which mergeHeaders deletes when re-merging a Headers object")
					continue
				}
				h.Set(e.Name, e.Value, merge.SourceClient)
			}
			k.headers = h
		} else if c.Headers.Present() {
			v := c.Headers
			k.hdrOther = &v
		}
		if r.Headers.Kind == merge.Object {
			if contextCheck(s, f) {
				return
			}
			src, msg := undici.FromRecord(r.Headers, merge.SourceRequest)
			if msg != "" {
				raiseHeaders(s, f, msg)
				return
			}
			if c.Headers.Kind != merge.Object {
				h = &undici.Headers{}
			}
			for _, e := range src.Entries() {
				if old, ok := h.Get(e.Name); ok {
					s.Explain(merge.FieldName(e.Name), old, merge.SourceClient, merge.ActionOverride, "request "+e.Name+": "+e.Value+" replaces it (Headers.set is case-insensitive)")
				}
				h.Set(e.Name, e.Value, merge.SourceRequest)
			}
			k.headers, k.hdrOther = h, nil
		} else if r.Headers.Present() {
			v := r.Headers
			k.hdrOther, k.headers = &v, nil
		}
	} else {
		var rec *merge.Value
		if c.Headers.Kind == merge.Object {
			v := merge.Value{Kind: merge.Object}
			for _, fl := range js.Ordered(c.Headers).Fields {
				if fl.Value.Kind != merge.Undefined {
					v.Fields = append(v.Fields, fl)
				}
			}
			rec = &v
		} else if c.Headers.Present() {
			v := c.Headers
			k.hdrOther = &v
		}
		if r.Headers.Kind == merge.Object {
			if contextCheck(s, f) {
				return
			}
			base := merge.Value{Kind: merge.Object}
			if rec != nil {
				base = *rec
			}
			merged := merge.Value{Kind: merge.Object, Fields: append([]merge.Field(nil), base.Fields...)}
			for _, fl := range js.Ordered(r.Headers).Fields {
				replaced := false
				for i := range merged.Fields {
					if merged.Fields[i].Key == fl.Key {
						merged.Fields[i].Value = fl.Value
						replaced = true
					}
				}
				if !replaced {
					merged.Fields = append(merged.Fields, fl)
				}
			}
			out := merge.Value{Kind: merge.Object}
			for _, fl := range js.Ordered(merged).Fields {
				if fl.Value.Kind != merge.Undefined {
					out.Fields = append(out.Fields, fl)
				} else if base.Get(fl.Key).Present() {
					s.Explain(merge.FieldName(fl.Key), "", merge.SourceRequest, merge.ActionRemove, "request "+fl.Key+": undefined removes the client value of this exact spelling")
				}
			}
			rec, k.hdrOther = &out, nil
		} else if r.Headers.Present() {
			v := r.Headers
			k.hdrOther, rec = &v, nil
		}
		k.hdrRecord = rec
	}
	// searchParams.
	k.clientPars, k.reqParams = c.Params, r.Params
	if f.legacyParams {
		k.legacy = legacyParams(s, c.Params, r.Params)
		return
	}
	for _, lvl := range []struct {
		v   merge.Value
		src string
	}{{c.Params, merge.SourceClient}, {r.Params, merge.SourceRequest}} {
		v := lvl.v
		switch {
		case !v.Present():
		case v.Kind == merge.Null || v.Kind == merge.Undefined:
			if k.sp.set {
				s.Explain("query", "", lvl.src, merge.ActionRemove, "searchParams "+v.Kind.String()+" drops every inherited parameter")
			}
			k.sp = search{}
		case !k.sp.set:
			k.sp = search{set: true, kind: "other", obj: js.Ordered(v), src: lvl.src}
			switch v.Kind {
			case merge.Object:
				k.sp.kind = "object"
			case merge.String:
				k.sp.kind, k.sp.str = "string", v.Text
			}
		default:
			k.sp = appendSearch(k.sp, js.Ordered(v), f, lvl.src)
		}
	}
}

// appendSearch is appendSearchParameters(target, source): both sides'
// entries appended to a new URLSearchParams; in ky 2 an undefined value
// deletes the key and remembers it for the URL.
func appendSearch(t search, src merge.Value, f facts, side string) search {
	out := search{set: true, kind: "list"}
	deleted := []string{}
	del := func(key string) {
		var kept [][2]string
		var from []string
		for i, p := range out.pairs {
			if p[0] != key {
				kept = append(kept, p)
				from = append(from, out.from[i])
			}
		}
		out.pairs, out.from = kept, from
	}
	add := func(p [2]string, side string) {
		out.pairs = append(out.pairs, p)
		out.from = append(out.from, side)
	}
	undel := func(key string) {
		for i, d := range deleted {
			if d == key {
				deleted = append(deleted[:i], deleted[i+1:]...)
				return
			}
		}
	}
	addDeleted := func(key string) {
		undel(key)
		deleted = append(deleted, key)
	}
	feed := func(kind string, obj merge.Value, str string, pairs [][2]string, from []string, dels []string, side string) {
		switch kind {
		case "list":
			for i, p := range pairs {
				add(p, from[i])
				undel(p[0])
			}
			for _, d := range dels {
				del(d)
				addDeleted(d)
			}
		case "object":
			for _, fl := range obj.Fields {
				if fl.Value.Kind == merge.Undefined {
					if f.major >= 2 {
						del(fl.Key)
						addDeleted(fl.Key)
					}
					continue
				}
				add([2]string{fl.Key, js.String(fl.Value)}, side)
				undel(fl.Key)
			}
		default: // new URLSearchParams(String(value))
			for _, p := range whatwg.ParseSearchParams(str) {
				add(p, side)
				undel(p[0])
			}
		}
	}
	tstr := t.str
	if t.kind == "other" {
		tstr = js.String(t.obj)
	}
	feed(t.kind, t.obj, tstr, t.pairs, t.from, t.deleted, t.src)
	switch src.Kind {
	case merge.Object:
		feed("object", src, "", nil, nil, nil, side)
	default:
		feed("string", merge.Value{}, js.String(src), nil, nil, nil, side)
	}
	if f.major >= 2 {
		out.deleted = deleted
	}
	return out
}

func constructor(s *merge.State, f facts) {
	k := merge.Var[*state](s, "ky")
	c, r := s.Client(), s.Request()
	input := r.URL
	if !input.Present() {
		input = merge.Value{Kind: merge.String}
	}
	if input.Kind == merge.Null || input.Kind == merge.Undefined {
		s.Raise("TypeError", "%s", readPropertyError(input, "headers"))
		return
	}
	// mergeHeaders(input.headers, options.headers)
	h := &undici.Headers{}
	switch {
	case k.hdrOther != nil && k.hdrOther.Kind != merge.Undefined:
		s.Raise("TypeError", "%s", undici.InitError)
		return
	case f.major == 1 && k.headers != nil:
		for _, e := range k.headers.Entries() {
			if e.Value == "undefined" {
				s.Explain(merge.FieldName(e.Name), "", e.Source, merge.ActionRemove, e.Source+" value undefined: mergeHeaders deletes the string 'undefined' from a Headers source")
				continue
			}
			h.Set(e.Name, e.Value, e.Source)
		}
	case k.hdrRecord != nil:
		var msg string
		h, msg = undici.FromRecord(*k.hdrRecord, "")
		if msg != "" {
			raiseHeaders(s, f, msg)
			return
		}
		// The sources of a combined record: request wins where it spelled the name.
		for i := range h.L {
			h.L[i].Source = merge.SourceClient
			for _, fl := range r.Headers.Fields {
				if strings.EqualFold(fl.Key, h.L[i].Name) {
					h.L[i].Source = merge.SourceRequest
				}
			}
		}
		h.L = h.Entries()
	}
	if k.hdrOther != nil && k.hdrOther.Kind == merge.Undefined {
		s.Explain("headers", "", merge.SourceRequest, merge.ActionRemove, "headers: undefined leaves no headers at all")
	}
	for _, e := range h.L {
		note := "headers are lower-cased and sorted by name when ky iterates its Headers object"
		if strings.Contains(e.Value, ", ") && f.major == 2 {
			note = "values of one name from the merged record are combined with ', '"
		}
		s.Explain(merge.FieldName(e.Name), e.Value, e.Source, merge.ActionSet, note)
	}
	// method
	m := "GET"
	if r.Method.Kind == merge.String {
		m = r.Method.Text
		switch m {
		case "get", "post", "put", "patch", "head", "delete":
			m = strings.ToUpper(m)
		case "query":
			if f.queryMethod {
				m = "QUERY"
			}
		}
	}
	k.method = m
	// input and base
	in := input.Text
	if f.major == 1 {
		prefix := ""
		for _, v := range []merge.Value{c.BaseURL, c.Prefix} {
			if v.Kind == merge.String {
				prefix = v.Text
			}
		}
		if prefix != "" {
			if strings.HasPrefix(in, "/") {
				s.Raise("Error", "`input` must not begin with a slash when using `prefixUrl`")
				return
			}
			if !strings.HasSuffix(prefix, "/") {
				prefix += "/"
			}
			s.Explain("url", prefix+in, merge.SourceClient, merge.ActionSet, "prefixUrl "+prefix+" + input "+in+", concatenated")
			in = prefix + in
		}
	} else {
		if c.Prefix.Kind == merge.String && c.Prefix.Text != "" {
			p := strings.TrimRight(c.Prefix.Text, "/")
			joined := p + "/" + strings.TrimLeft(in, "/")
			s.Explain("url", joined, merge.SourceClient, merge.ActionSet, "prefix and input joined with one '/'")
			in = joined
		}
		if c.BaseURL.Kind == merge.String && c.BaseURL.Text != "" {
			norm := strings.TrimLeft(in, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
			norm = whatwg.RemoveTabNewline(norm)
			if malformedHTTP(norm) {
				s.Raise("TypeError", "`input` url protocol must be followed by `//` when using `baseUrl`")
				return
			}
			if !absolute(norm) {
				base, msg := undici.ParseURL(c.BaseURL.Text)
				if msg != "" {
					s.Raise("TypeError", "%s", msg)
					return
				}
				u, err := whatwg.Parse(in, base)
				if err != nil {
					s.Raise("TypeError", "Invalid URL")
					return
				}
				s.Explain("url", u.Href(), merge.SourceClient, merge.ActionSet, "new URL(input, baseUrl): WHATWG resolution against "+base.Href())
				in = u.Href()
			} else {
				s.Explain("url", in, merge.SourceRequest, merge.ActionKeep, "an absolute input ignores baseUrl")
			}
		}
	}
	k.input = in
	k.headers = h
}

// malformedHTTP is /^https?:(?!\/\/)/i.
func malformedHTTP(s string) bool {
	l := strings.ToLower(s)
	for _, p := range []string{"http:", "https:"} {
		if strings.HasPrefix(l, p) {
			return !strings.HasPrefix(l[len(p):], "//")
		}
	}
	return false
}

// absolute is /^[a-z][\d+.a-z-]*:/i.
func absolute(s string) bool {
	i := strings.IndexByte(s, ':')
	return i > 0 && whatwg.IsScheme(s[:i])
}

func jsonBody(s *merge.State) {
	k := merge.Var[*state](s, "ky")
	r := s.Request()
	if r.Body.Kind == merge.String {
		b := r.Body.Text
		k.body = &b
	}
	if r.JSON.Present() && r.JSON.Kind != merge.Undefined {
		b := jsontext.Encode(js.Ordered(r.JSON), jsontext.JS)
		k.body, k.fromJSON = &b, true
		if k.headers == nil {
			k.headers = &undici.Headers{}
		}
		if ct, ok := k.headers.Get("content-type"); ok {
			s.Explain(merge.FieldName("content-type"), ct, merge.SourceRequest, merge.ActionKeep, "json keeps the content-type already set")
		} else {
			k.headers.Set("content-type", "application/json", merge.SourceDefault)
			k.jsonCT = true
			s.Explain(merge.FieldName("content-type"), "application/json", merge.SourceDefault, merge.ActionSet, "json sets content-type when none is set")
		}
	}
}

func request(s *merge.State) {
	k := merge.Var[*state](s, "ky")
	u, msg := undici.ParseURL(k.input)
	if msg != "" {
		s.Raise("TypeError", "%s", msg)
		return
	}
	m, msg := undici.Method(k.method)
	if msg != "" {
		s.Raise("TypeError", "%s", msg)
		return
	}
	// Before 1.4.0 the json body is added by a second new Request(this.request, {body}) after the
	// searchParams step; the outcome is the same, except that 0.33.0's duplex error comes first.
	if k.body != nil && (m == "GET" || m == "HEAD") && !(k.fromJSON && factsFor(s.Version).duplexThrow) {
		s.Raise("TypeError", undici.GetBodyError)
		return
	}
	h := &undici.Headers{}
	if k.headers != nil {
		h = k.headers.Clone()
	}
	if k.body != nil {
		if !h.Has("content-type") {
			h.Append("content-type", "text/plain;charset=UTF-8", merge.SourceDefault)
			s.Explain(merge.FieldName("content-type"), "text/plain;charset=UTF-8", merge.SourceDefault, merge.ActionSet, "a string body's type, added by the Request constructor when no content-type is set")
		}
	}
	req := &undici.Request{Method: m, URL: u, Headers: h}
	if k.body != nil {
		req.Body, req.HasBody = js.UTF8(*k.body), true
	}
	s.Vars["fetch"] = req
}

func duplex(s *merge.State) {
	if factsFor(s.Version).duplexThrow {
		s.Warn("ky 0.33.0 sends no request on Node 18 or newer: the recordings show this TypeError for every request it constructs; use 0.33.1 or newer")
		s.Raise("TypeError", "Cannot set property duplex of #<_Request> which has only a getter")
	}
}

func searchParams(s *merge.State, f facts) {
	k := merge.Var[*state](s, "ky")
	req := merge.Var[*undici.Request](s, "fetch")
	sp := k.sp
	has := false
	if f.legacyParams {
		var ok bool
		if sp, has, ok = legacySearch(s, k.legacy, f); !ok {
			return
		}
	} else if sp.set {
		switch sp.kind {
		case "list":
			has = len(sp.pairs) > 0 || len(sp.deleted) > 0
		case "object":
			has = len(sp.obj.Fields) > 0
		case "string":
			has = strings.TrimSpace(sp.str) != ""
		default:
			has = sp.obj.Kind == merge.Number && sp.obj.Text != "0" || sp.obj.Kind == merge.Bool && sp.obj.Bool
		}
	}
	if !has {
		if req.URL != nil {
			explainPairs(s, f, whatwg.ParseSearchParams(req.URL.Query), nil, false)
		}
		return
	}
	var pairs [][2]string
	var undef []string
	switch sp.kind {
	case "list":
		pairs = sp.pairs
	case "object":
		for _, fl := range sp.obj.Fields {
			if fl.Value.Kind == merge.Undefined {
				undef = append(undef, fl.Key)
				continue
			}
			pairs = append(pairs, [2]string{fl.Key, js.String(fl.Value)})
		}
	case "other":
		pairs = whatwg.ParseSearchParams(js.String(sp.obj))
	case "string":
		pairs = whatwg.ParseSearchParams(strings.TrimPrefix(sp.str, "?"))
	}
	from, accumulated := sp.provenance(len(pairs))
	var own [][2]string // the URL's own pairs that stay, before the searchParams (ky 2)
	href := req.URL.Href()
	if f.major == 1 {
		text := strings.TrimPrefix(sp.str, "?")
		if sp.kind != "string" {
			text = whatwg.SearchParamsString(pairs)
		}
		// url.replace(/(?:\?.*?)?(?=#|$)/, '?' + text)
		cut := strings.IndexAny(href, "?#")
		switch {
		case cut < 0:
			href += "?" + text
		case href[cut] == '#':
			href = href[:cut] + "?" + text + href[cut:]
		default:
			end := strings.IndexByte(href[cut:], '#')
			if end < 0 {
				href = href[:cut] + "?" + text
			} else {
				href = href[:cut] + "?" + text + href[cut+end:]
			}
		}
		s.Explain("url", href, merge.SourceRequest, merge.ActionOverride, "non-empty searchParams replace the URL's own query")
	} else {
		u := *req.URL
		list := whatwg.ParseSearchParams(u.Query)
		update := func() {
			u.Query = whatwg.SearchParamsString(list)
			u.HasQuery = u.Query != ""
		}
		remove := func(key string) {
			var kept [][2]string
			for _, p := range list {
				if p[0] != key {
					kept = append(kept, p)
				}
			}
			list = kept
			update()
		}
		for _, d := range sp.deleted {
			remove(d)
			s.Explain(merge.QueryField(d), "", merge.SourceRequest, merge.ActionRemove, "an undefined param deletes the key from the URL's query too")
		}
		for _, key := range undef {
			remove(key)
			s.Explain(merge.QueryField(key), "", merge.SourceRequest, merge.ActionRemove, "an undefined param deletes the key from the URL's query")
		}
		own = list
		if sp.kind == "string" {
			text := strings.TrimPrefix(sp.str, "?")
			if text != "" {
				search := u.Search()
				if search != "" {
					text = search + "&" + text
				}
				nu, err := whatwg.Parse("?"+strings.TrimPrefix(text, "?"), &u)
				if err == nil {
					u.Query, u.HasQuery = nu.Query, nu.Query != ""
				}
			}
		} else {
			for _, p := range pairs {
				list = append(list, p)
				update()
			}
		}
		href = u.Href()
		s.Explain("url", href, merge.SourceRequest, merge.ActionSet, "searchParams appended to the URL's own query")
	}
	u, err := whatwg.Parse(href, nil)
	if err != nil {
		s.Raise("TypeError", "Failed to parse URL from %s", href)
		return
	}
	req.URL = u
	explainPairs(s, f, own, nil, false)
	explainPairs(s, f, pairs, from, accumulated)
}

// explainPairs gives each query pair sent its own step, from the side that supplied it: from
// is nil for the URL's own query; accumulated pairs were appended by appendSearchParameters.
func explainPairs(s *merge.State, f facts, pairs [][2]string, from []string, accumulated bool) {
	for i, p := range pairs {
		if from == nil {
			s.Explain(merge.QueryField(p[0]), p[1], merge.SourceURL, merge.ActionKeep, "from the request URL's own query")
			continue
		}
		note := map[string]string{merge.SourceClient: "instance searchParams", merge.SourceRequest: "request searchParams"}[from[i]]
		if accumulated {
			s.ExplainAt(f.cite.appendSearch, merge.QueryField(p[0]), p[1], from[i], merge.ActionSet, note+", appended after the inherited ones")
			continue
		}
		s.Explain(merge.QueryField(p[0]), p[1], from[i], merge.ActionSet, note)
	}
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way JavaScript does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("js", recordedReleases.Apply(profiles()...)...)
})

// legacyParams is deepMerge's searchParams before 1.12 (source/utils/merge.ts deepMerge
// @v1.11.0): a request object is merged into the client's object key by key, in place
// ({...returnValue, [key]: value}), an array value concatenated onto an array; any other
// request value (string, null, undefined, false) replaces the client's.
func legacyParams(s *merge.State, c, r merge.Value) merge.Value {
	if !r.Present() {
		return c
	}
	if c.Present() && r.Kind != merge.Object {
		s.Explain("query", "", merge.SourceRequest, merge.ActionOverride, "the request's searchParams "+r.Kind.String()+" replaces the client's (deepMerge before 1.12)")
		return r
	}
	if c.Kind != merge.Object {
		return r
	}
	out := merge.Value{Kind: merge.Object, Fields: append([]merge.Field(nil), js.Ordered(c).Fields...)}
	for _, fl := range js.Ordered(r).Fields {
		v, at := fl.Value, -1
		for i := range out.Fields {
			if out.Fields[i].Key == fl.Key {
				at = i
			}
		}
		if at < 0 {
			out.Fields = append(out.Fields, fl)
			continue
		}
		if old := out.Fields[at].Value; v.Kind == merge.Array && old.Kind == merge.Array {
			v = merge.Value{Kind: merge.Array, Items: append(append([]merge.Value(nil), old.Items...), v.Items...)}
		}
		s.Explain(merge.QueryField(fl.Key), js.String(v), merge.SourceRequest, merge.ActionOverride, "deepMerge replaces the client's value in place (arrays are concatenated)")
		out.Fields[at].Value = v
	}
	return js.Ordered(out)
}

// legacySearch is the Ky constructor's searchParams test before 1.12: truthiness, or from
// 1.9.0 hasSearchParameters (whose Object.keys throws for null). ok is false when it raised.
func legacySearch(s *merge.State, v merge.Value, f facts) (sp search, has, ok bool) {
	switch v.Kind {
	case merge.Absent, merge.Undefined, merge.Null:
		if v.Kind == merge.Null && f.hasSearch {
			s.Raise("TypeError", "Cannot convert undefined or null to object")
			return sp, false, false
		}
		return sp, false, true
	case merge.String:
		has = v.Text != ""
		if f.hasSearch {
			has = strings.TrimSpace(v.Text) != ""
		}
		return search{set: true, kind: "string", str: v.Text}, has, true
	case merge.Object:
		obj := merge.Value{Kind: merge.Object}
		for _, fl := range v.Fields {
			if fl.Value.Kind == merge.Undefined && !f.dropUndef {
				fl.Value = merge.Value{Kind: merge.String, Text: "undefined"} // String(undefined) in new URLSearchParams(record)
			}
			obj.Fields = append(obj.Fields, fl)
		}
		return search{set: true, kind: "object", obj: obj}, !f.hasSearch || len(v.Fields) > 0, true
	}
	return search{set: true, kind: "other", obj: v}, v.Kind == merge.Bool && v.Bool, true
}
