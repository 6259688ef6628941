package all

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// FuzzResolve: resolving any valid scenario under every profile never panics
// or fails internally, a sent request is well-formed and explained, and a
// request-level header always beats the same client header (same spelling).
func FuzzResolve(f *testing.F) {
	for _, s := range resolveSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := merge.ParseScenario(data, "")
		if err != nil {
			return
		}
		for _, p := range Profiles() {
			sc.Library = p.Library + "@" + defaultVersion(p)
			checkResolveInvariants(t, sc)
		}
	})
}

func defaultVersion(p *merge.Profile) string {
	if len(p.Recorded) > 0 {
		return p.Recorded[len(p.Recorded)-1]
	}
	return p.Min
}

func checkResolveInvariants(t *testing.T, sc *merge.Scenario) {
	t.Helper()
	res, err := testRegistry.Resolve(sc)
	if err != nil {
		t.Fatalf("%s: Resolve failed: %v", sc.Library, err)
	}
	switch res.Outcome {
	case merge.OutcomeSent:
		w := res.Request
		if w.Target == "" || strings.ContainsAny(w.Target, "\r\n") { // Go really sends a raw space
			t.Fatalf("%s: bad request-target %q", sc.Library, w.Target)
		}
		for _, h := range w.Headers {
			if !merge.IsToken(h[0]) || strings.ContainsAny(h[1], "\r\n\x00") {
				t.Fatalf("%s: header line %q: %q cannot be on the wire", sc.Library, h[0], h[1])
			}
			if !explained(res, h[0]) {
				t.Fatalf("%s: header %s has no trace step", sc.Library, h[0])
			}
		}
		if !traced(res, "url") {
			t.Fatalf("%s: the URL has no trace step", sc.Library)
		}
		if w.Body != "" && !traced(res, "body") {
			t.Fatalf("%s: the body has no trace step", sc.Library)
		}
		if _, q, ok := strings.Cut(w.Target, "?"); ok && q != "" {
			for _, kv := range strings.Split(q, "&") {
				if kv == "" {
					continue // "a=1&&b=2": an empty segment is not a parameter
				}
				k, _, _ := strings.Cut(kv, "=")
				if !traced(res, merge.QueryField(k)) && !traced(res, merge.QueryField(whatwg.FormUnescape(k))) && !traced(res, "query") {
					t.Fatalf("%s: query parameter %q has no trace step", sc.Library, k)
				}
			}
		}
	case merge.OutcomeError:
		if res.Error == nil || res.Error.Type == "" {
			t.Fatalf("%s: error outcome without an error type", sc.Library)
		}
	case merge.OutcomeUnsupported:
		if res.Reason == "" {
			t.Fatalf("%s: unsupported without a reason", sc.Library)
		}
	default:
		t.Fatalf("%s: unknown outcome %q", sc.Library, res.Outcome)
	}
}

func traced(res *merge.Result, field string) bool {
	for _, st := range res.Trace {
		if st.Field == field {
			return true
		}
	}
	return false
}

func explained(res *merge.Result, header string) bool {
	for _, st := range res.Trace {
		if strings.EqualFold(st.Field, merge.FieldName(header)) {
			return true
		}
	}
	return false
}

// TestRequestHeaderWins checks, for every profile, that a request header
// overrides the client header of the same spelling whenever the library
// accepts both: the rule every profile states.
func TestRequestHeaderWins(t *testing.T) {
	for _, p := range Profiles() {
		doc := `{"mergeplay":1,"library":"` + p.Library + "@" + defaultVersion(p) + `",
			"client":{"base_url":"http://api.example.test/","headers":{"X-Probe":"client"}},
			"request":{"url":"http://api.example.test/x","headers":{"X-Probe":"request"}}}`
		sc, err := merge.ParseScenario([]byte(doc), "")
		if err != nil {
			t.Fatal(err)
		}
		res, err := testRegistry.Resolve(sc)
		if err != nil {
			t.Fatalf("%s: %v", p.Name(), err)
		}
		if res.Outcome != merge.OutcomeSent {
			continue // e.g. a library without a base URL or client headers
		}
		var got []string
		for _, h := range res.Request.Headers {
			if strings.EqualFold(h[0], "X-Probe") {
				got = append(got, h[1])
			}
		}
		if len(got) != 1 || got[0] != "request" {
			t.Errorf("%s: X-Probe on the wire = %q, want only the request's value", p.Name(), got)
		}
	}
}

// TestFixturesSatisfyInvariants runs the fuzz invariants over every recorded scenario.
func TestFixturesSatisfyInvariants(t *testing.T) {
	for _, c := range loadFixtures(t) {
		sc, err := merge.ParseScenario(c.Scenario, "")
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if _, _, err := testRegistry.Lookup(sc.Library); err != nil {
			continue // profile not written yet; TestConformance reports it
		}
		checkResolveInvariants(t, sc)
	}
}

// resolveSeeds are FuzzResolve's seeds: the decoder's (merge's
// seedScenarios), one per library family, plus hostile inputs.
var resolveSeeds = []string{
	`{"mergeplay":1,"library":"requests@2.28.1","client":{"auth":{"username":"john","password":"admin"}},"request":{"url":"http://a.test/x","auth":null}}`,
	`{"mergeplay":1,"library":"httpx@0.14.2","client":{"base_url":"http://a.test/v1/","headers":{"X-Foo":"a"},"params":{"a":[1,true,null]}},"request":{"url":"users","headers":{"x-foo":{"$undefined":true}},"params":{"a":"2"},"auth":false}}`,
	`{"mergeplay":1,"library":"axios@1.21.1","client":{"base_url":"http://a.test/","headers":{"A":false}},"request":{"url":"//b.test/x?y=1#f","method":"post","json":{"k":[1.5,{"z":null}]}}}`,
	`{"mergeplay":1,"library":"ky@2.1.0","client":{"base_url":"http://a.test/","prefix":"/p"},"request":{"url":"../x","body":"raw"}}`,
	`{"mergeplay":1,"library":"resty@2.17.2","client":{"auth":{"bearer":"t"},"cookies":{"a":"1"}},"request":{"url":"http://a.test","cookies":{"a":"2"},"headers":{"Cookie":"c=3"}}}`,
	`{"mergeplay":1,"library":"net/http@1.26.8","request":{"url":"http://a.test/%zz","headers":{"user-agent":""}}}`,
	`{"mergeplay":1,`,
	`{"mergeplay":1,"library":"x@1","request":{"headers":{"X":"\u0000"}}}`,
	`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`,
}
