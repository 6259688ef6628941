package niquests

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/pyrequests"
	"github.com/mergeplay/mergeplay/model/python"
	"github.com/mergeplay/mergeplay/model/urllib3"
)

// niquests profiles. niquests 3.x is requests' Session API (merge_setting, the same
// PreparedRequest steps) on urllib3-future, a fork of urllib3 that installs a package named
// urllib3 and writes HTTP/1.1 itself (no http.client). Every release is recorded with the
// urllib3-future pip resolves today (2.25.904 for all of 3.0.0-3.21.2), so the transport is one
// model; the profiles split where niquests changed what it sends, and the smaller changes
// inside a profile are version facts (factsFor).

const binding = "s = niquests.Session(base_url=client.base_url, disable_http2=True, disable_http3=True); s.trust_env = False; " +
	"s.headers.update(client.headers); s.params = client.params; s.cookies.set(name, value) per client cookie; " +
	"s.auth = (u, p), the bearer token as a str, or the native value; then " +
	"s.request(method, url, headers=, params=, cookies=, auth=, json=, data=body) with only the request fields present " +
	"(conformance/runners/python/BINDING.md). base_url before 3.11.0, via other than \"request\" and {\"$undefined\": true} are unsupported; null is None."

// urllib3Future is the urllib3-future every release was recorded with (its requirements file).
const urllib3Future = "2.25.904"

// line is one profile: a niquests range and the tag its citations point at.
type line struct {
	min, max, tag string
	note          string
}

// facts are what changed inside a profile, by niquests version.
type facts struct {
	bearer bool // a str auth is BearerTokenAuth (from 3.2.0)
	// ensureStr: CaseInsensitiveDict.__setitem__ runs _ensure_str_or_bytes (from 3.2.3): int,
	// float and bool values become str(), others raise. Before, prepare_headers runs requests'
	// check_header_validity on the merged headers.
	ensureStr bool
	numToStr  bool // _ensure_str_or_bytes turns an int or float into str() (from 3.2.4, #45; 3.2.3 raises)
	// emptyURL: an empty URL is joined as "" (base_url without its trailing /) from 3.17.0;
	// before, it becomes "/" first, so the base keeps its slash.
	emptyURL bool
	// mergeBaseURL: the join is utils.merge_base_url (from 3.18.2), prepare_url before.
	mergeBaseURL bool
	fastURL      bool   // prepare_url keeps a URL without params, userinfo or % as given, and reads the scheme with parse_scheme (from 3.5.4)
	jsonType     string // the Content-Type json= sets
	baseURL      bool   // Session(base_url=) exists (from 3.11.0, jawah/niquests#180)
}

func factsFor(version string) facts {
	ge := func(v string) bool { return merge.CompareVersions(version, v) >= 0 }
	f := facts{bearer: ge("3.2.0"), ensureStr: ge("3.2.3"), numToStr: ge("3.2.4"), fastURL: ge("3.5.4"), emptyURL: ge("3.17.0"), mergeBaseURL: ge("3.18.2"), baseURL: ge("3.11.0"), jsonType: "application/json"}
	// json='s Content-Type: a charset from 3.4.0 (#59, models.PreparedRequest.prepare_body), in
	// the compact spelling from 3.12.2 (#204).
	switch {
	case ge("3.12.2"):
		f.jsonType = "application/json;charset=utf-8"
	case ge("3.4.0"):
		f.jsonType = `application/json; charset="utf-8"`
	}
	return f
}

