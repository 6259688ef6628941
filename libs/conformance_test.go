package libs

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mergeplay/mergeplay/merge"
)

// fixtureGlobs find every library's recordings: <package>/testdata/fixtures/<library@version>/<feature>.json,
// one folder deeper when the library id has a slash (net/http@…).
var fixtureGlobs = []string{"*/testdata/fixtures/*/*.json", "*/testdata/fixtures/*/*/*.json"}

const divergenceFile = "testdata/divergences.txt"

type fixtureFile struct {
	Library string        `json:"library"`
	Feature string        `json:"feature"`
	Cases   []fixtureCase `json:"cases"`
}

type fixtureCase struct {
	Name     string          `json:"name"`
	Comment  string          `json:"comment"`
	Scenario json.RawMessage `json:"scenario"`
	Want     fixtureWant     `json:"want"`
}

type fixtureWant struct {
	Outcome string          `json:"outcome"`
	Request *merge.Wire     `json:"request"`
	Error   *merge.LibError `json:"error"`
	Reason  string          `json:"reason"`
}

// loadFixtures reads every recorded case, in a stable order.
func loadFixtures(t testing.TB) []fixtureCase {
	t.Helper()
	var paths []string
	for _, g := range fixtureGlobs {
		ps, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, ps...)
	}
	sort.Strings(paths)
	var out []fixtureCase
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var ff fixtureFile
		if err := json.Unmarshal(b, &ff); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, ff.Cases...)
	}
	return out
}

// loadDivergences reads "case-name  reason" lines; # starts a comment.
func loadDivergences(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(divergenceFile)
	if os.IsNotExist(err) {
		return map[string]string{}
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		if strings.TrimSpace(reason) == "" {
			t.Errorf("divergences.txt: %s has no reason", name)
		}
		out[name] = strings.TrimSpace(reason)
	}
	return out
}

// checkCase resolves a fixture scenario and describes any mismatch.
func checkCase(c fixtureCase) string {
	sc, err := merge.ParseScenario(c.Scenario, "")
	if err != nil {
		return "scenario does not parse: " + err.Error()
	}
	res, err := testRegistry.Resolve(sc)
	if err != nil {
		return "resolve: " + err.Error()
	}
	if res.Outcome != c.Want.Outcome {
		got := res.Outcome
		switch {
		case res.Error != nil:
			got += " " + res.Error.Type + ": " + res.Error.Message
		case res.Reason != "":
			got += " (" + res.Reason + ")"
		}
		want := c.Want.Outcome
		switch {
		case c.Want.Error != nil:
			want += " " + c.Want.Error.Type + ": " + c.Want.Error.Message
		case c.Want.Reason != "":
			want += " (" + c.Want.Reason + ")"
		}
		return "outcome: got " + got + ", want " + want
	}
	switch res.Outcome {
	case merge.OutcomeSent:
		got := *res.Request
		got.URL = "" // the echo server sees only the target
		if d := cmp.Diff(*c.Want.Request, got); d != "" {
			return "wire request mismatch (-want +got):\n" + d
		}
	case merge.OutcomeError:
		if d := cmp.Diff(*c.Want.Error, *res.Error); d != "" {
			return "error mismatch (-want +got):\n" + d
		}
	}
	return ""
}

// TestConformance resolves every recorded fixture and compares the whole wire
// request. Known divergences must still diverge; stale entries fail.
func TestConformance(t *testing.T) {
	cases := loadFixtures(t)
	if len(cases) == 0 {
		t.Fatal("no fixtures found; run `make record`")
	}
	div := loadDivergences(t)
	// MERGEPLAY_FIXTURES=httpx@,requests@ narrows the run while working on profiles.
	var only []string
	if f := os.Getenv("MERGEPLAY_FIXTURES"); f != "" {
		only = strings.Split(f, ",")
	}
	selected := func(name string) bool {
		if only == nil {
			return true
		}
		for _, p := range only {
			if strings.HasPrefix(name, p) {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	pass := map[string][2]int{}
	for _, c := range cases {
		seen[c.Name] = true
		if !selected(c.Name) {
			continue
		}
		lib := strings.SplitN(c.Name, "/", 2)[0]
		if strings.HasPrefix(c.Name, "net/http@") {
			lib = strings.Join(strings.SplitN(c.Name, "/", 3)[:2], "/")
		}
		mismatch := checkCase(c)
		counts := pass[lib]
		counts[1]++
		if mismatch == "" {
			counts[0]++
		}
		pass[lib] = counts
		_, known := div[c.Name]
		switch {
		case mismatch != "" && !known:
			t.Errorf("resolve(%s) %s", c.Name, mismatch)
		case mismatch == "" && known:
			t.Errorf("%s is listed in divergences.txt but now matches the recording; remove the line", c.Name)
		}
	}
	for name := range div {
		if !seen[name] && selected(name) {
			t.Errorf("divergences.txt lists %s, which is not a recorded case; remove the line", name)
		}
	}
	libs := make([]string, 0, len(pass))
	for l := range pass {
		libs = append(libs, l)
	}
	sort.Strings(libs)
	for _, l := range libs {
		t.Logf("%-18s %4d/%-4d fixtures match", l, pass[l][0], pass[l][1])
	}
}

// testRegistry holds every profile.
var testRegistry = Registry()
