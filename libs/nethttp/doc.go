// Package nethttp is the profile of Go's net/http client: its ordered, cited rules per version
// range, its version facts and helpers. Its fixtures are in testdata/fixtures.
package nethttp