// lines are the cited functions' first lines in each cited tag's files (read from the
// release's installed package, which is its repository's src/niquests/ line for line).
var lines = merge.Lines{
	{Tag: "3.1.4", Key: "sessions.py:merge_setting", Line: 98},
	{Tag: "3.1.4", Key: "sessions.py:Session.__init__", Line: 202},
	{Tag: "3.1.4", Key: "sessions.py:Session.request", Line: 335},
	{Tag: "3.1.4", Key: "sessions.py:Session.prepare_request", Line: 289},
	{Tag: "3.1.4", Key: "sessions.py:Session.get_adapter", Line: 1088},
	{Tag: "3.1.4", Key: "models.py:PreparedRequest.path_url", Line: 650},
	{Tag: "3.1.4", Key: "models.py:PreparedRequest.prepare_url", Line: 324},
	{Tag: "3.1.4", Key: "models.py:PreparedRequest.prepare_body", Line: 418},
	{Tag: "3.1.4", Key: "models.py:PreparedRequest.prepare_auth", Line: 563},
	{Tag: "3.1.4", Key: "auth.py:_basic_auth_str", Line: 26},
	{Tag: "3.1.4", Key: "cookies.py:get_cookie_header", Line: 156},
	{Tag: "3.1.4", Key: "structures.py:CaseInsensitiveDict.__setitem__", Line: 51},
	{Tag: "3.1.4", Key: "utils.py:default_headers", Line: 826},
	{Tag: "3.1.4", Key: "utils.py:_validate_header_part", Line: 924},
	{Tag: "3.2.2", Key: "sessions.py:merge_setting", Line: 98},
	{Tag: "3.2.2", Key: "sessions.py:Session.__init__", Line: 203},
	{Tag: "3.2.2", Key: "sessions.py:Session.request", Line: 347},
	{Tag: "3.2.2", Key: "sessions.py:Session.prepare_request", Line: 301},
	{Tag: "3.2.2", Key: "sessions.py:Session.get_adapter", Line: 1137},
	{Tag: "3.2.2", Key: "models.py:PreparedRequest.path_url", Line: 652},
	{Tag: "3.2.2", Key: "models.py:PreparedRequest.prepare_url", Line: 324},
	{Tag: "3.2.2", Key: "models.py:PreparedRequest.prepare_body", Line: 418},
	{Tag: "3.2.2", Key: "models.py:PreparedRequest.prepare_auth", Line: 563},
	{Tag: "3.2.2", Key: "auth.py:_basic_auth_str", Line: 26},
	{Tag: "3.2.2", Key: "auth.py:BearerTokenAuth.__call__", Line: 61},
	{Tag: "3.2.2", Key: "cookies.py:get_cookie_header", Line: 156},
	{Tag: "3.2.2", Key: "structures.py:CaseInsensitiveDict.__setitem__", Line: 51},
	{Tag: "3.2.2", Key: "utils.py:default_headers", Line: 831},
	{Tag: "3.2.2", Key: "utils.py:_validate_header_part", Line: 929},
	{Tag: "3.5.3", Key: "sessions.py:merge_setting", Line: 112},
	{Tag: "3.5.3", Key: "sessions.py:Session.__init__", Line: 224},
	{Tag: "3.5.3", Key: "sessions.py:Session.request", Line: 433},
	{Tag: "3.5.3", Key: "sessions.py:Session.prepare_request", Line: 386},
	{Tag: "3.5.3", Key: "sessions.py:Session.get_adapter", Line: 1298},
	{Tag: "3.5.3", Key: "models.py:PreparedRequest.path_url", Line: 709},
	{Tag: "3.5.3", Key: "models.py:PreparedRequest.prepare_url", Line: 377},
	{Tag: "3.5.3", Key: "models.py:PreparedRequest.prepare_body", Line: 471},
	{Tag: "3.5.3", Key: "models.py:PreparedRequest.prepare_auth", Line: 620},
	{Tag: "3.5.3", Key: "auth.py:_basic_auth_str", Line: 25},
	{Tag: "3.5.3", Key: "auth.py:BearerTokenAuth.__call__", Line: 58},
	{Tag: "3.5.3", Key: "cookies.py:get_cookie_header", Line: 161},
	{Tag: "3.5.3", Key: "structures.py:_ensure_str_or_bytes", Line: 17},
	{Tag: "3.5.3", Key: "structures.py:CaseInsensitiveDict.__setitem__", Line: 84},
	{Tag: "3.5.3", Key: "utils.py:default_headers", Line: 876},
	{Tag: "3.10.3", Key: "sessions.py:merge_setting", Line: 112},
	{Tag: "3.10.3", Key: "sessions.py:Session.__init__", Line: 237},
	{Tag: "3.10.3", Key: "sessions.py:Session.request", Line: 475},
	{Tag: "3.10.3", Key: "sessions.py:Session.prepare_request", Line: 428},
	{Tag: "3.10.3", Key: "sessions.py:Session.get_adapter", Line: 1393},
	{Tag: "3.10.3", Key: "models.py:PreparedRequest.path_url", Line: 737},
	{Tag: "3.10.3", Key: "models.py:PreparedRequest.prepare_url", Line: 399},
	{Tag: "3.10.3", Key: "models.py:PreparedRequest.prepare_body", Line: 488},
	{Tag: "3.10.3", Key: "models.py:PreparedRequest.prepare_auth", Line: 637},
	{Tag: "3.10.3", Key: "auth.py:_basic_auth_str", Line: 29},
	{Tag: "3.10.3", Key: "auth.py:BearerTokenAuth.__call__", Line: 69},
	{Tag: "3.10.3", Key: "cookies.py:get_cookie_header", Line: 184},
	{Tag: "3.10.3", Key: "structures.py:_ensure_str_or_bytes", Line: 33},
	{Tag: "3.10.3", Key: "structures.py:CaseInsensitiveDict.__setitem__", Line: 100},
	{Tag: "3.10.3", Key: "utils.py:default_headers", Line: 906},
	{Tag: "3.16.1", Key: "sessions.py:merge_setting", Line: 108},
	{Tag: "3.16.1", Key: "sessions.py:Session.__init__", Line: 231},
	{Tag: "3.16.1", Key: "sessions.py:Session.request", Line: 492},
	{Tag: "3.16.1", Key: "sessions.py:Session.prepare_request", Line: 451},
	{Tag: "3.16.1", Key: "sessions.py:Session.get_adapter", Line: 1454},
	{Tag: "3.16.1", Key: "models.py:PreparedRequest.path_url", Line: 702},
	{Tag: "3.16.1", Key: "models.py:PreparedRequest.prepare_url", Line: 375},
	{Tag: "3.16.1", Key: "models.py:PreparedRequest.prepare_body", Line: 471},
	{Tag: "3.16.1", Key: "models.py:PreparedRequest.prepare_auth", Line: 608},
	{Tag: "3.16.1", Key: "auth.py:_basic_auth_str", Line: 30},
	{Tag: "3.16.1", Key: "auth.py:BearerTokenAuth.__call__", Line: 70},
	{Tag: "3.16.1", Key: "cookies.py:get_cookie_header", Line: 175},
	{Tag: "3.16.1", Key: "structures.py:_ensure_str_or_bytes", Line: 35},
	{Tag: "3.16.1", Key: "structures.py:CaseInsensitiveDict.__setitem__", Line: 98},
	{Tag: "3.16.1", Key: "utils.py:default_headers", Line: 848},
	{Tag: "3.21.2", Key: "sessions.py:merge_setting", Line: 142},
	{Tag: "3.21.2", Key: "sessions.py:Session.__init__", Line: 268},
	{Tag: "3.21.2", Key: "sessions.py:Session.request", Line: 685},
	{Tag: "3.21.2", Key: "sessions.py:Session.prepare_request", Line: 638},
	{Tag: "3.21.2", Key: "sessions.py:Session.get_adapter", Line: 1767},
	{Tag: "3.21.2", Key: "models.py:PreparedRequest.path_url", Line: 787},
	{Tag: "3.21.2", Key: "models.py:PreparedRequest.prepare_url", Line: 430},
	{Tag: "3.21.2", Key: "models.py:PreparedRequest.prepare_body", Line: 538},
	{Tag: "3.21.2", Key: "models.py:PreparedRequest.prepare_auth", Line: 686},
	{Tag: "3.21.2", Key: "auth.py:_basic_auth_str", Line: 31},
	{Tag: "3.21.2", Key: "auth.py:BearerTokenAuth.__call__", Line: 71},
	{Tag: "3.21.2", Key: "cookies.py:get_cookie_header", Line: 175},
	{Tag: "3.21.2", Key: "structures.py:_ensure_str_or_bytes", Line: 17},
	{Tag: "3.21.2", Key: "structures.py:CaseInsensitiveDict.__setitem__", Line: 93},
	{Tag: "3.21.2", Key: "utils.py:default_headers", Line: 871},
	{Tag: "3.21.2", Key: "utils.py:merge_base_url", Line: 1523},
}

