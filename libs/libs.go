// Package libs is the one list of every library mergeplay models: the CLI,
// the WASM engine, the Worker, the site build and the tests all resolve
// scenarios through Registry.
package libs

import (
	"github.com/mergeplay/mergeplay/libs/all"
	"github.com/mergeplay/mergeplay/merge"
)

// registry is built once; its profiles are never changed after start-up.
var registry = merge.NewRegistry(all.Profiles()...)

// Registry is every profile of every library, in display order (the order
// `mergeplay libraries`, the page and the Worker list them).
func Registry() *merge.Registry { return registry }
