package got

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/nodehttp"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// got profiles. got.extend(client) merges the client options into an Options
// instance through the option setters; a call creates new Options(input,
// request, defaults), which merges the request options the same way and sets
// the URL last. The Request then finalizes the body, sanitizes headers, adds
// accept-encoding and Basic auth, and hands a headers object to Node's
// http.request, which adds Host, Connection and Content-Length.

const binding = "instance = got.extend({retry: {limit: 0}, followRedirect: false, throwHttpErrors: false}, " +
	"{prefixUrl: base_url, headers, searchParams: params, username, password (from auth), allowAbsoluteUrls (15.1+)}); " +
	"await instance(url ?? '', {method, headers, searchParams: params, json, body, username, password, allowAbsoluteUrls (15.1+)}) " +
	"(conformance/runners/js/BINDING.md). auth null/false/undefined is passed as both username and password; " +
	"bearer auth, cookies and via are unsupported."

func profiles() []*merge.Profile {
	return []*merge.Profile{
		// Boundary citations (why each range starts where it does, and the switches inside it) are
		// in the facts comments of options.go; the notes name them briefly.
		profile("12.0.0", "13", "12.6.1", "Node 20.20.2",
			"Until 13.0.0 merge() hands undefined to the setters (PR #2258): searchParams: undefined resets, auth: undefined throws. "+
				"json must be an object before 12.0.3 (PR #2015). is 4/5 error wording; absolute urls are concatenated onto prefixUrl."),
		profile("13.0.0", "15", "14.6.6", "Node 20.20.2",
			"By version: is 6 error wording from 14.0.0 (PR #2313); option names in errors from 14.6.0 (f5c54a37); absolute urls bypass prefixUrl from 14.6.1 "+
				"(9725fbd1, missing from the 14.6.0 npm dist), needing 'scheme://' from 14.6.2 (0a16a9ca). Credentials overwrite an explicit authorization header.").StartingAt(merge.Boundary{
			Ref: "sindresorhus/got#2258", URL: "https://github.com/sindresorhus/got/pull/2258",
			Doc: "merge() skips an undefined option instead of handing it to the setter, so searchParams: undefined no longer resets and auth: undefined no longer throws"}),
		profile("15.0.0", "16", "15.1.0", "Node 22.23.3",
			"By version: authorization: undefined omits the credentials from 15.0.2 (c5ce415c); an explicit authorization header wins from 15.0.3 (b03e6f95); "+
				"'//' urls are absolute and allowAbsoluteUrls exists from 15.1.0 (sindresorhus/got#2462).").StartingAt(merge.Boundary{
			Ref: "sindresorhus/got@b933476", URL: "https://github.com/sindresorhus/got/commit/b933476940ef1d36efdc030b7dadc8a6c60bae3c",
			Doc: "15.0.0 requires Node.js 22 (engines node >=22), whose process.versions.zstd makes the default accept-encoding add zstd " +
				"(supportsZstd in core/index.ts): the only difference recorded between 14.6.6 on Node 20 and 15.0.0 on Node 22"}),
		profile("16.0.0", "17", "16.1.0", "Node 22.23.3",
			"16.1.0 (npm dist diff): searchParams: undefined resets, a prefixUrl query is rejected, content-type: null with json raises, "+
				"method '' is rejected, header numbers become strings. Cited from the npm dist (the git mirror stops at v15.0.5)."),
	}
}

func cite(f facts, file, fn string, line int) merge.Cite {
	if f.major >= 16 {
		dist := "dist/source/" + strings.TrimSuffix(strings.TrimPrefix(file, "source/"), ".ts") + ".js"
		url := "https://unpkg.com/browse/got@" + f.tag + "/" + dist // browse pages carry line anchors
		if line > 0 {
			url += "#L" + strconv.Itoa(line)
		}
		return merge.Cite{File: dist, Func: fn, Tag: "got@" + f.tag + " (npm)", URL: url}
	}
	url := "https://github.com/sindresorhus/got/blob/" + f.tag + "/" + file
	if line > 0 {
		url += "#L" + strconv.Itoa(line)
	}
	return merge.Cite{File: file, Func: fn, Tag: f.tag, URL: url}
}

