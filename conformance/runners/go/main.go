// Command gorunner is the conformance runner for Go's net/http and go-resty v2: it
// drives the real libraries against the echo server, as conformance/README.md describes.
//
// Usage: gorunner <library@version>   (stdin: cases JSON array; stdout: results JSON array)
// Exit status: 0 done; 2 unknown library id or bad usage; 1 anything else (bad input,
// echo server unreachable or not answering 200 with JSON, toolchain/library version mismatch).
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// runner sends one scenario with a fresh client and returns the echo record.
// An *unsupportedError means the scenario cannot be expressed; any other error is
// the library's.
type runner func(ctx context.Context, sc *Value, echo string) (json.RawMessage, error)

var libraries = map[string]struct {
	run     runner
	version string // what the linked library reports; must match the id
}{
	"net/http@1.26.8": {runNetHTTP, "go1.26.8"},
	"resty@2.17.2":    {runResty, "2.17.2"},
}

// linkedModule is the version of a module this binary was built with, without the "v".
func linkedModule(path string) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == path {
				return strings.TrimPrefix(d.Version, "v")
			}
		}
	}
	return ""
}

func actualVersion(id string) string {
	if strings.HasPrefix(id, "net/http@") {
		return runtime.Version()
	}
	return resty.Version
}

type testCase struct {
	Name     string          `json:"name"`
	Scenario json.RawMessage `json:"scenario"`
}

type result struct {
	Name    string          `json:"name"`
	Outcome string          `json:"outcome"`
	Wire    json.RawMessage `json:"wire,omitempty"`
	Error   *errorInfo      `json:"error,omitempty"`
	Reason  string          `json:"reason,omitempty"`
}

type errorInfo struct {
	Type    string `json:"type"`
	Message string `json:"message"`
}

// unsupportedError says the scenario uses something the library cannot express.
type unsupportedError struct{ reason string }

func (e *unsupportedError) Error() string { return e.reason }

func unsupportedf(format string, args ...any) error {
	return &unsupportedError{fmt.Sprintf(format, args...)}
}

