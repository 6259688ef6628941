package libs

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// TestMemoizedRegistryAnswersAsResolving: a registry that keeps its last
// answers (the browser engine's) gives, call after call, byte for byte what a
// plain one gives: for each example resolved, diffed against another library
// and against a document, in the order the page asks them, and for invalid
// documents, whose error fields the diff prefixes (a cached error must not
// come back prefixed twice).
func TestMemoizedRegistryAnswersAsResolving(t *testing.T) {
	memo := merge.NewRegistry(testRegistry.Profiles()...)
	memo.Memoize(4)
	files, _ := filepath.Glob("../web/examples/*.json")
	docs := []string{
		`{"mergeplay": 1, "library": "httpx@0.28.1", "request": {"url": 3}}`,
		`{"mergeplay": 1, "library": "requests@2.32.3", "client": {"headers": {"A": true}}, "request": {"url": "http://h.test/"}}`,
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) != "index.json" {
			docs = append(docs, string(b))
		}
	}
	against := []string{"httpx@0.14.2", "axios@1.7.9", "nosuch@1"}
	for i, doc := range docs {
		other := `{"mergeplay": 1, "library": ` + strconv.Quote(against[i%len(against)]) + `, "request": {"url": "http://o.test/x"}}`
		calls := []struct {
			name string
			run  func(*merge.Registry) []byte
		}{
			{"resolve", func(r *merge.Registry) []byte { return r.ResolveJSON([]byte(doc)) }},
			{"diff against", func(r *merge.Registry) []byte {
				return r.DiffJSON([]byte(`{"a": ` + doc + `, "against": ` + strconv.Quote(against[i%len(against)]) + `}`))
			}},
			{"diff a b", func(r *merge.Registry) []byte { return r.DiffJSON([]byte(`{"a": ` + doc + `, "b": ` + other + `}`)) }},
			{"resolve other", func(r *merge.Registry) []byte { return r.ResolveJSON([]byte(other)) }},
			{"diff b a", func(r *merge.Registry) []byte { return r.DiffJSON([]byte(`{"a": ` + other + `, "b": ` + doc + `}`)) }},
		}
		for round := 0; round < 2; round++ {
			for _, c := range calls {
				if got, want := string(c.run(memo)), string(c.run(testRegistry)); got != want {
					t.Fatalf("%.50s, %s (round %d):\n got %.300s\nwant %.300s", doc, c.name, round, got, want)
				}
			}
		}
	}
}