// profile is the range [min, max) with the rules cited at the release cited, its newest
// recorded one.
func profile(min, max, cited, runtime, note string) *merge.Profile {
	f := factsFor(cited)
	// ln picks the line at the range's cited tag: v14.6.6's source, or 15.1.0's and 16.1.0's
	// npm dist (the index checks those two). v12.6.1's lines are not given: the index has its
	// names only, so nothing would check them.
	ln := func(v14, v15, v16 int) int {
		switch f.tag {
		case "v14.6.6":
			return v14
		case "15.1.0":
			return v15
		case "16.1.0":
			return v16
		}
		return 0
	}
	opts := func(fn string, l14, l15, l16 int) merge.Cite {
		return cite(f, "source/core/options.ts", fn, ln(l14, l15, l16))
	}
	core := func(fn string, l14, l15, l16 int) merge.Cite {
		return cite(f, "source/core/index.ts", fn, ln(l14, l15, l16))
	}
	node := "v20.20.2"
	nodeLines := [4]int{134, 410, 629, 0} // ClientRequest, _storeHeader, validateHeaderValue
	if f.major >= 16 {
		node, nodeLines = "v22.23.3", [4]int{191, 455, 0, 698}
	}
	nodeAt := func(file, fn string, line int) merge.Cite {
		return merge.Cite{File: file, Func: fn, Tag: node, URL: fmt.Sprintf("https://github.com/nodejs/node/blob/%s/%s#L%d", node, file, line)}
	}
	// Node 22's validateHeaderValue is an anonymous hideStackFrames wrapper the index has no
	// name for; the raise is cited at setHeader, which calls it.
	invalidChar := nodeAt("lib/_http_outgoing.js", "validateHeaderValue", nodeLines[2])
	if f.major >= 16 {
		invalidChar = nodeAt("lib/_http_outgoing.js", "OutgoingMessage.setHeader", nodeLines[3])
	}
	gc := cites{
		merge:        opts("Options.merge", 0, 598, 683),
		searchParams: opts("Options.searchParams", 0, 1061, 1179),
		prefixURL:    opts("Options.prefixUrl", 0, 806, 895),
		username:     opts("Options.username", 0, 1320, 1435),
		password:     opts("Options.password", 0, 1337, 1442),
		storeHeader:  nodeAt("lib/_http_outgoing.js", "OutgoingMessage._storeHeader", nodeLines[1]),
		invalidChar:  invalidChar,
	}
	authDoc := "_makeRequest: if username || password (read back from the URL, decodeURIComponent), headers.authorization = 'Basic ' + base64(username:password), " +
		"assigned in place over an explicit authorization header (also one set to undefined, which sanitizing already deleted, so it is appended)."
	aeDoc := "If headers['accept-encoding'] is undefined (absent, or deleted because it was undefined), it is set to '" + f.acceptEnc + "'."
	ctDoc := "json: content-type is set to application/json unless headers['content-type'] is a string (so null or a number is replaced in place)"
	if f.major >= 16 {
		authDoc = "_makeRequest: Basic auth from username/password is generated only when authorization was never set through the headers option " +
			"(client or request); an explicit value wins, and an explicit undefined omits Authorization and strips the URL's credentials."
	}
	if f.v161 {
		aeDoc = "If headers['accept-encoding'] is undefined and was not set explicitly (an explicit undefined omits it), it is set to '" + f.acceptEnc + "'."
		ctDoc = "json: content-type is set to application/json only when headers['content-type'] is undefined (null is kept and rejected later)"
	}
	mergeDoc := "."
	switch {
	case f.v161:
		mergeDoc = " except searchParams, which undefined resets."
	case f.undefinedSet:
		mergeDoc = ", except that before 13 undefined reaches the setters (searchParams resets, the others throw)."
	}
	return &merge.Profile{
		Library:  "got",
		Min:      min,
		Max:      max,
		Verified: merge.Recorded,
		Runtime:  runtime,
		Note:     note,
		Binding:  binding,
		Switches: switches(f, factsFor(min)),
		Rules: []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/js/runner.mjs", Func: "gotCase", Tag: "mergeplay"},
				Doc: "got has username/password only (no bearer) and needs a cookieJar object for cookies; via has no meaning; allowAbsoluteUrls exists from 15.1.0.",
				Apply: func(s *merge.State) {
					if bindingRule(s, factsFor(s.Version)); of(s) != nil {
						of(s).cite = gc
					}
				}},
			{Name: "extend-client", Cite: cite(f, "source/create.ts", "got.extend", ln(97, 102, 117)), Also: []merge.Cite{gc.merge, gc.searchParams, gc.prefixURL},
				Doc: "got.extend merges the client options through the setters: prefixUrl gets a trailing '/', header names are lower-cased and " +
					"Object.assign-ed onto the defaults ({'user-agent': 'got (…)'}), searchParams keys replace earlier ones (moved to the end). " +
					"A rejected option is thrown synchronously as TypeError.",
				Apply: func(s *merge.State) { extend(s) }},
			{Name: "merge-request", Cite: opts("Options constructor / Options.merge", 1359, 536, 615),
				Doc: "new Options(input, request, defaults) clones the client's internals and merges the request options in order " +
					"(method, headers, searchParams, json, body, allowAbsoluteUrls, username, password); undefined values are skipped" + mergeDoc,
				Apply: mergeRequest},
			{Name: "set-url", Cite: opts("Options.url", 1746, 929, 1044), Also: []merge.Cite{gc.username, gc.password, gc.searchParams},
				Doc: "The url is set last (in a finally, so its error wins over a merge error): a leading '/' throws; a relative url is " +
					"concatenated onto prefixUrl, an absolute one bypasses it; credentials are written into the URL; when searchParams " +
					"exist (even {}), url.search = searchParams.toString(), discarding the URL's own query.",
				Apply: setURL},
			{Name: "missing-url", Cite: core("Request constructor", 204, 166, 196),
				Doc:   "No url: TypeError 'Missing `url` property' without prefixUrl, else the url is '' (the prefix itself).",
				Apply: missingURL},
			{Name: "finalize-body", Cite: core("Request._finalizeBody", 682, 621, 794),
				Doc: "GET/HEAD with json or body throw. " + ctDoc + "; the body is JSON.stringify(json) or the string; content-length is its " +
					"UTF-8 length unless content-length or transfer-encoding is set.",
				Apply: finalizeBody},
			{Name: "sanitize-headers", Cite: core("Request._makeRequest (sanitizeHeaders)", 1398, 1678, 2050),
				Doc: "Headers whose value is undefined are deleted (the default user-agent too); null throws TypeError 'Use `undefined` " +
					"instead of `null` to delete the `x` header'." + map[bool]string{true: " Arrays for authorization, content-length, host (16.1), proxy-authorization and transfer-encoding must hold one value; content-length is dropped when transfer-encoding is set.", false: ""}[f.major >= 16],
				Apply: sanitize},
			{Name: "accept-encoding", Cite: core("Request._makeRequest (decompress)", 1407, 1720, 2088),
				Doc:   aeDoc,
				Apply: acceptEncoding},
			{Name: "basic-auth", Cite: core("Request._makeRequest (authorization)", 1420, 1734, 2099),
				Doc:   authDoc,
				Apply: basicAuth},
			{Name: "node-http", Cite: nodeAt("lib/_http_client.js", "ClientRequest", nodeLines[0]), Also: []merge.Cite{gc.storeHeader, gc.invalidChar},
				Doc: "http.request(url, {headers}) sets each header in object order (validating characters), then Host, Authorization from the " +
					"URL's credentials if no truthy authorization header, Connection: keep-alive, and Content-Length: 0 for a body-less " +
					"method other than GET, HEAD, DELETE, OPTIONS, TRACE and CONNECT. Array values become repeated lines.",
				Apply: nodeHTTP},
		},
	}
}

