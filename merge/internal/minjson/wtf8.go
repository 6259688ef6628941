package minjson

import "unicode/utf8"

// WTF-8 (https://simonsapin.github.io/wtf-8/) is UTF-8 that may also hold
// surrogate code points, each written as the three bytes UTF-8 would give it
// (ED A0..BF 80..BF). The Decoder keeps a lone surrogate escape that way, so
// that Python and JavaScript models see the code point the real json.loads
// and JSON.parse keep; utf8 sees each of the three bytes as invalid.

// DecodeRune is utf8.DecodeRuneInString, except that a surrogate written as
// WTF-8 decodes to itself (size 3).
func DecodeRune(s string) (rune, int) {
	if len(s) >= 3 && s[0] == 0xED && s[1] >= 0xA0 && s[1] <= 0xBF && s[2] >= 0x80 && s[2] <= 0xBF {
		return 0xD000 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s)
}

// IsSurrogate reports whether r is a UTF-16 surrogate code point.
func IsSurrogate(r rune) bool { return r >= 0xD800 && r < 0xE000 }

// AppendRune is utf8.AppendRune, except that a surrogate is written as WTF-8.
func AppendRune(dst []byte, r rune) []byte {
	if IsSurrogate(r) {
		return append(dst, 0xED, byte(0x80|r>>6&0x3F), byte(0x80|r&0x3F))
	}
	return utf8.AppendRune(dst, r)
}
