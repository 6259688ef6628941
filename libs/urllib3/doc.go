// Package urllib3 is the profile of Python's urllib3 (PoolManager.request): its ordered, cited
// rules per major, its version facts and helpers. Its fixtures are in testdata/fixtures.
package urllib3
