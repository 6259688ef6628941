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
