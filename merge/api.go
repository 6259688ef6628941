package merge

import (
	"errors"
	"fmt"

	"github.com/mergeplay/mergeplay/merge/internal/minjson"
)

// APIError is the error shape every entry point (CLI, WASM, Worker) returns.
type APIError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func (e *APIError) Error() string { return e.Message }

// Error codes.
const (
	CodeInvalid  = "invalid_scenario"
	CodeLibrary  = "unknown_library"
	CodeInternal = "internal"
)

func toAPIError(err error) *APIError {
	var ie *InvalidError
	var le *LibraryError
	switch {
	case errors.As(err, &ie):
		return &APIError{Code: CodeInvalid, Message: ie.Error(), Field: ie.Field}
	case errors.As(err, &le):
		return &APIError{Code: CodeLibrary, Message: le.Error(), Field: "library"}
	}
	return &APIError{Code: CodeInternal, Message: err.Error()}
}

// guard turns a panic into an internal APIError so no entry point can crash.
func guard(err **APIError) {
	if r := recover(); r != nil {
		*err = &APIError{Code: CodeInternal, Message: fmt.Sprintf("internal error: %v", r)}
	}
}

// ResolveDoc parses a scenario document and resolves it. library, if set,
// overrides the document's library.
func (r *Registry) ResolveDoc(doc []byte, library string) (*Result, *APIError) {
	if r.memo != nil {
		if e, ok := r.memo.get(doc, library); ok {
			return e.res, e.err
		}
	}
	res, aerr := r.resolveDoc(doc, library)
	if r.memo != nil {
		r.memo.put(memoEntry{string(doc), library, res, aerr})
	}
	return res, aerr
}

func (r *Registry) resolveDoc(doc []byte, library string) (*Result, *APIError) {
	sc, aerr := parseDoc(doc, library)
	if aerr != nil {
		return nil, aerr
	}
	return r.resolveParsed(sc)
}

// parseDoc is ParseScenario with its error (or a panic) as an APIError.
func parseDoc(doc []byte, library string) (sc *Scenario, aerr *APIError) {
	defer guard(&aerr)
	sc, err := ParseScenario(doc, library)
	if err != nil {
		return nil, toAPIError(err)
	}
	return sc, nil
}

// resolveParsed is Resolve with its error (or a panic) as an APIError.
func (r *Registry) resolveParsed(sc *Scenario) (res *Result, aerr *APIError) {
	defer guard(&aerr)
	res, err := r.Resolve(sc)
	if err != nil {
		return nil, toAPIError(err)
	}
	return res, nil
}

// DiffRequest is the input of a diff: two scenarios, or one scenario resolved
// against another library.
type DiffRequest struct {
	A       RawJSON `json:"a"`
	B       RawJSON `json:"b,omitempty"`
	Against string  `json:"against,omitempty"`
}

// DiffDocs resolves both sides and compares them. With against set, b is
// the same scenario as a under that library.
func (r *Registry) DiffDocs(a, b []byte, against string) (d *Diff, aerr *APIError) {
	defer guard(&aerr)
	ra, e := r.ResolveDoc(a, "")
	if e != nil {
		e.Field = prefixField("a", e.Field)
		return nil, e
	}
	var rb *Result
	if against != "" {
		rb, e = r.ResolveDoc(a, against)
	} else {
		rb, e = r.ResolveDoc(b, "")
	}
	if e != nil {
		e.Field = prefixField("b", e.Field)
		return nil, e
	}
	return DiffResults(ra.Library, ra, rb.Library, rb), nil
}

func prefixField(side, field string) string {
	if field == "" {
		return side
	}
	return side + "." + field
}

// JSON entry points for WASM and the Worker: bytes in, bytes out, never panics.

// ResolveJSON returns the result, or {"error": {...}}.
func (r *Registry) ResolveJSON(doc []byte) []byte {
	res, err := r.ResolveDoc(doc, "")
	if err != nil {
		return errorJSON(err)
	}
	return appendResult(res)
}

// DiffDoc decodes a diff's input, {"a": scenario, "b": scenario},
// {"a": scenario, "against": "lib@ver"} or a scenario with a top-level
// "against", and diffs it. Every error names its field.
func (r *Registry) DiffDoc(doc []byte) (d *Diff, aerr *APIError) {
	defer guard(&aerr)
	req, aerr := decodeDiffRequest(doc)
	if aerr != nil {
		return nil, aerr
	}
	return r.DiffDocs(req.A, req.B, req.Against)
}

