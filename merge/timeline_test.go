package merge

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fk is a made-up library whose rules change at known releases: its own
// version in User-Agent at every release, the client's Authorization until
// 1.1, a TypeError at 1.2.0, and X-Token spelled x-token from 2.1.
func fkProfile(min, max string, recorded ...string) *Profile {
	cite := func(fn string) Cite {
		return Cite{File: "fk.py", Func: fn, Tag: min, URL: "https://fk.test/" + min + "/" + fn}
	}
	return &Profile{Library: "fk", Language: "python", Min: min, Max: max, Verified: Recorded, Recorded: recorded, Rules: []Rule{
		{Name: "url", Cite: cite("url"), Apply: func(s *State) {
			s.URL = "http://a.test/"
			s.Explain("url", s.URL, SourceRequest, ActionSet, "")
		}},
		{Name: "raise", Cite: cite("raise"), Apply: func(s *State) {
			if s.Version == "1.2.0" {
				s.Raise("TypeError", "fk %s cannot", s.Version)
			}
		}},
		{Name: "user-agent", Cite: cite("ua"), Apply: func(s *State) {
			s.AddHeader("User-Agent", "fk/"+s.Version+" (+https://fk.test)", SourceDefault)
			s.Explain(FieldName("User-Agent"), "fk/"+s.Version, SourceDefault, ActionSet, "")
		}},
		{Name: "token", Cite: cite("token"), Apply: func(s *State) {
			name := "X-Token"
			if CompareVersions(s.Version, "2.1") >= 0 {
				name = "x-token"
			}
			s.AddHeader(name, "t", SourceClient)
			s.Explain(FieldName(name), "t", SourceClient, ActionSet, "")
		}},
		{Name: "auth", Cite: cite("auth"), Apply: func(s *State) {
			if CompareVersions(s.Version, "1.1") < 0 {
				s.AddHeader("Authorization", "Basic eA==", SourceClient)
				s.Explain(FieldName("Authorization"), "Basic eA==", SourceClient, ActionSet, "")
			} else {
				s.Explain(FieldName("Authorization"), "", SourceClient, ActionRemove, "auth=None disables the client's auth")
			}
		}},
	}}
}

var fkRegistry = NewRegistry(
	fkProfile("1.0", "2.0", "1.0.0", "1.0.1", "1.1.0", "1.2.0"),
	fkProfile("2.0", "", "2.0.0", "2.1.0", "2.1.1"),
	&Profile{Library: "empty", Min: "1", Verified: SourceDerived},
)

const fkScenario = `{"mergeplay":1,"library":"fk@1.0.0","request":{"url":"http://a.test/"}}`

// spanRanges is each span as "from–to: summary".
func spanRanges(t *Timeline) []string {
	var out []string
	for _, s := range t.Spans {
		out = append(out, s.Range()+": "+s.Summary)
	}
	return out
}

func fkTimeline(t *testing.T, opt TimelineOptions) *Timeline {
	t.Helper()
	sc, err := ParseScenario([]byte(fkScenario), "")
	if err != nil {
		t.Fatal(err)
	}
	tl, err := fkRegistry.Timeline(sc, "fk", opt)
	if err != nil {
		t.Fatalf("Timeline(fk) = %v", err)
	}
	return tl
}

func TestTimelineSpans(t *testing.T) {
	tests := []struct {
		reason string
		opt    TimelineOptions
		want   []string
	}{
		{"by default the casing-only change at 2.1.0 is no boundary, and neither is the version in User-Agent",
			TimelineOptions{}, []string{
				"1.0.0–1.0.1: Authorization: Basic eA==",
				"1.1.0: no Authorization",
				"1.2.0: raises TypeError",
				"2.0.0–2.1.1: no Authorization",
			}},
		{"with all classes the casing change splits 2.0.0 from 2.1.0, while the version in User-Agent still never does",
			TimelineOptions{AllClasses: true}, []string{
				"1.0.0–1.0.1: Authorization: Basic eA==; X-Token",
				"1.1.0: no Authorization; X-Token",
				"1.2.0: raises TypeError",
				"2.0.0: no Authorization; X-Token",
				"2.1.0–2.1.1: no Authorization; x-token",
			}},
	}
	for _, tt := range tests {
		got := spanRanges(fkTimeline(t, tt.opt))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: spans mismatch (-want +got):\n%s", tt.reason, diff)
		}
	}
}

