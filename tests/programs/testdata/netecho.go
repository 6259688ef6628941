// Dropped into the standard library's net package by tests/programs with
// go build -overlay, so that a program stays as exported: every host name
// resolves to, and every TCP connection goes to, $MERGEPLAY_ECHO (the
// conformance runner does the same with Transport.DialContext). The request
// bytes, Host included, are untouched. This directory is testdata, so Go's
// tools never build it as a package of the module.

package net

import (
	"context"
	"os"
)

func init() {
	echo := os.Getenv("MERGEPLAY_ECHO")
	if echo == "" {
		return
	}
	host, port, err := SplitHostPort(echo)
	ip := ParseIP(host)
	p, _, ok := dtoi(port)
	if err != nil || ip == nil || !ip.IsLoopback() || !ok {
		panic("MERGEPLAY_ECHO must be a loopback host:port, got " + echo)
	}
	to := &TCPAddr{IP: ip, Port: p}
	testHookLookupIP = func(ctx context.Context, _ func(context.Context, string, string) ([]IPAddr, error), _, _ string) ([]IPAddr, error) {
		return []IPAddr{{IP: ip}}, nil
	}
	testHookDialTCP = func(ctx context.Context, _ string, laddr, _ *TCPAddr) (*TCPConn, error) {
		sd := &sysDialer{network: "tcp", address: echo}
		return sd.doDialTCP(ctx, laddr, to)
	}
}
