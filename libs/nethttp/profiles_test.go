package nethttp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mergeplay/mergeplay/libs/libtest"
	"github.com/mergeplay/mergeplay/merge"
)

func testCase(t *testing.T, library, members string) (string, *merge.Result) {
	t.Helper()
	res := libtest.Resolve(t, testRegistry, library, members)
	return libtest.Describe(res), res
}

func testCheckTrace(t *testing.T, res *merge.Result) { t.Helper(); libtest.CheckTrace(t, res) }

const (
	wantHost = "Host: api.example.test"
	wantUA   = "User-Agent: Go-http-client/1.1"
	wantAE   = "Accept-Encoding: gzip"
)

func TestNetHTTPProfile(t *testing.T) {
	const u = `"url": "http://api.example.test/v1/users"`
	tests := []struct {
		reason  string
		members string
		want    string
	}{
		{
			reason:  "no client defaults: Host, the default User-Agent and the transport's gzip",
			members: `"request": {` + u + `}`,
			want:    "sent GET /v1/users | " + wantHost + " | " + wantUA + " | " + wantAE + " | body=",
		},
		{
			reason:  "http.Client has no default headers, so client.headers cannot be expressed",
			members: `"client": {"headers": {"X-A": "1"}}, "request": {` + u + `}`,
			want:    "unsupported net/http has no client-level headers: http.Client has only Transport, CheckRedirect, Jar and Timeout",
		},
		{
			reason:  "the header map is written sorted by canonical name, between Content-Length and Accept-Encoding",
			members: `"request": {"method": "POST", ` + u + `, "headers": {"x-z": "1", "X-A": "2", "content-type": "text/csv"}, "body": "a,b"}`,
			want:    "sent POST /v1/users | " + wantHost + " | " + wantUA + " | Content-Length: 3 | Content-Type: text/csv | X-A: 2 | X-Z: 1 | " + wantAE + " | body=a,b",
		},
		{
			reason:  "an empty User-Agent suppresses the default; an empty Accept-Encoding does not stop gzip (two lines)",
			members: `"request": {` + u + `, "headers": {"User-Agent": "", "Accept-Encoding": ""}}`,
			want:    "sent GET /v1/users | " + wantHost + " | Accept-Encoding:  | " + wantAE + " | body=",
		},
		{
			reason:  "only the first User-Agent value is written (Header.Get), on the second line",
			members: `"request": {` + u + `, "headers": {"User-Agent": ["a", "b"]}}`,
			want:    "sent GET /v1/users | " + wantHost + " | User-Agent: a | " + wantAE + " | body=",
		},
		{
			reason:  "a Host header in the map is never written: Request.Host comes from the URL",
			members: `"request": {` + u + `, "headers": {"Host": "other.test", "Content-Length": "99"}}`,
			want:    "sent GET /v1/users | " + wantHost + " | " + wantUA + " | " + wantAE + " | body=",
		},
		{
			reason:  "request cookies first, then the jar's, appended to a Cookie header; a space quotes the value, non-ASCII bytes are dropped",
			members: `"client": {"cookies": {"j": "é x"}}, "request": {` + u + `, "headers": {"Cookie": "h=1"}, "cookies": {"a": "1"}}`,
			want:    "sent GET /v1/users | " + wantHost + " | " + wantUA + " | Cookie: h=1; a=1; j=\" x\" | " + wantAE + " | body=",
		},
		{
			reason:  "SetBasicAuth replaces an Authorization header; URL userinfo is then not used",
			members: `"request": {"url": "http://uu:pp@api.example.test/", "headers": {"Authorization": "Bearer h"}, "auth": {"username": "john", "password": "admin"}}`,
			want:    "sent GET / | " + wantHost + " | " + wantUA + " | Authorization: Basic am9objphZG1pbg== | " + wantAE + " | body=",
		},
		{
			reason:  "an empty Authorization header lets URL userinfo in (the check is Header.Get == \"\")",
			members: `"request": {"url": "http://uu:pp@api.example.test/", "headers": {"Authorization": ""}}`,
			want:    "sent GET / | " + wantHost + " | " + wantUA + " | Authorization: Basic dXU6cHA= | " + wantAE + " | body=",
		},
		{
			reason:  "POST without a body still sends Content-Length: 0; lower-case post does not (the method check is exact)",
			members: `"request": {"method": "post", ` + u + `, "body": ""}`,
			want:    "sent post /v1/users | " + wantHost + " | " + wantUA + " | " + wantAE + " | body=",
		},
		{
			reason:  "a control byte in a header value fails in the transport, wrapped by Client.Do",
			members: `"request": {` + u + `, "headers": {"X-A": "a\u0001b"}}`,
			want:    `error errors.errorString: Get "http://api.example.test/v1/users": net/http: invalid header field value for "X-A"`,
		},
		{
			reason:  "the password is masked in the wrapped error",
			members: `"request": {"url": "ftp://u:secret@h.test/x"}`,
			want:    `error errors.errorString: Get "ftp://u:***@h.test/x": unsupported protocol scheme "ftp"`,
		},
		{
			reason:  "NewRequest returns url.Parse's error unwrapped by Client.Do",
			members: `"request": {"url": "http://h.test/%zz"}`,
			want:    `error url.EscapeError: parse "http://h.test/%zz": invalid URL escape "%zz"`,
		},
		{
			reason:  "a non-ASCII host goes out as Punycode",
			members: `"request": {"url": "http://bücher.example:81/x"}`,
			want:    "sent GET /x | Host: xn--bcher-kva.example:81 | " + wantUA + " | " + wantAE + " | body=",
		},
		{
			reason:  "Go has no numbers as header values",
			members: `"request": {` + u + `, "headers": {"X-N": 1}}`,
			want:    `unsupported request.headers["X-N"]: Go takes only strings here (no conversion of a number)`,
		},
	}
	for _, tt := range tests {
		got, res := testCase(t, "net/http@1.26.8", tt.members)
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s\nresolve(%s) mismatch (-want +got):\n%s", tt.reason, tt.members, d)
		}
		testCheckTrace(t, res)
	}
}

func ExampleProfiles() {
	sc, _ := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "net/http@1.26.8",
		"request": {"url": "http://h.test/", "headers": {"accept-encoding": ""}}}`), "")
	res, _ := testRegistry.Resolve(sc)
	for _, h := range res.Request.Headers {
		fmt.Printf("%s: %q\n", h[0], h[1])
	}
	// Output:
	// Host: "h.test"
	// User-Agent: "Go-http-client/1.1"
	// Accept-Encoding: ""
	// Accept-Encoding: "gzip"
}

// TestNetHTTPGo127 checks go1.27 is covered: go1.27.3 recorded every case as
// go1.26.8 did, User-Agent included.
func TestNetHTTPGo127(t *testing.T) {
	const sc = `"request": {"method": "POST", "url": "http://api.example.test/v1/ping", "body": ""}`
	want, _ := testCase(t, "net/http@1.26.8", sc)
	got, _ := testCase(t, "net/http@1.27.3", sc)
	if got != want || !strings.Contains(got, "User-Agent: Go-http-client/1.1") {
		t.Errorf("net/http@1.27.3 = %q, want %q (as go1.26.8)", got, want)
	}
}
