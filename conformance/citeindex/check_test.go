// These tests hold the profiles' provenance to the libraries' source (issue 13 item 2): every
// citation a rule or a trace step carries names a file and a function at the tag the recordings
// run, and every part of every recorded request, and every error, has the steps that produced it.

package citeindex

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/conformance/fixture"
	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

// exemptTags are citations of something other than a library's source, with why they are not
// checked against the index. The runner's binding is the project's own code: it is checked
// against the checkout instead (TestBindingCites).
var exemptTags = map[string]string{
	"mergeplay": "the conformance runner's own binding code, in this repository",
}

var funcNote = regexp.MustCompile(`\s*\([^)]*\)$`)

// citedNames splits a citation's Func into the declarations it names: "A / B" and "A -> B" name
// both; a trailing "(…)" is a note for people; "X constructor" is X's constructor.
func citedNames(fn, language string) []string {
	var out []string
	for _, part := range regexp.MustCompile(` / | -> `).Split(fn, -1) {
		part = funcNote.ReplaceAllString(strings.TrimSpace(part), "")
		if cls, ok := strings.CutSuffix(part, " constructor"); ok {
			if language == "python" {
				part = cls + ".__init__"
			} else {
				part = cls + ".constructor"
			}
		}
		out = append(out, part)
	}
	return out
}

func TestCites(t *testing.T) {
	idx, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range libs.Registry().Profiles() {
		for _, r := range p.Rules {
			for _, c := range r.Cites() {
				if _, ok := exemptTags[c.Tag]; ok {
					continue
				}
				where := fmt.Sprintf("%s rule %s: cite %s", p.Name(), r.Name, c)
				key, file, line, err := Locate(c)
				if err != nil {
					t.Errorf("%s: %v", where, err)
					continue
				}
				src, ok := idx.Sources[key]
				if !ok {
					t.Errorf("%s: %s is not in the index (indexed for this repository: %s); cite the version the recordings run, or add it to `make cite-index`", where, key, strings.Join(sameRepo(idx, key), ", "))
					continue
				}
				decls, ok := src.Decls(file)
				if !ok {
					t.Errorf("%s: no file %s in %s", where, file, key)
					continue
				}
				var spans [][2]int
				for _, name := range citedNames(c.Func, p.Language) {
					// A name can be declared more than once: a property's getter and
					// setter, typing overloads.
					found := false
					for _, d := range decls {
						if d.Name == name {
							found = true
							spans = append(spans, [2]int{d.First, d.Last})
						}
					}
					if !found {
						t.Errorf("%s: %s has no declaration %q (did you mean: %s)", where, file, name, strings.Join(near(decls, name), ", "))
					}
				}
				if !src.Lines || len(spans) == 0 {
					continue
				}
				if line == 0 {
					t.Errorf("%s: link has no line anchor; %s", where, anchors(c, spans))
					continue
				}
				in := false
				for _, s := range spans {
					in = in || s[0] <= line && line <= s[1]
				}
				if !in {
					t.Errorf("%s: line %d is outside %s; %s", where, line, c.Func, anchors(c, spans))
				}
			}
		}
	}
}

// runtimeTags says which tag of a runtime's repository a profile's Runtime line names, so a cite
// into Node, undici, CPython, urllib3 or Go is at the version the recordings ran on.
var runtimeTags = []struct {
	repo string
	re   *regexp.Regexp
	tag  func(v string) string
}{
	{"nodejs/undici", regexp.MustCompile(`undici (\d+\.\d+\.\d+)`), func(v string) string { return "v" + v }},
	{"nodejs/node", regexp.MustCompile(`Node v?(\d+\.\d+\.\d+)`), func(v string) string { return "v" + v }},
	{"python/cpython", regexp.MustCompile(`CPython (\d+\.\d+\.\d+)`), func(v string) string { return "v" + v }},
	{"urllib3/urllib3", regexp.MustCompile(`urllib3 (\d+\.\d+\.\d+)`), func(v string) string { return v }},
	{"golang/go", regexp.MustCompile(`go(\d+\.\d+\.\d+)`), func(v string) string { return "go" + v }},
}

func TestCitesMatchRuntime(t *testing.T) {
	for _, p := range libs.Registry().Profiles() {
		for _, r := range p.Rules {
			for _, c := range r.Cites() {
				m := githubURL.FindStringSubmatch(c.URL)
				if m == nil {
					continue
				}
				for _, rt := range runtimeTags {
					v := rt.re.FindStringSubmatch(p.Runtime)
					if m[1] == rt.repo && v != nil && m[2] != rt.tag(v[1]) {
						t.Errorf("%s rule %s: cite %s is at %s@%s, but the profile runs on %q", p.Name(), r.Name, c, rt.repo, m[2], p.Runtime)
					}
				}
			}
		}
	}
}

