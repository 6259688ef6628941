package aiohttp

import (
	"fmt"
	"sync"

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
	crlfCheck          bool
	proxyHeadersHashed bool // before 3.10.9 (#9372): the session's headers are hashed as proxy headers
	// Before 3.8.2 PyPI has no CPython 3.11 wheel: the recorded build is the sdist's pure-Python
	// one, whose headers are written by http_writer.py _py_serialize_headers, not the C
	// _http_writer._serialize_headers of every later release's wheel.
	pureWriter bool
	baseNote   string
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
		proxyHeadersHashed: !ge("3.10.9"),
		pureWriter:         !ge("3.8.2"),
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
	note          string
	since         merge.Boundary // why the range starts at min (none for the first)
}

// pr is the pull request a range starts at (merge.Profile's Since): ref, link, what changed.
func pr(n, doc string) merge.Boundary {
	return merge.Boundary{Ref: "aio-libs/aiohttp#" + n, URL: "https://github.com/aio-libs/aiohttp/pull/" + n, Doc: doc}
}

// cites are the functions a rule's steps point at besides the rule's own.
type cites struct {
	connect, connectionKey merge.Cite
	writer                 merge.Cite // the header writer (zero: the C one, cited by the send rule itself)
}

// spans are the profiles: the ranges whose recordings are identical (the
// User-Agent's version aside), split where a fact changes. tag is the
// release the rules cite; the recorded releases come from recorded.go.
var spans = []span{
	{min: "3.8.0", max: "3.8.2", tag: "3.8.1", note: "3.8.0 and 3.8.1 have no CPython 3.11 wheel on PyPI: they are recorded as built from their sdists with AIOHTTP_NO_EXTENSIONS=1, " +
		"the pure-Python package a CPython 3.11 user gets (the C sources in the sdists predate 3.11). The client code is 3.8.3's: recorded the same way " +
		"(a 3.8.3 wheel with AIOHTTP_NO_EXTENSIONS=1 set) 3.8.3 sends the same as both in every case, and PR #6374 (\"Revert assert\", in 3.8.2) only adds " +
		"ClientSession._connector = None for __del__ after a failed __init__. What differs is the header writer: without the extension, http_writer.py " +
		"_py_serialize_headers joins the head as str and encodes it as UTF-8, so a header value that is not a str is a TypeError of the \"\\r\" in value test " +
		"or of the str concatenation, and a lone surrogate a UnicodeEncodeError; the request line and the headers it writes are the C writer's byte for byte " +
		"(same status line, \": \" and CRLF). On CPython 3.10 and older, with their wheels, 3.8.0 and 3.8.1 write headers as 3.8.3 does."},
	{min: "3.8.2", max: "3.10", tag: "3.9.5", since: merge.Boundary{Ref: "aio-libs/aiohttp@87ef240",
		URL: "https://github.com/aio-libs/aiohttp/commit/87ef240d2de4958268cc17037a2412cdc22ba776",
		Doc: "the first releases with CPython 3.11 wheels (cibuildwheel 2.2.2 to 2.10.1, which builds 3.11 by default from 2.9.0), so aiohttp/http_writer.py at v3.8.3 " +
			"binds _serialize_headers to the C _http_writer._serialize_headers (https://github.com/aio-libs/aiohttp/blob/v3.8.3/aiohttp/http_writer.py#L191-L200): " +
			"a non-str header value is \"Cannot serialize non-str key\", a lone surrogate is dropped"},
		note: "3.8.3–3.9.5 (10 releases) record identically. 3.8.2, the first release with a CPython 3.11 wheel, is yanked on PyPI " +
			"(its multidict < 6 pin; that multidict has no CPython 3.11 wheel either, so it is not recorded) and refused with PyPI's reason. " +
			"base_url must be an origin; an InvalidURL carries the URL as given."},
	{min: "3.10", max: "3.10.9", tag: "3.10.8", since: pr("8158", "backport of #6722: the granular URL error hierarchy; a bad or host-less URL raises InvalidUrlClientError in _request"),
		note: "Boundary 3.10.0: the granular URL errors (PR #6722, backport #8158): a URL that is not valid, or has no host, raises InvalidUrlClientError from _request. " +
			"Inside the range, from 3.10.6 params extend the URL's own query as written (URL.extend_query, PR #9068, backport #9077) where before the query was decoded and encoded again; no corpus case tells the two apart, so that fact is source-derived."},
	{min: "3.10.9", max: "3.11", tag: "3.10.11", since: pr("9376", "backport of #9372: proxy headers are prepared only when a proxy is set, so the session's headers are no longer hashed"),
		note: "Boundary 3.10.9: proxy headers are prepared only when a proxy is set (PR #9372, backport #9376); before, the session's headers were hashed as proxy headers, so a session header holding a list raised TypeError: unhashable type: 'list'."},
	{min: "3.11", max: "3.12", tag: "3.11.18", since: pr("9583", "backport of #9530: base_url may have a path ending in '/', joined by RFC 3986; with #8976 the default auth goes only to base_url's origin"),
		note: "Boundary 3.11.0: base_url may have a path that ends in '/', joined by RFC 3986 (PR #9530, backport #9583), and an absolute request URL is an AssertionError; the session's default auth is applied only to base_url's origin (PR #8966, backport #8976)."},
	{min: "3.12", max: "3.14", tag: "3.13.5", since: pr("10094", "backport of #10074: an absolute URL overrides base_url"),
		note: "Boundary 3.12.0: an absolute URL overrides base_url (PR #10074, backport #10094), and the origin guard of 3.11 keeps the session's auth off other hosts. " +
			"3.12.0 and 3.12.2–3.13.5 record identically. 3.12.1 is yanked on PyPI (\"regression handling requests with None body\": " +
			"its recordings send no Content-Length: 0 for a POST, PUT, PATCH or DELETE without a body, which 3.12.2 restores, PR #11035, backport #11037); " +
			"the engine refuses it as it refuses every yanked release."},
	{min: "3.14", max: "4", tag: "3.14.5", since: pr("12555", "backport of #12499: auth= is deprecated (DeprecationWarning), encode_basic_auth added"),
		note: "Boundary 3.14.0: auth= is deprecated (PR #12499, backport #12555): ClientSession(auth=) and a request's auth= warn DeprecationWarning, shown as a result warning (the recordings do not hold warnings); the requests sent are the same as 3.13's."},
}

