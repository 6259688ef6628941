// Package minjson reads and writes JSON byte for byte as encoding/json does,
// for the few shapes merge needs, so the browser build need not link encoding/json.
// One difference is on purpose, both ways: a lone surrogate escape (\ud800)
// is kept as WTF-8 by the Decoder and written back as the escape (see
// DecodeRune), where encoding/json has U+FFFD.
//
// It has no reflection and no package-level mutable state. Every function
// here has an oracle test against encoding/json in package merge
// (json_test.go), which is where the exact behaviour is pinned down.
package minjson

import (
	"math"
	"strconv"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string, as json.Marshal writes a Go string:
// <, > and & become \u003c, \u003e and \u0026 (HTML-safe output), U+2028 and
// U+2029 are escaped, each byte of invalid UTF-8 becomes \ufffd, and control
// characters use \b \f \n \r \t or \u00XX. One difference is on purpose: a
// surrogate written as WTF-8 (see DecodeRune) becomes its \u escape (\ud800),
// where json.Marshal writes three \ufffd, so a string the Decoder read comes
// back as it was written.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	done := 0 // s[:done] is already in dst
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plainASCII(c) {
				i++
				continue
			}
			dst = append(dst, s[done:i]...)
			dst = appendASCIIEscape(dst, c)
			i++
			done = i
			continue
		}
		r, size := DecodeRune(s[i:])
		switch {
		case IsSurrogate(r):
			dst = append(dst, s[done:i]...)
			dst = append(dst, '\\', 'u', 'd', hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[done:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[done:i]...)
			dst = append(dst, `\u202`...)
			dst = append(dst, hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		done = i
	}
	dst = append(dst, s[done:]...)
	return append(dst, '"')
}

// plainASCII reports whether an ASCII byte is written as itself: printable,
// and neither a quote, a backslash nor one of the HTML-significant <, >, &.
func plainASCII(c byte) bool {
	if c < 0x20 {
		return false
	}
	switch c {
	case '"', '\\', '<', '>', '&':
		return false
	}
	return true // DEL (0x7f) included, as encoding/json does
}

func appendASCIIEscape(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}

// Quote returns s as a JSON string (see AppendString).
func Quote(s string) string { return string(AppendString(nil, s)) }

// AppendBool appends true or false.
func AppendBool(dst []byte, v bool) []byte { return strconv.AppendBool(dst, v) }

// AppendFloat appends a finite float64 as json.Marshal does: the shortest
// decimal that reads back to f, in plain notation unless |f| is below 1e-6 or
// at least 1e21, where it uses an exponent without a leading zero (1e-7, not
// 1e-07). ok is false for NaN and ±Inf, which JSON cannot express.
func AppendFloat(dst []byte, f float64) (out []byte, ok bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dst, false
	}
	abs := math.Abs(f)
	if abs == 0 || abs >= 1e-6 && abs < 1e21 {
		return strconv.AppendFloat(dst, f, 'f', -1, 64), true
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'e', -1, 64)
	// strconv pads the exponent to two digits; JSON writers (like ES6) do not.
	if e := dst[start:]; len(e) >= 4 && e[len(e)-4] == 'e' && e[len(e)-3] == '-' && e[len(e)-2] == '0' {
		dst[len(dst)-2] = dst[len(dst)-1]
		dst = dst[:len(dst)-1]
	}
	return dst, true
}
