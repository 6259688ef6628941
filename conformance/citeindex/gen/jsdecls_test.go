package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJSDecls(t *testing.T) {
	tests := []struct {
		name, reason, src string
		lines             bool
		want              []string
	}{
		{
			name:   "class-members",
			reason: "methods, accessors, private methods and the constructor are Class.name; the class ends at its own }",
			src: `export class Ky {
  static create(input, options) {
    return new Ky(input, options);
  }
  constructor(input, options = {}) {
    if (x) {
      y();
    }
  }
  get url() {
    return 1;
  }
  async #retry(fn) {
  }
}
function after() {
}`,
			want: []string{"Ky", "Ky.#retry", "Ky.constructor", "Ky.create", "Ky.url", "after"},
		},
		{
			name:   "esbuild-class-expression",
			reason: "esbuild renames classes it references (var Request = class _Request); the variable is the name the source uses",
			src: `    var Request = class _Request {
      constructor(input, init = {}) {
      }
    };
    function makeRequest(init) {
    }`,
			want: []string{"Request", "Request.constructor", "makeRequest"},
		},
		{
			name:   "prototype-and-expressions",
			reason: "Node's lib/ assigns methods to prototypes; axios names its function expressions; ky exports arrows",
			src: `OutgoingMessage.prototype._storeHeader = function _storeHeader(firstLine, headers) {
};
module.exports = function httpAdapter(config) {
};
export const deepMerge = (...sources) => {
};
this.flush = async () => {
};`,
			want: []string{"OutgoingMessage._storeHeader", "_storeHeader", "deepMerge", "httpAdapter"},
		},
		{
			name:   "control-flow-is-not-a-method",
			reason: "if/for/switch at member indent inside a static block must not become Class.if",
			src: `class A {
  m() {
  }
  if (x) {
  }
}`,
			want: []string{"A", "A.m"},
		},
		{
			name:   "node-wrapped-arrow",
			reason: "Node's lib/ wraps validators: const validateHeaderValue = hideStackFrames((name, value) => {",
			src: `const validateHeaderValue = hideStackFrames((name, value) => {
});`,
			want: []string{"validateHeaderValue"},
		},
		{
			name:   "accessor-pair",
			reason: "a getter and its setter are one name spanning both, so a cite of the setter's line falls inside it",
			src: `class Options {
  get url() {
    return this.u;
  }
  set url(value) {
    this.u = value;
  }
}`,
			lines: true,
			want:  []string{"Options.url:2-7", "Options:1-8"},
		},
		{
			name:   "prototype-alias-and-dotted-receiver",
			reason: "Node assigns a declared function to a prototype; undici defines webidl.converters.ByteString",
			src: `function _storeHeader(firstLine, headers) {
}
OutgoingMessage.prototype._storeHeader = _storeHeader;
webidl.converters.ByteString = function(V, prefix, argument) {
};`,
			lines: true,
			want:  []string{"OutgoingMessage._storeHeader:1-2", "_storeHeader:1-2", "webidl.converters.ByteString:4-5"},
		},
		{
			name:   "line-spans",
			reason: "with lines, a declaration spans to the } on its own indent",
			src: `class A {
  m() {
    return 1;
  }
}`,
			lines: true,
			want:  []string{"A.m:2-4", "A:1-5"},
		},
	}
	for _, tt := range tests {
		if tt.reason == "" {
			t.Fatalf("%s: every case needs a reason", tt.name)
		}
		got := jsDecls(strings.TrimPrefix(tt.src, "\n"), tt.lines)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("jsDecls(%s) mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}
