package merge

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge/internal/minjson"
)

// The JSON that merge writes and reads at its entry points, by hand and
// without encoding/json: the browser build must stay within its transfer
// budget (removing encoding/json took the engine from 7.42 to 7.05 MB raw,
// 1225 to 1188 KB brotli, measured with the page's build flags). Each appendJSON
// writes exactly what json.Marshal writes for the type and its json tags
// (field order, omitempty, a nil slice as null); json_test.go holds
// encoding/json as the oracle.

// RawJSON is a JSON value kept as written, like json.RawMessage.
type RawJSON []byte

// MarshalJSON returns the value, or null if there is none.
func (m RawJSON) MarshalJSON() ([]byte, error) {
	if m == nil {
		return []byte("null"), nil
	}
	return m, nil
}

// UnmarshalJSON keeps a copy of data.
func (m *RawJSON) UnmarshalJSON(data []byte) error {
	if m == nil {
		return errors.New("merge.RawJSON: UnmarshalJSON on nil pointer")
	}
	*m = append((*m)[0:0], data...)
	return nil
}

// appendList appends xs as a JSON array, or null for a nil slice.
func appendList[T any](b []byte, xs []T, appendOne func([]byte, T) []byte) []byte {
	if xs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendOne(b, x)
	}
	return append(b, ']')
}

func appendStrings(b []byte, xs []string) []byte {
	return appendList(b, xs, minjson.AppendString)
}

// appendField appends ,"name":"value" (no comma for the first field, which
// no type here marks omitempty).
func appendField(b []byte, name, value string) []byte {
	b = appendKey(b, name)
	return minjson.AppendString(b, value)
}

// appendKey appends the separator and "name": before a member's value.
func appendKey(b []byte, name string) []byte {
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...) // field names are plain ASCII
	return append(b, '"', ':')
}

// appendOmitEmpty appends a string field tagged omitempty.
func appendOmitEmpty(b []byte, name, value string) []byte {
	if value == "" {
		return b
	}
	return appendField(b, name, value)
}

// MarshalJSON writes the result with the engine's own writer, so that
// encoding/json (the CLI, the API) writes what the page gets: a lone
// surrogate as its \u escape, not as three U+FFFD.
func (r *Result) MarshalJSON() ([]byte, error) { return r.appendJSON(nil), nil }

// MarshalJSON writes the diff with the engine's own writer (see Result's).
func (d *Diff) MarshalJSON() ([]byte, error) { return d.appendJSON(nil), nil }

func (r *Result) appendJSON(b []byte) []byte {
	b = append(b, '{')
	b = appendField(b, "library", r.Library)
	b = appendField(b, "profile", r.Profile)
	b = appendField(b, "verified", r.Verified)
	b = appendField(b, "outcome", r.Outcome)
	if r.Request != nil {
		b = r.Request.appendJSON(appendKey(b, "request"))
	}
	if r.Error != nil {
		b = appendKey(b, "error")
		b = appendField(append(b, '{'), "type", r.Error.Type)
		b = append(appendField(b, "message", r.Error.Message), '}')
	}
	b = appendOmitEmpty(b, "reason", r.Reason)
	b = appendList(appendKey(b, "trace"), r.Trace, appendStep)
	b = appendStrings(appendKey(b, "warnings"), r.Warnings)
	b = appendList(appendKey(b, "lints"), r.Lints, func(b []byte, l Lint) []byte {
		b = appendField(append(b, '{'), "code", l.Code)
		b = appendField(b, "severity", l.Severity)
		b = appendField(b, "message", l.Message)
		return append(appendField(b, "ref", l.Ref), '}')
	})
	return append(b, '}')
}

func (w *Wire) appendJSON(b []byte) []byte {
	b = append(b, '{')
	b = appendField(b, "method", w.Method)
	b = appendField(b, "url", w.URL)
	b = appendField(b, "target", w.Target)
	b = appendList(appendKey(b, "headers"), w.Headers, func(b []byte, h [2]string) []byte {
		b = minjson.AppendString(append(b, '['), h[0])
		return append(minjson.AppendString(append(b, ','), h[1]), ']')
	})
	b = appendField(b, "body", w.Body)
	if w.BodyBase64 {
		b = append(appendKey(b, "body_base64"), "true"...)
	}
	return append(b, '}')
}

