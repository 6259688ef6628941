package ky

import "github.com/mergeplay/mergeplay/merge"

// JavaScript value semantics of ky's own code (the WebIDL ByteString check of header values
// is model/undici's).

// isObject is ky's isObject: non-null and typeof "object" (arrays too).
func isObject(v merge.Value) bool { return v.Kind == merge.Object || v.Kind == merge.Array }

// jsNativeError is the TypeError V8 raises for a property read on null/undefined.
func readPropertyError(v merge.Value, prop string) string {
	what := "undefined"
	if v.Kind == merge.Null {
		what = "null"
	}
	return "Cannot read properties of " + what + " (reading '" + prop + "')"
}
