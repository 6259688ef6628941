package js

import (
	"testing"
)

func TestJSFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{10, "10"}, {1.5, "1.5"}, {0.000001, "0.000001"}, {1e-7, "1e-7"},
		{1e21, "1e+21"}, {1e20, "100000000000000000000"}, {-2.25, "-2.25"}, {123.456, "123.456"},
	}
	for _, tt := range tests {
		if got := Float(tt.in); got != tt.want {
			t.Errorf("JSFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
