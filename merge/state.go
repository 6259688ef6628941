package merge

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// Header is one header line being built, with where it came from.
type Header struct {
	Name   string
	Value  string
	Source string
}

// State is the request under construction while a profile's rules run.
// Rules read the scenario, change the fields, and explain what they did.
type State struct {
	Scenario *Scenario
	Profile  *Profile
	Version  string

	Method  string
	URL     string // absolute URL as the library holds it
	Target  string // request-target as sent; derived from URL when empty
	Headers []Header
	Body    []byte
	Binary  bool // body is not text

	// Vars carries profile-specific intermediate values between rules.
	Vars map[string]any

	rule        *Rule
	err         *LibError
	unsupported string
	done        bool
	trace       []Step
	warnings    []string
}

// Client and Request are shorthands for the scenario's two sides.
func (s *State) Client() *Side  { return &s.Scenario.Client }
func (s *State) Request() *Side { return &s.Scenario.Request }

// Explain records a trace step under the rule being applied, citing the rule.
func (s *State) Explain(field, value, source, action, note string) {
	s.ExplainAt(Cite{}, field, value, source, action, note)
}

// ExplainAt is Explain citing c, one of the rule's Also, for a step another
// function of the library does; a zero c cites the rule.
func (s *State) ExplainAt(c Cite, field, value, source, action, note string) {
	st := Step{Field: field, Value: value, Source: source, Action: action, Note: note}
	if s.rule != nil {
		st.Rule = s.rule.Name
		if c == (Cite{}) {
			c, st.Cite = s.rule.Cite, s.rule.citeText
		}
	}
	if st.Cite == "" {
		st.Cite = c.String()
	}
	st.URL = c.URL
	s.trace = append(s.trace, st)
}

// Raise ends resolution with the exception the library raises, and records
// where: a step {field "error", value the type, action "raise"} citing the
// rule.
func (s *State) Raise(typ, format string, args ...any) {
	s.RaiseAt(Cite{}, typ, format, args...)
}

// RaiseAt is Raise citing c, one of the rule's Also, when the exception is
// raised in another function than the one the rule cites (a validator the
// rule's function calls); a zero c cites the rule.
func (s *State) RaiseAt(c Cite, typ, format string, args ...any) {
	s.err = &LibError{Type: typ, Message: fmt.Sprintf(format, args...)}
	s.ExplainAt(c, FieldError, typ, SourceLibrary, ActionRaise, s.err.Message)
	s.done = true
}

// Unsupported ends resolution: the scenario cannot be expressed in this library.
func (s *State) Unsupported(format string, args ...any) {
	s.unsupported = fmt.Sprintf(format, args...)
	s.done = true
}

// Explained reports whether an earlier step already explains field.
func (s *State) Explained(field string) bool {
	for _, st := range s.trace {
		if st.Field == field {
			return true
		}
	}
	return false
}

// Done reports whether a rule has ended resolution.
func (s *State) Done() bool { return s.done }

// Warn adds a warning to the result.
func (s *State) Warn(format string, args ...any) {
	s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
}

// Var returns a profile variable, or the zero value of T.
func Var[T any](s *State, name string) T {
	v, _ := s.Vars[name].(T)
	return v
}

// HeaderIndex finds a header by name, case-insensitively; -1 if absent.
func (s *State) HeaderIndex(name string) int {
	for i, h := range s.Headers {
		if strings.EqualFold(h.Name, name) {
			return i
		}
	}
	return -1
}

// HeaderValue returns a header's value and whether it exists (case-insensitive).
func (s *State) HeaderValue(name string) (string, bool) {
	if i := s.HeaderIndex(name); i >= 0 {
		return s.Headers[i].Value, true
	}
	return "", false
}

// DelHeader removes every header with that name (case-insensitive) and returns
// how many there were.
func (s *State) DelHeader(name string) int {
	n := 0
	out := s.Headers[:0]
	for _, h := range s.Headers {
		if strings.EqualFold(h.Name, name) {
			n++
			continue
		}
		out = append(out, h)
	}
	s.Headers = out
	return n
}

// AddHeader appends a header line.
func (s *State) AddHeader(name, value, source string) {
	s.Headers = append(s.Headers, Header{Name: name, Value: value, Source: source})
}

// BasicAuth is the Authorization value for user:password.
func BasicAuth(user, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
}

// FieldName is the trace field of a header.
func FieldName(header string) string { return "headers." + header }

// FieldError is the trace field of the step Raise records.
const FieldError = "error"

// QueryField is the trace field of a query parameter.
func QueryField(name string) string { return "query." + name }

// Err is the exception raised so far, or nil: a profile whose library wraps
// an error raised by a shared rule re-raises it with its own type.
func (s *State) Err() *LibError { return s.err }
