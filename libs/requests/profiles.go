package requests

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/form"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/python"
	"github.com/mergeplay/mergeplay/model/urllib3"
)

// requests profiles. requests 2.x is one merge algorithm on top of two
// transports: up to 2.29 its setup.py pins urllib3 <1.27, from 2.30.0 it
// accepts urllib3 2, which pip picks. The profiles split there; inside each,
// the few requests changes (error texts, str body length, cookie type checks)
// are version facts (factsFor), so both profiles share one rule list.

const binding = "s = requests.Session(); s.trust_env = False; s.headers.update(client.headers); s.params = client.params; " +
	"s.cookies.set(name, value) per client cookie; s.auth = (u, p) or the native value; then " +
	"s.request(method, url, headers=, params=, cookies=, auth=, json=, data=body) with only the request fields present " +
	"(conformance/runners/python/BINDING.md). base_url, via other than \"request\", {\"$undefined\": true} and bearer auth are unsupported; null is None."

// line is one profile: a requests range and the urllib3 it runs on.
type line struct {
	min, max, tag string // tag is the recorded version the citations point at
	urllib3       string // recorded urllib3 version (the User-Agent it adds)
	note          string
}

func profiles() []*merge.Profile {
	return []*merge.Profile{
	// Range starts at 2.25.0 (issue 11: the supported majors); the pre-2.28
	// boundaries are version facts: 2.27.0 'schema' → 'scheme' (PR #6017,
	// commit 4246792b, models.PreparedRequest.prepare_url); 2.28.0 header
	// check rewritten (PR #6154, commit e36f3459, utils.check_header_validity).
	profile(line{min: "2.25.0", max: "2.30", tag: "2.28.1", urllib3: "1.26.20",
		note: "requests <2.30 pins urllib3>=1.21.1,<1.27 (setup.py), so the transport is urllib3 1.26 (recorded with 1.26.20): " +
			"urllib3 appends its own User-Agent after all other headers when the session's is removed with None, and http.client " +
			"encodes a str body as Latin-1 (UnicodeEncodeError otherwise). 2.28.0 differs from 2.28.1 only in Response.iter_content. " +
			"Version facts: json= sends inf as Infinity before 2.26.0 (allow_nan=False and InvalidJSONError from PR #5810); 'No schema supplied' before 2.27.0 (PR #6017); before 2.28.0 (PR #6154) a non-str header value raises " +
			"'Value for header {name: value} must be of type str or bytes, not <class ...>' and a bad value 'Invalid return character " +
			"or leading space in header: name'; 'Perhaps you meant https://' from 2.28.2 (http:// before); InvalidHeader names the header as a tuple " +
			"from 2.29.0 (a dict before). 2.28.2–2.29.0 are source-derived inside this range. netrc is not modelled: the binding " +
			"runs with trust_env=False."}),
	profile(line{min: "2.30", max: "3", tag: "2.34.2", urllib3: "2.8.0",
		note: "From 2.30.0 requests accepts urllib3 2 (setup.py urllib3>=1.21.1,<3; >=1.26,<3 by 2.34), and does not pin it: " +
			"this profile assumes urllib3 2.x as pip resolves it, and uses the recorded urllib3 2.8.0 for the python-urllib3 " +
			"User-Agent. With urllib3 2 the fallback User-Agent goes right after Host and a str body is sent as UTF-8. " +
			"A requests >=2.30 installed next to urllib3 1.26 behaves like the 'requests >=2.28.0 <2.30' profile on the wire " +
			"(the urllib3 switch); that pairing is not modelled. A str body with a lone surrogate raises UnicodeEncodeError in urllib3 2's body_to_chunks (to_bytes: strict UTF-8) from 2.30.0, " +
			"before 2.32.0's super_len raises it earlier: the urllib3 the release was recorded with (2.8.0) decides, not requests. " +
			"Version facts: the 'return character(s)' message typo is fixed in " +
			"2.32.0; a str body's Content-Length counts UTF-8 bytes from 2.32.0 (code points before, so 2.30–2.31 send a short " +
			"Content-Length for non-ASCII text with urllib3 2); non-str cookie values raise AttributeError in set_cookie from 2.34.0 " +
			"(TypeError when the Cookie header is built before). Only 2.34.2 is recorded; 2.30–2.34.1 are source-derived. " +
			"netrc is not modelled: the binding runs with trust_env=False."}).StartingAt(merge.Boundary{
		Ref: "psf/requests@2ad18e0", URL: "https://github.com/psf/requests/commit/2ad18e0e10e7d7ecd5384c378f25ec8821a10a29",
		Doc: "v2.30.0 admits urllib3 2 (setup.py urllib3>=1.21.1,<3; check_compatibility no longer asserts major 1), so pip " +
			"installs urllib3 2: its fallback User-Agent goes right after Host and a str body is sent as UTF-8"}),
	}
}

// facts are what changed inside a profile, by requests version.
type facts struct {
	urllib3       string
	urllib3v2     bool
	schemeHint    string // MissingSchema suggestion: "http" before 2.28.2
	schemaWord    string // "schema" before 2.27.0 (PR #6017), "scheme" after
	oldHeaderMsg  bool   // before 2.28.0: check_header_validity's TypeError/regex texts (PR #6154 rewrote them)
	headerTuple   bool   // InvalidHeader shows ('name', value) from 2.29.0
	headerSpace   bool   // "return character(s)" spelled with a space from 2.32.0
	strLenUTF8    bool   // super_len(str) counts UTF-8 bytes
	cookieSetType bool   // set_cookie calls value.startswith from 2.34.0
	// allowNaN: json.dumps(json) with its default allow_nan=True sends inf as Infinity until
	// PR #5810 (commit 05a1a215, v2.26.0) passes allow_nan=False and turns the ValueError into
	// InvalidJSONError (models.PreparedRequest.prepare_body).
	allowNaN bool
}

func factsFor(version, urllib3 string) facts {
	ge := func(v string) bool { return merge.CompareVersions(version, v) >= 0 }
	f := facts{urllib3: urllib3, urllib3v2: !strings.HasPrefix(urllib3, "1."), schemeHint: "http"}
	if ge("2.28.2") {
		f.schemeHint = "https"
	}
	f.schemaWord = "scheme"
	if !ge("2.27.0") {
		f.schemaWord = "schema"
	}
	f.oldHeaderMsg = !ge("2.28.0")
	f.headerTuple = ge("2.29.0")
	f.headerSpace = ge("2.32.0")
	// 2.32.0–2.32.3 always encode; 2.32.4 only with urllib3 2 (utils.super_len).
	f.strLenUTF8 = ge("2.32.0") && (!ge("2.32.4") || f.urllib3v2)
	f.cookieSetType = ge("2.34.0")
	f.allowNaN = !ge("2.26.0")
	return f
}

