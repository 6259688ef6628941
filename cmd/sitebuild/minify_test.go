package main

import (
	"strings"
	"testing"
)

func TestMinifyJS(t *testing.T) {
	const module = `// The page's client for the engine.
import { wasm } from './data.0123456789.js';
import './wasm_exec.0123456789.js';

/**
 * A call that did not get an answer.
 * @typedef {{fn: string, arg?: string}} Call
 */
export class EngineError extends Error {
  constructor(message, kind) { super(message); this.kind = kind; }
}

/** @param {string} longParameterName */
export function resolve(longParameterName) {
  const localValue = longParameterName + wasm.url;
  return new EngineError(localValue, 'failed');
}
`
	out, err := minifyJS("engine.js", []byte(module), true)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{`"./data.0123456789.js"`, `"./wasm_exec.0123456789.js"`, "export", "EngineError", "resolve"} {
		if !strings.Contains(got, want) {
			t.Errorf("minified module lost %s (imports must keep the hashed names, exports their names):\n%s", want, got)
		}
	}
	for _, gone := range []string{"@typedef", "The page's client", "longParameterName", "localValue"} {
		if strings.Contains(got, gone) {
			t.Errorf("minified module still has %q:\n%s", gone, got)
		}
	}
	if len(out)*4 > len(module)*3 {
		t.Errorf("minified to %d of %d bytes", len(out), len(module))
	}

	// A classic script: its globals are the page's, so they keep their names.
	classic := "var mergeplayTheme = 1;\n(function () { var root = document.documentElement; root.dataset.x = 'y'; })();\n"
	if out, err = minifyJS("theme.js", []byte(classic), false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "mergeplayTheme") || strings.Contains(string(out), "export") {
		t.Errorf("classic script minified wrongly:\n%s", out)
	}

	if _, err := minifyJS("bad.js", []byte("export function (\n"), true); err == nil || !strings.Contains(err.Error(), "bad.js") || !strings.Contains(err.Error(), "1:") {
		t.Errorf("a syntax error = %v, want one naming the file and line", err)
	}
}