// switches are the range's behaviour: f of its newest release, first of its oldest.
func switches(f, first facts) []merge.Switch {
	sw := []merge.Switch{
		{Name: "header-names", Value: "lower-cased; request Object.assign-ed over client"},
		{Name: "header-undefined", Value: "removes (library defaults too)"},
		{Name: "header-null", Value: "RequestError"},
		{Name: "params-merge", Value: "key replace, moved to the end"},
		{Name: "url-query", Value: "replaced by params (also by {})"},
		{Name: "base-join", Value: "prefixUrl concatenation; leading '/' throws"},
		{Name: "auth-null", Value: "RequestError (username must be a string)"},
	}
	if f.major >= 16 {
		abs, wins, disable, undef := "bypasses prefixUrl; allowAbsoluteUrls: false rejects", "explicit authorization header wins",
			"headers: {authorization: undefined}", "resets the client's params"
		if !f.allowAbs {
			abs = "bypasses prefixUrl ('//' too from 15.1.0)"
		}
		if !first.authWins {
			wins = "explicit authorization header wins from 15.0.3; credentials overwrite it before"
			disable = "headers: {authorization: undefined} from 15.0.2; username: '', password: '' before"
		}
		switch {
		case !f.v161:
			undef = "ignored (inherits)"
		case !first.v161:
			undef = "resets the client's params from 16.1.0; ignored (inherits) in 16.0.0"
		}
		return append(sw,
			merge.Switch{Name: "absolute-url", Value: abs},
			merge.Switch{Name: "auth-vs-header", Value: wins},
			merge.Switch{Name: "auth-disable", Value: disable},
			merge.Switch{Name: "params-undefined", Value: undef})
	}
	abs, undef := "bypasses prefixUrl", "ignored (inherits)"
	switch {
	case f.undefinedSet:
		abs, undef = "concatenated onto prefixUrl", "resets the client's params (the setter receives undefined)"
	case first.absConcat:
		abs = "concatenated onto prefixUrl before 14.6.1; bypasses it from 14.6.1"
	}
	return append(sw,
		merge.Switch{Name: "absolute-url", Value: abs},
		merge.Switch{Name: "auth-vs-header", Value: "credentials overwrite the header"},
		merge.Switch{Name: "auth-disable", Value: "username: '', password: ''"},
		merge.Switch{Name: "params-undefined", Value: undef})
}

