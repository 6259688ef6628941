// Package undici is what Node's fetch (undici 6, as Node 20.20.2 bundles it) does with a
// request a library hands it: the Headers list, the Request constructor's checks and the
// headers fetch adds and the HTTP/1.1 writer sends. Used by the ofetch profile.
package undici
