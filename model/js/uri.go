package js

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge"
)

// EncodeURIComponent is encodeURIComponent for text without a lone
// surrogate (see URIMalformed).
func EncodeURIComponent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// DecodeURIComponent is decodeURIComponent; ok is false where JS throws URIError.
func DecodeURIComponent(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	out, err := url.PathUnescape(strings.ReplaceAll(s, "+", "%2B"))
	if err != nil || !utf8.ValidString(out) {
		return s, false
	}
	return out, true
}

// Trim is String.prototype.trim.
func Trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == 0xFEFF })
}

// URIMalformed reports whether encodeURIComponent (and encodeURI) throw
// URIError "URI malformed" for s: ECMA-262 Encode throws on a lone surrogate,
// which has no UTF-8 form (https://tc39.es/ecma262/#sec-encode).
func URIMalformed(s string) bool { return merge.HasSurrogate(s) }
