// Command sweepreport reads a sweep (`make record-all`: every release of
// conformance/releases/sweep.txt recorded into one folder) and writes a Markdown report.
//
//	go run ./conformance/sweepreport -in /work/scratch/sweep -out /work/scratch/sweep-report.md
//
// Per library it finds the spans of consecutive releases whose recordings are identical
// (the library's own version inside User-Agent aside), resolves every recorded case of every
// release with today's engine, in process, and counts the mispredictions per span; releases
// outside every profile and releases with no recording are listed.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/google/go-cmp/cmp"
	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

type fixtureFile struct {
	Library string        `json:"library"`
	Feature string        `json:"feature"`
	Cases   []fixtureCase `json:"cases"`
}

type fixtureCase struct {
	Name     string          `json:"name"`
	Scenario json.RawMessage `json:"scenario"`
	Want     want            `json:"want"`
}

type want struct {
	Outcome string          `json:"outcome"`
	Request *merge.Wire     `json:"request,omitempty"`
	Error   *merge.LibError `json:"error,omitempty"`
	Reason  string          `json:"reason,omitempty"`
}

// release is one recorded release: its cases, and what the engine made of them.
type release struct {
	id, lib, version string
	recorded         bool
	key              [32]byte // of the normalized recordings
	cases            int
	outside          string // the engine's error when no profile covers the release
	wrong            []mismatch
	profiles         []string
	fixtures         []fixtureCase
	as               string            // outside every profile: the covered release the engine resolved it as
	norm             map[string]string // case -> its normalized recording (JSON)
	order            []string
}

type mismatch struct{ name, why string }

func main() {
	in := flag.String("in", "", "the sweep folder (record -all -out)")
	sweepList := flag.String("sweep", "conformance/releases/sweep.txt", "the releases, in order")
	out := flag.String("out", "", "the report to write (default: stdout)")
	examples := flag.Int("examples", 3, "mispredicted cases shown per span")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("sweepreport: ")
	if *in == "" {
		log.Fatal("give -in DIR, the folder `make record-all` wrote")
	}
	ids, err := readSweep(*sweepList)
	if err != nil {
		log.Fatal(err)
	}
	var rels []*release
	for _, id := range ids {
		r, err := load(*in, id)
		if err != nil {
			log.Fatalf("%s: %v", id, err)
		}
		rels = append(rels, r)
	}
	resolveOutside(rels)
	report := render(*in, rels, *examples)
	if *out == "" {
		os.Stdout.Write(report)
		return
	}
	if err := os.WriteFile(*out, report, 0o644); err != nil {
		log.Fatal(err)
	}
}

func readSweep(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) > 0 && !strings.HasPrefix(f[0], "#") {
			ids = append(ids, f[0])
		}
	}
	return ids, nil
}

func load(dir, id string) (*release, error) {
	lib, version, _ := strings.Cut(id, "@")
	r := &release{id: id, lib: lib, version: version}
	paths, _ := filepath.Glob(filepath.Join(dir, id, "*.json"))
	sort.Strings(paths)
	if len(paths) == 0 {
		return r, nil
	}
	r.recorded = true
	h := sha256.New()
	profiles := map[string]bool{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var ff fixtureFile
		if err := json.Unmarshal(b, &ff); err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		r.fixtures = append(r.fixtures, ff.Cases...)
		for _, c := range ff.Cases {
			short := strings.TrimPrefix(c.Name, id+"/")
			norm, _ := json.Marshal(normalize(c.Want, version))
			fmt.Fprintf(h, "%s\x00%s\x00", short, norm)
			if r.norm == nil {
				r.norm = map[string]string{}
			}
			r.norm[short] = string(norm)
			r.order = append(r.order, short)
			r.cases++
			profile, why, outside := check(c, "", "")
			if outside != "" {
				r.outside = outside
				continue
			}
			profiles[profile] = true
			if why != "" {
				r.wrong = append(r.wrong, mismatch{short, why})
			}
		}
	}
	copy(r.key[:], h.Sum(nil))
	for p := range profiles {
		r.profiles = append(r.profiles, p)
	}
	sort.Strings(r.profiles)
	return r, nil
}