// ownSources are the index key prefixes of each library's own source, as a profile cites it.
var ownSources = map[string][]string{
	"requests": {"psf/requests@"}, "httpx": {"encode/httpx@"}, "axios": {"axios/axios@"},
	"ky": {"sindresorhus/ky@"}, "got": {"sindresorhus/got@", "npm:got@"}, "resty": {"go-resty/resty@"},
	"ofetch": {"npm:ofetch@"}, "niquests": {"jawah/niquests@"},
}

// TestCitesInRange: a cite into the library's own source is at a release the profile covers,
// so a rule of one release (ky 0.33.0's duplex) cannot sit in a range that never had it.
func TestCitesInRange(t *testing.T) {
	for _, p := range libs.Registry().Profiles() {
		for _, r := range p.Rules {
			for _, c := range r.Cites() {
				key, _, _, err := Locate(c)
				if err != nil {
					continue // TestCites reports it
				}
				for _, prefix := range ownSources[p.Library] {
					if tag, ok := strings.CutPrefix(key, prefix); ok && !covers(p, tag) {
						t.Errorf("%s rule %s: cite %s is at %s, outside the profile's range; cite a release the range holds, or move the rule to the profile of that release", p.Name(), r.Name, c, tag)
					}
				}
			}
		}
	}
}

// covers is Profile's range check on a tag ("v1.11.0").
func covers(p *merge.Profile, tag string) bool {
	return (p.Min == "" || CompareVersions(tag, p.Min) >= 0) && (p.Max == "" || CompareVersions(tag, p.Max) < 0)
}

// TestBindingCites checks the exempt binding citations against this checkout instead.
func TestBindingCites(t *testing.T) {
	for _, p := range libs.Registry().Profiles() {
		for _, r := range p.Rules {
			c := r.Cite
			if c.Tag != "mergeplay" {
				continue
			}
			b, err := os.ReadFile(filepath.Join("../..", c.File))
			if err != nil {
				t.Errorf("%s rule %s: cite %s: %v", p.Name(), r.Name, c, err)
				continue
			}
			decl := regexp.MustCompile(`(?m)^\s*(?:async\s+)?(?:def|function|func)\s+` + regexp.QuoteMeta(c.Func) + `\s*\(`)
			if !decl.Match(b) {
				t.Errorf("%s rule %s: %s declares no %s", p.Name(), r.Name, c.File, c.Func)
			}
		}
	}
}

// near lists declarations whose last component matches the name's, so "_finalizeBody" suggests
// "Request._finalizeBody".
func near(decls []Decl, name string) []string {
	last := name[strings.LastIndexAny(name, ". ")+1:]
	var out []string
	for _, d := range decls {
		if d.Name == last || strings.HasSuffix(d.Name, "."+last) {
			out = append(out, fmt.Sprintf("%s (lines %d-%d)", d.Name, d.First, d.Last))
		}
	}
	if out == nil {
		return []string{"nothing of that name"}
	}
	return out
}

func anchors(c merge.Cite, spans [][2]int) string {
	base, _, _ := strings.Cut(c.URL, "#")
	var s []string
	for _, sp := range spans {
		s = append(s, fmt.Sprintf("%s#L%d", base, sp[0]))
	}
	return "the function starts at " + strings.Join(s, " and ")
}

