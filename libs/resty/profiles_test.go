package resty

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRestyProfile(t *testing.T) {
	const (
		u     = `"url": "http://api.example.test/v1/users"`
		host  = "Host: api.example.test"
		ua    = "User-Agent: go-resty/2.17.2 (https://github.com/go-resty/resty)"
		ae    = "Accept-Encoding: gzip"
		basic = "Authorization: Basic am9objphZG1pbg=="
	)
	tests := []struct {
		reason  string
		members string
		want    string
	}{
		{
			reason:  "resty v2 cannot clear client auth per request (binding: unsupported)",
			members: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {` + u + `, "auth": null}`,
			want:    "unsupported resty v2 cannot clear auth on a request: an empty credential or token falls back to the client's",
		},
		{
			reason:  "a nil request header does not clear client auth either: auth is added after the headers",
			members: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {` + u + `, "headers": {"Authorization": null}}`,
			want:    "sent GET /v1/users | " + host + " | " + ua + " | " + basic + " | " + ae + " | body=",
		},
		{
			reason:  "a client token beats request Basic credentials: the token is written after Basic",
			members: `"client": {"auth": {"bearer": "ct"}}, "request": {` + u + `, "auth": {"username": "john", "password": "admin"}}`,
			want:    "sent GET /v1/users | " + host + " | " + ua + " | Authorization: Bearer ct | " + ae + " | body=",
		},
		{
			reason:  "a blank request token falls back to the client's",
			members: `"client": {"auth": {"bearer": "ct"}}, "request": {` + u + `, "auth": {"bearer": " "}}`,
			want:    "sent GET /v1/users | " + host + " | " + ua + " | Authorization: Bearer ct | " + ae + " | body=",
		},
		{
			reason:  "base URL: trailing '/' stripped, then string concatenation (no dot-segment removal)",
			members: `"client": {"base_url": "http://api.example.test/v1//"}, "request": {"url": "../up"}`,
			want:    "sent GET /v1/../up | " + host + " | " + ua + " | " + ae + " | body=",
		},
		{
			reason:  "an absolute URL escapes the base but still gets client headers and params",
			members: `"client": {"base_url": "http://api.example.test/v1", "headers": {"X-C": "c"}, "params": {"a": "1"}}, "request": {"url": "http://other.test/x?q=0"}`,
			want:    "sent GET /x?q=0&a=1 | Host: other.test | " + ua + " | X-C: c | " + ae + " | body=",
		},
		{
			reason:  "request params replace the client key; keys are sorted; a null request param hides the client's",
			members: `"client": {"params": {"z": "1", "b": "x", "a": "1"}}, "request": {` + u + `, "params": {"a": "2", "z": null}}`,
			want:    "sent GET /v1/users?a=2&b=x | " + host + " | " + ua + " | " + ae + " | body=",
		},
		{
			reason:  "a request array header is one line joined with \", \"; a client one is one line per value; x-foo overrides X-Foo",
			members: `"client": {"headers": {"X-C": ["a", "b"], "X-Foo": "a"}}, "request": {` + u + `, "headers": {"X-R": ["a", "b"], "x-foo": "b"}}`,
			want:    "sent GET /v1/users | " + host + " | " + ua + " | X-C: a | X-C: b | X-Foo: b | X-R: a, b | " + ae + " | body=",
		},
		{
			reason:  "an empty or null User-Agent gets resty's default: it cannot be removed",
			members: `"client": {"headers": {"User-Agent": "c"}}, "request": {` + u + `, "headers": {"User-Agent": null}}`,
			want:    "sent GET /v1/users | " + host + " | " + ua + " | " + ae + " | body=",
		},
		{
			reason:  "a Host header becomes Request.Host",
			members: `"client": {"headers": {"host": "c.test"}}, "request": {` + u + `}`,
			want:    "sent GET /v1/users | Host: c.test | " + ua + " | " + ae + " | body=",
		},
		{
			reason:  "POST without body: http.NoBody, turned into an unsized reader, goes out chunked",
			members: `"request": {"method": "POST", ` + u + `}`,
			want:    "sent POST /v1/users | " + host + " | " + ua + " | Transfer-Encoding: chunked | " + ae + " | body=",
		},
		{
			reason:  "JSON: document key order, HTML-escaped, numbers through float64; Accept follows a JSON Content-Type set by the caller",
			members: `"request": {"method": "PUT", ` + u + `, "headers": {"Content-Type": "application/vnd.api+json"}, "json": {"z": "<b>", "a": 1.0, "n": 12345678901234567890}}`,
			want:    `sent PUT /v1/users | ` + host + ` | ` + ua + ` | Content-Length: 52 | Accept: application/vnd.api+json | Content-Type: application/vnd.api+json | ` + ae + ` | body={"z":"\u003cb\u003e","a":1,"n":12345678901234567000}`,
		},
		{
			reason:  "a JSON object with a non-JSON Content-Type is not marshalled",
			members: `"request": {"method": "POST", ` + u + `, "headers": {"Content-Type": "text/plain"}, "json": {"a": 1}}`,
			want:    "error errors.errorString: unsupported 'Body' type/value",
		},
		{
			reason:  "GET carries no body in resty: the body is dropped",
			members: `"request": {` + u + `, "body": "hello"}`,
			want:    "sent GET /v1/users | " + host + " | " + ua + " | " + ae + " | body=",
		},
		{
			reason:  "client cookies, then request cookies, appended to a client Cookie header",
			members: `"client": {"cookies": {"a": "1"}, "headers": {"Cookie": "h=1"}}, "request": {` + u + `, "cookies": {"a": "9"}}`,
			want:    "sent GET /v1/users | " + host + " | " + ua + " | Cookie: h=1; a=1; a=9 | " + ae + " | body=",
		},
		{
			reason:  "a relative URL without base URL fails in the transport",
			members: `"request": {"url": "users"}`,
			want:    `error errors.errorString: Get "/users": unsupported protocol scheme ""`,
		},
	}
	for _, tt := range tests {
		got, res := testCase(t, "resty@2.17.2", tt.members)
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s\nresolve(%s) mismatch (-want +got):\n%s", tt.reason, tt.members, d)
		}
		testCheckTrace(t, res)
	}
}

