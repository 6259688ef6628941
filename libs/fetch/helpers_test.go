package fetch

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// testWire renders a result as "METHOD target | Name: value | ..." or "error: Type: msg".
func testWire(res *merge.Result) string {
	switch res.Outcome {
	case merge.OutcomeError:
		return "error: " + res.Error.Type + ": " + res.Error.Message
	case merge.OutcomeUnsupported:
		return "unsupported: " + res.Reason
	}
	parts := []string{res.Request.Method + " " + res.Request.Target}
	for _, h := range res.Request.Headers {
		parts = append(parts, h[0]+": "+h[1])
	}
	if res.Request.Body != "" {
		parts = append(parts, "body="+res.Request.Body)
	}
	return strings.Join(parts, " | ")
}

func testResolve(t *testing.T, library, members string) *merge.Result {
	t.Helper()
	sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1, "library": "`+library+`", `+members+`}`), "")
	if err != nil {
		t.Fatalf("scenario: %v", err)
	}
	res, err := testRegistry.Resolve(sc)
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}
	return res
}