func sameRepo(idx *Index, key string) []string {
	repo, _, _ := strings.Cut(key, "@")
	var out []string
	for k := range idx.Sources {
		if strings.HasPrefix(k, repo+"@") {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	if out == nil {
		return []string{"none"}
	}
	return out
}

// ---- every part of every recorded request has the steps that produced it

type fixtureCase struct {
	Name     string
	Scenario json.RawMessage // with "library"
}

// traceReleases are the releases the rules' citations are read at: each must have stored cases.
// The trace checks resolve the stored cases of every recorded release (about 100 000 resolves,
// a few seconds), so a step that is not version-conditioned shows at the release where it stops
// being true.
var traceReleases = []string{
	"requests@2.28.1", "requests@2.34.2",
	"httpx@0.14.1", "httpx@0.14.2", "httpx@0.18.2", "httpx@0.23.3", "httpx@0.27.2", "httpx@0.28.1",
	"axios@0.27.2", "axios@1.21.1", "ky@1.14.3", "ky@2.1.0", "got@14.6.6", "got@16.1.0",
	"fetch@20.20.2", "net/http@1.26.8", "resty@2.17.2",
}

// fixtures are the stored cases of every recorded release (yanked ones aside: Lookup refuses
// them), each with its release's library id.
func fixtures(t *testing.T) []fixtureCase {
	t.Helper()
	dirs, _ := filepath.Glob("../../libs/*/testdata/fixtures")
	sort.Strings(dirs)
	var out []fixtureCase
	for _, dir := range dirs {
		files, err := fixture.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			for _, c := range f.Cases {
				for _, rel := range f.ReleaseList() {
					id := f.Library + "@" + rel
					if yanked(id) {
						continue
					}
					sc, err := fixture.WithLibrary(c.Scenario, id)
					if err != nil {
						t.Fatalf("%s/%s: %v", id, c.Name, err)
					}
					out = append(out, fixtureCase{Name: id + "/" + c.Name, Scenario: sc})
				}
			}
		}
	}
	for _, id := range traceReleases {
		if !slices.ContainsFunc(out, func(fc fixtureCase) bool { return strings.HasPrefix(fc.Name, id+"/") }) {
			t.Errorf("%s is in traceReleases but no stored fixture records it", id)
		}
	}
	return out
}

// produced reports whether a step says it put this value in the request: "override",
// "remove" and "ignore" steps name the value that lost (merge/doc.go).
func produced(s merge.Step) bool {
	return s.Action == merge.ActionSet || s.Action == merge.ActionKeep
}

// TestTraceCoversRequest: each header line, each query pair (counted: ky sends page=1 and
// page=2) and a body in a resolved fixture has its own step with that value, and a step that
// says a query value came from the client or the request names a value that side holds.
func TestTraceCoversRequest(t *testing.T) {
	for _, fc := range fixtures(t) {
		sc, err := merge.ParseScenario(fc.Scenario, "")
		if err != nil {
			t.Errorf("%s: %v", fc.Name, err)
			continue
		}
		res, err := libs.Registry().Resolve(sc)
		if err != nil {
			t.Errorf("%s: %v", fc.Name, err)
			continue
		}
		checkStepCites(t, fc.Name, res)
		if res.Outcome == merge.OutcomeError {
			checkRaised(t, fc.Name, res)
		}
		if res.Outcome != merge.OutcomeSent || res.Request == nil {
			continue
		}
		steps := map[string][]merge.Step{}
		for _, s := range res.Trace {
			if produced(s) {
				f := s.Field
				if h, ok := strings.CutPrefix(f, "headers."); ok {
					f = "headers." + strings.ToLower(h)
				}
				steps[f] = append(steps[f], s)
			}
		}
		for _, h := range res.Request.Headers {
			f := "headers." + strings.ToLower(h[0])
			if !hasValue(steps[f], h[1]) && !(f == "headers.cookie" && eachCookie(steps[f], h[1])) {
				t.Errorf("%s: header %s: %q has no step with that value (steps: %s)", fc.Name, h[0], h[1], values(steps[f]))
			}
		}
		_, query, _ := strings.Cut(res.Request.Target, "?")
		count := map[string]int{}
		for _, pair := range strings.Split(query, "&") {
			if query != "" {
				count[pair]++
			}
		}
		for pair, n := range count {
			rk, rv, _ := strings.Cut(pair, "=")
			k, v := unescape(rk), unescape(rv)
			// A value from the URL's own query is traced as its pair as written ("x=a%2Fb").
			spellings := []string{v, rv, pair, unescape(pair)}
			var have int
			for _, s := range steps["query."+k] {
				// A JS or Go library sends a lone surrogate as U+FFFD (USVString, encoding/json);
				// the step names the value as the scenario holds it.
				if contains(spellings, s.Value) || contains(spellings, merge.WellFormed(s.Value)) {
					have++
				}
			}
			kv := [2]string{k, v}
			if have != n {
				t.Errorf("%s: query %s=%s is sent %d times, %d steps produce it (steps: %s)", fc.Name, kv[0], kv[1], n, have, values(steps["query."+kv[0]]))
			}
		}
		for f, ss := range steps {
			k, ok := strings.CutPrefix(f, "query.")
			if !ok {
				continue
			}
			for _, s := range ss {
				var side *merge.Side
				switch s.Source {
				case merge.SourceClient:
					side = &sc.Client
				case merge.SourceRequest:
					side = &sc.Request
				default:
					continue
				}
				vals, ok := paramValues(side, k)
				if base, bracket := strings.CutSuffix(k, "[]"); bracket && len(vals) == 0 {
					vals, ok = paramValues(side, base) // axios sends a list as key[]
				}
				// A JS library sends a list as its Array.prototype.toString ("a,b").
				if ok && !contains(vals, s.Value) && s.Value != strings.Join(vals, ",") && !containsWellFormed(vals, s.Value) {
					t.Errorf("%s: step %q says %s=%s came from the %s, whose %s is %q", fc.Name, s.Rule, k, s.Value, s.Source, k, vals)
				}
			}
		}
		if res.Request.Body != "" && len(steps["body"]) == 0 {
			t.Errorf("%s: the body has no step", fc.Name)
		}
		if len(steps["url"]) == 0 {
			t.Errorf("%s: the URL has no step", fc.Name)
		}
	}
}

// checkStepCites: a step cites its rule's Cite or one of its Also, so the index check of the
// rules (TestCites) covers every citation the page shows.
func checkStepCites(t *testing.T, name string, res *merge.Result) {
	t.Helper()
	p := profileNamed(res.Profile)
	for _, s := range res.Trace {
		var cites []merge.Cite
		for _, r := range p.Rules {
			if r.Name == s.Rule {
				cites = r.Cites()
			}
		}
		ok := false
		for _, c := range cites {
			ok = ok || c.String() == s.Cite && c.URL == s.URL
		}
		if !ok {
			t.Errorf("%s: step %s by rule %q cites %s (%s), which is not among the rule's cites %v", name, s.Field, s.Rule, s.Cite, s.URL, cites)
		}
	}
}

// checkRaised: an error outcome ends with one step saying where the library raises it. An
// earlier error step of another type is an error the library wrapped (resty 2.15's errors.Join
// around net/http's error): it is allowed only as a raise step itself.
func checkRaised(t *testing.T, name string, res *merge.Result) {
	t.Helper()
	var raised, errSteps []merge.Step
	for _, s := range res.Trace {
		if s.Field != merge.FieldError {
			continue
		}
		errSteps = append(errSteps, s)
		if s.Value == res.Error.Type || s.Action != merge.ActionRaise {
			raised = append(raised, s)
		}
	}
	last := merge.Step{}
	if n := len(res.Trace); n > 0 {
		last = res.Trace[n-1]
	}
	if len(raised) != 1 || last.Field != merge.FieldError || last.Action != merge.ActionRaise || last.Value != res.Error.Type {
		t.Errorf("%s: %s is raised, but the trace does not end with the one step that raises it (error steps: %s)", name, res.Error.Type, values(errSteps))
	}
}

func profileNamed(name string) *merge.Profile {
	for _, p := range libs.Registry().Profiles() {
		if p.Name() == name {
			return p
		}
	}
	return &merge.Profile{}
}

func hasValue(ss []merge.Step, v string) bool {
	for _, s := range ss {
		if s.Value == v {
			return true
		}
	}
	return false
}

// eachCookie: a Cookie header joins the cookies, and each cookie has its own step.
func eachCookie(ss []merge.Step, header string) bool {
	for _, c := range strings.Split(header, "; ") {
		if !hasValue(ss, c) {
			return false
		}
	}
	return true
}

func values(ss []merge.Step) string {
	if len(ss) == 0 {
		return "none"
	}
	var out []string
	for _, s := range ss {
		out = append(out, fmt.Sprintf("%s %q by %s", s.Source, s.Value, s.Rule))
	}
	return strings.Join(out, "; ")
}

func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// paramValues is what a side's params hold for key as strings; ok is false when they hold numbers
// or booleans, whose text is the library's to choose.
func paramValues(side *merge.Side, key string) (vals []string, ok bool) {
	v := side.Params.Get(key)
	items := []merge.Value{v}
	switch v.Kind {
	case merge.Absent:
		return nil, true
	case merge.Null, merge.Undefined: // each library sends these its own way, or not at all
		return nil, false
	case merge.Array:
		items = v.Items
	}
	for _, it := range items {
		if it.Kind != merge.String {
			return nil, false
		}
		vals = append(vals, it.Text)
	}
	return vals, true
}

// containsWellFormed: v is one of vals once lone surrogates are U+FFFD, as a library that
// converts to USVString (or Go's encoding/json) sends them.
func containsWellFormed(vals []string, v string) bool {
	for _, x := range vals {
		if merge.WellFormed(x) == v {
			return true
		}
	}
	return false
}

// yanked reports whether the registry refuses id as a release its registry withdrew: its
// recordings are kept, but no answer is given to trace.
func yanked(id string) bool {
	_, _, err := libs.Registry().Lookup(id)
	return err != nil && strings.Contains(err.Error(), "withdrawn from its registry")
}
