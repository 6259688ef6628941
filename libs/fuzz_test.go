package libs

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/libs/libtest"
	"github.com/mergeplay/mergeplay/merge"
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
		for _, p := range Registry().Profiles() {
			sc.Library = p.Library + "@" + defaultVersion(p)
			libtest.CheckInvariants(t, testRegistry, sc)
		}
	})
}

func defaultVersion(p *merge.Profile) string {
	if len(p.Recorded) > 0 {
		return p.Recorded[len(p.Recorded)-1]
	}
	return p.Min
}

// TestRequestHeaderWins checks, for every profile, that a request header
// overrides the client header of the same spelling whenever the library
// accepts both: the rule every profile states.
func TestRequestHeaderWins(t *testing.T) {
	for _, p := range Registry().Profiles() {
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
		libtest.CheckInvariants(t, testRegistry, sc)
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
	// Lone surrogates (kept by the decoder) in every kind of field, numbers beyond a double, a NUL in a param.
	`{"mergeplay":1,"library":"requests@2.34.2","client":{"base_url":"http://a.test/\ud800/","headers":{"X-\u0041":"\udc00"},"params":{"\ud800k":["v\udfff",1e999]},"cookies":{"c":"\ud800"},"auth":{"username":"u\ud800","password":"p"}},"request":{"url":"http://a.test/p\ud800?q=\udc00#\ud800","method":"POST","json":{"\ud800":[-1e999,"\udc00\ud800"]},"params":{"n":"a\u0000b"}}}`,
	`{"mergeplay":1,"library":"ky@2.1.0","client":{"prefix":"/\ud800","headers":{"A":"\ud800"}},"request":{"url":"http://a.test/\ud834\udd1e\ud800","body":"\udc00","params":"q=\ud800&r=1e999"}}`,
}
