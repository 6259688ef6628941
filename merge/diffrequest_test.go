package merge

import (
	"strings"
	"testing"
)

// The diff input is decoded as strictly as a scenario: exact keys, no
// repeats, nothing unknown, and every error names the field it is about.
func TestDecodeDiffRequestIsStrictAndLocated(t *testing.T) {
	sc := `{"mergeplay":1,"library":"httpx@0.14.2","request":{"url":"http://a.test/"}}`
	tests := []struct {
		reason, doc, field, msg string
	}{
		{"a repeated a", `{"a":` + sc + `,"a":` + sc + `,"against":"httpx@0.14.1"}`, "a", "duplicate key"},
		{"a repeated against", `{"a":` + sc + `,"against":"httpx@0.14.1","against":"httpx@0.14.2"}`, "against", "duplicate key"},
		{"A is not a", `{"A":` + sc + `,"against":"httpx@0.14.1"}`, "A", `did you mean "a"?`},
		{"Against is not against", `{"a":` + sc + `,"Against":"httpx@0.14.1"}`, "Against", `did you mean "against"?`},
		{"Against on a scenario", strings.TrimSuffix(sc, "}") + `,"Against":"httpx@0.14.1"}`, "Against", `did you mean "against"?`},
		{"an unknown key beside a", `{"a":` + sc + `,"c":1,"against":"httpx@0.14.1"}`, "c", "unknown key"},
		{"an unknown key that needs quoting", `{"a":` + sc + `,"x y":1,"against":"httpx@0.14.1"}`, `["x y"]`, "unknown key"},
		{"b and against together", `{"a":` + sc + `,"b":` + sc + `,"against":"httpx@0.14.1"}`, "against", "not both"},
		{"neither b nor against", `{"a":` + sc + `}`, "b", `"b" or "against" is missing`},
		{"b without a", `{"b":` + sc + `}`, "a", "is missing"},
		{"a that is not an object", `{"a":"x","against":"httpx@0.14.1"}`, "a", "not string"},
		{"against that is not a string", `{"a":` + sc + `,"against":1}`, "against", "library@version"},
		{"an empty against", `{"a":` + sc + `,"against":""}`, "against", "library@version"},
		{"a scenario without against", sc, "against", "is missing"},
		{"not an object", `[1]`, "(root)", "array"},
		{"a bad side's own error is under its side", `{"a":` + sc + `,"b":{"mergeplay":1,"library":"nope@1"}}`, "b.library", `unknown library "nope"`},
		{"a repeated key inside a side is under its side", `{"a":{"mergeplay":1,"library":"httpx@0.14.2","library":"httpx@0.14.1"},"against":"httpx@0.14.1"}`, "a.library", "duplicate key"},
	}
	for _, tt := range tests {
		_, aerr := fakeRegistry.DiffDoc([]byte(tt.doc))
		if aerr == nil {
			t.Errorf("%s: DiffDoc(%s) succeeded; want an error on %q", tt.reason, tt.doc, tt.field)
			continue
		}
		if aerr.Field != tt.field || !strings.Contains(aerr.Message, tt.msg) || aerr.Code != CodeInvalid && aerr.Code != CodeLibrary {
			t.Errorf("%s: DiffDoc error %+v; want field %q and a message with %q", tt.reason, aerr, tt.field, tt.msg)
		}
	}
}

func TestDecodeDiffRequestForms(t *testing.T) {
	sc := `{"mergeplay":1,"library":"httpx@0.14.1","request":{"url":"http://a.test/","headers":{"X-A":"1"}}}`
	tests := []struct{ reason, doc, a, b, against string }{
		{"two scenarios", `{"a":` + sc + `, "b":` + sc + `}`, sc, sc, ""},
		{"a and against", `{"against":"httpx@0.14.2","a":` + sc + `}`, sc, "", "httpx@0.14.2"},
		{"a scenario with against, which is taken out", `{"mergeplay":1,"against":"httpx@0.14.2","library":"httpx@0.14.1","request":{"url":"http://a.test/","headers":{"X-A":"1"}}}`,
			sc, "", "httpx@0.14.2"},
	}
	for _, tt := range tests {
		req, aerr := decodeDiffRequest([]byte(tt.doc))
		if aerr != nil || string(req.A) != tt.a || string(req.B) != tt.b || req.Against != tt.against {
			t.Errorf("%s: decodeDiffRequest = %q %q %q, %v; want %q %q %q", tt.reason, req.A, req.B, req.Against, aerr, tt.a, tt.b, tt.against)
		}
	}
}
