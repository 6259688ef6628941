package aiohttp

import (
	"fmt"
	"testing"

	"github.com/mergeplay/mergeplay/libs/libtest"
)

const (
	host = "Host: api.example.test"
	acc  = "Accept: */*"
	ae   = "Accept-Encoding: gzip, deflate"
)

func ua(v string) string { return "User-Agent: Python/3.11 aiohttp/" + v }

func TestAiohttpProfile(t *testing.T) {
	const u = `"url": "http://api.example.test/v1/users"`
	const basic = `"auth": {"username": "john", "password": "admin"}`
	tests := []struct {
		reason, version, members, want string
	}{
		{"Host first, then Accept, Accept-Encoding and aiohttp's User-Agent",
			"3.8.3", `"request": {` + u + `}`,
			"sent GET /v1/users | " + host + " | " + acc + " | " + ae + " | " + ua("3.8.3") + " | body="},
		{"request auth=None is the keyword's default: the session's auth applies",
			"3.14.5", `"client": {` + basic + `}, "request": {` + u + `, "auth": null}`,
			"sent GET /v1/users | " + host + " | " + acc + " | " + ae + " | " + ua("3.14.5") + " | Authorization: Basic am9objphZG1pbg== | body="},
		{"auth=False is not a BasicAuth: update_auth raises TypeError",
			"3.14.5", `"client": {` + basic + `}, "request": {` + u + `, "auth": false}`,
			"error TypeError: BasicAuth() tuple is required instead"},
		{"session auth plus an Authorization header: _request refuses to choose",
			"3.14.5", `"client": {` + basic + `}, "request": {` + u + `, "headers": {"Authorization": "Bearer t"}}`,
			"error ValueError: Cannot combine AUTHORIZATION header with AUTH argument or credentials encoded in URL"},
		{"3.8–3.10: base_url must be an origin",
			"3.10.11", `"client": {"base_url": "http://api.example.test/v1/"}, "request": {"url": "users"}`,
			"error AssertionError: Only absolute URLs without path part are supported"},
		{"3.11: base_url with a path is joined by RFC 3986",
			"3.11.0", `"client": {"base_url": "http://api.example.test/v1/"}, "request": {"url": "users"}`,
			"sent GET /v1/users | " + host + " | " + acc + " | " + ae + " | " + ua("3.11.0") + " | body="},
		{"3.11: base_url must end in '/'",
			"3.11.0", `"client": {"base_url": "http://api.example.test/v1"}, "request": {"url": "users"}`,
			"error ValueError: base_url must have a trailing '/'"},
		{"3.11: an absolute URL with base_url is an AssertionError",
			"3.11.18", `"client": {"base_url": "http://api.example.test/v1/"}, "request": {"url": "http://other.test/x"}`,
			"error AssertionError: "},
		{"3.12: an absolute URL leaves base_url, and the session's auth stays on base_url's origin",
			"3.12.0", `"client": {"base_url": "http://api.example.test/v1/", ` + basic + `}, "request": {"url": "http://other.test/x"}`,
			"sent GET /x | Host: other.test | " + acc + " | " + ae + " | " + ua("3.12.0") + " | body="},
		{"3.12: the same origin gets the session's auth",
			"3.12.0", `"client": {"base_url": "http://api.example.test/v1/", ` + basic + `}, "request": {"url": "http://api.example.test/x"}`,
			"sent GET /x | " + host + " | " + acc + " | " + ae + " | " + ua("3.12.0") + " | Authorization: Basic am9objphZG1pbg== | body="},
		{"a header value that is not a str is refused when the headers are written",
			"3.8.3", `"request": {` + u + `, "headers": {"X-Foo": null}}`,
			"error TypeError: Cannot serialize non-str key None"},
		{"cookies: one Cookie header after the others, sorted by name, the Cookie header's own merged in",
			"3.8.3", `"client": {"cookies": {"b": "2"}}, "request": {` + u + `, "headers": {"Cookie": "h=1"}, "cookies": {"a": "1"}}`,
			"sent GET /v1/users | " + host + " | " + acc + " | " + ae + " | " + ua("3.8.3") + " | Cookie: a=1; b=2; h=1 | body="},
		{"params: yarl quotes with space as '+' and keeps '/' and '?'",
			"3.8.3", `"request": {` + u + `, "params": {"q": "a b/c?&"}}`,
			"sent GET /v1/users?q=a+b/c?%26 | " + host + " | " + acc + " | " + ae + " | " + ua("3.8.3") + " | body="},
		{"a str body is a UTF-8 StringPayload with text/plain; charset=utf-8",
			"3.8.3", `"request": {"method": "POST", ` + u + `, "body": "hé"}`,
			"sent POST /v1/users | " + host + " | " + acc + " | " + ae + " | " + ua("3.8.3") + " | Content-Length: 3 | Content-Type: text/plain; charset=utf-8 | body=hé"},
		{"before 3.10.9 the session's headers are hashed as proxy headers: a list value is unhashable",
			"3.10.8", `"client": {"headers": {"X-Multi": ["a", "b"]}}, "request": {` + u + `, "headers": {"x-multi": "c"}}`,
			"error TypeError: unhashable type: 'list'"},
		{"3.10.9 prepares proxy headers only with a proxy: the request's value replaces the list",
			"3.10.9", `"client": {"headers": {"X-Multi": ["a", "b"]}}, "request": {` + u + `, "headers": {"x-multi": "c"}}`,
			"sent GET /v1/users | " + host + " | x-multi: c | " + acc + " | " + ae + " | " + ua("3.10.9") + " | body="},
		{"3.12.2 sends Content-Length: 0 on a POST without a body (3.12.1, yanked for not sending it, is refused)",
			"3.12.2", `"request": {"method": "POST", ` + u + `}`,
			"sent POST /v1/users | " + host + " | " + acc + " | " + ae + " | " + ua("3.12.2") + " | Content-Length: 0 | Content-Type: application/octet-stream | body="},
		{"3.11: a bare origin's path is '/', so it is a valid base_url",
			"3.11.0", `"client": {"base_url": "http://api.example.test"}, "request": {"url": "users"}`,
			"sent GET /users | " + host + " | " + acc + " | " + ae + " | " + ua("3.11.0") + " | body="},
		{"3.12: a protocol-relative URL is absolute to yarl but has no scheme, so no port: AssertionError",
			"3.14.5", `"client": {"base_url": "http://api.example.test/v1/"}, "request": {"url": "//other.test/x"}`,
			"error AssertionError: "},
		{"3.10: a scheme other than http, https, ws and wss is refused",
			"3.14.5", `"request": {"url": "ftp://h.test/x"}`,
			"error NonHttpUrlClientError: ftp://h.test/x"},
	}
	for _, tt := range tests {
		res := libtest.Resolve(t, testRegistry, "aiohttp@"+tt.version, tt.members)
		if got := libtest.Describe(res); got != tt.want {
			t.Errorf("%s\n got: %s\nwant: %s", tt.reason, got, tt.want)
		}
		libtest.CheckTrace(t, res)
	}
}