func profile(l line) *merge.Profile {
	tag := "v" + l.tag
	src := "requests/"
	if merge.CompareVersions(l.tag, "2.32.0") >= 0 {
		src = "src/requests/"
	}
	lines := map[string]map[string]int{
		"2.28.1": {"merge_setting": 61, "Session.__init__": 389, "prepare_request": 457, "Session.request": 500,
			"get_adapter": 780, "set": 206, "cookiejar_from_dict": 521, "merge_cookies": 542, "get_cookie_header": 140,
			"prepare_url": 410, "prepare_headers": 484, "prepare_body": 495, "prepare_auth": 589, "prepare_cookies": 611,
			"path_url": 86, "check_header_validity": 1027, "_basic_auth_str": 25, "send": 436, "default_headers": 893},
		"2.34.2": {"merge_setting": 76, "Session.__init__": 442, "prepare_request": 511, "Session.request": 557,
			"get_adapter": 870, "set": 229, "cookiejar_from_dict": 564, "merge_cookies": 604, "get_cookie_header": 153,
			"prepare_url": 481, "prepare_headers": 563, "prepare_body": 574, "prepare_auth": 668, "prepare_cookies": 697,
			"path_url": 113, "check_header_validity": 1087, "_basic_auth_str": 34, "send": 634, "default_headers": 951},
	}[l.tag]
	c := func(file, fn string) merge.Cite {
		key := fn
		if i := strings.LastIndexByte(fn, '.'); i >= 0 && fn != "Session.__init__" && fn != "Session.request" {
			key = fn[i+1:]
		}
		url := "https://github.com/psf/requests/blob/" + tag + "/" + src + file
		if n := lines[key]; n > 0 {
			url += fmt.Sprintf("#L%d", n)
		}
		return merge.Cite{File: src + file, Func: fn, Tag: tag, URL: url}
	}
	// at cites a line inside a function: where it raises.
	at := func(file, fn string, line int) merge.Cite {
		return merge.Cite{File: src + file, Func: fn, Tag: tag, URL: fmt.Sprintf("https://github.com/psf/requests/blob/%s/%s%s#L%d", tag, src, file, line)}
	}
	u3 := func(file, fn string, line int) merge.Cite {
		return merge.Cite{File: "src/urllib3/" + file, Func: fn, Tag: l.urllib3,
			URL: fmt.Sprintf("https://github.com/urllib3/urllib3/blob/%s/src/urllib3/%s#L%d", l.urllib3, file, line)}
	}
	v2 := !strings.HasPrefix(l.urllib3, "1.")
	connLine, urlLine := 231, 333
	if v2 {
		connLine, urlLine = 491, 471
	}
	parseURL := u3("util/url.py", "parse_url", urlLine).URL
	transportCite := u3("connection.py", "HTTPConnection.request", connLine)
	// http.client encodes a str body (urllib3 1.26 hands it over as is);
	// urllib3 2 turns it into bytes itself.
	py := func(fn string, line int) merge.Cite {
		return merge.Cite{File: "Lib/http/client.py", Func: fn, Tag: "v" + cpython,
			URL: fmt.Sprintf("https://github.com/python/cpython/blob/v%s/Lib/http/client.py#L%d", cpython, line)}
	}
	bodyCite := py("HTTPConnection._send_request", 1284)
	if v2 {
		bodyCite = u3("util/request.py", "body_to_chunks", 233)
	}
	cs := cites{
		mergeSetting:   c("sessions.py", "merge_setting"),
		defaultHeaders: c("utils.py", "default_headers"),
		pathURL:        c("models.py", "RequestEncodingMixin.path_url"),
		putrequest:     py("HTTPConnection.putrequest", 1082),
		putheader:      py("HTTPConnection.putheader", 1255),
		sendRequest:    py("HTTPConnection._send_request", 1284),
		encode:         py("_encode", 166),
		basicAuthStr:   c("auth.py", "_basic_auth_str"),
	}
	cs.headerType, cs.headerValue = at("utils.py", "check_header_validity", 1037), at("utils.py", "_validate_header_part", 1048)
	if l.tag == "2.34.2" {
		cs.headerType, cs.headerValue = at("utils.py", "_validate_header_part", 1109), at("utils.py", "_validate_header_part", 1116)
	}
	transportAlso := []merge.Cite{cs.putrequest, cs.putheader}
	if !v2 {
		transportAlso = append(transportAlso, cs.sendRequest)
	}
	bodyAlso := []merge.Cite{cs.encode}
	if v2 {
		bodyAlso = nil
	}
	uaPlace, strBody := "appended after every other header", "latin-1 (http.client)"
	if v2 {
		uaPlace, strBody = "right after Host", "utf-8 (urllib3 body_to_chunks)"
	}
	return &merge.Profile{
		Library:  "requests",
		Min:      l.min,
		Max:      l.max,
		Verified: merge.Recorded,
		Runtime:  "CPython " + cpython + " (Debian), urllib3 " + l.urllib3 + ", idna 3.20 (no brotli/zstandard: Accept-Encoding gzip, deflate)",
		Note:     l.note,
		Binding:  binding,
		Switches: []merge.Switch{
			{Name: "urllib3", Value: map[bool]string{false: "1.26", true: "2.x"}[v2]},
			{Name: "header-none", Value: "removes"},
			{Name: "header-names", Value: "case-insensitive; last writer's spelling at the first writer's position"},
			{Name: "auth-none", Value: "inherits session auth"},
			{Name: "auth-false", Value: "disables session auth"},
			{Name: "auth-vs-header", Value: "auth wins"},
			{Name: "params-none", Value: "removes the key"},
			{Name: "url-query", Value: "append"},
			{Name: "cookie-vs-header", Value: "explicit Cookie header wins"},
			{Name: "fallback-user-agent", Value: "python-urllib3, " + uaPlace},
			{Name: "str-body", Value: strBody},
		},
		Rules: []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/python/runner.py", Func: "run_requests", Tag: "mergeplay"},
				Doc:   "What the Python binding cannot express is unsupported: undefined, bearer or partial auth, base_url, unbound fields and call paths.",
				Apply: func(s *merge.State) { newRun(s, l.urllib3).cite = cs; bindingRule(s) }},
			{Name: "session-setup", Cite: c("sessions.py", "Session.__init__"),
				Doc:   "Session() starts from default_headers() (User-Agent, Accept-Encoding, Accept, Connection); client headers update it case-insensitively; client cookies go into the jar (None removes).",
				Apply: sessionSetup},
			{Name: "request-method", Cite: c("sessions.py", "Session.request"),
				Doc: "Session.request upper-cases the method and passes data or {} and params or {}.", Apply: method},
			{Name: "merge-cookies", Cite: c("sessions.py", "Session.prepare_request"),
				Doc: "Request cookies (cookies or {}) become a jar and update a copy of the session jar: same name replaces in place.", Apply: mergeCookies},
			{Name: "prepare-url", Cite: c("models.py", "PreparedRequest.prepare_url"), Also: []merge.Cite{cs.mergeSetting},
				Doc:   "merge_setting(request params, session params): key-wise when both are dicts (None removes), else the request's. The URL is parsed by urllib3 parse_url (" + parseURL + "), params are urlencoded and appended to its query, then requote_uri. _encode_params calls k.encode(\"utf-8\") and v.encode(\"utf-8\") for each str key and value, so a lone surrogate raises UnicodeEncodeError (float('1e999') is sent as str(), inf).",
				Apply: prepareURL},
			{Name: "merge-headers", Cite: cs.mergeSetting, Also: []merge.Cite{cs.defaultHeaders, cs.headerType, cs.headerValue},
				Doc:   "merge_setting(request headers, session headers, CaseInsensitiveDict): request names replace session ones in place with the request's spelling; None removes. Every value must be str (InvalidHeader otherwise).",
				Apply: mergeHeaders},
			{Name: "cookie-header", Cite: c("cookies.py", "get_cookie_header"),
				Doc: "The merged jar becomes a Cookie header unless the headers already have one.", Apply: cookieHeader},
			{Name: "prepare-body", Cite: c("models.py", "PreparedRequest.prepare_body"),
				Doc:   "json= is used only without data: json.dumps (allow_nan=False, so inf raises InvalidJSONError; ensure_ascii, so a lone surrogate is a \\u escape) with Content-Type application/json unless set; a str body has no Content-Type. Content-Length is set from the body (super_len: len(str), or from 2.32 len(str.encode('utf-8')), which refuses a lone surrogate), or 0 for methods other than GET/HEAD.",
				Apply: prepareBody},
			{Name: "prepare-auth", Cite: c("models.py", "PreparedRequest.prepare_auth"), Also: []merge.Cite{cs.mergeSetting, cs.basicAuthStr},
				Doc:   "merge_setting(request auth, session auth): request None means the session's auth. URL userinfo is used only when both are None. A truthy (user, pass) writes Authorization last, over any header; a falsy value (False) sends none.",
				Apply: prepareAuth},
			{Name: "adapter", Cite: c("sessions.py", "Session.get_adapter"), Also: []merge.Cite{cs.pathURL},
				Doc:   "Only http:// and https:// URLs have an adapter; the request-target is path_url (no fragment) re-encoded by urllib3 _encode_target.",
				Apply: adapter},
			{Name: "transport-headers", Cite: transportCite, Also: transportAlso,
				Doc:   "http.client putrequest writes Host (unless given) and Accept-Encoding: identity (unless given); urllib3 adds User-Agent: python-urllib3/<ver> when none is left (" + uaPlace + "). Header values are encoded as Latin-1.",
				Apply: transportHeaders},
			{Name: "transport-body", Cite: bodyCite, Also: bodyAlso,
				Doc: "The body as sent: a str body is encoded as " + strBody + ".", Apply: transportBody},
		},
	}
}

