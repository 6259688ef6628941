package libs_test

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

// The seed's question, answered by the real profiles over every recorded
// release: which httpx release stopped sending the client's auth for a
// request with auth=None, and which ones dropped it under client.stream().

func exampleTimeline(t *testing.T, file, library string, edit func(string) string) *merge.Timeline {
	t.Helper()
	doc, err := os.ReadFile("../web/examples/" + file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	if edit != nil {
		text = edit(text)
	}
	tl, aerr := libs.Registry().TimelineScenario([]byte(text), library, merge.TimelineOptions{})
	if aerr != nil {
		t.Fatalf("timeline of %s over %s: %v", file, library, aerr)
	}
	return tl
}

// releasesIn is the recorded releases of library in [min, max) ("" = open).
func releasesIn(t *testing.T, library, min, max string) []string {
	t.Helper()
	all, err := libs.Registry().Releases(library)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range all {
		if (min == "" || merge.CompareVersions(v, min) >= 0) && (max == "" || merge.CompareVersions(v, max) < 0) {
			out = append(out, v)
		}
	}
	return out
}

type spanWant struct {
	min, max string // the span is every recorded release in [min, max)
	summary  string // a part of its summary
}

func checkSpans(t *testing.T, what, library string, tl *merge.Timeline, want []spanWant) {
	t.Helper()
	if len(tl.Spans) != len(want) {
		t.Fatalf("%s: %d spans %v; want %d", what, len(tl.Spans), spanSummaries(tl), len(want))
	}
	for i, w := range want {
		s := tl.Spans[i]
		if rel := releasesIn(t, library, w.min, w.max); !slices.Equal(s.Releases, rel) {
			t.Errorf("%s: span %d holds %v; want the recorded releases in [%s, %s): %v", what, i, s.Releases, w.min, w.max, rel)
		}
		if !strings.Contains(s.Summary, w.summary) {
			t.Errorf("%s: span %s summary %q; want it to say %q", what, s.Range(), s.Summary, w.summary)
		}
	}
}

func spanSummaries(tl *merge.Timeline) []string {
	var out []string
	for _, s := range tl.Spans {
		out = append(out, s.Range()+": "+s.Summary)
	}
	return out
}

func TestTimelineAuthNone(t *testing.T) {
	tl := exampleTimeline(t, "auth-none.json", "httpx", nil)
	checkSpans(t, "auth=None", "httpx", tl, []spanWant{
		{"", "0.14.2", "uthorization: Basic am9objphZG1pbg=="},
		{"0.14.2", "", "no Authorization"},
	})
	b := tl.Boundaries[0]
	if b.From != releasesIn(t, "httpx", "", "0.14.2")[len(releasesIn(t, "httpx", "", "0.14.2"))-1] || b.To != "0.14.2" || b.Summary != "Authorization removed" {
		t.Errorf("boundary = %s → %s: %s; want the last release before 0.14.2 → 0.14.2: Authorization removed", b.From, b.To, b.Summary)
	}
	// 0.14.2 starts a profile: its boundary is the profile's Since, PR #1115.
	if b.Cite.Kind != "profile" || b.Cite.Text != "encode/httpx#1115" || !strings.HasPrefix(b.Cite.URL, "https://github.com/encode/httpx/") {
		t.Errorf("boundary cite = %+v; want the 0.14.2 profile's Since, encode/httpx#1115", b.Cite)
	}
	if sem := b.Diff.Semantic(); len(sem) != 1 || !strings.EqualFold(sem[0].Key, "Authorization") || sem[0].Op != "removed" {
		t.Errorf("boundary diff = %+v; want Authorization removed alone", sem)
	}

	// Through client.stream(): 0.14.2–0.15.1 drop the client's auth
	// anyway (PR #1312 fixed stream() in 0.15.2), and auth=None drops it
	// from 0.14.2 on: the same two spans.
	stream := exampleTimeline(t, "auth-none.json", "httpx", func(s string) string {
		return strings.Replace(s, `"auth": null}`, `"auth": null, "via": "stream"}`, 1)
	})
	checkSpans(t, "auth=None via stream", "httpx", stream, []spanWant{
		{"", "0.14.2", "uthorization: Basic"},
		{"0.14.2", "", "no Authorization"},
	})
}

func TestTimelineStreamDropsAuth(t *testing.T) {
	tl := exampleTimeline(t, "httpx-stream-drops-auth.json", "httpx", nil)
	checkSpans(t, "stream without request auth", "httpx", tl, []spanWant{
		{"", "0.14.2", "uthorization: Basic"},
		{"0.14.2", "0.15.2", "no Authorization"},
		{"0.15.2", "", "uthorization: Basic"},
	})
	// Both upgrades cite the rule that drops the auth (request-auth), not
	// the auth flow that writes the header once it is no longer dropped.
	for _, b := range tl.Boundaries {
		if b.Cite.Rule != "request-auth" && b.Cite.Kind != "profile" {
			t.Errorf("%s → %s cites %+v; want the request-auth rule or the profile boundary", b.From, b.To, b.Cite)
		}
	}
}

func TestTimelineKyParams(t *testing.T) {
	tl := exampleTimeline(t, "ky-params-accumulate.json", "ky", nil)
	checkSpans(t, "ky params", "ky", tl, []spanWant{
		{"", "0.33.1", "raises TypeError"},
		{"0.33.1", "1.12.0", "page=2"},
		{"1.12.0", "", "page=1&page=2"},
	})
	if got := tl.Boundaries[1].Summary; got != "query page changed" {
		t.Errorf("ky 1.11 → 1.12 summary %q; want query page changed", got)
	}
}

// The cost of a timeline: one resolve per recorded release.
func BenchmarkTimeline(b *testing.B) {
	for _, tt := range []struct{ file, library string }{{"auth-none.json", "httpx"}, {"header-null.json", "axios"}} {
		doc, _ := os.ReadFile("../web/examples/" + tt.file)
		b.Run(tt.library, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, aerr := libs.Registry().TimelineScenario(doc, tt.library, merge.TimelineOptions{}); aerr != nil {
					b.Fatal(aerr)
				}
			}
		})
	}
}

