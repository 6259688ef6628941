package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Rule is one [[headers]] table of netlify.toml.
type Rule struct {
	For    string
	Values [][2]string
}

// matches reports whether a Netlify path pattern matches p: "/*" splats match
// any rest, ":name" placeholders match one segment, anything else is exact.
func (r Rule) matches(p string) bool {
	pat := r.For
	if strings.HasSuffix(pat, "*") {
		prefix := strings.TrimSuffix(pat, "*")
		return strings.HasPrefix(p, prefix) || p+"/" == prefix
	}
	ps, pp := strings.Split(strings.TrimSuffix(pat, "/"), "/"), strings.Split(strings.TrimSuffix(p, "/"), "/")
	if len(ps) != len(pp) {
		return false
	}
	for i := range ps {
		if !strings.HasPrefix(ps[i], ":") && ps[i] != pp[i] {
			return false
		}
	}
	return true
}

// parseRules reads the [[headers]] tables of a netlify.toml. It understands
// the subset Netlify documents for headers: `for = "…"` and a
// [headers.values] table of `Name = "value"` (basic strings), comments and
// other tables (skipped).
func parseRules(src []byte) ([]Rule, error) {
	var rules []Rule
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			section = strings.TrimSpace(strings.Trim(line, "[]"))
			if line == "[[headers]]" {
				rules = append(rules, Rule{})
			}
			continue
		}
		if section != "headers" && section != "headers.values" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("line %d: expected key = \"value\"", n)
		}
		k = strings.Trim(strings.TrimSpace(k), `"`)
		val, err := strconv.Unquote(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("line %d: value of %s must be a \"quoted\" string", n, k)
		}
		r := &rules[len(rules)-1]
		switch {
		case section == "headers" && k == "for":
			r.For = val
		case section == "headers.values":
			r.Values = append(r.Values, [2]string{k, val})
		default:
			return nil, fmt.Errorf("line %d: unknown key %s in [[headers]]", n, k)
		}
	}
	return rules, sc.Err()
}

func loadRules(file string) ([]Rule, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	rules, err := parseRules(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return rules, nil
}

// conflicts lists header names that two rules matching the same path both set.
func conflicts(rules []Rule, paths []string) []string {
	var out []string
	for _, p := range paths {
		seen := map[string]string{}
		for _, r := range rules {
			if !r.matches(p) {
				continue
			}
			for _, kv := range r.Values {
				k := strings.ToLower(kv[0])
				if prev, ok := seen[k]; ok {
					out = append(out, fmt.Sprintf("%s: %s is set by %q and %q", p, kv[0], prev, r.For))
				}
				seen[k] = r.For
			}
		}
	}
	return out
}

type site struct {
	dir   string
	rules []Rule
	mu    sync.Mutex
	gz    map[string][]byte // path + mtime → gzip body
}

func newSite(dir string, rules []Rule) *site {
	return &site{dir: dir, rules: rules, gz: map[string][]byte{}}
}

var compressible = map[string]bool{".html": true, ".js": true, ".css": true, ".wasm": true, ".json": true, ".svg": true, ".txt": true}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	file := p
	if strings.HasSuffix(r.URL.Path, "/") || p == "/" {
		file = path.Join(p, "index.html")
	}
	status := http.StatusOK
	fp := filepath.Join(s.dir, filepath.FromSlash(file))
	st, err := os.Stat(fp)
	if err == nil && st.IsDir() {
		if _, ierr := os.Stat(filepath.Join(fp, "index.html")); ierr == nil {
			// A folder without its slash: redirect, as Netlify does (/embed → /embed/).
			s.headers(w, p)
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	if err != nil || st.IsDir() {
		status = http.StatusNotFound
		fp = filepath.Join(s.dir, "404.html")
		if st, err = os.Stat(fp); err != nil {
			s.headers(w, p)
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		file = "/404.html"
	}
	body, err := os.ReadFile(fp)
	if err != nil {
		http.Error(w, "cannot read file", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	ext := path.Ext(file)
	if ct := mime.TypeByExtension(ext); ct != "" {
		h.Set("Content-Type", ct)
	}
	if ext == ".wasm" {
		h.Set("Content-Type", "application/wasm")
	}
	h.Set("Last-Modified", st.ModTime().UTC().Format(http.TimeFormat))
	s.headers(w, p) // netlify.toml wins, as on Netlify
	if compressible[ext] && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		body = s.gzip(fp, st.ModTime(), body)
		h.Set("Content-Encoding", "gzip")
	}
	h.Add("Vary", "Accept-Encoding")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

func (s *site) headers(w http.ResponseWriter, p string) {
	for _, r := range s.rules {
		if r.matches(p) {
			for _, kv := range r.Values {
				w.Header().Set(kv[0], kv[1])
			}
		}
	}
}

func (s *site) gzip(fp string, mod time.Time, body []byte) []byte {
	key := fp + "@" + mod.String()
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.gz[key]; ok {
		return b
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	s.gz[key] = buf.Bytes()
	return buf.Bytes()
}
