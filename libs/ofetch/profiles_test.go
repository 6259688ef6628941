package ofetch

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// Each case was also run through conformance/runners/js on the release named (the real
// ofetch on Node 20.20.2), which sent or raised exactly this.
func TestOfetchProfile(t *testing.T) {
	const (
		nullHeaders = `"client": {"base_url": "http://h.test/v1/", "headers": {"X-A": "1"}, "params": {"a": "1"}}, "request": {"url": "u", "headers": null, "params": null}`
		form        = `"client": {"base_url": "http://h.test/v1/", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, "request": {"method": "POST", "url": "u", "json": {"a": 1, "b": "x y"}}`
		buffer      = `"request": {"method": "POST", "url": "http://h.test/", "json": {"buffer": 1, "a": 2}}`
		emptyCT     = `"request": {"method": "POST", "url": "http://h.test/", "headers": {"content-type": ""}, "json": {"a": 1}}`
	)
	tests := []struct {
		version, reason, scenario, want string
	}{
		{"1.5.1", "header values are ByteStrings: null and undefined are sent as text", `"request": {"url": "http://h.test/", "headers": {"X-N": null, "X-U": {"$undefined": true}}}`,
			"X-N: null | X-U: undefined"},
		{"1.5.1", "request headers are set over the client's under lower-case names, in the client's position",
			`"client": {"base_url": "http://h.test/", "headers": {"X-A": "1", "X-B": "2"}}, "request": {"url": "u", "headers": {"X-B": "9"}}`,
			"keep-alive | X-A: 1 | x-b: 9 | accept: */*"},
		{"1.0.1", "before 1.1.0 the request's headers replace the client's whole object",
			`"client": {"base_url": "http://h.test/", "headers": {"X-A": "1", "X-B": "2"}}, "request": {"url": "u", "headers": {"X-B": "9"}}`,
			"keep-alive | X-B: 9 | accept: */*"},
		{"1.5.1", "a params key replaces the URL's own value of that key, in the URL's position", `"request": {"url": "http://h.test/?a=1&b=2", "params": {"a": "9"}}`,
			"GET /?a=9&b=2 |"},
		{"1.5.1", "withBase joins strings: a base with a query keeps it, the path lands after it", `"client": {"base_url": "http://h.test/v1/?key=k"}, "request": {"url": "users"}`,
			"GET /v1/?key=k/users |"},
		{"1.5.1", "a URL that already starts with the base is not joined again", `"client": {"base_url": "http://h.test/v1"}, "request": {"url": "http://h.test/v1x"}`,
			"GET /v1x |"},
		{"1.5.1", "a string body on POST is JSON-serializable, so it is labelled application/json", `"request": {"method": "POST", "url": "http://h.test/", "body": "hello"}`,
			"content-type: application/json | accept: application/json"},
		{"1.5.1", "a falsy json body (false) is not processed: fetch sends it as text/plain", `"request": {"method": "POST", "url": "http://h.test/", "json": false}`,
			"content-type: text/plain;charset=UTF-8 | accept: */* | accept-language: * | sec-fetch-mode: cors | user-agent: node | accept-encoding: gzip, deflate | content-length: 5 | body=false"},
		{"1.5.1", "method is upper-cased from 1.2.0, so patch gets PATCH's content-length", `"request": {"method": "patch", "url": "http://h.test/"}`, "PATCH / |"},
		{"1.1.1", "fetch upper-cases the six standard methods in any case (undici normalizeMethod)", `"request": {"method": "Delete", "url": "http://h.test/"}`, "DELETE / |"},
		{"1.1.1", "before 1.2.0 fetch keeps 'patch' as given", `"request": {"method": "patch", "url": "http://h.test/"}`, "patch / |"},
		{"1.5.1", "a null request headers keeps the client's (1.4.0+)", nullHeaders, "GET /v1/u?a=1 | host: h.test | connection: keep-alive | X-A: 1 |"},
		{"1.3.4", "before 1.4.0 a null request headers reaches fetch and fails", nullHeaders,
			`error: FetchError: [GET] "http://h.test/v1/u": <no response> Headers constructor: Argument 1 could not be converted`},
		{"1.0.1", "1.0.1 to 1.2.1 append the URL in parentheses", nullHeaders, "could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>. (http://h.test/v1/u)"},
		{"1.0.0", "1.0.0 appends empty parentheses", `"request": {"url": "users"}`, "error: FetchError: Failed to parse URL from users ()"},
		// Run against ofetch@1.5.1 on Node 20.20.2 and the echo server: each rejects with this FetchError.
		{"1.5.1", "a header undici refuses to write is fetch's TypeError, rejected as a FetchError", `"request": {"method": "POST", "url": "http://h.test/", "headers": {"Connection": "bogus"}, "body": "ab"}`,
			`error: FetchError: [POST] "http://h.test/": <no response> fetch failed`},
		{"1.5.1", "a negative content-length fails the same way", `"request": {"method": "POST", "url": "http://h.test/", "headers": {"Content-Length": "-5"}, "body": "ab"}`,
			`error: FetchError: [POST] "http://h.test/": <no response> fetch failed`},
		{"1.5.1", "1.5.0+: application/x-www-form-urlencoded serializes the body with URLSearchParams", form, "content-length: 9 | body=a=1&b=x+y"},
		{"1.4.1", "before 1.5.0 it is JSON under the form content-type", form, `body={"a":1,"b":"x y"}`},
		{"1.5.1", "1.3.0+: an object with a truthy .buffer is not JSON-encoded", buffer, "content-type: text/plain;charset=UTF-8 | accept: */*"},
		{"1.0.1", "before 1.3.0 it is", buffer, `body={"buffer":1,"a":2}`},
		{"1.5.1", "1.5.0+: an empty content-type counts as none (get)", emptyCT, "content-type: application/json | accept: application/json"},
		{"1.4.1", "before 1.5.0 it is kept (has)", emptyCT, "content-type:  | accept: application/json"},
		{"1.5.1", "a string params option spreads into one key per character", `"client": {"base_url": "http://h.test/", "params": {"a": "1"}}, "request": {"url": "u", "params": "xy"}`,
			"GET /u?0=x&1=y&a=1 |"},
		{"1.5.1", "a lone surrogate in a param fails ufo's encodeURI, unwrapped", `"request": {"url": "http://h.test/", "params": {"q": "\ud800"}}`, "error: URIError: URI malformed"},
		{"1.5.1", "a header outside ByteString fails new Headers() in resolveFetchOptions, unwrapped", `"request": {"url": "http://h.test/", "headers": {"X-C": "a☕"}}`,
			"error: TypeError: Cannot convert argument to a ByteString because the character at index 1 has a value of 9749 which is greater than 255."},
		{"1.5.1", "auth has no ofetch option", `"request": {"url": "http://h.test/", "auth": {"username": "u", "password": "p"}}`, "unsupported: ofetch has no auth option."},
	}
	for _, tc := range tests {
		got := testWire(testResolve(t, "ofetch@"+tc.version, tc.scenario))
		if !strings.Contains(got, tc.want) {
			t.Errorf("ofetch@%s: %s\n got  %s\n want %s", tc.version, tc.reason, got, tc.want)
		}
	}
}

