// Command echo runs the conformance echo server on loopback and prints its address.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"

	"github.com/mergeplay/mergeplay/conformance/echo"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	flag.Parse()
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.Addr().String())
	log.Fatal(echo.Serve(l))
}
