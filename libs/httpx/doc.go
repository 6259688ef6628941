// Package httpx is the profile of httpx (Python): its ordered, cited rules per version
// range, its version facts and helpers. Its fixtures are in testdata/fixtures.
package httpx
