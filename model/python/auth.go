package python

import "github.com/mergeplay/mergeplay/merge"

// NativeAuth mirrors the Python runner's native_auth: "" when an auth value can be passed to
// lib (not a dict, or exactly {"username","password"}), else why it cannot: lib has no
// bearer-token option, or the dict has other keys. Scenarios cannot repeat a key, so two
// fields named username and password are that set.
func NativeAuth(v merge.Value, where, lib string) string {
	if v.Kind != merge.Object {
		return ""
	}
	if v.Get("bearer").Present() {
		return where + ".bearer: " + lib + " has no bearer-token auth option"
	}
	if len(v.Fields) == 2 && v.Get("username").Present() && v.Get("password").Present() {
		return ""
	}
	return where + ` must be {"username","password"} or {"bearer"}`
}
