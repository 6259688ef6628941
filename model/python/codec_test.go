package python

import (
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// lone builds text holding lone surrogates, as the scenario decoder keeps
// them (WTF-8), from code points.
func lone(rs ...rune) string { return merge.FromRunes(rs) }

// Expected texts are CPython 3.11's (str(e) of the UnicodeEncodeError).
func TestEncodeError(t *testing.T) {
	tests := []struct {
		reason, s, codec, want string
	}{
		{"utf-8 refuses a lone surrogate; the position counts code points", lone('a', 0xD800, 'b'), UTF8,
			`'utf-8' codec can't encode character '\ud800' in position 1: surrogates not allowed`},
		{"a run of surrogates is one error over the run", lone(0xD800, 0xDC00, 'x'), UTF8,
			`'utf-8' codec can't encode characters in position 0-1: surrogates not allowed`},
		{"multi-byte characters before count as one position each", lone('é', '☕', 0xD800), UTF8,
			`'utf-8' codec can't encode character '\ud800' in position 2: surrogates not allowed`},
		{"the first bad code point decides, the rest is not looked at", lone(0xDC00, 'x', 0xDC00, 0xD800), UTF8,
			`'utf-8' codec can't encode character '\udc00' in position 0: surrogates not allowed`},
		{"ascii refuses from U+0080, spelled \\xNN below U+0100", "café", ASCII,
			`'ascii' codec can't encode character '\xe9' in position 3: ordinal not in range(128)`},
		{"latin-1 refuses a lone surrogate as a code point above U+00FF", lone('a', 0xD800), Latin1,
			`'latin-1' codec can't encode character '\ud800' in position 1: ordinal not in range(256)`},
		{"latin-1 takes the whole run", "x€€y", Latin1,
			`'latin-1' codec can't encode characters in position 1-2: ordinal not in range(256)`},
		{"a supplementary character is one code point, spelled \\U", "𝄞", Latin1,
			`'latin-1' codec can't encode character '\U0001d11e' in position 0: ordinal not in range(256)`},
		{"utf-8 encodes every scalar value", "é☕𝄞\ufffd", UTF8, ""},
		{"latin-1 encodes up to U+00FF", "ÿ\x00", Latin1, ""},
	}
	for _, tt := range tests {
		got, _, _, bad := EncodeError(tt.s, tt.codec)
		if got != tt.want || bad != (tt.want != "") {
			t.Errorf("%s: EncodeError(%q, %s) = %q, %v; want %q", tt.reason, tt.s, tt.codec, got, bad, tt.want)
		}
	}
}

func TestNumberBeyondDouble(t *testing.T) {
	tests := []struct{ reason, lit, want string }{
		{"json.loads reads 1e999 as float('inf'), whose str() is inf", "1e999", "inf"},
		{"and -1e999 as -inf", "-1e999", "-inf"},
		{"a literal too small for a double is 0.0, no error", "1e-999", "0.0"},
		{"the largest double's neighbourhood still parses", "1e308", "1e+308"},
		{"an integer literal stays an int however long", "1" + zeros(400), "1" + zeros(400)},
	}
	for _, tt := range tests {
		if got := Number(tt.lit); got != tt.want {
			t.Errorf("%s: Number(%s) = %q, want %q", tt.reason, tt.lit, got, tt.want)
		}
	}
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

func TestStrReprLoneSurrogate(t *testing.T) {
	if got, want := StrRepr(lone('a', 0xD800)), `'a\ud800'`; got != want {
		t.Errorf("repr of a str with a lone surrogate = %s, want %s (a surrogate is not printable)", got, want)
	}
	if got, want := Len(lone('é', 0xD800, 'b')), 3; got != want {
		t.Errorf("len() = %d, want %d code points", got, want)
	}
}
