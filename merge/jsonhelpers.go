package merge

import "github.com/mergeplay/mergeplay/merge/internal/minjson"

// JSON writing for profiles that model a library's own JSON encoder: the
// same hand-written writer the engine uses, so the browser build links no
// encoding/json.

// AppendJSONString appends s as a JSON string, escaped as encoding/json does,
// except that a lone surrogate (see DecodeRune) is written as its \u escape.
func AppendJSONString(b []byte, s string) []byte { return minjson.AppendString(b, s) }

// AppendJSONFloat appends f as encoding/json writes a float64; ok is false
// for NaN and ±Inf, which JSON cannot hold.
func AppendJSONFloat(b []byte, f float64) (out []byte, ok bool) { return minjson.AppendFloat(b, f) }

// AppendJSONBool appends true or false.
func AppendJSONBool(b []byte, v bool) []byte { return minjson.AppendBool(b, v) }

// ValidJSON reports whether data is one valid JSON document (JSON.parse
// would accept it).
func ValidJSON(data []byte) bool { return minjson.Valid(data) }