func profiles() []*merge.Profile {
	var out []*merge.Profile
	for _, sp := range spans {
		out = append(out, profile(sp))
	}
	return out
}

// Profiles returns the aiohttp profiles, oldest first.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("python", recordedReleases.Apply(profiles()...)...)
})

func profile(sp span) *merge.Profile {
	tag := "v" + sp.tag
	c := func(file, fn string) merge.Cite {
		url := "https://github.com/aio-libs/aiohttp/blob/" + tag + "/aiohttp/" + file
		if n := lineOf(sp.tag, file, fn); n > 0 {
			url += fmt.Sprintf("#L%d", n)
		}
		return merge.Cite{File: "aiohttp/" + file, Func: fn, Tag: tag, URL: url}
	}
	// at cites a statement inside fn: the line named key in the lines table.
	at := func(file, fn, key string) merge.Cite {
		return merge.Cite{File: "aiohttp/" + file, Func: fn, Tag: tag,
			URL: fmt.Sprintf("https://github.com/aio-libs/aiohttp/blob/%s/aiohttp/%s#L%d", tag, file, lineOf(sp.tag, file, key))}
	}
	y := func(file, fn string) merge.Cite {
		url := "https://github.com/aio-libs/yarl/blob/v" + yarlVersion + "/yarl/" + file
		if n := lineOf("yarl-"+yarlVersion, file, fn); n > 0 {
			url += fmt.Sprintf("#L%d", n)
		}
		return merge.Cite{File: "yarl/" + file, Func: fn, Tag: "v" + yarlVersion, URL: url}
	}
	f := factsFor(sp.tag)
	cs := cites{
		connect:       c("connector.py", "TCPConnector._create_direct_connection"),
		connectionKey: c("client_reqrep.py", "ClientRequest.connection_key"),
	}
	runtime, sendDoc, sendAlso := "the C extensions of the wheels",
		"POST, PUT and PATCH without Content-Type get application/octet-stream; the C writer refuses a header value that is not a str (TypeError) and drops lone surrogates.",
		[]merge.Cite{cs.connectionKey}
	if f.pureWriter {
		cs.writer = c("http_writer.py", "_py_serialize_headers")
		runtime = "the pure-Python build of the sdist (AIOHTTP_NO_EXTENSIONS=1)"
		sendDoc = "POST, PUT and PATCH without Content-Type get application/octet-stream; the pure-Python writer tests each name and value with \"\\r\" in x " +
			"(a TypeError for None, a bool or a number), joins them as str (a TypeError for a list) and encodes the head as UTF-8 (a UnicodeEncodeError for a lone surrogate)."
		sendAlso = append(sendAlso, cs.writer)
	}
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
		Since:    sp.since,
		Runtime:  "CPython " + cpython + " (Debian), yarl " + yarlVersion + ", multidict 6.9.1, propcache 0.5.4; " + runtime,
		Note:     sp.note,
		Binding:  binding,
		Switches: switches,
		Rules: []merge.Rule{
			{Name: "binding", Cite: merge.Cite{File: "conformance/runners/python/runner.py", Func: "run_aiohttp", Tag: "mergeplay"},
				Doc:   "What the Python binding cannot express is unsupported: undefined, bearer or partial auth, client params, unbound fields and call paths.",
				Apply: func(s *merge.State) { state(s).cite = cs; bindingRule(s) }},
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
			{Name: "build-url", Cite: c("client.py", "ClientSession._build_url"), Also: []merge.Cite{y("_url.py", "URL.join"), cs.connect},
				Doc:   "URL(url) by yarl (host lower-cased, path and query requoted, dot segments removed), joined onto base_url.",
				Apply: buildURL},
			{Name: "auth", Cite: at("client.py", "ClientSession._request", "auth"),
				Doc:   "auth=None takes the URL's userinfo, then the session's auth" + map[bool]string{false: "", true: " (only when the URL has base_url's origin)"}[f.authOriginGuard] + "; any auth with an Authorization header, or auth with userinfo, is a ValueError.",
				Apply: authRule},
			{Name: "cookies", Cite: at("client.py", "ClientSession._request", "cookies"),
				Doc:   "The jar's cookies for the URL, then the request's cookies through a temporary jar: a request cookie replaces the session's of the same name.",
				Apply: cookiesRule},
			{Name: "client-request", Cite: c("client_reqrep.py", "ClientRequest.__init__"), Also: []merge.Cite{y("_query.py", "query_var")},
				Doc:   "ClientRequest adds params to the URL (yarl, space as '+'), puts Host first, then the headers, Accept, Accept-Encoding and User-Agent unless set, the cookies as one Cookie header sorted by name, and Authorization from BasicAuth (Latin-1).",
				Apply: clientRequest},
			{Name: "body", Cite: c("client_reqrep.py", "ClientRequest.update_body_from_data"),
				Doc: "A str body is a UTF-8 StringPayload (text/plain; charset=utf-8), json a JsonPayload (application/json); Content-Length is the payload's size, " +
					"or 0 without a body on a method other than GET, HEAD, OPTIONS and TRACE.",
				Apply: bodyRule},
			{Name: "send", Cite: c("client_reqrep.py", "ClientRequest.send"), Also: sendAlso,
				Doc:   sendDoc,
				Apply: sendRule},
		},
	}
}
