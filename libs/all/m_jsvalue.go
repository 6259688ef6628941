package all

import (
	"github.com/mergeplay/mergeplay/merge"
)

// axVal is a JS value: a scenario scalar/array (V) or a plain object (Obj).
type axVal struct {
	V   merge.Value
	Obj *axObj
}

// axObj is a plain JS object with V8 key order.
type axObj struct{ ents []axEnt }

type axEnt struct {
	k string
	v axVal
}

func axUndef() axVal { return axVal{V: merge.Value{Kind: merge.Undefined}} }

// isUndefined is utils.isUndefined (absent properties read as undefined).
func (v axVal) isUndefined() bool {
	return v.Obj == nil && (v.V.Kind == merge.Undefined || v.V.Kind == merge.Absent)
}

func (v axVal) isNull() bool { return v.Obj == nil && v.V.Kind == merge.Null }

func (v axVal) isArray() bool { return v.Obj == nil && v.V.Kind == merge.Array }

// truthy is JS ToBoolean.
func (v axVal) truthy() bool {
	if v.Obj != nil {
		return true
	}
	switch v.V.Kind {
	case merge.Bool:
		return v.V.Bool
	case merge.Number:
		f := v.V.Float()
		return f != 0 && f == f
	case merge.String:
		return v.V.Text != ""
	case merge.Array, merge.Object:
		return true
	}
	return false
}

// str is String(v).
func (v axVal) str() string {
	if v.Obj != nil {
		return "[object Object]"
	}
	return JSString(v.V)
}

func (o *axObj) index(k string) int {
	if o == nil {
		return -1
	}
	for i, e := range o.ents {
		if e.k == k {
			return i
		}
	}
	return -1
}

func (o *axObj) get(k string) (axVal, bool) {
	if i := o.index(k); i >= 0 {
		return o.ents[i].v, true
	}
	return axVal{}, false
}

// set assigns o[k] = v.
func (o *axObj) set(k string, v axVal) {
	if i := o.index(k); i >= 0 {
		o.ents[i].v = v
		return
	}
	e := axEnt{k, v}
	if n, ok := kyArrayIndex(k); ok {
		pos := 0
		for pos < len(o.ents) {
			if m, ok := kyArrayIndex(o.ents[pos].k); !ok || m > n {
				break
			}
			pos++
		}
		o.ents = append(o.ents, axEnt{})
		copy(o.ents[pos+1:], o.ents[pos:])
		o.ents[pos] = e
		return
	}
	o.ents = append(o.ents, e)
}

func (o *axObj) del(k string) {
	if i := o.index(k); i >= 0 {
		o.ents = append(o.ents[:i], o.ents[i+1:]...)
	}
}

func (o *axObj) keys() []string {
	if o == nil {
		return nil
	}
	out := make([]string, len(o.ents))
	for i, e := range o.ents {
		out[i] = e.k
	}
	return out
}

// entries are the object's own properties in enumeration order; callers must
// not change the slice.
func (o *axObj) entries() []axEnt {
	if o == nil {
		return nil
	}
	return o.ents
}

func (o *axObj) clone() *axObj {
	c := &axObj{ents: make([]axEnt, len(o.ents))}
	copy(c.ents, o.ents)
	return c
}

// axFromValue converts a decoded scenario value into the JS value the runner
// builds with JSON.parse + toNative: objects become plain objects in V8 order.
func axFromValue(v merge.Value) axVal {
	if v.Kind != merge.Object {
		return axVal{V: v}
	}
	o := &axObj{}
	for _, f := range v.Fields {
		o.set(f.Key, axFromValue(f.Value))
	}
	return axVal{Obj: o}
}

// axToValue converts back to an ordered Value (objects keep V8 order).
func axToValue(v axVal) merge.Value {
	if v.Obj == nil {
		return kyOrdered(v.V)
	}
	out := merge.Value{Kind: merge.Object, Fields: []merge.Field{}}
	for _, e := range v.Obj.ents {
		out.Fields = append(out.Fields, merge.Field{Key: e.k, Value: axToValue(e.v)})
	}
	return out
}
