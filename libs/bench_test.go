package libs

import (
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

const benchScenario = `{"mergeplay":1,"library":"httpx@0.14.2",
 "client":{"base_url":"http://api.example.test/v1/","headers":{"Accept":"application/json","X-Client":"1"},
           "params":{"page":"1","tag":["a","b"]},"cookies":{"sid":"abc"},"auth":{"username":"john","password":"admin"}},
 "request":{"method":"POST","url":"users","headers":{"X-Trace":"1"},"params":{"page":"2"},"json":{"name":"x","n":[1,2]}}}`

// BenchmarkResolveAllProfiles resolves one scenario under every profile per op.
func BenchmarkResolveAllProfiles(b *testing.B) {
	sc, err := merge.ParseScenario([]byte(benchScenario), "")
	if err != nil {
		b.Fatal(err)
	}
	profiles := Registry().Profiles()
	ids := make([]string, len(profiles))
	for i, p := range profiles {
		ids[i] = p.Library + "@" + defaultVersion(p)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, id := range ids {
			sc.Library = id
			if _, err := testRegistry.Resolve(sc); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParseAndResolve is the whole JSON-in/JSON-out path for one scenario.
func BenchmarkParseAndResolve(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if out := testRegistry.ResolveJSON([]byte(benchScenario)); len(out) == 0 {
			b.Fatal("empty")
		}
	}
}

// BenchmarkDiff is one structured diff of two resolved results.
func BenchmarkDiff(b *testing.B) {
	sa, _ := merge.ParseScenario([]byte(benchScenario), "httpx@0.14.1")
	sb, _ := merge.ParseScenario([]byte(benchScenario), "httpx@0.28.1")
	ra, err := testRegistry.Resolve(sa)
	if err != nil {
		b.Skip(err)
	}
	rb, err := testRegistry.Resolve(sb)
	if err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		merge.DiffResults("a", ra, "b", rb)
	}
}

// benchPortable is benchScenario without cookies, which the JavaScript
// libraries refuse at once, so that their resolves do the whole merge.
const benchPortable = `{"mergeplay":1,"library":"httpx@0.14.2",
 "client":{"base_url":"http://api.example.test/v1/","headers":{"Accept":"application/json","X-Client":"1"},
           "params":{"page":"1","tag":["a","b"]},"auth":{"username":"john","password":"admin"}},
 "request":{"method":"POST","url":"users","headers":{"X-Trace":"1"},"params":{"page":"2"},"json":{"name":"x","n":[1,2]}}}`

// BenchmarkResolveLibrary is one resolve of benchPortable under each library's
// newest profile: the compare-all view does one per library per edit.
func BenchmarkResolveLibrary(b *testing.B) {
	sc, err := merge.ParseScenario([]byte(benchPortable), "")
	if err != nil {
		b.Fatal(err)
	}
	last := map[string]*merge.Profile{}
	var order []string
	for _, p := range Registry().Profiles() {
		if last[p.Library] == nil {
			order = append(order, p.Library)
		}
		last[p.Library] = p
	}
	for _, lib := range order {
		id := lib + "@" + defaultVersion(last[lib])
		b.Run(id, func(b *testing.B) {
			at := *sc
			at.Library = id
			b.ReportAllocs()
			for b.Loop() {
				if _, err := testRegistry.Resolve(&at); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