// cpython is the interpreter the venvs run (pyvenv.cfg: Debian's /usr/bin/python3).
const cpython = "3.11.2"

// cites are the functions a rule's steps point at besides the rule's own (Rule.Also).
type cites struct {
	mergeSetting, defaultHeaders, pathURL, basicAuthStr merge.Cite
	headerType, headerValue                             merge.Cite // where InvalidHeader is raised
	putrequest, putheader, sendRequest, encode          merge.Cite // http.client
}

// run carries the Python-side objects between rules.
type run struct {
	f        facts
	cite     cites
	session  []item      // Session.headers after the client update
	jar      []item      // session jar, then merged with request cookies
	rawURL   bool        // not http*: kept as given, no adapter will take it
	urlText  string      // the URL as given to prepare_url (after lstrip)
	encoded  merge.Value // the params dict _encode_params encodes
	bodyNone bool
	body     []byte // json body bytes
	bodyStr  string // str body before the transport encodes it
	isStr    bool
}

// item is one entry of a CaseInsensitiveDict or cookie jar.
type item struct {
	Name   string
	Val    merge.Value
	Source string
}

func state(s *merge.State) *run {
	if r := merge.Var[*run](s, "requests"); r != nil {
		return r
	}
	return newRun(s, "2.8.0")
}

// newRun creates the run for the profile's urllib3.
func newRun(s *merge.State, urllib3 string) *run {
	r := &run{f: factsFor(s.Version, urllib3)}
	s.Vars["requests"] = r
	return r
}

// set is CaseInsensitiveDict.__setitem__: same name (any case) keeps
// its position and takes the new spelling and value.
func set(list []item, it item, fold bool) ([]item, bool) {
	for i := range list {
		if list[i].Name == it.Name || fold && strings.EqualFold(list[i].Name, it.Name) {
			list[i] = it
			return list, true
		}
	}
	return append(list, it), false
}

// path is the runner's location of a value: client["headers"]["X"].
func path(parent, key string) string {
	return parent + "[" + jsontext.Encode(merge.Value{Kind: merge.String, Text: key}, jsontext.Python) + "]"
}

// nativeAuth mirrors native_auth: "" when the value can be passed.
func nativeAuth(v merge.Value, where string) string {
	if v.Kind != merge.Object {
		return ""
	}
	if v.Get("bearer").Present() {
		return where + ".bearer: requests has no bearer-token auth option"
	}
	keys := map[string]bool{}
	for _, f := range v.Fields {
		keys[f.Key] = true
	}
	if len(keys) == 2 && keys["username"] && keys["password"] {
		return ""
	}
	return where + ` must be {"username","password"} or {"bearer"}`
}

