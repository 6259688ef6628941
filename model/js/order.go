package js

import (
	"sort"

	"github.com/mergeplay/mergeplay/merge"
)

// ArrayIndex reports whether k is an array index (a canonical numeric string
// below 2^32-1); such keys come first, in ascending order, in every JS object.
func ArrayIndex(k string) (uint64, bool) {
	if k == "" || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return 0, false
	}
	// By hand, not strconv.ParseUint: its error for the common non-numeric
	// key ("Accept") is an allocation on every header.
	var n uint64
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	if n >= 1<<32-1 {
		return 0, false
	}
	return n, true
}

// Ordered returns v with every object's members in JavaScript own-property
// order (BINDING.md "Values": integer-like keys first, ascending).
func Ordered(v merge.Value) merge.Value {
	switch v.Kind {
	case merge.Array:
		items := make([]merge.Value, len(v.Items))
		for i, it := range v.Items {
			items[i] = Ordered(it)
		}
		v.Items = items
	case merge.Object:
		fields := make([]merge.Field, len(v.Fields))
		for i, f := range v.Fields {
			fields[i] = merge.Field{Key: f.Key, Value: Ordered(f.Value)}
		}
		sort.SliceStable(fields, func(i, j int) bool {
			a, ai := ArrayIndex(fields[i].Key)
			b, bi := ArrayIndex(fields[j].Key)
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
