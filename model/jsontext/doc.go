// Package jsontext writes a scenario value as JSON the way a language's
// encoder spells it (Python's json.dumps, JavaScript's JSON.stringify).
// Shared by the Python and JavaScript profiles.
package jsontext
