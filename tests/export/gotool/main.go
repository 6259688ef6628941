// Command gotool is the Go half of tests/export: it resolves scenarios with the
// engine, and reads Go exports back with go/parser.
//
//	gotool resolve < ["scenario", ...]   → [result, ...] (libs.Registry().ResolveJSON)
//	gotool libraries                     → libs.Registry().LibrariesJSON
//	gotool lits FILE...                  → [{"file", "error", "shape", "strs", "comments"}, ...]
//
// shape is the syntax tree with every string literal's value left out; strs are
// the string literals' values (strconv.Unquote) in source order.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/libs"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gotool resolve | libraries | lits FILE...")
		os.Exit(2)
	}
	var out any
	switch os.Args[1] {
	case "resolve":
		var docs []string
		in, err := io.ReadAll(os.Stdin)
		if err == nil {
			err = json.Unmarshal(in, &docs)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "gotool resolve: stdin must be a JSON array of scenario strings:", err)
			os.Exit(2)
		}
		res := make([]json.RawMessage, len(docs))
		for i, d := range docs {
			res[i] = libs.Registry().ResolveJSON([]byte(d))
		}
		out = res
	case "libraries":
		out = json.RawMessage(libs.Registry().LibrariesJSON())
	case "lits":
		var files []any
		for _, name := range os.Args[2:] {
			files = append(files, lits(name))
		}
		out = files
	default:
		fmt.Fprintln(os.Stderr, "gotool: unknown command", os.Args[1])
		os.Exit(2)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type file struct {
	File     string   `json:"file"`
	Error    string   `json:"error,omitempty"`
	Shape    string   `json:"shape"`
	Strs     []string `json:"strs"`
	Comments []string `json:"comments"`
}

func lits(name string) file {
	f := file{File: name, Strs: []string{}, Comments: []string{}}
	fset := token.NewFileSet()
	tree, err := parser.ParseFile(fset, name, nil, parser.ParseComments|parser.AllErrors)
	if err != nil {
		f.Error = err.Error()
		return f
	}
	for _, g := range tree.Comments {
		f.Comments = append(f.Comments, g.Text())
	}
	var shape strings.Builder
	ast.Inspect(tree, func(n ast.Node) bool {
		if n == nil {
			shape.WriteString(")")
			return false
		}
		fmt.Fprintf(&shape, "(%s", reflect.TypeOf(n).Elem().Name())
		switch n := n.(type) {
		case *ast.Ident:
			shape.WriteString(" " + n.Name)
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				shape.WriteString(" " + n.Value)
				break
			}
			s, err := strconv.Unquote(n.Value)
			if err != nil {
				f.Error = fmt.Sprintf("%s: %v", fset.Position(n.Pos()), err)
			}
			f.Strs = append(f.Strs, s)
		}
		return true
	})
	f.Shape = shape.String()
	return f
}
