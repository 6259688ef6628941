package python

import (
	"fmt"

	"github.com/mergeplay/mergeplay/merge"
)

// Codecs for EncodeError: CPython's strict encoders for str.encode(codec).
const (
	UTF8   = "utf-8"   // refuses only surrogates (json.loads keeps a lone one in the str)
	ASCII  = "ascii"   // refuses code points from U+0080
	Latin1 = "latin-1" // refuses code points from U+0100
)

// EncodeError is the UnicodeEncodeError str.encode(codec) raises for s, as
// CPython 3.11 words it: the first run of code points the codec cannot
// encode, positions counted in code points (Objects/unicodeobject.c
// unicode_encode_ucs1 for ascii and latin-1, Objects/stringlib/codecs.h
// utf8_encode for utf-8; both take the whole run of bad characters, and
// Objects/exceptions.c UnicodeEncodeError_str words it). start and end are
// the run's code-point offsets; bad is false when s encodes.
func EncodeError(s, codec string) (msg string, start, end int, bad bool) {
	refuse, reason := func(r rune) bool { return merge.IsSurrogate(r) }, "surrogates not allowed"
	switch codec {
	case ASCII:
		refuse, reason = func(r rune) bool { return r >= 0x80 }, "ordinal not in range(128)"
	case Latin1:
		refuse, reason = func(r rune) bool { return r >= 0x100 }, "ordinal not in range(256)"
	}
	runes := merge.Runes(s)
	start = -1
	for i, r := range runes {
		if refuse(r) {
			start = i
			break
		}
	}
	if start < 0 {
		return "", 0, 0, false
	}
	end = start + 1
	for end < len(runes) && refuse(runes[end]) {
		end++
	}
	return EncodeErrorText(codec, runes, start, end) + ": " + reason, start, end, true
}

// EncodeErrorText is the head of a UnicodeEncodeError's str() for the
// code points runes[start:end], without the ": reason" that follows (a
// caller that rewrites the reason, as http.client does, appends its own).
func EncodeErrorText(codec string, runes []rune, start, end int) string {
	if end == start+1 {
		return fmt.Sprintf("'%s' codec can't encode character '%s' in position %d", codec, Escape(runes[start]), start)
	}
	return fmt.Sprintf("'%s' codec can't encode characters in position %d-%d", codec, start, end-1)
}

// Len is len(s) for a str: its code points, lone surrogates included.
func Len(s string) int { return len(merge.Runes(s)) }