// fatalError is a failure of the recording setup, not of the library.
type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gorunner <library@version>")
		os.Exit(2)
	}
	id := os.Args[1]
	lib, ok := libraries[id]
	if !ok {
		// A binary that setup built for another release (make record-all) runs that
		// release only: the one it links.
		// The module version, not resty.Version: v2.9.0, v2.11.0 and v2.13.0 report the
		// previous release's constant (and send it in User-Agent).
		switch {
		case id == "resty@"+linkedModule("github.com/go-resty/resty/v2"):
			lib, ok = libraries["resty@2.17.2"], true
			lib.version = resty.Version
		case id == "net/http@"+strings.TrimPrefix(runtime.Version(), "go"):
			lib, ok = libraries["net/http@1.26.8"], true
			lib.version = runtime.Version()
		}
	}
	if !ok {
		known := make([]string, 0, len(libraries))
		for k := range libraries {
			known = append(known, k)
		}
		fmt.Fprintf(os.Stderr, "gorunner: unknown library %q; this runner has %s\n", id, strings.Join(slices.Sorted(slices.Values(known)), ", "))
		os.Exit(2)
	}
	if v := actualVersion(id); v != lib.version {
		fail(fmt.Errorf("library %s: linked version is %s, not %s", id, v, lib.version))
	}
	echo := os.Getenv("MERGEPLAY_ECHO")
	if err := checkEcho(echo); err != nil {
		fail(err)
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	var cases []testCase
	if err := json.Unmarshal(in, &cases); err != nil {
		fail(fmt.Errorf("stdin: %w", err))
	}
	out := make([]result, 0, len(cases))
	for i, c := range cases {
		out = append(out, runCase(lib.run, c, echo, i))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gorunner:", err)
	os.Exit(1)
}

func checkEcho(echo string) error {
	host, _, err := net.SplitHostPort(echo)
	if err != nil {
		return fmt.Errorf("MERGEPLAY_ECHO=%q: want 127.0.0.1:<port>: %v", echo, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("MERGEPLAY_ECHO=%q: not a loopback address", echo)
	}
	return nil
}

func runCase(run runner, c testCase, echo string, i int) result {
	r := result{Name: c.Name}
	sc, err := decodeOrdered(c.Scenario)
	if err != nil {
		fail(fmt.Errorf("case %d %q: scenario: %w", i, c.Name, err))
	}
	if sc.Kind != Object {
		fail(fmt.Errorf("case %d %q: scenario is not an object", i, c.Name))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	wire, err := func() (w json.RawMessage, err error) {
		if err := checkFields(sc, "scenario", "mergeplay", "library", "client", "request"); err != nil {
			return nil, err
		}
		return run(ctx, sc, echo)
	}()
	var unsup *unsupportedError
	var fatal *fatalError
	switch {
	case err == nil:
		r.Outcome, r.Wire = "sent", wire
	case errors.As(err, &unsup):
		r.Outcome, r.Reason = "unsupported", unsup.reason
	case errors.As(err, &fatal):
		fail(fmt.Errorf("case %d %q: %w", i, c.Name, fatal.err))
	default:
		r.Outcome, r.Error = "error", &errorInfo{Type: errorType(err), Message: err.Error()}
	}
	return r
}

// errorType names an error by its concrete Go type without the pointer star
// ("errors.errorString", "url.InvalidHostError", "http.MaxBytesError"). A *url.Error
// (the wrapper Client.Do and url.Parse put around everything) is named by the type
// of what it wraps; the message keeps the wrapper's text.
func errorType(err error) string {
	if ue, ok := err.(*url.Error); ok && ue.Err != nil {
		err = ue.Err
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", err), "*")
}

// readWire checks the echo server's answer and returns its JSON record.
// A HEAD answer has no body; the record then comes from the X-Mergeplay-Record header.
func readWire(status int, header http.Header, body []byte) (json.RawMessage, error) {
	if len(body) == 0 {
		body, _ = base64.StdEncoding.DecodeString(header.Get("X-Mergeplay-Record"))
	}
	if status != 200 {
		return nil, &fatalError{fmt.Errorf("echo server answered %d (it could not parse the request)", status)}
	}
	if !json.Valid(body) {
		return nil, &fatalError{fmt.Errorf("echo server answer is not JSON: %.200q", body)}
	}
	return json.RawMessage(body), nil
}

// dialEcho connects every socket to the echo server, whatever host and port the
// request names; the request bytes (Host included) are unchanged.
func dialEcho(echo string) func(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	return func(ctx context.Context, _, _ string) (net.Conn, error) {
		return d.DialContext(ctx, "tcp", echo)
	}
}

// checkFields reports an unsupported field of obj (an object) at where.
func checkFields(obj *Value, where string, allowed ...string) error {
	for _, m := range obj.Obj {
		ok := false
		for _, a := range allowed {
			ok = ok || m.Key == a
		}
		if !ok {
			return unsupportedf("%s.%s is not part of this binding", where, m.Key)
		}
	}
	return nil
}

// object returns the object at parent[key]: nil when absent; unsupported for
// null/undefined (Go has neither for a whole option) and for other kinds.
func object(parent *Value, key, where string) (*Value, error) {
	v := parent.Get(key)
	if v == nil {
		return nil, nil
	}
	switch v.Kind {
	case Object:
		return v, nil
	case Null:
		return nil, unsupportedf("%s: Go has no null for a whole option; omit it", where)
	case Undefined:
		return nil, unsupportedf("%s: Go has no undefined", where)
	}
	return nil, unsupportedf("%s: expected an object, got %s", where, v.Kind)
}

// str returns the string at parent[key] (ok=false when absent).
func str(parent *Value, key, where string) (s string, ok bool, err error) {
	v := parent.Get(key)
	if v == nil {
		return "", false, nil
	}
	switch v.Kind {
	case String:
		return v.Str, true, nil
	case Null:
		return "", false, unsupportedf("%s: Go has no null here (the API takes a string); omit it", where)
	case Undefined:
		return "", false, unsupportedf("%s: Go has no undefined", where)
	}
	return "", false, unsupportedf("%s: expected a string, got %s", where, v.Kind)
}

// entry is one key of headers/params/cookies, in document order.
type entry struct {
	key   string
	null  bool     // JSON null: a nil value slice (key present, no values)
	multi bool     // JSON array
	vals  []string // one value unless multi
}

// entries reads a headers/params/cookies object. Only strings (and, where
// arrays is true, arrays of strings) and null are Go values here: Go's APIs take
// strings and never convert numbers or booleans.
func entries(obj *Value, where string, arrays, null bool) ([]entry, error) {
	out := make([]entry, 0, len(obj.Obj))
	for _, m := range obj.Obj {
		at := fmt.Sprintf("%s[%q]", where, m.Key)
		e := entry{key: m.Key}
		switch m.Val.Kind {
		case String:
			e.vals = []string{m.Val.Str}
		case Null:
			if !null {
				return nil, unsupportedf("%s: Go has no null here; a cookie cannot be removed", at)
			}
			e.null = true
		case Array:
			if !arrays {
				return nil, unsupportedf("%s: an array is not bound here", at)
			}
			e.multi, e.vals = true, []string{}
			for i, x := range m.Val.Arr {
				if x.Kind != String {
					return nil, unsupportedf("%s[%d]: Go takes only strings here (no conversion of a %s)", at, i, x.Kind)
				}
				e.vals = append(e.vals, x.Str)
			}
		case Undefined:
			return nil, unsupportedf("%s: Go has no undefined", at)
		default:
			return nil, unsupportedf("%s: Go takes only strings here (no conversion of a %s)", at, m.Val.Kind)
		}
		out = append(out, e)
	}
	return out, nil
}

// authSpec is scenario auth: Basic credentials or a bearer token.
type authSpec struct {
	basic              bool
	username, password string
	bearer             string
}

func readAuth(parent *Value, where string) (*authSpec, error) {
	a, err := object(parent, "auth", where)
	if a == nil || err != nil {
		return nil, err
	}
	if a.Get("bearer") != nil {
		if err := checkFields(a, where, "bearer"); err != nil {
			return nil, err
		}
		t, _, err := str(a, "bearer", where+".bearer")
		return &authSpec{bearer: t}, err
	}
	if err := checkFields(a, where, "username", "password"); err != nil {
		return nil, err
	}
	u, okU, err := str(a, "username", where+".username")
	if err != nil {
		return nil, err
	}
	p, okP, err := str(a, "password", where+".password")
	if err != nil {
		return nil, err
	}
	if !okU || !okP {
		return nil, unsupportedf("%s: want {\"username\", \"password\"} or {\"bearer\"}", where)
	}
	return &authSpec{basic: true, username: u, password: p}, nil
}

// callArgs reads what both bindings need to make the call: request.via must
// be absent or name the one call method the binding uses (via; call is its
// full name for the message), the method defaults to GET, and the URL is
// taken as given.
func callArgs(rq *Value, lib, via, call string) (method, target string, err error) {
	if v, ok, err := str(rq, "via", "request.via"); err != nil {
		return "", "", err
	} else if ok && v != via {
		return "", "", unsupportedf("request.via %q: the %s binding sends with %s only", v, lib, call)
	}
	method, ok, err := str(rq, "method", "request.method")
	if err != nil {
		return "", "", err
	}
	if !ok {
		method = "GET"
	}
	target, _, err = str(rq, "url", "request.url")
	return method, target, err
}
