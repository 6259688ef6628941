package merge

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge/internal/minjson"
)

// FormatVersion is the scenario format this engine reads and writes.
const FormatVersion = 1

// Scenario is client defaults plus request overrides for one library@version.
// Every field is a Value so that absent, null, undefined and false stay apart.
type Scenario struct {
	Library string
	Client  Side
	Request Side
}

// Side holds the fields of "client" or "request". Fields that only exist on
// one side (BaseURL, Prefix on the client; Method, URL, JSON, Body, Via on the
// request) stay Absent on the other.
type Side struct {
	BaseURL           Value
	Prefix            Value
	Method            Value
	URL               Value
	Headers           Value
	Params            Value
	Cookies           Value
	Auth              Value
	JSON              Value
	Body              Value
	Via               Value
	AllowAbsoluteURLs Value
}

// Limits on scenario content; each is reported as a located error.
const (
	MaxValueBytes = 64 << 10
	MaxEntries    = 200
)

// InvalidError is a located problem with a scenario: the CLI exits 2 on it and
// the API answers 400.
type InvalidError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e *InvalidError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

func invalid(field, format string, args ...any) *InvalidError {
	return &InvalidError{Field: field, Message: fmt.Sprintf(format, args...)}
}

type fieldSpec struct {
	name  string
	get   func(*Side) *Value
	check func(path string, v Value) error
}

var clientFields = []fieldSpec{
	{"base_url", func(s *Side) *Value { return &s.BaseURL }, checkURLField},
	{"prefix", func(s *Side) *Value { return &s.Prefix }, checkURLField},
	{"headers", func(s *Side) *Value { return &s.Headers }, checkHeaders},
	{"params", func(s *Side) *Value { return &s.Params }, checkParams},
	{"cookies", func(s *Side) *Value { return &s.Cookies }, checkCookies},
	{"auth", func(s *Side) *Value { return &s.Auth }, checkAuth},
	{"allowAbsoluteUrls", func(s *Side) *Value { return &s.AllowAbsoluteURLs }, checkBoolField},
}

var requestFields = []fieldSpec{
	{"method", func(s *Side) *Value { return &s.Method }, checkMethod},
	{"url", func(s *Side) *Value { return &s.URL }, checkURLField},
	{"headers", func(s *Side) *Value { return &s.Headers }, checkHeaders},
	{"params", func(s *Side) *Value { return &s.Params }, checkParams},
	{"cookies", func(s *Side) *Value { return &s.Cookies }, checkCookies},
	{"auth", func(s *Side) *Value { return &s.Auth }, checkAuth},
	{"json", func(s *Side) *Value { return &s.JSON }, checkJSONBody},
	{"body", func(s *Side) *Value { return &s.Body }, checkBody},
	{"via", func(s *Side) *Value { return &s.Via }, checkVia},
	{"allowAbsoluteUrls", func(s *Side) *Value { return &s.AllowAbsoluteURLs }, checkBoolField},
}

// ClientFieldsPresent lists the client fields side holds, in format order. A
// decoded Side keeps no document order, so a binding that reports the first
// offending field reports the first in format order.
func ClientFieldsPresent(side *Side) []string { return presentFields(side, clientFields) }

// RequestFieldsPresent lists the request fields side holds, in format order.
func RequestFieldsPresent(side *Side) []string { return presentFields(side, requestFields) }

// Field is the side's field of that scenario v1 name ("base_url", "json"),
// or nil for a name the format does not have.
func (s *Side) Field(name string) *Value {
	for _, specs := range [...][]fieldSpec{clientFields, requestFields} {
		for _, sp := range specs {
			if sp.name == name {
				return sp.get(s)
			}
		}
	}
	return nil
}

func presentFields(side *Side, specs []fieldSpec) []string {
	var out []string
	for _, sp := range specs {
		if sp.get(side).Present() {
			out = append(out, sp.name)
		}
	}
	return out
}

// ParseScenario decodes and validates a scenario v1 document. A library given
// as override replaces the document's "library".
func ParseScenario(data []byte, override string) (*Scenario, error) {
	root, err := DecodeValue(data)
	if err != nil {
		if de, ok := err.(*DecodeError); ok {
			if de.Path == "" {
				return nil, &InvalidError{Message: de.Error()}
			}
			return nil, &InvalidError{Field: de.Path, Message: de.Message}
		}
		return nil, err
	}
	return ScenarioFromValue(root, override)
}

