package libtest

import (
	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/whatwg"
	"strings"
	"testing"
)

func CheckInvariants(t *testing.T, reg *merge.Registry, sc *merge.Scenario) {
	t.Helper()
	res, err := reg.Resolve(sc)
	if err != nil {
		t.Fatalf("%s: Resolve failed: %v", sc.Library, err)
	}
	switch res.Outcome {
	case merge.OutcomeSent:
		w := res.Request
		if w.Target == "" || strings.ContainsAny(w.Target, "\r\n") { // Go really sends a raw space
			t.Fatalf("%s: bad request-target %q", sc.Library, w.Target)
		}
		for _, h := range w.Headers {
			if !merge.IsToken(h[0]) || strings.ContainsAny(h[1], "\r\n\x00") {
				t.Fatalf("%s: header line %q: %q cannot be on the wire", sc.Library, h[0], h[1])
			}
			if !explained(res, h[0]) {
				t.Fatalf("%s: header %s has no trace step", sc.Library, h[0])
			}
		}
		if !traced(res, "url") {
			t.Fatalf("%s: the URL has no trace step", sc.Library)
		}
		if w.Body != "" && !traced(res, "body") {
			t.Fatalf("%s: the body has no trace step", sc.Library)
		}
		if _, q, ok := strings.Cut(w.Target, "?"); ok && q != "" {
			for _, kv := range strings.Split(q, "&") {
				if kv == "" {
					continue // "a=1&&b=2": an empty segment is not a parameter
				}
				k, _, _ := strings.Cut(kv, "=")
				if !traced(res, merge.QueryField(k)) && !traced(res, merge.QueryField(whatwg.FormUnescape(k))) && !traced(res, "query") {
					t.Fatalf("%s: query parameter %q has no trace step", sc.Library, k)
				}
			}
		}
	case merge.OutcomeError:
		if res.Error == nil || res.Error.Type == "" {
			t.Fatalf("%s: error outcome without an error type", sc.Library)
		}
	case merge.OutcomeUnsupported:
		if res.Reason == "" {
			t.Fatalf("%s: unsupported without a reason", sc.Library)
		}
	default:
		t.Fatalf("%s: unknown outcome %q", sc.Library, res.Outcome)
	}
}

func traced(res *merge.Result, field string) bool {
	for _, st := range res.Trace {
		if st.Field == field {
			return true
		}
	}
	return false
}

func explained(res *merge.Result, header string) bool {
	for _, st := range res.Trace {
		if strings.EqualFold(st.Field, merge.FieldName(header)) {
			return true
		}
	}
	return false
}
