// Package api is mergeplay's HTTP API: resolve, diff, timeline and libraries as JSON.
// It is a plain http.Handler, tested on the host and served by the Worker.
package api

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

// MaxBody is the largest request body accepted.
const MaxBody = 64 << 10

// MaxDrain is how much of an unread request body is read and thrown away
// before answering, so that the client's kept-alive connection stays usable:
// under workerd (wrangler dev) an answer that leaves the body half-read
// breaks the connection, and the next request on it fails ("Your worker
// restarted mid-request"); Go's own server keeps the connection only when at
// most 256 KiB is left. A longer body is not read: the answer closes the
// connection instead.
const MaxDrain = 4 << 20

// New returns the API handler.
func New() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/resolve", post(resolve))
	mux.HandleFunc("/api/diff", post(diff))
	mux.HandleFunc("/api/timeline", post(timeline))
	mux.HandleFunc("/api/libraries", get(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, libs.Registry().LibrariesJSON())
	}))
	mux.HandleFunc("/healthz", get(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, []byte(`{"ok":true}`))
	}))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fail(w, http.StatusNotFound, "not_found", "no such endpoint; see /api/resolve, /api/diff, /api/timeline, /api/libraries, /healthz", "")
	})
	return drainBody(guard(cors(canonical(mux))))
}

// canonical answers a path that is not in its clean form (//api/resolve,
// /api/./diff, /api/resolve/) with a JSON 404 naming the path meant, where
// ServeMux would redirect with an HTML body.
func canonical(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if clean := path.Clean("/" + p); clean != p {
			fail(w, http.StatusNotFound, "not_found", fmt.Sprintf("no endpoint at %q: paths are written in their clean form; did you mean %q?", p, clean), "")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// drainBody makes every answer, whichever handler writes it, first read
// what is left of the request body (at most MaxDrain bytes), or close the
// connection when more is left.
func drainBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		dw := &drainingWriter{ResponseWriter: w, r: r}
		next.ServeHTTP(dw, r)
		dw.drain()
	})
}

type drainingWriter struct {
	http.ResponseWriter
	r       *http.Request
	drained bool
}

func (d *drainingWriter) WriteHeader(status int) {
	d.drain()
	d.ResponseWriter.WriteHeader(status)
}

func (d *drainingWriter) Write(b []byte) (int, error) {
	d.drain()
	return d.ResponseWriter.Write(b)
}

func (d *drainingWriter) drain() {
	if d.drained {
		return
	}
	d.drained = true
	if d.r.ContentLength > MaxDrain {
		d.Header().Set("Connection", "close")
		return
	}
	n, err := io.Copy(io.Discard, io.LimitReader(d.r.Body, MaxDrain+1))
	if err != nil || n > MaxDrain {
		d.Header().Set("Connection", "close")
	}
}

// guard turns a panic into a JSON 500 so a bad input never takes the Worker down.
func guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				fail(w, http.StatusInternalServerError, merge.CodeInternal, "internal error", "")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// cors allows any origin, without credentials, and answers preflight.
func cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Content-Type")
			h.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func get(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD, OPTIONS")
			fail(w, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" is not allowed here; use GET", "")
			return
		}
		h(w, r)
	}
}

// post checks method, content type and size, then passes the body on.
func post(h func(w http.ResponseWriter, body []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST, OPTIONS")
			fail(w, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" is not allowed here; POST a JSON body", "")
			return
		}
		// Only the media type matters; the Worker runtime may split header
		// values on commas, so take the first part.
		ct := strings.Split(r.Header.Get("Content-Type"), ",")[0]
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			fail(w, http.StatusUnsupportedMediaType, "unsupported_media_type", "send the scenario as Content-Type: application/json", "")
			return
		}
		// A declared length over the limit is refused unread; a chunked
		// body is read up to the limit. drainBody reads the rest.
		if r.ContentLength > MaxBody {
			tooLarge(w, fmt.Sprintf("the body is %d bytes", r.ContentLength))
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
		if err != nil {
			fail(w, http.StatusBadRequest, merge.CodeInvalid, "cannot read the request body: "+err.Error(), "")
			return
		}
		if len(body) > MaxBody {
			tooLarge(w, "the body is over 64 KiB")
			return
		}
		h(w, body)
	}
}

func tooLarge(w http.ResponseWriter, what string) {
	fail(w, http.StatusRequestEntityTooLarge, "too_large", what+"; the limit is 64 KiB (65536 bytes): send a smaller scenario", "")
}

func resolve(w http.ResponseWriter, body []byte) {
	res, aerr := libs.Registry().ResolveDoc(body, "")
	if aerr != nil {
		failAPI(w, aerr)
		return
	}
	b, _ := json.Marshal(res)
	writeJSON(w, http.StatusOK, b)
}

// diff takes {"a": scenario, "b": scenario}, {"a": scenario, "against": id},
// or a scenario with a top-level "against" (see merge.DiffDoc).
func diff(w http.ResponseWriter, body []byte) {
	d, aerr := libs.Registry().DiffDoc(body)
	if aerr != nil {
		failAPI(w, aerr)
		return
	}
	out, _ := json.Marshal(d)
	writeJSON(w, http.StatusOK, out)
}

// timeline takes {"scenario": scenario, "library": "httpx", "all_classes":
// false} (see merge.TimelineDoc).
func timeline(w http.ResponseWriter, body []byte) {
	t, aerr := libs.Registry().TimelineDoc(body)
	if aerr != nil {
		failAPI(w, aerr)
		return
	}
	out, _ := json.Marshal(t)
	writeJSON(w, http.StatusOK, out)
}

func failAPI(w http.ResponseWriter, e *merge.APIError) {
	status := http.StatusBadRequest
	if e.Code == merge.CodeInternal {
		status = http.StatusInternalServerError
	}
	fail(w, status, e.Code, e.Message, e.Field)
}

func fail(w http.ResponseWriter, status int, code, message, field string) {
	b, _ := json.Marshal(map[string]merge.APIError{"error": {Code: code, Message: message, Field: field}})
	writeJSON(w, status, b)
}

func writeJSON(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
