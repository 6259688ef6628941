package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

// The gallery as shipped: every example resolves, its compare side is a
// library the engine answers for, each line it highlights is a semantic
// change of its diff, and an example citing a report makes that point.
func TestGalleryExamples(t *testing.T) {
	examples, err := loadExamples("../../web/examples")
	if err != nil {
		t.Fatalf("loadExamples: %v", err)
	}
	withRefs := 0
	for _, ex := range examples {
		var r merge.Result
		if err := json.Unmarshal(libs.Registry().ResolveJSON([]byte(ex.Scenario)), &r); err != nil {
			t.Fatalf("%s: result: %v", ex.Slug, err)
		}
		if r.Outcome == "" {
			t.Errorf("%s: no outcome", ex.Slug)
		}
		raw, err := diffFor(ex.Scenario, ex.Compare)
		if err != nil {
			t.Fatalf("%s: diff: %v", ex.Slug, err)
		}
		var d struct {
			merge.Diff
			Error *struct{ Message string } `json:"error"`
		}
		if err := json.Unmarshal(raw, &d); err != nil || d.Error != nil {
			t.Fatalf("%s: diff against %s failed: %v %s", ex.Slug, ex.Compare, err, raw)
		}
		semantic := map[string]bool{}
		for _, c := range d.Changes {
			if c.Class == merge.ClassSemantic {
				semantic[strings.ToLower(strings.TrimSpace(c.Part+" "+c.Key))] = true
			}
		}
		for _, h := range ex.Highlight {
			if !semantic[strings.ToLower(h)] {
				t.Errorf("%s: highlight %q is not a semantic change against %s (changes: %v)", ex.Slug, h, ex.Compare, keys(semantic))
			}
		}
		if len(ex.Refs) == 0 {
			continue
		}
		// An example drawn from a report reproduces what the report says, at the
		// release it names: the compare side (the fixed release, or the library
		// the reporter expected) must differ where the report says.
		withRefs++
		if len(ex.Highlight) == 0 || len(semantic) == 0 {
			t.Errorf("%s: cites a report but highlights no semantic change against %s", ex.Slug, ex.Compare)
		}
		if r.Outcome != "sent" && r.Outcome != "error" {
			t.Errorf("%s: outcome %q; a reported case is one the library sends or raises", ex.Slug, r.Outcome)
		}
	}
	if withRefs < 10 {
		t.Errorf("%d examples link the thread they reproduce; want at least 10", withRefs)
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestCheckRefs(t *testing.T) {
	ok := Ref{"encode/httpx#3433", "https://github.com/encode/httpx/issues/3433"}
	cases := []struct {
		reason string
		refs   []Ref
		want   string // "" for accepted, else a substring of the error
	}{
		{"none is fine", nil, ""},
		{"an https thread", []Ref{ok}, ""},
		{"two threads", []Ref{ok, {"PR #3364", "https://github.com/encode/httpx/pull/3364"}}, ""},
		{"http is not linked", []Ref{{"x", "http://github.com/a/b/issues/1"}}, "https://"},
		{"javascript: is not linked", []Ref{{"x", "javascript:alert(1)"}}, "https://"},
		{"a relative URL has no host", []Ref{{"x", "/issues/1"}}, "https://"},
		{"scheme-relative", []Ref{{"x", "//github.com/a"}}, "https://"},
		{"userinfo would be a credential in a link", []Ref{{"x", "https://u:p@github.com/a"}}, "userinfo"},
		{"whitespace", []Ref{{"x", "https://github.com/a b"}}, "whitespace"},
		{"a control character", []Ref{{"x", "https://github.com/a\nb"}}, "https://"},
		{"the same thread twice", []Ref{ok, {"again", ok.URL}}, "listed twice"},
		{"an empty title", []Ref{{" ", ok.URL}}, "title"},
		{"a title with a line break", []Ref{{"a\nb", ok.URL}}, "title"},
		{"a long title", []Ref{{strings.Repeat("a", 201), ok.URL}}, "title"},
	}
	for _, tt := range cases {
		err := checkRefs(tt.refs)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: checkRefs(%v) = %v, want accepted", tt.reason, tt.refs, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: checkRefs(%v) = %v, want an error mentioning %q", tt.reason, tt.refs, err, tt.want)
		}
	}
}

// Every ref URL in the gallery is a different thread, so two examples never
// claim to reproduce the same report without saying why in their own words.
func TestGalleryRefsUnique(t *testing.T) {
	examples, err := loadExamples("../../web/examples")
	if err != nil {
		t.Fatalf("loadExamples: %v", err)
	}
	first := map[string]string{}
	for _, ex := range examples {
		for _, r := range ex.Refs {
			if prev, ok := first[r.URL]; ok {
				t.Errorf("%s and %s both cite %s", prev, ex.Slug, r.URL)
			}
			first[r.URL] = ex.Slug
		}
	}
}
