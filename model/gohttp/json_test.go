package gohttp

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// oracleObject is JSONObject as it was marshalled before: each member
// with encoding/json.
type oracleObject []JSONMember

func (o oracleObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(toOracle(m.val))
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// toOracle swaps JSONObject for oracleObject all the way down.
func toOracle(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = toOracle(e)
		}
		return out
	case JSONObject:
		return oracleObject(x)
	}
	return v
}

func checkGoBody(t *testing.T, v any) {
	t.Helper()
	want, werr := json.Marshal(toOracle(v))
	got, ok := AppendJSON(nil, v)
	if (werr == nil) != ok || ok && !bytes.Equal(got, want) {
		t.Fatalf("Go body %#v:\n got %s (ok %v)\nwant %s (%v)", v, got, ok, want, werr)
	}
}

func TestJSONEncodeGoBodiesMatchEncodingJSON(t *testing.T) {
	tests := []struct {
		reason, json string
	}{
		{"an object keeps document order", `{"z":"<b>","a":1.0,"n":12345678901234567890}`},
		{"an array of every kind", `[null,true,false,0,-0,1e-7,1e21,"\u2028",[],{}]`},
		{"nested objects", `{"a":{"b":[{"c":0.000001}]},"":""}`},
		{"floats lose their spelling", `[1.50,100e-2,0.1e1]`},
	}
	for _, tt := range tests {
		v, err := merge.DecodeValue([]byte(tt.json))
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		g, why := JSONValue(v, "json")
		if why != "" {
			t.Fatalf("%s: %s", tt.reason, why)
		}
		checkGoBody(t, g)
	}
	checkGoBody(t, []any{math.Inf(1)})
	checkGoBody(t, JSONObject(nil))
}

// FuzzJSONEncode: AppendJSON agrees with json.Marshal for any string and
// float64 inside every kind of Go body (the corpus is merge's, whose
// FuzzJSONEncode checked Go bodies before the Go model had a package).
func FuzzJSONEncode(f *testing.F) {
	f.Add("<\u2028>&\x00\xff", 1e21, uint8(0xff))
	f.Add("", math.Copysign(0, -1), uint8(0))
	f.Fuzz(func(t *testing.T, s string, x float64, shape uint8) {
		checkGoBody(t, []any{s, x, nil, shape&1 == 0, []any{}, JSONObject{{s, x}, {"k", []any{JSONObject{}}}}})
	})
}
