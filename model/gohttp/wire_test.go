package gohttp

import (
	"testing"
)

func TestGoCanonicalKey(t *testing.T) {
	tests := []struct{ in, want, reason string }{
		{"x-foo", "X-Foo", "first letter and letters after '-' upper case"},
		{"X-mIxEd-CASE", "X-Mixed-Case", "the rest lower case"},
		{"x_y", "X_y", "'_' is not a word separator"},
		{"a--b", "A--B", "after every '-'"},
		{"1a-b", "1a-B", "digits stay; the next letter is not after '-'"},
		{"x y", "x y", "a non-token byte leaves the key unchanged"},
		{"", "", "empty stays empty"},
	}
	for _, tt := range tests {
		if got := CanonicalKey(tt.in); got != tt.want {
			t.Errorf("goCanonicalKey(%q) = %q, want %q (%s)", tt.in, got, tt.want, tt.reason)
		}
	}
}

func TestGoPunycode(t *testing.T) {
	tests := []struct{ in, want, reason string }{
		{"bücher.example", "xn--bcher-kva.example", "RFC 3492 sample label"},
		{"café.test:8080", "xn--caf-dma.test:8080", "the port is kept"},
		{"例え.テスト", "xn--r8jz45g.xn--zckzah", "labels without ASCII"},
		{"ascii.test", "ascii.test", "ASCII is untouched"},
	}
	for _, tt := range tests {
		got, err := PunycodeHostPort(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("goPunycodeHostPort(%q) = %q, %v; want %q (%s)", tt.in, got, err, tt.want, tt.reason)
		}
	}
}
