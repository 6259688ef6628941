//go:build js && wasm

// Command wasm exposes the engine to the browser as globalThis.mergeplay.
// It only marshals; the JSON-in/JSON-out functions live in merge (api.go)
// and are tested on the host.
package main

import (
	"fmt"
	"runtime/debug"
	"syscall/js"
	"time"

	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

func main() {
	// Each edit resolves, diffs and resolves compare-all's libraries; every
	// collection is a 3–7 ms stop-the-world pause in the edit that meets it
	// (the browser has no other goroutine to hide it behind). The live heap
	// is a few MB, so collect only when the heap reaches 64 MB: a worker's
	// memory grows to about that and stays, and an edit meets a pause several
	// times less often than with GOGC=400 (its collection at ~20 MB): edit →
	// compare-all on screen p95 38.6 → 29.5 ms, the table's round trip p95
	// 28.8 → 19.0 ms (50 edits × 3 fresh profiles, load 3.4, 2 cores).
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(64 << 20)
	// An edit's batch resolves its scenario twice (alone, and as the diff's side
	// a) and the compared side twice (side b, and alone): the last answers are
	// kept (merge.Registry.Memoize).
	libs.Registry().Memoize(4)
	api := js.Global().Get("Object").New()
	api.Set("resolve", fn(func(args []js.Value) []byte { return libs.Registry().ResolveJSON([]byte(arg(args, 0))) }))
	api.Set("resolveEach", fn(func(args []js.Value) []byte { return libs.Registry().ResolveEachJSON([]byte(arg(args, 0))) }))
	api.Set("diff", fn(func(args []js.Value) []byte { return libs.Registry().DiffJSON([]byte(arg(args, 0))) }))
	api.Set("timeline", fn(func(args []js.Value) []byte { return libs.Registry().TimelineJSON([]byte(arg(args, 0))) }))
	// The page's timeline worker runs a timeline in steps (merge.TimelineJob),
	// yielding between them to hear "pause" and "cancel": timelineStart begins
	// one (replacing any other: the worker runs one at a time), timelineStep
	// resolves releases for about ms milliseconds (at least one) and returns
	// "" until the answer, the timeline's JSON.
	var job *merge.TimelineJob
	api.Set("timelineStart", fn(func(args []js.Value) []byte {
		job = libs.Registry().TimelineJobDoc([]byte(arg(args, 0)))
		return nil
	}))
	api.Set("timelineStep", fn(func(args []js.Value) []byte {
		if job == nil {
			return []byte(`{"error":{"code":"internal","message":"timelineStep without timelineStart"}}`)
		}
		slice := 4 * time.Millisecond
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			slice = time.Duration(args[0].Float() * float64(time.Millisecond))
		}
		for t0 := time.Now(); !job.Step(1); {
			if time.Since(t0) >= slice {
				return nil
			}
		}
		out := job.JSON()
		job = nil
		return out
	}))
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
