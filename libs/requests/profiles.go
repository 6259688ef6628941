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
	"github.com/mergeplay/mergeplay/model/pyrequests"
	"github.com/mergeplay/mergeplay/model/python"
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

// lines are the cited functions' first lines at each cited tag (read from the
// tag's source), keyed by the function's name without its class.
var lines = merge.Lines{
	{Tag: "2.28.1", Key: "merge_setting", Line: 61},
	{Tag: "2.28.1", Key: "Session.__init__", Line: 389},
	{Tag: "2.28.1", Key: "prepare_request", Line: 457},
	{Tag: "2.28.1", Key: "Session.request", Line: 500},
	{Tag: "2.28.1", Key: "get_adapter", Line: 780},
	{Tag: "2.28.1", Key: "set", Line: 206},
	{Tag: "2.28.1", Key: "cookiejar_from_dict", Line: 521},
	{Tag: "2.28.1", Key: "merge_cookies", Line: 542},
	{Tag: "2.28.1", Key: "get_cookie_header", Line: 140},
	{Tag: "2.28.1", Key: "prepare_url", Line: 410},
	{Tag: "2.28.1", Key: "prepare_headers", Line: 484},
	{Tag: "2.28.1", Key: "prepare_body", Line: 495},
	{Tag: "2.28.1", Key: "prepare_auth", Line: 589},
	{Tag: "2.28.1", Key: "prepare_cookies", Line: 611},
	{Tag: "2.28.1", Key: "path_url", Line: 86},
	{Tag: "2.28.1", Key: "check_header_validity", Line: 1027},
	{Tag: "2.28.1", Key: "_basic_auth_str", Line: 25},
	{Tag: "2.28.1", Key: "send", Line: 436},
	{Tag: "2.28.1", Key: "default_headers", Line: 893},
	{Tag: "2.34.2", Key: "merge_setting", Line: 76},
	{Tag: "2.34.2", Key: "Session.__init__", Line: 442},
	{Tag: "2.34.2", Key: "prepare_request", Line: 511},
	{Tag: "2.34.2", Key: "Session.request", Line: 557},
	{Tag: "2.34.2", Key: "get_adapter", Line: 870},
	{Tag: "2.34.2", Key: "set", Line: 229},
	{Tag: "2.34.2", Key: "cookiejar_from_dict", Line: 564},
	{Tag: "2.34.2", Key: "merge_cookies", Line: 604},
	{Tag: "2.34.2", Key: "get_cookie_header", Line: 153},
	{Tag: "2.34.2", Key: "prepare_url", Line: 481},
	{Tag: "2.34.2", Key: "prepare_headers", Line: 563},
	{Tag: "2.34.2", Key: "prepare_body", Line: 574},
	{Tag: "2.34.2", Key: "prepare_auth", Line: 668},
	{Tag: "2.34.2", Key: "prepare_cookies", Line: 697},
	{Tag: "2.34.2", Key: "path_url", Line: 113},
	{Tag: "2.34.2", Key: "check_header_validity", Line: 1087},
	{Tag: "2.34.2", Key: "_basic_auth_str", Line: 34},
	{Tag: "2.34.2", Key: "send", Line: 634},
	{Tag: "2.34.2", Key: "default_headers", Line: 951},
}

