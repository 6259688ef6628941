package merge

import (
	"slices"
	"strings"
	"testing"
)

// TestLintEdges holds each check to the edges the recordings do not reach.
// Every case is a scenario's client and request, the wire request, and the
// codes that must fire; libs/lint_test.go holds the checks to the recordings.
func TestLintEdges(t *testing.T) {
	const base = `"client": {"base_url": "https://api.example.com/v1/"`
	get := func(url string, headers ...string) *Wire {
		w := &Wire{Method: "GET", URL: url}
		for i := 0; i+1 < len(headers); i += 2 {
			w.Headers = append(w.Headers, [2]string{headers[i], headers[i+1]})
		}
		w.Target = targetOf(url)
		return w
	}
	tests := []struct {
		reason string
		doc    string // client and request members
		lang   string
		wire   *Wire
		want   []string
		in     string // a word the first lint's message must hold
		not    string // a word no message may hold
	}{
		{reason: "the client's bearer token to another host is the CVE-2025-27152 leak",
			doc:  base + `, "auth": {"bearer": "t0ken"}}, "request": {"url": "https://evil.example.net/x"}`,
			wire: get("https://evil.example.net/x", "Authorization", "Bearer t0ken"), want: []string{"credentials-cross-host"}, in: "evil.example.net"},
		{reason: "a token header from the client counts as a credential",
			doc:  base + `, "headers": {"X-Api-Key": "k"}}, "request": {"url": "//cdn.example.org/x"}`,
			wire: get("https://cdn.example.org/x", "X-Api-Key", "k"), want: []string{"credentials-cross-host"}, in: "X-Api-Key"},
		{reason: "client cookies are credentials too",
			doc:  base + `, "cookies": {"sid": "1"}}, "request": {"url": "https://other.example/x"}`,
			wire: get("https://other.example/x", "Cookie", "sid=1"), want: []string{"credentials-cross-host"}},
		{reason: "the same host in other letter case and with its default port is the same host",
			doc:  base + `, "auth": {"bearer": "t"}}, "request": {"url": "https://API.example.com:443/v1/x"}`,
			wire: get("https://api.example.com/v1/x", "Authorization", "Bearer t")},
		{reason: "credentials the request sets itself for another host are what the user asked for",
			doc:  base + `, "auth": {"bearer": "t"}}, "request": {"url": "https://other.example/x", "headers": {"Authorization": "Bearer mine"}}`,
			wire: get("https://other.example/x", "Authorization", "Bearer mine")},
		{reason: "without a base URL there is no other host",
			doc:  `"client": {"auth": {"bearer": "t"}}, "request": {"url": "https://other.example/x"}`,
			wire: get("https://other.example/x", "Authorization", "Bearer t")},
		{reason: "a header set to null and sent as the text null",
			doc: `"request": {"url": "https://a.example/", "headers": {"X-Token": null}}`, lang: "js",
			wire: get("https://a.example/", "X-Token", "null"), want: []string{"header-literal-null"}, in: "set to null"},
		{reason: "Python spells the null None",
			doc: `"client": {"headers": {"X-Token": null}}, "request": {"url": "https://a.example/"}`, lang: "python",
			wire: get("https://a.example/", "X-Token", "None"), want: []string{"header-literal-null"}, in: "None"},
		{reason: "the text null the user wrote is not a pitfall",
			doc:  `"client": {"headers": {"X-Token": null}}, "request": {"url": "https://a.example/", "headers": {"x-token": "null"}}`,
			wire: get("https://a.example/", "x-token", "null")},
		{reason: "auth=false that leaves the client's Basic auth on the wire",
			doc: `"client": {"auth": {"username": "u", "password": "p"}}, "request": {"url": "https://a.example/", "auth": false}`, lang: "python",
			wire: get("https://a.example/", "Authorization", BasicAuth("u", "p")), want: []string{"auth-none-ignored"}, in: "auth=false"},
		{reason: "an Authorization that is not the client's (the URL's userinfo) is not the client's auth",
			doc:  `"client": {"auth": {"username": "u", "password": "p"}}, "request": {"url": "https://a.example/", "auth": null}`,
			wire: get("https://a.example/", "Authorization", BasicAuth("x", "y"))},
		{reason: "a client Authorization header that auth=None leaves on",
			doc: `"client": {"headers": {"Authorization": "Bearer h"}}, "request": {"url": "https://a.example/", "auth": null}`, lang: "python",
			wire: get("https://a.example/", "Authorization", "Bearer h"), want: []string{"auth-none-ignored"}, in: "auth=None"},
		{reason: "the URL's q lost to params; its fragment is not a query",
			doc:  `"request": {"url": "https://a.example/s?q=1#f?z=2", "params": {"a": "2"}}`,
			wire: get("https://a.example/s?a=2"), want: []string{"params-drop-url-query"}, in: "(q)"},
		{reason: "a key the params name replaces the URL's on purpose",
			doc:  `"client": {"params": {"q": "2"}}, "request": {"url": "https://a.example/s?q=1"}`,
			wire: get("https://a.example/s?q=2")},
		{reason: "no params: nothing replaces the query",
			doc:  `"request": {"url": "https://a.example/s?q=1"}`,
			wire: get("https://a.example/s")},
		{reason: "a leading slash that replaces the base path",
			doc:  base + `}, "request": {"url": "/users"}`,
			wire: get("https://api.example.com/users"), want: []string{"base-path-dropped"}, in: "/v1"},
		{reason: "the base's last segment replaced by RFC 3986 resolution",
			doc:  `"client": {"base_url": "https://api.example.com/v1"}, "request": {"url": "users"}`,
			wire: get("https://api.example.com/users"), want: []string{"base-path-dropped"}},
		{reason: "climbing out with .. is what the user wrote",
			doc:  base + `}, "request": {"url": "../up"}`,
			wire: get("https://api.example.com/up")},
		{reason: "the base path kept, with a query",
			doc:  `"client": {"base_url": "https://api.example.com/v1"}, "request": {"url": "?q=1"}`,
			wire: get("https://api.example.com/v1?q=1")},
		{reason: "a client header the request's headers replaced",
			doc:  `"client": {"headers": {"X-A": "1", "X-Off": false}}, "request": {"url": "https://a.example/", "headers": {"X-B": "2"}}`,
			wire: get("https://a.example/", "X-B", "2"), want: []string{"client-header-dropped"}, in: "X-A"},
		{reason: "a client header the request names in another case is an override",
			doc:  `"client": {"headers": {"X-A": "1"}}, "request": {"url": "https://a.example/", "headers": {"x-a": null}}`,
			wire: get("https://a.example/")},
		{reason: "userinfo sent as Basic auth, and the password is never repeated",
			doc:  `"request": {"url": "https://u:s3cret@a.example/"}`,
			wire: get("https://a.example/", "Authorization", BasicAuth("u", "s3cret")), want: []string{"credentials-in-url"}, in: "Basic", not: "s3cret"},
		{reason: "userinfo dropped",
			doc:  `"client": {"base_url": "https://u:s3cret@a.example/"}, "request": {"url": "x"}`,
			wire: get("https://a.example/x"), want: []string{"credentials-in-url"}, in: "dropped", not: "s3cret"},
		{reason: "a Content-Type the library replaced for a JSON body",
			doc:  `"request": {"method": "POST", "url": "https://a.example/", "headers": {"Content-Type": "text/plain"}, "json": {"a": 1}}`,
			wire: get("https://a.example/", "Content-Type", "application/json"), want: []string{"content-type-overridden"}, in: "application/json"},
		{reason: "media types compare case-insensitively",
			doc:  `"request": {"method": "POST", "url": "https://a.example/", "headers": {"content-type": "Text/Plain"}, "body": "x"}`,
			wire: get("https://a.example/", "Content-Type", "text/plain")},
		{reason: "a request that removes the client's Content-Type asked for none",
			doc:  `"client": {"headers": {"Content-Type": "text/plain"}}, "request": {"url": "https://a.example/", "headers": {"Content-Type": null}, "body": "x"}`,
			wire: get("https://a.example/")},
	}
	for _, tc := range tests {
		sc, err := ParseScenario([]byte(`{"mergeplay": 1, "library": "x@1", `+tc.doc+`}`), "")
		if err != nil {
			t.Fatalf("%s: %v", tc.reason, err)
		}
		lints := LintWire(sc, tc.lang, tc.wire)
		var got []string
		for _, l := range lints {
			got = append(got, l.Code)
			if tc.not != "" && strings.Contains(l.Message, tc.not) {
				t.Errorf("%s: message %q holds %q", tc.reason, l.Message, tc.not)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: lints = %v, want %v", tc.reason, got, tc.want)
			continue
		}
		if tc.in != "" && !strings.Contains(lints[0].Message, tc.in) {
			t.Errorf("%s: message %q lacks %q", tc.reason, lints[0].Message, tc.in)
		}
	}
}

// A result that sent nothing has no lints, and always a list.
func TestLintNothingSent(t *testing.T) {
	sc, _ := ParseScenario([]byte(`{"mergeplay": 1, "library": "x@1", "request": {"url": "https://u:p@a.example/"}}`), "")
	if got := LintWire(sc, "js", nil); got == nil || len(got) != 0 {
		t.Errorf("LintWire(nil wire) = %#v, want an empty list", got)
	}
}

// Every check has a code, a severity, a title and a reference.
func TestChecksAreDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Checks() {
		if c.Code == "" || c.Title == "" || !strings.HasPrefix(c.Ref, "https://") || c.test == nil || seen[c.Code] {
			t.Errorf("check %+v: needs a unique code, a title, an https reference and a test", c)
		}
		switch c.Severity {
		case SeverityInfo, SeverityWarn, SeverityDanger:
		default:
			t.Errorf("check %s: severity %q is not info, warn or danger", c.Code, c.Severity)
		}
		seen[c.Code] = true
	}
}