// DiffJSON is DiffDoc's result or error as JSON.
func (r *Registry) DiffJSON(doc []byte) []byte {
	d, aerr := r.DiffDoc(doc)
	if aerr != nil {
		return errorJSON(aerr)
	}
	return d.appendJSON(nil)
}

// LibrariesJSON lists the profiles.
func (r *Registry) LibrariesJSON() []byte { return appendList(nil, r.Libraries(), appendProfileInfo) }

// errorJSON is {"error": e}.
func errorJSON(e *APIError) []byte {
	return append(e.appendJSON([]byte(`{"error":`)), '}')
}

// MaxEach bounds ResolveEachJSON's libraries (as many as a batch of calls).
const MaxEach = 256

// ResolveEachJSON resolves one scenario in each of several libraries — the
// compare-all table — from {"scenario": {...}, "libraries": ["requests@2.32.3",
// ...]}: a JSON array with, for each library, exactly what ResolveJSON gives
// for the scenario with that library, for a single parse of the scenario.
// An envelope that is not of that shape is one error object, not an array.
func (r *Registry) ResolveEachJSON(doc []byte) (out []byte) {
	bad := func(field, msg string) []byte {
		return errorJSON(&APIError{Code: CodeInvalid, Message: field + ": " + msg, Field: field})
	}
	const form = `give {"scenario": scenario, "libraries": ["library@version", ...]}`
	if len(doc) > MaxInputBytes {
		return bad("(root)", fmt.Sprintf("document is %d bytes; the limit is %d", len(doc), MaxInputBytes))
	}
	if err := minjson.Check(doc); err != nil {
		return bad("(root)", err.Error())
	}
	if minjson.KindOf(doc) != minjson.ObjectStart {
		return bad("(root)", form)
	}
	var scenario []byte
	var libraries []string
	haveLibraries := false
	for _, m := range minjson.Members(doc) {
		switch m.Key {
		case "scenario":
			if scenario != nil {
				return bad("scenario", "duplicate key; JSON objects here must not repeat a key")
			}
			scenario = m.Value
		case "libraries":
			if haveLibraries {
				return bad("libraries", "duplicate key; JSON objects here must not repeat a key")
			}
			haveLibraries = true
			v, err := DecodeValue(m.Value)
			if err != nil || v.Kind != Array {
				return bad("libraries", `must be an array of "library@version" strings`)
			}
			if len(v.Items) > MaxEach {
				return bad("libraries", fmt.Sprintf("has %d entries; the limit is %d", len(v.Items), MaxEach))
			}
			for i, it := range v.Items {
				if it.Kind != String || it.Text == "" {
					return bad(fmt.Sprintf("libraries[%d]", i), `must be a "library@version" string, such as "httpx@0.28.1"`)
				}
				libraries = append(libraries, it.Text)
			}
		default:
			return bad(childPath("", m.Key), "unknown field; "+form)
		}
	}
	if scenario == nil || !haveLibraries {
		return bad("(root)", form)
	}
	if len(libraries) == 0 {
		return append(out, '[', ']')
	}
	// Room for a typical answer per library (1.6 KB each for the gallery's
	// first example; at most MaxEach libraries), so that the table's buffer
	// rarely grows: growing it was a third of the bytes a 14-library table
	// allocated.
	out = append(make([]byte, 0, len(libraries)*2048), '[')
	// One parse, under the first library's name; each resolve gets a copy
	// named for its own library, as ParseScenario's override would.
	sc, perr := parseDoc(scenario, libraries[0])
	for i, lib := range libraries {
		if i > 0 {
			out = append(out, ',')
		}
		if perr != nil {
			out = append(out, errorJSON(perr)...)
			continue
		}
		at := *sc
		at.Library = lib
		if res, aerr := r.resolveParsed(&at); aerr != nil {
			out = append(out, errorJSON(aerr)...)
		} else {
			out = res.appendJSON(out)
		}
	}
	return append(out, ']')
}

// appendResult is res as JSON, with room for a typical result so that the
// buffer rarely grows.
func appendResult(res *Result) []byte {
	size := 1024 + 256*len(res.Trace)
	if res.Request != nil {
		size += 2 * len(res.Request.Body)
	}
	return res.appendJSON(make([]byte, 0, size))
}
