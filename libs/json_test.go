package libs

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// TestJSONEncodeFixtureResults writes every recorded scenario's result and
// its diff against the next one, and compares with json.Marshal (the core's
// writers are checked field by field in merge's own tests; this runs them
// over every profile's real output).
func TestJSONEncodeFixtureResults(t *testing.T) {
	var prev json.RawMessage
	for _, c := range loadFixtures(t) {
		res, aerr := testRegistry.ResolveDoc(c.Scenario, "")
		if aerr != nil {
			continue
		}
		if got, want := testRegistry.ResolveJSON(c.Scenario), marshalOracle(t, res); !bytes.Equal(got, want) {
			t.Fatalf("%s: ResolveJSON differs from json.Marshal:\n got %s\nwant %s", c.Name, got, want)
		}
		if prev != nil {
			d, aerr := testRegistry.DiffDocs(prev, c.Scenario, "")
			if aerr != nil {
				t.Fatalf("%s: DiffDocs: %v", c.Name, aerr)
			}
			in := marshalOracle(t, merge.DiffRequest{A: merge.RawJSON(prev), B: merge.RawJSON(c.Scenario)})
			if got, want := testRegistry.DiffJSON(in), marshalOracle(t, d); !bytes.Equal(got, want) {
				t.Fatalf("%s: DiffJSON differs from json.Marshal:\n got %s\nwant %s", c.Name, got, want)
			}
		}
		prev = c.Scenario
	}
}

// TestJSONEncodeLibraries compares LibrariesJSON with json.Marshal over every profile.
func TestJSONEncodeLibraries(t *testing.T) {
	if got, want := testRegistry.LibrariesJSON(), marshalOracle(t, testRegistry.Libraries()); !bytes.Equal(got, want) {
		t.Errorf("LibrariesJSON differs from json.Marshal(Libraries()):\n got %s\nwant %s", got, want)
	}
}

func marshalOracle(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
