package api

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func bigScenario(n int) []byte {
	head := `{"mergeplay":1,"library":"httpx@0.14.2","request":{"body":"`
	return []byte(head + strings.Repeat("x", n-len(head)-3) + `"}}`)
}

// rawPost is a POST as it goes on the wire, with a Content-Length or chunked.
func rawPost(path string, body []byte, chunked bool) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n", path)
	if !chunked {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
		return b.Bytes()
	}
	b.WriteString("Transfer-Encoding: chunked\r\n\r\n")
	for rest := body; len(rest) > 0; {
		n := min(len(rest), 16<<10)
		fmt.Fprintf(&b, "%x\r\n%s\r\n", n, rest[:n])
		rest = rest[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

func roundTrip(t *testing.T, conn net.Conn, br *bufio.Reader, req []byte) (*http.Response, []byte) {
	t.Helper()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	// Write and read at once: a server that answers before reading the
	// whole body must not deadlock the test.
	werr := make(chan error, 1)
	go func() { _, err := conn.Write(req); werr <- err }()
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("no response on the kept-alive connection: %v", err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("reading the response body: %v", err)
	}
	if err := <-werr; err != nil {
		t.Fatalf("writing the request: %v", err)
	}
	return resp, body
}

// An oversize body is refused with a JSON 413, and the connection it came on
// still serves the next request: the API reads and drops the rest of the body
// (Go's server alone keeps the connection only when at most 256 KiB is left;
// workerd breaks it whenever the body is left half-read).
func TestOversizeBodyKeepsTheConnection(t *testing.T) {
	srv := httptest.NewServer(New())
	defer srv.Close()
	ok := `{"mergeplay":1,"library":"httpx@0.14.2","request":{"url":"http://a.test/"}}`
	for _, size := range []int{200_000, 1_000_000} {
		for _, chunked := range []bool{false, true} {
			name := fmt.Sprintf("%d bytes, chunked=%v", size, chunked)
			t.Run(name, func(t *testing.T) {
				conn, err := net.Dial("tcp", srv.Listener.Addr().String())
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				br := bufio.NewReader(conn)
				resp, body := roundTrip(t, conn, br, rawPost("/api/resolve", bigScenario(size), chunked))
				var e apiErr
				if resp.StatusCode != 413 || json.Unmarshal(body, &e) != nil || e.Error.Code != "too_large" ||
					resp.Header.Get("Access-Control-Allow-Origin") != "*" {
					t.Fatalf("oversize body: status %d, CORS %q, body %.200s; want a JSON 413 with CORS",
						resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"), body)
				}
				if resp.Close {
					t.Fatalf("oversize body of %d bytes: the server closed the connection; it should drain up to %d", size, MaxDrain)
				}
				for i := 0; i < 2; i++ {
					resp, body = roundTrip(t, conn, br, rawPost("/api/resolve", []byte(ok), i == 1))
					if resp.StatusCode != 200 {
						t.Fatalf("request %d after the oversize body: status %d: %.200s", i+1, resp.StatusCode, body)
					}
				}
			})
		}
	}
}

// A declared length over MaxDrain is not read at all: the answer says the
// connection closes, so the client does not send its next request into it.
func TestHugeDeclaredBodyClosesTheConnection(t *testing.T) {
	r := httptest.NewRequest("POST", "/api/resolve", io.LimitReader(neverEnding{}, MaxDrain+1))
	r.ContentLength = MaxDrain + 1
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	New().ServeHTTP(w, r)
	if w.Code != 413 || w.Header().Get("Connection") != "close" {
		t.Errorf("a %d-byte declared body: status %d, Connection %q; want 413 and close", r.ContentLength, w.Code, w.Header().Get("Connection"))
	}
	if !strings.Contains(w.Body.String(), fmt.Sprintf("the body is %d bytes", MaxDrain+1)) {
		t.Errorf("the 413 should say the declared size: %s", w.Body)
	}
}

type neverEnding struct{}

func (neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}
