package got

import (
	"encoding/base64"
	"strconv"
	"strings"

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
	"{prefixUrl: base_url, headers, searchParams: params, username, password (from auth), allowAbsoluteUrls (16)}); " +
	"await instance(url ?? '', {method, headers, searchParams: params, json, body, username, password, allowAbsoluteUrls (16)}) " +
	"(conformance/runners/js/BINDING.md). auth null/false/undefined is passed as both username and password; " +
	"bearer auth, cookies and via are unsupported."

var profiles = []*merge.Profile{
	profile("14.6.0", "15", "14.6.6", "Node 20.20.2",
		"14.6.0 is where an absolute URL started to bypass prefixUrl (commit 9725fbd1; before, set url concatenated every string onto the prefix), "+
			"so it is the lower bound. In 14.6.0 and 14.6.1 any 'scheme:' prefix counted as absolute; 14.6.2 (commit 0a16a9ca) requires 'scheme://' "+
			"(version-conditioned here). Nothing else that reaches the wire changed up to 14.6.6 (source diff v14.6.0..v14.6.6 of source/core). "+
			"Credentials overwrite an explicit authorization header in place; a request-level searchParams: undefined is ignored (inherits); "+
			"content-type: null with json is replaced by application/json. Default accept-encoding is 'gzip, deflate, br' on Node 20 (no zstd in "+
			"process.versions). Source read at tag v14.6.6 (git) and its npm dist."),
	profile("16.1.0", "17", "16.1.0", "Node 22.23.3",
		"16.1.0 only: the 16.0.0 npm dist differs where scenarios reach (merge() skips searchParams: undefined, prefixUrl accepts a query, "+
			"method '' is accepted, header numbers are not stringified), so 16.0.0 is left out rather than guessed. In 16 an explicit "+
			"authorization header (client or request) wins over username/password, authorization: undefined suppresses the credentials "+
			"(also URL userinfo), searchParams: undefined resets the client's params (resettableByUndefined), a prefixUrl with a query or "+
			"fragment is rejected by got.extend, allowAbsoluteUrls exists, and content-type: null with json raises. Node 22 has zstd, so "+
			"accept-encoding ends with ', zstd'. The sindresorhus/got git mirror stops at v15.0.5, so citations point at the 16.1.0 npm dist."),
}

func cite(f facts, file, fn string, line int) merge.Cite {
	if f.major >= 16 {
		dist := "dist/source/" + strings.TrimSuffix(strings.TrimPrefix(file, "source/"), ".ts") + ".js"
		return merge.Cite{File: dist, Func: fn, Tag: "got@16.1.0 (npm)", URL: "https://unpkg.com/got@16.1.0/" + dist}
	}
	url := "https://github.com/sindresorhus/got/blob/" + f.tag + "/" + file
	if line > 0 {
		url += "#L" + strconv.Itoa(line)
	}
	return merge.Cite{File: file, Func: fn, Tag: f.tag, URL: url}
}

func profile(min, max, recorded, runtime, note string) *merge.Profile {
	f := factsFor(recorded)
	ln := func(v14, v16 int) int {
		if f.major >= 16 {
			return v16
		}
		return v14
	}
	opts := func(fn string, l14, l16 int) merge.Cite {
		return cite(f, "source/core/options.ts", fn, ln(l14, l16))
	}
	core := func(fn string, l14, l16 int) merge.Cite { return cite(f, "source/core/index.ts", fn, ln(l14, l16)) }
	authDoc := "_makeRequest: if username || password (read back from the URL, decodeURIComponent), headers.authorization = 'Basic ' + base64(username:password), " +
		"assigned in place over an explicit authorization header (also one set to undefined, which sanitizing already deleted, so it is appended)."
	aeDoc := "If headers['accept-encoding'] is undefined (absent, or deleted because it was undefined), it is set to '" + f.acceptEnc + "'."
	ctDoc := "json: content-type is set to application/json unless headers['content-type'] is a string (so null or a number is replaced in place)"
	if f.major >= 16 {
		authDoc = "_makeRequest: Basic auth from username/password is generated only when authorization was never set through the headers option " +
			"(client or request); an explicit value wins, and an explicit undefined omits Authorization and strips the URL's credentials."
		aeDoc = "If headers['accept-encoding'] is undefined and was not set explicitly (an explicit undefined omits it), it is set to '" + f.acceptEnc + "'."
		ctDoc = "json: content-type is set to application/json only when headers['content-type'] is undefined (null is kept and rejected later)"
	}
	return &merge.Profile{
		Library:  "got",
		Min:      min,
		Max:      max,
		Verified: merge.Recorded,
		Recorded: []string{recorded},
		Runtime:  runtime,
		Note:     note,
		Binding:  binding,
		Switches: switches(f),
		Rules: []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/js/runner.mjs", Func: "gotCase", Tag: "mergeplay"},
				Doc:   "got has username/password only (no bearer) and needs a cookieJar object for cookies; via has no meaning; allowAbsoluteUrls is bound on 16 only.",
				Apply: func(s *merge.State) { bindingRule(s, factsFor(s.Version)) }},
			{Name: "extend-client", Cite: cite(f, "source/create.ts", "got.extend -> Options.merge", ln(97, 117)),
				Doc: "got.extend merges the client options through the setters: prefixUrl gets a trailing '/', header names are lower-cased and " +
					"Object.assign-ed onto the defaults ({'user-agent': 'got (…)'}), searchParams keys replace earlier ones (moved to the end). " +
					"A rejected option is thrown synchronously as TypeError.",
				Apply: func(s *merge.State) { extend(s) }},
			{Name: "merge-request", Cite: opts("Options constructor / merge", 1359, 683),
				Doc: "new Options(input, request, defaults) clones the client's internals and merges the request options in order " +
					"(method, headers, searchParams, json, body, allowAbsoluteUrls, username, password); undefined values are skipped" +
					map[bool]string{true: " except searchParams, which undefined resets.", false: "."}[f.major >= 16],
				Apply: mergeRequest},
			{Name: "set-url", Cite: opts("set url", 1746, 1044),
				Doc: "The url is set last (in a finally, so its error wins over a merge error): a leading '/' throws; a relative url is " +
					"concatenated onto prefixUrl, an absolute one bypasses it; credentials are written into the URL; when searchParams " +
					"exist (even {}), url.search = searchParams.toString(), discarding the URL's own query.",
				Apply: setURL},
			{Name: "missing-url", Cite: core("Request constructor", 204, 236),
				Doc:   "No url: TypeError 'Missing `url` property' without prefixUrl, else the url is '' (the prefix itself).",
				Apply: missingURL},
			{Name: "finalize-body", Cite: core("_finalizeBody", 682, 794),
				Doc: "GET/HEAD with json or body throw. " + ctDoc + "; the body is JSON.stringify(json) or the string; content-length is its " +
					"UTF-8 length unless content-length or transfer-encoding is set.",
				Apply: finalizeBody},
			{Name: "sanitize-headers", Cite: core("_makeRequest (sanitizeHeaders)", 1398, 2043),
				Doc: "Headers whose value is undefined are deleted (the default user-agent too); null throws TypeError 'Use `undefined` " +
					"instead of `null` to delete the `x` header'." + map[bool]string{true: " Arrays for authorization, content-length, host, proxy-authorization and transfer-encoding must hold one value; content-length is dropped when transfer-encoding is set.", false: ""}[f.major >= 16],
				Apply: sanitize},
			{Name: "accept-encoding", Cite: core("_makeRequest (decompress)", 1407, 2083),
				Doc:   aeDoc,
				Apply: acceptEncoding},
			{Name: "basic-auth", Cite: core("_makeRequest (authorization)", 1420, 2096),
				Doc:   authDoc,
				Apply: basicAuth},
			{Name: "node-http", Cite: merge.Cite{File: "lib/_http_client.js", Func: "ClientRequest / OutgoingMessage._storeHeader", Tag: runtime,
				URL: "https://github.com/nodejs/node/blob/" + map[bool]string{true: "v22.23.3", false: "v20.20.2"}[f.major >= 16] + "/lib/_http_client.js"},
				Doc: "http.request(url, {headers}) sets each header in object order (validating characters), then Host, Authorization from the " +
					"URL's credentials if no truthy authorization header, Connection: keep-alive, and Content-Length: 0 for a body-less " +
					"method other than GET, HEAD, DELETE, OPTIONS, TRACE and CONNECT. Array values become repeated lines.",
				Apply: nodeHTTP},
		},
	}
}

