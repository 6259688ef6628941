// Package got is the profile of got (JavaScript): its ordered, cited rules per version
// range, its version facts and helpers. Its fixtures are in testdata/fixtures.
package got
