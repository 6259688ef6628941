package aiohttp

import (
	"strconv"
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
	{min: "3.8.0", max: "3.8.2", tag: "3.8.1", note: "No CPython 3.11 wheel: recorded as built from the sdists with AIOHTTP_NO_EXTENSIONS=1, the pure-Python package. " +
		"The client code sends what 3.8.3 sends (3.8.3's wheel with AIOHTTP_NO_EXTENSIONS=1 records the same in every case; PR #6374, \"Revert assert\", only adds " +
		"ClientSession._connector = None for __del__). The header writer differs: http_writer.py _py_serialize_headers joins the head as str and encodes it as UTF-8, " +
		"so a non-str header value is another TypeError and a lone surrogate a UnicodeEncodeError; str values are written byte for byte as by the C writer."},
	{min: "3.8.2", max: "3.10", tag: "3.9.5", since: merge.Boundary{Ref: "aio-libs/aiohttp@87ef240",
		URL: "https://github.com/aio-libs/aiohttp/commit/87ef240d2de4958268cc17037a2412cdc22ba776",
		Doc: "cibuildwheel 2.10.1: CPython 3.11 wheels, so http_writer.py binds _serialize_headers to the C _http_writer._serialize_headers " +
			"(https://github.com/aio-libs/aiohttp/blob/v3.8.3/aiohttp/http_writer.py#L191-L200)"},
		note: "3.8.3–3.9.5 (10 releases) record identically; 3.8.2 is yanked (refused). base_url must be an origin; an InvalidURL carries the URL as given."},
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

// ruleDef is one rule of every profile: the rules are the same functions in
// every span, only the cited tag and the facts differ. A table, not one
// composite literal per profile, because every literal field is code in the
// engine the page downloads (issue 15's per-library budget).
type ruleDef struct {
	name     string
	file, fn string // the cited function, under aiohttp/
	at       string // a statement inside fn (a key of the lines table), or ""
	also     []ref
	doc      string
	docOf    func(facts) string // the doc, when it depends on the facts
	writer   bool               // also cites the pure-Python header writer where it runs (facts.pureWriter)
	apply    func(*merge.State)
}

// ref is a function of aiohttp (or, with yarl set, of yarl) a rule's steps also cite.
type ref struct {
	yarl     bool
	file, fn string
}

var (
	connectRef       = ref{file: "connector.py", fn: "TCPConnector._create_direct_connection"}
	connectionKeyRef = ref{file: "client_reqrep.py", fn: "ClientRequest.connection_key"}
	pyWriterRef      = ref{file: "http_writer.py", fn: "_py_serialize_headers"}
)

var ruleDefs = []ruleDef{
	{name: "basic-auth", file: "helpers.py", fn: "BasicAuth.__new__",
		doc:   "The runner builds BasicAuth(username, password) for the client's auth, then the request's: a None login or password, or a ':' in the login, is a ValueError.",
		apply: basicAuth},
	{name: "session-init", file: "client.py", fn: "ClientSession.__init__",
		docOf: func(f facts) string {
			return "ClientSession() checks base_url (" + f.baseNote + "), keeps headers as a CIMultiDict, puts cookies in its CookieJar and keeps auth as the default auth."
		},
		apply: sessionInit},
	{name: "request-args", file: "client.py", fn: "ClientSession._request",
		doc:   "_request upper-cases the method, refuses data and json together, and turns json into a JsonPayload (json.dumps defaults).",
		apply: requestArgs},
	{name: "prepare-headers", file: "client.py", fn: "ClientSession._prepare_headers",
		doc:   "The session's headers, then each request header replaces every entry of its name (any case) at the first one's place, with the request's spelling.",
		apply: prepareHeaders},
	{name: "build-url", file: "client.py", fn: "ClientSession._build_url", also: []ref{{yarl: true, file: "_url.py", fn: "URL.join"}, connectRef},
		doc:   "URL(url) by yarl (host lower-cased, path and query requoted, dot segments removed), joined onto base_url.",
		apply: buildURL},
	{name: "auth", file: "client.py", fn: "ClientSession._request", at: "auth",
		docOf: func(f facts) string {
			guard := ""
			if f.authOriginGuard {
				guard = " (only when the URL has base_url's origin)"
			}
			return "auth=None takes the URL's userinfo, then the session's auth" + guard + "; any auth with an Authorization header, or auth with userinfo, is a ValueError."
		},
		apply: authRule},
	{name: "cookies", file: "client.py", fn: "ClientSession._request", at: "cookies",
		doc:   "The jar's cookies for the URL, then the request's cookies through a temporary jar: a request cookie replaces the session's of the same name.",
		apply: cookiesRule},
	{name: "client-request", file: "client_reqrep.py", fn: "ClientRequest.__init__", also: []ref{{yarl: true, file: "_query.py", fn: "query_var"}},
		doc:   "ClientRequest adds params to the URL (yarl, space as '+'), puts Host first, then the headers, Accept, Accept-Encoding and User-Agent unless set, the cookies as one Cookie header sorted by name, and Authorization from BasicAuth (Latin-1).",
		apply: clientRequest},
	{name: "body", file: "client_reqrep.py", fn: "ClientRequest.update_body_from_data",
		doc: "A str body is a UTF-8 StringPayload (text/plain; charset=utf-8), json a JsonPayload (application/json); Content-Length is the payload's size, " +
			"or 0 without a body on a method other than GET, HEAD, OPTIONS and TRACE.",
		apply: bodyRule},
	{name: "send", file: "client_reqrep.py", fn: "ClientRequest.send", also: []ref{connectionKeyRef}, writer: true,
		docOf: func(f facts) string {
			if f.pureWriter {
				return "POST, PUT and PATCH without Content-Type get application/octet-stream; the pure-Python writer tests each name and value with \"\\r\" in x " +
					"(a TypeError for None, a bool or a number), joins them as str (a TypeError for a list) and encodes the head as UTF-8 (a UnicodeEncodeError for a lone surrogate)."
			}
			return "POST, PUT and PATCH without Content-Type get application/octet-stream; the C writer refuses a header value that is not a str (TypeError) and drops lone surrogates."
		},
		apply: sendRule},
}

// switchDefs are the profiles' switches: a switch with on takes yes where
// on(facts) holds, every other one no.
var switchDefs = []struct {
	name, no, yes string
	on            func(facts) bool
}{
	{"base-url", "origin only (no path)", "RFC 3986 join; path must end in '/'", func(f facts) bool { return f.baseTrailingSlash }},
	{"absolute-url-with-base", "AssertionError", "used as is", func(f facts) bool { return f.absoluteOverrides }},
	{"session-auth-other-origin", "sent", "not sent", func(f facts) bool { return f.authOriginGuard }},
	{"auth-none", "inherits session auth", "", nil},
	{"auth-false", "TypeError (BasicAuth() tuple is required)", "", nil},
	{"auth-vs-header", "ValueError", "", nil},
	{"header-none", "TypeError when serialized", "", nil},
	{"header-names", "case-insensitive; request spelling at the session's position", "", nil},
	{"params-none", "TypeError", "", nil},
	{"url-query", "decoded and encoded again with params", "kept as written, params appended", func(f facts) bool { return f.extendQuery }},
	{"cookie-vs-header", "merged into one Cookie header, sorted by name", "", nil},
	{"auth-deprecated", "no", "DeprecationWarning", func(f facts) bool { return f.authDeprecated }},
}

// cite is a function of aiohttp at tag (or of yarl at yarlVersion), linked
// at its first line, or at the statement at names inside it.
func cite(tag string, r ref, at string) merge.Cite {
	repo, dir, key, linesTag := "aio-libs/aiohttp", "aiohttp/", r.fn, tag
	if r.yarl {
		repo, dir, tag, linesTag = "aio-libs/yarl", "yarl/", yarlVersion, "yarl-"+yarlVersion
	}
	if at != "" {
		key = at
	}
	url := "https://github.com/" + repo + "/blob/v" + tag + "/" + dir + r.file
	// A statement is always linked (its line is in the table); a function
	// only when its line is known.
	if n := lineOf(linesTag, r.file, key); n > 0 || at != "" {
		url += "#L" + strconv.Itoa(n)
	}
	return merge.Cite{File: dir + r.file, Func: r.fn, Tag: "v" + tag, URL: url}
}

func profile(sp span) *merge.Profile {
	f := factsFor(sp.tag)
	cs := cites{connect: cite(sp.tag, connectRef, ""), connectionKey: cite(sp.tag, connectionKeyRef, "")}
	runtime := "the C extensions of the wheels"
	if f.pureWriter {
		cs.writer = cite(sp.tag, pyWriterRef, "")
		runtime = "the pure-Python build of the sdist (AIOHTTP_NO_EXTENSIONS=1)"
	}
	rules := make([]merge.Rule, 0, 1+len(ruleDefs))
	rules = append(rules, merge.Rule{Name: "binding", Cite: merge.Cite{File: "conformance/runners/python/runner.py", Func: "run_aiohttp", Tag: "mergeplay"},
		Doc:   "What the Python binding cannot express is unsupported: undefined, bearer or partial auth, client params, unbound fields and call paths.",
		Apply: func(s *merge.State) { state(s).cite = cs; bindingRule(s) }})
	for _, d := range ruleDefs {
		r := merge.Rule{Name: d.name, Cite: cite(sp.tag, ref{file: d.file, fn: d.fn}, d.at), Doc: d.doc, Apply: d.apply}
		if d.docOf != nil {
			r.Doc = d.docOf(f)
		}
		for _, a := range d.also {
			r.Also = append(r.Also, cite(sp.tag, a, ""))
		}
		if d.writer && f.pureWriter {
			r.Also = append(r.Also, cs.writer)
		}
		rules = append(rules, r)
	}
	switches := make([]merge.Switch, len(switchDefs))
	for i, d := range switchDefs {
		switches[i] = merge.Switch{Name: d.name, Value: d.no}
		if d.on != nil && d.on(f) {
			switches[i].Value = d.yes
		}
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
		Rules:    rules,
	}
}
