package superagent

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/libs/libtest"
	"github.com/mergeplay/mergeplay/merge"
)

// superagentCases are checked against the profiles here and, by TestCasesRecorded's
// companion run (conformance/runners/js, the real superagent on Node 20.20.2), were seen to
// send or raise exactly this.
var superagentCases = []struct {
	version, reason, scenario, want string
}{
	{"10.4.2", "a request header set over the agent's, in another casing, moves to the end under the request's spelling (10.4.2 set)",
		`"client": {"headers": {"X-A": "1", "X-B": "2"}}, "request": {"url": "http://h.test/", "headers": {"x-a": "9"}}`,
		"GET / | X-B: 2 | x-a: 9 | Host: h.test"},
	{"10.4.1", "before 10.4.2 it keeps the agent's position",
		`"client": {"headers": {"X-A": "1", "X-B": "2"}}, "request": {"url": "http://h.test/", "headers": {"x-a": "9"}}`,
		"GET / | x-a: 9 | X-B: 2 | Host: h.test"},
	{"10.3.0", "before 10.4.0 Host and Accept-Encoding come first",
		`"client": {"headers": {"X-A": "1"}}, "request": {"url": "http://h.test/"}`,
		"GET / | Host: h.test | Accept-Encoding: gzip, deflate | X-A: 1 | Connection: close"},
	{"10.3.0", "client params merge by key under the request's (10.2.2+)",
		`"client": {"params": {"a": "1", "b": "2"}}, "request": {"url": "http://h.test/?q=0", "params": {"b": "9"}}`,
		"GET /?q=0&a=1&b=9 |"},
	{"10.2.1", "before 10.2.2 the agent's query() is the QUERY method: new URL('') throws",
		`"client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/"}`, "error: TypeError: Invalid URL"},
	{"9.0.1", "and on 9.0.0–9.0.1 (url.parse) the client params are dropped",
		`"client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/", "params": {"b": "2"}}`, "GET /?b=2 |"},
	{"10.4.2", "a string sent as json is a form body (send(string))",
		`"request": {"method": "POST", "url": "http://h.test/", "json": "a=1"}`,
		"Content-Type: application/x-www-form-urlencoded | Host: h.test | Accept-Encoding: gzip, deflate | Content-Length: 3 | Connection: close | body=a=1"},
	{"10.1.0", "from 10.1.0 the form serializer repeats a list's key and writes null as the key alone",
		`"client": {"headers": {"Content-Type": "application/x-www-form-urlencoded"}}, "request": {"method": "POST", "url": "http://h.test/", "json": {"a": ["1", "2"], "n": null}}`,
		"body=a=1&a=2&n"},
	{"10.0.2", "before it qs's defaults index the list and write null as 'n='",
		`"client": {"headers": {"Content-Type": "application/x-www-form-urlencoded"}}, "request": {"method": "POST", "url": "http://h.test/", "json": {"a": ["1", "2"], "n": null}}`,
		"body=a%5B0%5D=1&a%5B1%5D=2&n="},
	{"10.4.2", "an object under a Content-Type with no serializer reaches Buffer.byteLength",
		`"request": {"method": "POST", "url": "http://h.test/", "headers": {"Content-Type": "text/csv"}, "json": ["a"]}`,
		"error: TypeError: The \"string\" argument must be of type string or an instance of Buffer or ArrayBuffer. Received an instance of Array"},
	{"10.4.2", "application/csp-report is JSON from 10.4.0",
		`"request": {"method": "POST", "url": "http://h.test/", "headers": {"Content-Type": "application/csp-report"}, "json": {"a": 1}}`,
		`Content-Length: 7 | Connection: close | body={"a":1}`},
	{"10.3.0", "before 10.4.0 it has no serializer",
		`"request": {"method": "POST", "url": "http://h.test/", "headers": {"Content-Type": "application/csp-report"}, "json": {"a": 1}}`,
		"error: TypeError: The \"string\" argument must be of type string or an instance of Buffer or ArrayBuffer. Received an instance of Object"},
	{"10.4.2", "an undefined agent header the request sets again is not an error: the value is replaced before Node sees it",
		`"client": {"headers": {"X-A": {"$undefined": true}}}, "request": {"url": "http://h.test/", "headers": {"X-A": "1"}}`,
		"GET / | X-A: 1 | Host: h.test"},
	{"10.4.2", "a user Host header replaces Node's",
		`"request": {"url": "http://h.test/", "headers": {"host": "o.test"}}`, "GET / | host: o.test | Accept-Encoding: gzip, deflate | Connection: close"},
	{"10.4.2", "the request's bearer auth replaces the agent's basic",
		`"client": {"auth": {"username": "u", "password": "p"}}, "request": {"url": "http://h.test/", "auth": {"bearer": "t"}}`,
		"GET / | Authorization: Bearer t | Host: h.test"},
	{"10.4.2", "auth(null) does not turn the agent's auth off: it sends Basic base64('null:')",
		`"client": {"auth": {"username": "u", "password": "p"}}, "request": {"url": "http://h.test/", "auth": null}`,
		"GET / | Authorization: Basic bnVsbDo= | Host: h.test"},
	{"10.4.2", "an unknown method has no agent function", `"request": {"method": "FETCH", "url": "http://h.test/"}`,
		"unsupported: superagent's agent has no fetch() method (one per Node http.METHODS name but QUERY)."},
	{"10.4.2", "PROPFIND is one of Node's methods, with Content-Length: 0 for no body",
		`"request": {"method": "propfind", "url": "http://h.test/"}`, "PROPFIND / | Host: h.test | Accept-Encoding: gzip, deflate | Connection: close | Content-Length: 0"},
	{"10.4.2", "base_url has no superagent option", `"client": {"base_url": "http://h.test/"}, "request": {"url": "x"}`,
		"unsupported: superagent has no base URL option (the superagent-prefix plugin is a separate package)."},
}