// resolveOutside resolves each release that no profile covers as the nearest release of the
// same library that one does (of the same major if there is one; the newer one on a tie), so
// the report can say how far the nearest profile is from it; the library's version in
// User-Agent is ignored on both sides.
func resolveOutside(rels []*release) {
	major := func(v string) string { m, _, _ := strings.Cut(v, "."); return m }
	for i, r := range rels {
		if r.outside == "" {
			continue
		}
		var near *release
		for _, sameMajor := range []bool{true, false} {
			for d := 1; near == nil && d < len(rels); d++ {
				for _, j := range []int{i + d, i - d} {
					if j >= 0 && j < len(rels) && rels[j].lib == r.lib && rels[j].recorded && rels[j].outside == "" &&
						(!sameMajor || major(rels[j].version) == major(r.version)) {
						near = rels[j]
						break
					}
				}
			}
		}
		if near == nil {
			continue
		}
		r.as = near.version
		profiles := map[string]bool{}
		for _, c := range r.fixtures {
			profile, why, _ := check(c, near.id, r.version)
			profiles[profile] = true
			if why != "" {
				r.wrong = append(r.wrong, mismatch{strings.TrimPrefix(c.Name, r.id+"/"), why})
			}
		}
		for p := range profiles {
			r.profiles = append(r.profiles, p)
		}
		sort.Strings(r.profiles)
	}
}

// normalize drops the library's own version from User-Agent ("python-httpx/0.14.0") and the
// runner's mention of its id ("... is not bound for requests@2.32.2"), so two releases that
// send the same thing otherwise fall into one span.
func normalize(w want, version string) want {
	w.Reason = strings.ReplaceAll(w.Reason, "@"+version, "@{version}")
	if w.Error != nil {
		e := *w.Error
		e.Message = strings.ReplaceAll(e.Message, "@"+version, "@{version}")
		w.Error = &e
	}
	if w.Request == nil {
		return w
	}
	req := *w.Request
	req.Headers = slices.Clone(req.Headers)
	for i, h := range req.Headers {
		if strings.EqualFold(h[0], "user-agent") {
			req.Headers[i][1] = strings.ReplaceAll(h[1], version, "{version}")
		}
	}
	w.Request = &req
	return w
}

// check resolves a recorded case with the engine: the profile it used and why its answer
// differs from the recording ("" when it matches), or the error when no profile covers it.
// With as (another release's id), the case is resolved as that release, and User-Agent is
// compared without either version (recorded: version).
func check(c fixtureCase, as, version string) (profile, why, outside string) {
	defer func() {
		if p := recover(); p != nil {
			why = fmt.Sprintf("engine panic: %v", p)
		}
	}()
	if as != "" {
		_, asVersion, _ := strings.Cut(as, "@")
		c.Want = normalize(c.Want, version)
		sc, err := merge.ParseScenario(c.Scenario, as)
		if err != nil {
			return "", "scenario does not parse: " + err.Error(), ""
		}
		res, err := libs.Registry().Resolve(sc)
		if err != nil {
			return "", "resolve: " + err.Error(), ""
		}
		if res.Request != nil {
			w := normalize(want{Request: res.Request}, asVersion)
			res.Request = w.Request
		}
		return compare(c, res)
	}
	sc, err := merge.ParseScenario(c.Scenario, "")
	if err != nil {
		return "", "scenario does not parse: " + err.Error(), ""
	}
	res, err := libs.Registry().Resolve(sc)
	var le *merge.LibraryError
	if errors.As(err, &le) {
		return "", "", le.Message
	}
	if err != nil {
		return "", "resolve: " + err.Error(), ""
	}
	return compare(c, res)
}

