package httpx

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

func TestHTTPXProfiles(t *testing.T) {
	const basic = "Basic am9objphZG1pbg==" // john:admin
	tests := []struct {
		reason   string
		library  string
		scenario string // client and request members
		want     string // Authorization value, "" for none, or "error: Type: msg"
		profile  string
	}{
		{
			reason:   "0.14.1: request auth=None falls back to the client auth, like requests",
			library:  "httpx@0.14.1",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "auth": null}`,
			want:     basic,
			profile:  "httpx >=0.14.0 <0.14.2",
		},
		{
			reason:   "0.14.2: request auth=None disables the client auth (PR #1115)",
			library:  "httpx@0.14.2",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "auth": null}`,
			want:     "",
			profile:  "httpx >=0.14.2 <0.18",
		},
		{
			reason:   "0.28.1 keeps the 0.14.2 meaning of auth=None",
			library:  "httpx@0.28.1",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "auth": null}`,
			want:     "",
			profile:  "httpx >=0.28",
		},
		{
			reason:   "0.14.2 stream() passes auth=None and drops the client auth",
			library:  "httpx@0.14.2",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "via": "stream"}`,
			want:     "",
			profile:  "httpx >=0.14.2 <0.18",
		},
		{
			reason:   "0.15.1 still has `auth: AuthTypes = None` in stream(): the bug is there (source-derived)",
			library:  "httpx@0.15.1",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "via": "stream"}`,
			want:     "",
			profile:  "httpx >=0.14.2 <0.18",
		},
		{
			reason:   "0.15.2 ships PR #1312: stream() defaults to UNSET and keeps the client auth (source-derived)",
			library:  "httpx@0.15.2",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "via": "stream"}`,
			want:     basic,
			profile:  "httpx >=0.14.2 <0.18",
		},
		{
			reason:   "0.14.1 stream() defaulted to None, which then meant 'use the client auth'",
			library:  "httpx@0.14.1",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "via": "stream"}`,
			want:     basic,
			profile:  "httpx >=0.14.0 <0.14.2",
		},
		{
			reason:   "stream() with explicit request credentials is unaffected by the bug",
			library:  "httpx@0.14.2",
			scenario: `"client": {"auth": {"username": "x", "password": "y"}}, "request": {"url": "http://h.test/", "via": "stream", "auth": {"username": "john", "password": "admin"}}`,
			want:     basic,
			profile:  "httpx >=0.14.2 <0.18",
		},
		{
			reason:   "with client auth disabled per request, URL userinfo is used (0.14.2+)",
			library:  "httpx@0.23.3",
			scenario: `"client": {"auth": {"username": "x", "password": "y"}}, "request": {"url": "http://john:admin@h.test/", "auth": null}`,
			want:     basic,
			profile:  "httpx >=0.18 <0.28",
		},
		{
			reason:   "auth=False is a TypeError; the message gained the repr in 0.17.0",
			library:  "httpx@0.18.2",
			scenario: `"client": {}, "request": {"url": "http://h.test/", "auth": false}`,
			want:     `error: TypeError: Invalid "auth" argument: False`,
			profile:  "httpx >=0.18 <0.28",
		},
		{
			reason:   "auth=False before 0.17.0",
			library:  "httpx@0.14.2",
			scenario: `"client": {}, "request": {"url": "http://h.test/", "auth": false}`,
			want:     `error: TypeError: Invalid "auth" argument.`,
			profile:  "httpx >=0.14.2 <0.18",
		},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "`+tc.library+`", `+tc.scenario+`}`), "")
			if err != nil {
				t.Fatal(err)
			}
			res, err := testRegistry.Resolve(sc)
			if err != nil {
				t.Fatal(err)
			}
			if res.Profile != tc.profile {
				t.Errorf("resolve(%s) profile = %q, want %q", tc.library, res.Profile, tc.profile)
			}
			got := ""
			switch res.Outcome {
			case merge.OutcomeError:
				got = "error: " + res.Error.Type + ": " + res.Error.Message
			case merge.OutcomeSent:
				for _, h := range res.Request.Headers {
					if strings.EqualFold(h[0], "Authorization") {
						got = h[1]
					}
				}
			default:
				got = res.Outcome + ": " + res.Reason
			}
			if got != tc.want {
				t.Errorf("resolve(%s) Authorization = %q, want %q (%s)", tc.library, got, tc.want, tc.reason)
			}
		})
	}
}

