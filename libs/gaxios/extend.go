package gaxios

import "github.com/mergeplay/mergeplay/merge"

// extend is extend(true, target, src) of the extend package (3.0.2, index.js), which gaxios
// calls as extend(true, {}, this.defaults, options): own properties are copied in order, an
// undefined one is skipped (so it never replaces the default), a plain object or array is
// merged into the target's value of the same kind (arrays index by index), anything else,
// null included, replaces it. src is an object or an array; so is the result.
func extend(target, src merge.Value) merge.Value {
	if src.Kind == merge.Array {
		out := merge.Value{Kind: merge.Array, Items: append([]merge.Value(nil), target.Items...)}
		for i, it := range src.Items {
			if it.Kind == merge.Undefined || !it.Present() {
				continue
			}
			for len(out.Items) <= i {
				out.Items = append(out.Items, merge.Value{Kind: merge.Undefined}) // a hole
			}
			out.Items[i] = extendValue(out.Items[i], it)
		}
		return out
	}
	out := merge.Value{Kind: merge.Object, Fields: append([]merge.Field(nil), target.Fields...)}
	for _, f := range src.Fields {
		if f.Value.Kind == merge.Undefined || !f.Value.Present() {
			continue
		}
		i := fieldIndex(out, f.Key)
		if i < 0 {
			out.Fields = append(out.Fields, merge.Field{Key: f.Key, Value: extendValue(merge.Value{}, f.Value)})
			continue
		}
		out.Fields[i].Value = extendValue(out.Fields[i].Value, f.Value)
	}
	return out
}

// extendValue is one property's step: copy merged into the target's current value cur.
func extendValue(cur, copy merge.Value) merge.Value {
	switch copy.Kind {
	case merge.Object, merge.Array:
		if cur.Kind != copy.Kind {
			cur = merge.Value{Kind: copy.Kind}
		}
		return extend(cur, copy)
	}
	return copy
}

func fieldIndex(v merge.Value, key string) int {
	for i, f := range v.Fields {
		if f.Key == key {
			return i
		}
	}
	return -1
}

// get is v[key] of an extended object (Absent when missing).
func get(v merge.Value, key string) merge.Value {
	if i := fieldIndex(v, key); i >= 0 {
		return v.Fields[i].Value
	}
	return merge.Value{}
}
