package js

import (
	"github.com/mergeplay/mergeplay/merge"
)

// Value is a JS value: a scenario scalar/array (V) or a plain object (Obj).
type Value struct {
	V   merge.Value
	Obj *Object
}

// Object is a plain JS object with V8 key order.
type Object struct{ ents []Entry }

type Entry struct {
	Key string
	Val Value
}

func Undefined() Value { return Value{V: merge.Value{Kind: merge.Undefined}} }

// isUndefined is utils.isUndefined (absent properties read as undefined).
func (v Value) IsUndefined() bool {
	return v.Obj == nil && (v.V.Kind == merge.Undefined || v.V.Kind == merge.Absent)
}

func (v Value) IsNull() bool { return v.Obj == nil && v.V.Kind == merge.Null }

func (v Value) IsArray() bool { return v.Obj == nil && v.V.Kind == merge.Array }

// truthy is JS ToBoolean.
func (v Value) Truthy() bool {
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
func (v Value) String() string {
	if v.Obj != nil {
		return "[object Object]"
	}
	return String(v.V)
}

func (o *Object) Index(k string) int {
	if o == nil {
		return -1
	}
	for i, e := range o.ents {
		if e.Key == k {
			return i
		}
	}
	return -1
}

func (o *Object) Get(k string) (Value, bool) {
	if i := o.Index(k); i >= 0 {
		return o.ents[i].Val, true
	}
	return Value{}, false
}

// set assigns o[k] = v.
func (o *Object) Set(k string, v Value) {
	if i := o.Index(k); i >= 0 {
		o.ents[i].Val = v
		return
	}
	e := Entry{k, v}
	if n, ok := ArrayIndex(k); ok {
		pos := 0
		for pos < len(o.ents) {
			if m, ok := ArrayIndex(o.ents[pos].Key); !ok || m > n {
				break
			}
			pos++
		}
		o.ents = append(o.ents, Entry{})
		copy(o.ents[pos+1:], o.ents[pos:])
		o.ents[pos] = e
		return
	}
	o.ents = append(o.ents, e)
}

func (o *Object) Delete(k string) {
	if i := o.Index(k); i >= 0 {
		o.ents = append(o.ents[:i], o.ents[i+1:]...)
	}
}

func (o *Object) Keys() []string {
	if o == nil {
		return nil
	}
	out := make([]string, len(o.ents))
	for i, e := range o.ents {
		out[i] = e.Key
	}
	return out
}

// entries are the object's own properties in enumeration order; callers must
// not change the slice.
func (o *Object) Entries() []Entry {
	if o == nil {
		return nil
	}
	return o.ents
}

func (o *Object) Clone() *Object {
	c := &Object{ents: make([]Entry, len(o.ents))}
	copy(c.ents, o.ents)
	return c
}

// FromValue converts a decoded scenario value into the JS value the runner
// builds with JSON.parse + toNative: objects become plain objects in V8 order.
func FromValue(v merge.Value) Value {
	if v.Kind != merge.Object {
		return Value{V: v}
	}
	o := &Object{}
	for _, f := range v.Fields {
		o.Set(f.Key, FromValue(f.Value))
	}
	return Value{Obj: o}
}

// ToValue converts back to an ordered Value (objects keep V8 order).
func ToValue(v Value) merge.Value {
	if v.Obj == nil {
		return Ordered(v.V)
	}
	out := merge.Value{Kind: merge.Object, Fields: []merge.Field{}}
	for _, e := range v.Obj.ents {
		out.Fields = append(out.Fields, merge.Field{Key: e.Key, Value: ToValue(e.Val)})
	}
	return out
}