func TestUfo(t *testing.T) {
	tests := []struct {
		reason, input, base, want string
	}{
		{"the base's trailing slash is dropped, the URL's leading one too", "/users", "http://h.test/v1/", "http://h.test/v1/users"},
		{"an empty URL leaves the base without its slash", "", "http://h.test/v1/", "http://h.test/v1"},
		{"'./' is removed, '../' is not", "./a/../b", "http://h.test/v1", "http://h.test/v1/a/../b"},
		{"an absolute URL is kept", "https://o.test/x", "http://h.test/v1", "https://o.test/x"},
		{"a protocol-relative URL is not absolute to withBase", "//o.test/x", "http://h.test/v1", "http://h.test/v1//o.test/x"},
		{"a base of '/' is empty", "x", "/", "x"},
	}
	for _, tc := range tests {
		if got, _ := withBase(tc.input, tc.base); got != tc.want {
			t.Errorf("withBase(%q, %q) = %q, want %q: %s", tc.input, tc.base, got, tc.want, tc.reason)
		}
	}
	q := []queryItem{{"b", merge.Value{Kind: merge.Null}, merge.SourceRequest}, {"1", merge.Value{Kind: merge.String, Text: "a b+c"}, merge.SourceRequest}}
	if got, _, _ := withQuery("http://h.test/p?=x&b=2#f", q); got != "http://h.test/p?1=a+b%2Bc&x&b#f" {
		t.Errorf("withQuery: got %q: '=x' parses as the key x, null gives a bare key, integer keys go first, the fragment stays", got)
	}
}

func ExampleProfiles() {
	res, _ := testRegistry.Resolve(&merge.Scenario{Library: "ofetch@1.5.1",
		Client:  merge.Side{BaseURL: merge.Value{Kind: merge.String, Text: "http://api.test/v1/"}, Headers: obj("X-Token", merge.Value{Kind: merge.Null})},
		Request: merge.Side{URL: merge.Value{Kind: merge.String, Text: "users?page=1"}, Params: obj("page", merge.Value{Kind: merge.Number, Text: "2"})}})
	fmt.Println(res.Request.Target)
	for _, h := range res.Request.Headers[:3] {
		fmt.Println(h[0] + ": " + h[1])
	}
	// Output:
	// /v1/users?page=2
	// host: api.test
	// connection: keep-alive
	// X-Token: null
}

func obj(k string, v merge.Value) merge.Value {
	return merge.Value{Kind: merge.Object, Fields: []merge.Field{{Key: k, Value: v}}}
}