func compare(c fixtureCase, res *merge.Result) (profile, why, outside string) {
	profile = res.Profile
	describe := func(outcome string, e *merge.LibError, reason string) string {
		switch {
		case e != nil:
			return outcome + " " + e.Type + ": " + e.Message
		case reason != "":
			return outcome + " (" + reason + ")"
		}
		return outcome
	}
	if res.Outcome != c.Want.Outcome {
		return profile, "outcome: engine " + describe(res.Outcome, res.Error, res.Reason) + "; recorded " + describe(c.Want.Outcome, c.Want.Error, c.Want.Reason), ""
	}
	switch res.Outcome {
	case merge.OutcomeSent:
		got := *res.Request
		got.URL = "" // the echo server sees only the target
		if c.Want.Request == nil {
			return profile, "recording has no request", ""
		}
		if d := cmp.Diff(*c.Want.Request, got); d != "" {
			return profile, "wire (-recorded +engine):\n" + d, ""
		}
	case merge.OutcomeError:
		if c.Want.Error == nil || res.Error == nil {
			return profile, "error missing on one side", ""
		}
		if *c.Want.Error != *res.Error {
			return profile, fmt.Sprintf("error: recorded %s: %q; engine %s: %q", c.Want.Error.Type, c.Want.Error.Message, res.Error.Type, res.Error.Message), ""
		}
	}
	return profile, "", ""
}

// ---------------------------------------------------------------------------------------------

