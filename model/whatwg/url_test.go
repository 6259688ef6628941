package whatwg

import "testing"

func TestParseWHATWG(t *testing.T) {
	base, err := Parse("http://api.example.test/v1/x?q=1", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		reason, in, want string
	}{
		{"relative path replaces the last segment", "users", "http://api.example.test/v1/users"},
		{"a leading slash goes to the origin root", "/users", "http://api.example.test/users"},
		{"dot-dot climbs", "../up", "http://api.example.test/up"},
		{"protocol-relative takes the host", "//other.test/x", "http://other.test/x"},
		{"query only keeps the path", "?a=1", "http://api.example.test/v1/x?a=1"},
		{"empty keeps path and query", "", "http://api.example.test/v1/x?q=1"},
		{"absolute wins, host lowercased, default port dropped", "HTTP://Other.TEST:80/a b", "http://other.test/a%20b"},
		{"quote in query is encoded for special schemes", "?a='", "http://api.example.test/v1/x?a=%27"},
	}
	for _, tt := range tests {
		u, err := Parse(tt.in, base)
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		if got := u.Href(); got != tt.want {
			t.Errorf("%s: new URL(%q, base) = %q, want %q", tt.reason, tt.in, got, tt.want)
		}
	}
	if _, err := Parse("users", nil); err == nil {
		t.Error("a relative URL without a base must be invalid")
	}
}
