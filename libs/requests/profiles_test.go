package requests

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/libs/libtest"
	"github.com/mergeplay/mergeplay/merge"
)

func resolve(t *testing.T, lib, client, request string) *merge.Result {
	t.Helper()
	doc := `{"mergeplay":1,"library":"` + lib + `","client":` + client + `,"request":` + request + `}`
	sc, err := merge.ParseScenario([]byte(doc), "")
	if err != nil {
		t.Fatalf("%s: %v", doc, err)
	}
	res, err := testRegistry.Resolve(sc)
	if err != nil {
		t.Fatalf("%s: %v", doc, err)
	}
	return res
}

func wireHeaders(res *merge.Result) string {
	if res.Request == nil {
		return ""
	}
	var parts []string
	for _, h := range res.Request.Headers {
		parts = append(parts, h[0]+": "+h[1])
	}
	return strings.Join(parts, " | ")
}

func TestRequestsProfiles(t *testing.T) {
	const url = `"url":"http://api.example.test/v1/users"`
	tests := []struct {
		reason          string
		lib             string
		client, request string
		outcome         string
		headers         string // exact wire headers when sent
		target          string
		body            string
		err             string // "Type: message" when outcome is error
	}{
		{
			reason:  "the motivating case: request auth=None means 'not given' in merge_setting, so the session's Basic auth is still sent",
			lib:     "requests@2.34.2",
			client:  `{"auth":{"username":"john","password":"admin"}}`,
			request: `{` + url + `,"auth":null}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.34.2 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive | Authorization: Basic am9objphZG1pbg==",
			target:  "/v1/users",
		},
		{
			reason:  "the same in the urllib3 1.26 profile",
			lib:     "requests@2.28.1",
			client:  `{"auth":{"username":"john","password":"admin"}}`,
			request: `{` + url + `,"auth":null}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.28.1 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive | Authorization: Basic am9objphZG1pbg==",
			target:  "/v1/users",
		},
		{
			reason:  "auth=False is not None, so it replaces the session auth and, being falsy, sends no Authorization",
			lib:     "requests@2.34.2",
			client:  `{"auth":{"username":"john","password":"admin"}}`,
			request: `{` + url + `,"auth":false}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.34.2 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive",
			target:  "/v1/users",
		},
		{
			reason:  "auth runs after the headers: it overwrites an explicit authorization header in place, with its own spelling",
			lib:     "requests@2.34.2",
			client:  `{"headers":{"authorization":"Bearer x","X-After":"1"}}`,
			request: `{` + url + `,"auth":{"username":"a","password":"b"}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.34.2 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive | Authorization: Basic YTpi | X-After: 1",
			target:  "/v1/users",
		},
		{
			reason:  "urllib3 1.26 appends its own User-Agent after every header when the session's is removed with None",
			lib:     "requests@2.28.1",
			client:  `{}`,
			request: `{` + url + `,"headers":{"User-Agent":null}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive | User-Agent: python-urllib3/1.26.20",
			target:  "/v1/users",
		},
		{
			reason:  "urllib3 2 puts its User-Agent right after Host",
			lib:     "requests@2.34.2",
			client:  `{"headers":{"User-Agent":"c/1"}}`,
			request: `{` + url + `,"headers":{"user-agent":null}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-urllib3/2.8.0 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive",
			target:  "/v1/users",
		},
		{
			reason:  "Accept-Encoding: None makes http.client add Accept-Encoding: identity right after Host",
			lib:     "requests@2.34.2",
			client:  `{}`,
			request: `{` + url + `,"headers":{"Accept-Encoding":null}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | Accept-Encoding: identity | User-Agent: python-requests/2.34.2 | Accept: */* | Connection: keep-alive",
			target:  "/v1/users",
		},
		{
			reason:  "params are appended after the URL's own query; a session key is replaced in place and None removes one",
			lib:     "requests@2.34.2",
			client:  `{"params":{"a":"1","b":"x","c":"3"}}`,
			request: `{"url":"http://api.example.test/v1/users?a=0","params":{"a":"2","c":null,"t":true}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.34.2 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive",
			target:  "/v1/users?a=0&a=2&b=x&t=True",
		},
		{
			reason:  "an explicit Cookie header wins over the merged jar",
			lib:     "requests@2.28.1",
			client:  `{"cookies":{"a":"1"}}`,
			request: `{` + url + `,"headers":{"Cookie":"h=1"},"cookies":{"b":"2"}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.28.1 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive | Cookie: h=1",
			target:  "/v1/users",
		},
		{
			reason:  "urllib3 1.26 leaves a str body to http.client, which only takes Latin-1",
			lib:     "requests@2.28.1",
			client:  `{}`,
			request: `{"method":"POST",` + url + `,"body":"héllo ☕"}`,
			outcome: merge.OutcomeError,
			err:     "UnicodeEncodeError: 'latin-1' codec can't encode character '\\u2615' in position 6: Body ('☕') is not valid Latin-1. Use body.encode('utf-8') if you want to send it encoded in UTF-8.",
		},
		{
			reason:  "urllib3 2 sends a str body as UTF-8 and requests 2.32+ counts its UTF-8 bytes",
			lib:     "requests@2.34.2",
			client:  `{}`,
			request: `{"method":"POST",` + url + `,"body":"héllo ☕"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.34.2 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive | Content-Length: 10",
			target:  "/v1/users",
			body:    "héllo ☕",
		},
		{
			reason:  "requests 2.30–2.31 (source-derived) count a str body in code points although urllib3 2 sends UTF-8",
			lib:     "requests@2.31.0",
			client:  `{}`,
			request: `{"method":"POST",` + url + `,"body":"héllo"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.31.0 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive | Content-Length: 5",
			target:  "/v1/users",
			body:    "héll", // the server reads 5 of the 6 UTF-8 bytes
		},
		{
			reason:  "requests 2.30–2.31 with urllib3 2: the server reads Content-Length (code points) bytes of the UTF-8 body (recorded)",
			lib:     "requests@2.30.0",
			client:  `{}`,
			request: `{"method":"POST",` + url + `,"body":"héllo ☕"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.30.0 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive | Content-Length: 7",
			target:  "/v1/users",
			body:    "héllo ",
		},
		{
			reason:  "before 2.28.0 (PR #6154) InvalidHeader says 'Value for header {name: value}' (recorded with 2.25.0–2.27.1)",
			lib:     "requests@2.27.1",
			client:  `{"headers":{"X-Num":7}}`,
			request: `{` + url + `}`,
			outcome: merge.OutcomeError,
			err:     "InvalidHeader: Value for header {X-Num: 7} must be of type str or bytes, not <class 'int'>",
		},
		{
			reason:  "before 2.28.0 a leading space names the header only (source-derived, 2.27.1 utils.check_header_validity)",
			lib:     "requests@2.26.0",
			client:  `{}`,
			request: `{` + url + `,"headers":{"X-Foo":" a"}}`,
			outcome: merge.OutcomeError,
			err:     "InvalidHeader: Invalid return character or leading space in header: X-Foo",
		},
		{
			reason:  "before 2.27.0 (PR #6017) MissingSchema says 'schema' (recorded with 2.25.0–2.26.0)",
			lib:     "requests@2.26.0",
			client:  `{}`,
			request: `{"url":"users"}`,
			outcome: merge.OutcomeError,
			err:     "MissingSchema: Invalid URL 'users': No schema supplied. Perhaps you meant http://users?",
		},
		{
			reason:  "before 2.29 InvalidHeader shows the header as a dict",
			lib:     "requests@2.28.1",
			client:  `{"headers":{"X-Num":7}}`,
			request: `{` + url + `}`,
			outcome: merge.OutcomeError,
			err:     "InvalidHeader: Header part (7) from {'X-Num': 7} must be of type str or bytes, not <class 'int'>",
		},
		{
			reason:  "from 2.29 it shows a tuple",
			lib:     "requests@2.34.2",
			client:  `{"headers":{"X-Num":7}}`,
			request: `{` + url + `}`,
			outcome: merge.OutcomeError,
			err:     "InvalidHeader: Header part (7) from ('X-Num', 7) must be of type str or bytes, not <class 'int'>",
		},
		{
			reason:  "a None client header is dropped by merge_setting before it is validated",
			lib:     "requests@2.34.2",
			client:  `{"headers":{"X-Foo":null}}`,
			request: `{` + url + `}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.34.2 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive",
			target:  "/v1/users",
		},
		{
			reason:  "2.28.2 (source-derived) already suggests https:// for a URL without a scheme",
			lib:     "requests@2.28.2",
			client:  `{}`,
			request: `{"url":"users"}`,
			outcome: merge.OutcomeError,
			err:     "MissingSchema: Invalid URL 'users': No scheme supplied. Perhaps you meant https://users?",
		},
		{
			reason:  "a non-ASCII host is IDNA-encoded by urllib3 parse_url; Host follows",
			lib:     "requests@2.34.2",
			client:  `{}`,
			request: `{"url":"http://bücher.example:8080/a b?q=é"}`,
			outcome: merge.OutcomeSent,
			headers: "Host: xn--bcher-kva.example:8080 | User-Agent: python-requests/2.34.2 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive",
			target:  "/a%20b?q=%C3%A9",
		},
		{
			reason:  "non-str cookie values: AttributeError in set_cookie from 2.34.0",
			lib:     "requests@2.34.2",
			client:  `{}`,
			request: `{` + url + `,"cookies":{"a":1}}`,
			outcome: merge.OutcomeError,
			err:     "AttributeError: 'int' object has no attribute 'startswith'",
		},
		{
			reason:  "non-str cookie values: TypeError while the Cookie header is built before 2.34",
			lib:     "requests@2.28.1",
			client:  `{}`,
			request: `{` + url + `,"cookies":{"a":1}}`,
			outcome: merge.OutcomeError,
			err:     "TypeError: expected string or bytes-like object, got 'int'",
		},
		{
			reason:  "before 2.26.0 (PR #5810) json.dumps keeps allow_nan=True: inf is sent as Infinity (recorded with 2.25.0–2.25.1)",
			lib:     "requests@2.25.1",
			client:  `{}`,
			request: `{"method":"POST",` + url + `,"json":{"v":1e999,"w":[-1e999]}}`,
			outcome: merge.OutcomeSent,
			headers: "Host: api.example.test | User-Agent: python-requests/2.25.1 | Accept-Encoding: gzip, deflate | Accept: */* | Connection: keep-alive | Content-Length: 33 | Content-Type: application/json",
			target:  "/v1/users",
			body:    `{"v": Infinity, "w": [-Infinity]}`,
		},
		{
			reason:  "from 2.26.0 allow_nan=False: InvalidJSONError (recorded)",
			lib:     "requests@2.26.0",
			client:  `{}`,
			request: `{"method":"POST",` + url + `,"json":{"v":1e999}}`,
			outcome: merge.OutcomeError,
			err:     "InvalidJSONError: Out of range float values are not JSON compliant",
		},
		{
			reason:  "requests 2.31 with urllib3 2: body_to_chunks encodes a str body as strict UTF-8, so a lone surrogate raises (recorded with 2.30.0–2.31.0)",
			lib:     "requests@2.31.0",
			client:  `{}`,
			request: `{"method":"POST",` + url + `,"body":"a\ud800b"}`,
			outcome: merge.OutcomeError,
			err:     `UnicodeEncodeError: 'utf-8' codec can't encode character '\ud800' in position 1: surrogates not allowed`,
		},
		{
			reason:  "with urllib3 1.26 (requests <2.30) http.client's Latin-1 encode raises instead",
			lib:     "requests@2.29.0",
			client:  `{}`,
			request: `{"method":"POST",` + url + `,"body":"a\ud800b"}`,
			outcome: merge.OutcomeError,
			err:     `UnicodeEncodeError: 'latin-1' codec can't encode character '\ud800' in position 1: Body ('\ud800') is not valid Latin-1. Use body.encode('utf-8') if you want to send it encoded in UTF-8.`,
		},
		{
			reason:  "the binding has no base URL for requests",
			lib:     "requests@2.34.2",
			client:  `{"base_url":"http://api.example.test/v1/"}`,
			request: `{"url":"users"}`,
			outcome: merge.OutcomeUnsupported,
		},
	}
	for _, tt := range tests {
		res := resolve(t, tt.lib, tt.client, tt.request)
		if res.Outcome != tt.outcome {
			t.Errorf("%s\n%s: outcome %s (%+v %s), want %s", tt.reason, tt.lib, res.Outcome, res.Error, res.Reason, tt.outcome)
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
			if res.Request.Body != tt.body {
				t.Errorf("%s\n%s body %q, want %q", tt.reason, tt.lib, res.Request.Body, tt.body)
			}
			libtest.CheckInvariants(t, testRegistry, scenario(t, tt.lib, tt.client, tt.request))
		case merge.OutcomeError:
			if got := res.Error.Type + ": " + res.Error.Message; got != tt.err {
				t.Errorf("%s\n%s error:\n got  %s\n want %s", tt.reason, tt.lib, got, tt.err)
			}
		}
	}
}

func scenario(t *testing.T, lib, client, request string) *merge.Scenario {
	t.Helper()
	sc, err := merge.ParseScenario([]byte(`{"mergeplay":1,"library":"`+lib+`","client":`+client+`,"request":`+request+`}`), "")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestRequestsAuthNoneTrace checks that the motivating case explains why the
// session auth survives request auth=None.
func TestRequestsAuthNoneTrace(t *testing.T) {
	res := resolve(t, "requests@2.34.2", `{"auth":{"username":"john","password":"admin"}}`,
		`{"url":"http://api.example.test/","auth":null}`)
	var ignored, set bool
	for _, st := range res.Trace {
		if st.Field == "headers.Authorization" && st.Action == merge.ActionIgnore && st.Source == merge.SourceRequest {
			ignored = true
		}
		if st.Field == "headers.Authorization" && st.Action == merge.ActionSet && st.Source == merge.SourceAuth && strings.Contains(st.Cite, "prepare_auth @v2.34.2") {
			set = true
		}
	}
	if !ignored || !set {
		t.Errorf("trace lacks the request auth=None step (%v) or the cited Authorization step (%v): %+v", ignored, set, res.Trace)
	}
}

func TestRequestsLookup(t *testing.T) {
	tests := []struct {
		reason, id, profile string
	}{
		{"requests <2.30 pins urllib3 <1.27", "requests@2.29.0", "requests >=2.25.0 <2.30"},
		{"2.30.0 is the first to accept urllib3 2", "requests@2.30.0", "requests >=2.30 <3"},
		{"the recorded newest", "requests@2.34.2", "requests >=2.30 <3"},
		{"2.25.0 is the oldest supported release (issue 11)", "requests@2.25.0", "requests >=2.25.0 <2.30"},
		{"2.27.1 is inside the recorded span", "requests@2.27.1", "requests >=2.25.0 <2.30"},
		{"before the supported range", "requests@2.24.0", ""},
		{"not a 2.x", "requests@3.0.0", ""},
	}
	for _, tt := range tests {
		p, _, err := testRegistry.Lookup(tt.id)
		switch {
		case tt.profile == "" && err == nil:
			t.Errorf("%s: testRegistry.Lookup(%s) = %s, want an error", tt.reason, tt.id, p.Name())
		case tt.profile != "" && (err != nil || p.Name() != tt.profile):
			t.Errorf("%s: testRegistry.Lookup(%s) = %v, %v; want %s", tt.reason, tt.id, p, err, tt.profile)
		}
	}
}

// TestRequestsNoPanic puts every value state into every field for both
// profiles: each must resolve to an outcome, never a panic.
func TestRequestsNoPanic(t *testing.T) {
	states := []string{`null`, `{"$undefined":true}`, `false`, `true`, `0`, `-0`, `1.5e400`, `""`, `" x"`, `"☕"`, `"a"`,
		`[]`, `["a",null,2]`, `{}`, `{"k":null}`, `{"k":1}`, `{"k":["a",null]}`, `{"username":"☕","password":null}`}
	fields := []string{
		"client.headers", "client.params", "client.cookies", "client.auth",
		"request.method", "request.url", "request.headers", "request.params",
		"request.cookies", "request.auth", "request.json", "request.body", "request.via",
	}
	libtest.CheckEveryState(t, testRegistry, []string{"requests@2.28.1", "requests@2.34.2", "requests@2.31.0"}, fields, states)
}
