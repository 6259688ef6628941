package fetch

import (
	"strings"
	"testing"
)

func TestFetchProfile(t *testing.T) {
	tests := []struct {
		reason   string
		scenario string
		want     string
	}{
		{
			reason:   "request headers replace every client header (new Request(req, {headers}))",
			scenario: `"client": {"base_url": "http://h.test/v1/", "headers": {"X-A": "1"}}, "request": {"url": "u", "headers": {"X-B": "2"}}`,
			want:     "GET /v1/u | host: h.test | connection: keep-alive | X-B: 2 | accept: */*",
		},
		{
			reason:   "a request with only a body keeps the client headers and gets a text/plain content-type",
			scenario: `"client": {"base_url": "http://h.test/v1/", "headers": {"X-A": "1"}}, "request": {"method": "POST", "url": "u", "body": "hi"}`,
			want:     "X-A: 1 | content-type: text/plain;charset=UTF-8 | accept: */* | accept-language: * | sec-fetch-mode: cors | user-agent: node | accept-encoding: gzip, deflate | content-length: 2",
		},
		{
			reason:   "two spellings of one name are combined under the first spelling",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-Dup": "a", "x-dup": "b"}}`,
			want:     "X-Dup: a, b",
		},
		{
			reason:   "header values are ByteStrings: null and undefined become text",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-N": null, "X-U": {"$undefined": true}}}`,
			want:     "X-N: null | X-U: undefined",
		},
		{
			reason:   "a character above U+00FF cannot be a ByteString",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-C": "a☕"}}`,
			want:     "error: TypeError: Cannot convert argument to a ByteString because the character at index 1 has a value of 9749 which is greater than 255.",
		},
		{
			reason:   "'patch' is not normalised, and has no default content-length",
			scenario: `"request": {"method": "patch", "url": "http://h.test/"}`,
			want:     "patch / | host: h.test | connection: keep-alive | accept: */*",
		},
		{
			reason:   "HEAD closes the connection (undici resets after HEAD)",
			scenario: `"request": {"method": "HEAD", "url": "http://h.test/"}`,
			want:     "HEAD / | host: h.test | connection: close",
		},
		{
			reason:   "URL credentials are rejected by the Request constructor",
			scenario: `"request": {"url": "http://u:p@h.test/"}`,
			want:     "error: TypeError: Request cannot be constructed from a URL that includes credentials: http://u:p@h.test/",
		},
		{
			reason:   "TRACE is a forbidden method",
			scenario: `"request": {"method": "trace", "url": "http://h.test/"}`,
			want:     "error: TypeError: 'trace' HTTP method is unsupported.",
		},
		{
			reason:   "a transfer-encoding header is rejected by undici's dispatcher, so fetch fails",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "headers": {"Transfer-Encoding": "chunked"}, "body": "x"}`,
			want:     "error: TypeError: fetch failed",
		},
		{
			reason:   "auth has no fetch binding",
			scenario: `"request": {"url": "http://h.test/", "auth": {"username": "u", "password": "p"}}`,
			want:     "unsupported: fetch has no auth option.",
		},
	}
	for _, tc := range tests {
		got := testWire(testResolve(t, "fetch@20.20.2", tc.scenario))
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s\n got  %s\n want %s", tc.reason, got, tc.want)
		}
	}
}

// TestFetchVersions holds the version facts to what each Node release was recorded sending
// (make record-all, and these scenarios run through conformance/runners/js on the same Nodes).
func TestFetchVersions(t *testing.T) {
	const (
		baseTwo = `"client": {"base_url": "http://api.example.test/v1/", "headers": {"X-B": "2", "X-A": "1"}}, "request": {"url": "x"}`
		postTwo = `"client": {"headers": {"X-B": "2", "X-A": "1"}}, "request": {"url": "http://api.example.test/x", "method": "POST", "body": "hi"}`
		ctPost  = `"client": {"headers": {"Content-Type": "text/plain"}}, "request": {"method": "POST", "url": "http://api.example.test/v1/users", "body": "hello"}`
	)
	tests := []struct {
		version, reason, scenario, want string
	}{
		{"20.8.0", "before undici 5.26.1 the default user-agent is undici", `"request": {"url": "http://api.example.test/"}`,
			"GET / | host: api.example.test | connection: keep-alive | accept: */* | accept-language: * | sec-fetch-mode: cors | user-agent: undici | accept-encoding: gzip, deflate"},
		{"20.8.1", "from undici 5.26.1 it is node", `"request": {"url": "http://api.example.test/"}`, "user-agent: node"},
		{"20.8.1", "the 5.26.3 bundle has no class names, so new Request(req, init) drops every client header", ctPost,
			"POST /v1/users | host: api.example.test | connection: keep-alive | content-type: text/plain;charset=UTF-8 | accept: */*"},
		{"20.9.0", "Node 20.9.0 carries the same bundle", postTwo, "POST /x | host: api.example.test | connection: keep-alive | content-type: text/plain;charset=UTF-8 | accept: */*"},
		{"20.10.0", "new Request(url, defaults) copies the headers lower-cased and sorted", baseTwo, "keep-alive | x-a: 1 | x-b: 2 | accept: */*"},
		{"20.11.1", "the init copy sorts too (Node 20.11.1 reports undici 5.28.3 but bundles the older step 32)", postTwo, "keep-alive | x-a: 1 | x-b: 2 | content-type: text/plain;charset=UTF-8"},
		{"20.10.0", "a client Content-Type survives the init copy, lower-cased", ctPost, "keep-alive | content-type: text/plain | accept: */*"},
		{"20.12.1", "undici #2454: the init copy is lower-cased in list order", postTwo, "keep-alive | x-b: 2 | x-a: 1 | content-type: text/plain;charset=UTF-8"},
		{"20.12.1", "the defaults copy still sorts", baseTwo, "keep-alive | x-a: 1 | x-b: 2 | accept: */*"},
		{"22.1.0", "Node 22 before 22.3.0 copies as 20.12.1 does", postTwo, "keep-alive | x-b: 2 | x-a: 1 | content-type: text/plain;charset=UTF-8"},
		{"22.3.0", "undici #3160 and #3183 keep spelling and order", baseTwo, "keep-alive | X-B: 2 | X-A: 1 | accept: */*"},
		{"20.16.0", "so does Node 20.16.0", postTwo, "keep-alive | X-B: 2 | X-A: 1 | content-type: text/plain;charset=UTF-8"},
		{"24.22.3", "Node 24 is covered and sends what Node 20.20.2 sends", ctPost, "keep-alive | Content-Type: text/plain | accept: */*"},
	}
	for _, tc := range tests {
		got := testWire(testResolve(t, "fetch@"+tc.version, tc.scenario))
		if !strings.Contains(got, tc.want) {
			t.Errorf("fetch@%s: %s\n got  %s\n want %s", tc.version, tc.reason, got, tc.want)
		}
	}
}
