package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// okScenario is a small valid scenario; bigBody is a scenario document far
// over the API's 64 KiB limit (n bytes).
const okScenario = `{"mergeplay":1,"library":"httpx@0.14.2","request":{"url":"http://a.test/"}}`

func bigBody(n int) []byte {
	head := `{"mergeplay":1,"library":"httpx@0.14.2","request":{"body":"`
	return []byte(head + strings.Repeat("x", n-len(head)-3) + `"}}`)
}

// rawRequest is one HTTP/1.1 request on a kept-alive connection: with a
// Content-Length, or chunked (in 16 KiB chunks, as a streaming client sends).
func rawRequest(method, path string, body []byte, chunked bool, hdr ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n", method, path)
	for i := 0; i+1 < len(hdr); i += 2 {
		fmt.Fprintf(&b, "%s: %s\r\n", hdr[i], hdr[i+1])
	}
	switch {
	case chunked:
		b.WriteString("Transfer-Encoding: chunked\r\n\r\n")
		for rest := body; len(rest) > 0; {
			n := min(len(rest), 16<<10)
			fmt.Fprintf(&b, "%x\r\n%s\r\n", n, rest[:n])
			rest = rest[n:]
		}
		b.WriteString("0\r\n\r\n")
	case body != nil:
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
		b.Write(body)
	default:
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

type rawStep struct {
	reason string
	req    []byte
	status int
}

// oversizeSteps sends bodies over the limit (200 KB and 1 MB, with and
// without a length) on one connection, each followed by ordinary requests
// that must still be answered on that same connection.
func oversizeSteps() []rawStep {
	jsonCT := []string{"Content-Type", "application/json"}
	ok := rawStep{"a valid POST after it", rawRequest("POST", "/api/resolve", []byte(okScenario), false, jsonCT...), 200}
	var steps []rawStep
	for _, size := range []int{200_000, 1_000_000} {
		for _, chunked := range []bool{false, true} {
			form := "with Content-Length"
			if chunked {
				form = "chunked"
			}
			steps = append(steps,
				rawStep{fmt.Sprintf("%d bytes %s is 413", size, form), rawRequest("POST", "/api/resolve", bigBody(size), chunked, jsonCT...), 413},
				ok)
		}
	}
	return append(steps,
		rawStep{"an oversize body on an unknown path is 404", rawRequest("POST", "/nope", bigBody(200_000), false, jsonCT...), 404},
		rawStep{"a preflight after it", rawRequest("OPTIONS", "/api/resolve", nil, false, "Origin", "https://docs.example", "Access-Control-Request-Method", "POST"), 204},
		rawStep{"an oversize PUT is 405", rawRequest("PUT", "/api/diff", bigBody(200_000), true, jsonCT...), 405},
		rawStep{"a GET after it", rawRequest("GET", "/api/libraries", nil, false), 200},
		rawStep{"a GET of / after it", rawRequest("GET", "/", nil, false), 404},
	)
}

// runRawSteps plays steps on one connection and reports every failure.
func runRawSteps(addr string, steps []rawStep) []string {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return []string{err.Error()}
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	var bad []string
	for i, s := range steps {
		conn.SetDeadline(time.Now().Add(30 * time.Second))
		if _, err := conn.Write(s.req); err != nil {
			return append(bad, fmt.Sprintf("step %d (%s): write: %v", i, s.reason, err))
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			return append(bad, fmt.Sprintf("step %d (%s): no response on the kept-alive connection: %v", i, s.reason, err))
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if problem := checkAnswer(resp, body, err, s.status); problem != "" {
			bad = append(bad, fmt.Sprintf("step %d (%s): %s", i, s.reason, problem))
		}
		if resp.Close {
			return append(bad, fmt.Sprintf("step %d (%s): the server closed the connection", i, s.reason))
		}
	}
	return bad
}

// checkAnswer: the status wanted, CORS on every answer, a JSON error body on every error.
func checkAnswer(resp *http.Response, body []byte, err error, status int) string {
	var e struct {
		Error *struct{ Code, Message string } `json:"error"`
	}
	switch {
	case err != nil:
		return fmt.Sprintf("reading the body: %v", err)
	case resp.StatusCode != status:
		return fmt.Sprintf("status %d, want %d: %.200s", resp.StatusCode, status, body)
	case resp.Header.Get("Access-Control-Allow-Origin") != "*":
		return fmt.Sprintf("status %d without CORS", resp.StatusCode)
	case status >= 400 && (json.Unmarshal(body, &e) != nil || e.Error == nil || e.Error.Message == ""):
		return fmt.Sprintf("status %d, body is not a JSON error: %.200s", resp.StatusCode, body)
	}
	return ""
}

// pathSteps are request targets Go's HTTP client cannot send: the Worker
// glue's url.Parse refuses them, which the entry (wasm/worker/entry.mjs)
// answers, and the connection stays usable after.
func pathSteps() []rawStep {
	return []rawStep{
		{"a bad escape in the path is a JSON 400", rawRequest("GET", "/api/%ZZ", nil, false), 400},
		{"a bad escape on POST", rawRequest("POST", "/api/resolve%", []byte(okScenario), false, "Content-Type", "application/json"), 400},
		{"a GET after them", rawRequest("GET", "/api/libraries", nil, false), 200},
		{"a doubled slash is a JSON 404", rawRequest("GET", "//api/libraries", nil, false), 404},
	}
}

func testOversize(base string) bool {
	bad := runRawSteps(strings.TrimPrefix(base, "http://"), append(pathSteps(), oversizeSteps()...))
	for _, b := range bad {
		log.Print("oversize: " + b)
	}
	if len(bad) == 0 {
		log.Printf("%d oversize bodies and the requests after them on one kept-alive connection answered as expected", len(oversizeSteps()))
	}
	return len(bad) > 0
}

// mixResult counts what an oversize mix run saw.
type mixResult struct {
	valid, validFailed, big, bigFailed int
	lat                                []time.Duration // of the valid requests
	failures                           []string
}

// runMix sends n requests from conc clients with kept-alive connections; one
// in 20 is a 200 KB body (alternately with and without a Content-Length),
// which must be 413; every other one is a valid scenario, which must be 200.
func runMix(base string, n, conc int, body []byte) mixResult {
	tr := &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	big := bigBody(200_000)
	var mu sync.Mutex
	var res mixResult
	forEach(n, conc, func(i int) {
		oversize := i%20 == 19
		var rd io.Reader = bytes.NewReader(body)
		want := 200
		if oversize {
			want = 413
			rd = bytes.NewReader(big)
			if i%40 == 39 {
				rd = io.MultiReader(bytes.NewReader(big)) // no length: sent chunked
			}
		}
		t0 := time.Now()
		resp, err := client.Post(base+"/api/resolve", "application/json", rd)
		var problem string
		if err != nil {
			problem = err.Error()
		} else {
			b, rerr := io.ReadAll(resp.Body)
			resp.Body.Close()
			problem = checkAnswer(resp, b, rerr, want)
		}
		d := time.Since(t0)
		mu.Lock()
		defer mu.Unlock()
		if oversize {
			res.big++
		} else {
			res.valid++
			res.lat = append(res.lat, d)
		}
		if problem != "" {
			if oversize {
				res.bigFailed++
			} else {
				res.validFailed++
			}
			if len(res.failures) < 5 {
				res.failures = append(res.failures, fmt.Sprintf("request %d: %s", i, problem))
			}
		}
	})
	return res
}

// testMix is the bounded part of the mix that `make test` runs.
func testMix(base string, n, conc int) bool {
	start := time.Now()
	r := runMix(base, n, conc, []byte(okScenario))
	log.Printf("oversize mix: %d requests from %d kept-alive clients in %s: %d/%d valid failed, %d/%d oversize not a 413",
		n, conc, time.Since(start).Round(time.Millisecond), r.validFailed, r.valid, r.bigFailed, r.big)
	for _, f := range r.failures {
		log.Print("oversize mix: " + f)
	}
	return r.validFailed+r.bigFailed > 0
}
