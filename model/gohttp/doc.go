// Package gohttp models Go's net/http client: the Go runner's binding, the
// *http.Request being built, canonical header keys, cookies, basic auth and
// the wire writer. Shared by the net/http and resty profiles.
package gohttp
