package pyrequests

import (
	"strconv"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/python"
)

// Python-side spellings the requests and niquests profiles need for exception
// messages: str(), truthiness and the text of a 'latin-1' UnicodeEncodeError.
// repr() and type names shared with httpx live in model/python.

// Str is str(v) for a scalar.
func Str(v merge.Value) string {
	switch v.Kind {
	case merge.String:
		return v.Text
	case merge.Number:
		return python.Number(v.Text)
	}
	return python.Repr(v)
}

// Truthy is bool(v) in Python.
func Truthy(v merge.Value) bool {
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

// Latin1Error returns the head of CPython's UnicodeEncodeError text for
// s.encode("latin-1") (the caller appends ": " and the reason, "ordinal not
// in range(256)" unless http.client rewrote it), the code-point offsets of
// the first run of code points above U+00FF, and whether there was one.
func Latin1Error(s string) (msg string, start, end int, bad bool) {
	if _, start, end, bad = python.EncodeError(s, python.Latin1); !bad {
		return "", 0, 0, false
	}
	return python.EncodeErrorText(python.Latin1, merge.Runes(s), start, end), start, end, true
}
