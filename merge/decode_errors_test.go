package merge

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestDecodeValueLocatesTheBadByte: a syntax error's offset is the position
// of the byte its message names, wherever that byte is (encoding/json's
// Decoder counts only the scalar bytes it has read inside a token).
func TestDecodeValueLocatesTheBadByte(t *testing.T) {
	tests := []struct {
		reason, doc string
		offset      int64
	}{
		{"a bad byte in a literal after other members", `{"a":1,"b":tru}`, 14},
		{"a bad escape after a string", `["ok","\x"]`, 8},
		{"a bad byte in a number after a long key", `{"mergeplay":1,"library":-x}`, 26},
		{"a control character in a string", "{\"a\":\"x\ny\"}", 7},
		{"a bad byte at the start of a value", `{"a": x}`, 6},
		{"between tokens, as before", `{"a" 1}`, 5},
	}
	for _, tt := range tests {
		_, err := DecodeValue([]byte(tt.doc))
		de, ok := err.(*DecodeError)
		if !ok || de.Path != "" {
			t.Fatalf("%s: DecodeValue(%q) = %v, want a syntax error", tt.reason, tt.doc, err)
		}
		if de.Offset != tt.offset {
			t.Errorf("%s: DecodeValue(%q) error %q at byte %d, want %d", tt.reason, tt.doc, de.Message, de.Offset, tt.offset)
		}
	}
	// The same on every document of the oracle corpus whose message names an ASCII byte.
	named := regexp.MustCompile(`^invalid character '(\\'|.)'`)
	for _, tt := range jsonDocs {
		_, err := DecodeValue([]byte(tt.doc))
		de, ok := err.(*DecodeError)
		if !ok || de.Path != "" {
			continue
		}
		m := named.FindStringSubmatch(de.Message)
		if m == nil || m[1] == " " { // ' ' stands for the end of the input
			continue
		}
		if c := strings.TrimPrefix(m[1], `\`); de.Offset >= int64(len(tt.doc)) || string(tt.doc[de.Offset]) != c {
			t.Errorf("%s: DecodeValue(%q): %q at byte %d, which is not that byte", tt.reason, tt.doc, de.Message, de.Offset)
		}
	}
}

// TestDecodeValueNamesAByteOrderMark: a document saved with a BOM gets a
// message that says so, at the start, through every entry point.
func TestDecodeValueNamesAByteOrderMark(t *testing.T) {
	doc := []byte("\xef\xbb\xbf" + `{"mergeplay":1,"library":"httpx@0.28.1","request":{"url":"https://a.example/"}}`)
	const want = "invalid JSON at byte 0: the document starts with a byte order mark (U+FEFF); remove it"
	if _, err := DecodeValue(doc); err == nil || err.Error() != want {
		t.Errorf("DecodeValue(BOM + scenario) = %v, want %q", err, want)
	}
	_, aerr := fakeRegistry.ResolveDoc(doc, "")
	if aerr == nil || aerr.Code != CodeInvalid || aerr.Message != want {
		t.Errorf("ResolveDoc(BOM + scenario) = %+v, want %s %q", aerr, CodeInvalid, want)
	}
	if out := string(fakeRegistry.ResolveJSON(doc)); strings.Contains(out, "ï") || !strings.Contains(out, "byte order mark") {
		t.Errorf("ResolveJSON(BOM + scenario) = %s", out)
	}
	// A BOM anywhere else is not white space in JSON either; only the first three bytes are named.
	if _, err := DecodeValue([]byte(`{"a": "b"}` + "\xef\xbb\xbf")); err == nil {
		t.Errorf("DecodeValue accepted a trailing BOM")
	}
}

// TestDecodeValueRefusesInvalidUTF8: raw bytes that are not UTF-8 are refused
// at the first bad byte, through every entry point, where encoding/json would
// silently decode them to U+FFFD (no library reads such a document as text).
func TestDecodeValueRefusesInvalidUTF8(t *testing.T) {
	tests := []struct {
		reason, doc string
		offset      int64
		bad         string
	}{
		{"a Latin-1 byte in a header value", `{"mergeplay":1,"request":{"headers":{"X-A":"caf` + "\xe9" + `"}}}`, 47, "0xe9"},
		{"a surrogate encoded as raw bytes (CESU/WTF-8), which only an escape may write", `["a` + "\xed\xa0\x80" + `"]`, 3, "0xed"},
		{"a truncated sequence in a key, before a syntax error", `{"k` + "\xe2\x82" + `":tru}`, 3, "0xe2"},
		{"a bare continuation byte at the top", "\x80", 0, "0x80"},
	}
	for _, tt := range tests {
		_, err := DecodeValue([]byte(tt.doc))
		de, ok := err.(*DecodeError)
		if !ok || de.Path != "" || de.Offset != tt.offset || !strings.Contains(de.Message, "byte "+tt.bad+" is not valid UTF-8") {
			t.Errorf("%s: DecodeValue(%q) = %#v, want byte %s refused at %d", tt.reason, tt.doc, err, tt.bad, tt.offset)
		}
		_, aerr := fakeRegistry.ResolveDoc([]byte(tt.doc), "x@1")
		if aerr == nil || aerr.Code != CodeInvalid || !strings.Contains(aerr.Message, "not valid UTF-8") {
			t.Errorf("%s: ResolveDoc = %+v, want an invalid-scenario error naming UTF-8", tt.reason, aerr)
		}
	}
}

// TestDecodeValueKeepsLoneSurrogates: an unpaired surrogate escape is kept as
// the code point (WTF-8), as json.loads and JSON.parse keep it; a pair still
// decodes to one code point; and the writers give the escapes back.
func TestDecodeValueKeepsLoneSurrogates(t *testing.T) {
	tests := []struct {
		reason, doc string
		runes       []rune
		back        string // what MarshalJSON writes
	}{
		{"a lone high surrogate", `"a\ud800b"`, []rune{'a', 0xD800, 'b'}, `"a\ud800b"`},
		{"a lone low surrogate, upper-case hex", `"\uDC00"`, []rune{0xDC00}, `"\udc00"`},
		{"a reversed pair is two lone surrogates", `"\udc00\ud800"`, []rune{0xDC00, 0xD800}, `"\udc00\ud800"`},
		{"a pair is one code point", `"\ud834\udd1e"`, []rune{0x1D11E}, `"𝄞"`},
		{"a high surrogate before a non-surrogate escape", `"\ud800\u0041"`, []rune{0xD800, 'A'}, `"\ud800A"`},
		{"a high surrogate at the end", `"x\ud800"`, []rune{'x', 0xD800}, `"x\ud800"`},
	}
	for _, tt := range tests {
		v, err := DecodeValue([]byte(tt.doc))
		if err != nil {
			t.Fatalf("%s: DecodeValue(%s): %v", tt.reason, tt.doc, err)
		}
		if got := Runes(v.Text); !reflect.DeepEqual(got, tt.runes) {
			t.Errorf("%s: DecodeValue(%s) code points %U, want %U", tt.reason, tt.doc, got, tt.runes)
		}
		out, _ := v.MarshalJSON()
		if string(out) != tt.back {
			t.Errorf("%s: MarshalJSON = %s, want %s", tt.reason, out, tt.back)
		}
		if HasSurrogate(WellFormed(v.Text)) || FromRunes(tt.runes) != v.Text {
			t.Errorf("%s: WellFormed or FromRunes disagree with DecodeValue on %q", tt.reason, v.Text)
		}
	}
	if got := WellFormed("a\xed\xa0\x80b"); got != "a\ufffdb" {
		t.Errorf("WellFormed(a, U+D800, b) = %q, want a, U+FFFD, b", got)
	}
}
