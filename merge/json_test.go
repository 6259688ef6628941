package merge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/mergeplay/mergeplay/merge/internal/minjson"
)

// encoding/json is the oracle for every hand-written reader and writer in
// merge: these tests and fuzz targets compare them byte for byte.

// jsonStrings are strings that exercise every escaping rule.
var jsonStrings = []struct{ reason, s string }{
	{"empty", ""},
	{"plain ASCII passes through", "hello, world/~"},
	{"quote and backslash are escaped with a backslash", `a"b\c`},
	{"HTML-significant characters become \\u escapes", "<script>&amp;</script>"},
	{"control characters with short escapes", "\b\f\n\r\t"},
	{"other control characters are \\u00XX, lower-case hex", "\x00\x01\x1a\x1f"},
	{"DEL is written as itself", "\x7f"},
	{"U+2028 and U+2029 are escaped", "a\u2028b\u2029c"},
	{"valid multi-byte UTF-8 is written as itself", "é€𝄞\ufffd"},
	{"each invalid byte becomes \\ufffd", "a\xffb\xc3(\xed\x9f\xf4\x90\x80\x80"},
	{"a surrogate written as WTF-8 becomes its \\u escape, not three \\ufffd", "a\xed\xa0\x80b\xed\xbf\xbf\xed\xa0"},
	{"a truncated sequence at the end", "x\xe2\x82"},
}

// marshalString is json.Marshal(s), except that a surrogate written as WTF-8
// is its \u escape (AppendString's one difference): encoding/json's output
// for the text between surrogates, joined by their escapes. A surrogate's
// lead byte ED is never taken into an earlier sequence (it is no
// continuation byte), so the pieces decode as they would in the whole.
func marshalString(s string) []byte {
	out := []byte{'"'}
	piece := func(p string) {
		b, _ := json.Marshal(p)
		out = append(out, b[1:len(b)-1]...)
	}
	start := 0
	for i := 0; i < len(s); {
		r, n := DecodeRune(s[i:])
		if IsSurrogate(r) {
			piece(s[start:i])
			out = append(out, fmt.Sprintf(`\u%04x`, r)...)
			start = i + n
		}
		i += n
	}
	piece(s[start:])
	return append(out, '"')
}

func TestJSONEncodeStringMatchesEncodingJSON(t *testing.T) {
	for _, tt := range jsonStrings {
		want := marshalString(tt.s)
		if got := minjson.AppendString(nil, tt.s); string(got) != string(want) {
			t.Errorf("%s: AppendString(%q) = %s, json.Marshal = %s", tt.reason, tt.s, got, want)
		}
	}
}

