package merge

import (
	"encoding/json"
	"testing"
)

// seedScenarios are fuzz seeds: every corpus scenario shape plus hostile inputs.
var seedScenarios = []string{
	`{"mergeplay":1,"library":"requests@2.28.1","client":{"auth":{"username":"john","password":"admin"}},"request":{"url":"http://a.test/x","auth":null}}`,
	`{"mergeplay":1,"library":"httpx@0.14.2","client":{"base_url":"http://a.test/v1/","headers":{"X-Foo":"a"},"params":{"a":[1,true,null]}},"request":{"url":"users","headers":{"x-foo":{"$undefined":true}},"params":{"a":"2"},"auth":false}}`,
	`{"mergeplay":1,"library":"axios@1.21.1","client":{"base_url":"http://a.test/","headers":{"A":false}},"request":{"url":"//b.test/x?y=1#f","method":"post","json":{"k":[1.5,{"z":null}]}}}`,
	`{"mergeplay":1,"library":"ky@2.1.0","client":{"base_url":"http://a.test/","prefix":"/p"},"request":{"url":"../x","body":"raw"}}`,
	`{"mergeplay":1,"library":"resty@2.17.2","client":{"auth":{"bearer":"t"},"cookies":{"a":"1"}},"request":{"url":"http://a.test","cookies":{"a":"2"},"headers":{"Cookie":"c=3"}}}`,
	`{"mergeplay":1,"library":"net/http@1.26.8","request":{"url":"http://a.test/%zz","headers":{"user-agent":""}}}`,
	`{"mergeplay":1,`,
	`{"mergeplay":1,"library":"x@1","request":{"headers":{"X":"\u0000"}}}`,
	`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`,
}

// FuzzParseScenario: the decoder never panics, and whatever it accepts
// re-encodes to a document that parses to the same scenario.
func FuzzParseScenario(f *testing.F) {
	for _, s := range seedScenarios {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseScenario(data, "")
		if err != nil {
			if _, ok := err.(*InvalidError); !ok {
				t.Fatalf("ParseScenario error %T is not an InvalidError: %v", err, err)
			}
			return
		}
		out, err := json.Marshal(sc)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseScenario(out, "")
		if err != nil {
			t.Fatalf("re-encoded scenario does not parse: %v\n%s", err, out)
		}
		out2, _ := json.Marshal(again)
		if string(out) != string(out2) {
			t.Fatalf("round trip is not stable:\n%s\n%s", out, out2)
		}
	})
}