func profile(l line) *merge.Profile {
	tag := "v" + l.tag
	src := "src/niquests/"
	c := func(file, fn string) merge.Cite {
		url := "https://github.com/jawah/niquests/blob/" + tag + "/" + src + file
		if n := lines.Line(l.tag, file+":"+fn); n > 0 {
			url += fmt.Sprintf("#L%d", n)
		}
		return merge.Cite{File: src + file, Func: fn, Tag: tag, URL: url}
	}
	u3 := func(file, fn string, line int) merge.Cite {
		return merge.Cite{File: "src/urllib3/" + file, Func: fn, Tag: urllib3Future,
			URL: fmt.Sprintf("https://github.com/jawah/urllib3.future/blob/%s/src/urllib3/%s#L%d", urllib3Future, file, line)}
	}
	f := factsFor(l.tag)
	cs := cites{
		mergeSetting:   c("sessions.py", "merge_setting"),
		defaultHeaders: c("utils.py", "default_headers"),
		pathURL:        c("models.py", "PreparedRequest.path_url"),
		basicAuthStr:   c("auth.py", "_basic_auth_str"),
		mergeBaseURL:   c("models.py", "PreparedRequest.prepare_url"),
		headerType:     c("utils.py", "_validate_header_part"),
		connRequest:    u3("connection.py", "HTTPConnection.request", 383),
		putrequest:     u3("backend/hface.py", "HfaceBackend.putrequest", 1360),
		putheader:      u3("backend/hface.py", "HfaceBackend.putheader", 1424),
		bodyToChunks:   u3("util/request.py", "body_to_chunks", 294),
		capitalize:     u3("contrib/hface/protocols/http1/_h11.py", "capitalize_header_name", 68),
	}
	if f.bearer {
		cs.bearer = c("auth.py", "BearerTokenAuth.__call__")
	}
	if f.ensureStr {
		cs.headerType = c("structures.py", "_ensure_str_or_bytes")
	}
	if f.mergeBaseURL {
		cs.mergeBaseURL = c("utils.py", "merge_base_url")
	}
	authAlso := []merge.Cite{cs.mergeSetting, cs.basicAuthStr}
	if f.bearer {
		authAlso = append(authAlso, cs.bearer)
	}
	parseURL := u3("util/url.py", "parse_url", 505).URL
	return &merge.Profile{
		Library:  "niquests",
		Min:      l.min,
		Max:      l.max,
		Verified: merge.Recorded,
		Runtime:  "CPython " + cpython + " (Debian), urllib3-future " + urllib3Future + " (HTTP/1.1: disable_http2, disable_http3), idna 3.20 (no brotli/zstandard: Accept-Encoding gzip, deflate)",
		Note:     l.note,
		Binding:  binding,
		Switches: []merge.Switch{
			{Name: "base-url", Value: map[bool]string{false: "none", true: "string join: one slash between base and path (a leading / does not go to the root)"}[factsFor(l.min).baseURL]},
			{Name: "str-auth", Value: map[bool]string{false: "not callable: ValueError", true: "Bearer token"}[factsFor(l.min).bearer]},
			{Name: "header-none", Value: "removes"},
			{Name: "header-names", Value: "case-insensitive; last writer's spelling at the first writer's position"},
			{Name: "header-values", Value: "int, float and bool become str(); other non-str raise InvalidHeader"},
			{Name: "auth-none", Value: "inherits session auth"},
			{Name: "auth-false", Value: "disables session auth"},
			{Name: "auth-vs-header", Value: "auth wins"},
			{Name: "params-none", Value: "removes the key"},
			{Name: "url-query", Value: "append"},
			{Name: "cookie-vs-header", Value: "explicit Cookie header wins"},
			{Name: "fallback-user-agent", Value: "urllib3.future, right after Host"},
			{Name: "str-body", Value: "utf-8, with Content-Type text/plain; charset=utf-8 unless one is set (urllib3-future)"},
		},
		Rules: []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/python/runner.py", Func: "run_niquests", Tag: "mergeplay"},
				Doc:   "What the Python binding cannot express is unsupported: undefined, partial auth, base_url before 3.11, unbound fields and call paths.",
				Apply: func(s *merge.State) { newRun(s).cite = cs; bindingRule(s) }},
			{Name: "session-setup", Cite: c("sessions.py", "Session.__init__"), Also: []merge.Cite{cs.headerType},
				Doc:   "Session() starts from default_headers() (User-Agent niquests/<ver>, Accept-Encoding, Accept, Connection); client headers update it case-insensitively (an int, float or bool value becomes str(), any other non-str raises InvalidHeader); client cookies go into the jar (None removes).",
				Apply: sessionSetup},
			{Name: "request-method", Cite: c("sessions.py", "Session.request"),
				Doc: "Session.request upper-cases the method and passes data or {} and params or {}.", Apply: pyrequests.Method},
			{Name: "merge-cookies", Cite: c("sessions.py", "Session.prepare_request"),
				Doc: "Request cookies (cookies or {}) become a jar and update a copy of the session jar: same name replaces in place.", Apply: mergeCookies},
			{Name: "base-url", Cite: cs.mergeBaseURL,
				Doc:   "With a base_url, a URL without a scheme is joined as a string: the base loses one trailing /, the URL gains a leading /, so \"/users\" stays under the base's path and \"\" is the base without its slash. A URL with a scheme is used as given.",
				Apply: baseURL},
			{Name: "prepare-url", Cite: c("models.py", "PreparedRequest.prepare_url"), Also: []merge.Cite{cs.mergeSetting},
				Doc:   "merge_setting(request params, session params): key-wise when both are dicts (None removes), else the request's. The URL is parsed by urllib3-future parse_url (" + parseURL + "), params are urlencoded and appended to its query, then requote_uri.",
				Apply: prepareURL},
			{Name: "merge-headers", Cite: cs.mergeSetting, Also: []merge.Cite{cs.defaultHeaders, cs.headerType},
				Doc:   "merge_setting(request headers, session headers, CaseInsensitiveDict): request names replace session ones in place with the request's spelling; None removes. An int, float or bool value becomes str(); any other non-str value raises InvalidHeader.",
				Apply: mergeHeaders},
			{Name: "cookie-header", Cite: c("cookies.py", "get_cookie_header"),
				Doc: "The merged jar becomes a Cookie header unless the headers already have one.", Apply: cookieHeader},
			{Name: "prepare-body", Cite: c("models.py", "PreparedRequest.prepare_body"),
				Doc:   "json= is used only without data: json.dumps (allow_nan=False, so inf raises InvalidJSONError) with Content-Type application/json unless set; a str body gets its Content-Type from urllib3-future. Content-Length is the body's UTF-8 length, or 0 for methods other than GET/HEAD.",
				Apply: prepareBody},
			{Name: "prepare-auth", Cite: c("models.py", "PreparedRequest.prepare_auth"), Also: authAlso,
				Doc:   "merge_setting(request auth, session auth): request None means the session's auth. URL userinfo is used only when both are None. A truthy (user, pass) writes Basic Authorization last, over any header; a str writes Bearer <str> (from 3.2.0); a falsy value (False) sends none.",
				Apply: prepareAuth},
			{Name: "adapter", Cite: c("sessions.py", "Session.get_adapter"), Also: []merge.Cite{cs.pathURL},
				Doc:   "Only http:// and https:// URLs have an adapter; the request-target is path_url (no fragment).",
				Apply: adapter},
			{Name: "transport-headers", Cite: cs.connRequest, Also: []merge.Cite{cs.putrequest, cs.putheader, cs.capitalize},
				Doc:   "urllib3-future writes Host (unless given) and Accept-Encoding: identity (unless given), Content-Type text/plain; charset=utf-8 for a str body without one, and User-Agent: urllib3.future/<ver> when none is left, before the request's headers. Header values are encoded as Latin-1.",
				Apply: transportHeaders},
			{Name: "transport-body", Cite: cs.bodyToChunks,
				Doc: "The body as sent: a str body is encoded as UTF-8.", Apply: transportBody},
		},
	}
}

