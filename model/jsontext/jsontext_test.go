package jsontext

import (
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

func TestEncodeJSON(t *testing.T) {
	v, err := merge.DecodeValue([]byte(`{"b":1.0,"a":["é",true,null],"u":{"$undefined":true},"c":"<\u2028>"}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		reason string
		style  Style
		want   string
	}{
		{"python json.dumps defaults", Python, `{"b": 1.0, "a": ["\u00e9", true, null], "c": "<\u2028>"}`},
		{"JSON.stringify", JS, `{"b":1,"a":["é",true,null],"c":"<` + "\u2028" + `>"}`},
		{"go encoding/json escapes HTML", Style{ItemSep: ",", KeySep: ":", HTMLSafe: true}, `{"b":1,"a":["é",true,null],"c":"\u003c\u2028\u003e"}`},
	}
	for _, tt := range tests {
		if got := Encode(v, tt.style); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.reason, got, tt.want)
		}
	}
}

// Expected texts are CPython 3.11's json.dumps and Node 22's JSON.stringify.
func TestEncodeBeyondDoubleAndLoneSurrogates(t *testing.T) {
	v, err := merge.DecodeValue([]byte(`{"v":1e999,"w":-1e999,"n":1e-999,"s":"a\ud800b\udc00","p":"\ud834\udd1e"}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		reason string
		style  Style
		want   string
	}{
		{"json.dumps writes inf as Infinity (allow_nan=True) and a lone surrogate as a lower-case escape (ensure_ascii)", Python,
			`{"v": Infinity, "w": -Infinity, "n": 0.0, "s": "a\ud800b\udc00", "p": "\ud834\udd1e"}`},
		{"JSON.stringify writes a non-finite Number as null and escapes a lone surrogate (ES2019), not a pair", JS,
			`{"v":null,"w":null,"n":0,"s":"a\ud800b\udc00","p":"𝄞"}`},
		{"json.dumps(ensure_ascii=False) keeps the surrogate in the str, for .encode() to refuse", Style{ItemSep: ",", KeySep: ":", PyNumbers: true},
			`{"v":Infinity,"w":-Infinity,"n":0.0,"s":"a` + "\xed\xa0\x80" + `b` + "\xed\xb0\x80" + `","p":"𝄞"}`},
	}
	for _, tt := range tests {
		if got := Encode(v, tt.style); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.reason, got, tt.want)
		}
	}
	if !NonFinite(v) || NonFinite(merge.Value{Kind: merge.Number, Text: "1e308"}) {
		t.Errorf("NonFinite: want true for 1e999 inside an object, false for 1e308")
	}
}
