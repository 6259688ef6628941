package all

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/mergeplay/mergeplay/merge"
)

// The Go runner's binding (conformance/runners/go/BINDING.md): which scenario
// values Go's APIs can take, and the exact "unsupported" reasons it gives.
// Both Go profiles check a scenario with these before any library rule runs.

// goEntry is one key of headers/params/cookies, in document order.
type goEntry struct {
	key   string
	null  bool     // JSON null: a nil value slice (key present, no values)
	multi bool     // JSON array
	vals  []string // one value unless multi
}

// goReason is an "unsupported" reason; "" means the value is fine.
type goReason = string

// goCheckFields is the runner's checkFields.
func goCheckFields(present []string, where string, allowed ...string) goReason {
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

// goObject is the runner's object(): present reports an object was given.
func goObject(v merge.Value, where string) (present bool, why goReason) {
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

// goString is the runner's str().
func goString(v merge.Value, where string) (s string, ok bool, why goReason) {
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

// goEntries is the runner's entries(): strings, arrays of strings where
// arrays is set, and null where null is set; Go never converts numbers or
// booleans.
func goEntries(obj merge.Value, where string, arrays, null bool) ([]goEntry, goReason) {
	out := make([]goEntry, 0, len(obj.Fields))
	for _, m := range obj.Fields {
		at := fmt.Sprintf("%s[%q]", where, m.Key)
		e := goEntry{key: m.Key}
		switch m.Value.Kind {
		case merge.String:
			e.vals = []string{m.Value.Text}
		case merge.Null:
			if !null {
				return nil, fmt.Sprintf("%s: Go has no null here; a cookie cannot be removed", at)
			}
			e.null = true
		case merge.Array:
			if !arrays {
				return nil, fmt.Sprintf("%s: an array is not bound here", at)
			}
			e.multi, e.vals = true, []string{}
			for i, x := range m.Value.Items {
				if x.Kind != merge.String {
					return nil, fmt.Sprintf("%s[%d]: Go takes only strings here (no conversion of a %s)", at, i, x.Kind)
				}
				e.vals = append(e.vals, x.Text)
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

// goMap reads a headers/params/cookies field: absent gives nil.
func goMap(v merge.Value, where string, arrays, null bool) ([]goEntry, goReason) {
	present, why := goObject(v, where)
	if !present || why != "" {
		return nil, why
	}
	return goEntries(v, where, arrays, null)
}

// goAuth is scenario auth as the runner reads it: Basic or a bearer token.
type goAuth struct {
	basic              bool
	username, password string
	bearer             string
}

func goReadAuth(v merge.Value, where string) (*goAuth, goReason) {
	present, why := goObject(v, where)
	if !present || why != "" {
		return nil, why
	}
	var keys []string
	for _, f := range v.Fields {
		keys = append(keys, f.Key)
	}
	if v.Get("bearer").Present() {
		if why := goCheckFields(keys, where, "bearer"); why != "" {
			return nil, why
		}
		t, _, why := goString(v.Get("bearer"), where+".bearer")
		return &goAuth{bearer: t}, why
	}
	if why := goCheckFields(keys, where, "username", "password"); why != "" {
		return nil, why
	}
	u, okU, why := goString(v.Get("username"), where+".username")
	if why != "" {
		return nil, why
	}
	p, okP, why := goString(v.Get("password"), where+".password")
	if why != "" {
		return nil, why
	}
	if !okU || !okP {
		return nil, fmt.Sprintf("%s: want {\"username\", \"password\"} or {\"bearer\"}", where)
	}
	return &goAuth{basic: true, username: u, password: p}, ""
}

// goJSONObject is how the runner hands a JSON object to resty: a type whose
// reflect kind is Slice (resty treats it like a map) and whose MarshalJSON
// keeps document order.
type goJSONObject []goJSONMember

type goJSONMember struct {
	key string
	val any
}

// MarshalJSON writes the members in document order, each as encoding/json
// writes it.
func (o goJSONObject) MarshalJSON() ([]byte, error) {
	b, ok := appendGoJSON(nil, o)
	if !ok {
		return nil, errors.New("json: unsupported value: a non-finite number")
	}
	return b, nil
}

// appendGoJSON appends what json.Marshal writes for a value goJSONValue
// returns: a float64 as encoding/json formats it, an []any in order, a
// goJSONObject through its MarshalJSON (so in document order). ok is false
// for NaN or ±Inf, where json.Marshal fails; goJSONValue never returns them.
func appendGoJSON(b []byte, v any) (out []byte, ok bool) {
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
			if b, ok = appendGoJSON(b, e); !ok {
				return b, false
			}
		}
		return append(b, ']'), true
	case goJSONObject:
		b = append(b, '{')
		for i, m := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(merge.AppendJSONString(b, m.key), ':')
			if b, ok = appendGoJSON(b, m.val); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	}
	return b, false
}

// goJSONValue is what encoding/json decodes v into (nil, bool, float64,
// string, []any), with objects as goJSONObject.
func goJSONValue(v merge.Value, where string) (any, goReason) {
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
			g, why := goJSONValue(e, fmt.Sprintf("%s[%d]", where, i))
			if why != "" {
				return nil, why
			}
			out = append(out, g)
		}
		return out, ""
	case merge.Object:
		out := make(goJSONObject, 0, len(v.Fields))
		for _, m := range v.Fields {
			g, why := goJSONValue(m.Value, fmt.Sprintf("%s[%q]", where, m.Key))
			if why != "" {
				return nil, why
			}
			out = append(out, goJSONMember{m.Key, g})
		}
		return out, ""
	}
	return nil, fmt.Sprintf("%s: Go has no undefined", where)
}
