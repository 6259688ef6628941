// Package whatwg is the WHATWG URL parser and URLSearchParams, as the URL
// class of Node and browsers implements them. Shared by the axios, ky, got and
// fetch profiles.
package whatwg
