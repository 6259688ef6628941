package python

import (
	"testing"
)

func TestPyFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{10, "10.0"}, {1.5, "1.5"}, {0.0001, "0.0001"}, {0.00001, "1e-05"},
		{1e16, "1e+16"}, {1e15, "1000000000000000.0"}, {-2.25, "-2.25"}, {123456789.125, "123456789.125"},
	}
	for _, tt := range tests {
		if got := Float(tt.in); got != tt.want {
			t.Errorf("PyFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
