package merge

import (
	"slices"
	"strings"
)

// Lint is one pitfall a result shows: what the page's badges, the CLI, the
// API and the Markdown export list under "lints".
type Lint struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Ref      string `json:"ref"`
}

// How bad a pitfall is: danger sends credentials where the user did not mean
// them to go; warn loses or changes what the user wrote; info is worth knowing.
const (
	SeverityInfo   = "info"
	SeverityWarn   = "warn"
	SeverityDanger = "danger"
)

// Check is one named pitfall check. It decides from the scenario (what the
// user asked for) and the wire request the result sends, never from the
// library's name, so it fires for every library where the behaviour happens.
type Check struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Title    string `json:"title"` // the pitfall in one line
	// Applies lists where the recordings show the pitfall, as profile-style
	// ranges ("axios", "httpx >=0.28"); the fixtures test holds it to the
	// recorded cases where the check fires. It documents; it decides nothing.
	Applies []string `json:"applies"`
	Ref     string   `json:"ref"` // an issue, PR, advisory or docs page that describes it
	test    func(*lintCase) string
}

// lintCase is what a check reads. lang is the profile's language, for
// spelling null as the user wrote it.
type lintCase struct {
	sc   *Scenario
	lang string
	w    *Wire
}

// checks is the table, in the order lints are listed. The headers, URL and
// body checks live in lint_headers.go, lint_url.go and lint_body.go.
var checks = []Check{
	{Code: "credentials-cross-host", Severity: SeverityDanger,
		Title:   "client credentials (Authorization, Cookie, Proxy-Authorization, a token header) sent to a host other than the base URL's",
		Applies: []string{"axios <1.1.0", "axios >=1.1.1", "got >=14.6.1", "httpx", "resty"},
		Ref:     "https://github.com/axios/axios/security/advisories/GHSA-jr5f-v2jv-69x6",
		test:    crossHostCredentials},
	{Code: "header-literal-null", Severity: SeverityWarn,
		Title:   "a header set to null/None/undefined is sent as the text \"null\", \"None\" or \"undefined\"",
		Applies: []string{"axios <1", "fetch", "gaxios", "ky >=0.33.1", "ofetch"},
		Ref:     "https://github.com/axios/axios/issues/2223",
		test:    literalNullHeader},
	{Code: "auth-none-ignored", Severity: SeverityDanger,
		Title:   "auth=None (null, false) on the request does not disable the client's auth",
		Applies: []string{"aiohttp", "httpx <0.14.2", "requests"},
		Ref:     "https://github.com/encode/httpx/pull/1115",
		test:    authNoneIgnored},
	{Code: "params-drop-url-query", Severity: SeverityWarn,
		Title:   "params given with a URL that has its own query silently drop that query",
		Applies: []string{"axios >=1.0.0 <1.0.1", "got", "httpx >=0.28", "ky >=0.33.1 <2"},
		Ref:     "https://github.com/encode/httpx/issues/3433",
		test:    paramsDropURLQuery},
	{Code: "base-path-dropped", Severity: SeverityWarn,
		Title:   "joining the base URL and the request URL drops the base URL's path",
		Applies: []string{"aiohttp >=3.11", "fetch", "gaxios", "ky >=2"},
		Ref:     "https://github.com/sindresorhus/got/issues/1057",
		test:    basePathDropped},
	{Code: "client-header-dropped", Severity: SeverityWarn,
		Title:   "request-level headers replace the client's headers instead of merging with them",
		Applies: []string{"fetch", "ofetch <1.1.0", "urllib3"},
		Ref:     "https://github.com/mdn/content/issues/12959",
		test:    clientHeaderDropped},
	{Code: "credentials-in-url", Severity: SeverityWarn,
		Title:   "credentials in the URL's userinfo (user:password@host)",
		Applies: []string{"aiohttp", "axios <1.1.0", "axios >=1.1.1", "gaxios <7", "got", "httpx", "net/http", "requests", "resty", "urllib3"},
		Ref:     "https://github.com/whatwg/fetch/issues/26",
		test:    credentialsInURL},
	{Code: "content-type-overridden", Severity: SeverityWarn,
		Title:   "the library sends another Content-Type than the one the user set for the body",
		Applies: []string{"fetch >=20.8.1 <20.9.0"},
		Ref:     "https://github.com/axios/axios/issues/89",
		test:    contentTypeOverridden},
}

// Checks lists every check, in the order lints are listed.
func Checks() []Check { return slices.Clone(checks) }

// LintWire runs every check on a scenario and the request it sends. lang is
// the profile's language ("python", "js", "go"). A result that sent nothing
// has no lints: its error or reason is the message.
func LintWire(sc *Scenario, lang string, w *Wire) []Lint {
	out := []Lint{}
	if sc == nil || w == nil {
		return out
	}
	c := &lintCase{sc: sc, lang: lang, w: w}
	for _, ch := range checks {
		if msg := ch.test(c); msg != "" {
			out = append(out, Lint{Code: ch.Code, Severity: ch.Severity, Message: msg, Ref: ch.Ref})
		}
	}
	return out
}

// wireHeader is the first value of a header on the wire, case-insensitively.
func (c *lintCase) wireHeader(name string) (string, bool) {
	for _, h := range c.w.Headers {
		if strings.EqualFold(h[0], name) {
			return h[1], true
		}
	}
	return "", false
}

// header is the scenario's entry for a header on one side (its last
// spelling, case-insensitively), or an Absent value.
func header(side *Side, name string) Value {
	var v Value
	for _, f := range side.Headers.Fields {
		if strings.EqualFold(f.Key, name) {
			v = f.Value
		}
	}
	return v
}

// hasValue reports whether v sends something: not absent, null, undefined or false.
func hasValue(v Value) bool {
	return v.Kind != Absent && v.Kind != Null && v.Kind != Undefined && !v.IsFalse()
}

// nullWord is how the language spells a Null or Undefined value.
func nullWord(lang string, k Kind) string {
	switch {
	case k == Undefined:
		return "undefined"
	case lang == "python":
		return "None"
	case lang == "go":
		return "nil"
	}
	return "null"
}
