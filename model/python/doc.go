// Package python is how Python spells and prints the values a scenario
// carries: repr, str, type names, float repr and the dict json.loads builds.
// Shared by the Python libraries' profiles (requests, httpx, urllib3, aiohttp).
package python
