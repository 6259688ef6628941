package ky

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/mergeplay/mergeplay/merge"
)

// JavaScript value semantics the ky and got profiles share: the own-property
// order of objects built by JSON.parse and the runner's toNative, and the
// WebIDL ByteString check that Headers and Node's http apply to header values.

// isObject is ky's isObject: non-null and typeof "object" (arrays too).
func isObject(v merge.Value) bool { return v.Kind == merge.Object || v.Kind == merge.Array }

// byteStringError is WebIDL's ByteString conversion failure, or "" when every
// UTF-16 code unit of s fits in a byte (undici lib/web/fetch/webidl.js).
func byteStringError(s string) string {
	i := 0
	for _, r := range s {
		if r > 255 {
			unit := r
			if r > 0xffff {
				hi, _ := utf16.EncodeRune(r)
				unit = hi
			}
			return "Cannot convert argument to a ByteString because the character at index " +
				strconv.Itoa(i) + " has a value of " + strconv.Itoa(int(unit)) + " which is greater than 255."
		}
		if r > 0xffff {
			i += 2
		} else {
			i++
		}
	}
	return ""
}

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
