package libs

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mergeplay/mergeplay/conformance/fixture"
	"github.com/mergeplay/mergeplay/merge"
)

const divergenceFile = "testdata/divergences.txt"

var updateDivergences = flag.Bool("update-divergences", false,
	"rewrite testdata/divergences.txt: every case and run of releases that mismatches, with the reason of the line that listed it, else 'profile split pending: see sweep report'")

// storedLibrary is one library's stored fixtures (conformance/fixture).
type storedLibrary struct {
	name     string // "net/http"
	files    []*fixture.File
	releases []string
}

// loadStored reads every library's stored fixtures: <package>/testdata/fixtures/<feature>.json.
func loadStored(t testing.TB) []storedLibrary {
	t.Helper()
	var out []storedLibrary
	for _, p := range testRegistry.Profiles() {
		if slices.ContainsFunc(out, func(s storedLibrary) bool { return s.name == p.Library }) {
			continue
		}
		files, err := fixture.Load(filepath.Join(fixture.Package(p.Library), "testdata", "fixtures"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			continue
		}
		for _, f := range files {
			if f.Library != p.Library {
				t.Fatalf("%s/testdata/fixtures/%s.json records %q; it belongs in libs/%s/", fixture.Package(p.Library), f.Feature, f.Library, fixture.Package(f.Library))
			}
			if f.Releases != files[0].Releases {
				t.Fatalf("%s: %s.json and %s.json list different releases; re-record the library (make record-all LIB=%s@)", p.Library, f.Feature, files[0].Feature, p.Library)
			}
		}
		out = append(out, storedLibrary{p.Library, files, files[0].ReleaseList()})
	}
	return out
}

// fixtureCase is one case as one release recorded it.
type fixtureCase struct {
	Name     string // library@version/feature/case
	Scenario json.RawMessage
	Want     fixture.Want
}

// loadFixtures is one recording per stored variant (its first release): every distinct
// outcome once, for the suites that check properties of results rather than releases.
func loadFixtures(t testing.TB) []fixtureCase {
	t.Helper()
	var out []fixtureCase
	for _, lib := range loadStored(t) {
		for _, f := range lib.files {
			for _, c := range f.Cases {
				for _, v := range c.Variants {
					set, _ := fixture.ParseSet(v.Releases, lib.releases)
					r := set[0]
					// A yanked release is recorded but refused by Lookup: hold its variant to a release that is answered.
					if i := slices.IndexFunc(set, func(r string) bool { _, _, err := testRegistry.Lookup(lib.name + "@" + r); return err == nil }); i >= 0 {
						r = set[i]
					}
					out = append(out, expand(lib.name, r, c.ScenarioFor(lib.name, r), fixture.Denormalize(v.Want, r), c.Name))
				}
			}
		}
	}
	return out
}

func expand(lib, release string, scenario json.RawMessage, want fixture.Want, caseName string) fixtureCase {
	return fixtureCase{Name: lib + "@" + release + "/" + caseName, Scenario: scenario, Want: want}
}

// divergence is a line of divergences.txt: a case at a run of recorded releases
// ("httpx@0.24.0..0.24.1/params/encode-reserved") or at one ("httpx@0.24.0/...").
type divergence struct {
	line           int
	lib, from, to  string
	caseName       string
	reason         string
	matched, total int
}

func (d *divergence) covers(lib, release, caseName string) bool {
	return d.lib == lib && (d.caseName == caseName || d.caseName == "*") &&
		merge.CompareVersions(release, d.from) >= 0 && merge.CompareVersions(release, d.to) <= 0
}

func (d *divergence) id() string {
	if d.from == d.to {
		return d.lib + "@" + d.from + "/" + d.caseName
	}
	return d.lib + "@" + d.from + ".." + d.to + "/" + d.caseName
}

// loadDivergences reads "case-name  reason" lines; # starts a comment.
func loadDivergences(t *testing.T) []*divergence {
	t.Helper()
	f, err := os.Open(divergenceFile)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []*divergence
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		if strings.TrimSpace(reason) == "" {
			t.Errorf("divergences.txt:%d: %s has no reason", n, name)
		}
		lib, rest, ok1 := strings.Cut(name, "@")
		versions, caseName, ok2 := strings.Cut(rest, "/")
		from, to, isRange := strings.Cut(versions, "..")
		if !isRange {
			to = from
		}
		if !ok1 || !ok2 || from == "" || to == "" || !strings.Contains(caseName, "/") && caseName != "*" {
			t.Errorf("divergences.txt:%d: %q is not library@version/feature/case, library@first..last/feature/case or library@first..last/*", n, name)
			continue
		}
		out = append(out, &divergence{line: n, lib: lib, from: from, to: to, caseName: caseName, reason: strings.TrimSpace(reason)})
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
		w := c.Want.Request
		want := merge.Wire{Method: w.Method, Target: w.Target, Headers: w.Headers, Body: w.Body, BodyBase64: w.BodyBase64}
		got := *res.Request
		got.URL = "" // the echo server sees only the target
		if d := cmp.Diff(want, got); d != "" {
			return "wire request mismatch (-want +got):\n" + d
		}
	case merge.OutcomeError:
		if d := cmp.Diff(*c.Want.Error, *res.Error); d != "" {
			return "error mismatch (-want +got):\n" + d
		}
	}
	return ""
}