func TestJSONEncodeFloatMatchesEncodingJSON(t *testing.T) {
	tests := []struct {
		reason string
		f      float64
	}{
		{"zero", 0},
		{"negative zero keeps its sign", math.Copysign(0, -1)},
		{"an integer", 42},
		{"a fraction", 1.5},
		{"shortest round-trip digits", 0.1 + 0.2},
		{"1e-6 is the smallest plain number", 1e-6},
		{"below 1e-6 uses an exponent without a leading zero", 1e-7},
		{"just below 1e21 is plain", 999999999999999900000},
		{"1e21 uses an exponent", 1e21},
		{"a large negative exponent", -5e-324},
		{"the largest float64", math.MaxFloat64},
		{"a two-digit negative exponent", 1.5e-10},
		{"beyond 2^53", 12345678901234567890},
	}
	for _, tt := range tests {
		want, _ := json.Marshal(tt.f)
		got, ok := minjson.AppendFloat(nil, tt.f)
		if !ok || string(got) != string(want) {
			t.Errorf("%s: AppendFloat(%v) = %s, %v; json.Marshal = %s", tt.reason, tt.f, got, ok, want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, ok := minjson.AppendFloat(nil, f); ok {
			t.Errorf("AppendFloat(%v) succeeded; json.Marshal fails on it", f)
		}
	}
}

// resultShapes builds every result type around s, with nil and empty slices
// and omitempty fields set or not according to the bits of shape.
func resultShapes(s string, shape uint8) []any {
	bit := func(n uint) bool { return shape&(1<<n) != 0 }
	strs := func(n uint) []string {
		switch {
		case bit(n):
			return nil
		case bit(n + 1):
			return []string{}
		}
		return []string{s, "x"}
	}
	opt := func(n uint) string {
		if bit(n) {
			return ""
		}
		return s
	}
	res := &Result{Library: s, Profile: s, Verified: s, Outcome: s, Reason: opt(0), Warnings: strs(1)}
	if !bit(3) {
		res.Request = &Wire{Method: s, URL: s, Target: s, Body: s, BodyBase64: bit(4)}
		if !bit(5) {
			res.Request.Headers = [][2]string{{s, s}, {"a", ""}}
		}
	}
	if bit(6) {
		res.Error = &LibError{Type: s, Message: s}
	}
	if !bit(7) {
		res.Trace = []Step{{Field: s, Value: opt(2), Source: s, Action: s, Rule: s, Cite: s, URL: opt(4), Note: opt(5)}, {}}
	}
	if bit(2) {
		res.Lints = []Lint{{Code: s, Severity: s, Message: s, Ref: s}, {}}
	}
	diff := &Diff{A: Side2{s, s, s, s}, Equal: bit(0), Changes: []Change{{Part: s, Key: opt(1), Op: s, A: strs(2), B: strs(4), Class: s}}, Also: opt(5)}
	if bit(6) {
		diff.Changes = nil
	}
	info := ProfileInfo{Library: s, Language: s, Profile: s, Min: opt(0), Max: opt(1), Verified: s, Recorded: strs(2),
		Default: s, Runtime: opt(4), Note: opt(5), Binding: opt(6)}
	if bit(3) {
		info.Since = &Boundary{Ref: s, URL: opt(5), Doc: opt(6)}
	}
	if !bit(7) {
		info.Switches = []Switch{{s, s}}
		info.Rules = []RuleInfo{{Name: s, Cite: s, URL: opt(3), Doc: opt(4)}, {}}
	}
	return []any{res, diff, []ProfileInfo{info, {}}, &APIError{Code: s, Message: s, Field: opt(3)}}
}

// appendResultShape is what merge writes for one of resultShapes' values.
func appendResultShape(v any) []byte {
	switch x := v.(type) {
	case *Result:
		return x.appendJSON(nil)
	case *Diff:
		return x.appendJSON(nil)
	case []ProfileInfo:
		return appendList(nil, x, appendProfileInfo)
	case *APIError:
		return errorJSON(x)
	}
	panic(fmt.Sprintf("no writer for %T", v))
}

// plainResult and plainDiff are Result and Diff without their MarshalJSON,
// so that json.Marshal stays the oracle for the writers behind it.
type (
	plainResult Result
	plainDiff   Diff
)

func marshalResultShape(v any) []byte {
	switch x := v.(type) {
	case *APIError:
		v = map[string]*APIError{"error": x}
	case *Result:
		v = (*plainResult)(x)
	case *Diff:
		v = (*plainDiff)(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func checkResultShapes(t *testing.T, s string, shape uint8) {
	t.Helper()
	// Every string goes through AppendString, whose surrogate escapes
	// json.Marshal does not write (see marshalString); the shapes are
	// checked with the surrogates replaced.
	s = WellFormed(s)
	for _, v := range resultShapes(s, shape) {
		want, got := marshalResultShape(v), appendResultShape(v)
		if !bytes.Equal(got, want) {
			t.Fatalf("%T with %q, shape %08b:\n got %s\nwant %s", v, s, shape, got, want)
		}
	}
}

func TestJSONEncodeResultTypesMatchEncodingJSON(t *testing.T) {
	for _, tt := range jsonStrings {
		for shape := 0; shape < 256; shape++ {
			checkResultShapes(t, tt.s, uint8(shape))
		}
	}
	if got, want := fakeRegistry.LibrariesJSON(), marshalResultShape(fakeRegistry.Libraries()); !bytes.Equal(got, want) {
		t.Errorf("LibrariesJSON differs from json.Marshal(Libraries()):\n got %s\nwant %s", got, want)
	}
	if got := errorJSON(nil); string(got) != `{"error":null}` {
		t.Errorf("errorJSON(nil) = %s, want {\"error\":null}", got)
	}
}

// oracleDecodeValue is DecodeValue as it was written with encoding/json's
// Decoder; the hand-written one must agree with it on every input.
func oracleDecodeValue(data []byte) (Value, error) {
	if len(data) > MaxInputBytes {
		return Value{}, &DecodeError{Message: fmt.Sprintf("document is %d bytes; the limit is %d", len(data), MaxInputBytes)}
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) { // DecodeValue's own rule, above the decoder
		return Value{}, &DecodeError{Message: "the document starts with a byte order mark (U+FEFF); remove it"}
	}
	if !utf8.Valid(data) { // and another: raw invalid UTF-8 is refused where it starts
		at := 0
		for at < len(data) {
			r, n := utf8.DecodeRune(data[at:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			at += n
		}
		return Value{}, &DecodeError{Offset: int64(at), Message: fmt.Sprintf("byte 0x%02x is not valid UTF-8; a scenario is UTF-8 text (write other characters as \\u escapes)", data[at])}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := oracleDecodeAt(dec, "", 0)
	if err != nil {
		if e, ok := err.(*oracleSyntaxError); ok {
			e.de.Offset = badBytePosition(data, dec.InputOffset(), e.se)
			return Value{}, e.de
		}
		return Value{}, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return Value{}, &DecodeError{Offset: dec.InputOffset(), Message: "unexpected data after the JSON value"}
	}
	return v, nil
}

// badBytePosition is where a json.Decoder's syntax error is in data, the
// one documented difference of minjson.Decoder (see its doc). tokenStart is
// the Decoder's InputOffset after the failed Token: the start of the token
// it was reading. Inside a string, number or literal, encoding/json's Offset
// counts the bytes of every scalar read before plus this token's bytes up to
// the bad one; a fresh Decoder from the token's start has read no scalar
// before, so its Offset is only the latter. Between tokens both Decoders
// report the position already, and the fresh one fails differently (or not
// at all, or at 0).
func badBytePosition(data []byte, tokenStart int64, se *json.SyntaxError) int64 {
	fresh := json.NewDecoder(bytes.NewReader(data[tokenStart:]))
	fresh.UseNumber()
	_, err := fresh.Token()
	if fe, ok := err.(*json.SyntaxError); ok && fe.Error() == se.Error() && fe.Offset >= 1 {
		return tokenStart + fe.Offset - 1
	}
	return se.Offset
}

// oracleSyntaxError carries a syntax error up to oracleDecodeValue, which
// places it with badBytePosition.
type oracleSyntaxError struct {
	de *DecodeError
	se *json.SyntaxError
}

func (e *oracleSyntaxError) Error() string { return e.de.Error() }

func oracleSyntaxErr(dec *json.Decoder, err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	de := &DecodeError{Offset: dec.InputOffset(), Message: strings.TrimPrefix(err.Error(), "json: ")}
	if se, ok := err.(*json.SyntaxError); ok {
		return &oracleSyntaxError{de: de, se: se}
	}
	return de
}

func oracleDecodeAt(dec *json.Decoder, path string, depth int) (Value, error) {
	if depth > MaxDepth {
		return Value{}, &DecodeError{Path: orRoot(path), Message: fmt.Sprintf("nesting is deeper than %d levels", MaxDepth)}
	}
	tok, err := dec.Token()
	if err != nil {
		return Value{}, oracleSyntaxErr(dec, err)
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
				it, err := oracleDecodeAt(dec, fmt.Sprintf("%s[%d]", path, i), depth+1)
				if err != nil {
					return Value{}, err
				}
				v.Items = append(v.Items, it)
			}
			if _, err := dec.Token(); err != nil {
				return Value{}, oracleSyntaxErr(dec, err)
			}
			return v, nil
		}
		v := Value{Kind: Object, Fields: []Field{}}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return Value{}, oracleSyntaxErr(dec, err)
			}
			key, _ := kt.(string)
			child, err := oracleDecodeAt(dec, childPath(path, key), depth+1)
			if err != nil {
				return Value{}, err
			}
			if !v.addField(key, child) {
				return Value{}, duplicateKey(path, key)
			}
		}
		if _, err := dec.Token(); err != nil {
			return Value{}, oracleSyntaxErr(dec, err)
		}
		return v.finishObject(path)
	}
	return Value{}, &DecodeError{Offset: dec.InputOffset(), Message: "unexpected token"}
}

// jsonDocs are decoder inputs: valid documents and one of each error.
var jsonDocs = []struct{ reason, doc string }{
	{"a scenario", `{"mergeplay":1,"library":"x@1","request":{"headers":{"A":"v","B":null,"C":{"$undefined":true},"D":false}}}`},
	{"every scalar", ` [ null , true , false , 0 , -0.5e+3 , 1E-2 , "" , "a\"\\\/\b\f\n\r\t\u00e9" ] `},
	{"surrogate pairs and lone surrogates", `["\ud834\udd1e","\ud800","\udc00\ud800","\ud800\u0041","\uD800\uDBFF\uDC00"]`},
	{"invalid UTF-8 in keys and strings", "{\"k\xff\":\"a\xc3(\xed\xa0\x80b\"}"},
	{"numbers keep their spelling", `[1.50,100e-2,12345678901234567890123]`},
	{"empty input", ``},
	{"only space", " \n\t\r"},
	{"truncated object", `{"mergeplay":1,`},
	{"truncated after a key", `{"a"`},
	{"truncated string", `["abc`},
	{"truncated literal", `[tru`},
	{"truncated number", `[1.`},
	{"truncated array after space", `[1, 2  `},
	{"a missing colon", `{"a" 1}`},
	{"a missing comma in an object", `{"a":1 "b":2}`},
	{"a missing comma in an array", `[1 2]`},
	{"a trailing comma in an array", `[1,]`},
	{"a trailing comma in an object", `{"a":1,}`},
	{"a leading comma", `[,1]`},
	{"a number as a key", `{1:2}`},
	{"a key after a comma that is not a string", `{"a":1,2:3}`},
	{"a colon in an array", `[1:2]`},
	{"a closing brace in an array", `[1}`},
	{"a closing bracket after {", `{]`},
	{"a bad literal after values", `{"a":1,"b":tru}`},
	{"a bad escape", `["ok","\x"]`},
	{"a bad \\u escape", `["\u12G4"]`},
	{"a control character in a string", "[\"a\nb\"]"},
	{"a bad character after a minus", `[-x]`},
	{"a bad fraction", `[1.e3]`},
	{"a bad exponent", `[1e+]`},
	{"a leading zero splits the number", `[01]`},
	{"a leading dot", `[.5]`},
	{"garbage at the top", `x`},
	{"a closer at the top", `]`},
	{"a non-ASCII byte at the top", "\xff"},
	{"a quote where a value ends", `{"a":1"b"}`},
	{"a single quote", `['a']`},
	{"trailing garbage", `{"a":1} x`},
	{"a trailing second value", `{} {}`},
	{"a trailing number", `1 2`},
	{"a trailing unfinished string", `{} "a`},
	{"a trailing bad literal", `{} tx`},
	{"a trailing comma", `{},`},
	{"duplicate keys", `{"a":1,"a":2}`},
	{"a duplicate key after a syntax error in its value", `{"a":1,"a":tx}`},
	{"a bad undefined marker", `{"$undefined":1}`},
	{"an undefined marker with company", `{"$undefined":true,"x":1}`},
	{"nesting at the limit", strings.Repeat("[", 33) + strings.Repeat("]", 33)},
	{"nesting over the limit", strings.Repeat("[", 34) + strings.Repeat("]", 34)},
	{"nesting over the limit before a syntax error", strings.Repeat(`{"a":`, 40) + "x"},
	{"deep nesting for json.Valid", strings.Repeat("[", 10001) + strings.Repeat("]", 10001)},
	{"nesting at json.Valid's limit", strings.Repeat("[", 10000) + strings.Repeat("]", 10000)},
}

func TestJSONDecodeValueMatchesEncodingJSON(t *testing.T) {
	for _, tt := range jsonDocs {
		checkDecode(t, tt.reason, []byte(tt.doc))
	}
}

// loneSurrogateEscape finds a \u escape of a surrogate (paired or not).
var loneSurrogateEscape = regexp.MustCompile(`\\u[dD][89a-fA-F]`)

// checkDecode compares every reader in merge with encoding/json on data.
func checkDecode(t *testing.T, reason string, data []byte) {
	t.Helper()
	if got, want := minjson.Valid(data), json.Valid(data); got != want {
		t.Fatalf("%s: Valid(%q) = %v, json.Valid = %v", reason, data, got, want)
	}
	var x any
	werr := json.Unmarshal(data, &x)
	var wantSyntax *json.SyntaxError
	if !errors.As(werr, &wantSyntax) {
		wantSyntax = nil
	}
	gotErr := minjson.Check(data)
	switch gs, _ := gotErr.(*minjson.SyntaxError); {
	case (gs == nil) != (wantSyntax == nil):
		t.Fatalf("%s: Check(%q) = %v, json.Unmarshal = %v", reason, data, gotErr, werr)
	case gs != nil && (gs.Msg != wantSyntax.Error() || gs.Offset != wantSyntax.Offset):
		t.Fatalf("%s: Check(%q) = %q at %d, json.Unmarshal = %q at %d", reason, data, gs.Msg, gs.Offset, wantSyntax.Error(), wantSyntax.Offset)
	}
	checkTokens(t, reason, data, false)
	checkTokens(t, reason, data, true)
	want, wantErr := oracleDecodeValue(data)
	got, err := DecodeValue(data)
	// DecodeValue keeps a lone surrogate where encoding/json writes U+FFFD:
	// compare with them replaced. Keys that differ only there are two keys
	// here and one repeated key to encoding/json.
	got = WellFormedValue(got)
	if de, ok := wantErr.(*DecodeError); ok && strings.HasPrefix(de.Message, "duplicate key") && loneSurrogateEscape.Match(data) {
		return
	}
	if !reflect.DeepEqual(err, wantErr) {
		t.Fatalf("%s: DecodeValue(%q) error %#v, want %#v", reason, data, err, wantErr)
	}
	// reflect first: go-cmp's slice diff is exponential in the nesting depth.
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%s: DecodeValue(%q) mismatch (-want +got):\n%s", reason, data, cmp.Diff(want, got))
	}
	checkDiffRequest(t, reason, data)
}

// checkTokens compares the token streams of minjson.Decoder and json.Decoder
// (UseNumber), with or without a More before each Token.
func checkTokens(t *testing.T, reason string, data []byte, more bool) {
	t.Helper()
	jd := json.NewDecoder(bytes.NewReader(data))
	jd.UseNumber()
	md := minjson.NewDecoder(data)
	for step := 0; ; step++ {
		if more {
			if a, b := jd.More(), md.More(); a != b {
				t.Fatalf("%s: %q step %d: More = %v, json.Decoder says %v", reason, data, step, b, a)
			}
		}
		wt, werr := jd.Token()
		gt, gerr := md.Token()
		gt.Text = WellFormed(gt.Text) // the Decoder keeps a lone surrogate that json.Decoder replaces
		want, got := describeJSONToken(wt, werr), describeMinToken(gt, gerr)
		if se, ok := werr.(*json.SyntaxError); ok {
			want = fmt.Sprintf("error %q at %d", se.Error(), badBytePosition(data, jd.InputOffset(), se))
		}
		if want != got {
			t.Fatalf("%s: %q step %d: token %s, json.Decoder gives %s", reason, data, step, got, want)
		}
		if werr != nil {
			return
		}
		if a, b := jd.InputOffset(), md.InputOffset(); a != b {
			t.Fatalf("%s: %q step %d: InputOffset = %d, json.Decoder says %d", reason, data, step, b, a)
		}
	}
}

func describeJSONToken(tok json.Token, err error) string {
	if se, ok := err.(*json.SyntaxError); ok {
		return fmt.Sprintf("error %q at %d", se.Error(), se.Offset)
	}
	if err != nil {
		return "error " + err.Error()
	}
	switch x := tok.(type) {
	case json.Delim:
		return "delim " + x.String()
	case json.Number:
		return "number " + string(x)
	case string:
		return fmt.Sprintf("string %q", x)
	}
	return fmt.Sprintf("%T %v", tok, tok)
}

func describeMinToken(tok minjson.Token, err error) string {
	if se, ok := err.(*minjson.SyntaxError); ok {
		return fmt.Sprintf("error %q at %d", se.Msg, se.Offset)
	}
	if err != nil {
		return "error " + err.Error()
	}
	switch tok.Kind {
	case minjson.ArrayStart:
		return "delim ["
	case minjson.ArrayEnd:
		return "delim ]"
	case minjson.ObjectStart:
		return "delim {"
	case minjson.ObjectEnd:
		return "delim }"
	case minjson.Number:
		return "number " + tok.Text
	case minjson.String:
		return fmt.Sprintf("string %q", tok.Text)
	case minjson.Bool:
		return fmt.Sprintf("bool %v", tok.Bool)
	}
	return "<nil> <nil>"
}

// checkDiffRequest: decodeDiffRequest is stricter than json.Unmarshal (exact
// keys, no repeats, no unknown keys), so whatever envelope it accepts,
// encoding/json accepts and reads the same way.
func checkDiffRequest(t *testing.T, reason string, data []byte) {
	t.Helper()
	got, aerr := decodeDiffRequest(data)
	if aerr != nil {
		return
	}
	var want DiffRequest // RawJSON unmarshals as json.RawMessage does
	if werr := json.Unmarshal(data, &want); werr != nil {
		t.Fatalf("%s: decodeDiffRequest(%q) accepts what json.Unmarshal refuses: %v", reason, data, werr)
	}
	if want.A == nil { // a scenario with "against": A is the scenario without it
		want.A, want.B = got.A, got.B
	}
	if string(got.A) != string(want.A) || string(got.B) != string(want.B) || got.Against != want.Against {
		t.Fatalf("%s: decodeDiffRequest(%q) = %q %q %q, json.Unmarshal %q %q %q", reason, data,
			got.A, got.B, got.Against, want.A, want.B, want.Against)
	}
}

// FuzzJSONEncode: the writers agree with json.Marshal for any string (and any
// float64) in every field of every type merge writes.
func FuzzJSONEncode(f *testing.F) {
	for i, tt := range jsonStrings {
		f.Add(tt.s, float64(i)*1.25e-7, uint8(i*37))
	}
	f.Add("<\u2028>&\x00\xff", 1e21, uint8(0xff))
	f.Add("", math.Copysign(0, -1), uint8(0))
	f.Fuzz(func(t *testing.T, s string, x float64, shape uint8) {
		want := marshalString(s)
		if got := minjson.AppendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("AppendString(%q) = %s, json.Marshal = %s", s, got, want)
		}
		if got := minjson.Quote(s); got != string(want) {
			t.Fatalf("Quote(%q) = %s, json.Marshal = %s", s, got, want)
		}
		checkResultShapes(t, s, shape)
		v := Value{Kind: Object, Fields: []Field{{s, Value{Kind: String, Text: s}}, {"u", Value{Kind: Undefined}}}}
		if got, _ := v.MarshalJSON(); !json.Valid(got) {
			t.Fatalf("Value.MarshalJSON wrote invalid JSON: %s", got)
		}
	})
}

// FuzzJSONDecode: the readers accept and reject exactly what encoding/json
// does, with the same tokens, values, messages and offsets.
func FuzzJSONDecode(f *testing.F) {
	for _, tt := range jsonDocs {
		if len(tt.doc) < 1000 {
			f.Add([]byte(tt.doc))
		}
	}
	for _, s := range seedScenarios {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode(t, "fuzz", data)
	})
}

// TestWasmBuildDoesNotLinkEncodingJSON keeps encoding/json and net/http out
// of the browser build: the page must fit its 1.2 MB (brotli) transfer
// budget, and encoding/json cost 37 KB of it (measured when it was removed).
func TestWasmBuildDoesNotLinkEncodingJSON(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command: ", err)
	}
	cmd := exec.Command(gobin, "list", "-deps", "github.com/mergeplay/mergeplay/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "encoding/json" || pkg == "net/http" {
			t.Errorf("GOOS=js GOARCH=wasm go list -deps ./wasm includes %s: the browser build must not link it "+
				"(transfer budget: 1.2 MB brotli for the page; write JSON with merge/internal/minjson instead)", pkg)
		}
	}
}