// state carries got's Options between rules.
// cites are the functions a rule's steps and raises point at besides the rule's own (Rule.Also).
type cites struct {
	merge, searchParams, prefixURL, username, password merge.Cite // core/options
	storeHeader, invalidChar                           merge.Cite // Node's http module
}

type state struct {
	f        facts
	cite     cites
	mergeAt  string // the option whose setter threw mergeErr
	o        *options
	mergeErr *optionError
	urlNote  string
	ownQuery string // the URL's own query before searchParams replaced it
	omitAuth bool   // 16: authorization explicitly omitted, URL credentials stripped
	hasBody  bool
}

func of(s *merge.State) *state { return merge.Var[*state](s, "got") }

func bindingRule(s *merge.State, f facts) {
	c, r := s.Client(), s.Request()
	id := "got@" + s.Version
	if r.Via.Present() {
		s.Unsupported("request.via has no meaning for got in the JS runner.")
		return
	}
	if c.Prefix.Present() {
		s.Unsupported("client.prefix has no binding for %s in the JS runner.", id)
		return
	}
	if !f.allowAbs && c.AllowAbsoluteURLs.Present() {
		s.Unsupported("client.allowAbsoluteUrls has no binding for %s in the JS runner.", id)
		return
	}
	if !f.allowAbs && r.AllowAbsoluteURLs.Present() {
		s.Unsupported("request.allowAbsoluteUrls has no binding for %s in the JS runner.", id)
		return
	}
	if c.Cookies.Present() || r.Cookies.Present() {
		s.Unsupported("got needs a cookieJar object for cookies; the JS runner does not bind one.")
		return
	}
	for _, a := range []merge.Value{c.Auth, r.Auth} {
		if a.Kind == merge.Object && a.Get("bearer").Present() {
			s.Unsupported("got has no bearer-token option (only username/password).")
			return
		}
	}
	s.Vars["got"] = &state{f: f, o: newOptions(f)}
}

// authOptions maps scenario auth onto username/password per the binding.
func authOptions(a merge.Value) (user, pass merge.Value) {
	if a.Kind == merge.Object {
		return a.Get("username"), a.Get("password")
	}
	if a.Present() {
		return a, a
	}
	return merge.Value{}, merge.Value{}
}

// setter is one option of a merge() call and the setter it goes through.
type setter struct {
	v   merge.Value
	set func(merge.Value) *optionError
	opt string // the option, where its setter is cited as a raise site
}

// runSetters applies the options in order, skipping undefined values
// unless resettable, and stops at the first setter that throws.
func runSetters(list []setter, resettable func(i int) bool) (*optionError, string) {
	for i, st := range list {
		if !st.v.Present() || (st.v.Kind == merge.Undefined && !resettable(i)) {
			continue
		}
		if err := st.set(st.v); err != nil {
			return err, st.opt
		}
	}
	return nil, ""
}

// raiseOption raises an option setter's error where the setter throws it.
func raiseOption(s *merge.State, err *optionError, opt string) {
	c := of(s).cite
	at := map[string]merge.Cite{"prefixUrl": c.prefixURL, "searchParams": c.searchParams, "username": c.username, "password": c.password}[opt]
	s.RaiseAt(at, err.typ, "%s", err.msg)
}