func bindingRule(s *merge.State) {
	c, r := s.Client(), s.Request()
	lib := s.Scenario.Library
	switch {
	case c.Prefix.Present():
		s.Unsupported("client.prefix is not bound for %s", lib)
	case c.AllowAbsoluteURLs.Present():
		s.Unsupported("client.allowAbsoluteUrls is not bound for %s", lib)
	case r.AllowAbsoluteURLs.Present():
		s.Unsupported("request.allowAbsoluteUrls is not bound for %s", lib)
	}
	if s.Done() {
		return
	}
	sides := []struct {
		name   string
		fields []struct {
			key string
			v   merge.Value
		}
	}{
		{"client", []struct {
			key string
			v   merge.Value
		}{{"base_url", c.BaseURL}, {"headers", c.Headers}, {"params", c.Params}, {"cookies", c.Cookies}, {"auth", c.Auth}}},
		{"request", []struct {
			key string
			v   merge.Value
		}{{"method", r.Method}, {"url", r.URL}, {"headers", r.Headers}, {"params", r.Params}, {"cookies", r.Cookies},
			{"auth", r.Auth}, {"json", r.JSON}, {"body", r.Body}, {"via", r.Via}}},
	}
	for _, side := range sides {
		for _, f := range side.fields {
			if w := python.FindUndefined(f.v, path(side.name, f.key), path); w != "" {
				s.Unsupported(`%s is {"$undefined": true}: Python has no undefined`, w)
				return
			}
		}
	}
	if c.BaseURL.Present() {
		s.Unsupported("requests has no base URL option")
		return
	}
	if r.Via.Present() && !(r.Via.Kind == merge.String && r.Via.Text == "request") {
		s.Unsupported("requests has no %s call path (only Session.request)", python.Repr(r.Via))
		return
	}
	if !r.URL.Present() {
		s.Unsupported("request.url is required (requests has no base URL)")
		return
	}
	if msg := nativeAuth(r.Auth, "request.auth"); msg != "" {
		s.Unsupported("%s", msg)
		return
	}
	if r.Body.Present() && r.Body.Kind != merge.String && r.Body.Kind != merge.Null {
		s.Unsupported("request.body must be a string (raw body) or null")
		return
	}
	for _, f := range []struct {
		name string
		v    merge.Value
	}{{"headers", c.Headers}, {"cookies", c.Cookies}} {
		if f.v.Present() && f.v.Kind != merge.Object {
			s.Unsupported("client.%s must be an object for requests (it is applied key by key)", f.name)
			return
		}
	}
	if msg := nativeAuth(c.Auth, "client.auth"); msg != "" {
		s.Unsupported("%s", msg)
	}
}

func sessionSetup(s *merge.State) {
	run := state(s)
	defaults := []item{
		{"User-Agent", merge.Value{Kind: merge.String, Text: "python-requests/" + s.Version}, merge.SourceDefault},
		{"Accept-Encoding", merge.Value{Kind: merge.String, Text: "gzip, deflate"}, merge.SourceDefault},
		{"Accept", merge.Value{Kind: merge.String, Text: "*/*"}, merge.SourceDefault},
		{"Connection", merge.Value{Kind: merge.String, Text: "keep-alive"}, merge.SourceDefault},
	}
	run.session = append(run.session, defaults...)
	if h := s.Client().Headers; h.Kind == merge.Object {
		for _, f := range python.Dict(h) {
			var replaced bool
			run.session, replaced = set(run.session, item{f.Key, f.Value, merge.SourceClient}, true)
			if replaced {
				s.Explain(merge.FieldName(f.Key), pyStr(f.Value), merge.SourceClient, merge.ActionOverride,
					"s.headers.update() replaces the library default of the same name (any case) in place")
			}
		}
	}
	if ck := s.Client().Cookies; ck.Kind == merge.Object {
		for _, f := range python.Dict(ck) {
			if f.Value.Kind == merge.Null {
				// RequestsCookieJar.set(name, None) removes the cookie.
				out := run.jar[:0]
				for _, it := range run.jar {
					if it.Name != f.Key {
						out = append(out, it)
					}
				}
				run.jar = out
				s.Explain("cookies."+f.Key, "", merge.SourceClient, merge.ActionRemove, "s.cookies.set(name, None) removes the cookie")
				continue
			}
			if run.f.cookieSetType && f.Value.Kind != merge.String {
				s.Raise("AttributeError", "'%s' object has no attribute 'startswith'", python.TypeName(f.Value))
				return
			}
			run.jar, _ = set(run.jar, item{f.Key, f.Value, merge.SourceClient}, false)
		}
	}
}

func method(s *merge.State) {
	m := s.Request().Method
	switch m.Kind {
	case merge.Absent:
		s.Method = "GET"
		s.Explain("method", "GET", merge.SourceDefault, merge.ActionSet, "Session.request has no default method; the binding passes GET")
	case merge.String:
		s.Method = strings.ToUpper(m.Text)
		s.Explain("method", s.Method, merge.SourceRequest, merge.ActionSet, "method.upper()")
	default:
		s.Raise("AttributeError", "'%s' object has no attribute 'upper'", python.TypeName(m))
	}
}

func mergeCookies(s *merge.State) {
	run := state(s)
	ck := s.Request().Cookies
	if ck.Kind != merge.Object || len(ck.Fields) == 0 {
		if ck.Present() {
			s.Explain("cookies", python.Repr(ck), merge.SourceRequest, merge.ActionIgnore, "cookies or {}: a falsy value means no request cookies")
		}
		return
	}
	for _, f := range python.Dict(ck) {
		if run.f.cookieSetType && f.Value.Kind != merge.String && f.Value.Kind != merge.Null {
			s.Raise("AttributeError", "'%s' object has no attribute 'startswith'", python.TypeName(f.Value))
			return
		}
	}
	for _, f := range python.Dict(ck) {
		var replaced bool
		run.jar, replaced = set(run.jar, item{f.Key, f.Value, merge.SourceRequest}, false)
		if replaced {
			s.Explain("cookies."+f.Key, pyStr(f.Value), merge.SourceRequest, merge.ActionOverride,
				"same (domain, path, name) as the session cookie: the request cookie replaces it in place")
		}
	}
}

// lStrip is str.lstrip(): Python whitespace.
func lStrip(s string) string {
	return strings.TrimLeftFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
	})
}

