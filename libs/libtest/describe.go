package libtest

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// Resolve resolves `{"mergeplay": 1, "library": library, members}` with reg,
// failing the test on an invalid scenario or unknown library.
func Resolve(t *testing.T, reg *merge.Registry, library, members string) *merge.Result {
	t.Helper()
	sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "`+library+`", `+members+`}`), "")
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	res, err := reg.Resolve(sc)
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}
	return res
}

// Describe is a result in one line: "sent METHOD TARGET | Name: value | ... |
// body=…", "error Type: message" or "unsupported reason".
func Describe(res *merge.Result) string {
	switch res.Outcome {
	case merge.OutcomeSent:
		return "sent " + wire(res) + " | body=" + res.Request.Body
	case merge.OutcomeError:
		return "error " + res.Error.Type + ": " + res.Error.Message
	}
	return "unsupported " + res.Reason
}

// Wire is a result in one line: "METHOD target | Name: value | ... | body=…"
// (no body part when empty), "error: Type: message" or "unsupported: reason".
func Wire(res *merge.Result) string {
	switch res.Outcome {
	case merge.OutcomeError:
		return "error: " + res.Error.Type + ": " + res.Error.Message
	case merge.OutcomeUnsupported:
		return "unsupported: " + res.Reason
	}
	s := wire(res)
	if res.Request.Body != "" {
		s += " | body=" + res.Request.Body
	}
	return s
}

func wire(res *merge.Result) string {
	parts := []string{res.Request.Method + " " + res.Request.Target}
	for _, h := range res.Request.Headers {
		parts = append(parts, h[0]+": "+h[1])
	}
	return strings.Join(parts, " | ")
}

// CheckTrace fails when a sent request's header, URL or body has no trace
// step, or a step has no rule or citation.
func CheckTrace(t *testing.T, res *merge.Result) {
	t.Helper()
	if res.Outcome != merge.OutcomeSent {
		return
	}
	seen := map[string]bool{}
	for _, st := range res.Trace {
		seen[strings.ToLower(st.Field)] = true
		if st.Rule == "" || st.Cite == "" {
			t.Errorf("trace step %+v has no rule or citation", st)
		}
	}
	for _, h := range res.Request.Headers {
		if !seen[strings.ToLower(merge.FieldName(h[0]))] {
			t.Errorf("header %s has no trace step", h[0])
		}
	}
	if !seen["url"] {
		t.Errorf("the URL has no trace step")
	}
	if res.Request.Body != "" && !seen["body"] {
		t.Errorf("the body has no trace step")
	}
}
