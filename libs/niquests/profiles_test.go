package niquests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/libs/libtest"
	"github.com/mergeplay/mergeplay/merge"
)

func scenario(t *testing.T, lib, client, request string) *merge.Scenario {
	t.Helper()
	sc, err := merge.ParseScenario([]byte(`{"mergeplay":1,"library":"`+lib+`","client":`+client+`,"request":`+request+`}`), "")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func wireHeaders(res *merge.Result) string {
	var parts []string
	for _, h := range res.Request.Headers {
		parts = append(parts, h[0]+": "+h[1])
	}
	return strings.Join(parts, " | ")
}

const defaults = "User-Agent: niquests/3.21.2 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive"

func TestNiquestsProfiles(t *testing.T) {
	tests := []struct {
		reason          string
		lib             string
		client, request string
		outcome         string
		headers         string // exact wire headers when sent
		target          string
		err             string // "Type: message" when outcome is error, the reason when unsupported
	}{
		{
			reason:  "merge_base_url joins strings: a leading / stays under the base's path",
			lib:     "niquests@3.21.2",
			client:  `{"base_url":"http://api.example.test/v1/"}`,
			request: `{"url":"/users"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | " + defaults,
			target:  "/v1/users",
		},
		{
			reason:  "a query in base_url is kept as text, so the path lands after it",
			lib:     "niquests@3.21.2",
			client:  `{"base_url":"http://api.example.test/v1/?key=k"}`,
			request: `{"url":"users"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | " + defaults,
			target:  "/v1/?key=k/users",
		},
		{
			reason:  "an empty URL is the base without its trailing slash",
			lib:     "niquests@3.21.2",
			client:  `{"base_url":"http://api.example.test/v1/"}`,
			request: `{"url":""}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | " + defaults,
			target:  "/v1",
		},
		{
			reason:  "a URL with a scheme is used as given, and the session auth still goes to its host",
			lib:     "niquests@3.21.2",
			client:  `{"base_url":"http://api.example.test/v1/","auth":{"username":"john","password":"admin"}}`,
			request: `{"url":"http://other.test/x"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: other.test | " + defaults + " | Authorization: Basic am9objphZG1pbg==",
			target:  "/x",
		},
		{
			reason:  "base_url came in 3.11.0 (#180): before, the binding cannot express it",
			lib:     "niquests@3.10.3",
			client:  `{"base_url":"http://api.example.test/v1/"}`,
			request: `{"url":"users"}`,
			outcome: merge.OutcomeUnsupported,
			err:     "client.base_url: niquests@3.10.3 has no base_url (Session(base_url=) came in 3.11.0, jawah/niquests#180)",
		},
		{
			reason:  "a str auth is BearerTokenAuth",
			lib:     "niquests@3.21.2",
			client:  `{"auth":{"bearer":"t0ken"}}`,
			request: `{"url":"http://api.example.test/"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | " + defaults + " | Authorization: Bearer t0ken",
			target:  "/",
		},
		{
			reason:  "a token with a space is the whole Authorization value",
			lib:     "niquests@3.21.2",
			client:  `{}`,
			request: `{"url":"http://api.example.test/","auth":{"bearer":"Token t0ken"}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | " + defaults + " | Authorization: Token t0ken",
			target:  "/",
		},
		{
			reason:  "before 3.2.0 a str auth is not callable",
			lib:     "niquests@3.1.4",
			client:  `{"auth":{"bearer":"t0ken"}}`,
			request: `{"url":"http://api.example.test/"}`,
			outcome: merge.OutcomeError,
			err:     "ValueError: Unexpected non-callable authentication. Did you pass unsupported tuple to auth argument?",
		},
		{
			reason:  "Basic credentials are UTF-8, not Latin-1 as in requests",
			lib:     "niquests@3.21.2",
			client:  `{}`,
			request: `{"url":"http://api.example.test/","auth":{"username":"j","password":"pä"}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | " + defaults + " | Authorization: Basic ajpww6Q=",
			target:  "/",
		},
		{
			reason:  "every header name goes out capitalised per dash-separated part",
			lib:     "niquests@3.21.2",
			client:  `{"headers":{"x-api-key":"k","X-TRACE-ID":"t"}}`,
			request: `{"url":"http://api.example.test/","headers":{"content-MD5":"m"}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | " + defaults + " | X-Api-Key: k | X-Trace-Id: t | Content-Md5: m",
			target:  "/",
		},
		{
			reason:  "an int or bool header value becomes str(); a list raises in CaseInsensitiveDict",
			lib:     "niquests@3.21.2",
			client:  `{"headers":{"X-N":7,"X-B":true}}`,
			request: `{"url":"http://api.example.test/"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | " + defaults + " | X-N: 7 | X-B: True",
			target:  "/",
		},
		{
			reason:  "a list header value raises InvalidHeader",
			lib:     "niquests@3.21.2",
			client:  `{}`,
			request: `{"url":"http://api.example.test/","headers":{"X-M":["a","b"]}}`,
			outcome: merge.OutcomeError,
			err:     "InvalidHeader: Illegal header name or value X-M",
		},
		{
			reason:  "urllib3-future puts its User-Agent right after Host when the session's is removed",
			lib:     "niquests@3.21.2",
			client:  `{}`,
			request: `{"url":"http://api.example.test/","headers":{"User-Agent":null}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: urllib3.future/2.25.904 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive",
			target:  "/",
		},
		{
			reason:  "a str body is labelled text/plain; charset=utf-8 by urllib3-future, before the other headers",
			lib:     "niquests@3.21.2",
			client:  `{}`,
			request: `{"method":"POST","url":"http://api.example.test/","body":"héllo"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | Content-Type: text/plain; charset=utf-8 | " + defaults + " | Content-Length: 6",
			target:  "/",
		},
		{
			reason:  "without params, userinfo or % the URL is sent as given: no dot-segment removal",
			lib:     "niquests@3.21.2",
			client:  `{}`,
			request: `{"url":"http://api.example.test/v1/../up"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | " + defaults,
			target:  "/v1/../up",
		},
	}
	for _, tt := range tests {
		sc := scenario(t, tt.lib, tt.client, tt.request)
		res, err := testRegistry.Resolve(sc)
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		if res.Outcome != tt.outcome {
			t.Errorf("%s\n%s outcome %s, want %s (%+v %+v)", tt.reason, tt.lib, res.Outcome, tt.outcome, res.Error, res.Reason)
			continue
		}
		switch tt.outcome {
		case merge.OutcomeSent:
			if got := wireHeaders(res); got != tt.headers {
				t.Errorf("%s\n%s headers:\n got  %s\n want %s", tt.reason, tt.lib, got, tt.headers)
			}
			if res.Request.Target != tt.target {
				t.Errorf("%s\n%s target %q, want %q", tt.reason, tt.lib, res.Request.Target, tt.target)
			}
			libtest.CheckInvariants(t, testRegistry, sc)
		case merge.OutcomeError:
			if got := res.Error.Type + ": " + res.Error.Message; got != tt.err {
				t.Errorf("%s\n%s error:\n got  %s\n want %s", tt.reason, tt.lib, got, tt.err)
			}
		case merge.OutcomeUnsupported:
			if res.Reason != tt.err {
				t.Errorf("%s\n%s reason:\n got  %s\n want %s", tt.reason, tt.lib, res.Reason, tt.err)
			}
		}
	}
}

// TestNiquestsNoPanic puts every value state into every field: each must resolve to an
// outcome, never a panic.
func TestNiquestsNoPanic(t *testing.T) {
	states := []string{`null`, `{"$undefined":true}`, `false`, `true`, `0`, `-0`, `1.5e400`, `""`, `" x"`, `"☕"`, `"a"`, `"/x"`,
		`[]`, `["a",null,2]`, `{}`, `{"k":null}`, `{"k":1}`, `{"k":["a",null]}`, `{"username":"☕","password":null}`, `{"bearer":"a b"}`, `{"bearer":1}`}
	fields := []string{
		"client.base_url", "client.headers", "client.params", "client.cookies", "client.auth",
		"request.method", "request.url", "request.headers", "request.params",
		"request.cookies", "request.auth", "request.json", "request.body", "request.via",
	}
	libtest.CheckEveryState(t, testRegistry, []string{"niquests@3.0.0", "niquests@3.10.3", "niquests@3.21.2"}, fields, states)
}

// ExampleProfiles shows niquests' base_url join: "/users" stays under /v1.
func ExampleProfiles() {
	sc, _ := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "niquests@3.21.2",
		"client": {"base_url": "http://h.test/v1/", "headers": {"x-api-key": "k"}},
		"request": {"url": "/users"}}`), "")
	res, _ := testRegistry.Resolve(sc)
	fmt.Println(res.Request.Method, res.Request.Target)
	for _, h := range res.Request.Headers {
		fmt.Printf("%s: %s\n", h[0], h[1])
	}
	// Output:
	// GET /v1/users
	// Host: h.test
	// User-Agent: niquests/3.21.2
	// Accept-Encoding: gzip, deflate
	// Accept: */*
	// Connection: keep-alive
	// X-Api-Key: k
}
