package aiohttp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mergeplay/mergeplay/merge"
)

// TestSweepDir checks the profiles against a `make record-all` folder
// (MERGEPLAY_AIOHTTP_SWEEP=DIR): every release's recording of every case.
func TestSweepDir(t *testing.T) {
	dir := os.Getenv("MERGEPLAY_AIOHTTP_SWEEP")
	if dir == "" {
		t.Skip("set MERGEPLAY_AIOHTTP_SWEEP to a record-all folder")
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "aiohttp@*", "*.json"))
	sort.Strings(paths)
	bad := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var ff struct {
			Cases []struct {
				Name     string
				Scenario json.RawMessage
				Want     struct {
					Outcome string
					Request *merge.Wire
					Error   *merge.LibError
					Reason  string
				}
			}
		}
		if err := json.Unmarshal(b, &ff); err != nil {
			t.Fatal(err)
		}
		for _, c := range ff.Cases {
			sc, err := merge.ParseScenario(c.Scenario, "")
			if err != nil {
				t.Fatal(err)
			}
			res, err := testRegistry.Resolve(sc)
			if err != nil {
				t.Errorf("%s: %v", c.Name, err)
				continue
			}
			var diff string
			switch {
			case res.Outcome != c.Want.Outcome:
				diff = "outcome " + res.Outcome + " " + res.Reason + errText(res.Error) + ", want " + c.Want.Outcome + " " + c.Want.Reason + errText(c.Want.Error)
			case res.Outcome == merge.OutcomeSent:
				got := *res.Request
				got.URL = ""
				diff = cmp.Diff(*c.Want.Request, got)
			case res.Outcome == merge.OutcomeError:
				diff = cmp.Diff(*c.Want.Error, *res.Error)
			}
			if diff != "" {
				bad++
				if bad <= 400 {
					t.Errorf("%s: %s", c.Name, strings.TrimSpace(diff))
				}
			}
		}
	}
	t.Logf("%d files, %d mismatches", len(paths), bad)
}

func errText(e *merge.LibError) string {
	if e == nil {
		return ""
	}
	return e.Type + ": " + e.Message
}
