// Package form is application/x-www-form-urlencoded escaping with a
// language's safe set (Python quote_plus, WHATWG URLSearchParams).
// Shared by the requests and httpx profiles and by package whatwg.
package form
