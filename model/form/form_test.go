package form

import (
	"testing"
)

func TestFormEscape(t *testing.T) {
	if got := Escape("a b/~*é", PythonSafe); got != "a+b%2F~%2A%C3%A9" {
		t.Errorf("python: %s", got)
	}
	if got := Escape("a b/~*", WHATWGSafe); got != "a+b%2F%7E*" {
		t.Errorf("whatwg: %s", got)
	}
}
