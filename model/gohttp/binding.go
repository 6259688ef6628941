package gohttp

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/mergeplay/mergeplay/merge"
)

// The Go runner's binding (conformance/runners/go/BINDING.md): which scenario
// values Go's APIs can take, and the exact "unsupported" reasons it gives.
// Both Go profiles check a scenario with these before any library rule runs.

// Entry is one key of headers/params/cookies, in document order.
type Entry struct {
	Key   string
	Null  bool     // JSON null: a nil value slice (key present, no values)
	Multi bool     // JSON array
	Vals  []string // one value unless multi
}

// Reason is an "unsupported" reason; "" means the value is fine.
type Reason = string

// CheckFields is the runner's checkFields.
func CheckFields(present []string, where string, allowed ...string) Reason {
	for _, f := range present {
		ok := false
		for _, a := range allowed {
			ok = ok || f == a
		}
		if !ok {
			return fmt.Sprintf("%s.%s is not part of this binding", where, f)
		}
	}
	return ""
}

// object is the runner's object(): present reports an object was given.
func object(v merge.Value, where string) (present bool, why Reason) {
	switch v.Kind {
	case merge.Absent:
		return false, ""
	case merge.Object:
		return true, ""
	case merge.Null:
		return false, fmt.Sprintf("%s: Go has no null for a whole option; omit it", where)
	case merge.Undefined:
		return false, fmt.Sprintf("%s: Go has no undefined", where)
	}
	return false, fmt.Sprintf("%s: expected an object, got %s", where, v.Kind)
}

// String is the runner's str().
func String(v merge.Value, where string) (s string, ok bool, why Reason) {
	switch v.Kind {
	case merge.Absent:
		return "", false, ""
	case merge.String:
		return v.Text, true, ""
	case merge.Null:
		return "", false, fmt.Sprintf("%s: Go has no null here (the API takes a string); omit it", where)
	case merge.Undefined:
		return "", false, fmt.Sprintf("%s: Go has no undefined", where)
	}
	return "", false, fmt.Sprintf("%s: expected a string, got %s", where, v.Kind)
}

// entries is the runner's entries(): strings, arrays of strings where
// arrays is set, and null where null is set; Go never converts numbers or
// booleans.
func entries(obj merge.Value, where string, arrays, null bool) ([]Entry, Reason) {
	out := make([]Entry, 0, len(obj.Fields))
	for _, m := range obj.Fields {
		at := fmt.Sprintf("%s[%q]", where, m.Key)
		e := Entry{Key: m.Key}
		switch m.Value.Kind {
		case merge.String:
			e.Vals = []string{m.Value.Text}
		case merge.Null:
			if !null {
				return nil, fmt.Sprintf("%s: Go has no null here; a cookie cannot be removed", at)
			}
			e.Null = true
		case merge.Array:
			if !arrays {
				return nil, fmt.Sprintf("%s: an array is not bound here", at)
			}
			e.Multi, e.Vals = true, []string{}
			for i, x := range m.Value.Items {
				if x.Kind != merge.String {
					return nil, fmt.Sprintf("%s[%d]: Go takes only strings here (no conversion of a %s)", at, i, x.Kind)
				}
				e.Vals = append(e.Vals, x.Text)
			}
		case merge.Undefined:
			return nil, fmt.Sprintf("%s: Go has no undefined", at)
		default:
			return nil, fmt.Sprintf("%s: Go takes only strings here (no conversion of a %s)", at, m.Value.Kind)
		}
		out = append(out, e)
	}
	return out, ""
}

// Map reads a headers/params/cookies field: absent gives nil.
func Map(v merge.Value, where string, arrays, null bool) ([]Entry, Reason) {
	present, why := object(v, where)
	if !present || why != "" {
		return nil, why
	}
	return entries(v, where, arrays, null)
}

// Auth is scenario auth as the runner reads it: Basic or a bearer token.
type Auth struct {
	Basic              bool
	Username, Password string
	Bearer             string
}

