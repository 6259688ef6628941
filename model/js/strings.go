package js

import (
	"strconv"

	"github.com/mergeplay/mergeplay/merge"
)

// A JavaScript string is UTF-16 code units and may hold a lone surrogate,
// as a scenario's Value does (merge's text is WTF-8, see merge.DecodeRune).
// These are the conversions that decide what becomes of one.

// USVString is WebIDL's conversion of a string to a USVString (URL,
// URLSearchParams, fetch's body): each lone surrogate becomes U+FFFD
// (https://webidl.spec.whatwg.org/#idl-USVString).
func USVString(s string) string { return merge.WellFormed(s) }

// UTF8 is the bytes Buffer.from(s), TextEncoder.encode(s) and Node's
// http write for a string: UTF-8 of its scalar values, so each lone
// surrogate is U+FFFD (EF BF BD) (https://encoding.spec.whatwg.org/#utf-8-encoder).
func UTF8(s string) []byte { return []byte(merge.WellFormed(s)) }

// ByteStringError is WebIDL's ByteString conversion failure as V8 and
// undici word it, for the first code unit above 255, or "" when s converts
// (https://webidl.spec.whatwg.org/#idl-ByteString). The index counts UTF-16
// code units; a supplementary character is named by its high surrogate.
func ByteStringError(s string) string {
	for i, units := 0, 0; i < len(s); units++ {
		r, n := merge.DecodeRune(s[i:])
		i += n
		if r >= 0x10000 {
			r = 0xD800 + (r-0x10000)>>10
		}
		if r > 0xFF {
			return "Cannot convert argument to a ByteString because the character at index " + strconv.Itoa(units) +
				" has a value of " + strconv.Itoa(int(r)) + " which is greater than 255."
		}
	}
	return ""
}
