// Package resty is the profile of resty (Go): its ordered, cited rules per version
// range, its version facts and helpers. Its fixtures are in testdata/fixtures.
package resty