func TestSuperagentProfile(t *testing.T) {
	for _, tc := range superagentCases {
		res := libtest.Resolve(t, testRegistry, "superagent@"+tc.version, tc.scenario)
		libtest.CheckTrace(t, res)
		if got := libtest.Wire(res); !strings.Contains(got, tc.want) {
			t.Errorf("superagent@%s: %s\n got  %s\n want %s", tc.version, tc.reason, got, tc.want)
		}
	}
}

func TestQS(t *testing.T) {
	tests := []struct {
		reason, params, want string
		o                    qsOptions
	}{
		{"RFC 3986: only letters, digits and -._~ stay", `{"k": "a b!*'()~"}`, "k=a%20b%21%2A%27%28%29~", qsOptions{repeat: true, strictNull: true}},
		{"integer-like keys go first; undefined is skipped", `{"b": "1", "2": "x", "u": {"$undefined": true}}`, "2=x&b=1", qsOptions{repeat: true, strictNull: true}},
		{"qs's defaults index lists", `{"a": ["1", "2"]}`, "a%5B0%5D=1&a%5B1%5D=2", qsOptions{}},
	}
	for _, tc := range tests {
		sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "superagent@10.4.2", "request": {"url": "http://h.test/", "params": `+tc.params+`}}`), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := qsString(qsPairs(sc.Request.Params, merge.SourceRequest, tc.o)); got != tc.want {
			t.Errorf("qs.stringify(%s) = %q, want %q: %s", tc.params, got, tc.want, tc.reason)
		}
	}
}

func ExampleProfiles() {
	res, _ := testRegistry.Resolve(&merge.Scenario{Library: "superagent@10.4.2",
		Client:  merge.Side{Headers: obj("X-Trace", merge.Value{Kind: merge.String, Text: "a"})},
		Request: merge.Side{URL: merge.Value{Kind: merge.String, Text: "http://api.test/v1/users#top"}, Params: obj("page", merge.Value{Kind: merge.Number, Text: "2"})}})
	fmt.Println(res.Request.Target)
	for _, h := range res.Request.Headers {
		fmt.Println(h[0] + ": " + h[1])
	}
	// Output:
	// /v1/users?page=2
	// X-Trace: a
	// Host: api.test
	// Accept-Encoding: gzip, deflate
	// Connection: close
}

func obj(k string, v merge.Value) merge.Value {
	return merge.Value{Kind: merge.Object, Fields: []merge.Field{{Key: k, Value: v}}}
}
