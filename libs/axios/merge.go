package axios

import (
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/jsontext"
)

// JavaScript value model for the axios profiles: axios merges plain objects
// (config, header trees, params) with its own utils.merge, and the order of a
// JS object's keys decides the order of header lines. Object keeps that order
// the way V8 does: integer-like keys first in ascending order, then the other
// keys in insertion order; assigning an existing key keeps its position.

// forEach is axios utils.forEach: nothing for null/undefined, a non-object
// is wrapped in a one-element array, arrays by index, objects by own keys.
func forEach(v js.Value, fn func(k string, el js.Value)) {
	if v.Obj != nil {
		for _, e := range v.Obj.Entries() {
			fn(e.Key, e.Val)
		}
		return
	}
	switch v.V.Kind {
	case merge.Absent, merge.Undefined, merge.Null:
		return
	case merge.Array:
		for i, it := range v.V.Items {
			fn(strconv.Itoa(i), js.FromValue(it))
		}
		return
	}
	fn("0", v)
}

// utilsMerge is utils.merge. caseless (axios >=1.x with {caseless: true}) reuses
// the first spelling of a key; the 1.x merge skips prototype-polluting keys.
func utilsMerge(caseless, skipProto bool, srcs ...js.Value) *js.Object {
	res := &js.Object{}
	lower := map[string]string{}
	for _, src := range srcs {
		if !src.Truthy() {
			continue
		}
		forEach(src, func(k string, val js.Value) {
			if skipProto && (k == "__proto__" || k == "constructor" || k == "prototype") {
				return
			}
			tk := k
			if caseless {
				lk := strings.ToLower(k)
				if known, ok := lower[lk]; ok && res.Index(known) >= 0 {
					tk = known
				} else {
					lower[lk] = k
				}
			}
			existing, _ := res.Get(tk)
			switch {
			case existing.Obj != nil && val.Obj != nil:
				res.Set(tk, js.Value{Obj: utilsMerge(false, skipProto, existing, val)})
			case val.Obj != nil:
				res.Set(tk, js.Value{Obj: utilsMerge(false, skipProto, val)})
			default:
				res.Set(tk, val)
			}
		})
	}
	return res
}

// mergedValue is mergeConfig's getMergedValue.
func mergedValue(target, source js.Value, caseless, skipProto bool) js.Value {
	switch {
	case target.Obj != nil && source.Obj != nil:
		return js.Value{Obj: utilsMerge(caseless, skipProto, target, source)}
	case source.Obj != nil:
		return js.Value{Obj: utilsMerge(false, skipProto, source)}
	}
	return source
}

// mergeDeep is mergeConfig's mergeDeepProperties: the request value if it
// is not undefined (merged into the instance value when both are plain
// objects), else the instance value.
func mergeDeep(a, b js.Value, caseless, skipProto bool) js.Value {
	if !b.IsUndefined() {
		return mergedValue(a, b, caseless, skipProto)
	}
	if !a.IsUndefined() {
		return mergedValue(js.Undefined(), a, caseless, skipProto)
	}
	return js.Undefined()
}

// jsonParses reports whether JSON.parse(s) succeeds.
func jsonParses(s string) bool { return merge.ValidJSON([]byte(s)) }

// jsonStringify is JSON.stringify(v); ok is false where it returns undefined.
func jsonStringify(v js.Value) (string, bool) {
	val := js.ToValue(v)
	if val.Kind == merge.Undefined || val.Kind == merge.Absent {
		return "", false
	}
	return jsontext.Encode(val, jsontext.JS), true
}
