package js

import (
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

func lone(rs ...rune) string { return merge.FromRunes(rs) }

// Expected texts are Node 22's.
func TestNumberBeyondDouble(t *testing.T) {
	tests := []struct{ reason, lit, want string }{
		{"JSON.parse reads 1e999 as Infinity, and String() spells it so", "1e999", "Infinity"},
		{"and -1e999 as -Infinity", "-1e999", "-Infinity"},
		{"an integer literal beyond the largest double is Infinity too", "1" + strings.Repeat("0", 400), "Infinity"},
		{"a literal too small for a double is 0", "1e-999", "0"},
	}
	for _, tt := range tests {
		if got := Number(tt.lit); got != tt.want {
			t.Errorf("%s: Number(%s) = %q, want %q", tt.reason, tt.lit, got, tt.want)
		}
	}
}

func TestLoneSurrogateConversions(t *testing.T) {
	tests := []struct {
		reason, s     string
		usv           string // USVString, and the text UTF8 writes
		byteStringErr string
		malformed     bool
	}{
		{"a lone high surrogate becomes U+FFFD; ByteString names its code unit", lone('a', 0xD800, 'b'), "a\ufffdb",
			"Cannot convert argument to a ByteString because the character at index 1 has a value of 55296 which is greater than 255.", true},
		{"a Latin-1 character passes ByteString; the index is the surrogate's", lone('é', 0xDC00), "é\ufffd",
			"Cannot convert argument to a ByteString because the character at index 1 has a value of 56320 which is greater than 255.", true},
		{"a pair is one scalar value; ByteString names its first code unit", "𝄞x", "𝄞x",
			"Cannot convert argument to a ByteString because the character at index 0 has a value of 55348 which is greater than 255.", false},
		{"a supplementary character counts two code units before the bad one", lone('𝄞', 0xD800), "𝄞\ufffd",
			"Cannot convert argument to a ByteString because the character at index 0 has a value of 55348 which is greater than 255.", true},
		{"plain Latin-1 converts", "café", "café", "", false},
	}
	for _, tt := range tests {
		if got := USVString(tt.s); got != tt.usv {
			t.Errorf("%s: USVString(%q) = %q, want %q", tt.reason, tt.s, got, tt.usv)
		}
		if got := string(UTF8(tt.s)); got != tt.usv {
			t.Errorf("%s: UTF8(%q) = %q, want %q", tt.reason, tt.s, got, tt.usv)
		}
		if got := ByteStringError(tt.s); got != tt.byteStringErr {
			t.Errorf("%s: ByteStringError(%q) = %q, want %q", tt.reason, tt.s, got, tt.byteStringErr)
		}
		if got := URIMalformed(tt.s); got != tt.malformed {
			t.Errorf("%s: URIMalformed(%q) = %v, want %v", tt.reason, tt.s, got, tt.malformed)
		}
	}
}