func extend(s *merge.State) {
	g := of(s)
	o, c := g.o, s.Client()
	user, pass := authOptions(c.Auth)
	list := []setter{
		{c.BaseURL, o.setPrefixURL, "prefixUrl"},
		{c.Headers, func(v merge.Value) *optionError { return o.setHeaders(v, merge.SourceClient) }, ""},
		{c.Params, func(v merge.Value) *optionError { return o.setSearchParams(v, merge.SourceClient) }, "searchParams"},
		{c.AllowAbsoluteURLs, o.setAllowAbsolute, ""},
		{user, func(v merge.Value) *optionError { return o.setCredential("username", v, merge.SourceClient) }, "username"},
		{pass, func(v merge.Value) *optionError { return o.setCredential("password", v, merge.SourceClient) }, "password"},
	}
	if err, opt := runSetters(list, func(i int) bool { return g.f.undefinedSet || g.f.v161 && i == 2 }); err != nil {
		// got.extend throws synchronously: the caller sees the setter's own error.
		raiseOption(s, err, opt)
		return
	}
	for _, h := range o.headers {
		if h.src == merge.SourceClient {
			s.Explain(merge.FieldName(h.name), headerText(h.val), merge.SourceClient, merge.ActionSet, "client header, name lower-cased")
		}
	}
	if o.prefixURL != "" {
		s.Explain("url", o.prefixURL, merge.SourceClient, merge.ActionSet, "prefixUrl, with a trailing '/'")
	}
}

func mergeRequest(s *merge.State) {
	g := of(s)
	o, r := g.o, s.Request()
	before := append(headers(nil), o.headers...)
	beforeSP := append([]param(nil), o.sp...)
	user, pass := authOptions(r.Auth)
	list := []setter{
		{r.Method, o.setMethod, ""},
		{r.Headers, func(v merge.Value) *optionError { return o.setHeaders(v, merge.SourceRequest) }, ""},
		{r.Params, func(v merge.Value) *optionError { return o.setSearchParams(v, merge.SourceRequest) }, "searchParams"},
		{r.JSON, o.setJSON, ""},
		{r.Body, o.setBody, ""},
		{r.AllowAbsoluteURLs, o.setAllowAbsolute, ""},
		{user, func(v merge.Value) *optionError { return o.setCredential("username", v, merge.SourceRequest) }, "username"},
		{pass, func(v merge.Value) *optionError { return o.setCredential("password", v, merge.SourceRequest) }, "password"},
	}
	g.mergeErr, g.mergeAt = runSetters(list, func(i int) bool { return g.f.undefinedSet || g.f.v161 && i == 2 })
	if g.mergeErr != nil {
		return
	}
	for _, h := range o.headers {
		if h.src != merge.SourceRequest {
			continue
		}
		if old, ok := before.get(h.name); ok {
			s.Explain(merge.FieldName(h.name), headerText(h.val), merge.SourceRequest, merge.ActionOverride,
				"request value assigned over "+headerText(old)+" (Object.assign keeps the key's position)")
		} else {
			s.Explain(merge.FieldName(h.name), headerText(h.val), merge.SourceRequest, merge.ActionSet, "request header, name lower-cased")
		}
	}
	if r.Params.Kind == merge.Undefined {
		if g.f.v161 || g.f.undefinedSet {
			for _, p := range beforeSP {
				s.Explain(merge.QueryField(p.k), p.v, merge.SourceRequest, merge.ActionRemove, "searchParams: undefined resets the client's params")
			}
		} else if len(beforeSP) > 0 {
			s.Explain("query", "", merge.SourceRequest, merge.ActionIgnore, "searchParams: undefined is skipped by merge(); the client's params stay")
		}
	}
	for _, p := range beforeSP {
		still := false
		for _, q := range o.sp {
			if q.k == p.k && q.src == merge.SourceClient {
				still = true
			}
		}
		if !still && r.Params.Kind != merge.Undefined {
			s.Explain(merge.QueryField(p.k), p.v, merge.SourceRequest, merge.ActionRemove, "client param replaced or deleted by the request's searchParams")
		}
	}
	if r.Method.Kind == merge.String {
		s.Method = o.method
		s.Explain("method", o.method, merge.SourceRequest, merge.ActionSet, "upper-cased")
	}
}

