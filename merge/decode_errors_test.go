package merge

import (
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
