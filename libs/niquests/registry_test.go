package niquests

import "github.com/mergeplay/mergeplay/merge"

// testRegistry holds this library's profiles only: its tests never need another library.
var testRegistry = merge.NewRegistry(Profiles()...)
