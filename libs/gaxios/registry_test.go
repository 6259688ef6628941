package gaxios

import "github.com/mergeplay/mergeplay/merge"

var testRegistry = merge.NewRegistry(Profiles()...)