// cpython is the interpreter the venvs run (pyvenv.cfg: Debian's /usr/bin/python3).
const cpython = "3.11.2"

// cites are the functions a rule's steps point at besides the rule's own (Rule.Also).
type cites struct {
	mergeSetting, defaultHeaders, pathURL, basicAuthStr, bearer, mergeBaseURL merge.Cite
	headerType                                                                merge.Cite // where InvalidHeader is raised
	connRequest, putrequest, putheader, bodyToChunks, capitalize              merge.Cite // urllib3-future
}

// The profiles split where niquests changed a rule's citation (the function that decides moved
// or came to be); smaller changes inside a range are facts (factsFor).
func profiles() []*merge.Profile {
	return []*merge.Profile{
		profile(line{min: "3.0.0", max: "3.2.0", tag: "3.1.4",
			note: "A str auth is not callable here (ValueError); header values are checked by requests' check_header_validity after the merge."}),
		profile(line{min: "3.2.0", max: "3.2.3", tag: "3.2.2",
			note: "A str auth is a Bearer token from 3.2.0."}).StartingAt(merge.Boundary{
			Ref: "jawah/niquests#40", URL: "https://github.com/jawah/niquests/commit/17678b8080891ccb37612ea68a30cfccdcb9bf57",
			Doc: "v3.2.0 adds BearerTokenAuth: prepare_auth turns a str auth into Authorization: Bearer <str> (the whole str when it holds a space)"}),
		profile(line{min: "3.2.3", max: "3.5.4", tag: "3.5.3",
			note: "Header values are checked when stored: from 3.2.4 (#45) an int, float or bool becomes str() and other types raise InvalidHeader; 3.2.3 raises for all of them. " +
				"Version fact: json= sends Content-Type application/json; charset=\"utf-8\" from 3.4.0 (#59)."}).StartingAt(merge.Boundary{
			Ref: "jawah/niquests#43", URL: "https://github.com/jawah/niquests/commit/af7b1c4c64497f01a974f72d20b329619166a7c4",
			Doc: "v3.2.3 makes CaseInsensitiveDict.__setitem__ run _ensure_str_or_bytes: an int, float or bool header value is sent as str(), a list raises 'Illegal header name or value'"}),
		profile(line{min: "3.5.4", max: "3.11.0", tag: "3.10.3",
			note: "prepare_url keeps a URL without params, userinfo or % in the path exactly as given."}).StartingAt(merge.Boundary{
			Ref: "jawah/niquests#98", URL: "https://github.com/jawah/niquests/commit/256f8879c7debde74eb2694468c7de66f53f761a",
			Doc: "v3.5.4 gives prepare_url a fast path (a URL without params, userinfo or % is not re-parsed: no dot-segment removal, no re-quoting) and reads the scheme with parse_scheme"}),
		profile(line{min: "3.11.0", max: "3.17.0", tag: "3.16.1",
			note: "Version fact: json= sends Content-Type application/json;charset=utf-8 from 3.12.2 (#204). An empty URL joins to base_url + \"/\"."}).StartingAt(merge.Boundary{
			Ref: "jawah/niquests#180", URL: "https://github.com/jawah/niquests/commit/5d9b5e3afc9d629e8e819fc538afc3e428f6e591",
			Doc: "v3.11.0 adds Session(base_url=): prepare_url joins a URL without a scheme to it as a string (one slash between them)"}),
		profile(line{min: "3.17.0", max: "4", tag: "3.21.2",
			note: "An empty URL is joined as is: base_url without its trailing slash. From 3.18.2 the join is utils.merge_base_url (commit 3814155), cited here at 3.21.2."}).StartingAt(merge.Boundary{
			Ref: "jawah/niquests@2d684de", URL: "https://github.com/jawah/niquests/commit/2d684def7eaf36cee43c704a5817332f70adcc87",
			Doc: "v3.17.0 stops adding a / to an empty URL before the base_url join (\"allow writing get(\"\") without trailing slash\"): \"\" is base_url without its trailing /"}),
	}
}

