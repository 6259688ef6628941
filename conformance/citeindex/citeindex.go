// Package citeindex is the offline index of the library sources the profiles cite: for each
// repository@tag, its files and the functions, classes and methods declared in each.
// `make cite-index` writes index.json from the installed libraries (see gen/ and README.md).
package citeindex

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
)

// Index is index.json.
type Index struct {
	Comment string             `json:"comment"`
	Sources map[string]*Source `json:"sources"` // "owner/repo@tag", or "npm:name@version"
}

// Source is one repository at one tag, as installed.
type Source struct {
	From  string              `json:"from"`  // where it was read and how paths map
	Lines bool                `json:"lines"` // line spans are the repository's lines at the tag
	Files map[string][]string `json:"files"` // repository path -> sorted "Name" or "Name:first-last"
}

// Decl is one declaration of a file.
type Decl struct {
	Name        string // "func", "Class.method", "Type.Method", "Class.constructor"
	First, Last int    // 0 when the source has no lines
}

// Decls parses a file's entries.
func (s *Source) Decls(file string) ([]Decl, bool) {
	list, ok := s.Files[file]
	if !ok {
		return nil, false
	}
	out := make([]Decl, 0, len(list))
	for _, e := range list {
		d := Decl{Name: e}
		if name, span, ok := strings.Cut(e, ":"); ok {
			a, b, _ := strings.Cut(span, "-")
			d.Name = name
			d.First, _ = strconv.Atoi(a)
			d.Last, _ = strconv.Atoi(b)
		}
		out = append(out, d)
	}
	return out, true
}

var (
	githubURL = regexp.MustCompile(`^https://github\.com/([^/]+/[^/]+)/blob/([^/]+)/([^#]+)(?:#L(\d+)(?:-L(\d+))?)?$`)
	unpkgURL  = regexp.MustCompile(`^https://unpkg\.com/(?:browse/)?((?:@[^/]+/)?[^/@]+)@([^/]+)/([^#]+)(?:#L(\d+)(?:-L(\d+))?)?$`)
)

// Locate finds the index entry a citation's link points into (key as in Index.Sources), the
// file and the line anchor (0 for none). The link must agree with the citation's own file and
// tag, since the page shows both. The generator uses it too, to index every cited tag.
func Locate(c merge.Cite) (key, file string, line int, err error) {
	if m := githubURL.FindStringSubmatch(c.URL); m != nil {
		if m[2] != c.Tag {
			return "", "", 0, fmt.Errorf("link %s is at tag %q, the citation says %q", c.URL, m[2], c.Tag)
		}
		if m[3] != c.File {
			return "", "", 0, fmt.Errorf("link %s is to file %q, the citation says %q", c.URL, m[3], c.File)
		}
		line, _ = strconv.Atoi(m[4])
		return m[1] + "@" + m[2], m[3], line, nil
	}
	if m := unpkgURL.FindStringSubmatch(c.URL); m != nil {
		if !strings.Contains(c.Tag, m[2]) {
			return "", "", 0, fmt.Errorf("link %s is to version %s, the citation's tag is %q", c.URL, m[2], c.Tag)
		}
		if m[3] != c.File {
			return "", "", 0, fmt.Errorf("link %s is to file %q, the citation says %q", c.URL, m[3], c.File)
		}
		line, _ = strconv.Atoi(m[4])
		return "npm:" + m[1] + "@" + m[2], m[3], line, nil
	}
	return "", "", 0, fmt.Errorf("link %q is not a link to a file at a tag (https://github.com/<owner>/<repo>/blob/<tag>/<file>#L<n>, or https://unpkg.com/browse/<package>@<version>/<file>#L<n>)", c.URL)
}

//go:embed index.json
var indexJSON []byte

// Load returns the committed index.
func Load() (*Index, error) {
	var idx Index
	if err := json.Unmarshal(indexJSON, &idx); err != nil {
		return nil, fmt.Errorf("conformance/citeindex/index.json: %v; regenerate it with `make cite-index`", err)
	}
	return &idx, nil
}

// Write writes the index with sorted keys and one file per line, so a regeneration's diff
// shows which files and declarations changed.
func Write(w io.Writer, idx *Index) error {
	var b strings.Builder
	q := func(v any) string { j, _ := json.Marshal(v); return string(j) }
	b.WriteString("{\"comment\": " + q(idx.Comment) + ",\n \"sources\": {")
	keys := sortedKeys(idx.Sources)
	for i, k := range keys {
		s := idx.Sources[k]
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  " + q(k) + ": {\"from\": " + q(s.From) + ", \"lines\": " + strconv.FormatBool(s.Lines) + ", \"files\": {")
		for j, f := range sortedKeys(s.Files) {
			if j > 0 {
				b.WriteString(",")
			}
			decls := append([]string{}, s.Files[f]...)
			sort.Strings(decls)
			b.WriteString("\n   " + q(f) + ": " + q(decls))
		}
		b.WriteString("}}")
	}
	b.WriteString("}}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// CompareVersions orders dotted numeric versions ("2.32.0" < "2.34.2"); a leading "v" is ignored.
func CompareVersions(a, b string) int {
	pa := strings.Split(strings.TrimPrefix(a, "v"), ".")
	pb := strings.Split(strings.TrimPrefix(b, "v"), ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}
