package merge_test

import (
	"os"
	"testing"

	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

// The fast path that skips the diff between two releases that differ only by
// their version strings must never skip a change: wherever it says "same",
// the diff is empty, for every example at every recorded release.
func TestTimelineSameAnswerHidesNoChange(t *testing.T) {
	files, _ := os.ReadDir("../web/examples")
	for _, f := range files {
		if f.Name() == "index.json" {
			continue
		}
		doc, _ := os.ReadFile("../web/examples/" + f.Name())
		for _, lib := range libraryNames() {
			sc, err := merge.ParseScenario(doc, lib+"@0")
			if err != nil {
				t.Fatal(err)
			}
			same, _ := merge.CheckSameAnswer(libs.Registry(), sc, lib)
			if len(same) > 0 {
				t.Errorf("%s over %s: the fast path calls %v the same, but their diff is not empty", f.Name(), lib, same)
			}
		}
	}
}

// libraryNames is every library of the real registry, once each.
func libraryNames() []string {
	var out []string
	for _, p := range libs.Registry().Libraries() {
		if len(out) == 0 || out[len(out)-1] != p.Library {
			out = append(out, p.Library)
		}
	}
	return out
}
