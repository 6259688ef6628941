package punycode

import "testing"

func TestEncode(t *testing.T) {
	tests := []struct{ reason, in, want string }{
		{"RFC 3492 style: one non-ASCII letter", "bücher", "bcher-kva"},
		{"German city name", "münchen", "mnchen-3ya"},
		{"only non-ASCII code points: no delimiter", "ü", "tda"},
		{"ASCII only: the basic code points and a trailing delimiter", "abc", "abc-"},
	}
	for _, tt := range tests {
		got, err := Encode(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Encode(%q) = %q, %v; want %q (%s)", tt.in, got, err, tt.want, tt.reason)
		}
	}
}
