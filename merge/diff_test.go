package merge

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sent(url, body string, headers ...[2]string) *Result {
	return &Result{Outcome: OutcomeSent, Request: &Wire{Method: "GET", URL: url, Target: targetOf(url), Headers: headers, Body: body}}
}

func TestDiffResults(t *testing.T) {
	tests := []struct {
		reason string
		a, b   *Result
		want   []Change
	}{
		{"identical requests have no changes",
			sent("http://h/x", "", [2]string{"Host", "h"}), sent("http://h/x", "", [2]string{"Host", "h"}), []Change{}},
		{"a header only on the left is removed",
			sent("http://h/x", "", [2]string{"Host", "h"}, [2]string{"Authorization", "Basic x"}),
			sent("http://h/x", "", [2]string{"Host", "h"}),
			[]Change{{Part: "header", Key: "Authorization", Op: "removed", A: []string{"Basic x"}}}},
		{"the same headers in another order",
			sent("http://h/x", "", [2]string{"Host", "h"}, [2]string{"Accept", "*/*"}),
			sent("http://h/x", "", [2]string{"Accept", "*/*"}, [2]string{"Host", "h"}),
			[]Change{{Part: "order", Op: "changed", A: []string{"host, accept"}, B: []string{"accept, host"}}}},
		{"a changed value and a changed casing are one change per header",
			sent("http://h/x", "", [2]string{"X-Foo", "a"}, [2]string{"Accept", "*/*"}),
			sent("http://h/x", "", [2]string{"x-foo", "a"}, [2]string{"Accept", "json"}),
			[]Change{{Part: "header", Key: "Accept", Op: "changed", A: []string{"*/*"}, B: []string{"json"}},
				{Part: "header", Key: "x-foo", Op: "changed", A: []string{"X-Foo: a"}, B: []string{"x-foo: a"}}}},
		{"query parameters are compared per name, decoded",
			sent("http://h/x?a=1&b=x%20y", ""), sent("http://h/x?a=2&b=x+y&c=", ""),
			[]Change{{Part: "query", Key: "a", Op: "changed", A: []string{"1"}, B: []string{"2"}},
				{Part: "query", Key: "c", Op: "added", B: []string{""}}}},
		{"body and URL changes",
			sent("http://h/x", `{"a": 1}`), sent("http://h/y", `{"a":1}`),
			[]Change{{Part: "url", Op: "changed", A: []string{"http://h/x"}, B: []string{"http://h/y"}},
				{Part: "body", Op: "changed", A: []string{`{"a": 1}`}, B: []string{`{"a":1}`}}}},
		{"an error on one side changes the outcome",
			sent("http://h/x", ""), &Result{Outcome: OutcomeError, Error: &LibError{Type: "TypeError", Message: "boom"}},
			[]Change{{Part: "outcome", Op: "changed", A: []string{"sent"}, B: []string{"error"}},
				{Part: "error", Op: "changed", A: []string{""}, B: []string{"TypeError: boom"}}}},
	}
	for _, tt := range tests {
		d := DiffResults("a", tt.a, "b", tt.b)
		if diff := cmp.Diff(tt.want, d.Changes); diff != "" {
			t.Errorf("%s: changes mismatch (-want +got):\n%s", tt.reason, diff)
		}
		if d.Equal != (len(tt.want) == 0) {
			t.Errorf("%s: Equal = %v", tt.reason, d.Equal)
		}
	}
}

func TestDiffText(t *testing.T) {
	d := DiffResults("httpx@0.14.1", sent("http://h/x", "", [2]string{"Host", "h"}, [2]string{"authorization", "Basic x"}),
		"httpx@0.14.2", sent("http://h/x", "", [2]string{"Host", "h"}))
	text := d.Text()
	for _, want := range []string{"--- httpx@0.14.1", "+++ httpx@0.14.2", "@@ header authorization removed @@", "-authorization: Basic x"} {
		if !strings.Contains(text, want) {
			t.Errorf("text diff lacks %q:\n%s", want, text)
		}
	}
}
