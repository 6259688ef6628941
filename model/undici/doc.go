// Package undici is what Node's fetch (undici 6 and 7, as Node 20, 22 and 24 bundle it) does
// with a request a library hands it: the Headers list, the Request constructor's checks and
// the headers fetch adds and the HTTP/1.1 writer sends. Used by the fetch, ky and ofetch
// profiles, each citing the undici tag of its own Node release (Cite).
package undici