// run carries the Python-side objects between rules.
type run struct {
	f        facts
	cite     cites
	session  []item // Session.headers after the client update
	jar      []item // session jar, then merged with request cookies
	rawURL   bool   // not http*: kept as given, no adapter will take it
	urlText  string // the URL as given to prepare_url (after lstrip)
	bodyNone bool
	body     []byte // json body bytes
	bodyStr  string // str body before the transport encodes it
	isStr    bool
}

// item is one entry of a CaseInsensitiveDict or cookie jar.
type item = pyrequests.Item

func state(s *merge.State) *run {
	if r := merge.Var[*run](s, "niquests"); r != nil {
		return r
	}
	return newRun(s)
}

// newRun creates the run for the scenario's release.
func newRun(s *merge.State) *run {
	r := &run{f: factsFor(s.Version)}
	s.Vars["niquests"] = r
	return r
}

// nativeAuth mirrors native_auth: "" when the value can be passed.
func nativeAuth(v merge.Value, where string) string {
	if v.Kind != merge.Object {
		return ""
	}
	keys := map[string]bool{}
	for _, f := range v.Fields {
		keys[f.Key] = true
	}
	if len(keys) == 2 && keys["username"] && keys["password"] || len(keys) == 1 && keys["bearer"] {
		return ""
	}
	return where + ` must be {"username","password"} or {"bearer"}`
}