func switches(f facts) []merge.Switch {
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
		return append(sw,
			merge.Switch{Name: "absolute-url", Value: "bypasses prefixUrl; allowAbsoluteUrls: false rejects"},
			merge.Switch{Name: "auth-vs-header", Value: "explicit authorization header wins"},
			merge.Switch{Name: "auth-disable", Value: "headers: {authorization: undefined}"},
			merge.Switch{Name: "params-undefined", Value: "resets the client's params"})
	}
	return append(sw,
		merge.Switch{Name: "absolute-url", Value: "bypasses prefixUrl"},
		merge.Switch{Name: "auth-vs-header", Value: "credentials overwrite the header"},
		merge.Switch{Name: "auth-disable", Value: "username: '', password: ''"},
		merge.Switch{Name: "params-undefined", Value: "ignored (inherits)"})
}

// state carries got's Options between rules.
type state struct {
	f        facts
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
	if f.major < 16 && c.AllowAbsoluteURLs.Present() {
		s.Unsupported("client.allowAbsoluteUrls has no binding for %s in the JS runner.", id)
		return
	}
	if f.major < 16 && r.AllowAbsoluteURLs.Present() {
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
}

// runSetters applies the options in order, skipping undefined values
// unless resettable, and stops at the first setter that throws.
func runSetters(list []setter, resettable func(i int) bool) *optionError {
	for i, st := range list {
		if !st.v.Present() || (st.v.Kind == merge.Undefined && !resettable(i)) {
			continue
		}
		if err := st.set(st.v); err != nil {
			return err
		}
	}
	return nil
}

func extend(s *merge.State) {
	g := of(s)
	o, c := g.o, s.Client()
	user, pass := authOptions(c.Auth)
	list := []setter{
		{c.BaseURL, o.setPrefixURL},
		{c.Headers, func(v merge.Value) *optionError { return o.setHeaders(v, merge.SourceClient) }},
		{c.Params, func(v merge.Value) *optionError { return o.setSearchParams(v, merge.SourceClient) }},
		{c.AllowAbsoluteURLs, o.setAllowAbsolute},
		{user, func(v merge.Value) *optionError { return o.setCredential("username", v, merge.SourceClient) }},
		{pass, func(v merge.Value) *optionError { return o.setCredential("password", v, merge.SourceClient) }},
	}
	if err := runSetters(list, func(i int) bool { return g.f.major >= 16 && i == 2 }); err != nil {
		// got.extend throws synchronously: the caller sees the setter's own error.
		s.Raise(err.typ, "%s", err.msg)
		return
	}
	for _, h := range o.headers {
		if h.src == merge.SourceClient {
			s.Explain(merge.FieldName(h.name), headerText(h.val), merge.SourceClient, merge.ActionSet, "client header, name lower-cased")
		}
	}
	for _, p := range o.sp {
		s.Explain(merge.QueryField(p.k), p.v, merge.SourceClient, merge.ActionSet, "client searchParams")
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
		{r.Method, o.setMethod},
		{r.Headers, func(v merge.Value) *optionError { return o.setHeaders(v, merge.SourceRequest) }},
		{r.Params, func(v merge.Value) *optionError { return o.setSearchParams(v, merge.SourceRequest) }},
		{r.JSON, o.setJSON},
		{r.Body, o.setBody},
		{r.AllowAbsoluteURLs, o.setAllowAbsolute},
		{user, func(v merge.Value) *optionError { return o.setCredential("username", v, merge.SourceRequest) }},
		{pass, func(v merge.Value) *optionError { return o.setCredential("password", v, merge.SourceRequest) }},
	}
	g.mergeErr = runSetters(list, func(i int) bool { return g.f.major >= 16 && i == 2 })
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
		if g.f.major >= 16 {
			for _, p := range beforeSP {
				s.Explain(merge.QueryField(p.k), p.v, merge.SourceRequest, merge.ActionRemove, "searchParams: undefined resets the client's params (resettableByUndefined)")
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
		s.Raise("RequestError", "%s", isAnyError("input", []string{"string", "URL", "Object", "undefined"}, r.URL).msg)
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
	case urlErr != nil:
		s.Raise("RequestError", "%s", urlErr.msg)
	case g.mergeErr != nil:
		s.Raise("RequestError", "%s", g.mergeErr.msg)
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
	if err != nil {
		s.Raise("RequestError", "%s", err.msg)
		return
	}
	g.urlNote = note
	s.Explain("url", g.o.prefixURL, merge.SourceClient, merge.ActionSet, "no url: the prefixUrl itself is requested")
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
		if g.f.major < 16 {
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
	s.Body = []byte(body)
	g.hasBody = true
	size := strconv.Itoa(len(s.Body))
	if g.f.major < 16 {
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
		case g.f.major >= 16 && h.val.Kind == merge.Array && singleValue(h.name):
			if len(h.val.Items) != 1 {
				s.Raise("RequestError", "The `%s` header must be a single value", h.name)
				return
			}
			h.val = h.val.Items[0]
		}
		kept = append(kept, h)
	}
	o.headers = kept
	if g.f.major >= 16 {
		if o.explicit["authorization"] && o.headers.isUndef("authorization") {
			g.omitAuth = true
		}
		if !o.headers.isUndef("transfer-encoding") && !o.headers.isUndef("content-length") {
			v, _ := o.headers.get("content-length")
			o.headers.del("content-length")
			s.Explain(merge.FieldName("content-length"), headerText(v), merge.SourceDefault, merge.ActionRemove, "transfer-encoding is set, so content-length is dropped")
		}
	}
}

func singleValue(name string) bool {
	switch name {
	case "authorization", "content-length", "host", "proxy-authorization", "transfer-encoding":
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
	if g.f.major >= 16 && o.explicit["accept-encoding"] {
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
	if g.f.major < 16 && (!ok1 || !ok2) {
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
	if g.f.major >= 16 {
		if o.explicit["authorization"] {
			if g.omitAuth {
				s.Explain(merge.FieldName("authorization"), "", merge.SourceRequest, merge.ActionRemove, "authorization: undefined omits the credentials (URL userinfo too)")
			} else {
				v, _ := o.headers.get("authorization")
				s.Explain(merge.FieldName("authorization"), headerText(v), o.headers[o.headers.index("authorization")].src, merge.ActionKeep,
					"an explicit authorization header wins over username/password")
			}
			return
		}
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
			s.Raise("RequestError", "Invalid character in header content [\"%s\"]", h.name)
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
			note := "from got's headers object, in its key order"
			switch l.src {
			case merge.SourceTransport:
				note = "added by Node's http module"
			case merge.SourceURL:
				if l.name == "Authorization" {
					note = "Node's auth option from the URL's userinfo"
				}
			}
			s.Explain(merge.FieldName(l.name), l.value, l.src, merge.ActionSet, note)
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
	s.Explain("url", s.URL, merge.SourceURL, merge.ActionSet, g.urlNote)
	if o.spSet {
		if g.ownQuery != "" {
			s.Explain("query", g.ownQuery, merge.SourceURL, merge.ActionRemove, "searchParams exist, so url.search = searchParams.toString() discards the URL's own query")
		}
		for _, p := range o.sp {
			s.Explain(merge.QueryField(p.k), p.v, p.src, merge.ActionSet, "searchParams")
		}
	} else {
		whatwg.ExplainQuery(s, s.Target)
	}
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way JavaScript does.
func Profiles() []*merge.Profile { return registered }

var registered = merge.InLanguage("js", recordedReleases.Apply(profiles...)...)
