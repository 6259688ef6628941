package ky

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/undici"
)

// TestKyProfiles checks the ky rules that differ most between the majors and
// from other libraries; each case says why it matters.
func TestKyProfiles(t *testing.T) {
	tests := []struct {
		reason   string
		library  string
		scenario string // client and request members
		target   string // request-target, or "error: Type: msg"
		header   string // "name: value" that must be on the wire ("" to skip), or "!name" that must not
	}{
		{
			reason:   "ky 2 spreads plain-object headers case-sensitively, so two spellings are combined (RULES 4.2)",
			library:  "ky@2.1.0",
			scenario: `"client": {"headers": {"X-Foo": "a"}}, "request": {"url": "http://h.test/", "headers": {"x-foo": "b"}}`,
			target:   "/", header: "x-foo: a, b",
		},
		{
			reason:   "ky 1 merges through Headers objects: the request value replaces the client value case-insensitively",
			library:  "ky@1.14.3",
			scenario: `"client": {"headers": {"X-Foo": "a"}}, "request": {"url": "http://h.test/", "headers": {"x-foo": "b"}}`,
			target:   "/", header: "x-foo: b",
		},
		{
			reason:   "ky 1: a request undefined of another spelling still removes the client header",
			library:  "ky@1.14.3",
			scenario: `"client": {"headers": {"X-Foo": "a"}}, "request": {"url": "http://h.test/", "headers": {"x-foo": {"$undefined": true}}}`,
			target:   "/", header: "!x-foo",
		},
		{
			reason:   "ky 2: undefined removes only the same spelling",
			library:  "ky@2.1.0",
			scenario: `"client": {"headers": {"X-Foo": "a"}}, "request": {"url": "http://h.test/", "headers": {"x-foo": {"$undefined": true}}}`,
			target:   "/", header: "x-foo: a",
		},
		{
			reason:   "ky >=1.12 accumulates searchParams instead of replacing the key (PR #755)",
			library:  "ky@1.12.0",
			scenario: `"client": {"params": {"a": "1", "b": "x"}}, "request": {"url": "http://h.test/u", "params": {"a": "2"}}`,
			target:   "/u?a=1&b=x&a=2",
		},
		{
			reason:   "ky before 1.12 deep-merges searchParams: the request's key replaces the client's in place",
			library:  "ky@1.11.0",
			scenario: `"client": {"params": {"a": "1", "b": "x"}}, "request": {"url": "http://h.test/u", "params": {"a": "2"}}`,
			target:   "/u?a=2&b=x",
		},
		{
			reason:   "ky before 1.12: deepMerge concatenates array values",
			library:  "ky@1.8.2",
			scenario: `"client": {"params": {"c": [1, 2]}}, "request": {"url": "http://h.test/u", "params": {"c": [9]}}`,
			target:   "/u?c=1%2C2%2C9",
		},
		{
			reason:   "ky before 1.10 sends an undefined param as the string 'undefined' (PR #729 drops it)",
			library:  "ky@1.9.1",
			scenario: `"request": {"url": "http://h.test/u", "params": {"a": {"$undefined": true}, "b": "1"}}`,
			target:   "/u?a=undefined&b=1",
		},
		{
			reason:   "ky 1.10-1.11 drop an undefined param",
			library:  "ky@1.10.0",
			scenario: `"request": {"url": "http://h.test/u", "params": {"a": {"$undefined": true}, "b": "1"}}`,
			target:   "/u?b=1",
		},
		{
			reason:   "ky before 1.9 tests searchParams for truthiness, so {} still replaces the URL's query with '?'",
			library:  "ky@1.8.2",
			scenario: `"request": {"url": "http://h.test/u?q=0", "params": {}}`,
			target:   "/u",
		},
		{
			reason:   "ky 1.9-1.11: a request searchParams null replaces the client's and hasSearchParameters throws on it",
			library:  "ky@1.9.0",
			scenario: `"client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/u", "params": null}`,
			target:   "error: TypeError: Cannot convert undefined or null to object",
		},
		{
			reason:   "ky 0.33.0 cannot send on Node 18+: request.duplex has only a getter",
			library:  "ky@0.33.0",
			scenario: `"request": {"url": "http://h.test/u"}`,
			target:   "error: TypeError: Cannot set property duplex of #<_Request> which has only a getter",
		},
		{
			reason:   "ky 1 replaces the URL's own query with searchParams",
			library:  "ky@1.14.3",
			scenario: `"request": {"url": "http://h.test/u?a=0#f", "params": {"a": "2"}}`,
			target:   "/u?a=2",
		},
		{
			reason:   "ky 2 appends to the URL's query and re-serializes it (a bare key gains '=')",
			library:  "ky@2.1.0",
			scenario: `"request": {"url": "http://h.test/u?z&a=0", "params": {"a": "2"}}`,
			target:   "/u?z=&a=0&a=2",
		},
		{
			reason:   "ky 2: an undefined param deletes the key from the URL's own query",
			library:  "ky@2.1.0",
			scenario: `"client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/u?a=0&b=1", "params": {"a": {"$undefined": true}}}`,
			target:   "/u?b=1",
		},
		{
			reason:   "ky 1 prefixUrl rejects an input with a leading slash",
			library:  "ky@1.14.3",
			scenario: `"client": {"base_url": "http://h.test/api"}, "request": {"url": "/users"}`,
			target:   "error: Error: `input` must not begin with a slash when using `prefixUrl`",
		},
		{
			reason:   "ky 2 baseUrl resolves like new URL(): a leading slash goes to the origin root",
			library:  "ky@2.1.0",
			scenario: `"client": {"base_url": "http://h.test/api/"}, "request": {"url": "/users"}`,
			target:   "/users",
		},
		{
			reason:   "ky 2 prefix trims slashes and joins; then baseUrl resolution applies to the joined input",
			library:  "ky@2.1.0",
			scenario: `"client": {"base_url": "http://h.test/", "prefix": "/api/"}, "request": {"url": "/users"}`,
			target:   "/api/users",
		},
		{
			reason:   "a null input fails on input.headers before anything else",
			library:  "ky@2.1.0",
			scenario: `"request": {"url": null}`,
			target:   "error: TypeError: Cannot read properties of null (reading 'headers')",
		},
		{
			reason:   "request headers: null reaches new Headers(null), a WebIDL TypeError",
			library:  "ky@1.14.3",
			scenario: `"client": {"headers": {"X-A": "1"}}, "request": {"url": "http://h.test/", "headers": null}`,
			target:   "error: TypeError: " + undici.InitError,
		},
		{
			reason:   "undici's HTTP/1.1 writer fails on a content-length that is not the body's (recorded with ky 1.14.3 on Node 20.20.2: TypeError: fetch failed)",
			library:  "ky@1.14.3",
			scenario: `"request": {"url": "http://h.test/", "method": "POST", "body": "abc", "headers": {"Content-Length": "9"}}`,
			target:   "error: TypeError: fetch failed",
		},
		{
			reason:   "undici's HTTP/1.1 writer fails on a connection header other than close or keep-alive (recorded with ky 1.14.3 on Node 20.20.2)",
			library:  "ky@2.1.0",
			scenario: `"request": {"url": "http://h.test/", "headers": {"Connection": "bogus"}}`,
			target:   "error: TypeError: fetch failed",
		},
		{
			reason:   "undici joins two spellings of cookie with '; ' (recorded with ky 1.14.3 on Node 20.20.2: cookie: a=1; b=2)",
			library:  "ky@1.14.3",
			scenario: `"client": {"headers": {"Cookie": "a=1", "cookie": "b=2"}}, "request": {"url": "http://h.test/"}`,
			target:   "/", header: "cookie: a=1; b=2",
		},
		{
			reason:   "undici's HTTP/1.1 writer refuses an expect header (recorded with ky 1.14.3 on Node 20.20.2: TypeError: fetch failed)",
			library:  "ky@1.14.3",
			scenario: `"request": {"url": "http://h.test/", "method": "POST", "headers": {"expect": "a"}}`,
			target:   "error: TypeError: fetch failed",
		},
		{
			reason:   "a header named context inside both header objects hits deepMerge's context check (1.13.0+)",
			library:  "ky@1.14.3",
			scenario: `"client": {"headers": {"X-A": "1"}}, "request": {"url": "http://h.test/", "headers": {"context": "x"}}`,
			target:   "error: TypeError: The `context` option must be an object",
		},
		{
			reason:   "before 1.13.0 the context key had no special case",
			library:  "ky@1.12.0",
			scenario: `"client": {"headers": {"X-A": "1"}}, "request": {"url": "http://h.test/", "headers": {"context": "x"}}`,
			target:   "/", header: "context: x",
		},
		{
			reason:   "undici's default accept-encoding puts br first for https",
			library:  "ky@2.1.0",
			scenario: `"request": {"url": "https://h.test/"}`,
			target:   "/", header: "accept-encoding: br, gzip, deflate",
		},
		{
			reason:   "integer-like header names come first in a JS object, then sort: the wire is sorted anyway",
			library:  "ky@1.14.3",
			scenario: `"request": {"url": "http://h.test/", "headers": {"x-b": "1", "10": "2"}}`,
			target:   "/", header: "10: 2",
		},
		{
			reason:   "json key order follows JS own-property order: integer-like keys first",
			library:  "ky@2.1.0",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "json": {"b": 1, "2": 2}}`,
			target:   "/", header: "content-length: 13",
		},
		{
			reason:   "a non-Latin-1 header value fails WebIDL ByteString conversion",
			library:  "ky@2.1.0",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-A": "a☕"}}`,
			target:   "error: TypeError: Cannot convert argument to a ByteString because the character at index 1 has a value of 9749 which is greater than 255.",
		},
	}
	for _, tt := range tests {
		sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "`+tt.library+`", `+tt.scenario+`}`), "")
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		res, err := testRegistry.Resolve(sc)
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		if strings.HasPrefix(tt.target, "error: ") {
			if res.Error == nil || "error: "+res.Error.Type+": "+res.Error.Message != tt.target {
				t.Errorf("resolve(%s) = %s %+v %s, want %s\nreason: %s", tt.library, res.Outcome, res.Error, res.Reason, tt.target, tt.reason)
			}
			continue
		}
		if res.Request == nil {
			t.Errorf("resolve(%s) = %s %+v %s, want target %s\nreason: %s", tt.library, res.Outcome, res.Error, res.Reason, tt.target, tt.reason)
			continue
		}
		if res.Request.Target != tt.target {
			t.Errorf("resolve(%s) target = %q, want %q\nreason: %s", tt.library, res.Request.Target, tt.target, tt.reason)
		}
		var lines []string
		for _, h := range res.Request.Headers {
			lines = append(lines, h[0]+": "+h[1])
		}
		all := "\n" + strings.Join(lines, "\n") + "\n"
		switch {
		case tt.header == "":
		case strings.HasPrefix(tt.header, "!"):
			if strings.Contains(all, "\n"+tt.header[1:]+":") {
				t.Errorf("resolve(%s) sends %s:\n%s\nreason: %s", tt.library, tt.header[1:], all, tt.reason)
			}
		case !strings.Contains(all, "\n"+tt.header+"\n"):
			t.Errorf("resolve(%s) headers lack %q:\n%s\nreason: %s", tt.library, tt.header, all, tt.reason)
		}
	}
}
