// Package axios is the profile of axios (JavaScript): its ordered, cited rules per version
// range, its version facts and helpers. Its fixtures are in testdata/fixtures.
package axios
