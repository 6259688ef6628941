package got

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// TestGotProfiles checks the got rules that differ between 14 and 16 and from
// other libraries; each case says why it matters.
func TestGotProfiles(t *testing.T) {
	tests := []struct {
		reason   string
		library  string
		scenario string   // client and request members
		want     string   // request-target, or "error: Type: msg", or "unsupported"
		headers  []string // exact wire header lines "Name: value" in order (nil to skip)
	}{
		{
			reason:   "got 14: username/password overwrite an explicit authorization header in place (_makeRequest assigns headers.authorization)",
			library:  "got@14.6.6",
			scenario: `"client": {"headers": {"Authorization": "Bearer hdr"}, "auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/"}`,
			want:     "/",
			headers: []string{"user-agent: got (https://github.com/sindresorhus/got)", "authorization: Basic am9objphZG1pbg==",
				"accept-encoding: gzip, deflate, br", "Host: h.test", "Connection: keep-alive"},
		},
		{
			reason:   "got 16: an explicit authorization header wins over credentials",
			library:  "got@16.1.0",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "headers": {"Authorization": "Bearer hdr"}}`,
			want:     "/",
			headers: []string{"user-agent: got (https://github.com/sindresorhus/got)", "authorization: Bearer hdr",
				"accept-encoding: gzip, deflate, br, zstd", "Host: h.test", "Connection: keep-alive"},
		},
		{
			reason:   "got 16: authorization: undefined is the per-request way to drop the client's credentials",
			library:  "got@16.1.0",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "headers": {"Authorization": {"$undefined": true}}}`,
			want:     "/",
			headers: []string{"user-agent: got (https://github.com/sindresorhus/got)", "accept-encoding: gzip, deflate, br, zstd",
				"Host: h.test", "Connection: keep-alive"},
		},
		{
			reason:   "got 14: authorization: undefined is deleted, then the credentials are appended anyway",
			library:  "got@14.6.6",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "headers": {"Authorization": {"$undefined": true}}}`,
			want:     "/",
			headers: []string{"user-agent: got (https://github.com/sindresorhus/got)", "accept-encoding: gzip, deflate, br",
				"authorization: Basic am9objphZG1pbg==", "Host: h.test", "Connection: keep-alive"},
		},
		{
			reason:   "auth: null reaches the username setter, which asserts a string (no way to null credentials)",
			library:  "got@16.1.0",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "auth": null}`,
			want:     "error: RequestError: Expected value which is `string`, received value of type `null`.",
		},
		{
			reason:   "a header set to null throws at request time, even from the client",
			library:  "got@14.6.6",
			scenario: `"client": {"headers": {"X-Foo": null}}, "request": {"url": "http://h.test/"}`,
			want:     "error: RequestError: Use `undefined` instead of `null` to delete the `x-foo` header",
		},
		{
			reason:   "searchParams keys replace the client's and move to the end; the URL's own query is discarded",
			library:  "got@14.6.6",
			scenario: `"client": {"params": {"a": "1", "b": "x"}}, "request": {"url": "http://h.test/u?a=0", "params": {"a": "2"}}`,
			want:     "/u?b=x&a=2",
		},
		{
			reason:   "got 14 ignores a request-level searchParams: undefined; 16 resets (resettableByUndefined)",
			library:  "got@14.6.6",
			scenario: `"client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/u", "params": {"$undefined": true}}`,
			want:     "/u?a=1",
		},
		{
			reason:   "got 16 resets searchParams on undefined",
			library:  "got@16.1.0",
			scenario: `"client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/u", "params": {"$undefined": true}}`,
			want:     "/u",
		},
		{
			reason:   "an empty searchParams still clears the URL's own query (url.search = '')",
			library:  "got@16.1.0",
			scenario: `"request": {"url": "http://h.test/u?q=0", "params": {}}`,
			want:     "/u",
		},
		{
			reason:   "prefixUrl: a url starting with '/' throws",
			library:  "got@14.6.6",
			scenario: `"client": {"base_url": "http://h.test/v1"}, "request": {"url": "/users"}`,
			want:     "error: RequestError: `url` must not start with a slash",
		},
		{
			reason:   "the url is set in a finally, so its error wins over a merge error",
			library:  "got@16.1.0",
			scenario: `"request": {"url": "/x", "params": {"a": [1]}}`,
			want:     "error: RequestError: `url` must not start with a slash",
		},
		{
			reason:   "got 14 keeps a prefixUrl query and concatenates after it; 16 rejects it in got.extend (TypeError)",
			library:  "got@14.6.6",
			scenario: `"client": {"base_url": "http://h.test/v1/?key=k"}, "request": {"url": "users"}`,
			want:     "/v1/?key=k/users",
		},
		{
			reason:   "got 16 rejects a prefixUrl with a query at extend time",
			library:  "got@16.1.0",
			scenario: `"client": {"base_url": "http://h.test/v1/?key=k"}, "request": {"url": "users"}`,
			want:     "error: TypeError: The `prefixUrl` option must not contain a query string or a fragment",
		},
		{
			reason:   "14.6.1 treats any 'scheme:' as absolute (fixed in 14.6.2), so 'a:b' is not joined onto the prefix",
			library:  "got@14.6.1",
			scenario: `"client": {"base_url": "http://h.test/v1/"}, "request": {"url": "a:b"}`,
			want:     "error: RequestError: Unsupported protocol: a:",
		},
		{
			reason:   "14.6.2+ needs 'scheme://' for an absolute URL, so 'a:b' is a path under the prefix",
			library:  "got@14.6.6",
			scenario: `"client": {"base_url": "http://h.test/v1/"}, "request": {"url": "a:b"}`,
			want:     "/v1/a:b",
		},
		{
			reason:   "the 14.6.0 npm dist was built without commit 9725fbd1: an absolute url is still concatenated onto prefixUrl",
			library:  "got@14.6.0",
			scenario: `"client": {"base_url": "http://h.test/v1/"}, "request": {"url": "http://other.test/x"}`,
			want:     "/v1/http://other.test/x",
		},
		{
			reason:   "14.0-14.5 do not name the option in validation errors (wrapAssertionWithContext is 14.6.0)",
			library:  "got@14.5.0",
			scenario: `"request": {"url": "http://h.test/", "params": {"tag": ["a"]}}`,
			want:     "error: RequestError: Expected values which are `string`, `number`, `boolean`, `null`, or `undefined`. Received values of type `Array`.",
		},
		{
			reason:   "got 12/13 use @sindresorhus/is 4/5, whose assert.any names no types",
			library:  "got@13.0.0",
			scenario: `"request": {"url": "http://h.test/", "params": null}`,
			want:     "error: RequestError: Expected value which is `predicate returns truthy for any value`, received values of types `null`.",
		},
		{
			reason:   "got 12: merge() hands undefined to the searchParams setter, which resets the client's params (13.0.0 skips undefined, PR #2258)",
			library:  "got@12.6.1",
			scenario: `"client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/u", "params": {"$undefined": true}}`,
			want:     "/u",
		},
		{
			reason:   "got 12: auth: undefined reaches the username setter, which asserts a string",
			library:  "got@12.6.1",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "auth": {"$undefined": true}}`,
			want:     "error: RequestError: Expected value which is `string`, received value of type `undefined`.",
		},
		{
			reason:   "got before 12.0.3 asserts that json is an object (PR #2015 took any value)",
			library:  "got@12.0.2",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "json": 1}`,
			want:     "error: RequestError: Expected value which is `predicate returns truthy for any value`, received values of types `number`.",
		},
		{
			reason:   "got 12.0.3 sends a JSON primitive",
			library:  "got@12.0.3",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "json": 1}`,
			want:     "/",
		},
		{
			reason:   "got 12 enables UNIX sockets by default, which the engine does not model",
			library:  "got@12.6.1",
			scenario: `"request": {"url": "http://unix:/tmp/s.sock:/x"}`,
			want:     "unsupported",
		},
		{
			reason:   "got 15.0.0-15.0.1: authorization: undefined is deleted and the credentials are appended anyway (as in 14)",
			library:  "got@15.0.1",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "headers": {"Authorization": {"$undefined": true}}}`,
			want:     "/",
			headers: []string{"user-agent: got (https://github.com/sindresorhus/got)", "accept-encoding: gzip, deflate, br, zstd",
				"authorization: Basic am9objphZG1pbg==", "Host: h.test", "Connection: keep-alive"},
		},
		{
			reason:   "got 15.0.2 omits the credentials for authorization: undefined (commit c5ce415c)",
			library:  "got@15.0.2",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "headers": {"Authorization": {"$undefined": true}}}`,
			want:     "/",
			headers: []string{"user-agent: got (https://github.com/sindresorhus/got)", "accept-encoding: gzip, deflate, br, zstd",
				"Host: h.test", "Connection: keep-alive"},
		},
		{
			reason:   "got 15.0.2: credentials still overwrite an explicit authorization header",
			library:  "got@15.0.2",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "headers": {"Authorization": "Bearer hdr"}}`,
			want:     "/",
			headers: []string{"user-agent: got (https://github.com/sindresorhus/got)", "authorization: Basic am9objphZG1pbg==",
				"accept-encoding: gzip, deflate, br, zstd", "Host: h.test", "Connection: keep-alive"},
		},
		{
			reason:   "got 15.0.3: an explicit authorization header wins (commit b03e6f95)",
			library:  "got@15.0.3",
			scenario: `"client": {"auth": {"username": "john", "password": "admin"}}, "request": {"url": "http://h.test/", "headers": {"Authorization": "Bearer hdr"}}`,
			want:     "/",
			headers: []string{"user-agent: got (https://github.com/sindresorhus/got)", "authorization: Bearer hdr",
				"accept-encoding: gzip, deflate, br, zstd", "Host: h.test", "Connection: keep-alive"},
		},
		{
			reason:   "got 16.0.0 still accepts a prefixUrl with a query (the check is 16.1.0)",
			library:  "got@16.0.0",
			scenario: `"client": {"base_url": "http://h.test/v1/?key=k"}, "request": {"url": "users"}`,
			want:     "/v1/?key=k/users",
		},
		{
			reason:   "got 16.0.0 skips a request-level searchParams: undefined (resettableByUndefined is 16.1.0)",
			library:  "got@16.0.0",
			scenario: `"client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/u", "params": {"$undefined": true}}`,
			want:     "/u?a=1",
		},
		{
			reason:   "got 15.1.0 brought allowAbsoluteUrls (#2462): false rejects an absolute url when prefixUrl is set",
			library:  "got@15.1.0",
			scenario: `"client": {"base_url": "http://h.test/v1/", "allowAbsoluteUrls": false}, "request": {"url": "http://other.test/x"}`,
			want:     "error: RequestError: The `url` option must be relative when `allowAbsoluteUrls` is false and `prefixUrl` is set",
		},
		{
			reason:   "got 15.0.7 has no allowAbsoluteUrls option: the runner binds none",
			library:  "got@15.0.7",
			scenario: `"client": {"base_url": "http://h.test/v1/", "allowAbsoluteUrls": false}, "request": {"url": "http://other.test/x"}`,
			want:     "unsupported",
		},
		{
			reason:   "got 16: allowAbsoluteUrls: false rejects an absolute url when prefixUrl is set",
			library:  "got@16.1.0",
			scenario: `"client": {"base_url": "http://h.test/v1/", "allowAbsoluteUrls": false}, "request": {"url": "http://other.test/x"}`,
			want:     "error: RequestError: The `url` option must be relative when `allowAbsoluteUrls` is false and `prefixUrl` is set",
		},
		{
			reason:   "got 14: content-type null with json is not a string, so json replaces it; 16 keeps null and raises",
			library:  "got@14.6.6",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "headers": {"Content-Type": null}, "json": {"a": 1}}`,
			want:     "/",
			headers: []string{"user-agent: got (https://github.com/sindresorhus/got)", "content-type: application/json", "content-length: 7",
				"accept-encoding: gzip, deflate, br", "Host: h.test", "Connection: keep-alive"},
		},
		{
			reason:   "Node adds Content-Length: 0 to a body-less POST, after Host and Connection",
			library:  "got@16.1.0",
			scenario: `"request": {"method": "post", "url": "http://h.test/"}`,
			want:     "/",
			headers: []string{"user-agent: got (https://github.com/sindresorhus/got)", "accept-encoding: gzip, deflate, br, zstd",
				"Host: h.test", "Connection: keep-alive", "Content-Length: 0"},
		},
		{
			reason:   "array header values become repeated lines; integer-like names come first (JS key order)",
			library:  "got@14.6.6",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-M": ["a", "b"], "10": "x"}}`,
			want:     "/",
			headers: []string{"10: x", "user-agent: got (https://github.com/sindresorhus/got)", "x-m: a", "x-m: b",
				"accept-encoding: gzip, deflate, br", "Host: h.test", "Connection: keep-alive"},
		},
		{
			reason:   "got has no bearer option: the runner reports unsupported",
			library:  "got@16.1.0",
			scenario: `"request": {"url": "http://h.test/", "auth": {"bearer": "t"}}`,
			want:     "unsupported",
		},
	}
	for _, tc := range tests {
		if tc.reason == "" {
			t.Fatalf("case without a reason: %s", tc.scenario)
		}
		doc := `{"mergeplay": 1, "library": "` + tc.library + `", ` + tc.scenario + `}`
		sc, err := merge.ParseScenario([]byte(doc), "")
		if err != nil {
			t.Fatalf("%s: %v", tc.reason, err)
		}
		res, err := testRegistry.Resolve(sc)
		if err != nil {
			t.Fatalf("%s: %v", tc.reason, err)
		}
		var got string
		switch res.Outcome {
		case merge.OutcomeSent:
			got = res.Request.Target
		case merge.OutcomeError:
			got = "error: " + res.Error.Type + ": " + res.Error.Message
		default:
			got = res.Outcome
		}
		if got != tc.want {
			t.Errorf("%s\nresolve(%s) = %q, want %q", tc.reason, tc.library, got, tc.want)
			continue
		}
		if tc.headers != nil {
			var lines []string
			for _, h := range res.Request.Headers {
				lines = append(lines, h[0]+": "+h[1])
			}
			if strings.Join(lines, "\n") != strings.Join(tc.headers, "\n") {
				t.Errorf("%s\nheaders (%s):\n%s\nwant:\n%s", tc.reason, tc.library, strings.Join(lines, "\n"), strings.Join(tc.headers, "\n"))
			}
		}
	}
}

// TestGotTraceCoversWire: every header on the wire, the URL, the body and
// every query parameter get a trace step.
func TestGotTraceCoversWire(t *testing.T) {
	doc := `{"mergeplay": 1, "library": "got@16.1.0",
	 "client": {"base_url": "http://h.test/v1/", "headers": {"X-A": "1"}, "params": {"a": "1", "b": "x"}, "auth": {"username": "u", "password": "p"}},
	 "request": {"method": "POST", "url": "users?q=0", "headers": {"x-a": "2"}, "params": {"a": "2"}, "json": {"k": 1}}}`
	sc, err := merge.ParseScenario([]byte(doc), "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := testRegistry.Resolve(sc)
	if err != nil || res.Outcome != merge.OutcomeSent {
		t.Fatalf("resolve: %v %+v", err, res)
	}
	seen := map[string]bool{}
	for _, st := range res.Trace {
		seen[st.Field] = true
	}
	need := []string{"url", "body", "query.a", "query.b"}
	for _, h := range res.Request.Headers {
		need = append(need, merge.FieldName(h[0]))
	}
	for _, f := range need {
		if !seen[f] {
			t.Errorf("no trace step for %s", f)
		}
	}
}
