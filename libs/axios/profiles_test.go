package axios

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/libs/libtest"
	"github.com/mergeplay/mergeplay/merge"
)

func testWire(res *merge.Result) string { return libtest.Wire(res) }

func testResolve(t *testing.T, library, members string) *merge.Result {
	t.Helper()
	return libtest.Resolve(t, testRegistry, library, members)
}

func TestAxiosProfiles(t *testing.T) {
	const auth = `"client": {"auth": {"username": "john", "password": "admin"}}`
	tests := []struct {
		reason   string
		library  string
		scenario string
		want     string // substring of the wire summary
		absent   string // must not appear
	}{
		{
			reason:   "auth: null on the request disables the client's Basic auth (mergeConfig takes the request's null)",
			library:  "axios@1.21.1",
			scenario: auth + `, "request": {"url": "http://h.test/", "auth": null}`,
			want:     "GET / | Accept: application/json, text/plain, */* | User-Agent: axios/1.21.1",
			absent:   "Authorization",
		},
		{
			reason:   "auth: undefined inherits the client's auth",
			library:  "axios@0.27.2",
			scenario: auth + `, "request": {"url": "http://h.test/", "auth": {"$undefined": true}}`,
			want:     "Host: h.test | Authorization: Basic am9objphZG1pbg== | Connection: keep-alive",
		},
		{
			reason:   "a partial request auth is deep-merged over the client's",
			library:  "axios@1.21.1",
			scenario: auth + `, "request": {"url": "http://h.test/", "auth": {"username": "x"}}`,
			want:     "Authorization: Basic eDphZG1pbg==",
		},
		{
			reason:   "1.x: a null header suppresses the library default User-Agent",
			library:  "axios@1.21.1",
			scenario: `"request": {"url": "http://h.test/", "headers": {"User-Agent": null}}`,
			absent:   "User-Agent",
			want:     "Accept-Encoding: gzip, compress, deflate, br | Host: h.test",
		},
		{
			reason:   "0.x: a null header is sent as the string null",
			library:  "axios@0.27.2",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-Foo": null}}`,
			want:     "X-Foo: null | User-Agent: axios/0.27.2",
		},
		{
			reason:   "0.x: an undefined header makes Node's setHeader throw",
			library:  "axios@0.27.2",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-Foo": {"$undefined": true}}}`,
			want:     `error: TypeError: Invalid value "undefined" for header "X-Foo"`,
		},
		{
			reason:   "1.x keeps the instance spelling of a header overridden in another casing",
			library:  "axios@1.21.1",
			scenario: `"client": {"headers": {"X-Foo": "a"}}, "request": {"url": "http://h.test/", "headers": {"x-foo": "b"}}`,
			want:     "X-Foo: b",
		},
		{
			reason:   "integer-like header names come first, as in any JS object",
			library:  "axios@1.21.1",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-A": "1", "10": "x", "2": "y"}}`,
			want:     "GET / | 2: y | 10: x | Accept: application/json, text/plain, */* | X-A: 1",
		},
		{
			reason:   "allowAbsoluteUrls: false concatenates an absolute url under baseURL (1.x)",
			library:  "axios@1.21.1",
			scenario: `"client": {"base_url": "http://h.test/v1/", "allowAbsoluteUrls": false}, "request": {"url": "http://o.test/x"}`,
			want:     "GET /v1/http://o.test/x",
		},
		{
			reason:   "0.x url.parse keeps dot segments and brackets in params",
			library:  "axios@0.27.2",
			scenario: `"client": {"base_url": "http://h.test/v1/"}, "request": {"url": "../up", "params": {"t": ["a"]}}`,
			want:     "GET /v1/../up?t[]=a",
		},
		{
			reason:   "a JSON number is neither an object nor a string: the adapter rejects it",
			library:  "axios@1.21.1",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "json": 42}`,
			want:     "error: AxiosError: Data after transformation must be a string, an ArrayBuffer, a Buffer, or a Stream",
		},
		{
			reason:   "json with an application/json Content-Type: a number is JSON.stringify'd",
			library:  "axios@1.21.1",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "headers": {"Content-Type": "application/json"}, "json": 42}`,
			want:     "Content-Length: 2",
		},
		{
			reason:   "a json object with a urlencoded Content-Type is sent as a form (1.x)",
			library:  "axios@1.21.1",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "headers": {"Content-Type": "application/x-www-form-urlencoded"}, "json": {"a": "x y", "b": [1, 2]}}`,
			want:     "body=a=x+y&b%5B%5D=1&b%5B%5D=2",
		},
		{
			reason:   "0.28 on, the 0.x transformRequest also sends an object as a form under a urlencoded Content-Type (recorded 0.28.0–0.35.0)",
			library:  "axios@0.28.0",
			scenario: `"client": {"headers": {"Content-Type": "application/x-www-form-urlencoded"}}, "request": {"method": "POST", "url": "http://h.test/", "json": {"a": 1, "b": "x y"}}`,
			want:     "body=a=1&b=x+y",
		},
		{
			reason:   "the last 0.x release still sends the form",
			library:  "axios@0.35.0",
			scenario: `"client": {"headers": {"Content-Type": "application/x-www-form-urlencoded"}}, "request": {"method": "POST", "url": "http://h.test/", "json": {"a": 1, "b": "x y"}}`,
			want:     "body=a=1&b=x+y",
		},
		{
			reason:   "0.27 compares the whole Content-Type and sends JSON whatever it says",
			library:  "axios@0.27.2",
			scenario: `"client": {"headers": {"Content-Type": "application/x-www-form-urlencoded"}}, "request": {"method": "POST", "url": "http://h.test/", "json": {"a": 1, "b": "x y"}}`,
			want:     `body={"a":1,"b":"x y"}`,
		},
		{
			reason:   "string params cannot be serialised by toFormData (1.x)",
			library:  "axios@1.21.1",
			scenario: `"request": {"url": "http://h.test/", "params": "a=1"}`,
			want:     "error: AxiosError: target must be an object",
		},
		{
			reason:   "cookies have no axios binding",
			library:  "axios@1.21.1",
			scenario: `"request": {"url": "http://h.test/", "cookies": {"a": "1"}}`,
			want:     "unsupported: axios has no cookies option",
		},
		{
			reason:   "a version inside the 1.x range resolves to the 1.x profile",
			library:  "axios@1.6.8",
			scenario: `"request": {"url": "http://h.test/"}`,
			want:     "User-Agent: axios/1.6.8",
		},
	}
	for _, tc := range tests {
		res := testResolve(t, tc.library, tc.scenario)
		got := testWire(res)
		if tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s: %s\n got  %s\n want %s", tc.library, tc.reason, got, tc.want)
		}
		if tc.absent != "" && strings.Contains(got, tc.absent) {
			t.Errorf("%s: %s\n got  %s\n must not contain %s", tc.library, tc.reason, got, tc.absent)
		}
	}
}

func TestAxiosTraceCoversWire(t *testing.T) {
	res := testResolve(t, "axios@1.21.1", `"client": {"base_url": "http://h.test/v1/", "headers": {"X-C": "1"}, "params": {"a": "1"}, "auth": {"username": "u", "password": "p"}}, "request": {"method": "POST", "url": "users", "json": {"k": 1}}`)
	if res.Outcome != merge.OutcomeSent {
		t.Fatalf("outcome %s", res.Outcome)
	}
	explained := map[string]bool{}
	for _, st := range res.Trace {
		explained[st.Field] = true
		if st.Rule == "" || st.Cite == "" {
			t.Errorf("trace step %+v has no rule or citation", st)
		}
	}
	for _, h := range res.Request.Headers {
		if !explained[merge.FieldName(h[0])] {
			t.Errorf("header %s is not explained", h[0])
		}
	}
	for _, f := range []string{"url", "body", "query.a", "method"} {
		if !explained[f] {
			t.Errorf("%s is not explained", f)
		}
	}
}

// TestAxiosVersions holds the version facts (facts.go) to what each release was recorded
// sending on both sides of each boundary (make record-all).
func TestAxiosVersions(t *testing.T) {
	const (
		nullParam = `"request": {"url": "http://api.example.test/v1/users", "params": {"a": null, "b": "1"}}`
		array     = `"request": {"url": "http://api.example.test/v1/users", "headers": {"X-Multi": ["a", "b"]}}`
		queryOnly = `"client": {"base_url": "http://api.example.test/v1/"}, "request": {"url": "?q=1"}`
		relative  = `"request": {"url": "users"}`
		disallow  = `"client": {"base_url": "http://api.example.test/v1/"}, "request": {"url": "http://other.test/x", "allowAbsoluteUrls": false}`
		brackets  = `"request": {"url": "http://api.example.test/v1/users", "params": {"f[x]": "1"}}`
		userinfo  = `"request": {"url": "http://u%40x:p%3Ap@api.example.test/v1/users"}`
		bare      = `"request": {"method": "GET", "url": "http://api.example.test/v1/ping"}`
		surrogate = `"request": {"url": "http://api.example.test/v1/users", "headers": {"X-A": "a\ud800b"}}`
		control   = `"request": {"url": "http://api.example.test/v1/users", "headers": {"X-A": " a\u0001b "}}`
		badParam  = `"request": {"url": "http://api.example.test/v1/users", "params": {"q": "a\ud800b"}}`
		lowerCT   = `"request": {"method": "POST", "url": "http://api.example.test/v1/users", "headers": {"content-type": "application/vnd.api+json"}, "json": {"a": 1}}`
		lowerNull = `"request": {"method": "POST", "url": "http://api.example.test/v1/users", "headers": {"content-type": null}, "body": "x"}`
		noBase    = `"request": {"url": "http://api.example.test/v1/users", "allowAbsoluteUrls": false}`
		undefUA   = `"client": {"headers": {"User-Agent": "mergeplay-client/1"}}, "request": {"url": "http://api.example.test/v1/users", "headers": {"User-Agent": {"$undefined": true}}}`
	)
	const invalidChar = `error: TypeError: Invalid character in header content ["X-A"]`
	tests := []struct {
		version, reason, scenario, want string
	}{
		{"0.28.1", "0.28's toFormData params send a null as a=", nullParam, "GET /v1/users?a=&b=1 |"},
		{"0.29.0", "#6394 skips nulls again", nullParam, "GET /v1/users?b=1 |"},
		{"1.1.2", "1.x before #5108 sends a null as a=", nullParam, "GET /v1/users?a=&b=1 |"},
		{"1.1.3", "#5108 skips nulls", nullParam, "GET /v1/users?b=1 |"},
		{"1.1.2", "an array header value is String()ed before #5085", array, "X-Multi: a,b | User-Agent"},
		{"1.1.3", "#5085 sends one line per item", array, "X-Multi: a | X-Multi: b | User-Agent"},
		{"1.0.0", "1.0.0 concatenates pathname and searchParams", queryOnly, "GET /v1/q=1 |"},
		{"1.1.1", "#5018 keeps the ?", queryOnly, "GET /v1/?q=1 |"},
		{"1.1.0", "1.1.0's require('axios') has no create", bare, "error: TypeError: axios.create is not a function"},
		{"1.2.0", "no compress before #5306", bare, "Accept-Encoding: gzip, deflate, br |"},
		{"1.2.1", "#5306 adds compress", bare, "Accept-Encoding: gzip, compress, deflate, br |"},
		{"1.3.1", "1.3.1 never settles a URL that does not parse", relative, "error: Unsettled: the request promise never settled; unhandled rejection TypeError: Invalid URL"},
		{"1.3.2", "#5528 resolves it against http://localhost", relative, "GET /users | Accept: application/json, text/plain, */* | User-Agent: axios/1.3.2 | Accept-Encoding: gzip, compress, deflate, br | Host: localhost"},
		{"1.7.4", "#6539 parses without a base again", relative, "error: TypeError: Invalid URL"},
		{"1.7.9", "allowAbsoluteUrls has no binding before 1.8.0", disallow, "unsupported: request.allowAbsoluteUrls has no binding for axios@1.7.9 in the JS runner."},
		{"1.8.1", "the http adapter ignores allowAbsoluteUrls until 1.8.2", disallow, "GET /x | Accept: application/json, text/plain, */* | User-Agent: axios/1.8.1 | Accept-Encoding: gzip, compress, deflate, br | Host: other.test"},
		{"1.8.2", "1.8.2 joins the absolute URL to the base", disallow, "GET /v1/http://other.test/x |"},
		{"1.11.0", "[ and ] are restored before 1.12.0", brackets, "GET /v1/users?f[x]=1 |"},
		{"1.12.0", "1.12.0 percent-encodes them", brackets, "GET /v1/users?f%5Bx%5D=1 |"},
		{"1.15.2", "userinfo is Basic-encoded as written before 1.16.0", userinfo, "Authorization: Basic dSU0MHg6cCUzQXA="},
		{"1.16.0", "1.16.0 decodes it first", userinfo, "Authorization: Basic dUB4OnA6cA=="},
		{"1.8.1", "the adapter's buildFullPath does not see allowAbsoluteUrls before 1.8.2", noBase, "GET /v1/users |"},
		{"1.8.2", "1.8.2 passes it: combineURLs(undefined, url) throws (axios#6832)", noBase, "error: TypeError: Cannot read properties of undefined (reading 'replace')"},
		{"1.8.3", "still in 1.8.3", noBase, "error: TypeError: Cannot read properties of undefined (reading 'replace')"},
		{"1.8.4", "#6833 joins only when there is a baseURL", noBase, "GET /v1/users |"},
		{"0.30.3", "Node rejects a lone surrogate in a header value", surrogate, invalidChar},
		{"0.31.0", "#10688 strips it in dispatchRequest", surrogate, "X-A: ab |"},
		{"0.30.3", "Node rejects a C0 control as well", control, invalidChar},
		{"0.31.0", "#10688 strips controls and trims", control, "X-A: ab |"},
		{"1.15.0", "AxiosHeaders String()s the value and Node rejects it", surrogate, invalidChar},
		{"1.15.1", "#10687 strips it in normalizeValue", surrogate, "X-A: ab |"},
		{"1.15.0", "no sanitising of controls before #10687", control, invalidChar},
		{"1.21.1", "1.16.1 strips controls in normalizeValue", control, "X-A: ab |"},
		{"1.3.1", "the async executor leaves Node's throw unhandled", surrogate, "error: Unsettled: the request promise never settled; unhandled rejection TypeError: Invalid character in header content [\"X-A\"]"},
		{"1.3.3", "still async", surrogate, "error: Unsettled:"},
		{"1.3.4", "#5564 rejects again", surrogate, invalidChar},
		{"1.18.0", "the http adapter rejects with new Error(err.message)", badParam, "error: Error: URI malformed"},
		{"1.18.1", "AxiosError.from keeps the URIError's name", badParam, "error: URIError: URI malformed"},
		{"1.1.3", "own headers are laid over the defaults case-sensitively: the request's spelling is sent", lowerCT, "POST /v1/users | Accept: application/json, text/plain, */* | content-type: application/vnd.api+json | User-Agent"},
		{"1.2.0", "#5224 merges caselessly into the default's spelling", lowerCT, "POST /v1/users | Accept: application/json, text/plain, */* | Content-Type: application/vnd.api+json | User-Agent"},
		{"1.1.3", "a null own content-type leaves the default's Content-Type", lowerNull, "Content-Type: application/x-www-form-urlencoded |"},
		{"1.1.3", "set(User-Agent, default, false) keeps the undefined key: no User-Agent", undefUA, "GET /v1/users | Accept: application/json, text/plain, */* | Accept-Encoding"},
		{"1.2.0", "#5224 sets over undefined: the default returns", undefUA, "GET /v1/users | Accept: application/json, text/plain, */* | User-Agent: axios/1.2.0 |"},
	}
	for _, tc := range tests {
		sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "axios@`+tc.version+`", `+tc.scenario+`}`), "")
		if err != nil {
			t.Fatalf("scenario: %v", err)
		}
		res, err := testRegistry.Resolve(sc)
		if err != nil {
			t.Errorf("axios@%s: %s: resolve: %v", tc.version, tc.reason, err)
			continue
		}
		if got := testWire(res); !strings.Contains(got, tc.want) {
			t.Errorf("axios@%s: %s\n got  %s\n want %s", tc.version, tc.reason, got, tc.want)
		}
		if res.Outcome == merge.OutcomeSent && len(res.Warnings) > 0 {
			t.Errorf("axios@%s: %s: modelled, yet warned: %q", tc.version, tc.reason, res.Warnings)
		}
	}
}
