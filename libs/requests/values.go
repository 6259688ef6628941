package requests

import "github.com/mergeplay/mergeplay/model/python"

// latin1 encodes text that is known to be Latin-1.
func latin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, byte(r))
	}
	return out
}

// runeLen is len(str) in Python.
func runeLen(s string) int { return python.Len(s) }
