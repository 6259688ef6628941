package gaxios

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// Each case was also run through conformance/runners/js on the releases named (the real gaxios
// on Node 20.20.2, 8.x on Node 22.23.3), which sent or raised exactly this.
func TestGaxiosProfile(t *testing.T) {
	const (
		casing    = `"client": {"base_url": "http://h.test/v1/", "headers": {"X-Foo": "a"}}, "request": {"url": "u", "headers": {"x-foo": "b"}}`
		noSlash   = `"client": {"base_url": "http://h.test/v1"}, "request": {"url": "users"}`
		undef     = `"client": {"base_url": "http://h.test/", "headers": {"X-Foo": "a"}}, "request": {"url": "u", "headers": {"X-Foo": {"$undefined": true}}}`
		listMerge = `"client": {"base_url": "http://h.test/", "params": {"c": ["1", "2"]}}, "request": {"url": "u", "params": {"c": ["9"]}}`
		emptyCT   = `"request": {"method": "POST", "url": "http://h.test/", "headers": {"content-type": ""}, "json": {"a": 1}}`
		ctrl      = `"request": {"url": "http://h.test/", "headers": {"X-A": "a\u0001b"}}`
		formArray = `"client": {"headers": {"Content-Type": "application/x-www-form-urlencoded"}}, "request": {"method": "POST", "url": "http://h.test/", "json": ["a", "b"]}`
		pipe      = `"request": {"url": "http://h.test/a|b?x=^"}`
		getEmpty  = `"request": {"url": "http://h.test/", "body": ""}`
		relative  = `"request": {"url": "users"}`
	)
	tests := []struct {
		version, reason, scenario, want string
	}{
		{"6.7.1", "extend merges headers by exact key: another casing is a second line under the first spelling", casing, "GET /v1/u | X-Foo: a | X-Foo: b | Accept: */*"},
		{"7.3.1", "from 7.0.0 a Headers object: the request's value replaces the client's under the lower-case name", casing, "GET /v1/u | accept: */* | accept-encoding: gzip, deflate, br | user-agent: node-fetch | x-foo: b | Host: h.test"},
		{"6.0.4", "baseURL + url is a string join: no slash is added", noSlash, "GET /v1users |"},
		{"8.3.3", "new URL(url, baseURL) drops the base's last segment", noSlash, "GET /users |"},
		{"6.7.1", "extend skips an undefined header: the client's value stays", undef, "X-Foo: a | Accept"},
		{"7.3.1", "Headers converts undefined to the text 'undefined'", undef, "x-foo: undefined |"},
		{"6.7.1", "params arrays merge index by index, querystring repeats the key", listMerge, "GET /u?c=9&c=2 |"},
		{"8.3.3", "the merged array goes through URLSearchParams as String(array)", listMerge, "GET /u?c=9%2C2 |"},
		{"6.7.1", "an empty content-type is not truthy: gaxios adds Content-Type and node-fetch sends both", emptyCT, "POST / | content-type:  | content-type: application/json | Accept: */* | Content-Length: 7"},
		{"7.3.1", "Headers.has sees the empty content-type, so none is added", emptyCT, "content-length: 7 | content-type:  | user-agent"},
		{"6.0.4", "node-fetch 2 refuses a control character before 6.1.0 as a TypeError", ctrl, "error: TypeError: a\u0001b is not a legal HTTP header value"},
		{"6.7.1", "from 6.1.0 it is wrapped in a GaxiosError (name Error)", ctrl, "error: Error: a\u0001b is not a legal HTTP header value"},
		{"7.3.1", "undici's Headers lets \\x01 through; Node's check in node-fetch 3 refuses it", ctrl, `error: Error: Invalid character in header content ["x-a"]`},
		{"6.7.1", "querystring.stringify of an array body under the form type uses the indexes as keys", formArray, "Content-Length: 7 | User-Agent: node-fetch/1.0 (+https://github.com/bitinn/node-fetch) | Accept-Encoding: gzip,deflate | Host: h.test | Connection: keep-alive | body=0=a&1=b"},
		{"7.3.1", "URLSearchParams refuses a list of strings", formArray, "error: TypeError: Each query pair must be an iterable [name, value] tuple"},
		{"6.7.1", "url.parse escapes what WHATWG serialization leaves in the path and query", pipe, "GET /a%7Cb?x=%5E |"},
		{"7.3.1", "node-fetch 3 sends the WHATWG path and query as they are", pipe, "GET /a|b?x=^ |"},
		{"6.7.1", "an empty string data is falsy: no body, so GET works", getEmpty, "GET / |"},
		{"7.3.1", "an empty string body is not null, so node-fetch 3 refuses it on GET", getEmpty, "error: Error: Request with GET/HEAD method cannot have body"},
		{"6.4.0", "a relative URL without a base reaches node-fetch, which needs an absolute one", relative, "error: Error: Only absolute URLs are supported"},
		{"6.5.0", "from 6.5.0 #urlMayUseProxy parses it first, unwrapped", relative, "error: TypeError: Invalid URL"},
		{"7.3.1", "auth has no gaxios option", `"request": {"url": "http://h.test/", "auth": {"username": "u", "password": "p"}}`, "unsupported: gaxios has no auth option."},
	}
	for _, tc := range tests {
		got := testWire(testResolve(t, "gaxios@"+tc.version, tc.scenario))
		if !strings.Contains(got, tc.want) {
			t.Errorf("gaxios@%s: %s\n got  %s\n want %s", tc.version, tc.reason, got, tc.want)
		}
	}
}

func TestQuerystringEscape(t *testing.T) {
	tests := []struct {
		reason, in, want string
		ok               bool
	}{
		{"unreserved characters stay, space is %20", "a b!'()*~", "a%20b!'()*~", true},
		{"a high surrogate joins the next code unit, whatever it is", "a\xed\xa0\x80b", "a%F0%90%81%A2", true},
		{"a surrogate at the end has nothing to join: URIError", "x\xed\xa0\x80", "", false},
		{"a pair is one four-byte sequence", "\U0001F600", "%F0%9F%98%80", true},
	}
	for _, tc := range tests {
		got, ok := qsEscape(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("qsEscape(%q) = %q, %v; want %q, %v: %s", tc.in, got, ok, tc.want, tc.ok, tc.reason)
		}
	}
}

func ExampleProfiles() {
	for _, v := range []string{"6.7.1", "7.0.0"} {
		res, _ := testRegistry.Resolve(&merge.Scenario{Library: "gaxios@" + v,
			Client:  merge.Side{BaseURL: merge.Value{Kind: merge.String, Text: "http://api.test/v1"}},
			Request: merge.Side{URL: merge.Value{Kind: merge.String, Text: "users"}}})
		fmt.Println(v, res.Request.Target)
	}
	// Output:
	// 6.7.1 /v1users
	// 7.0.0 /users
}
