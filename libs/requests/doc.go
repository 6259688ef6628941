// Package requests is the profile of requests (Python): its ordered, cited rules per version
// range, its version facts and helpers. Its fixtures are in testdata/fixtures.
package requests