func prepareURL(s *merge.State) {
	run := state(s)
	f := run.f
	raw := pyStr(s.Request().URL) // str(url): None → "None"
	url := lStrip(raw)
	run.urlText = url
	if strings.Contains(url, ":") && !strings.HasPrefix(strings.ToLower(url), "http") {
		s.URL = url
		s.Target = url
		run.rawURL = true
		s.Explain("url", url, merge.SourceRequest, merge.ActionKeep, "a URL with ':' that does not start with http is kept as given (no params)")
		return
	}
	u, perr := urllib3.ParseURL(url, f.urllib3v2)
	if perr != nil {
		s.Raise("InvalidURL", "Failed to parse: %s", perr.Location)
		return
	}
	if u.Scheme == "" {
		s.Raise("MissingSchema", "Invalid URL %s: No %s supplied. Perhaps you meant %s://%s?", python.StrRepr(url), f.schemaWord, f.schemeHint, url)
		return
	}
	if u.Host == "" {
		s.Raise("InvalidURL", "Invalid URL %s: No host supplied", python.StrRepr(url))
		return
	}
	host := u.Host
	if !isASCII(host) {
		enc, err := urllib3.NormalizeHost(host, f.urllib3v2)
		if err != "" {
			s.Raise("InvalidURL", "URL has an invalid label.")
			return
		}
		host = enc
	} else if strings.HasPrefix(host, "*") || strings.HasPrefix(host, ".") {
		s.Raise("InvalidURL", "URL has an invalid label.")
		return
	}
	netloc := ""
	if u.Auth != "" {
		netloc = u.Auth + "@"
	}
	netloc += host
	if u.HasPort && u.Port != 0 {
		netloc += ":" + strconv.Itoa(u.Port)
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	query := u.Query
	if query != "" {
		for _, kv := range strings.Split(query, "&") {
			k, _, _ := strings.Cut(kv, "=")
			s.Explain(merge.QueryField(k), kv, merge.SourceURL, merge.ActionKeep, "the URL's own query is kept as written, before any params")
		}
	}
	enc := encodeParams(s)
	if msg, bad := paramsEncodeError(s); bad {
		s.Raise("UnicodeEncodeError", "%s", msg)
		return
	}
	if enc != "" {
		if query != "" {
			query += "&" + enc
		} else {
			query = enc
		}
	}
	// urlunparse([scheme, netloc, path, None, query, fragment])
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	out := u.Scheme + "://" + netloc + path
	if query != "" {
		out += "?" + query
	}
	if u.Fragment != "" {
		out += "#" + u.Fragment
	}
	s.URL = requoteURI(out)
	s.Explain("url", s.URL, merge.SourceRequest, merge.ActionSet, "urllib3 parse_url normalises the URL (lower-case host, dot segments, percent-encoding); params are appended; requote_uri re-quotes the result")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// encodeParams merges the params (merge_setting) and encodes them
// (RequestEncodingMixin._encode_params with urlencode(doseq=True)).
func encodeParams(s *merge.State) string {
	req := s.Request().Params
	sess := s.Client().Params
	reqTruthy := truthy(req)
	if req.Present() && !reqTruthy {
		s.Explain("params", python.Repr(req), merge.SourceRequest, merge.ActionIgnore, "params or {}: a falsy request value is an empty dict, so the session params apply")
	}
	if !reqTruthy {
		req = merge.Value{Kind: merge.Object}
	}
	if !sess.Present() {
		sess = merge.Value{Kind: merge.Object} // Session.params defaults to {}
	}
	var merged merge.Value
	switch {
	case sess.Kind == merge.Null:
		merged = req
	case sess.Kind == merge.Object && req.Kind == merge.Object:
		var items []item
		for _, f := range python.Dict(sess) {
			items = append(items, item{f.Key, f.Value, merge.SourceClient})
		}
		at := state(s).cite.mergeSetting
		for _, f := range python.Dict(req) {
			var old item
			for _, it := range items {
				if it.Name == f.Key {
					old = it
				}
			}
			var replaced bool
			items, replaced = set(items, item{f.Key, f.Value, merge.SourceRequest}, false)
			if replaced && old.Val.Kind != merge.Null {
				if f.Value.Kind == merge.Null {
					s.ExplainAt(at, merge.QueryField(f.Key), paramText(old.Val), old.Source, merge.ActionRemove, "a request param set to None removes the session param")
				} else {
					s.ExplainAt(at, merge.QueryField(f.Key), paramText(old.Val), old.Source, merge.ActionOverride, "the request param "+paramText(f.Value)+" replaces the session param of that name, keeping its position")
				}
			}
		}
		merged = merge.Value{Kind: merge.Object}
		for _, it := range items {
			if it.Val.Kind == merge.Null {
				if it.Source == merge.SourceClient || !hasKey(sess, it.Name) {
					s.ExplainAt(at, merge.QueryField(it.Name), "", it.Source, merge.ActionRemove, "merge_setting drops keys whose value is None")
				}
				continue
			}
			merged.Fields = append(merged.Fields, merge.Field{Key: it.Name, Value: it.Val})
			explainParam(s, it.Name, it.Val, it.Source)
		}
		state(s).encoded = merged
		return urlEncode(merged)
	default:
		merged = req
		if sess.Kind != merge.Object || len(sess.Fields) > 0 {
			s.Explain("params", python.Repr(sess), merge.SourceClient, merge.ActionIgnore, "merge_setting: unless both are dicts the request value wins whole, so the session params are dropped")
		}
	}
	switch merged.Kind {
	case merge.String:
		s.Explain("params", merged.Text, merge.SourceRequest, merge.ActionSet, "a str params value is appended to the query as given")
		return merged.Text
	case merge.Object:
		for _, f := range python.Dict(merged) {
			if f.Value.Kind != merge.Null {
				explainParam(s, f.Key, f.Value, merge.SourceRequest)
			}
		}
		state(s).encoded = merged
		return urlEncode(merged)
	}
	return ""
}

// explainParam gives each pair urlencode(doseq=True) sends its own step: a list is one pair per
// item (a None item is skipped), so an empty list sends nothing.
func explainParam(s *merge.State, key string, v merge.Value, source string) {
	if v.Kind != merge.Array {
		s.Explain(merge.QueryField(key), pyStr(v), source, merge.ActionSet, "")
		return
	}
	if len(v.Items) == 0 {
		s.Explain(merge.QueryField(key), "[]", source, merge.ActionIgnore, "urlencode(doseq=True) sends no pair for an empty list")
	}
	for _, it := range v.Items {
		if it.Kind != merge.Null {
			s.Explain(merge.QueryField(key), pyStr(it), source, merge.ActionSet, "urlencode(doseq=True): one pair per list item")
		}
	}
}

// paramText is a param value as a person reads it in a step: a str as is, a list as its repr.
func paramText(v merge.Value) string {
	if v.Kind == merge.Array {
		return python.Repr(v)
	}
	return pyStr(v)
}

func hasKey(v merge.Value, key string) bool {
	for _, f := range v.Fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

// paramsEncodeError is the UnicodeEncodeError _encode_params raises: it
// calls k.encode("utf-8") then v.encode("utf-8") for each str key and value
// it sends (None values and their keys are skipped), which refuses a lone
// surrogate. It looks at the params encodeParams encoded, kept in the run.
func paramsEncodeError(s *merge.State) (string, bool) {
	v := state(s).encoded
	for _, f := range python.Dict(v) {
		vals := []merge.Value{f.Value}
		if f.Value.Kind == merge.Array {
			vals = f.Value.Items
		}
		for _, it := range vals {
			if it.Kind == merge.Null {
				continue
			}
			if msg, _, _, bad := python.EncodeError(f.Key, python.UTF8); bad {
				return msg, true
			}
			if it.Kind == merge.String {
				if msg, _, _, bad := python.EncodeError(it.Text, python.UTF8); bad {
					return msg, true
				}
			}
		}
	}
	return "", false
}

func urlEncode(v merge.Value) string {
	var parts []string
	for _, f := range python.Dict(v) {
		vals := []merge.Value{f.Value}
		if f.Value.Kind == merge.Array {
			vals = f.Value.Items
		}
		for _, it := range vals {
			if it.Kind == merge.Null {
				continue
			}
			parts = append(parts, form.Escape(f.Key, form.PythonSafe)+"="+form.Escape(pyStr(it), form.PythonSafe))
		}
	}
	return strings.Join(parts, "&")
}

func mergeHeaders(s *merge.State) {
	run := state(s)
	rh := s.Request().Headers
	var merged []item
	switch rh.Kind {
	case merge.Absent, merge.Null:
		merged = append(merged, run.session...)
	case merge.Object:
		merged = append(merged, run.session...)
		for _, f := range python.Dict(rh) {
			var replaced bool
			before := merged
			var old item
			for _, it := range before {
				if strings.EqualFold(it.Name, f.Key) {
					old = it
				}
			}
			merged, replaced = set(merged, item{f.Key, f.Value, merge.SourceRequest}, true)
			if replaced && old.Val.Kind != merge.Null {
				action, note := merge.ActionOverride, "the request header replaces the session's "+old.Name+" in place, with the request's spelling"
				if f.Value.Kind == merge.Null {
					action, note = merge.ActionRemove, "a request header set to None removes the session's "+old.Name
				}
				s.Explain(merge.FieldName(old.Name), pyStr(old.Val), old.Source, action, note)
			}
		}
	default:
		s.Explain("headers", python.Repr(rh), merge.SourceRequest, merge.ActionOverride, "merge_setting: a non-dict request value wins whole; prepare_headers(False) sends no session headers")
	}
	s.Headers = s.Headers[:0]
	for _, it := range merged {
		if it.Val.Kind == merge.Null {
			if it.Source != merge.SourceRequest {
				s.Explain(merge.FieldName(it.Name), "", it.Source, merge.ActionRemove, "merge_setting drops keys whose value is None")
			}
			continue
		}
		if it.Val.Kind != merge.String && run.f.oldHeaderMsg {
			// 2.27.1 utils.check_header_validity: "%s" of name and value.
			s.Raise("InvalidHeader", "Value for header {%s: %s} must be of type str or bytes, not <class '%s'>",
				it.Name, python.Repr(it.Val), python.TypeName(it.Val))
			return
		}
		if it.Val.Kind != merge.String {
			from := "{" + python.StrRepr(it.Name) + ": " + python.Repr(it.Val) + "}"
			if run.f.headerTuple {
				from = "(" + python.StrRepr(it.Name) + ", " + python.Repr(it.Val) + ")"
			}
			s.RaiseAt(run.cite.headerType, "InvalidHeader", "Header part (%s) from %s must be of type str or bytes, not <class '%s'>",
				python.Repr(it.Val), from, python.TypeName(it.Val))
			return
		}
		if r := []rune(it.Val.Text); len(r) > 0 && (unicode.IsSpace(r[0]) || r[0] >= 0x1c && r[0] <= 0x1f) {
			if run.f.oldHeaderMsg {
				s.Raise("InvalidHeader", "Invalid return character or leading space in header: %s", it.Name)
				return
			}
			sep := ""
			if run.f.headerSpace {
				sep = " "
			}
			s.RaiseAt(run.cite.headerValue, "InvalidHeader", "Invalid leading whitespace, reserved character(s), or return%scharacter(s) in header value: %s",
				sep, python.StrRepr(it.Val.Text))
			return
		}
		s.AddHeader(it.Name, it.Val.Text, it.Source)
		if it.Source == merge.SourceDefault {
			s.ExplainAt(run.cite.defaultHeaders, merge.FieldName(it.Name), it.Val.Text, it.Source, merge.ActionSet, "Session() starts from default_headers(); no client or request header replaced it")
			continue
		}
		s.Explain(merge.FieldName(it.Name), it.Val.Text, it.Source, merge.ActionSet, "")
	}
}

func cookieHeader(s *merge.State) {
	run := state(s)
	if len(run.jar) == 0 {
		return
	}
	var attrs []string
	for _, it := range run.jar {
		switch it.Val.Kind {
		case merge.Null:
			attrs = append(attrs, it.Name)
		case merge.String:
			attrs = append(attrs, it.Name+"="+it.Val.Text)
		default:
			// http.cookiejar._cookie_attrs runs non_word_re.search(value).
			s.Raise("TypeError", "expected string or bytes-like object, got '%s'", python.TypeName(it.Val))
			return
		}
	}
	if i := s.HeaderIndex("Cookie"); i >= 0 {
		for _, it := range run.jar {
			s.Explain("cookies."+it.Name, pyStr(it.Val), it.Source, merge.ActionIgnore, "an explicit Cookie header wins: the jar adds none")
		}
		return
	}
	v := strings.Join(attrs, "; ")
	s.AddHeader("Cookie", v, merge.SourceCookies)
	s.Explain(merge.FieldName("Cookie"), v, merge.SourceCookies, merge.ActionSet, "session cookies, then request cookies (same name replaced in place); a None value is sent as the bare name")
}

func prepareBody(s *merge.State) {
	run := state(s)
	r := s.Request()
	data := r.Body.Kind == merge.String && r.Body.Text != ""
	run.bodyNone = true
	contentType := ""
	switch {
	case !data && r.JSON.Present() && r.JSON.Kind != merge.Null:
		if jsontext.NonFinite(r.JSON) && !run.f.allowNaN {
			s.Raise("InvalidJSONError", "Out of range float values are not JSON compliant")
			return
		}
		run.body = []byte(jsontext.Encode(jsonValue(r.JSON), jsontext.Python))
		run.bodyNone = false
		contentType = "application/json"
		s.Explain("body", string(run.body), merge.SourceRequest, merge.ActionSet, "json.dumps with its defaults (', ', ': ', ASCII escapes)")
	case data:
		run.bodyStr, run.isStr, run.bodyNone = r.Body.Text, true, false
		s.Explain("body", r.Body.Text, merge.SourceRequest, merge.ActionSet, "a str data= body is sent as given, with no Content-Type")
		if r.JSON.Present() {
			s.Explain("json", "", merge.SourceRequest, merge.ActionIgnore, "json= is ignored when data= is given")
		}
	default:
		if r.Body.Present() {
			s.Explain("body", "", merge.SourceRequest, merge.ActionIgnore, "data or {}: an empty or None body sends nothing")
		}
	}
	if !run.bodyNone {
		n := len(run.body)
		if run.isStr {
			n = runeLen(run.bodyStr)
			if run.f.strLenUTF8 {
				// super_len measures o.encode("utf-8"), which refuses a lone surrogate.
				if msg, _, _, bad := python.EncodeError(run.bodyStr, python.UTF8); bad {
					s.Raise("UnicodeEncodeError", "%s", msg)
					return
				}
				n = len(run.bodyStr)
			}
		}
		if n > 0 {
			put(s, "Content-Length", strconv.Itoa(n), merge.SourceDefault, "super_len(body)")
		}
	} else if s.Method != "GET" && s.Method != "HEAD" {
		if _, ok := s.HeaderValue("Content-Length"); !ok {
			put(s, "Content-Length", "0", merge.SourceDefault, "no body on a method other than GET/HEAD")
		}
	}
	if contentType != "" {
		if _, ok := s.HeaderValue("Content-Type"); ok {
			s.Explain(merge.FieldName("Content-Type"), contentType, merge.SourceDefault, merge.ActionIgnore, "a Content-Type header is already set")
		} else {
			s.AddHeader("Content-Type", contentType, merge.SourceDefault)
			s.Explain(merge.FieldName("Content-Type"), contentType, merge.SourceDefault, merge.ActionSet, "json= body")
		}
	}
}

// jsonValue is the value json.loads gives back to json.dumps:
// repeated keys collapse as in a dict.
func jsonValue(v merge.Value) merge.Value {
	switch v.Kind {
	case merge.Object:
		out := merge.Value{Kind: merge.Object}
		for _, f := range python.Dict(v) {
			out.Fields = append(out.Fields, merge.Field{Key: f.Key, Value: jsonValue(f.Value)})
		}
		return out
	case merge.Array:
		out := merge.Value{Kind: merge.Array, Items: make([]merge.Value, len(v.Items))}
		for i, it := range v.Items {
			out.Items[i] = jsonValue(it)
		}
		return out
	case merge.Number:
		if v.IsInt() {
			return merge.Value{Kind: merge.Number, Text: python.Number(v.Text)}
		}
	}
	return v
}

// nonFinite reports a number json.loads reads as inf.

// put is CaseInsensitiveDict.__setitem__ on the prepared headers.
func put(s *merge.State, name, value, source, note string) {
	if i := s.HeaderIndex(name); i >= 0 {
		old := s.Headers[i]
		s.Headers[i] = merge.Header{Name: name, Value: value, Source: source}
		if old.Value != value {
			s.Explain(merge.FieldName(old.Name), old.Value, old.Source, merge.ActionOverride, "replaced in place by "+name+": "+value)
		}
	} else {
		s.AddHeader(name, value, source)
	}
	s.Explain(merge.FieldName(name), value, source, merge.ActionSet, note)
}

func prepareAuth(s *merge.State) {
	req, sess := s.Request().Auth, s.Client().Auth
	auth, source := req, merge.SourceRequest
	if req.Kind == merge.Absent || req.Kind == merge.Null {
		auth, source = sess, merge.SourceClient
		if req.Kind == merge.Null && sess.Present() && sess.Kind != merge.Null {
			s.ExplainAt(state(s).cite.mergeSetting, merge.FieldName("Authorization"), "", merge.SourceRequest, merge.ActionIgnore, "merge_setting: request auth=None means 'not given', so the session auth is used")
		}
	} else if sess.Present() && sess.Kind != merge.Null {
		s.ExplainAt(state(s).cite.mergeSetting, merge.FieldName("Authorization"), "", merge.SourceClient, merge.ActionOverride, "merge_setting: the request auth replaces the session auth whole")
	}
	var user, pass string
	switch {
	case auth.Kind == merge.Absent || auth.Kind == merge.Null:
		u, p := urlAuth(s.URL)
		if u == "" && p == "" {
			return
		}
		user, pass, source = u, p, merge.SourceURL
	case auth.Kind == merge.Object:
		user, pass = pyStr(auth.Get("username")), pyStr(auth.Get("password"))
	case !truthy(auth):
		s.Explain(merge.FieldName("Authorization"), "", source, merge.ActionRemove, "a falsy auth (False) sends no Authorization, not even the session's")
		return
	default:
		s.Raise("TypeError", "'%s' object is not callable", python.TypeName(auth))
		return
	}
	for _, part := range []string{user, pass} {
		if head, _, _, bad := latin1Error(part); bad {
			s.RaiseAt(state(s).cite.basicAuthStr, "UnicodeEncodeError", "%s: ordinal not in range(256)", head)
			return
		}
	}
	v := "Basic " + base64.StdEncoding.EncodeToString(append(append(latin1(user), ':'), latin1(pass)...))
	note := "HTTPBasicAuth runs last and overwrites any Authorization header"
	if source == merge.SourceURL {
		note = "no auth given: the URL's user:password is used"
	}
	put(s, "Authorization", v, merge.SourceAuth, note)
}

func adapter(s *merge.State) {
	run := state(s)
	lower := strings.ToLower(s.URL)
	if run.rawURL || !(strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://")) {
		s.Raise("InvalidSchema", "No connection adapters were found for %s", python.StrRepr(s.URL))
		return
	}
	s.Target = pathURL(s.URL)
	s.ExplainAt(run.cite.pathURL, "url", s.Target, merge.SourceTransport, merge.ActionSet, "request-target: path_url (fragment dropped) re-encoded by urllib3 _encode_target")
	// A query key whose spelling changed on the way (requote_uri, _encode_target)
	// is explained once more under its wire spelling.
	if _, q, ok := strings.Cut(s.Target, "?"); ok {
		for _, kv := range strings.Split(q, "&") {
			k, _, _ := strings.Cut(kv, "=")
			if kv != "" && !s.Explained(merge.QueryField(k)) {
				s.ExplainAt(run.cite.pathURL, merge.QueryField(k), kv, merge.SourceURL, merge.ActionKeep, "as re-quoted by requote_uri and urllib3")
			}
		}
	}
}

func transportHeaders(s *merge.State) {
	run := state(s)
	has := func(name string) bool { return s.HeaderIndex(name) >= 0 }
	var front []merge.Header
	explain := func(at merge.Cite, name, value, note string) {
		front = append(front, merge.Header{Name: name, Value: value, Source: merge.SourceTransport})
		s.ExplainAt(at, merge.FieldName(name), value, merge.SourceTransport, merge.ActionSet, note)
	}
	if !has("Host") {
		explain(run.cite.putrequest, "Host", hostHeader(s.URL, run.f.urllib3v2), "http.client putrequest: the connection's host, with the port unless it is the scheme's default")
	}
	if !has("Accept-Encoding") {
		explain(run.cite.putrequest, "Accept-Encoding", "identity", "http.client putrequest adds Accept-Encoding: identity when the headers have none")
	}
	contentLength := ""
	if !has("Content-Length") && !has("Transfer-Encoding") {
		switch {
		case !run.bodyNone && run.isStr && run.f.urllib3v2:
			contentLength = strconv.Itoa(len(run.bodyStr))
		case !run.bodyNone && run.isStr:
			contentLength = strconv.Itoa(runeLen(run.bodyStr))
		case !run.bodyNone:
			contentLength = strconv.Itoa(len(run.body))
		case run.f.urllib3v2:
			switch s.Method {
			case "GET", "HEAD", "DELETE", "TRACE", "OPTIONS", "CONNECT":
			default:
				contentLength = "0"
			}
		default:
			switch s.Method {
			case "PATCH", "POST", "PUT":
				contentLength = "0"
			}
		}
	}
	if contentLength != "" {
		// urllib3 2 HTTPConnection.request sets it itself; urllib3 1.26 leaves it to http.client.
		at := merge.Cite{}
		if !run.f.urllib3v2 {
			at = run.cite.sendRequest
		}
		explain(at, "Content-Length", contentLength, "the transport adds Content-Length when none is set")
	}
	ua := "python-urllib3/" + run.f.urllib3
	needUA := !has("User-Agent")
	if needUA && run.f.urllib3v2 {
		explain(merge.Cite{}, "User-Agent", ua, "urllib3 2 HTTPConnection.request puts its User-Agent before the request's headers when none is left")
	}
	s.Headers = append(front, s.Headers...)
	if needUA && !run.f.urllib3v2 {
		s.AddHeader("User-Agent", ua, merge.SourceTransport)
		s.Explain(merge.FieldName("User-Agent"), ua, merge.SourceTransport, merge.ActionSet, "urllib3 1.26 HTTPConnection.request appends its User-Agent after every other header when none is left")
	}
	for _, h := range s.Headers {
		if head, _, _, bad := latin1Error(h.Value); bad {
			s.RaiseAt(run.cite.putheader, "UnicodeEncodeError", "%s: ordinal not in range(256)", head)
			return
		}
	}
}

// hostHeader is the Host http.client writes for the pool urllib3
// opens from the prepared URL.
func hostHeader(url string, v2 bool) string {
	u, err := urllib3.ParseURL(url, v2)
	if err != nil {
		return ""
	}
	return u.HostHeader(u.Scheme)
}

func transportBody(s *merge.State) {
	run := state(s)
	switch {
	case run.bodyNone:
		s.Body = nil
	case !run.isStr:
		s.Body = run.body
	case run.f.urllib3v2:
		// body_to_chunks sends to_bytes(body): str.encode() is strict UTF-8, so a lone
		// surrogate raises there whatever the requests release (2.32.0 raises it earlier, in
		// super_len). The switch is the urllib3 the release was recorded with (2.8.0 from 2.30.0).
		if msg, _, _, bad := python.EncodeError(run.bodyStr, python.UTF8); bad {
			s.Raise("UnicodeEncodeError", "%s", msg)
			return
		}
		s.Body = []byte(run.bodyStr)
		if !run.f.strLenUTF8 && !isASCII(run.bodyStr) {
			s.Warn("requests %s counts a str body's Content-Length in code points, but urllib3 2 sends UTF-8 bytes: the server reads a truncated body", s.Version)
			// The server reads Content-Length bytes and takes the rest as the
			// start of the next request (recorded with 2.30.0 and 2.31.0).
			if cl, ok := s.HeaderValue("Content-Length"); ok {
				if n, err := strconv.Atoi(cl); err == nil && n >= 0 && n < len(s.Body) {
					s.Body = s.Body[:n]
					s.Binary = !utf8.Valid(s.Body)
				}
			}
		}
		s.Explain("body", run.bodyStr, merge.SourceTransport, merge.ActionSet, "urllib3 2 encodes a str body as UTF-8")
	default:
		if head, start, end, bad := latin1Error(run.bodyStr); bad {
			bad := merge.FromRunes(merge.Runes(run.bodyStr)[start:end])
			rep := merge.Runes(python.StrRepr(bad))
			if len(rep) > 20 {
				rep = rep[:20]
			}
			s.RaiseAt(run.cite.encode, "UnicodeEncodeError", "%s: Body (%s) is not valid Latin-1. Use body.encode('utf-8') if you want to send it encoded in UTF-8.", head, merge.FromRunes(rep))
			return
		}
		s.Body = latin1(run.bodyStr)
		s.Binary = !isASCII(run.bodyStr)
		s.Explain("body", run.bodyStr, merge.SourceTransport, merge.ActionSet, "http.client encodes a str body as Latin-1")
	}
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way Python does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("python", recordedReleases.Apply(profiles()...)...)
})
