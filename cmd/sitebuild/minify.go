package main

import (
	"fmt"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// minifyJS minifies one of the page's own scripts (whitespace, syntax and
// local names; exports and globals keep theirs): the JSDoc the sources carry
// for their readers is a third of their brotli weight (57 → 33 KB for the
// default page's modules). module: an ES module, else a classic script
// (theme.js, embed-boot.js), whose top-level names are globals and are kept.
// Names are kept (keepNames) so that a function or class still reports its
// own name in errors. wasm_exec.js is Go's file and is served as Go ships it.
func minifyJS(name string, src []byte, module bool) ([]byte, error) {
	opts := api.TransformOptions{
		Loader:            api.LoaderJS,
		Sourcefile:        name,
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: true,
		KeepNames:         true,
		LegalComments:     api.LegalCommentsInline,
		Charset:           api.CharsetUTF8,
		Target:            api.ES2022,
	}
	if module {
		opts.Format = api.FormatESModule
	}
	r := api.Transform(string(src), opts)
	if len(r.Errors) > 0 {
		var msgs []string
		for _, m := range r.Errors {
			loc := ""
			if m.Location != nil {
				loc = fmt.Sprintf("%d:%d: ", m.Location.Line, m.Location.Column)
			}
			msgs = append(msgs, loc+m.Text)
		}
		return nil, fmt.Errorf("minifying %s: %s", name, strings.Join(msgs, "; "))
	}
	return r.Code, nil
}
