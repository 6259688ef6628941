package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"testing"
)

func TestDecodeOrderedKeepsOrderAndMarksUndefined(t *testing.T) {
	v, err := decodeOrdered([]byte(`{"z":"1","a":{"$undefined":true},"m":[1,null],"u":{"$undefined":false},"z":"2"}`))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range v.Obj {
		keys = append(keys, m.Key)
	}
	if got, want := fmt.Sprint(keys), "[z a m u z]"; got != want {
		t.Errorf("keys = %s, want %s (document order, duplicates kept)", got, want)
	}
	if k := v.Get("a").Kind; k != Undefined {
		t.Errorf(`{"$undefined": true} decoded as %s, want undefined`, k)
	}
	if k := v.Get("u").Kind; k != Object {
		t.Errorf(`{"$undefined": false} decoded as %s, want an ordinary object`, k)
	}
	if s := v.Get("z").Str; s != "2" {
		t.Errorf(`Get("z") = %q, want the last duplicate "2"`, s)
	}
}

func TestGoValueMarshalsInDocumentOrder(t *testing.T) {
	v, _ := decodeOrdered([]byte(`{"b":1.0,"a":[2.50,"<"],"c":{"y":null,"x":true}}`))
	g, err := goValue(v, "json")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(g)
	if got, want := string(b), `{"b":1,"a":[2.5,"\u003c"],"c":{"y":null,"x":true}}`; got != want {
		t.Errorf("json.Marshal(goValue) = %s, want %s", got, want)
	}
	if _, err := goValue(&Value{Kind: Undefined}, "json"); !errors.As(err, new(*unsupportedError)) {
		t.Errorf("goValue(undefined) err = %v, want unsupported", err)
	}
}

func TestErrorTypeUnwrapsURLError(t *testing.T) {
	_, err := url.Parse("http://[::1")
	if got := errorType(err); got != "errors.errorString" {
		t.Errorf("errorType(%v) = %q, want errors.errorString", err, got)
	}
	if got := errorType(&url.Error{Op: "Get", URL: "u", Err: url.InvalidHostError("x")}); got != "url.InvalidHostError" {
		t.Errorf("errorType = %q, want url.InvalidHostError", got)
	}
}
