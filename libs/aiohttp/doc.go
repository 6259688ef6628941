// Package aiohttp is the profile of Python's aiohttp client (ClientSession),
// 3.8.3 to the newest 3.x, recorded at every release.
package aiohttp