func appendStep(b []byte, s Step) []byte {
	b = append(b, '{')
	b = appendField(b, "field", s.Field)
	b = appendOmitEmpty(b, "value", s.Value)
	b = appendField(b, "source", s.Source)
	b = appendField(b, "action", s.Action)
	b = appendField(b, "rule", s.Rule)
	b = appendField(b, "cite", s.Cite)
	b = appendOmitEmpty(b, "url", s.URL)
	b = appendOmitEmpty(b, "note", s.Note)
	return append(b, '}')
}

func (d *Diff) appendJSON(b []byte) []byte {
	b = append(b, '{')
	b = d.A.appendJSON(appendKey(b, "a"))
	b = d.B.appendJSON(appendKey(b, "b"))
	b = minjson.AppendBool(appendKey(b, "equal"), d.Equal)
	b = appendList(appendKey(b, "changes"), d.Changes, appendChange)
	b = appendOmitEmpty(b, "also", d.Also)
	return append(b, '}')
}

func (s Side2) appendJSON(b []byte) []byte {
	b = append(b, '{')
	b = appendField(b, "label", s.Label)
	b = appendField(b, "library", s.Library)
	b = appendField(b, "profile", s.Profile)
	b = appendField(b, "outcome", s.Outcome)
	return append(b, '}')
}

func appendChange(b []byte, c Change) []byte {
	b = append(b, '{')
	b = appendField(b, "part", c.Part)
	b = appendOmitEmpty(b, "key", c.Key)
	b = appendField(b, "op", c.Op)
	if len(c.A) > 0 {
		b = appendStrings(appendKey(b, "a"), c.A)
	}
	if len(c.B) > 0 {
		b = appendStrings(appendKey(b, "b"), c.B)
	}
	b = appendField(b, "class", c.Class)
	return append(b, '}')
}

func appendProfileInfo(b []byte, p ProfileInfo) []byte {
	b = append(b, '{')
	b = appendField(b, "library", p.Library)
	b = appendField(b, "language", p.Language)
	b = appendField(b, "profile", p.Profile)
	b = appendOmitEmpty(b, "min", p.Min)
	b = appendOmitEmpty(b, "max", p.Max)
	if p.Since != nil {
		b = append(appendKey(b, "since"), '{')
		b = appendField(b, "ref", p.Since.Ref)
		b = appendOmitEmpty(b, "url", p.Since.URL)
		b = appendOmitEmpty(b, "doc", p.Since.Doc)
		b = append(b, '}')
	}
	b = appendField(b, "verified", p.Verified)
	b = appendStrings(appendKey(b, "recorded"), p.Recorded)
	b = appendField(b, "default", p.Default)
	b = appendOmitEmpty(b, "runtime", p.Runtime)
	b = appendOmitEmpty(b, "note", p.Note)
	b = appendOmitEmpty(b, "binding", p.Binding)
	b = appendList(appendKey(b, "switches"), p.Switches, func(b []byte, s Switch) []byte {
		b = appendField(append(b, '{'), "name", s.Name)
		return append(appendField(b, "value", s.Value), '}')
	})
	b = appendList(appendKey(b, "rules"), p.Rules, appendRuleInfo)
	return append(b, '}')
}

func appendRuleInfo(b []byte, r RuleInfo) []byte {
	b = append(b, '{')
	b = appendField(b, "name", r.Name)
	b = appendField(b, "cite", r.Cite)
	b = appendOmitEmpty(b, "url", r.URL)
	b = appendOmitEmpty(b, "doc", r.Doc)
	return append(b, '}')
}

func (e *APIError) appendJSON(b []byte) []byte {
	if e == nil {
		return append(b, "null"...)
	}
	b = append(b, '{')
	b = appendField(b, "code", e.Code)
	b = appendField(b, "message", e.Message)
	b = appendOmitEmpty(b, "field", e.Field)
	return append(b, '}')
}

