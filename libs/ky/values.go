package ky

import (
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
)

// JavaScript value semantics the ky and got profiles share: the own-property
// order of objects built by JSON.parse and the runner's toNative, and the
// WebIDL ByteString check that Headers and Node's http apply to header values.

// isObject is ky's isObject: non-null and typeof "object" (arrays too).
func isObject(v merge.Value) bool { return v.Kind == merge.Object || v.Kind == merge.Array }

// byteStringError is WebIDL's ByteString conversion failure, or "" when every
// UTF-16 code unit of s fits in a byte (undici lib/web/fetch/webidl.js).
func byteStringError(s string) string { return js.ByteStringError(s) }

// trimHTTPWS is the Fetch standard's header value normalization.
func trimHTTPWS(s string) string { return strings.Trim(s, " \t\r\n") }

// jsNativeError is the TypeError V8 raises for a property read on null/undefined.
func readPropertyError(v merge.Value, prop string) string {
	what := "undefined"
	if v.Kind == merge.Null {
		what = "null"
	}
	return "Cannot read properties of " + what + " (reading '" + prop + "')"
}