func setURL(s *merge.State) {
	g := of(s)
	o, r := g.o, s.Request()
	var urlErr *optionError
	switch r.URL.Kind {
	case merge.Null:
		// assertAny('input', …) runs before merging, outside the try.
		s.Raise("RequestError", "%s", g.f.anyError("input", []string{"string", "URL", "Object", "undefined"}, r.URL).msg)
		return
	case merge.Undefined:
		// input undefined: the url is not set here.
	default:
		in := ""
		if r.URL.Kind == merge.String {
			in = r.URL.Text
		}
		if g.mergeErr != nil {
			// The finally still sets the url; only its error could replace the merge error.
			_, urlErr = o.setURL(in)
			o.url = nil
		} else {
			g.urlNote, urlErr = setURLTraced(s, in)
		}
	}
	switch {
	case urlErr != nil && urlErr.typ == unsupported:
		s.Unsupported("%s", urlErr.msg)
	case urlErr != nil:
		s.Raise("RequestError", "%s", urlErr.msg)
	case g.mergeErr != nil:
		// merge-request's setter error, wrapped by the Request constructor, wins after the url is set.
		raiseOption(s, &optionError{"RequestError", g.mergeErr.msg}, g.mergeAt)
	default:
		explainURL(s)
	}
}

// explainURL: the Options.url setter composes the URL (prefixUrl + url, credentials) and, when
// searchParams exist, sets url.search from them, discarding the URL's own query.
func explainURL(s *merge.State) {
	g := of(s)
	o := g.o
	if o.url == nil {
		return
	}
	href := *o.url
	href.Username, href.Password = "", ""
	href.HasFrag, href.Fragment = false, ""
	s.Explain("url", href.Href(), merge.SourceRequest, merge.ActionSet, g.urlNote)
	if !o.spSet {
		for _, p := range whatwg.ParseSearchParams(o.url.Query) {
			s.Explain(merge.QueryField(p[0]), p[1], merge.SourceURL, merge.ActionKeep, "part of the URL's own query, sent as written")
		}
		return
	}
	if g.ownQuery != "" {
		s.Explain("query", g.ownQuery, merge.SourceURL, merge.ActionRemove, "searchParams exist, so url.search = searchParams.toString() discards the URL's own query")
	}
	for _, p := range o.sp {
		note := map[string]string{merge.SourceClient: "client searchParams", merge.SourceRequest: "request searchParams"}[p.src]
		s.Explain(merge.QueryField(p.k), p.v, p.src, merge.ActionSet, note)
	}
}

// setURLTraced sets the url and remembers the URL's own query for the trace.
func setURLTraced(s *merge.State, in string) (string, *optionError) {
	g := of(s)
	o := g.o
	str := in
	if !strings.Contains(in, "://") && o.prefixURL != "" {
		str = o.prefixURL + in
	}
	if u, err := whatwg.Parse(str, nil); err == nil && u.Search() != "" {
		g.ownQuery = u.Query
	}
	return o.setURL(in)
}

func missingURL(s *merge.State) {
	g := of(s)
	if g.o.url != nil {
		return
	}
	if g.o.prefixURL == "" {
		s.Raise("RequestError", "Missing `url` property")
		return
	}
	note, err := setURLTraced(s, "")
	if err != nil && err.typ == unsupported {
		s.Unsupported("%s", err.msg)
		return
	}
	if err != nil {
		s.Raise("RequestError", "%s", err.msg)
		return
	}
	g.urlNote = "no url: the prefixUrl itself is requested"
	if note != "" {
		g.urlNote += "; " + note
	}
	explainURL(s)
}

func finalizeBody(s *merge.State) {
	g := of(s)
	o := g.o
	isJSON, isBody := o.json.Present(), o.body.Present()
	if !isJSON && !isBody {
		return
	}
	if o.method == "GET" || o.method == "HEAD" {
		s.Raise("RequestError", "The `%s` method cannot be used with a body", o.method)
		return
	}
	var body string
	if isJSON {
		ct, has := o.headers.get("content-type")
		noCT := !has || ct.Kind == merge.Undefined
		if !g.f.v161 {
			noCT = !has || ct.Kind != merge.String
		}
		if noCT {
			note := "json option without a content-type header"
			if has && ct.Kind != merge.Undefined {
				note = "content-type " + headerText(ct) + " is not a string, so json replaces it in place"
			}
			o.headers.set("content-type", merge.Value{Kind: merge.String, Text: "application/json"}, merge.SourceDefault)
			s.Explain(merge.FieldName("content-type"), "application/json", merge.SourceDefault, merge.ActionSet, note)
		} else {
			s.Explain(merge.FieldName("content-type"), headerText(ct), o.headers[o.headers.index("content-type")].src, merge.ActionKeep, "an explicit content-type is kept for json")
		}
		body = jsontext.Encode(js.Ordered(o.json), jsontext.JS)
		s.Explain("body", body, merge.SourceRequest, merge.ActionSet, "JSON.stringify(json)")
	} else {
		body = o.body.Text
		s.Explain("body", body, merge.SourceRequest, merge.ActionSet, "string body, sent as UTF-8")
	}
	s.Body = js.UTF8(body)
	g.hasBody = true
	size := strconv.Itoa(len(s.Body))
	if !g.f.v161 {
		if v, ok := o.headers.get("content-length"); ok && v.Kind == merge.Undefined {
			size = "NaN" // getBodySize: 'content-length' in headers → Number(undefined)
		}
	}
	if o.headers.isUndef("content-length") && o.headers.isUndef("transfer-encoding") {
		o.headers.set("content-length", merge.Value{Kind: merge.String, Text: size}, merge.SourceDefault)
		s.Explain(merge.FieldName("content-length"), size, merge.SourceDefault, merge.ActionSet, "byte length of the body")
	}
}