// TestConformance resolves every stored case at every recorded release and compares the
// whole wire request. Known divergences must still diverge at every release their line
// names; a line that matches nowhere, or somewhere, fails, so the list only shrinks.
func TestConformance(t *testing.T) {
	stored := loadStored(t)
	if len(stored) == 0 {
		t.Fatal("no fixtures found; run `make record-all`")
	}
	divs := loadDivergences(t)
	// MERGEPLAY_FIXTURES=httpx@,requests@ narrows the run while working on profiles.
	var only []string
	if f := os.Getenv("MERGEPLAY_FIXTURES"); f != "" {
		only = strings.Split(f, ",")
	}
	selected := func(lib string) bool {
		return only == nil || slices.ContainsFunc(only, func(p string) bool { return strings.HasPrefix(lib+"@", p) || strings.HasPrefix(p, lib+"@") })
	}
	type miss struct{ lib, release, caseName string }
	misses := map[miss]bool{}
	seen := map[string]bool{}
	for _, lib := range stored {
		seen[lib.name] = true
		if !selected(lib.name) {
			continue
		}
		listed, err := fixture.ReadReleaseList(fixture.ReleaseListPath("..", lib.name))
		if err != nil {
			t.Fatal(err)
		}
		// A release no profile covers cannot be checked case by case: it must be listed as
		// lib@first..last/* while its profile is pending, and such a line fails once it resolves.
		// A yanked release is refused by design; its recordings are kept but not checked.
		refused := map[string]bool{}
		for _, release := range lib.releases {
			if slices.ContainsFunc(listed, func(l fixture.Listed) bool { return l.Version == release && l.Withdrawn() }) {
				refused[release] = true
				continue
			}
			var wild *divergence
			for _, d := range divs {
				if d.caseName == "*" && d.covers(lib.name, release, "*") {
					wild = d
				}
			}
			_, _, err := testRegistry.Lookup(lib.name + "@" + release)
			if wild != nil {
				wild.total++
				if err == nil {
					wild.matched++
				}
			}
			if err != nil {
				refused[release] = true
				if wild == nil {
					misses[miss{lib.name, release, "*"}] = true
					if !*updateDivergences {
						t.Errorf("%s@%s was recorded but does not resolve: %v", lib.name, release, err)
					}
				}
			}
		}
		pass, total := 0, 0
		for _, f := range lib.files {
			for _, c := range f.Cases {
				variant := map[string]fixture.Want{}
				for _, v := range c.Variants {
					set, _ := fixture.ParseSet(v.Releases, lib.releases)
					for _, r := range set {
						variant[r] = v.Want
					}
				}
				for _, release := range lib.releases {
					if refused[release] {
						continue
					}
					fc := expand(lib.name, release, c.ScenarioFor(lib.name, release), fixture.Denormalize(variant[release], release), c.Name)
					if only != nil && !slices.ContainsFunc(only, func(p string) bool { return strings.HasPrefix(fc.Name, p) }) {
						continue
					}
					mismatch := checkCase(fc)
					total++
					var div *divergence
					for _, d := range divs {
						if d.caseName != "*" && d.covers(lib.name, release, c.Name) {
							div = d
							break
						}
					}
					if div != nil {
						div.total++
					}
					switch {
					case mismatch == "":
						pass++
						if div != nil {
							div.matched++
						}
					case div == nil:
						misses[miss{lib.name, release, c.Name}] = true
						if !*updateDivergences {
							t.Errorf("resolve(%s) %s", fc.Name, mismatch)
						}
					}
				}
			}
		}
		t.Logf("%-9s %3d releases %6d/%-6d recordings match", lib.name, len(lib.releases), pass, total)
	}
	if *updateDivergences {
		writeDivergences(t, stored, divs, func(lib, release, caseName string) bool {
			if misses[miss{lib, release, caseName}] {
				return true
			}
			for _, d := range divs {
				if d.covers(lib, release, caseName) && d.matched < d.total {
					return true // listed and still diverging somewhere in its run: re-derive the run
				}
			}
			return false
		})
		return
	}
	for _, d := range divs {
		switch {
		case !seen[d.lib] || !selected(d.lib):
			if !seen[d.lib] {
				t.Errorf("divergences.txt:%d lists %s, a library with no stored fixtures; remove the line", d.line, d.id())
			}
		case d.total == 0:
			t.Errorf("divergences.txt:%d lists %s, which names no recorded case and release; remove the line", d.line, d.id())
		case d.matched == d.total:
			t.Errorf("divergences.txt:%d: %s now matches the recording at every release it names; remove the line", d.line, d.id())
		case d.caseName == "*" && d.matched > 0:
			t.Errorf("divergences.txt:%d: %s: %d of its %d releases resolve now; narrow the line and list what still diverges per case (go test ./libs -run TestConformance -update-divergences)", d.line, d.id(), d.matched, d.total)
		case d.matched > 0:
			t.Errorf("divergences.txt:%d: %s matches the recording at %d of its %d releases; narrow the line to where it still diverges (go test ./libs -run TestConformance -update-divergences)", d.line, d.id(), d.matched, d.total)
		}
	}
}