func TestTimelineBoundaries(t *testing.T) {
	type row struct{ From, To, Summary, Cite string }
	rows := func(tl *Timeline) []row {
		var out []row
		for _, b := range tl.Boundaries {
			out = append(out, row{b.From, b.To, b.Summary, b.Cite.Kind + " " + b.Cite.Rule + " " + b.Cite.URL})
		}
		return out
	}
	want := []row{
		{"1.0.1", "1.1.0", "Authorization removed", "rule auth https://fk.test/1.0/auth"},
		{"1.1.0", "1.2.0", "sent → raises TypeError", "rule raise https://fk.test/1.0/raise"},
		{"1.2.0", "2.0.0", "raises TypeError → sent", "rule raise https://fk.test/1.0/raise"},
	}
	tl := fkTimeline(t, TimelineOptions{})
	if diff := cmp.Diff(want, rows(tl)); diff != "" {
		t.Errorf("boundaries mismatch (-want +got):\n%s", diff)
	}
	if d := tl.Boundaries[0].Diff; d.Also != "" || len(d.Changes) != 1 {
		t.Errorf("1.0.1 → 1.1.0 diff = %+v; want Authorization alone: User-Agent differs only by the version", d)
	}
	all := rows(fkTimeline(t, TimelineOptions{AllClasses: true}))
	if got := all[len(all)-1]; got != (row{"2.0.0", "2.1.0", "X-Token spelled x-token", "rule token https://fk.test/2.0/token"}) {
		t.Errorf("with all classes, the last boundary = %+v; want the casing change at 2.1.0", got)
	}
	if e := tl.Spans[2]; e.Outcome != OutcomeError || e.Error != "TypeError" {
		t.Errorf("span 1.2.0 = %+v; want outcome error with type TypeError", e)
	}
}

func TestUnversion(t *testing.T) {
	tests := []struct{ reason, in, v, want string }{
		{"a UA token", "python-httpx/0.14.1", "0.14.1", "python-httpx/{version}"},
		{"a v-prefixed release is matched without its v", "go-resty/2.16.5 (https://github.com/go-resty/resty)", "v2.16.5", "go-resty/{version} (https://github.com/go-resty/resty)"},
		{"not inside a longer version", "x/10.14.12", "0.14.1", "x/10.14.12"},
		{"every whole occurrence", "fk@1.2 and 1.2.3 and 1.2", "1.2", "fk@{version} and 1.2.3 and {version}"},
	}
	for _, tt := range tests {
		if got := unversion([]string{tt.in}, tt.v)[0]; got != tt.want {
			t.Errorf("%s: unversion(%q, %q) = %q, want %q", tt.reason, tt.in, tt.v, got, tt.want)
		}
	}
}

