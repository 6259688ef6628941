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