// TestHTTPXWire pins version switches inside the 0.18–0.27 range that the
// recordings show are not one behaviour.
func TestHTTPXWire(t *testing.T) {
	tests := []struct {
		reason, library, scenario, target string
		headers                           string // "Name: value" lines joined by " | "
	}{
		{"space in params is + before 0.24", "httpx@0.23.3", `"request": {"url": "http://h.test/s", "params": {"q": "a b"}}`, "/s?q=a+b", ""},
		{"space in params is %20 in 0.24–0.27", "httpx@0.24.0", `"request": {"url": "http://h.test/s", "params": {"q": "a b"}}`, "/s?q=a%20b", ""},
		{"space in params is + again in 0.28", "httpx@0.28.1", `"request": {"url": "http://h.test/s", "params": {"q": "a b"}}`, "/s?q=a+b", ""},
		{"'/' in params is kept in 0.24.x (urlencode quote() default safe '/')", "httpx@0.24.1", `"request": {"url": "http://h.test/s", "params": {"q": "a/b&c=d"}}`, "/s?q=a/b%26c%3Dd", ""},
		{"'/' in params is %2F from 0.25.0 (#2723)", "httpx@0.25.0", `"request": {"url": "http://h.test/s", "params": {"q": "a/b&c=d"}}`, "/s?q=a%2Fb%26c%3Dd", ""},
		{"0.25.x re-quotes the joined query with '/' unsafe (#2723)", "httpx@0.25.2", `"client": {"base_url": "http://h.test/v1/?key=k"}, "request": {"url": "users"}`, "/v1/?key=k%2Fusers", ""},
		{"0.26.0 keeps '/' in URL queries again (#2990)", "httpx@0.26.0", `"client": {"base_url": "http://h.test/v1/?key=k"}, "request": {"url": "users"}`, "/v1/?key=k/users", ""},
		{"0.24.1 keeps base query '/' (safe set has '/')", "httpx@0.24.1", `"client": {"base_url": "http://h.test/v1/?key=k"}, "request": {"url": "users"}`, "/v1/?key=k/users", ""},
		{"0.26.0 percent_encoded keeps a value of unreserved chars and '%' whole (source-derived, #3187 changed it)", "httpx@0.26.0", `"request": {"url": "http://h.test/s", "params": {"q": "a%zz"}}`, "/s?q=a%zz", ""},
		{"0.27.1 percent_encoded escapes every '%' (#3187)", "httpx@0.27.1", `"request": {"url": "http://h.test/s", "params": {"q": "a%zz"}}`, "/s?q=a%25zz", ""},
		{"0.28 replaces the URL query when client params exist", "httpx@0.28.1", `"client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/s?q=0"}`, "/s?a=1", ""},
		{"0.27 merges the URL query key-wise", "httpx@0.27.2", `"client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/s?q=0"}`, "/s?q=0&a=1", ""},
		{"Headers.update replaces in place before 0.22", "httpx@0.21.0", `"request": {"url": "http://h.test/", "headers": {"Accept": "x"}}`, "/",
			"Host: h.test | Accept: x | Accept-Encoding: gzip, deflate | Connection: keep-alive | User-Agent: python-httpx/0.21.0"},
		{"Headers.update pops and appends from 0.22", "httpx@0.22.0", `"request": {"url": "http://h.test/", "headers": {"Accept": "x"}}`, "/",
			"Host: h.test | Accept-Encoding: gzip, deflate | Connection: keep-alive | User-Agent: python-httpx/0.22.0 | Accept: x"},
		{"0.14 lower-cases and prepends its defaults", "httpx@0.14.2", `"request": {"url": "http://h.test/", "headers": {"X-Foo": "1"}}`, "/",
			"host: h.test | user-agent: python-httpx/0.14.2 | accept: */* | accept-encoding: gzip, deflate | connection: keep-alive | x-foo: 1"},
	}
	for _, tc := range tests {
		t.Run(tc.reason, func(t *testing.T) {
			sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "`+tc.library+`", `+tc.scenario+`}`), "")
			if err != nil {
				t.Fatal(err)
			}
			res, err := testRegistry.Resolve(sc)
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != merge.OutcomeSent {
				t.Fatalf("resolve(%s) outcome %s %v %s", tc.library, res.Outcome, res.Error, res.Reason)
			}
			if res.Request.Target != tc.target {
				t.Errorf("resolve(%s) target = %q, want %q (%s)", tc.library, res.Request.Target, tc.target, tc.reason)
			}
			if tc.headers != "" {
				var hs []string
				for _, h := range res.Request.Headers {
					hs = append(hs, h[0]+": "+h[1])
				}
				if got := strings.Join(hs, " | "); got != tc.headers {
					t.Errorf("resolve(%s) headers mismatch (%s):\n got  %s\n want %s", tc.library, tc.reason, got, tc.headers)
				}
			}
		})
	}
}
