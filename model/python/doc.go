// Package python is how Python spells and prints the values a scenario
// carries: repr, str, type names, float repr and the dict json.loads builds.
// Shared by the requests and httpx profiles.
package python
