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
			[]Change{{Part: "header", Key: "Authorization", Op: "removed", A: []string{"Basic x"}, Class: ClassSemantic}}},
		{"the same headers in another order",
			sent("http://h/x", "", [2]string{"Host", "h"}, [2]string{"Accept", "*/*"}),
			sent("http://h/x", "", [2]string{"Accept", "*/*"}, [2]string{"Host", "h"}),
			[]Change{{Part: "order", Op: "changed", A: []string{"host, accept"}, B: []string{"accept, host"}, Class: ClassOrder}}},
		{"a changed value and a changed casing are one change per header",
			sent("http://h/x", "", [2]string{"X-Foo", "a"}, [2]string{"Accept", "*/*"}),
			sent("http://h/x", "", [2]string{"x-foo", "a"}, [2]string{"Accept", "json"}),
			[]Change{{Part: "header", Key: "Accept", Op: "changed", A: []string{"*/*"}, B: []string{"json"}, Class: ClassSemantic},
				{Part: "header", Key: "x-foo", Op: "changed", A: []string{"X-Foo: a"}, B: []string{"x-foo: a"}, Class: ClassCasing}}},
		{"query parameters are compared per name, decoded",
			sent("http://h/x?a=1&b=x%20y", ""), sent("http://h/x?a=2&b=x+y&c=", ""),
			[]Change{{Part: "query", Key: "a", Op: "changed", A: []string{"1"}, B: []string{"2"}, Class: ClassSemantic},
				{Part: "query", Key: "c", Op: "added", B: []string{""}, Class: ClassSemantic}}},
		{"body and URL changes",
			sent("http://h/x", `{"a": 1}`), sent("http://h/y", `{"a":1}`),
			[]Change{{Part: "url", Op: "changed", A: []string{"http://h/x"}, B: []string{"http://h/y"}, Class: ClassSemantic},
				{Part: "body", Op: "changed", A: []string{`{"a": 1}`}, B: []string{`{"a":1}`}, Class: ClassSemantic}}},
		{"an error on one side changes the outcome",
			sent("http://h/x", ""), &Result{Outcome: OutcomeError, Error: &LibError{Type: "TypeError", Message: "boom"}},
			[]Change{{Part: "outcome", Op: "changed", A: []string{"sent"}, B: []string{"error"}, Class: ClassSemantic},
				{Part: "error", Op: "changed", A: []string{""}, B: []string{"TypeError: boom"}, Class: ClassSemantic}}},
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

// withTrace adds with a trace step per header, from the given source.
func withTrace(r *Result, source map[string]string) *Result {
	for name, src := range source {
		r.Trace = append(r.Trace, Step{Field: "headers." + name, Source: src, Action: "set"})
	}
	return r
}

func TestDiffClasses(t *testing.T) {
	lib := func(names ...string) map[string]string {
		m := map[string]string{}
		for _, n := range names {
			m[n] = SourceTransport
		}
		return m
	}
	tests := []struct {
		reason string
		a, b   *Result
		want   map[string]string // change key (or part) → class
		also   string
	}{
		{"a header only the library sets, with another value, is identity",
			withTrace(sent("http://h/x", "", [2]string{"User-Agent", "a/1"}), lib("user-agent")),
			withTrace(sent("http://h/x", "", [2]string{"User-Agent", "b/2"}), lib("user-agent")),
			map[string]string{"User-Agent": ClassIdentity}, "User-Agent"},
		{"a library header on one side only is identity",
			withTrace(sent("http://h/x", "", [2]string{"sec-fetch-mode", "cors"}), lib("sec-fetch-mode")),
			sent("http://h/x", ""),
			map[string]string{"sec-fetch-mode": ClassIdentity}, "Sec-Fetch-Mode"},
		{"a header the scenario set on one side is semantic, even if the other library set it by itself",
			withTrace(sent("http://h/x", "", [2]string{"User-Agent", ""}), map[string]string{"User-Agent": SourceRequest}),
			withTrace(sent("http://h/x", "", [2]string{"User-Agent", "b/2"}), lib("user-agent")),
			map[string]string{"User-Agent": ClassSemantic}, ""},
		{"a header without a trace (no evidence the library set it) is semantic",
			sent("http://h/x", "", [2]string{"User-Agent", "a/1"}), sent("http://h/x", "", [2]string{"User-Agent", "b/2"}),
			map[string]string{"User-Agent": ClassSemantic}, ""},
		{"casing only is casing, even for a library header; auth stays semantic; the summary counts",
			withTrace(sent("http://h/x", "", [2]string{"Host", "h"}, [2]string{"Accept", "*/*"}, [2]string{"Authorization", "Basic x"}),
				map[string]string{"host": SourceURL, "accept": SourceTransport, "authorization": SourceAuth}),
			withTrace(sent("http://h/x", "", [2]string{"host", "h"}, [2]string{"accept", "*/*"}), lib("accept")),
			map[string]string{"accept": ClassCasing, "host": ClassCasing, "Authorization": ClassSemantic}, "casing of 2 headers"},
		{"a step from the scenario after a library default makes the header the scenario's",
			withTrace(withTrace(sent("http://h/x", "", [2]string{"Accept", "a"}), lib("accept")), map[string]string{"Accept": SourceClient}),
			withTrace(sent("http://h/x", "", [2]string{"Accept", "b"}), lib("accept")),
			map[string]string{"Accept": ClassSemantic}, ""},
		{"order is its own class",
			sent("http://h/x", "", [2]string{"Host", "h"}, [2]string{"Accept", "*/*"}),
			sent("http://h/x", "", [2]string{"Accept", "*/*"}, [2]string{"Host", "h"}),
			map[string]string{"order": ClassOrder}, "order"},
	}
	for _, tt := range tests {
		d := DiffResults("a", tt.a, "b", tt.b)
		got := map[string]string{}
		for _, c := range d.Changes {
			k := c.Key
			if k == "" {
				k = c.Part
			}
			got[k] = c.Class
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: classes mismatch (-want +got):\n%s", tt.reason, diff)
		}
		if d.Also != tt.also {
			t.Errorf("%s: Also = %q, want %q", tt.reason, d.Also, tt.also)
		}
	}
}

func TestDiffTextSemanticFirst(t *testing.T) {
	a := withTrace(sent("http://h/x", "", [2]string{"Accept", "*/*"}, [2]string{"User-Agent", "a/1"}, [2]string{"Authorization", "Basic x"}),
		map[string]string{"accept": SourceTransport, "user-agent": SourceTransport, "authorization": SourceAuth})
	b := withTrace(sent("http://h/x", "", [2]string{"accept", "*/*"}, [2]string{"user-agent", "b/2"}),
		map[string]string{"accept": SourceTransport, "user-agent": SourceTransport})
	d := DiffResults("a", a, "b", b)
	want := "--- a ()\n+++ b ()\n@@ header Authorization removed @@\n-Authorization: Basic x\n  also differs: casing of 1 header, User-Agent\n"
	if got := d.Text(); got != want {
		t.Errorf("Text() mismatch (-want +got):\n%s", cmp.Diff(want, got))
	}
	all := d.TextAll()
	if !strings.HasPrefix(all, want) || !strings.Contains(all, "@@ header accept changed @@\n-Accept: */*\n+accept: */*\n") {
		t.Errorf("TextAll() should be Text() then every other change; got:\n%s", all)
	}
}
