package merge

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// JavaScript value semantics the ky and got profiles share: the own-property
// order of objects built by JSON.parse and the runner's toNative, and the
// WebIDL ByteString check that Headers and Node's http apply to header values.

// kyArrayIndex reports whether k is an array index (a canonical numeric string
// below 2^32-1); such keys come first, in ascending order, in every JS object.
func kyArrayIndex(k string) (uint64, bool) {
	if k == "" || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return 0, false
	}
	n, err := strconv.ParseUint(k, 10, 64)
	if err != nil || n >= 1<<32-1 {
		return 0, false
	}
	return n, true
}

// kyOrdered returns v with every object's members in JavaScript own-property
// order (BINDING.md "Values": integer-like keys first, ascending).
func kyOrdered(v Value) Value {
	switch v.Kind {
	case Array:
		items := make([]Value, len(v.Items))
		for i, it := range v.Items {
			items[i] = kyOrdered(it)
		}
		v.Items = items
	case Object:
		fields := make([]Field, len(v.Fields))
		for i, f := range v.Fields {
			fields[i] = Field{Key: f.Key, Value: kyOrdered(f.Value)}
		}
		sort.SliceStable(fields, func(i, j int) bool {
			a, ai := kyArrayIndex(fields[i].Key)
			b, bi := kyArrayIndex(fields[j].Key)
			switch {
			case ai && bi:
				return a < b
			case ai:
				return true
			}
			return false
		})
		v.Fields = fields
	}
	return v
}

// kyIsObject is ky's isObject: non-null and typeof "object" (arrays too).
func kyIsObject(v Value) bool { return v.Kind == Object || v.Kind == Array }

// kyByteStringError is WebIDL's ByteString conversion failure, or "" when every
// UTF-16 code unit of s fits in a byte (undici lib/web/fetch/webidl.js).
func kyByteStringError(s string) string {
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

// kyTrimHTTPWS is the Fetch standard's header value normalization.
func kyTrimHTTPWS(s string) string { return strings.Trim(s, " \t\r\n") }

// jsNativeError is the TypeError V8 raises for a property read on null/undefined.
func kyReadPropertyError(v Value, prop string) string {
	what := "undefined"
	if v.Kind == Null {
		what = "null"
	}
	return "Cannot read properties of " + what + " (reading '" + prop + "')"
}
