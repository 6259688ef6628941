package python

import (
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

func TestFindUndefined(t *testing.T) {
	member := func(parent, key string) string { return parent + "<" + key + ">" }
	tests := []struct {
		reason, doc, want string
	}{
		{"a scalar has nothing inside", `{"a": 1, "b": [null, "x"]}`, ""},
		{"the value itself", `{"$undefined": true}`, "v"},
		{"a dict member is spelled by the caller's member function", `{"a": {"b": {"$undefined": true}}}`, "v<a><b>"},
		{"a list item by its index", `{"a": [1, {"$undefined": true}]}`, "v<a>[1]"},
		{"depth first: the first member's inside comes before the second member", `{"a": [{"x": {"$undefined": true}}], "b": {"$undefined": true}}`, "v<a>[0]<x>"},
	}
	for _, tc := range tests {
		v, err := merge.DecodeValue([]byte(tc.doc))
		if err != nil {
			t.Fatalf("%s: %v", tc.doc, err)
		}
		if got := FindUndefined(v, "v", member); got != tc.want {
			t.Errorf("FindUndefined(%s) = %q, want %q: %s", tc.doc, got, tc.want, tc.reason)
		}
	}
}
