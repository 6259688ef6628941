package libs

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

const module = "github.com/mergeplay/mergeplay"

// goPackage is what `go list -json` says about one package.
type goPackage struct {
	ImportPath   string
	Dir          string
	Imports      []string
	TestImports  []string
	XTestImports []string
}

func listPackages(t *testing.T) []goPackage {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command: ", err)
	}
	cmd := exec.Command(gobin, "list", "-json", module+"/...")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -json: %v", err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p goPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// libraryPackage reports whether path is one library's package (libs/<name>),
// as opposed to the registry (libs) and the shared test helpers (libs/libtest).
func libraryPackage(path string) bool {
	rest, ok := strings.CutPrefix(path, module+"/libs/")
	return ok && rest != "libtest" && !strings.Contains(rest, "/")
}

// TestStructure keeps the layout the profile API promises: a library imports
// the core, the models and libtest, never another library; the core and the
// models never import a library; the registry lists every library package.
func TestStructure(t *testing.T) {
	pkgs := listPackages(t)
	registered := map[string]bool{}
	var libraries []string
	for _, p := range pkgs {
		imports := append(append(append([]string{}, p.Imports...), p.TestImports...), p.XTestImports...)
		if p.ImportPath == module+"/libs" {
			for _, imp := range p.Imports {
				registered[imp] = true
			}
		}
		if libraryPackage(p.ImportPath) {
			libraries = append(libraries, p.ImportPath)
		}
		for _, imp := range imports {
			if !strings.HasPrefix(imp, module+"/libs") {
				continue
			}
			switch {
			case libraryPackage(p.ImportPath) && libraryPackage(imp) && imp != p.ImportPath:
				t.Errorf("%s imports %s: a library never imports another library; move what they share into a package under model/", p.ImportPath, imp)
			case strings.HasPrefix(p.ImportPath, module+"/merge"), strings.HasPrefix(p.ImportPath, module+"/model/"):
				t.Errorf("%s imports %s: the core and the models never import a library (libs imports them)", p.ImportPath, imp)
			case p.ImportPath == module+"/libs/libtest" && imp != module+"/libs/libtest":
				t.Errorf("libs/libtest imports %s: the shared test helpers must work for every library", imp)
			}
		}
	}
	if len(libraries) == 0 {
		t.Fatal("go list found no library packages under libs/")
	}
	for _, l := range libraries {
		if !registered[l] {
			t.Errorf("%s is not in the registry: add its Profiles() to libs.go", l)
		}
	}
}

// libraryWords are the registered libraries' names as they appear in file
// names and identifiers ("net/http" → "nethttp").
func libraryWords() map[string]bool {
	words := map[string]bool{}
	for _, p := range Registry().Libraries() {
		words[strings.ReplaceAll(strings.ToLower(p.Library), "/", "")] = true
	}
	return words
}

// nameWords splits a file name or identifier into lower-case words:
// "profiles_httpx.go" → profiles, httpx, go; "httpxMergeURL" → httpx, merge, url.
func nameWords(s string) []string {
	var words []string
	var cur []rune
	rs := []rune(s)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = nil
		}
	}
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// libraryIn reports the library a name carries: a word, or the start of the
// name, equal to a registered library ("httpxFacts", "profiles_nethttp.go").
func libraryIn(name string, libs map[string]bool) string {
	lower := strings.ToLower(name)
	for l := range libs {
		if strings.HasPrefix(lower, l) && (len(lower) == len(l) || !unicode.IsLower(rune(name[len(l)]))) {
			return l
		}
	}
	for _, w := range nameWords(name) {
		if libs[w] {
			return w
		}
	}
	return ""
}

// TestCoreHoldsNoLibrary fails when a file name or a top-level identifier in
// merge/ names a registered library: a library's code belongs in libs/<name>/.
func TestCoreHoldsNoLibrary(t *testing.T) {
	libs := libraryWords()
	fset := token.NewFileSet()
	err := filepath.WalkDir("../merge", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		if l := libraryIn(strings.TrimSuffix(d.Name(), ".go"), libs); l != "" {
			t.Errorf("%s: the file name names the library %s; its code belongs in libs/%s/", path, l, l)
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, d := range f.Decls {
			var names []*ast.Ident
			switch d := d.(type) {
			case *ast.FuncDecl:
				names = append(names, d.Name)
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						names = append(names, sp.Name)
					case *ast.ValueSpec:
						names = append(names, sp.Names...)
					}
				}
			}
			for _, n := range names {
				if l := libraryIn(n.Name, libs); l != "" {
					t.Errorf("%s: %s names the library %s; a library's code belongs in libs/%s/", fset.Position(n.Pos()), n.Name, l, l)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFixturesLiveWithTheirLibrary: every stored fixture file sits in the folder of the
// library it records, so a library's folder holds all of its recordings, and nothing else
// lies there (the per-release folders of the old layout are gone).
func TestFixturesLiveWithTheirLibrary(t *testing.T) {
	n := 0
	paths, _ := filepath.Glob("*/testdata/fixtures/*")
	for _, p := range paths {
		if !strings.HasSuffix(p, ".json") {
			t.Errorf("%s: the fixtures folder holds only <feature>.json files (conformance/fixture)", p)
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var ff struct{ Library string }
		if err := json.Unmarshal(b, &ff); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want := filepath.Join(strings.ReplaceAll(ff.Library, "/", ""), "testdata", "fixtures")
		if filepath.Dir(p) != want {
			t.Errorf("%s records %s; it belongs in libs/%s/", p, ff.Library, want)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no fixtures found")
	}
}
