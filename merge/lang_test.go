package merge

import "testing"

func TestPyFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{10, "10.0"}, {1.5, "1.5"}, {0.0001, "0.0001"}, {0.00001, "1e-05"},
		{1e16, "1e+16"}, {1e15, "1000000000000000.0"}, {-2.25, "-2.25"}, {123456789.125, "123456789.125"},
	}
	for _, tt := range tests {
		if got := PyFloat(tt.in); got != tt.want {
			t.Errorf("PyFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{10, "10"}, {1.5, "1.5"}, {0.000001, "0.000001"}, {1e-7, "1e-7"},
		{1e21, "1e+21"}, {1e20, "100000000000000000000"}, {-2.25, "-2.25"}, {123.456, "123.456"},
	}
	for _, tt := range tests {
		if got := JSFloat(tt.in); got != tt.want {
			t.Errorf("JSFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEncodeJSON(t *testing.T) {
	v, err := DecodeValue([]byte(`{"b":1.0,"a":["é",true,null],"u":{"$undefined":true},"c":"<\u2028>"}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		reason string
		style  JSONStyle
		want   string
	}{
		{"python json.dumps defaults", PythonJSON, `{"b": 1.0, "a": ["\u00e9", true, null], "c": "<\u2028>"}`},
		{"JSON.stringify", JSJSON, `{"b":1,"a":["é",true,null],"c":"<` + "\u2028" + `>"}`},
		{"go encoding/json escapes HTML", JSONStyle{ItemSep: ",", KeySep: ":", HTMLSafe: true}, `{"b":1,"a":["é",true,null],"c":"\u003c\u2028\u003e"}`},
	}
	for _, tt := range tests {
		if got := EncodeJSON(v, tt.style); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.reason, got, tt.want)
		}
	}
}

func TestFormEscape(t *testing.T) {
	if got := FormEscape("a b/~*é", PySafe); got != "a+b%2F~%2A%C3%A9" {
		t.Errorf("python: %s", got)
	}
	if got := FormEscape("a b/~*", WHATWGSafe); got != "a+b%2F%7E*" {
		t.Errorf("whatwg: %s", got)
	}
}