func sanitize(s *merge.State) {
	g := of(s)
	o := g.o
	var kept headers
	for _, h := range o.headers {
		switch {
		case h.val.Kind == merge.Undefined:
			s.Explain(merge.FieldName(h.name), "", h.src, merge.ActionRemove, "undefined deletes the header")
			continue
		case h.val.Kind == merge.Null:
			s.Raise("RequestError", "Use `undefined` instead of `null` to delete the `%s` header", h.name)
			return
		case g.f.authWins && h.val.Kind == merge.Array && (singleValue(h.name) || g.f.v161 && h.name == "host"):
			if len(h.val.Items) != 1 {
				s.Raise("RequestError", "The `%s` header must be a single value", h.name)
				return
			}
			h.val = h.val.Items[0]
		}
		kept = append(kept, h)
	}
	o.headers = kept
	if g.f.authOmit && o.explicit["authorization"] && o.headers.isUndef("authorization") {
		g.omitAuth = true
	}
	if g.f.major >= 16 {
		if !o.headers.isUndef("transfer-encoding") && !o.headers.isUndef("content-length") {
			v, _ := o.headers.get("content-length")
			o.headers.del("content-length")
			s.Explain(merge.FieldName("content-length"), headerText(v), merge.SourceDefault, merge.ActionRemove, "transfer-encoding is set, so content-length is dropped")
		}
	}
}

func singleValue(name string) bool {
	switch name {
	case "authorization", "content-length", "proxy-authorization", "transfer-encoding":
		return true
	}
	return false
}

func acceptEncoding(s *merge.State) {
	g := of(s)
	o := g.o
	if !o.headers.isUndef("accept-encoding") {
		return
	}
	if g.f.v161 && o.explicit["accept-encoding"] {
		return
	}
	o.headers.set("accept-encoding", merge.Value{Kind: merge.String, Text: g.f.acceptEnc}, merge.SourceDefault)
	s.Explain(merge.FieldName("accept-encoding"), g.f.acceptEnc, merge.SourceDefault, merge.ActionSet, "decompress is on and no accept-encoding was given")
}

func basicAuth(s *merge.State) {
	g := of(s)
	o := g.o
	u := o.url
	user, ok1 := js.DecodeURIComponent(u.Username)
	pass, ok2 := js.DecodeURIComponent(u.Password)
	if !g.f.v161 && (!ok1 || !ok2) {
		s.Raise("RequestError", "URI malformed")
		return
	}
	if user == "" && pass == "" {
		return
	}
	src := merge.SourceAuth
	if o.userSrc == "" && o.passSrc == "" {
		src = merge.SourceURL
	}
	if g.omitAuth {
		s.Explain(merge.FieldName("authorization"), "", merge.SourceRequest, merge.ActionRemove, "authorization: undefined omits the credentials (URL userinfo too)")
		return
	}
	if g.f.authWins && o.explicit["authorization"] {
		v, _ := o.headers.get("authorization")
		s.Explain(merge.FieldName("authorization"), headerText(v), o.headers[o.headers.index("authorization")].src, merge.ActionKeep,
			"an explicit authorization header wins over username/password")
		return
	}
	val := merge.BasicAuth(user, pass)
	note := "Basic from username:password"
	if old, had := o.headers.get("authorization"); had {
		note += ", assigned over the explicit " + headerText(old) + " in place"
	}
	if src == merge.SourceURL {
		note = "Basic from the URL's userinfo (decoded)"
	}
	o.headers.set("authorization", merge.Value{Kind: merge.String, Text: val}, src)
	s.Explain(merge.FieldName("authorization"), val, src, merge.ActionSet, note)
}