// The timeline's spans equal those of a plain oracle for every example over
// every library, with and without all classes: resolve each release, diff
// each pair of neighbours with merge.DiffResults, drop the changes whose
// sides are equal once each side's own version is written as {version}, and
// split where a change counts. This holds the engine's shortcuts (the pairs
// it skips diffing) to the full answer.
func TestTimelineMatchesOracle(t *testing.T) {
	files, _ := filepath.Glob("../web/examples/*.json")
	for i, f := range files {
		if strings.HasSuffix(f, "index.json") || runtime.GOOS == "js" && i%4 != 0 {
			continue // under WASM every fourth example: the same engine, ten times slower
		}
		doc, _ := os.ReadFile(f)
		for _, lib := range libraryNames() {
			oracle := oracleStarts(t, doc, lib)
			for i, all := range []bool{false, true} {
				tl, aerr := libs.Registry().TimelineScenario(doc, lib, merge.TimelineOptions{AllClasses: all})
				if aerr != nil {
					t.Fatalf("%s over %s: %v", f, lib, aerr)
				}
				var got []string
				for _, s := range tl.Spans {
					got = append(got, s.From)
				}
				if want := oracle[i]; !slices.Equal(got, want) {
					t.Errorf("%s over %s (all classes %v): spans start at %v; the oracle's at %v", filepath.Base(f), lib, all, got, want)
				}
			}
		}
	}
}

// The page's timeline worker runs a timeline as a TimelineJob, a few
// releases per step with a yield between steps: for every example over every
// library, with and without all classes, steps of one release and of seven
// give byte for byte the JSON of the one call (the CLI's and the API's).
func TestTimelineStepsMatchOneCall(t *testing.T) {
	files, _ := filepath.Glob("../web/examples/*.json")
	for i, f := range files {
		if strings.HasSuffix(f, "index.json") || runtime.GOOS == "js" && i%4 != 0 {
			continue // under WASM every fourth example, as above
		}
		doc, _ := os.ReadFile(f)
		for _, lib := range libraryNames() {
			for _, all := range []string{"false", "true"} {
				in := []byte(`{"scenario": ` + string(doc) + `, "library": "` + lib + `", "all_classes": ` + all + `}`)
				want := libs.Registry().TimelineJSON(in)
				for _, n := range []int{1, 7} {
					j := libs.Registry().TimelineJobDoc(in)
					for steps := 0; !j.Step(n); steps++ {
						if steps > 10000 {
							t.Fatalf("%s over %s: the job never ends", filepath.Base(f), lib)
						}
					}
					if got := j.JSON(); string(got) != string(want) {
						t.Errorf("%s over %s (all classes %s), steps of %d: the job's answer differs from the one call's:\n got %.300s\nwant %.300s", filepath.Base(f), lib, all, n, got, want)
					}
				}
			}
		}
	}
}

// oracleStarts is where spans start: [0] by default, [1] with all classes.
func oracleStarts(t *testing.T, doc []byte, lib string) [2][]string {
	releases, err := libs.Registry().Releases(lib)
	if err != nil {
		t.Fatal(err)
	}
	var starts [2][]string
	var prev *merge.Result
	for i, v := range releases {
		res, aerr := libs.Registry().ResolveDoc(doc, lib+"@"+v)
		if aerr != nil {
			t.Fatal(aerr)
		}
		if i == 0 {
			starts[0], starts[1] = []string{v}, []string{v}
		} else {
			var semantic, any bool
			for _, c := range merge.DiffResults("a", prev, "b", res).Changes {
				if len(c.A) > 0 && len(c.B) > 0 && slices.Equal(versionless(c.A, releases[i-1]), versionless(c.B, v)) {
					continue
				}
				any = true
				semantic = semantic || c.Class == merge.ClassSemantic
			}
			if semantic {
				starts[0] = append(starts[0], v)
			}
			if any {
				starts[1] = append(starts[1], v)
			}
		}
		prev = res
	}
	return starts
}

// versionless writes v as {version} where it stands alone, not inside a
// longer version.
func versionless(xs []string, v string) []string {
	re := regexp.MustCompile(`(^|[^0-9.])` + regexp.QuoteMeta(strings.TrimPrefix(v, "v")) + `($|[^0-9.])`)
	out := make([]string, len(xs))
	for i, x := range xs {
		// Twice: a match consumes its neighbours, so "1.2 1.2" needs a second pass.
		out[i] = re.ReplaceAllString(re.ReplaceAllString(x, "${1}{version}${2}"), "${1}{version}${2}")
	}
	return out
}

// libraryNames is every library of the registry, once each.
func libraryNames() []string {
	var out []string
	for _, p := range libs.Registry().Libraries() {
		if len(out) == 0 || out[len(out)-1] != p.Library {
			out = append(out, p.Library)
		}
	}
	return out
}
