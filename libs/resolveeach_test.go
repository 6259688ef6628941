package libs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// TestResolveEachIsResolve: ResolveEachJSON's answer for each library is
// byte for byte what resolving the scenario under that library gives, for
// every gallery example in every library's newest release, an older release,
// a refused one and an unknown library, and invalid scenarios.
func TestResolveEachIsResolve(t *testing.T) {
	var ids []string
	seen := map[string]bool{}
	for _, p := range testRegistry.Profiles() {
		if !seen[p.Library] {
			seen[p.Library] = true
			ids = append(ids, p.Library+"@"+p.Min) // oldest span's first release
		}
		ids = append(ids, p.Library+"@"+defaultVersion(p))
	}
	ids = append(ids, "aiohttp@3.12.1" /* yanked */, "nosuch@1.0", "requests")
	files, _ := filepath.Glob("../web/examples/*.json")
	docs := []string{
		`{"mergeplay": 1, "library": "x", "request": {"url": 3}}`,
		`{"mergeplay": 2, "library": "x"}`,
		`{"mergeplay": 1, "library": "x", "request": {"url": "http://h.test/", "headers": {"A": "1", "a": "2", "B": {"$undefined": true}}}}`,
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(b))
	}
	for _, doc := range docs {
		env, _ := json.Marshal(map[string]any{"scenario": json.RawMessage(doc), "libraries": ids})
		var got []json.RawMessage
		if err := json.Unmarshal(testRegistry.ResolveEachJSON(env), &got); err != nil {
			t.Fatalf("%.60s: ResolveEachJSON gave no array: %v", doc, err)
		}
		if len(got) != len(ids) {
			t.Fatalf("%.60s: %d answers for %d libraries", doc, len(got), len(ids))
		}
		for i, id := range ids {
			var want string
			if res, aerr := testRegistry.ResolveDoc([]byte(doc), id); aerr != nil {
				b, _ := json.Marshal(map[string]any{"error": aerr})
				want = string(b)
			} else {
				b, _ := res.MarshalJSON()
				want = string(b)
			}
			if string(got[i]) != want {
				t.Errorf("%.60s under %s:\n got %.300s\nwant %.300s", doc, id, got[i], want)
			}
		}
	}
}

func TestResolveEachEnvelope(t *testing.T) {
	ok := `{"mergeplay": 1, "library": "requests@2.32.3", "request": {"url": "http://h.test/"}}`
	for env, want := range map[string]string{
		`[]`:                       `(root): give {"scenario"`,
		`{"scenario": ` + ok + `}`: `(root): give {"scenario"`,
		`{"libraries": []}`:        `(root): give {"scenario"`,
		`{"scenario": ` + ok + `, "libraries": "requests@2.32.3"}`:   `libraries: must be an array`,
		`{"scenario": ` + ok + `, "libraries": [1]}`:                 `libraries[0]: must be a "library@version" string`,
		`{"scenario": ` + ok + `, "libraries": [], "x": 1}`:          `x: unknown field`,
		`{"scenario": ` + ok + `, "libraries": [], "libraries": []}`: `libraries: duplicate key`,
		`{"scenario": `: `(root): unexpected end of JSON input`,
		`{"scenario": ` + ok + `, "libraries": [` + strings.Repeat(`"a@1",`, merge.MaxEach) + `"a@1"]}`: `libraries: has 257 entries; the limit is 256`,
	} {
		var got struct{ Error merge.APIError }
		raw := testRegistry.ResolveEachJSON([]byte(env))
		if err := json.Unmarshal(raw, &got); err != nil || got.Error.Code != merge.CodeInvalid || !strings.HasPrefix(got.Error.Message, want) {
			t.Errorf("%.70s: got %s, want an invalid_scenario error starting %q", env, raw, want)
		}
	}
	if got := string(testRegistry.ResolveEachJSON([]byte(`{"scenario": ` + ok + `, "libraries": []}`))); got != "[]" {
		t.Errorf("no libraries: got %s, want []", got)
	}
}