// ScenarioFromValue validates an already decoded document.
func ScenarioFromValue(root Value, override string) (*Scenario, error) {
	if root.Kind != Object {
		return nil, invalid("(root)", "a scenario is a JSON object, got %s", root.Kind)
	}
	sc := &Scenario{}
	for _, f := range root.Fields {
		switch f.Key {
		case "mergeplay":
			if f.Value.Kind != Number || f.Value.Text != strconv.Itoa(FormatVersion) {
				return nil, invalid("mergeplay", "unsupported format version %s; this engine reads version %d", describe(f.Value), FormatVersion)
			}
		case "library":
			if f.Value.Kind != String {
				return nil, invalid("library", "must be a string like \"httpx@0.14.2\", got %s", f.Value.Kind)
			}
			sc.Library = f.Value.Text
		case "client":
			if err := parseSide(&sc.Client, f.Value, "client", clientFields); err != nil {
				return nil, err
			}
		case "request":
			if err := parseSide(&sc.Request, f.Value, "request", requestFields); err != nil {
				return nil, err
			}
		case "comment", "title":
			// Free text for examples and fixtures; not part of the merge.
		default:
			return nil, invalid(childPath("", f.Key), "unknown field; a scenario has mergeplay, library, client and request")
		}
	}
	if !root.Get("mergeplay").Present() {
		return nil, invalid("mergeplay", "missing; set \"mergeplay\": 1 (the scenario format version)")
	}
	if override != "" {
		sc.Library = override
	}
	if sc.Library == "" {
		return nil, invalid("library", "missing; name a library and version such as \"requests@2.32.3\"")
	}
	return sc, nil
}

func parseSide(side *Side, v Value, path string, specs []fieldSpec) error {
	if v.Kind == Absent || v.Kind == Null {
		return nil
	}
	if v.Kind != Object {
		return invalid(path, "must be an object, got %s", v.Kind)
	}
	for _, f := range v.Fields {
		var spec *fieldSpec
		for i := range specs {
			if specs[i].name == f.Key {
				spec = &specs[i]
			}
		}
		fp := path + "." + f.Key
		if spec == nil {
			names := make([]string, len(specs))
			for i, s := range specs {
				names[i] = s.name
			}
			return invalid(path+keyPath(f.Key), "unknown field; %s fields are %s", path, strings.Join(names, ", "))
		}
		if err := spec.check(fp, f.Value); err != nil {
			return err
		}
		*spec.get(side) = f.Value
	}
	return nil
}

// keyPath renders one key of a name→value map: ["X-A"].
func keyPath(key string) string {
	return "[" + minjson.Quote(key) + "]"
}

func describe(v Value) string {
	switch v.Kind {
	case String:
		return strconv.Quote(v.Text)
	case Number:
		return v.Text
	}
	return v.Kind.String()
}

// states that any field may take besides a value.
func isState(v Value) bool { return v.Kind == Null || v.Kind == Undefined }

func checkText(path, s string, what string) error {
	if err := checkParamText(path, s, what); err != nil {
		return err
	}
	if strings.ContainsRune(s, 0) {
		return invalid(path, "%s contains a NUL byte", what)
	}
	return nil
}

// checkParamText is checkText for a query parameter's value, which may hold
// a NUL: every library with a params option percent-encodes it (a%00b).
func checkParamText(path, s string, what string) error {
	if len(s) > MaxValueBytes {
		return invalid(path, "%s is %d bytes; the limit is %d", what, len(s), MaxValueBytes)
	}
	if !validText(s) {
		return invalid(path, "%s is not valid UTF-8", what)
	}
	if strings.ContainsAny(s, "\r\n") {
		return invalid(path, "%s contains CR/LF; header values and URLs cannot span lines", what)
	}
	return nil
}

func checkURLField(path string, v Value) error {
	if isState(v) {
		return nil
	}
	if v.Kind != String {
		return invalid(path, "must be a string URL, got %s", v.Kind)
	}
	if err := checkText(path, v.Text, "URL"); err != nil {
		return err
	}
	return nil
}

func checkBoolField(path string, v Value) error {
	if isState(v) || v.Kind == Bool {
		return nil
	}
	return invalid(path, "must be true or false, got %s", v.Kind)
}

func checkMethod(path string, v Value) error {
	if isState(v) {
		return nil
	}
	if v.Kind != String {
		return invalid(path, "must be a string such as \"GET\", got %s", v.Kind)
	}
	if !IsToken(v.Text) {
		return invalid(path, "%q is not a valid HTTP method (an RFC 9110 token)", v.Text)
	}
	return nil
}

func checkVia(path string, v Value) error {
	if v.Kind != String && !isState(v) {
		return invalid(path, "must be a string naming the client method, such as \"stream\"")
	}
	return checkText(path, v.Text, "via")
}

func checkBody(path string, v Value) error {
	if isState(v) {
		return nil
	}
	if v.Kind != String {
		return invalid(path, "must be a string (a raw body); use \"json\" for structured data")
	}
	if len(v.Text) > MaxValueBytes {
		return invalid(path, "body is %d bytes; the limit is %d", len(v.Text), MaxValueBytes)
	}
	return nil
}

func checkJSONBody(path string, v Value) error {
	return walkLimits(path, v)
}