func ReadAuth(v merge.Value, where string) (*Auth, Reason) {
	present, why := object(v, where)
	if !present || why != "" {
		return nil, why
	}
	var keys []string
	for _, f := range v.Fields {
		keys = append(keys, f.Key)
	}
	if v.Get("bearer").Present() {
		if why := CheckFields(keys, where, "bearer"); why != "" {
			return nil, why
		}
		t, _, why := String(v.Get("bearer"), where+".bearer")
		return &Auth{Bearer: t}, why
	}
	if why := CheckFields(keys, where, "username", "password"); why != "" {
		return nil, why
	}
	u, okU, why := String(v.Get("username"), where+".username")
	if why != "" {
		return nil, why
	}
	p, okP, why := String(v.Get("password"), where+".password")
	if why != "" {
		return nil, why
	}
	if !okU || !okP {
		return nil, fmt.Sprintf("%s: want {\"username\", \"password\"} or {\"bearer\"}", where)
	}
	return &Auth{Basic: true, Username: u, Password: p}, ""
}

// JSONObject is how the runner hands a JSON object to resty: a type whose
// reflect kind is Slice (resty treats it like a map) and whose MarshalJSON
// keeps document order.
type JSONObject []JSONMember

type JSONMember struct {
	key string
	val any
}

// MarshalJSON writes the members in document order, each as encoding/json
// writes it.
func (o JSONObject) MarshalJSON() ([]byte, error) {
	b, ok := AppendJSON(nil, o)
	if !ok {
		return nil, errors.New("json: unsupported value: a non-finite number")
	}
	return b, nil
}

// AppendJSON appends what json.Marshal writes for a value JSONValue
// returns: a float64 as encoding/json formats it, an []any in order, a
// JSONObject through its MarshalJSON (so in document order). ok is false
// for NaN or ±Inf, where json.Marshal fails; JSONValue never returns them.
func AppendJSON(b []byte, v any) (out []byte, ok bool) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), true
	case bool:
		return merge.AppendJSONBool(b, x), true
	case float64:
		return merge.AppendJSONFloat(b, x)
	case string:
		return merge.AppendJSONString(b, x), true
	case []any:
		if x == nil {
			return append(b, "null"...), true
		}
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			if b, ok = AppendJSON(b, e); !ok {
				return b, false
			}
		}
		return append(b, ']'), true
	case JSONObject:
		b = append(b, '{')
		for i, m := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(merge.AppendJSONString(b, m.key), ':')
			if b, ok = AppendJSON(b, m.val); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	}
	return b, false
}

// JSONValue is what encoding/json decodes v into (nil, bool, float64,
// string, []any), with objects as JSONObject.
func JSONValue(v merge.Value, where string) (any, Reason) {
	switch v.Kind {
	case merge.Null:
		return nil, ""
	case merge.Bool:
		return v.Bool, ""
	case merge.Number:
		f, err := strconv.ParseFloat(v.Text, 64)
		if err != nil {
			return nil, fmt.Sprintf("%s: %s does not fit a float64, which is what encoding/json decodes a JSON number to", where, v.Text)
		}
		return f, ""
	case merge.String:
		return v.Text, ""
	case merge.Array:
		out := make([]any, 0, len(v.Items))
		for i, e := range v.Items {
			g, why := JSONValue(e, fmt.Sprintf("%s[%d]", where, i))
			if why != "" {
				return nil, why
			}
			out = append(out, g)
		}
		return out, ""
	case merge.Object:
		out := make(JSONObject, 0, len(v.Fields))
		for _, m := range v.Fields {
			g, why := JSONValue(m.Value, fmt.Sprintf("%s[%q]", where, m.Key))
			if why != "" {
				return nil, why
			}
			out = append(out, JSONMember{m.Key, g})
		}
		return out, ""
	}
	return nil, fmt.Sprintf("%s: Go has no undefined", where)
}

// DecodeRule is the Go runner's decoding of the scenario, the first rule of
// every Go profile: encoding/json turns each unpaired surrogate escape
// (\ud800) into U+FFFD, so no Go string the library sees holds one.
func DecodeRule() merge.Rule {
	return merge.Rule{
		Name: "json-decode",
		Cite: Cite("encoding/json/decode.go", "unquoteBytes", 1277),
		Doc:  "The runner decodes the scenario with encoding/json, which writes U+FFFD for each unpaired surrogate escape (\\ud800): Go strings never hold a lone surrogate.",
		Apply: func(s *merge.State) {
			s.Scenario = s.Scenario.WellFormed()
		},
	}
}
