// Package punycode is RFC 3492 encoding, for IDNA host names. Shared by
// the requests profile and package gohttp.
package punycode
