package python

import (
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

func TestNativeAuth(t *testing.T) {
	obj := func(keys ...string) merge.Value {
		v := merge.Value{Kind: merge.Object}
		for _, k := range keys {
			v.Fields = append(v.Fields, merge.Field{Key: k, Value: merge.Value{Kind: merge.String, Text: "x"}})
		}
		return v
	}
	tests := []struct {
		v    merge.Value
		want string
	}{
		{merge.Value{Kind: merge.Null}, ""},
		{merge.Value{Kind: merge.String, Text: "t"}, ""},
		{obj("username", "password"), ""},
		{obj("bearer"), "request.auth.bearer: httpx has no bearer-token auth option"},
		{obj("username", "password", "bearer"), "request.auth.bearer: httpx has no bearer-token auth option"},
		{obj("username"), `request.auth must be {"username","password"} or {"bearer"}`},
		{obj("username", "token"), `request.auth must be {"username","password"} or {"bearer"}`},
	}
	for _, tt := range tests {
		if got := NativeAuth(tt.v, "request.auth", "httpx"); got != tt.want {
			t.Errorf("NativeAuth(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
