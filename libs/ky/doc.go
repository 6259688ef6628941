// Package ky is the profile of ky (JavaScript): its ordered, cited rules per version
// range, its version facts and helpers. Its fixtures are in testdata/fixtures.
package ky
