package aiohttp

import (
	"fmt"

	"github.com/mergeplay/mergeplay/merge"
)

// aiohttp profiles: one per span of releases whose recordings differ only
// in the User-Agent's version (conformance/README.md, "Every release"). The
// changes inside a span's source that the corpus cannot see are not
// modelled; the boundaries between spans are the facts below, each with the
// release and pull request that made it.

const binding = "async with aiohttp.ClientSession(base_url=, headers=, cookies=, auth=aiohttp.BasicAuth(u, p) or the native value) as s: " +
	"async with s.request(method, url, headers=, params=, cookies=, auth=, json=, data=body) as r: await r.read(), with only the fields present, " +
	"in a fresh event loop per case (conformance/runners/python/BINDING.md). client.params, via other than \"request\", {\"$undefined\": true} " +
	"and bearer auth are unsupported; null is None."

// cpython is the interpreter the venvs run (pyvenv.cfg: Debian's /usr/bin/python3).
const cpython = "3.11.2"

// facts are the behaviours that changed between aiohttp releases.
type facts struct {
	baseTrailingSlash  bool // 3.11.0: base_url may have a path, must end in '/'
	absoluteOverrides  bool // 3.12.0: an absolute URL is used as is despite base_url
	authOriginGuard    bool // 3.11.0: the session's auth only goes to base_url's origin
	authDeprecated     bool // 3.14.0: auth= warns DeprecationWarning
	extendQuery        bool // 3.10.6: params extend the URL's query as written
	hostCheckInRequest bool // 3.10.0: a URL without host raises InvalidUrlClientError in _request
	invalidURLWrap     bool
	crlfCheck          bool
	listReplaceRaises  bool
	baseNote           string
}

func factsFor(version string) facts {
	ge := func(v string) bool { return merge.CompareVersions(version, v) >= 0 }
	f := facts{
		baseTrailingSlash:  ge("3.11.0"),
		absoluteOverrides:  ge("3.12.0"),
		authOriginGuard:    ge("3.11.0"),
		authDeprecated:     ge("3.14.0"),
		extendQuery:        ge("3.10.6"),
		hostCheckInRequest: ge("3.10.0"),
		crlfCheck:          true,
		listReplaceRaises:  true,
	}
	f.baseNote = "base_url must be an origin (scheme, host, port; no path): assert base_url.origin() == base_url"
	if f.baseTrailingSlash {
		f.baseNote = "base_url must be absolute and its path end in '/'"
	}
	return f
}

// span is one profile: a range of releases and the tag its rules cite.
type span struct {
	min, max, tag string
	recorded      []string
	note          string
}

// cites are the functions a rule's steps point at besides the rule's own.
type cites struct{}

var spans = []span{
	{min: "3.8.0", max: "4", tag: "3.8.3", recorded: []string{"3.8.3"}},
}

var profiles = func() []*merge.Profile {
	var out []*merge.Profile
	for _, sp := range spans {
		out = append(out, profile(sp))
	}
	return out
}()

// Profiles returns the aiohttp profiles, oldest first.
func Profiles() []*merge.Profile { return merge.InLanguage("python", profiles...) }