func bindingRule(s *merge.State) {
	if !pyrequests.Bound(s) {
		return
	}
	c, r := s.Client(), s.Request()
	if r.Via.Present() && !(r.Via.Kind == merge.String && r.Via.Text == "request") {
		s.Unsupported("niquests has no %s call path bound (only Session.request)", python.Repr(r.Via))
		return
	}
	if !r.URL.Present() {
		s.Unsupported("request.url is required (the url argument has no default)")
		return
	}
	if c.BaseURL.Present() && !state(s).f.baseURL {
		s.Unsupported("client.base_url: %s has no base_url (Session(base_url=) came in 3.11.0, jawah/niquests#180)", s.Scenario.Library)
		return
	}
	pyrequests.CheckValues(s, "niquests", nativeAuth)
}

func sessionSetup(s *merge.State) {
	run := state(s)
	value := func(key string, v merge.Value) (merge.Value, bool) { return headerValue(s, key, v) }
	run.session, run.jar = pyrequests.SessionSetup(s, "niquests/"+s.Version, value, false)
}

// headerValue is CaseInsensitiveDict.__setitem__'s _ensure_str_or_bytes: an int, float or bool
// (a bool is an int) is stored as str(); None is kept (merge_setting drops it later); any other
// non-str raises InvalidHeader.
func headerValue(s *merge.State, key string, v merge.Value) (merge.Value, bool) {
	if !state(s).f.ensureStr {
		return v, true // before 3.2.3 prepare_headers checks the merged values (checkHeader)
	}
	switch v.Kind {
	case merge.String, merge.Null:
		return v, true
	case merge.Number, merge.Bool:
		if state(s).f.numToStr {
			return merge.Value{Kind: merge.String, Text: pyrequests.Str(v)}, true
		}
	}
	s.RaiseAt(state(s).cite.headerType, "InvalidHeader", "Illegal header name or value %s", key)
	return merge.Value{}, false
}

// checkHeader is utils.check_header_validity before 3.2.3 (requests 2.29's): a non-str value
// raises, and so does a value with leading whitespace.
func checkHeader(s *merge.State, it item) bool {
	if it.Val.Kind != merge.String {
		s.RaiseAt(state(s).cite.headerType, "InvalidHeader", "Header part (%s) from (%s, %s) must be of type str or bytes, not <class '%s'>",
			python.Repr(it.Val), python.StrRepr(it.Name), python.Repr(it.Val), python.TypeName(it.Val))
		return false
	}
	if r := []rune(it.Val.Text); len(r) > 0 && (unicode.IsSpace(r[0]) || r[0] >= 0x1c && r[0] <= 0x1f) {
		s.RaiseAt(state(s).cite.headerType, "InvalidHeader", "Invalid leading whitespace, reserved character(s), or returncharacter(s) in header value: %s",
			python.StrRepr(it.Val.Text))
		return false
	}
	return true
}

func mergeCookies(s *merge.State) {
	run := state(s)
	run.jar = pyrequests.MergeCookies(s, run.jar, false)
}

// baseURL is utils.merge_base_url, called first thing in prepare_url.
func baseURL(s *merge.State) {
	run := state(s)
	u := s.Request().URL
	run.urlText = pyrequests.Str(u) // str(url): None → "None"
	base := s.Client().BaseURL
	if !base.Present() || base.Kind == merge.Null || u.Kind != merge.String {
		return
	}
	if base.Kind != merge.String {
		s.Raise("AttributeError", "'%s' object has no attribute 'endswith'", python.TypeName(base))
		return
	}
	if scheme, _ := parseScheme(u.Text, true); scheme != "" {
		s.ExplainAt(run.cite.mergeBaseURL, "url", u.Text, merge.SourceRequest, merge.ActionOverride, "the URL has a scheme: merge_base_url uses it as given, not the base_url")
		return
	}
	b, path := base.Text, u.Text
	b = strings.TrimSuffix(b, "/")
	if (path != "" || !run.f.emptyURL) && !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	run.urlText = b + path
	s.ExplainAt(run.cite.mergeBaseURL, "url", run.urlText, merge.SourceClient, merge.ActionSet,
		"merge_base_url: base_url without its trailing / plus the URL with a leading / (a string join, not RFC 3986: \"/x\" stays under the base's path)")
}

