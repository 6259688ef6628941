package requests

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/python"
)

// Python-side spellings only the requests profiles need for exception
// messages: str(), truthiness and the text of a 'latin-1' UnicodeEncodeError.
// repr() and type names shared with httpx live in model/python.

// pyStr is str(v) for a scalar.
func pyStr(v merge.Value) string {
	switch v.Kind {
	case merge.String:
		return v.Text
	case merge.Number:
		return python.Number(v.Text)
	}
	return python.Repr(v)
}

// truthy is bool(v) in Python.
func truthy(v merge.Value) bool {
	switch v.Kind {
	case merge.Bool:
		return v.Bool
	case merge.Number:
		f, err := strconv.ParseFloat(v.Text, 64)
		return err != nil || f != 0
	case merge.String:
		return v.Text != ""
	case merge.Array:
		return len(v.Items) > 0
	case merge.Object:
		return len(v.Fields) > 0
	}
	return false
}

// latin1Error finds the first run of code points above U+00FF and
// returns the head of CPython's UnicodeEncodeError text for s.encode("latin-1")
// (the caller appends ": " and the reason, "ordinal not in range(256)" unless
// http.client rewrote it), the run's code-point offsets, and whether there was one.
func latin1Error(s string) (msg string, start, end int, bad bool) {
	i := 0
	start = -1
	for _, r := range s {
		if r > 0xff {
			if start < 0 {
				start = i
			}
			end = i + 1
		} else if start >= 0 {
			break
		}
		i++
	}
	if start < 0 {
		return "", 0, 0, false
	}
	if end == start+1 {
		r := []rune(s)[start]
		return fmt.Sprintf("'latin-1' codec can't encode character '%s' in position %d", python.Escape(r), start), start, end, true
	}
	return fmt.Sprintf("'latin-1' codec can't encode characters in position %d-%d", start, end-1), start, end, true
}

// latin1 encodes text that is known to be Latin-1.
func latin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, byte(r))
	}
	return out
}

// runeLen is len(str) in Python.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
