// Package js is how JavaScript coerces and orders values: Number and String
// conversion, plain objects in V8 property order, URI component coding and
// String.prototype.trim. Shared by the axios, ky, got, ofetch and fetch profiles.
package js
