// Command serve serves the built playground on loopback for `make serve`.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (loopback)")
	dir := flag.String("dir", "web", "folder to serve")
	flag.Parse()
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("serving %s on http://%s", *dir, l.Addr())
	log.Fatal(http.Serve(l, http.FileServer(http.Dir(*dir))))
}
