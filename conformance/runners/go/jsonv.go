package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Kind is the JSON kind of a Value, plus the scenario's JS-undefined marker.
type Kind int

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
	Undefined // {"$undefined": true}
)

// Value is a decoded JSON value that keeps object key order (Go maps lose it,
// and header/param order decides what reaches the wire).
type Value struct {
	Kind Kind
	Bool bool
	Num  json.Number
	Str  string
	Arr  []*Value
	Obj  []Member
}

// Member is one key of an object, in document order (duplicates kept).
type Member struct {
	Key string
	Val *Value
}

// Get returns the last member named key, or nil when absent.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	var found *Value
	for _, m := range v.Obj {
		if m.Key == key {
			found = m.Val
		}
	}
	return found
}

func (k Kind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object", "undefined"}[k]
}

// decodeOrdered parses exactly one JSON value from b.
func decodeOrdered(b []byte) (*Value, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	v, err := decodeValue(d, 0)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("trailing data after JSON value")
	}
	return v, nil
}

const maxDepth = 200

func decodeValue(d *json.Decoder, depth int) (*Value, error) {
	if depth > maxDepth {
		return nil, errors.New("JSON nested too deeply")
	}
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case nil:
		return &Value{Kind: Null}, nil
	case bool:
		return &Value{Kind: Bool, Bool: t}, nil
	case json.Number:
		return &Value{Kind: Number, Num: t}, nil
	case string:
		return &Value{Kind: String, Str: t}, nil
	case json.Delim:
		switch t {
		case '[':
			v := &Value{Kind: Array, Arr: []*Value{}}
			for d.More() {
				e, err := decodeValue(d, depth+1)
				if err != nil {
					return nil, err
				}
				v.Arr = append(v.Arr, e)
			}
			_, err := d.Token() // ']'
			return v, err
		case '{':
			v := &Value{Kind: Object, Obj: []Member{}}
			for d.More() {
				kt, err := d.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				e, err := decodeValue(d, depth+1)
				if err != nil {
					return nil, err
				}
				v.Obj = append(v.Obj, Member{k, e})
			}
			if _, err := d.Token(); err != nil { // '}'
				return nil, err
			}
			if len(v.Obj) == 1 && v.Obj[0].Key == "$undefined" && v.Obj[0].Val.Kind == Bool && v.Obj[0].Val.Bool {
				return &Value{Kind: Undefined}, nil
			}
			return v, nil
		}
	}
	return nil, fmt.Errorf("unexpected JSON token %v", t)
}

// orderedObject is how a JSON object is handed to a library's JSON option: it
// marshals with its keys in document order. Its reflect kind is Slice, which resty
// treats exactly like a map (JSON Content-Type, marshalled with its JSONMarshal).
type orderedObject []orderedMember

type orderedMember struct {
	key string
	val any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		v, err := json.Marshal(m.val)
		if err != nil {
			return nil, err
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// goValue converts v to what encoding/json's Unmarshal into `any` would give
// (nil, bool, float64, string, []any), except that objects keep key order.
func goValue(v *Value, where string) (any, error) {
	switch v.Kind {
	case Null:
		return nil, nil
	case Bool:
		return v.Bool, nil
	case Number:
		f, err := strconv.ParseFloat(string(v.Num), 64)
		if err != nil {
			return nil, unsupportedf("%s: %s does not fit a float64, which is what encoding/json decodes a JSON number to", where, v.Num)
		}
		return f, nil
	case String:
		return v.Str, nil
	case Array:
		out := make([]any, 0, len(v.Arr))
		for i, e := range v.Arr {
			g, err := goValue(e, fmt.Sprintf("%s[%d]", where, i))
			if err != nil {
				return nil, err
			}
			out = append(out, g)
		}
		return out, nil
	case Object:
		out := make(orderedObject, 0, len(v.Obj))
		for _, m := range v.Obj {
			g, err := goValue(m.Val, fmt.Sprintf("%s[%q]", where, m.Key))
			if err != nil {
				return nil, err
			}
			out = append(out, orderedMember{m.Key, g})
		}
		return out, nil
	}
	return nil, unsupportedf("%s: Go has no undefined", where)
}
