package merge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Kind tells the state of a scenario value. Absent, Null, Undefined and a Bool
// false are distinct states that libraries treat differently, so they are never folded.
type Kind uint8

const (
	Absent    Kind = iota // not passed: inherit
	Null                  // Python None / JS null
	Undefined             // JS undefined with the key present: {"$undefined": true}
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"absent", "null", "undefined", "boolean", "number", "string", "array", "object"}

func (k Kind) String() string { return kindNames[k] }

// Value is an ordered JSON value. Object members keep their input order,
// which decides header and parameter order on the wire.
type Value struct {
	Kind   Kind
	Bool   bool
	Text   string // a String's text, or a Number's literal as written
	Items  []Value
	Fields []Field
}

// Field is one member of an Object.
type Field struct {
	Key   string
	Value Value
}

// Present reports whether the value was given at all.
func (v Value) Present() bool { return v.Kind != Absent }

// Get returns the member named key of an Object, or an Absent value.
func (v Value) Get(key string) Value {
	for _, f := range v.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return Value{}
}

// IsFalse reports whether v is the boolean false.
func (v Value) IsFalse() bool { return v.Kind == Bool && !v.Bool }

// Str returns a String's text or "".
func (v Value) Str() string {
	if v.Kind == String {
		return v.Text
	}
	return ""
}

// Float returns a Number's value.
func (v Value) Float() float64 {
	f, _ := strconv.ParseFloat(v.Text, 64)
	return f
}

// IsInt reports whether a Number is written as an integer.
func (v Value) IsInt() bool {
	return v.Kind == Number && !strings.ContainsAny(v.Text, ".eE")
}

// MarshalJSON writes v back in input order; Undefined becomes {"$undefined":true}.
func (v Value) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	v.encode(&b)
	return b.Bytes(), nil
}

func (v Value) encode(b *bytes.Buffer) {
	switch v.Kind {
	case Absent, Null:
		b.WriteString("null")
	case Undefined:
		b.WriteString(`{"$undefined":true}`)
	case Bool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case Number:
		b.WriteString(v.Text)
	case String:
		writeJSONString(b, v.Text)
	case Array:
		b.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			it.encode(b)
		}
		b.WriteByte(']')
	case Object:
		b.WriteByte('{')
		n := 0
		for _, f := range v.Fields {
			if f.Value.Kind == Absent {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			writeJSONString(b, f.Key)
			b.WriteByte(':')
			f.Value.encode(b)
		}
		b.WriteByte('}')
	}
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s)
	b.Write(enc)
}

// UnmarshalJSON decodes in order, with the default limits.
func (v *Value) UnmarshalJSON(data []byte) error {
	got, err := DecodeValue(data)
	if err != nil {
		return err
	}
	*v = got
	return nil
}

// Decoding limits: a scenario is small; anything larger is a mistake or an attack.
const (
	MaxInputBytes = 1 << 20 // whole scenario document
	MaxDepth      = 32
)

// DecodeError is a JSON syntax or structure error with its location.
type DecodeError struct {
	Path    string
	Offset  int64
	Message string
}

func (e *DecodeError) Error() string {
	if e.Path != "" {
		return e.Path + ": " + e.Message
	}
	return fmt.Sprintf("invalid JSON at byte %d: %s", e.Offset, e.Message)
}

// DecodeValue parses one JSON document into an ordered Value.
func DecodeValue(data []byte) (Value, error) {
	if len(data) > MaxInputBytes {
		return Value{}, &DecodeError{Message: fmt.Sprintf("document is %d bytes; the limit is %d", len(data), MaxInputBytes)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeAt(dec, "", 0)
	if err != nil {
		return Value{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return Value{}, &DecodeError{Offset: dec.InputOffset(), Message: "unexpected data after the JSON value"}
	}
	return v, nil
}

func syntaxErr(dec *json.Decoder, err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	off := dec.InputOffset()
	if se, ok := err.(*json.SyntaxError); ok {
		off = se.Offset
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "json: ")
	return &DecodeError{Offset: off, Message: msg}
}

func decodeAt(dec *json.Decoder, path string, depth int) (Value, error) {
	if depth > MaxDepth {
		return Value{}, &DecodeError{Path: orRoot(path), Message: fmt.Sprintf("nesting is deeper than %d levels", MaxDepth)}
	}
	tok, err := dec.Token()
	if err != nil {
		return Value{}, syntaxErr(dec, err)
	}
	switch t := tok.(type) {
	case nil:
		return Value{Kind: Null}, nil
	case bool:
		return Value{Kind: Bool, Bool: t}, nil
	case json.Number:
		return Value{Kind: Number, Text: t.String()}, nil
	case string:
		return Value{Kind: String, Text: t}, nil
	case json.Delim:
		if t == '[' {
			v := Value{Kind: Array, Items: []Value{}}
			for i := 0; dec.More(); i++ {
				it, err := decodeAt(dec, fmt.Sprintf("%s[%d]", path, i), depth+1)
				if err != nil {
					return Value{}, err
				}
				v.Items = append(v.Items, it)
			}
			if _, err := dec.Token(); err != nil {
				return Value{}, syntaxErr(dec, err)
			}
			return v, nil
		}
		v := Value{Kind: Object, Fields: []Field{}}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return Value{}, syntaxErr(dec, err)
			}
			key, _ := kt.(string)
			child, err := decodeAt(dec, childPath(path, key), depth+1)
			if err != nil {
				return Value{}, err
			}
			for _, f := range v.Fields {
				if f.Key == key {
					return Value{}, &DecodeError{Path: childPath(path, key), Message: "duplicate key; JSON objects here must not repeat a key"}
				}
			}
			v.Fields = append(v.Fields, Field{Key: key, Value: child})
		}
		if _, err := dec.Token(); err != nil {
			return Value{}, syntaxErr(dec, err)
		}
		if len(v.Fields) > 0 && v.Fields[0].Key == "$undefined" {
			if len(v.Fields) != 1 || v.Fields[0].Value.Kind != Bool || !v.Fields[0].Value.Bool {
				return Value{}, &DecodeError{Path: orRoot(path), Message: `the undefined marker must be exactly {"$undefined": true}`}
			}
			return Value{Kind: Undefined}, nil
		}
		return v, nil
	}
	return Value{}, &DecodeError{Offset: dec.InputOffset(), Message: "unexpected token"}
}

func orRoot(p string) string {
	if p == "" {
		return "(root)"
	}
	return p
}

// childPath renders a.b for identifier-like keys and a["X-Key"] otherwise.
func childPath(parent, key string) string {
	if isIdent(key) && parent == "" {
		return key
	}
	if isIdent(key) && !strings.HasSuffix(parent, "]") {
		return parent + "." + key
	}
	q, _ := json.Marshal(key)
	return parent + "[" + string(q) + "]"
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9' {
			continue
		}
		return false
	}
	return true
}
