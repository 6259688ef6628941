package resty

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// testCase resolves one scenario and describes the result compactly:
// "sent METHOD TARGET | Name: value | ... | body", "error Type: message" or
// "unsupported reason".
func testCase(t *testing.T, library, members string) (string, *merge.Result) {
	t.Helper()
	sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "`+library+`", `+members+`}`), "")
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	res, err := testRegistry.Resolve(sc)
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}
	switch res.Outcome {
	case merge.OutcomeSent:
		parts := []string{"sent " + res.Request.Method + " " + res.Request.Target}
		for _, h := range res.Request.Headers {
			parts = append(parts, h[0]+": "+h[1])
		}
		parts = append(parts, "body="+res.Request.Body)
		return strings.Join(parts, " | "), res
	case merge.OutcomeError:
		return "error " + res.Error.Type + ": " + res.Error.Message, res
	}
	return "unsupported " + res.Reason, res
}

// testCheckTrace fails when a wire header, the URL or the body has no trace step.
func testCheckTrace(t *testing.T, res *merge.Result) {
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