func TestTimelineDocErrors(t *testing.T) {
	tests := []struct{ reason, doc, code, field, msg string }{
		{"an unknown library", `{"scenario":` + fkScenario + `,"library":"nope"}`, CodeLibrary, "library", `unknown library "nope"; known: empty, fk`},
		{"a library without recordings", `{"scenario":` + fkScenario + `,"library":"empty"}`, CodeLibrary, "library", "no recorded release"},
		{"the scenario's library when none is given", `{"scenario":{"mergeplay":1,"library":"nope@1"}}`, CodeLibrary, "library", `unknown library "nope"`},
		{"no scenario", `{"library":"fk"}`, CodeInvalid, "scenario", "is missing"},
		{"a scenario that is not an object", `{"scenario":[1],"library":"fk"}`, CodeInvalid, "scenario", "not array"},
		{"a scenario's own error is located inside it", `{"scenario":{"mergeplay":1,"request":{"headers":{"X-A":"a\r\nb"}}},"library":"fk"}`, CodeInvalid, `scenario.request.headers["X-A"]`, "CR/LF"},
		{"a scenario without a library and no library given", `{"scenario":{"mergeplay":1}}`, CodeInvalid, "scenario.library", "missing"},
		{"a repeated key", `{"scenario":` + fkScenario + `,"library":"fk","library":"fk"}`, CodeInvalid, "library", "duplicate key"},
		{"an unknown key", `{"scenario":` + fkScenario + `,"libary":"fk"}`, CodeInvalid, "libary", "unknown key"},
		{"a key in another case", `{"Scenario":` + fkScenario + `}`, CodeInvalid, "Scenario", `did you mean "scenario"?`},
		{"all_classes not a bool", `{"scenario":` + fkScenario + `,"all_classes":"yes"}`, CodeInvalid, "all_classes", "true or false"},
		{"not an object", `"fk"`, CodeInvalid, "(root)", "string"},
		{"not JSON", `{"scenario":`, CodeInvalid, "", "invalid JSON"},
		{"over the size limit", `{"scenario":` + fkScenario + `,"library":"fk"}` + strings.Repeat(" ", MaxInputBytes), CodeInvalid, "", "the limit is 1048576"},
		{"too deep", `{"scenario":{"mergeplay":1,"request":{"json":` + strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1) + `}},"library":"fk"}`, CodeInvalid, "scenario.request.json" + strings.Repeat("[0]", MaxDepth-1), "deeper than 32"},
	}
	for _, tt := range tests {
		_, aerr := fkRegistry.TimelineDoc([]byte(tt.doc))
		if aerr == nil || aerr.Code != tt.code || aerr.Field != tt.field || !strings.Contains(aerr.Message, tt.msg) {
			t.Errorf("%s: TimelineDoc error = %+v; want code %s, field %q and a message with %q", tt.reason, aerr, tt.code, tt.field, tt.msg)
		}
		if out := fkRegistry.TimelineJSON([]byte(tt.doc)); !bytes.HasPrefix(out, []byte(`{"error":{"code":"`+tt.code+`"`)) {
			t.Errorf("%s: TimelineJSON = %.200s; want an error object", tt.reason, out)
		}
	}
}

func TestTimelineDocOptions(t *testing.T) {
	for _, all := range []bool{false, true} {
		doc := `{"library":"fk","scenario":` + fkScenario + `,"all_classes":` + map[bool]string{false: "false", true: "true"}[all] + `}`
		tl, aerr := fkRegistry.TimelineDoc([]byte(doc))
		if aerr != nil {
			t.Fatalf("TimelineDoc(%s) = %v", doc, aerr)
		}
		if want := fkTimeline(t, TimelineOptions{AllClasses: all}); !cmp.Equal(spanRanges(tl), spanRanges(want)) || tl.AllClasses != all {
			t.Errorf("TimelineDoc(all_classes %v) spans = %v; want %v", all, spanRanges(tl), spanRanges(want))
		}
	}
	// The scenario's library names the timeline's when the input does not,
	// and a version in it changes nothing.
	tl, aerr := fkRegistry.TimelineDoc([]byte(`{"scenario":{"mergeplay":1,"library":"fk@2.1.1"}}`))
	if aerr != nil || tl.Library != "fk" || len(tl.Spans) != 4 {
		t.Errorf("TimelineDoc without library = %+v, %v; want fk's four spans", tl, aerr)
	}
}

// plainTimeline is Timeline without its MarshalJSON, so json.Marshal is the
// oracle for its writer.
type plainTimeline Timeline

func TestTimelineJSONMatchesEncodingJSON(t *testing.T) {
	for _, all := range []bool{false, true} {
		tl := fkTimeline(t, TimelineOptions{AllClasses: all})
		want, err := json.Marshal((*plainTimeline)(tl))
		if err != nil {
			t.Fatal(err)
		}
		if got := tl.appendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("Timeline.appendJSON:\n got %s\nwant %s", got, want)
		}
	}
	empty := &Timeline{Boundaries: []SpanChange{{Diff: nil}}}
	want, _ := json.Marshal((*plainTimeline)(empty))
	if got := empty.appendJSON(nil); !bytes.Equal(got, want) {
		t.Errorf("empty Timeline.appendJSON:\n got %s\nwant %s", got, want)
	}
}

