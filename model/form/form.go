package form

import (
	"fmt"
	"strings"
)

// Escape percent-encodes s for application/x-www-form-urlencoded with
// space as '+'. safe lists the punctuation left as is besides ASCII letters
// and digits: Python's quote_plus keeps "_.-~", WHATWG URLSearchParams keeps
// "*-._", Go's url.QueryEscape keeps "-_.~".
func Escape(s, safe string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(safe, c) >= 0:
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// Safe sets for Escape.
const (
	PythonSafe  = "_.-~"
	WHATWGSafe  = "*-._"
	GoQuerySafe = "-_.~"
)
