package libs

import (
	"bytes"
	"encoding/json"
	"regexp"
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
		if got, want := asMarshalWrites(testRegistry.ResolveJSON(c.Scenario)), marshalOracle(t, (*plainResult)(res)); !bytes.Equal(got, want) {
			t.Fatalf("%s: ResolveJSON differs from json.Marshal:\n got %s\nwant %s", c.Name, got, want)
		}
		if prev != nil {
			d, aerr := testRegistry.DiffDocs(prev, c.Scenario, "")
			if aerr != nil {
				t.Fatalf("%s: DiffDocs: %v", c.Name, aerr)
			}
			in := marshalOracle(t, merge.DiffRequest{A: merge.RawJSON(prev), B: merge.RawJSON(c.Scenario)})
			if got, want := asMarshalWrites(testRegistry.DiffJSON(in)), marshalOracle(t, (*plainDiff)(d)); !bytes.Equal(got, want) {
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

// surrogateEscape is a \u escape of a surrogate that is not itself after an
// escaped backslash: the writers' one difference from json.Marshal, which
// writes the three bytes of a lone surrogate (WTF-8) as three \ufffd.
var surrogateEscape = regexp.MustCompile(`((?:^|[^\\])(?:\\\\)*)\\ud[89a-f][0-9a-f]{2}`)

// asMarshalWrites rewrites each surrogate escape the way json.Marshal
// spells the same string.
func asMarshalWrites(b []byte) []byte {
	for {
		next := surrogateEscape.ReplaceAll(b, []byte(`${1}\ufffd\ufffd\ufffd`))
		if bytes.Equal(next, b) {
			return b
		}
		b = next
	}
}

// plainResult and plainDiff drop the MarshalJSON methods, so json.Marshal
// is the oracle and not the writer under test.
type (
	plainResult merge.Result
	plainDiff   merge.Diff
)

func marshalOracle(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
