package merge

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge/internal/minjson"
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
	return v.appendJSON(nil), nil
}

// appendJSON appends v as MarshalJSON writes it. Strings are escaped as
// encoding/json escapes them, so the output is already compact and
// json.Marshal passes it through unchanged.
func (v Value) appendJSON(b []byte) []byte {
	switch v.Kind {
	case Absent, Null:
		return append(b, "null"...)
	case Undefined:
		return append(b, `{"$undefined":true}`...)
	case Bool:
		return strconv.AppendBool(b, v.Bool)
	case Number:
		return append(b, v.Text...)
	case String:
		return minjson.AppendString(b, v.Text)
	case Array:
		b = append(b, '[')
		for i, it := range v.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = it.appendJSON(b)
		}
		return append(b, ']')
	case Object:
		return v.appendObject(b)
	}
	return b
}

func (v Value) appendObject(b []byte) []byte {
	b = append(b, '{')
	n := 0
	for _, f := range v.Fields {
		if f.Value.Kind == Absent {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = minjson.AppendString(b, f.Key)
		b = append(b, ':')
		b = f.Value.appendJSON(b)
	}
	return append(b, '}')
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

// DecodeValue parses one JSON document into an ordered Value. Syntax errors
// are worded as encoding/json's Decoder words them and located at the bad
// byte's position (see minjson.Decoder). A UTF-8 byte order mark is refused
// by name: RFC 8259 forbids sending one, encoding/json, Python's json and
// JSON.parse all refuse it, and encoding/json's "invalid character 'ï'"
// names the first of its three bytes as if it were Latin-1. Raw invalid
// UTF-8 is refused at its offset: encoding/json would decode each bad byte
// to U+FFFD, but no library reads such a document as text (json.loads of the
// bytes raises UnicodeDecodeError), and refusing it leaves invalid UTF-8 in
// a decoded string meaning only a lone surrogate (see DecodeRune).
func DecodeValue(data []byte) (Value, error) {
	if len(data) > MaxInputBytes {
		return Value{}, &DecodeError{Message: fmt.Sprintf("document is %d bytes; the limit is %d", len(data), MaxInputBytes)}
	}
	if len(data) >= 3 && string(data[:3]) == "\xef\xbb\xbf" {
		return Value{}, &DecodeError{Message: "the document starts with a byte order mark (U+FEFF); remove it"}
	}
	if i := invalidUTF8(data); i >= 0 {
		return Value{}, &DecodeError{Offset: int64(i), Message: fmt.Sprintf("byte 0x%02x is not valid UTF-8; a scenario is UTF-8 text (write other characters as \\u escapes)", data[i])}
	}
	dec := minjson.NewDecoder(data)
	v, err := decodeAt(&decoder{Decoder: dec}, 0)
	if err != nil {
		return Value{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return Value{}, &DecodeError{Offset: dec.InputOffset(), Message: "unexpected data after the JSON value"}
	}
	return v, nil
}

// invalidUTF8 is the offset of the first byte of data that is not part of
// valid UTF-8, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

func syntaxErr(dec *minjson.Decoder, err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	off := dec.InputOffset()
	if se, ok := err.(*minjson.SyntaxError); ok {
		off = se.Offset
	}
	return &DecodeError{Offset: off, Message: err.Error()}
}

// decoder is a Decoder with the location of the value being decoded, kept
// as a stack of members and items and rendered only for an error, so that
// decoding a valid document builds no path strings.
type decoder struct {
	*minjson.Decoder
	path []step
}

// step is one member (key) or array item (index) of a location.
type step struct {
	key   string
	index int
	item  bool
}

func (d *decoder) push(st step) { d.path = append(d.path, st) }
func (d *decoder) pop()         { d.path = d.path[:len(d.path)-1] }

// where renders the location as the scenario's errors name fields: a.b, a["X-Key"], a[0].
func (d *decoder) where() string {
	p := ""
	for _, st := range d.path {
		if st.item {
			p += "[" + strconv.Itoa(st.index) + "]"
		} else {
			p = childPath(p, st.key)
		}
	}
	return p
}

func decodeAt(d *decoder, depth int) (Value, error) {
	if depth > MaxDepth {
		return Value{}, &DecodeError{Path: orRoot(d.where()), Message: fmt.Sprintf("nesting is deeper than %d levels", MaxDepth)}
	}
	tok, err := d.Token()
	if err != nil {
		return Value{}, syntaxErr(d.Decoder, err)
	}
	switch tok.Kind {
	case minjson.Null:
		return Value{Kind: Null}, nil
	case minjson.Bool:
		return Value{Kind: Bool, Bool: tok.Bool}, nil
	case minjson.Number:
		return Value{Kind: Number, Text: tok.Text}, nil
	case minjson.String:
		return Value{Kind: String, Text: tok.Text}, nil
	case minjson.ArrayStart:
		return decodeArray(d, depth)
	case minjson.ObjectStart:
		return decodeObject(d, depth)
	}
	return Value{}, &DecodeError{Offset: d.InputOffset(), Message: "unexpected token"}
}

func decodeArray(d *decoder, depth int) (Value, error) {
	v := Value{Kind: Array, Items: []Value{}}
	for i := 0; d.More(); i++ {
		d.push(step{index: i, item: true})
		it, err := decodeAt(d, depth+1)
		if err != nil {
			return Value{}, err
		}
		d.pop()
		v.Items = append(v.Items, it)
	}
	if _, err := d.Token(); err != nil {
		return Value{}, syntaxErr(d.Decoder, err)
	}
	return v, nil
}

func decodeObject(d *decoder, depth int) (Value, error) {
	v := Value{Kind: Object, Fields: []Field{}}
	for d.More() {
		kt, err := d.Token() // always a String: the Decoder allows nothing else here
		if err != nil {
			return Value{}, syntaxErr(d.Decoder, err)
		}
		key := kt.Text
		d.push(step{key: key})
		child, err := decodeAt(d, depth+1)
		if err != nil {
			return Value{}, err
		}
		d.pop()
		if !v.addField(key, child) {
			return Value{}, duplicateKey(d.where(), key)
		}
	}
	if _, err := d.Token(); err != nil {
		return Value{}, syntaxErr(d.Decoder, err)
	}
	if len(v.Fields) > 0 && v.Fields[0].Key == "$undefined" {
		return v.finishObject(d.where())
	}
	return v, nil
}

// addField appends a decoded member to the object v, unless v already has
// that key (false: JSON objects here must not repeat a key).
func (v *Value) addField(key string, child Value) bool {
	for _, f := range v.Fields {
		if f.Key == key {
			return false
		}
	}
	v.Fields = append(v.Fields, Field{Key: key, Value: child})
	return true
}

// duplicateKey is the error for a key repeated in the object at path.
func duplicateKey(path, key string) error {
	return &DecodeError{Path: childPath(path, key), Message: "duplicate key; JSON objects here must not repeat a key"}
}

// finishObject returns the object v at path as decoded: Undefined for the
// marker {"$undefined": true}, an error for any other object starting with
// that key.
func (v Value) finishObject(path string) (Value, error) {
	if len(v.Fields) > 0 && v.Fields[0].Key == "$undefined" {
		if len(v.Fields) != 1 || v.Fields[0].Value.Kind != Bool || !v.Fields[0].Value.Bool {
			return Value{}, &DecodeError{Path: orRoot(path), Message: `the undefined marker must be exactly {"$undefined": true}`}
		}
		return Value{Kind: Undefined}, nil
	}
	return v, nil
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
	return parent + "[" + minjson.Quote(key) + "]"
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
