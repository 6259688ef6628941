// Command record drives the real client libraries against the loopback echo
// server and writes what they sent as conformance fixtures.
//
//	go run ./conformance/record            # re-record into libs/<package>/testdata/fixtures
//	go run ./conformance/record -check     # record into a temp dir; fail if anything differs
//	go run ./conformance/record -all -out DIR   # every release of conformance/releases/sweep.txt
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
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mergeplay/mergeplay/conformance/echo"
	"github.com/mergeplay/mergeplay/merge"
)

// Library is one recorded library version and the runner family that drives it.
type Library struct {
	ID     string
	Family string // folder under conformance/runners
}

// Recorded lists every library version the fixtures come from.
var Recorded = []Library{
	{"requests@2.28.1", "python"},
	{"requests@2.34.2", "python"},
	{"httpx@0.14.1", "python"},
	{"httpx@0.14.2", "python"},
	{"httpx@0.18.2", "python"},
	{"httpx@0.23.3", "python"},
	{"httpx@0.27.2", "python"},
	{"httpx@0.28.1", "python"},
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
	{"net/http@1.26.8", "go"},
	{"resty@2.17.2", "go"},
}

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

// Fixture files: libs/<package>/testdata/fixtures/<library@version>/<feature>.json,
// next to the library's profile (see fixtureRoot).
type fixtureFile struct {
	Library string        `json:"library"`
	Feature string        `json:"feature"`
	Comment string        `json:"comment"`
	Cases   []fixtureCase `json:"cases"`
}

type fixtureCase struct {
	Name     string          `json:"name"`
	Comment  string          `json:"comment,omitempty"`
	Scenario json.RawMessage `json:"scenario"`
	Want     Want            `json:"want"`
}

// Want is the observable result: the wire request, or the error, or why the
// scenario cannot be expressed.
type Want struct {
	Outcome string          `json:"outcome"`
	Request *WireWant       `json:"request,omitempty"`
	Error   *merge.LibError `json:"error,omitempty"`
	Reason  string          `json:"reason,omitempty"`
}

type WireWant struct {
	Method     string      `json:"method"`
	Target     string      `json:"target"`
	Headers    [][2]string `json:"headers"`
	Body       string      `json:"body"`
	BodyBase64 bool        `json:"body_base64,omitempty"`
}