// headerText is how Node writes a header value (arrays joined for display).
func headerText(v merge.Value) string {
	if v.Kind == merge.Array {
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			parts[i] = js.String(it)
		}
		return strings.Join(parts, ", ")
	}
	return js.String(v)
}

func jsFalsy(v merge.Value) bool {
	switch v.Kind {
	case merge.String:
		return v.Text == ""
	case merge.Number:
		return v.Float() == 0
	case merge.Bool:
		return !v.Bool
	case merge.Null, merge.Undefined, merge.Absent:
		return true
	}
	return false
}

func nodeHTTP(s *merge.State) {
	g := of(s)
	o := g.o
	u := o.url
	type line struct{ name, value, src string }
	type entry struct {
		name  string
		lines []line
		val   merge.Value
	}
	var out []entry
	find := func(name string) int {
		for i, e := range out {
			if strings.EqualFold(e.name, name) {
				return i
			}
		}
		return -1
	}
	for _, h := range o.headers {
		if nodehttp.InvalidHeaderChar(js.String(h.val)) {
			s.RaiseAt(g.cite.invalidChar, "RequestError", "Invalid character in header content [\"%s\"]", h.name)
			return
		}
		e := entry{name: h.name, val: h.val}
		switch {
		case h.val.Kind == merge.Array && strings.EqualFold(h.name, "cookie") && len(h.val.Items) >= 2:
			parts := make([]string, len(h.val.Items))
			for i, it := range h.val.Items {
				parts[i] = js.String(it)
			}
			e.lines = []line{{h.name, strings.Join(parts, "; "), h.src}}
		case h.val.Kind == merge.Array:
			for _, it := range h.val.Items {
				e.lines = append(e.lines, line{h.name, js.String(it), h.src})
			}
		default:
			e.lines = []line{{h.name, js.String(h.val), h.src}}
		}
		out = append(out, e)
	}
	setNode := func(name, value, src string) {
		ln := []line{{name, value, src}}
		if i := find(name); i >= 0 {
			out[i] = entry{name: name, lines: ln, val: merge.Value{Kind: merge.String, Text: value}}
			return
		}
		out = append(out, entry{name: name, lines: ln, val: merge.Value{Kind: merge.String, Text: value}})
	}
	if i := find("host"); i < 0 || jsFalsy(out[i].val) {
		setNode("Host", u.HostPort(), merge.SourceTransport)
	}
	if !g.omitAuth && (u.Username != "" || u.Password != "") {
		user, ok1 := js.DecodeURIComponent(u.Username)
		pass, ok2 := js.DecodeURIComponent(u.Password)
		if !ok1 || !ok2 {
			s.Raise("RequestError", "URI malformed")
			return
		}
		if i := find("authorization"); i < 0 || jsFalsy(out[i].val) {
			setNode("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(user+":"+pass)), merge.SourceURL)
		}
	}
	hasLine := func(name string) bool {
		i := find(name)
		return i >= 0 && len(out[i].lines) > 0
	}
	if !hasLine("connection") {
		out = append(out, entry{name: "Connection", lines: []line{{"Connection", "keep-alive", merge.SourceTransport}}})
	}
	if !hasLine("content-length") && !hasLine("transfer-encoding") && !g.hasBody && nodehttp.ChunkedByDefault(o.method) {
		out = append(out, entry{name: "Content-Length", lines: []line{{"Content-Length", "0", merge.SourceTransport}}})
	}
	s.Method = o.method
	s.Headers = nil
	for _, e := range out {
		for _, l := range e.lines {
			s.AddHeader(l.name, l.value, l.src)
			note, at := "from got's headers object, in its key order", merge.Cite{}
			switch l.src {
			case merge.SourceTransport:
				note = "added by Node's http module"
				if l.name == "Connection" || l.name == "Content-Length" {
					at = g.cite.storeHeader
				}
			case merge.SourceURL:
				if l.name == "Authorization" {
					note = "Node's auth option from the URL's userinfo"
				}
			}
			s.ExplainAt(at, merge.FieldName(l.name), l.value, l.src, merge.ActionSet, note)
		}
	}
	if !g.hasBody {
		s.Explain("body", "", merge.SourceDefault, merge.ActionSet, "no body")
	}
	href := *u
	href.Username, href.Password = "", ""
	href.HasFrag, href.Fragment = false, ""
	s.URL = href.Href()
	s.Target = u.Path + u.Search()
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way JavaScript does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("js", recordedReleases.Apply(profiles()...)...)
})