// decodeDiffRequest decodes the input of a diff: {"a": scenario, "b":
// scenario}, {"a": scenario, "against": "lib@version"}, or a scenario with a
// top-level "against" (then A is the scenario without it). Keys are exact, as
// in a scenario: a repeated key, a key in another case ("A", "Against") and
// an unknown key are errors, each with the field it is about; the scenarios
// themselves are checked when they are resolved.
func decodeDiffRequest(doc []byte) (req DiffRequest, aerr *APIError) {
	invalid := func(field, msg string) (DiffRequest, *APIError) {
		return DiffRequest{}, &APIError{Code: CodeInvalid, Message: childPath("", field) + ": " + msg, Field: childPath("", field)}
	}
	const forms = `give {"a": scenario, "b": scenario}, {"a": scenario, "against": "library@version"}, or a scenario with "against"`
	if len(doc) > MaxInputBytes {
		return DiffRequest{}, &APIError{Code: CodeInvalid, Message: fmt.Sprintf("document is %d bytes; the limit is %d", len(doc), MaxInputBytes)}
	}
	if err := minjson.Check(doc); err != nil {
		off := int64(0)
		if se, ok := err.(*minjson.SyntaxError); ok {
			off = se.Offset
		}
		return DiffRequest{}, &APIError{Code: CodeInvalid, Message: (&DecodeError{Offset: off, Message: err.Error()}).Error()}
	}
	if k := minjson.KindOf(doc); k != minjson.ObjectStart {
		return DiffRequest{}, &APIError{Code: CodeInvalid, Message: "(root): the diff input is " + jsonKindWord(k) + "; " + forms, Field: "(root)"}
	}
	members := minjson.Members(doc)
	envelope := false
	seen := map[string]bool{}
	for _, m := range members {
		if seen[m.Key] {
			return invalid(m.Key, "duplicate key; JSON objects here must not repeat a key")
		}
		seen[m.Key] = true
		if f := foldName(m.Key); f == "A" || f == "B" {
			envelope = true
		}
	}
	var hasAgainst, hasB bool
	var rest []minjson.Member // the scenario form's members but "against"
	for _, m := range members {
		switch {
		case m.Key == "against":
			if minjson.KindOf(m.Value) != minjson.String || minjson.Unquote(m.Value) == "" {
				return invalid("against", `must be a "library@version" string, such as "httpx@0.28.1"`)
			}
			req.Against, hasAgainst = minjson.Unquote(m.Value), true
		case envelope && (m.Key == "a" || m.Key == "b"):
			if minjson.KindOf(m.Value) != minjson.ObjectStart {
				return invalid(m.Key, "must be a scenario object, not "+jsonKindWord(minjson.KindOf(m.Value)))
			}
			if m.Key == "a" {
				req.A = RawJSON(m.Value)
			} else {
				req.B, hasB = RawJSON(m.Value), true
			}
		case foldName(m.Key) == "A" || foldName(m.Key) == "B" || foldName(m.Key) == "AGAINST":
			return invalid(m.Key, "unknown key; keys are case-sensitive: did you mean "+minjson.Quote(strings.ToLower(foldName(m.Key)))+"?")
		case envelope:
			return invalid(m.Key, `unknown key; a diff input has "a", and "b" or "against"`)
		default:
			rest = append(rest, m)
		}
	}
	switch {
	case !envelope && !hasAgainst:
		return invalid("against", "is missing: "+forms)
	case !envelope:
		a := []byte{'{'}
		for _, m := range rest {
			if len(a) > 1 {
				a = append(a, ',')
			}
			a = append(minjson.AppendString(a, m.Key), ':')
			a = append(a, m.Value...)
		}
		req.A = append(a, '}')
	case req.A == nil:
		return invalid("a", "is missing: the scenario to diff; "+forms)
	case hasB && hasAgainst:
		return invalid("against", `give "b" or "against", not both`)
	case !hasB && !hasAgainst:
		return invalid("b", `"b" or "against" is missing: `+forms)
	}
	return req, nil
}

// jsonKindWord names a JSON value's kind as encoding/json's type errors do.
func jsonKindWord(k minjson.Kind) string {
	switch k {
	case minjson.ArrayStart:
		return "array"
	case minjson.ObjectStart:
		return "object"
	case minjson.Bool:
		return "bool"
	case minjson.String:
		return "string"
	}
	return "number"
}

// foldName folds a key for case-insensitive matching as encoding/json does:
// ASCII letters to upper case, any other rune to the smallest rune of its
// simple case-folding orbit (so the Kelvin sign matches k, and ſ matches s).
func foldName(s string) string {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			out = append(out, byte(r))
			continue
		}
		out = utf8.AppendRune(out, smallestFold(r))
	}
	return string(out)
}

func smallestFold(r rune) rune {
	for {
		next := unicode.SimpleFold(r)
		if next <= r {
			return next
		}
		r = next
	}
}
