package axios

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// testWire renders a result as "METHOD target | Name: value | ..." or "error: Type: msg".
func testWire(res *merge.Result) string {
	switch res.Outcome {
	case merge.OutcomeError:
		return "error: " + res.Error.Type + ": " + res.Error.Message
	case merge.OutcomeUnsupported:
		return "unsupported: " + res.Reason
	}
	parts := []string{res.Request.Method + " " + res.Request.Target}
	for _, h := range res.Request.Headers {
		parts = append(parts, h[0]+": "+h[1])
	}
	if res.Request.Body != "" {
		parts = append(parts, "body="+res.Request.Body)
	}
	return strings.Join(parts, " | ")
}

func testResolve(t *testing.T, library, members string) *merge.Result {
	t.Helper()
	sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "`+library+`", `+members+`}`), "")
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	res, err := testRegistry.Resolve(sc)
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}
	return res
}

func TestAxiosProfiles(t *testing.T) {
	const auth = `"client": {"auth": {"username": "john", "password": "admin"}}`
	tests := []struct {
		reason   string
		library  string
		scenario string
		want     string // substring of the wire summary
		absent   string // must not appear
	}{
		{
			reason:   "auth: null on the request disables the client's Basic auth (mergeConfig takes the request's null)",
			library:  "axios@1.21.1",
			scenario: auth + `, "request": {"url": "http://h.test/", "auth": null}`,
			want:     "GET / | Accept: application/json, text/plain, */* | User-Agent: axios/1.21.1",
			absent:   "Authorization",
		},
		{
			reason:   "auth: undefined inherits the client's auth",
			library:  "axios@0.27.2",
			scenario: auth + `, "request": {"url": "http://h.test/", "auth": {"$undefined": true}}`,
			want:     "Host: h.test | Authorization: Basic am9objphZG1pbg== | Connection: keep-alive",
		},
		{
			reason:   "a partial request auth is deep-merged over the client's",
			library:  "axios@1.21.1",
			scenario: auth + `, "request": {"url": "http://h.test/", "auth": {"username": "x"}}`,
			want:     "Authorization: Basic eDphZG1pbg==",
		},
		{
			reason:   "1.x: a null header suppresses the library default User-Agent",
			library:  "axios@1.21.1",
			scenario: `"request": {"url": "http://h.test/", "headers": {"User-Agent": null}}`,
			absent:   "User-Agent",
			want:     "Accept-Encoding: gzip, compress, deflate, br | Host: h.test",
		},
		{
			reason:   "0.x: a null header is sent as the string null",
			library:  "axios@0.27.2",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-Foo": null}}`,
			want:     "X-Foo: null | User-Agent: axios/0.27.2",
		},
		{
			reason:   "0.x: an undefined header makes Node's setHeader throw",
			library:  "axios@0.27.2",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-Foo": {"$undefined": true}}}`,
			want:     `error: TypeError: Invalid value "undefined" for header "X-Foo"`,
		},
		{
			reason:   "1.x keeps the instance spelling of a header overridden in another casing",
			library:  "axios@1.21.1",
			scenario: `"client": {"headers": {"X-Foo": "a"}}, "request": {"url": "http://h.test/", "headers": {"x-foo": "b"}}`,
			want:     "X-Foo: b",
		},
		{
			reason:   "integer-like header names come first, as in any JS object",
			library:  "axios@1.21.1",
			scenario: `"request": {"url": "http://h.test/", "headers": {"X-A": "1", "10": "x", "2": "y"}}`,
			want:     "GET / | 2: y | 10: x | Accept: application/json, text/plain, */* | X-A: 1",
		},
		{
			reason:   "allowAbsoluteUrls: false concatenates an absolute url under baseURL (1.x)",
			library:  "axios@1.21.1",
			scenario: `"client": {"base_url": "http://h.test/v1/", "allowAbsoluteUrls": false}, "request": {"url": "http://o.test/x"}`,
			want:     "GET /v1/http://o.test/x",
		},
		{
			reason:   "0.x url.parse keeps dot segments and brackets in params",
			library:  "axios@0.27.2",
			scenario: `"client": {"base_url": "http://h.test/v1/"}, "request": {"url": "../up", "params": {"t": ["a"]}}`,
			want:     "GET /v1/../up?t[]=a",
		},
		{
			reason:   "a JSON number is neither an object nor a string: the adapter rejects it",
			library:  "axios@1.21.1",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "json": 42}`,
			want:     "error: AxiosError: Data after transformation must be a string, an ArrayBuffer, a Buffer, or a Stream",
		},
		{
			reason:   "json with an application/json Content-Type: a number is JSON.stringify'd",
			library:  "axios@1.21.1",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "headers": {"Content-Type": "application/json"}, "json": 42}`,
			want:     "Content-Length: 2",
		},
		{
			reason:   "a json object with a urlencoded Content-Type is sent as a form (1.x)",
			library:  "axios@1.21.1",
			scenario: `"request": {"method": "POST", "url": "http://h.test/", "headers": {"Content-Type": "application/x-www-form-urlencoded"}, "json": {"a": "x y", "b": [1, 2]}}`,
			want:     "body=a=x+y&b%5B%5D=1&b%5B%5D=2",
		},
		{
			reason:   "string params cannot be serialised by toFormData (1.x)",
			library:  "axios@1.21.1",
			scenario: `"request": {"url": "http://h.test/", "params": "a=1"}`,
			want:     "error: AxiosError: target must be an object",
		},
		{
			reason:   "cookies have no axios binding",
			library:  "axios@1.21.1",
			scenario: `"request": {"url": "http://h.test/", "cookies": {"a": "1"}}`,
			want:     "unsupported: axios has no cookies option",
		},
		{
			reason:   "a version inside the 1.x range resolves to the 1.x profile",
			library:  "axios@1.21.9",
			scenario: `"request": {"url": "http://h.test/"}`,
			want:     "User-Agent: axios/1.21.9",
		},
	}
	for _, tc := range tests {
		res := testResolve(t, tc.library, tc.scenario)
		got := testWire(res)
		if tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("%s: %s\n got  %s\n want %s", tc.library, tc.reason, got, tc.want)
		}
		if tc.absent != "" && strings.Contains(got, tc.absent) {
			t.Errorf("%s: %s\n got  %s\n must not contain %s", tc.library, tc.reason, got, tc.absent)
		}
	}
}

func TestAxiosTraceCoversWire(t *testing.T) {
	res := testResolve(t, "axios@1.21.1", `"client": {"base_url": "http://h.test/v1/", "headers": {"X-C": "1"}, "params": {"a": "1"}, "auth": {"username": "u", "password": "p"}}, "request": {"method": "POST", "url": "users", "json": {"k": 1}}`)
	if res.Outcome != merge.OutcomeSent {
		t.Fatalf("outcome %s", res.Outcome)
	}
	explained := map[string]bool{}
	for _, st := range res.Trace {
		explained[st.Field] = true
		if st.Rule == "" || st.Cite == "" {
			t.Errorf("trace step %+v has no rule or citation", st)
		}
	}
	for _, h := range res.Request.Headers {
		if !explained[merge.FieldName(h[0])] {
			t.Errorf("header %s is not explained", h[0])
		}
	}
	for _, f := range []string{"url", "body", "query.a", "method"} {
		if !explained[f] {
			t.Errorf("%s is not explained", f)
		}
	}
}
