package nodehttp

import "testing"

func TestInvalidHeaderChar(t *testing.T) {
	tests := []struct {
		reason, in string
		want       bool
	}{
		{"printable ASCII and tab are allowed", "a b\tc~", false},
		{"Latin-1 above 0x80 is allowed (one byte each on the wire)", "é\u00ff", false},
		{"DEL is not", "a\x7f", true},
		{"a C0 control is not", "a\x01", true},
		{"a code point above U+00FF is not", "\u0100", true},
	}
	for _, tt := range tests {
		if got := InvalidHeaderChar(tt.in); got != tt.want {
			t.Errorf("InvalidHeaderChar(%q) = %v, want %v (%s)", tt.in, got, tt.want, tt.reason)
		}
	}
}

func TestChunkedByDefault(t *testing.T) {
	for _, m := range []string{"GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"} {
		if ChunkedByDefault(m) {
			t.Errorf("ChunkedByDefault(%s) = true; Node sends no body framing for it by default", m)
		}
	}
	for _, m := range []string{"POST", "PUT", "PATCH", "get"} {
		if !ChunkedByDefault(m) {
			t.Errorf("ChunkedByDefault(%s) = false; Node uses chunked encoding by default for it", m)
		}
	}
}
