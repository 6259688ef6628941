//go:build js && wasm

// Command wasm exposes the engine to the browser as globalThis.mergeplay.
// It only marshals; the JSON-in/JSON-out functions live in merge (api.go)
// and are tested on the host.
package main

import (
	"fmt"
	"runtime/debug"
	"syscall/js"

	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

func main() {
	// Each edit resolves and diffs once; at the default GOGC the 4 MB minimum
	// heap is collected every ~50 edits with a 3–7 ms stop-the-world pause (the
	// browser has no other goroutine to hide it behind). 400 makes that rare.
	debug.SetGCPercent(400)
	api := js.Global().Get("Object").New()
	api.Set("resolve", fn(func(args []js.Value) []byte { return libs.Registry().ResolveJSON([]byte(arg(args, 0))) }))
	api.Set("resolveEach", fn(func(args []js.Value) []byte { return libs.Registry().ResolveEachJSON([]byte(arg(args, 0))) }))
	api.Set("diff", fn(func(args []js.Value) []byte { return libs.Registry().DiffJSON([]byte(arg(args, 0))) }))
	api.Set("timeline", fn(func(args []js.Value) []byte { return libs.Registry().TimelineJSON([]byte(arg(args, 0))) }))
	api.Set("libraries", fn(func([]js.Value) []byte { return libs.Registry().LibrariesJSON() }))
	api.Set("version", merge.FormatVersion)
	api.Set("ready", true)
	js.Global().Set("mergeplay", api)
	select {}
}

func arg(args []js.Value, i int) string {
	if i >= len(args) || args[i].Type() != js.TypeString {
		return ""
	}
	return args[i].String()
}

// fn wraps a JSON function so that a panic becomes an error value instead of
// killing the Go runtime (and with it the page).
func fn(f func([]js.Value) []byte) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
		defer func() {
			if r := recover(); r != nil {
				out = fmt.Sprintf(`{"error":{"code":"internal","message":%q}}`, fmt.Sprint(r))
			}
		}()
		return string(f(args))
	})
}
