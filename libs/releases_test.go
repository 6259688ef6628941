package libs

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mergeplay/mergeplay/conformance/fixture"
	"github.com/mergeplay/mergeplay/merge"
)

// TestRecordedFresh: each library's recorded.go is what conformance/record generates from its
// stored fixtures and its registry list, so Profile.Recorded is never a hand-kept list.
func TestRecordedFresh(t *testing.T) {
	for _, lib := range loadStored(t) {
		listed, err := fixture.ReadReleaseList(fixture.ReleaseListPath("..", lib.name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := fixture.GoSource(lib.name, lib.releases, listed)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(fixture.Package(lib.name), "recorded.go")
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("libs/%s is stale: it must be what the fixtures and %s say; regenerate it with `make recorded`",
				path, filepath.Base(fixture.ReleaseListPath("", lib.name)))
		}
	}
}

// TestRangesRecorded: every registry release inside a recorded profile's range (pre-releases
// are not listed; yanked ones are refused) was recorded, or is covered by a recording of the
// same library code (a Node release bundling a recorded undici), so a profile claims only what
// recordings show.
func TestRangesRecorded(t *testing.T) {
	listed := map[string][]fixture.Listed{}
	for _, p := range testRegistry.Profiles() {
		if p.Verified != merge.Recorded {
			continue
		}
		if listed[p.Library] == nil {
			l, err := fixture.ReadReleaseList(fixture.ReleaseListPath("..", p.Library))
			if err != nil {
				t.Fatal(err)
			}
			listed[p.Library] = l
		}
		var recorded []string
		for _, q := range testRegistry.Profiles() {
			if q.Library == p.Library {
				recorded = append(recorded, q.Recorded...)
			}
		}
		covered, _ := fixture.Covered(p.Library, listed[p.Library], recorded)
		for _, c := range covered {
			if p.Contains(c[0]) && p.CoveredBy(c[0]) != c[1] {
				t.Errorf("%s@%s: the engine answers from %q, conformance/fixture.Covered from %s", p.Library, c[0], p.CoveredBy(c[0]), c[1])
			}
		}
		var missing []string
		for _, l := range listed[p.Library] {
			if l.Withdrawn() || !p.Contains(l.Version) || slices.Contains(p.Recorded, l.Version) ||
				slices.ContainsFunc(covered, func(c [2]string) bool { return c[0] == l.Version }) {
				continue
			}
			missing = append(missing, l.Version)
		}
		if len(missing) > 0 {
			t.Errorf("%s claims %d registry releases it has no recording of: %v; record them (make record-all LIB=%s@) or narrow the range",
				p.Name(), len(missing), missing, p.Library)
		}
		if len(p.Recorded) == 0 {
			t.Errorf("%s is verified %q but no recorded release is inside its range", p.Name(), merge.Recorded)
		}
	}
}
