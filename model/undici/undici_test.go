package undici

import "testing"

func TestMethod(t *testing.T) {
	tests := []struct {
		reason, in, want, err string
	}{
		{"the six standard methods are upper-cased in any case", "Delete", "DELETE", ""},
		{"lower-case too", "options", "OPTIONS", ""},
		{"patch is not one of them", "patch", "patch", ""},
		{"other tokens are kept", "Purge", "Purge", ""},
		{"forbidden methods are refused", "trace", "", "'trace' HTTP method is unsupported."},
	}
	for _, tc := range tests {
		got, err := Method(tc.in)
		if got != tc.want || err != tc.err {
			t.Errorf("Method(%q) = %q, %q; want %q, %q: %s", tc.in, got, err, tc.want, tc.err, tc.reason)
		}
	}
}

func TestHeadersSetKeepsPosition(t *testing.T) {
	h, msg := FromRecordForTest(`X-A`, `X-B`)
	if msg != "" {
		t.Fatal(msg)
	}
	h.Set("x-a", "9", "request")
	if h.L[0].Name != "x-a" || h.L[0].Value != "9" || h.L[1].Name != "X-B" {
		t.Errorf("Set replaces the spelling and value where the name is: %+v", h.L)
	}
	if e := h.Entries(); e[1].Name != "x-b" {
		t.Errorf("Entries lower-cases and sorts: %+v", e)
	}
}

// FromRecordForTest builds a list with the names given, each value "1".
func FromRecordForTest(names ...string) (*Headers, string) {
	h := &Headers{}
	for _, n := range names {
		h.Append(n, "1", "client")
	}
	return h, ""
}