// writeDivergences rewrites the divergence file from the mismatches: one line per case and run
// of consecutive recorded releases, keeping the reason of a line that covered the run.
func writeDivergences(t *testing.T, stored []storedLibrary, divs []*divergence, diverges func(lib, release, caseName string) bool) {
	b, err := os.ReadFile(divergenceFile)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		out = append(out, line)
	}
	var lines []string
	for _, lib := range stored {
		f0 := &fixture.File{Cases: []fixture.Case{{Name: "*"}}}
		for _, f := range append([]*fixture.File{f0}, lib.files...) {
			for _, c := range f.Cases {
				for i := 0; i < len(lib.releases); i++ {
					if !diverges(lib.name, lib.releases[i], c.Name) {
						continue
					}
					j := i
					for j+1 < len(lib.releases) && diverges(lib.name, lib.releases[j+1], c.Name) {
						j++
					}
					d := &divergence{lib: lib.name, from: lib.releases[i], to: lib.releases[j], caseName: c.Name}
					reason := "profile split pending: see sweep report"
					if c.Name == "*" {
						reason = "outside every profile: profile split pending, see sweep report"
					}
					for _, old := range divs {
						if old.caseName == c.Name && old.lib == lib.name && !(merge.CompareVersions(old.to, d.from) < 0 || merge.CompareVersions(old.from, d.to) > 0) {
							reason = old.reason
							break
						}
					}
					lines = append(lines, d.id()+" "+reason)
					i = j
				}
			}
		}
	}
	sort.Strings(lines)
	out = append(out, lines...)
	if err := os.WriteFile(divergenceFile, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d lines", divergenceFile, len(lines))
}

// testRegistry holds every profile.
var testRegistry = Registry()

// uncitedBoundaries are the profiles that start where another of their library ends but carry
// no Since, each with the reason. TestBoundariesCited fails on a profile missing from here and
// on a line that no longer applies, so the list only shrinks.
var uncitedBoundaries = map[string]string{
	"got >=16.0.0 <17": "nothing recorded differs between 15.1.0 and 16.0.0 (every case, both sides recorded); the profile starts " +
		"at the major for its cites at 16.1.0's npm dist and the 16.1.0 facts, since the readable git mirror's tags stop at v15.0.5",
}

// TestBoundariesCited: a profile whose range starts where another of its library ends says
// why (Since: the pull request or commit between the two releases), so `mergeplay libraries`
// shows the citation of every boundary.
func TestBoundariesCited(t *testing.T) {
	byLib := map[string][]*merge.Profile{}
	for _, p := range testRegistry.Profiles() {
		byLib[p.Library] = append(byLib[p.Library], p)
	}
	seen := map[string]bool{}
	for _, ps := range byLib {
		for _, p := range ps {
			follows := slices.ContainsFunc(ps, func(q *merge.Profile) bool { return q != p && q.Max != "" && merge.CompareVersions(q.Max, p.Min) == 0 })
			reason, listed := uncitedBoundaries[p.Name()]
			seen[p.Name()] = listed
			switch {
			case !p.Since.IsZero() && (p.Since.Ref == "" || p.Since.URL == "" || p.Since.Doc == ""):
				t.Errorf("%s: Since %+v needs Ref, URL and Doc", p.Name(), p.Since)
			case !p.Since.IsZero() && listed:
				t.Errorf("%s has a Since; remove it from uncitedBoundaries", p.Name())
			case !p.Since.IsZero() && !follows:
				t.Errorf("%s: Since cites a boundary, but no %s profile ends at %s", p.Name(), p.Library, p.Min)
			case follows && p.Since.IsZero() && !listed:
				t.Errorf("%s starts where another %s profile ends but has no Since: cite the change between the two "+
					"releases (read in the source between the tags), or list it in uncitedBoundaries with the reason", p.Name(), p.Library)
			case listed && (!follows || reason == ""):
				t.Errorf("uncitedBoundaries lists %s, which does not follow another profile or has no reason; remove the line", p.Name())
			}
		}
	}
	for name := range uncitedBoundaries {
		if !seen[name] {
			t.Errorf("uncitedBoundaries lists %s, which is no profile; remove the line", name)
		}
	}
}