func TestRestyIsType(t *testing.T) {
	tests := []struct {
		ct, word string
		want     bool
		reason   string
	}{
		{"application/json", "json", true, "plain"},
		{"application/vnd.api+json; charset=utf-8", "json", true, "suffix and parameters"},
		{"TEXT/JSON", "json", true, "case-insensitive"},
		{"application/octet-stream; x=json", "json", true, "the regexp is unanchored: json anywhere after the type"},
		{"json", "json", false, "needs application/ or text/"},
		{"image/svg+xml", "xml", false, "only application/ and text/"},
		{"text/xml", "xml", true, "XML"},
	}
	for _, tt := range tests {
		if got := isType(tt.ct, tt.word); got != tt.want {
			t.Errorf("restyIsType(%q, %q) = %v, want %v (%s)", tt.ct, tt.word, got, tt.want, tt.reason)
		}
	}
}

// TestRestyReleaseFacts pins each boundary inside v2 to the release on
// either side of it, as recorded (the 2.16.4 token case is source-derived).
func TestRestyReleaseFacts(t *testing.T) {
	const (
		u    = `"url": "http://api.example.test/v1/ping"`
		host = "Host: api.example.test"
		ae   = "Accept-Encoding: gzip"
	)
	ua := func(v string) string { return "User-Agent: go-resty/" + v + " (https://github.com/go-resty/resty)" }
	tests := []struct {
		version, members, want string
	}{
		{"2.16.1", `"request": {"method": "POST", ` + u + `, "body": ""}`,
			"sent POST /v1/ping | " + host + " | " + ua("2.16.1") + " | Transfer-Encoding: chunked | Content-Type: text/plain; charset=utf-8 | " + ae + " | body="},
		{"2.16.2", `"request": {"method": "POST", ` + u + `, "body": ""}`,
			"sent POST /v1/ping | " + host + " | " + ua("2.16.2") + " | Content-Length: 0 | Content-Type: text/plain; charset=utf-8 | " + ae + " | body="},
		{"2.16.5", `"request": {"method": "POST", ` + u + `}`,
			"sent POST /v1/ping | " + host + " | " + ua("2.16.5") + " | Content-Length: 0 | " + ae + " | body="},
		{"2.17.1", `"request": {"method": "POST", ` + u + `}`,
			"sent POST /v1/ping | " + host + " | " + ua("2.17.1") + " | Transfer-Encoding: chunked | " + ae + " | body="},
		{"2.15.1", `"request": {"url": "/users"}`, `error errors.joinError: Get "/users": unsupported protocol scheme ""`},
		{"2.15.2", `"request": {"url": "/users"}`, `error errors.errorString: Get "/users": unsupported protocol scheme ""`},
		{"2.9.0", `"request": {` + u + `}`, "sent GET /v1/ping | " + host + " | " + ua("2.9.0-dev") + " | " + ae + " | body="},
		{"2.11.0", `"request": {` + u + `}`, "sent GET /v1/ping | " + host + " | " + ua("2.10.0") + " | " + ae + " | body="},
		{"2.13.0", `"request": {` + u + `}`, "sent GET /v1/ping | " + host + " | " + ua("2.12.0") + " | " + ae + " | body="},
		{"2.13.1", `"request": {` + u + `}`, "sent GET /v1/ping | " + host + " | " + ua("2.13.1") + " | " + ae + " | body="},
		{"2.16.4", `"client": {"auth": {"bearer": "ct"}}, "request": {` + u + `, "auth": {"bearer": " "}}`,
			"sent GET /v1/ping | " + host + " | " + ua("2.16.4") + " | " + ae + " | body="},
		{"2.16.5", `"client": {"auth": {"bearer": "ct"}}, "request": {` + u + `, "auth": {"bearer": " "}}`,
			"sent GET /v1/ping | " + host + " | " + ua("2.16.5") + " | Authorization: Bearer ct | " + ae + " | body="},
	}
	for _, tc := range tests {
		got, res := testCase(t, "resty@"+tc.version, tc.members)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("resty@%s %s (-want +got):\n%s", tc.version, tc.members, diff)
		}
		testCheckTrace(t, res)
	}
}
