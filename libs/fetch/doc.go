// Package fetch is the profile of Node's fetch (undici): its ordered, cited rules per version
// range, its version facts and helpers. Its fixtures are in testdata/fixtures.
package fetch