func profile(l line) *merge.Profile {
	tag := "v" + l.tag
	src := "requests/"
	if merge.CompareVersions(l.tag, "2.32.0") >= 0 {
		src = "src/requests/"
	}
	c := func(file, fn string) merge.Cite {
		key := fn
		if i := strings.LastIndexByte(fn, '.'); i >= 0 && fn != "Session.__init__" && fn != "Session.request" {
			key = fn[i+1:]
		}
		url := "https://github.com/psf/requests/blob/" + tag + "/" + src + file
		if n := lines.Line(l.tag, key); n > 0 {
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
				Doc: "Session.request upper-cases the method and passes data or {} and params or {}.", Apply: pyrequests.Method},
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
	session  []item // Session.headers after the client update
	jar      []item // session jar, then merged with request cookies
	rawURL   bool   // not http*: kept as given, no adapter will take it
	bodyNone bool
	body     []byte // json body bytes
	bodyStr  string // str body before the transport encodes it
	isStr    bool
}

// item is one entry of a CaseInsensitiveDict or cookie jar.
type item = pyrequests.Item

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

func bindingRule(s *merge.State) {
	if !pyrequests.Bound(s) {
		return
	}
	c, r := s.Client(), s.Request()
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
	pyrequests.CheckValues(s, "requests", func(v merge.Value, where string) string { return python.NativeAuth(v, where, "requests") })
}

func sessionSetup(s *merge.State) {
	run := state(s)
	run.session, run.jar = pyrequests.SessionSetup(s, "python-requests/"+s.Version, nil, run.f.cookieSetType)
}

func mergeCookies(s *merge.State) {
	run := state(s)
	run.jar = pyrequests.MergeCookies(s, run.jar, run.f.cookieSetType)
}

// prepareURL is PreparedRequest.prepare_url with this release's urllib3 and MissingSchema words.
func prepareURL(s *merge.State) {
	run := state(s)
	url := pyrequests.LStrip(pyrequests.Str(s.Request().URL)) // str(url): None → "None"
	run.rawURL = pyrequests.PrepareURL(s, url, run.cite.mergeSetting,
		pyrequests.URLFacts{Urllib3v2: run.f.urllib3v2, SchemaWord: run.f.schemaWord, SchemeHint: run.f.schemeHint})
}

func mergeHeaders(s *merge.State) {
	run := state(s)
	pyrequests.MergeHeaders(s, run.session, run.cite.defaultHeaders, nil, func(it item) bool { return checkHeader(s, it) })
}

// checkHeader is check_header_validity on a header sent, in this release's words; false when it raised.
func checkHeader(s *merge.State, it item) bool {
	run := state(s)
	if it.Val.Kind != merge.String && run.f.oldHeaderMsg {
		// 2.27.1 utils.check_header_validity: "%s" of name and value.
		s.Raise("InvalidHeader", "Value for header {%s: %s} must be of type str or bytes, not <class '%s'>",
			it.Name, python.Repr(it.Val), python.TypeName(it.Val))
		return false
	}
	if it.Val.Kind != merge.String {
		from := "{" + python.StrRepr(it.Name) + ": " + python.Repr(it.Val) + "}"
		if run.f.headerTuple {
			from = "(" + python.StrRepr(it.Name) + ", " + python.Repr(it.Val) + ")"
		}
		s.RaiseAt(run.cite.headerType, "InvalidHeader", "Header part (%s) from %s must be of type str or bytes, not <class '%s'>",
			python.Repr(it.Val), from, python.TypeName(it.Val))
		return false
	}
	if r := []rune(it.Val.Text); len(r) > 0 && (unicode.IsSpace(r[0]) || r[0] >= 0x1c && r[0] <= 0x1f) {
		if run.f.oldHeaderMsg {
			s.Raise("InvalidHeader", "Invalid return character or leading space in header: %s", it.Name)
			return false
		}
		sep := ""
		if run.f.headerSpace {
			sep = " "
		}
		s.RaiseAt(run.cite.headerValue, "InvalidHeader", "Invalid leading whitespace, reserved character(s), or return%scharacter(s) in header value: %s",
			sep, python.StrRepr(it.Val.Text))
		return false
	}
	return true
}

func prepareBody(s *merge.State) {
	run := state(s)
	b := pyrequests.PrepareBody(s, pyrequests.BodyFacts{AllowNaN: run.f.allowNaN, JSONType: "application/json",
		StrNote: "a str data= body is sent as given, with no Content-Type", StrLenUTF8: run.f.strLenUTF8})
	run.bodyNone, run.body, run.bodyStr, run.isStr = b.None, b.JSON, b.Str, b.IsStr
}

// nonFinite reports a number json.loads reads as inf.

func prepareAuth(s *merge.State) {
	auth, source := pyrequests.MergeAuth(s, state(s).cite.mergeSetting)
	var user, pass string
	switch {
	case auth.Kind == merge.Absent || auth.Kind == merge.Null:
		u, p := pyrequests.URLAuth(s.URL)
		if u == "" && p == "" {
			return
		}
		user, pass, source = u, p, merge.SourceURL
	case auth.Kind == merge.Object:
		user, pass = pyrequests.Str(auth.Get("username")), pyrequests.Str(auth.Get("password"))
	case !pyrequests.Truthy(auth):
		s.Explain(merge.FieldName("Authorization"), "", source, merge.ActionRemove, "a falsy auth (False) sends no Authorization, not even the session's")
		return
	default:
		s.Raise("TypeError", "'%s' object is not callable", python.TypeName(auth))
		return
	}
	for _, part := range []string{user, pass} {
		if head, _, _, bad := pyrequests.Latin1Error(part); bad {
			s.RaiseAt(state(s).cite.basicAuthStr, "UnicodeEncodeError", "%s: ordinal not in range(256)", head)
			return
		}
	}
	v := "Basic " + base64.StdEncoding.EncodeToString(append(append(latin1(user), ':'), latin1(pass)...))
	pyrequests.PutBasic(s, v, source)
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
		explain(run.cite.putrequest, "Host", pyrequests.HostHeader(s.URL, run.f.urllib3v2), "http.client putrequest: the connection's host, with the port unless it is the scheme's default")
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
		if head, _, _, bad := pyrequests.Latin1Error(h.Value); bad {
			s.RaiseAt(run.cite.putheader, "UnicodeEncodeError", "%s: ordinal not in range(256)", head)
			return
		}
	}
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
		if !run.f.strLenUTF8 && !pyrequests.IsASCII(run.bodyStr) {
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
		if head, start, end, bad := pyrequests.Latin1Error(run.bodyStr); bad {
			bad := merge.FromRunes(merge.Runes(run.bodyStr)[start:end])
			rep := merge.Runes(python.StrRepr(bad))
			if len(rep) > 20 {
				rep = rep[:20]
			}
			s.RaiseAt(run.cite.encode, "UnicodeEncodeError", "%s: Body (%s) is not valid Latin-1. Use body.encode('utf-8') if you want to send it encoded in UTF-8.", head, merge.FromRunes(rep))
			return
		}
		s.Body = latin1(run.bodyStr)
		s.Binary = !pyrequests.IsASCII(run.bodyStr)
		s.Explain("body", run.bodyStr, merge.SourceTransport, merge.ActionSet, "http.client encodes a str body as Latin-1")
	}
}

// cookieHeader and adapter are the shared steps, given this run's jar, URL kind and citation.
func cookieHeader(s *merge.State) { pyrequests.CookieHeader(s, state(s).jar) }

func adapter(s *merge.State) {
	run := state(s)
	pyrequests.Adapter(s, run.rawURL, run.cite.pathURL)
}

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way Python does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("python", recordedReleases.Apply(profiles()...)...)
})
