// Package aiohttp is the profile of Python's aiohttp client (ClientSession),
// 3.8.0 to the newest 3.x, recorded at every release but the yanked 3.8.2
// (refused). 3.8.0 and 3.8.1 have no CPython 3.11 wheel: they are recorded
// as their sdists' pure-Python build, whose header writer is
// http_writer.py _py_serialize_headers, not the C one of every later wheel.
package aiohttp