func main() {
	root := flag.String("root", ".", "repository root")
	check := flag.Bool("check", false, "record into a temporary folder and fail if it differs from the committed fixtures")
	only := flag.String("lib", "", "comma-separated library ids to record (default: all)")
	jobs := flag.Int("j", 3, "runners at once")
	all := flag.Bool("all", false, "record every release of conformance/releases/sweep.txt instead of the Recorded list (needs -out; -lib then also takes prefixes such as httpx@)")
	out := flag.String("out", "", "with -all: the folder to write <library@version>/<feature>.json into (outside the repository)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("record: ")
	if *all {
		if *out == "" || *check {
			log.Fatal("-all needs -out DIR and no -check: the sweep is compared by conformance/sweepreport, not with the fixtures")
		}
		sweep, err := loadSweep(filepath.Join(*root, "conformance/releases/sweep.txt"))
		if err != nil {
			log.Fatal(err)
		}
		Recorded = sweep
	}

	corpus, err := loadCorpus(filepath.Join(*root, "conformance/corpus"))
	if err != nil {
		log.Fatal(err)
	}
	libs := Recorded
	if *only != "" {
		libs = nil
		for _, id := range strings.Split(*only, ",") {
			for _, l := range Recorded {
				if l.ID == id || *all && strings.HasSuffix(id, "@") && strings.HasPrefix(l.ID, id) {
					libs = append(libs, l)
				}
			}
		}
		if len(libs) == 0 {
			log.Fatalf("no recorded library matches %q", *only)
		}
	}

	for _, fam := range families(libs) {
		start := time.Now()
		if *all {
			setupSweep(*root, fam, libs, *jobs)
		} else {
			cmd := exec.Command(filepath.Join(*root, "conformance/runners", fam, "setup"))
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
			if err := cmd.Run(); err != nil {
				log.Fatalf("setup of %s runners: %v", fam, err)
			}
		}
		log.Printf("setup %s: %s", fam, time.Since(start).Round(time.Millisecond))
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	go echo.Serve(l)

	// Recording writes into each library's folder; -check writes everything
	// into one temporary folder and compares; -all writes every release into -out.
	outDir := func(lib Library) string { return fixtureRoot(*root, lib) }
	if *all {
		outDir = func(Library) string { return *out }
	}
	if *check {
		tmp, err := os.MkdirTemp("", "mergeplay-fixtures-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		outDir = func(Library) string { return tmp }
	}

	var wg sync.WaitGroup
	sem := make(chan struct{}, *jobs)
	errs := make([]error, len(libs))
	spans := make([][2]time.Time, len(libs))
	for i, lib := range libs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			errs[i] = recordLibrary(*root, outDir(lib), lib, corpus, l.Addr().String())
			spans[i] = [2]time.Time{start, time.Now()}
			log.Printf("%-16s %s", lib.ID, time.Since(start).Round(time.Millisecond))
		}()
	}
	wg.Wait()
	if *all {
		logWallClock(libs, spans)
	}
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
	if *check {
		committed := func(lib Library) string { return fixtureRoot(*root, lib) }
		if n := compareTrees(committed, outDir, libs); n > 0 {
			log.Printf("%d fixture files differ from a fresh recording; if the change is expected, run `make record` and review the diff", n)
			os.Exit(1)
		}
		log.Printf("fixtures match a fresh recording of %d library versions", len(libs))
	}
}

// fixtureRoot is where a library's fixtures live: libs/<package>/testdata/fixtures,
// the package being the library name without slashes (net/http → nethttp).
func fixtureRoot(root string, lib Library) string {
	name, _, _ := strings.Cut(lib.ID, "@")
	return filepath.Join(root, "libs", strings.ReplaceAll(name, "/", ""), "testdata", "fixtures")
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

// withLibrary returns the scenario with "library" set, key order kept. The
// other members are only compacted, not decoded and re-encoded: the engine's
// decoder turns an ill-formed escape such as "\ud800" into U+FFFD, and the
// runners must get the string the corpus wrote, since Python and JS strings
// can hold a lone surrogate. Escaping <, > and & as \u003c... keeps the bytes
// identical to what re-encoding wrote before.
func withLibrary(raw json.RawMessage, lib string) (json.RawMessage, error) {
	if _, err := merge.DecodeValue(raw); err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("scenario must be a JSON object")
	}
	var b bytes.Buffer
	b.WriteString(`{"mergeplay":1,"library":`)
	name, _ := json.Marshal(lib)
	b.Write(name)
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return nil, err
		}
		var member json.RawMessage
		if err := d.Decode(&member); err != nil {
			return nil, err
		}
		if key := t.(string); key == "mergeplay" || key == "library" {
			continue
		}
		key, _ := json.Marshal(t)
		b.WriteByte(',')
		b.Write(key)
		b.WriteByte(':')
		if err := json.Compact(&b, member); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	var out bytes.Buffer
	json.HTMLEscape(&out, b.Bytes())
	return out.Bytes(), nil
}