// parseScheme is utils.parse_scheme: the text before "://" (searched from index 1 to 12), else
// before ":" in the same window, lower-cased; "" with ok=false when neither is there (the
// MissingSchema case, unless a default is given).
func parseScheme(url string, withDefault bool) (string, bool) {
	window := func(sep string) int {
		r := []rune(url)
		for i := 1; i+len([]rune(sep)) <= len(r) && i <= 11; i++ {
			if string(r[i:i+len([]rune(sep))]) == sep {
				return i
			}
		}
		return -1
	}
	r := []rune(url)
	if i := window("://"); i >= 0 {
		return strings.ToLower(string(r[:i])), true
	}
	if withDefault {
		return "", true
	}
	if i := window(":"); i >= 0 {
		return strings.ToLower(string(r[:i])), true
	}
	return "", false
}

// synthetic are the schemes prepare_url parses although they hold no "http".
var synthetic = map[string]bool{"asgi": true, "wsgi": true, "ws": true, "wss": true, "sse": true, "psse": true, "psse+unix": true, "ws+unix": true}

func prepareURL(s *merge.State) {
	run := state(s)
	if !run.f.fastURL {
		prepareURLRequests(s)
		return
	}
	url := pyrequests.LStrip(run.urlText)
	scheme, ok := parseScheme(url, false)
	if !ok {
		s.Raise("MissingSchema", "Invalid URL %s: No scheme supplied. Perhaps you meant https://%s?", python.StrRepr(url), url)
		return
	}
	if !strings.Contains(scheme, "http") && !synthetic[scheme] {
		s.URL = url
		s.Target = url
		run.rawURL = true
		s.Explain("url", url, merge.SourceRequest, merge.ActionKeep, "a scheme without \"http\" is kept as given (no params)")
		return
	}
	u, perr := urllib3.ParseURL(url, true)
	if perr != nil {
		s.Raise("InvalidURL", "Failed to parse: %s", perr.Location)
		return
	}
	if u.Host == "" {
		s.Raise("InvalidURL", "Invalid URL %s: No host supplied", python.StrRepr(url))
		return
	}
	host := u.Host
	if strings.HasPrefix(host, "*") || strings.HasPrefix(host, ".") {
		s.Raise("InvalidURL", "URL has an invalid label.")
		return
	}
	pyrequests.ExplainQuery(s, u.Query)
	enc, dict, truthy := pyrequests.EncodeParams(s, run.cite.mergeSetting)
	if msg, bad := pyrequests.ParamsEncodeError(dict); bad {
		s.Raise("UnicodeEncodeError", "%s", msg)
		return
	}
	if !strings.Contains(u.Path, "%") && u.Auth == "" && !truthy && !strings.HasPrefix(host, "xn--") {
		s.URL = url
		s.Explain("url", url, merge.SourceRequest, merge.ActionKeep, "no params, no userinfo and no % in the path: prepare_url keeps the URL exactly as given (no dot-segment removal or re-quoting)")
		return
	}
	out := pyrequests.Unparse(u, host, enc)
	s.URL = pyrequests.RequoteURI(out)
	s.Explain("url", s.URL, merge.SourceRequest, merge.ActionSet, "urllib3-future parse_url normalises the URL (lower-case host, dot segments, percent-encoding); params are appended; requote_uri re-quotes the result")
}

// prepareURLRequests is prepare_url before 3.5.4: requests' own (every URL parsed, IDNA-encoded
// and re-quoted; MissingSchema from parse_url's empty scheme).
func prepareURLRequests(s *merge.State) {
	run := state(s)
	run.rawURL = pyrequests.PrepareURL(s, pyrequests.LStrip(run.urlText), run.cite.mergeSetting,
		pyrequests.URLFacts{Urllib3v2: true, SchemaWord: "scheme", SchemeHint: "https"})
}

func mergeHeaders(s *merge.State) {
	run := state(s)
	value := func(key string, v merge.Value) (merge.Value, bool) { return headerValue(s, key, v) }
	pyrequests.MergeHeaders(s, run.session, run.cite.defaultHeaders, value, func(it item) bool { return run.f.ensureStr || checkHeader(s, it) })
}

func prepareBody(s *merge.State) {
	run := state(s)
	b := pyrequests.PrepareBody(s, pyrequests.BodyFacts{JSONType: run.f.jsonType,
		StrNote: "a str data= body is sent as given; niquests adds no Content-Type", StrLenUTF8: true})
	run.bodyNone, run.body, run.bodyStr, run.isStr = b.None, b.JSON, b.Str, b.IsStr
}