// A timeline run in steps (TimelineJob, as the page's timeline worker runs
// it, yielding between steps) answers exactly what the one call does, for
// every step size, and an input error is a job done at once.
func TestTimelineJobSteps(t *testing.T) {
	for _, all := range []bool{false, true} {
		doc := []byte(`{"library":"fk","scenario":` + fkScenario + `,"all_classes":` + map[bool]string{false: "false", true: "true"}[all] + `}`)
		want := fkRegistry.TimelineJSON(doc)
		for _, n := range []int{0, 1, 2, 3, 100} {
			j := fkRegistry.TimelineJobDoc(doc)
			steps := 0
			for !j.Step(n) {
				steps++
				if got, _ := j.Progress(); got != steps*max(n, 1) {
					t.Fatalf("after %d steps of %d, %d releases resolved; want %d", steps, n, got, steps*max(n, 1))
				}
				if _, aerr := j.Result(); aerr == nil || aerr.Code != CodeInternal {
					t.Errorf("Result before the job is done = %v; want an internal error saying so", aerr)
				}
			}
			if _, total := j.Progress(); n == 1 && steps != total-1 {
				t.Errorf("steps of one release: done after %d steps; want %d (one per release, the last reports done)", steps+1, total)
			}
			if got := j.JSON(); !bytes.Equal(got, want) {
				t.Errorf("all classes %v, steps of %d: the job's JSON differs from TimelineJSON:\n got %s\nwant %s", all, n, got, want)
			}
			if !j.Step(1) || !bytes.Equal(j.JSON(), want) {
				t.Errorf("all classes %v, steps of %d: a step after the end changed the answer", all, n)
			}
		}
	}
	for _, doc := range []string{`{"library":"nope","scenario":` + fkScenario + `}`, `{"scenario":{"mergeplay":1,"request":{"headers":{"X-A":"a\r\nb"}}},"library":"fk"}`, `[`} {
		j := fkRegistry.TimelineJobDoc([]byte(doc))
		if !j.Step(1) {
			t.Errorf("TimelineJobDoc(%s): not done after one step; an input error ends the job at once", doc)
		}
		if got, want := j.JSON(), fkRegistry.TimelineJSON([]byte(doc)); !bytes.Equal(got, want) || !bytes.HasPrefix(got, []byte(`{"error":`)) {
			t.Errorf("TimelineJobDoc(%s).JSON() = %s; want TimelineJSON's error %s", doc, got, want)
		}
	}
}

// A panic (in the library's profile builder, or in a rule at one release)
// ends a stepped job with an internal error naming it, never the caller.
func TestTimelineJobPanic(t *testing.T) {
	boom := fkProfile("1.0", "", "1.0.0", "1.1.0")
	boom.Library = "boom"
	boom.Rules = append(boom.Rules, Rule{Name: "boom", Apply: func(s *State) {
		if s.Version == "1.1.0" {
			panic("rule broken at 1.1.0")
		}
	}})
	r := RegistryOf([]Library{
		{Name: "broken", Profiles: func() []*Profile { panic("profile table broken") }},
		{Name: "boom", Profiles: func() []*Profile { return []*Profile{boom} }},
	})
	for lib, msg := range map[string]string{"broken": "profile table broken", "boom": "rule broken at 1.1.0"} {
		j := r.TimelineJobDoc([]byte(`{"library":"` + lib + `","scenario":` + fkScenario + `}`))
		for i := 0; !j.Step(1); i++ {
			if i > 10 {
				t.Fatalf("%s: the job never ends", lib)
			}
		}
		if _, aerr := j.Result(); aerr == nil || aerr.Code != CodeInternal || !strings.Contains(aerr.Message, msg) {
			t.Errorf("%s: Result = %v; want an internal error naming the panic %q", lib, aerr, msg)
		}
	}
}