func render(dir string, rels []*release, examples int) []byte {
	var b bytes.Buffer
	recorded := 0
	for _, r := range rels {
		if r.recorded {
			recorded++
		}
	}
	fmt.Fprintf(&b, "# Sweep report\n\n")
	fmt.Fprintf(&b, "Recordings: `%s`, %d of %d releases of `conformance/releases/sweep.txt` recorded. ", dir, recorded, len(rels))
	fmt.Fprintf(&b, "A span is a run of consecutive releases whose recordings are identical, the library's own version in User-Agent aside. ")
	fmt.Fprintf(&b, "\"Wrong\" counts the recorded cases that today's engine resolves differently (min–max over the span's releases).\n\n")

	var libs []string
	by := map[string][]*release{}
	for _, r := range rels {
		if by[r.lib] == nil {
			libs = append(libs, r.lib)
		}
		by[r.lib] = append(by[r.lib], r)
	}
	fmt.Fprintf(&b, "| library | releases | recorded | spans | outside every profile | releases with wrong cases |\n|---|---|---|---|---|---|\n")
	for _, lib := range libs {
		rs := by[lib]
		nrec, nout, nwrong := 0, 0, 0
		for _, r := range rs {
			if r.recorded {
				nrec++
			}
			if r.outside != "" {
				nout++
			}
			if len(r.wrong) > 0 {
				nwrong++
			}
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", lib, len(rs), nrec, len(spans(rs)), nout, nwrong)
	}
	for _, lib := range libs {
		rs := by[lib]
		fmt.Fprintf(&b, "\n## %s\n\n", lib)
		fmt.Fprintf(&b, "| span | releases | cases | wrong | profiles |\n|---|---|---|---|---|\n")
		sp := spans(rs)
		for _, s := range sp {
			first, last := s[0], s[len(s)-1]
			name := first.version
			if len(s) > 1 {
				name += " – " + last.version
			}
			if !first.recorded {
				fmt.Fprintf(&b, "| %s | %d | not recorded | | |\n", name, len(s))
				continue
			}
			lo, hi := -1, 0
			prof := map[string]bool{}
			var as []string
			for _, r := range s {
				n := len(r.wrong)
				if r.outside != "" {
					if r.as == "" {
						continue
					}
					if !slices.Contains(as, r.as) {
						as = append(as, r.as)
					}
				}
				if lo < 0 || n < lo {
					lo = n
				}
				hi = max(hi, n)
				for _, p := range r.profiles {
					prof[p] = true
				}
			}
			wrong := "outside every profile"
			if lo >= 0 {
				wrong = fmt.Sprint(lo)
				if hi != lo {
					wrong = fmt.Sprintf("%d–%d", lo, hi)
				}
				if n := countOutside(s); len(as) > 0 && n == len(s) {
					wrong += " (outside every profile; resolved as " + strings.Join(as, ", ") + ")"
				} else if len(as) > 0 {
					wrong += fmt.Sprintf(" (%d of %d outside every profile, resolved as %s)", n, len(s), strings.Join(as, ", "))
				} else if outsideIn(s) {
					wrong += " (some releases outside every profile)"
				}
			}
			ps := make([]string, 0, len(prof))
			for p := range prof {
				ps = append(ps, p)
			}
			sort.Strings(ps)
			fmt.Fprintf(&b, "| %s | %d | %d | %s | %s |\n", name, len(s), first.cases, wrong, strings.Join(ps, ", "))
		}
		var outside []string
		for _, r := range rs {
			if r.outside != "" {
				outside = append(outside, r.version)
			}
		}
		if len(outside) > 0 {
			fmt.Fprintf(&b, "\nOutside every profile (%d): %s. The engine says: %q\n", len(outside), strings.Join(outside, ", "), firstOutside(rs))
		}
		var prev *release
		for _, s := range sp {
			if !s[0].recorded {
				continue
			}
			if prev != nil {
				changed := changedCases(prev, s[0])
				fmt.Fprintf(&b, "\n%s → %s: %d recorded cases differ", prev.version, s[0].version, len(changed))
				if len(changed) > 0 {
					fmt.Fprintf(&b, ", e.g. %s", strings.Join(changed[:min(6, len(changed))], ", "))
					fmt.Fprintf(&b, "; the first: %s", indent(firstChange(prev, s[0], changed[0])))
				}
				b.WriteString("\n")
			}
			prev = s[len(s)-1]
		}
		for _, s := range sp {
			// Examples from the span's last release (the newest behaviour of the span).
			r := s[len(s)-1]
			if len(r.wrong) == 0 {
				continue
			}
			asText := ""
			if r.as != "" {
				asText = " resolved as " + r.lib + "@" + r.as + " (outside every profile)"
			}
			fmt.Fprintf(&b, "\n%s%s (span %s – %s): %d wrong, e.g.\n", r.id, asText, s[0].version, r.version, len(r.wrong))
			for _, m := range r.wrong[:min(examples, len(r.wrong))] {
				fmt.Fprintf(&b, "- `%s`: %s\n", m.name, indent(m.why))
			}
		}
	}
	return b.Bytes()
}

// spans groups consecutive releases with identical recordings; an unrecorded release is a
// span of its own.
func spans(rs []*release) [][]*release {
	var out [][]*release
	for _, r := range rs {
		if n := len(out); n > 0 {
			prev := out[n-1][0]
			if prev.recorded && r.recorded && prev.key == r.key {
				out[n-1] = append(out[n-1], r)
				continue
			}
		}
		out = append(out, []*release{r})
	}
	return out
}

func countOutside(s []*release) int {
	n := 0
	for _, r := range s {
		if r.outside != "" {
			n++
		}
	}
	return n
}

func outsideIn(s []*release) bool {
	for _, r := range s {
		if r.outside != "" {
			return true
		}
	}
	return false
}

func firstOutside(rs []*release) string {
	for _, r := range rs {
		if r.outside != "" {
			return r.outside
		}
	}
	return ""
}

// indent keeps a diff's title and its changed lines, to keep the report short.
func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	if !strings.Contains(s, "\n") {
		return s
	}
	all := strings.Split(s, "\n")
	lines := all[:1]
	for _, l := range all[1:] {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+") {
			lines = append(lines, strings.Join(strings.Fields(t), " "))
		}
	}
	if len(lines) > 9 {
		lines = append(lines[:9], "…")
	}
	return "\n\n  ```\n  " + strings.Join(lines, "\n  ") + "\n  ```"
}

// changedCases names the cases whose normalized recordings differ between two releases.
func changedCases(a, b *release) []string {
	var out []string
	for _, name := range b.order {
		x, ok := a.norm[name]
		if !ok {
			out = append(out, "`"+name+"` (new)")
			continue
		}
		if x != b.norm[name] {
			out = append(out, "`"+name+"`")
		}
	}
	for _, name := range a.order {
		if _, ok := b.norm[name]; !ok {
			out = append(out, "`"+name+"` (gone)")
		}
	}
	return out
}

// firstChange shows how one case's recording changed between two releases.
func firstChange(a, b *release, quoted string) string {
	name := strings.Trim(strings.Fields(quoted)[0], "`")
	var x, y want
	json.Unmarshal([]byte(a.norm[name]), &x)
	json.Unmarshal([]byte(b.norm[name]), &y)
	return fmt.Sprintf("(-%s +%s):\n%s", a.version, b.version, cmp.Diff(x, y))
}
