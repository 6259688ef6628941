// Package echo is a raw-TCP HTTP/1.1 echo server for conformance recording: it
// records the request exactly as it arrived on the wire and sends that record back.
//
// It parses by hand, not with net/http, so header casing, order and duplicates survive.
package echo

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Record is one request as received. Headers keep wire order and casing.
type Record struct {
	Method     string      `json:"method"`
	Target     string      `json:"target"`
	Proto      string      `json:"proto"`
	Headers    [][2]string `json:"headers"`
	Body       string      `json:"body"`
	BodyBase64 bool        `json:"body_base64,omitempty"`
}

const maxHead = 1 << 20

// RecordHeader carries the base64 JSON record in every response, for HEAD.
const RecordHeader = "X-Mergeplay-Record"

// ReadRequest parses one HTTP/1.x request from r, de-chunking a chunked body.
func ReadRequest(r *bufio.Reader) (*Record, error) {
	line, err := readLine(r)
	if err != nil {
		return nil, err
	}
	parts := strings.SplitN(line, " ", 3)
	if len(parts) != 3 {
		return nil, fmt.Errorf("malformed request line %q", line)
	}
	rec := &Record{Method: parts[0], Target: parts[1], Proto: parts[2], Headers: [][2]string{}}
	size := len(line)
	for {
		h, err := readLine(r)
		if err != nil {
			return nil, err
		}
		if h == "" {
			break
		}
		size += len(h)
		if size > maxHead {
			return nil, errors.New("request head too large")
		}
		name, value, ok := strings.Cut(h, ":")
		if !ok {
			return nil, fmt.Errorf("malformed header line %q", h)
		}
		rec.Headers = append(rec.Headers, [2]string{latin1IfNotUTF8(name), latin1IfNotUTF8(strings.Trim(value, " \t"))})
	}
	body, err := readBody(r, rec.Headers)
	if err != nil {
		return nil, err
	}
	if utf8.Valid(body) {
		rec.Body = string(body)
	} else {
		rec.Body = base64.StdEncoding.EncodeToString(body)
		rec.BodyBase64 = true
	}
	return rec, nil
}

// latin1IfNotUTF8 keeps UTF-8 text as is and reads other bytes as Latin-1
// (each byte one code point), so a library that sends Latin-1 header bytes is
// recorded faithfully instead of as U+FFFD.
func latin1IfNotUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

func readLine(r *bufio.Reader) (string, error) {
	s, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r"), nil
}

func header(hs [][2]string, name string) (string, bool) {
	for _, h := range hs {
		if strings.EqualFold(h[0], name) {
			return h[1], true
		}
	}
	return "", false
}

func readBody(r *bufio.Reader, hs [][2]string) ([]byte, error) {
	if te, ok := header(hs, "Transfer-Encoding"); ok && strings.Contains(strings.ToLower(te), "chunked") {
		var body bytes.Buffer
		for {
			line, err := readLine(r)
			if err != nil {
				return nil, err
			}
			sz, _, _ := strings.Cut(line, ";")
			n, err := strconv.ParseInt(strings.TrimSpace(sz), 16, 64)
			if err != nil || n < 0 || n > maxHead {
				return nil, fmt.Errorf("bad chunk size %q", line)
			}
			if n == 0 {
				for { // trailers
					t, err := readLine(r)
					if err != nil || t == "" {
						return body.Bytes(), err
					}
				}
			}
			if _, err := io.CopyN(&body, r, n); err != nil {
				return nil, err
			}
			if _, err := readLine(r); err != nil {
				return nil, err
			}
		}
	}
	if cl, ok := header(hs, "Content-Length"); ok {
		n, err := strconv.ParseInt(strings.TrimSpace(cl), 10, 64)
		if err != nil || n < 0 || n > maxHead {
			return nil, fmt.Errorf("bad Content-Length %q", cl)
		}
		b := make([]byte, n)
		_, err = io.ReadFull(r, b)
		return b, err
	}
	return nil, nil
}

// Serve accepts connections on l until it is closed. Each request is answered
// with 200 and its Record as JSON; the connection is then closed.
func Serve(l net.Listener) error {
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(c)
	}
}

func handle(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(30 * time.Second))
	rec, err := ReadRequest(bufio.NewReader(c))
	if err != nil {
		fmt.Fprintf(c, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		return
	}
	b, _ := json.Marshal(rec)
	// A HEAD response has no body, so the record also travels in a header.
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n%s: %s\r\nConnection: close\r\n\r\n",
		len(b), RecordHeader, base64.StdEncoding.EncodeToString(b))
	if rec.Method != "HEAD" {
		_, _ = c.Write(b)
	}
}
