package urllib3

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mergeplay/mergeplay/libs/libtest"
	"github.com/mergeplay/mergeplay/merge"
)

// Every want below is what the real library sent to the echo server or raised
// (conformance/runners/python/run with that release), outside the corpus.
func TestURLlib3Profile(t *testing.T) {
	const (
		host = "Host: h.test | Accept-Encoding: identity"
		ua2  = "User-Agent: python-urllib3/2.8.0"
		ua1  = "User-Agent: python-urllib3/1.26.20"
	)
	tests := []struct {
		reason  string
		library string
		members string
		want    string
	}{
		{
			reason:  "request_encode_body copies a POST's headers into an HTTPHeaderDict: two spellings become two lines under the first",
			library: "urllib3@2.8.0",
			members: `"client": {"headers": {"X-Dup": "a", "x-dup": "b"}}, "request": {"method": "POST", "url": "http://h.test/p", "body": "x"}`,
			want:    "sent POST /p | " + host + " | Content-Length: 1 | " + ua2 + " | X-Dup: a | X-Dup: b | body=x",
		},
		{
			reason:  "1.26 copies them into a plain dict: both spellings are sent as given, User-Agent last",
			library: "urllib3@1.26.20",
			members: `"client": {"headers": {"X-Dup": "a", "x-dup": "b"}}, "request": {"method": "POST", "url": "http://h.test/p", "body": "x"}`,
			want:    "sent POST /p | " + host + " | Content-Length: 1 | X-Dup: a | x-dup: b | " + ua1 + " | body=x",
		},
		{
			reason:  "2.2.0 alone casts every request's headers to HTTPHeaderDict, GET included: a later spelling joins the first entry",
			library: "urllib3@2.2.0",
			members: `"request": {"url": "http://h.test/p", "headers": {"X-A": "1", "Y": "2", "x-a": "3"}}`,
			want:    "sent GET /p | " + host + " | User-Agent: python-urllib3/2.2.0 | X-A: 1 | X-A: 3 | Y: 2 | body=",
		},
		{
			reason:  "json= with the pool's headers: a merged copy gets Content-Type last",
			library: "urllib3@2.8.0",
			members: `"client": {"headers": {"X-A": "1", "x-a": "2"}}, "request": {"method": "POST", "url": "http://h.test/p", "json": {"a": 1}}`,
			want:    "sent POST /p | " + host + " | Content-Length: 7 | " + ua2 + " | X-A: 1 | X-A: 2 | Content-Type: application/json | body={\"a\":1}",
		},
		{
			reason:  "json= and body= together are refused by request()",
			library: "urllib3@2.8.0",
			members: `"request": {"method": "POST", "url": "http://h.test/p", "json": {"a": 1}, "body": "x"}`,
			want:    "error TypeError: request got values for both 'body' and 'json' parameters which are mutually exclusive",
		},
		{
			reason:  "fields go after a second '?', a list as its str(); the server sees x=1?a=b c",
			library: "urllib3@2.8.0",
			members: `"request": {"url": "http://h.test/p?x=1", "params": {"a": "b c", "t": ["1", "2"]}}`,
			want:    "sent GET /p?x=1?a=b+c&t=%5B%271%27%2C+%272%27%5D | " + host + " | " + ua2 + " | body=",
		},
		{
			reason:  "empty fields on a POST make no body: Content-Length 0 as for no body",
			library: "urllib3@2.8.0",
			members: `"request": {"method": "POST", "url": "http://h.test/p", "params": {}}`,
			want:    "sent POST /p | " + host + " | Content-Length: 0 | " + ua2 + " | body=",
		},
		{
			reason:  "putheader sends only str and int: a float raises re's TypeError",
			library: "urllib3@2.8.0",
			members: `"request": {"url": "http://h.test/p", "headers": {"X-F": 1.5}}`,
			want:    "error TypeError: expected string or bytes-like object, got 'float'",
		},
		{
			reason:  "a Host header of the request replaces putrequest's, at the request's position",
			library: "urllib3@2.8.0",
			members: `"request": {"url": "http://h.test/p", "headers": {"X-A": "1", "Host": "o.test"}}`,
			want:    "sent GET /p | Accept-Encoding: identity | " + ua2 + " | X-A: 1 | Host: o.test | body=",
		},
		{
			reason:  "the pool has no ftp: connection_from_context raises URLSchemeUnknown",
			library: "urllib3@1.26.20",
			members: `"request": {"url": "ftp://h.test/p"}`,
			want:    "error URLSchemeUnknown: Not supported URL scheme ftp",
		},
		{
			reason:  "no scheme means http; the fragment is dropped",
			library: "urllib3@2.8.0",
			members: `"request": {"url": "h.test:8080/p#f"}`,
			want:    "sent GET /p | Host: h.test:8080 | Accept-Encoding: identity | " + ua2 + " | body=",
		},
		{
			reason:  "non-empty params on a POST would be a multipart body: unsupported",
			library: "urllib3@2.8.0",
			members: `"request": {"method": "POST", "url": "http://h.test/p", "params": {"a": "1"}}`,
			want:    "unsupported request.params: urllib3 sends fields= of a POST as a multipart body, not a query (only DELETE, GET, HEAD, OPTIONS put them in the URL)",
		},
	}
	for _, tt := range tests {
		res := libtest.Resolve(t, testRegistry, tt.library, tt.members)
		if d := cmp.Diff(tt.want, libtest.Describe(res)); d != "" {
			t.Errorf("%s\nresolve(%s %s) mismatch (-want +got):\n%s", tt.reason, tt.library, tt.members, d)
		}
		libtest.CheckTrace(t, res)
	}
}

// Any headers= of the request, even {}, replaces the pool's headers whole.
func ExampleProfiles() {
	sc, _ := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "urllib3@2.8.0",
		"client": {"headers": {"Authorization": "Bearer t"}},
		"request": {"url": "http://h.test/", "headers": {"X-Trace": "1"}}}`), "")
	res, _ := testRegistry.Resolve(sc)
	for _, h := range res.Request.Headers {
		fmt.Printf("%s: %s\n", h[0], h[1])
	}
	// Output:
	// Host: h.test
	// Accept-Encoding: identity
	// User-Agent: python-urllib3/2.8.0
	// X-Trace: 1
}