func profile(sp span) *merge.Profile {
	tag := "v" + sp.tag
	c := func(file, fn string) merge.Cite {
		url := "https://github.com/aio-libs/aiohttp/blob/" + tag + "/aiohttp/" + file
		if n := lineOf(sp.tag, file, fn); n > 0 {
			url += fmt.Sprintf("#L%d", n)
		}
		return merge.Cite{File: "aiohttp/" + file, Func: fn, Tag: tag, URL: url}
	}
	y := func(file, fn string) merge.Cite {
		url := "https://github.com/aio-libs/yarl/blob/v" + yarlVersion + "/yarl/" + file
		if n := lineOf("yarl-"+yarlVersion, file, fn); n > 0 {
			url += fmt.Sprintf("#L%d", n)
		}
		return merge.Cite{File: "yarl/" + file, Func: fn, Tag: "v" + yarlVersion, URL: url}
	}
	f := factsFor(sp.tag)
	switches := []merge.Switch{
		{Name: "base-url", Value: map[bool]string{false: "origin only (no path)", true: "RFC 3986 join; path must end in '/'"}[f.baseTrailingSlash]},
		{Name: "absolute-url-with-base", Value: map[bool]string{false: "AssertionError", true: "used as is"}[f.absoluteOverrides]},
		{Name: "session-auth-other-origin", Value: map[bool]string{false: "sent", true: "not sent"}[f.authOriginGuard]},
		{Name: "auth-none", Value: "inherits session auth"},
		{Name: "auth-false", Value: "TypeError (BasicAuth() tuple is required)"},
		{Name: "auth-vs-header", Value: "ValueError"},
		{Name: "header-none", Value: "TypeError when serialized"},
		{Name: "header-names", Value: "case-insensitive; request spelling at the session's position"},
		{Name: "params-none", Value: "TypeError"},
		{Name: "url-query", Value: map[bool]string{false: "decoded and encoded again with params", true: "kept as written, params appended"}[f.extendQuery]},
		{Name: "cookie-vs-header", Value: "merged into one Cookie header, sorted by name"},
		{Name: "auth-deprecated", Value: map[bool]string{false: "no", true: "DeprecationWarning"}[f.authDeprecated]},
	}
	return &merge.Profile{
		Library:  "aiohttp",
		Min:      sp.min,
		Max:      sp.max,
		Verified: merge.Recorded,
		Recorded: sp.recorded,
		Runtime:  "CPython " + cpython + " (Debian), yarl " + yarlVersion + ", multidict 6.9.1, propcache 0.5.4; the C extensions of the wheels",
		Note:     sp.note,
		Binding:  binding,
		Switches: switches,
		Rules: []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/python/runner.py", Func: "run_aiohttp", Tag: "mergeplay"},
				Doc:   "What the Python binding cannot express is unsupported: undefined, bearer or partial auth, client params, unbound fields and call paths.",
				Apply: bindingRule},
			{Name: "basic-auth", Cite: c("helpers.py", "BasicAuth.__new__"),
				Doc:   "The runner builds BasicAuth(username, password) for the client's auth, then the request's: a None login or password, or a ':' in the login, is a ValueError.",
				Apply: basicAuth},
			{Name: "session-init", Cite: c("client.py", "ClientSession.__init__"),
				Doc:   "ClientSession() checks base_url (" + f.baseNote + "), keeps headers as a CIMultiDict, puts cookies in its CookieJar and keeps auth as the default auth.",
				Apply: sessionInit},
			{Name: "request-args", Cite: c("client.py", "ClientSession._request"),
				Doc:   "_request upper-cases the method, refuses data and json together, and turns json into a JsonPayload (json.dumps defaults).",
				Apply: requestArgs},
			{Name: "prepare-headers", Cite: c("client.py", "ClientSession._prepare_headers"),
				Doc:   "The session's headers, then each request header replaces every entry of its name (any case) at the first one's place, with the request's spelling.",
				Apply: prepareHeaders},
			{Name: "build-url", Cite: c("client.py", "ClientSession._build_url"), Also: []merge.Cite{y("_url.py", "URL.join")},
				Doc:   "URL(url) by yarl (host lower-cased, path and query requoted, dot segments removed), joined onto base_url.",
				Apply: buildURL},
			{Name: "auth", Cite: c("client.py", "ClientSession._request"),
				Doc:   "auth=None takes the URL's userinfo, then the session's auth" + map[bool]string{false: "", true: " (only when the URL has base_url's origin)"}[f.authOriginGuard] + "; any auth with an Authorization header, or auth with userinfo, is a ValueError.",
				Apply: authRule},
			{Name: "cookies", Cite: c("client.py", "ClientSession._request"),
				Doc:   "The jar's cookies for the URL, then the request's cookies through a temporary jar: a request cookie replaces the session's of the same name.",
				Apply: cookiesRule},
			{Name: "client-request", Cite: c("client_reqrep.py", "ClientRequest.__init__"), Also: []merge.Cite{y("_query.py", "query_var")},
				Doc:   "ClientRequest adds params to the URL (yarl, space as '+'), puts Host first, then the headers, Accept, Accept-Encoding and User-Agent unless set, the cookies as one Cookie header sorted by name, and Authorization from BasicAuth (Latin-1).",
				Apply: clientRequest},
			{Name: "body", Cite: c("client_reqrep.py", "ClientRequest.update_body_from_data"),
				Doc:   "A str body is a UTF-8 StringPayload (text/plain; charset=utf-8), json a JsonPayload (application/json); Content-Length is the payload's size, or 0 without a body on a method other than GET, HEAD, OPTIONS and TRACE.",
				Apply: bodyRule},
			{Name: "send", Cite: c("client_reqrep.py", "ClientRequest.send"),
				Doc:   "POST, PUT and PATCH without Content-Type get application/octet-stream; the C writer refuses a header value that is not a str (TypeError) and drops lone surrogates.",
				Apply: sendRule},
		},
	}
}