// nonFinite reports a number json.loads reads as inf.

func prepareAuth(s *merge.State) {
	auth, source := pyrequests.MergeAuth(s, state(s).cite.mergeSetting)
	if auth.Kind == merge.Object && auth.Get("bearer").Present() {
		auth = auth.Get("bearer") // the binding passes {"bearer": T} as the str T
	}
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
		s.Explain(merge.FieldName("Authorization"), "", source, merge.ActionRemove, "a falsy auth (False, \"\") sends no Authorization, not even the session's")
		return
	case auth.Kind == merge.String && state(s).f.bearer:
		// BearerTokenAuth: a token with a space is taken as a whole "Scheme credentials" value.
		v, note := "Bearer "+auth.Text, "a str auth is BearerTokenAuth: Authorization: Bearer <token>, written last over any header"
		if strings.Contains(auth.Text, " ") {
			v, note = auth.Text, "a str auth with a space is taken as the whole Authorization value (BearerTokenAuth adds no Bearer)"
		}
		s.ExplainAt(state(s).cite.bearer, merge.FieldName("Authorization"), v, source, merge.ActionSet, note)
		pyrequests.Put(s, "Authorization", v, merge.SourceAuth, note)
		return
	default:
		s.Raise("ValueError", "Unexpected non-callable authentication. Did you pass unsupported tuple to auth argument?")
		return
	}
	if source != merge.SourceURL {
		// _basic_auth_str encodes a str as UTF-8 and joins bytes with b":": any other type
		// raises in the join.
		for i, part := range []merge.Value{auth.Get("username"), auth.Get("password")} {
			if part.Kind != merge.String {
				s.RaiseAt(state(s).cite.basicAuthStr, "TypeError", "sequence item %d: expected a bytes-like object, %s found", i, python.TypeName(part))
				return
			}
		}
	}
	for _, part := range []string{user, pass} {
		if msg, _, _, bad := python.EncodeError(part, python.UTF8); bad {
			s.RaiseAt(state(s).cite.basicAuthStr, "UnicodeEncodeError", "%s", msg)
			return
		}
	}
	v := "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
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
		explain(run.cite.putrequest, "Host", pyrequests.HostHeader(s.URL, true), "putrequest's :authority becomes Host, first on the wire: the URL's host, with the port unless it is the scheme's default")
	}
	if !has("Accept-Encoding") {
		explain(run.cite.putrequest, "Accept-Encoding", "identity", "putrequest adds Accept-Encoding: identity when the headers have none")
	}
	if run.isStr && !run.bodyNone && !has("Content-Type") {
		explain(run.cite.connRequest, "Content-Type", "text/plain; charset=utf-8", "urllib3-future labels a str body text/plain; charset=utf-8 when no Content-Type is set")
	}
	if !has("Content-Length") && !has("Transfer-Encoding") && !run.bodyNone {
		n := len(run.body)
		if run.isStr {
			n = len(run.bodyStr)
		}
		explain(run.cite.connRequest, "Content-Length", strconv.Itoa(n), "body_to_chunks gives the body's length when none is set")
	}
	if !has("User-Agent") {
		explain(run.cite.connRequest, "User-Agent", "urllib3.future/"+urllib3Future, "urllib3-future puts its own User-Agent before the request's headers when none is left")
	}
	s.Headers = append(front, s.Headers...)
	for _, h := range s.Headers {
		if head, _, _, bad := pyrequests.Latin1Error(h.Value); bad {
			s.RaiseAt(run.cite.putheader, "UnicodeEncodeError", "%s: ordinal not in range(256)", head)
			return
		}
	}
	// putheader lower-cases every name; the HTTP/1.1 writer capitalises each dash-separated part.
	for i, h := range s.Headers {
		if c := capitalize(h.Name); c != h.Name {
			s.ExplainAt(run.cite.capitalize, merge.FieldName(h.Name), h.Value, h.Source, merge.ActionSet,
				"the HTTP/1.1 writer sends the name as "+c+": every dash-separated part capitalised, whatever spelling was given")
			s.Headers[i].Name = c
		}
	}
}

// capitalize is urllib3-future's capitalize_header_name on a lower-cased name: bytes.capitalize
// of each part between dashes (ASCII letters only).
func capitalize(name string) string {
	parts := strings.Split(strings.ToLower(name), "-")
	for i, p := range parts {
		if p != "" && p[0] >= 'a' && p[0] <= 'z' {
			parts[i] = string(p[0]-'a'+'A') + p[1:]
		}
	}
	return strings.Join(parts, "-")
}

func transportBody(s *merge.State) {
	run := state(s)
	switch {
	case run.bodyNone:
		s.Body = nil
	case !run.isStr:
		s.Body = run.body
	default:
		s.Body = []byte(run.bodyStr)
		s.Explain("body", run.bodyStr, merge.SourceTransport, merge.ActionSet, "urllib3-future encodes a str body as UTF-8")
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