func walkLimits(path string, v Value) error {
	switch v.Kind {
	case String:
		if len(v.Text) > MaxValueBytes {
			return invalid(path, "string is %d bytes; the limit is %d", len(v.Text), MaxValueBytes)
		}
	case Array:
		if len(v.Items) > MaxEntries*5 {
			return invalid(path, "array has %d items; the limit is %d", len(v.Items), MaxEntries*5)
		}
		for i, it := range v.Items {
			if err := walkLimits(fmt.Sprintf("%s[%d]", path, i), it); err != nil {
				return err
			}
		}
	case Object:
		if len(v.Fields) > MaxEntries*5 {
			return invalid(path, "object has %d members; the limit is %d", len(v.Fields), MaxEntries*5)
		}
		for _, f := range v.Fields {
			if err := walkLimits(path+keyPath(f.Key), f.Value); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkMap(path string, v Value, what string, each func(p string, f Field) error) error {
	if isState(v) || v.IsFalse() {
		return nil
	}
	if v.Kind != Object {
		return invalid(path, "must be an object of %s, got %s", what, v.Kind)
	}
	if len(v.Fields) > MaxEntries {
		return invalid(path, "has %d entries; the limit is %d", len(v.Fields), MaxEntries)
	}
	for _, f := range v.Fields {
		if err := each(path+keyPath(f.Key), f); err != nil {
			return err
		}
	}
	return nil
}

func checkScalarOrState(p string, v Value, what string, allowArray bool, text func(path, s, what string) error) error {
	switch v.Kind {
	case Null, Undefined, Bool, Number:
		return nil
	case String:
		return text(p, v.Text, "value")
	case Array:
		if !allowArray {
			return invalid(p, "%s cannot be an array", what)
		}
		for i, it := range v.Items {
			ip := fmt.Sprintf("%s[%d]", p, i)
			if it.Kind == Array || it.Kind == Object || it.Kind == Undefined {
				return invalid(ip, "list items must be strings, numbers, booleans or null")
			}
			if err := checkScalarOrState(ip, it, what, false, text); err != nil {
				return err
			}
		}
		if len(v.Items) > MaxEntries {
			return invalid(p, "list has %d items; the limit is %d", len(v.Items), MaxEntries)
		}
		return nil
	}
	return invalid(p, "%s must be a string, number, boolean, null or {\"$undefined\": true}, got %s", what, v.Kind)
}

func checkHeaders(path string, v Value) error {
	return checkMap(path, v, "header names to values", func(p string, f Field) error {
		if !IsToken(f.Key) {
			return invalid(p, "header name is not an RFC 9110 token (letters, digits and !#$%%&'*+-.^_`|~ only)")
		}
		return checkScalarOrState(p, f.Value, "a header value", true, checkText)
	})
}

func checkParams(path string, v Value) error {
	if v.Kind == String {
		return checkText(path, v.Text, "query string")
	}
	return checkMap(path, v, "parameter names to values", func(p string, f Field) error {
		if err := checkText(p, f.Key, "parameter name"); err != nil {
			return err
		}
		return checkScalarOrState(p, f.Value, "a parameter value", true, checkParamText)
	})
}

func checkCookies(path string, v Value) error {
	return checkMap(path, v, "cookie names to values", func(p string, f Field) error {
		if !IsToken(f.Key) {
			return invalid(p, "cookie name is not an RFC 9110 token")
		}
		if f.Value.Kind == String && strings.ContainsAny(f.Value.Text, ";") {
			return invalid(p, "cookie value contains ';', which would split the Cookie header")
		}
		return checkScalarOrState(p, f.Value, "a cookie value", false, checkText)
	})
}

func checkAuth(path string, v Value) error {
	if isState(v) || v.Kind == Bool {
		return nil
	}
	if v.Kind != Object {
		return invalid(path, "must be {\"username\", \"password\"}, {\"bearer\"}, null, false or {\"$undefined\": true}, got %s", v.Kind)
	}
	for _, f := range v.Fields {
		p := path + "." + f.Key
		switch f.Key {
		case "username", "password", "bearer":
			if f.Value.Kind != String && !isState(f.Value) {
				return invalid(p, "must be a string, got %s", f.Value.Kind)
			}
			if err := checkText(p, f.Value.Text, "credential"); err != nil {
				return err
			}
		default:
			return invalid(p, "unknown auth field; use username and password, or bearer")
		}
	}
	if v.Get("bearer").Present() && (v.Get("username").Present() || v.Get("password").Present()) {
		return invalid(path, "give either username/password or bearer, not both")
	}
	return nil
}

// IsToken reports whether s is an RFC 9110 token (a valid header name or method).
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			continue
		}
		if !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			return false
		}
	}
	return true
}

// MarshalJSON writes the scenario back in format v1 with field order fixed.
func (sc *Scenario) MarshalJSON() ([]byte, error) {
	root := Value{Kind: Object, Fields: []Field{
		{"mergeplay", Value{Kind: Number, Text: strconv.Itoa(FormatVersion)}},
		{"library", Value{Kind: String, Text: sc.Library}},
		{"client", sideValue(&sc.Client, clientFields)},
		{"request", sideValue(&sc.Request, requestFields)},
	}}
	return root.MarshalJSON()
}

func sideValue(s *Side, specs []fieldSpec) Value {
	v := Value{Kind: Object, Fields: []Field{}}
	for _, sp := range specs {
		if fv := *sp.get(s); fv.Present() {
			v.Fields = append(v.Fields, Field{sp.name, fv})
		}
	}
	return v
}