func TestAiohttpAuthDeprecation(t *testing.T) {
	res := libtest.Resolve(t, testRegistry, "aiohttp@3.14.0", `"client": {"auth": {"username": "u", "password": "p"}}, "request": {"url": "http://h.test/"}`)
	found := false
	for _, w := range res.Warnings {
		found = found || contains(w, "DeprecationWarning: The 'auth' parameter is deprecated")
	}
	if !found {
		t.Errorf("aiohttp 3.14.0 warns on ClientSession(auth=) (PR #12499); warnings: %q", res.Warnings)
	}
	res = libtest.Resolve(t, testRegistry, "aiohttp@3.13.5", `"client": {"auth": {"username": "u", "password": "p"}}, "request": {"url": "http://h.test/"}`)
	for _, w := range res.Warnings {
		if contains(w, "DeprecationWarning") {
			t.Errorf("aiohttp 3.13.5 does not deprecate auth=; warning: %q", w)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// aiohttp's most surprising rule: from 3.12 an absolute URL may leave base_url, but the
// session's auth does not follow it.
func Example() {
	sc := `{"mergeplay": 1, "library": "aiohttp@3.14.5",
	  "client": {"base_url": "http://api.example.test/v1/", "auth": {"username": "john", "password": "admin"}},
	  "request": {"url": "http://uploads.example.test/f"}}`
	res := resolve(sc)
	fmt.Println(libtest.Wire(res))
	// Output:
	// GET /f | Host: uploads.example.test | Accept: */* | Accept-Encoding: gzip, deflate | User-Agent: Python/3.11 aiohttp/3.14.5
}
