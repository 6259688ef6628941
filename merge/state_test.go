package merge

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProvenance: a step cites its rule unless the rule names another of its functions
// (ExplainAt), and an error outcome records where the library raised it (Raise, RaiseAt).
func TestProvenance(t *testing.T) {
	ruleCite := Cite{File: "lib/a.py", Func: "merge", Tag: "1.0", URL: "https://example.test/a.py#L1"}
	site := Cite{File: "lib/b.py", Func: "validate", Tag: "1.0", URL: "https://example.test/b.py#L9"}
	tests := []struct {
		reason string
		apply  func(*State)
		want   []Step
	}{
		{"Explain cites the rule",
			func(s *State) { s.Explain("url", "http://x.test/", SourceRequest, ActionSet, "") },
			[]Step{{Field: "url", Value: "http://x.test/", Source: SourceRequest, Action: ActionSet, Rule: "r", Cite: ruleCite.String(), URL: ruleCite.URL}}},
		{"ExplainAt cites the function given",
			func(s *State) { s.ExplainAt(site, "headers.A", "1", SourceDefault, ActionSet, "") },
			[]Step{{Field: "headers.A", Value: "1", Source: SourceDefault, Action: ActionSet, Rule: "r", Cite: site.String(), URL: site.URL}}},
		{"Raise records a raise step citing the rule, with the message",
			func(s *State) { s.Raise("TypeError", "bad %s", "value") },
			[]Step{{Field: FieldError, Value: "TypeError", Source: SourceLibrary, Action: ActionRaise, Rule: "r", Cite: ruleCite.String(), URL: ruleCite.URL, Note: "bad value"}}},
		{"RaiseAt cites the raise site",
			func(s *State) { s.RaiseAt(site, "InvalidHeader", "no") },
			[]Step{{Field: FieldError, Value: "InvalidHeader", Source: SourceLibrary, Action: ActionRaise, Rule: "r", Cite: site.String(), URL: site.URL, Note: "no"}}},
	}
	for _, tt := range tests {
		reg := NewRegistry(&Profile{Library: "lib", Min: "1", Rules: []Rule{{Name: "r", Cite: ruleCite, Also: []Cite{site}, Apply: tt.apply}}})
		res, err := reg.Resolve(&Scenario{Library: "lib@1.0"})
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		if diff := cmp.Diff(tt.want, res.Trace); diff != "" {
			t.Errorf("%s: trace mismatch (-want +got):\n%s", tt.reason, diff)
		}
	}
}
