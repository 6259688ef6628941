//go:build js && wasm

// Command worker serves the mergeplay API (package api) on Cloudflare Workers.
package main

import (
	"github.com/syumai/workers"

	"github.com/mergeplay/mergeplay/api"
)

func main() { workers.Serve(api.New()) }
