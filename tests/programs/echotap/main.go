// Command echotap is the echo server of tests/programs: the conformance echo
// (conformance/echo), one fresh loopback listener per program run, with TLS
// for https URLs and a log of what each listener received.
//
//	echotap -ca FILE    writes its CA certificate (PEM) to FILE, then reads commands on stdin:
//	  open              → {"addr": "127.0.0.1:PORT"}
//	  take ADDR         → {"addr": ADDR, "records": [...], "errors": [...]} and closes the listener
//
// A connection whose first byte is a TLS handshake record is served over TLS
// with a certificate for the name the client asked for (SNI), signed by the
// CA; any other connection is plain HTTP. Either way the request is parsed and
// answered exactly as the conformance echo server does.
package main

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/mergeplay/mergeplay/conformance/echo"
)

type tap struct {
	l       net.Listener
	mu      sync.Mutex
	wg      sync.WaitGroup
	records []*echo.Record
	errors  []string
}

func main() {
	caFile := flag.String("ca", "", "where to write the CA certificate (PEM)")
	flag.Parse()
	if *caFile == "" {
		log.Fatal("echotap: -ca FILE is required")
	}
	ca, err := newCA()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.cert.Raw}), 0o644); err != nil {
		log.Fatal(err)
	}
	taps := map[string]*tap{}
	out := json.NewEncoder(os.Stdout)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		cmd, arg, _ := strings.Cut(in.Text(), " ")
		switch cmd {
		case "open":
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				log.Fatal(err)
			}
			t := &tap{l: l}
			taps[l.Addr().String()] = t
			go t.serve(ca)
			_ = out.Encode(map[string]any{"addr": l.Addr().String()})
		case "take":
			t := taps[arg]
			if t == nil {
				log.Fatalf("echotap: take %q: no such listener", arg)
			}
			delete(taps, arg)
			t.l.Close()
			t.wg.Wait()
			t.mu.Lock()
			_ = out.Encode(map[string]any{"addr": arg, "records": append([]*echo.Record{}, t.records...), "errors": append([]string{}, t.errors...)})
			t.mu.Unlock()
		default:
			log.Fatalf("echotap: unknown command %q", cmd)
		}
	}
}

func (t *tap) serve(ca *authority) {
	for {
		c, err := t.l.Accept()
		if err != nil {
			return
		}
		t.wg.Add(1)
		go func() {
			defer t.wg.Done()
			t.handle(c, ca)
		}()
	}
}

// peeked is a connection whose first bytes were read into r already.
type peeked struct {
	net.Conn
	r *bufio.Reader
}

func (p peeked) Read(b []byte) (int, error) { return p.r.Read(b) }

func (t *tap) handle(c net.Conn, ca *authority) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(30 * time.Second))
	br := bufio.NewReader(c)
	var conn net.Conn = peeked{c, br}
	// A client may connect and then raise before it writes a byte of the request (urllib3 checks
	// header values in putheader, after connecting): that connection carries no request.
	first, err := br.Peek(1)
	if err != nil {
		return
	}
	if first[0] == 0x16 {
		tc := tls.Server(conn, &tls.Config{GetCertificate: ca.leaf})
		if err := tc.Handshake(); err != nil {
			t.fail(fmt.Sprintf("TLS handshake: %v", err))
			return
		}
		conn = tc
		br = bufio.NewReader(tc)
		if _, err := br.Peek(1); err != nil {
			return
		}
	}
	// A connection closed before its first byte carried no request: aiohttp connects, then
	// raises while it serializes the headers (TypeError for a None value), so nothing arrived.
	if _, err := br.Peek(1); errors.Is(err, io.EOF) {
		return
	}
	rec, err := echo.ReadRequest(br)
	if err != nil {
		t.fail(err.Error())
		fmt.Fprintf(conn, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		return
	}
	t.mu.Lock()
	t.records = append(t.records, rec)
	t.mu.Unlock()
	// The conformance echo server's answer, byte for byte.
	b, _ := json.Marshal(rec)
	fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n%s: %s\r\nConnection: close\r\n\r\n",
		len(b), echo.RecordHeader, base64.StdEncoding.EncodeToString(b))
	if rec.Method != "HEAD" {
		_, _ = conn.Write(b)
	}
}

func (t *tap) fail(msg string) {
	t.mu.Lock()
	t.errors = append(t.errors, msg)
	t.mu.Unlock()
}

// authority signs a certificate for each server name on demand.
type authority struct {
	cert  *x509.Certificate
	key   *ecdsa.PrivateKey
	mu    sync.Mutex
	cache map[string]*tls.Certificate
}

func newCA() (*authority, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "mergeplay tests/programs CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return &authority{cert: cert, key: key, cache: map[string]*tls.Certificate{}}, err
}

func (a *authority) leaf(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
	name := hello.ServerName
	a.mu.Lock()
	defer a.mu.Unlock()
	if c := a.cache[name]; c != nil {
		return c, nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		// Without SNI the client connected to an IP address, which the redirect hides.
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	if name != "" {
		tmpl.DNSNames = []string{name}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, a.cert, &key.PublicKey, a.key)
	if err != nil {
		return nil, err
	}
	c := &tls.Certificate{Certificate: [][]byte{der, a.cert.Raw}, PrivateKey: key}
	a.cache[name] = c
	return c, nil
}