func recordLibrary(root, outDir string, lib Library, corpus []corpusFile, addr string) error {
	var cases []runnerCase
	for _, cf := range corpus {
		for _, c := range cf.Cases {
			sc, err := withLibrary(c.Scenario, lib.ID)
			if err != nil {
				return fmt.Errorf("%s/%s: %v", cf.Feature, c.Name, err)
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
		return fmt.Errorf("runner: %v\n%s", err, tail(stderr.String(), 2000))
	}
	var outs []Outcome
	if err := json.Unmarshal(stdout.Bytes(), &outs); err != nil {
		return fmt.Errorf("runner output is not a JSON array: %v\n%s", err, tail(stdout.String(), 500))
	}
	if len(outs) != len(cases) {
		return fmt.Errorf("runner answered %d cases of %d", len(outs), len(cases))
	}
	i := 0
	for _, cf := range corpus {
		ff := fixtureFile{Library: lib.ID, Feature: cf.Feature,
			Comment: "Recorded from the real library by conformance/record; do not edit by hand.",
			Cases:   []fixtureCase{}}
		for _, c := range cf.Cases {
			o := outs[i]
			if o.Name != "" && o.Name != cases[i].Name {
				return fmt.Errorf("runner answered %q for case %q", o.Name, cases[i].Name)
			}
			want := Want{Outcome: o.Outcome, Error: o.Error, Reason: o.Reason}
			switch o.Outcome {
			case merge.OutcomeSent:
				if o.Wire == nil {
					return fmt.Errorf("%s: outcome sent without a wire record", cases[i].Name)
				}
				want.Request = &WireWant{Method: o.Wire.Method, Target: o.Wire.Target, Headers: o.Wire.Headers, Body: o.Wire.Body, BodyBase64: o.Wire.BodyBase64}
			case merge.OutcomeError, merge.OutcomeUnsupported:
			default:
				return fmt.Errorf("%s: unknown outcome %q", cases[i].Name, o.Outcome)
			}
			ff.Cases = append(ff.Cases, fixtureCase{
				Name:     lib.ID + "/" + cf.Feature + "/" + c.Name,
				Comment:  c.Comment,
				Scenario: cases[i].Scenario,
				Want:     want,
			})
			i++
		}
		b, err := marshalFixture(ff)
		if err != nil {
			return err
		}
		dir := filepath.Join(outDir, lib.ID)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, cf.Feature+".json"), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func marshalFixture(ff fixtureFile) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ff); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// compareTrees reports fixture files of the given libraries that differ.
func compareTrees(committedDir, freshDir func(Library) string, libs []Library) int {
	n := 0
	for _, lib := range libs {
		committed, fresh := committedDir(lib), freshDir(lib)
		a, _ := filepath.Glob(filepath.Join(committed, lib.ID, "*.json"))
		b, _ := filepath.Glob(filepath.Join(fresh, lib.ID, "*.json"))
		names := map[string]bool{}
		for _, p := range append(a, b...) {
			names[filepath.Base(p)] = true
		}
		for name := range names {
			x, errA := os.ReadFile(filepath.Join(committed, lib.ID, name))
			y, errB := os.ReadFile(filepath.Join(fresh, lib.ID, name))
			switch {
			case errA != nil:
				log.Printf("%s/%s: recorded but not committed", lib.ID, name)
				n++
			case errB != nil:
				log.Printf("%s/%s: committed but no longer recorded", lib.ID, name)
				n++
			case !bytes.Equal(x, y):
				log.Printf("%s/%s differs:\n%s", lib.ID, name, firstDiff(x, y))
				n++
			}
		}
	}
	return n
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("  line %d\n  - committed: %s\n  + recorded:  %s", i+1, strings.TrimSpace(x), strings.TrimSpace(y))
		}
	}
	return "  (same lines)"
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
		if len(f) < 2 {
			return nil, fmt.Errorf("%s:%d: want a library id and a runner family", path, n+1)
		}
		out = append(out, Library{f[0], f[1]})
	}
	return out, nil
}

// setupSweep installs the sweep's releases of one runner family, a few ids per setup call
// (python's setup builds every venv it is given at once). A release that fails to install
// is logged and then fails alone when its runner cannot start.
func setupSweep(root, fam string, libs []Library, jobs int) {
	var ids []string
	for _, l := range libs {
		if l.Family == fam {
			ids = append(ids, l.ID)
		}
	}
	batch := max(jobs, 1)
	if fam == "js" {
		batch = len(ids) // js/setup installs the whole sweep folder with one npm ci
	}
	for len(ids) > 0 {
		n := min(batch, len(ids))
		cmd := exec.Command(filepath.Join(root, "conformance/runners", fam, "setup"), ids[:n]...)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			log.Printf("setup of %s %s: %v", fam, strings.Join(ids[:n], " "), err)
		}
		ids = ids[n:]
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
