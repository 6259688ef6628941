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
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Rule is one [[headers]] table of netlify.toml.
type Rule struct {
	For    string
	Values [][2]string
	re     *regexp.Regexp
}

// Redirect is one [[redirects]] table; serve uses those with status 404,
// which name the page a missing path is answered with.
type Redirect struct {
	From, To string
	Status   int
	re       *regexp.Regexp
}

// forRegexp is Netlify's pattern for a `for` path, as @netlify/headers-parser
// 9.0.3 builds it (lib/for_regexp.js, getForRegExp): the segments joined by
// "/", where ":name" matches one segment, a lone "*" matches any rest and
// makes the slash before it optional (so "/embed/*" matches "/embed.js"),
// another "*" matches anything; then an optional trailing slash, and the
// whole is case-insensitive. Netlify's dev server applies every rule whose
// pattern matches the request path, later ones overriding earlier ones
// (@netlify/headers, headersForPath).
func forRegexp(pattern string) *regexp.Regexp {
	var parts []string
	for _, part := range strings.Split(pattern, "/") {
		part = strings.TrimRight(part, " \t\r\n")
		switch {
		case part == "":
			continue
		case strings.HasPrefix(part, ":"):
			parts = append(parts, "([^/]+)")
		case part == "*":
			parts = append(parts, "?(.*)")
		default:
			lits := strings.Split(part, "*")
			for i := range lits {
				lits[i] = regexp.QuoteMeta(lits[i])
			}
			parts = append(parts, strings.Join(lits, "(.*)"))
		}
	}
	return regexp.MustCompile("(?i)^/" + strings.Join(parts, "/") + "/?$")
}

func (r Rule) matches(p string) bool {
	if r.re == nil {
		r.re = forRegexp(r.For)
	}
	return r.re.MatchString(p)
}

// parseRules reads the [[headers]] and [[redirects]] tables of a
// netlify.toml. It understands the subset Netlify documents for them:
// `for = "…"` and a [headers.values] table of `Name = "value"` (basic
// strings); `from`, `to`, `status` and `force` of a redirect; comments and
// other tables (skipped).
func parseRules(src []byte) ([]Rule, error) {
	rules, _, err := parseConfig(src)
	return rules, err
}

func parseConfig(src []byte) ([]Rule, []Redirect, error) {
	var rules []Rule
	var redirects []Redirect
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			section = strings.TrimSpace(strings.Trim(line, "[]"))
			switch line {
			case "[[headers]]":
				rules = append(rules, Rule{})
			case "[[redirects]]":
				redirects = append(redirects, Redirect{Status: 301})
			}
			continue
		}
		if section != "headers" && section != "headers.values" && section != "redirects" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, nil, fmt.Errorf("line %d: expected key = \"value\"", n)
		}
		k, v = strings.Trim(strings.TrimSpace(k), `"`), strings.TrimSpace(v)
		if section == "redirects" {
			r := &redirects[len(redirects)-1]
			var err error
			switch k {
			case "from":
				r.From, err = strconv.Unquote(v)
			case "to":
				r.To, err = strconv.Unquote(v)
			case "status":
				r.Status, err = strconv.Atoi(v)
			case "force":
				_, err = strconv.ParseBool(v)
			default:
				err = fmt.Errorf("unknown key")
			}
			if err != nil {
				return nil, nil, fmt.Errorf("line %d: %s in [[redirects]]: %v", n, k, err)
			}
			continue
		}
		val, err := strconv.Unquote(v)
		if err != nil {
			return nil, nil, fmt.Errorf("line %d: value of %s must be a \"quoted\" string", n, k)
		}
		r := &rules[len(rules)-1]
		switch {
		case section == "headers" && k == "for":
			r.For = val
		case section == "headers.values":
			r.Values = append(r.Values, [2]string{k, val})
		default:
			return nil, nil, fmt.Errorf("line %d: unknown key %s in [[headers]]", n, k)
		}
	}
	for i := range rules {
		rules[i].re = forRegexp(rules[i].For)
	}
	for i, r := range redirects {
		// Only what serve needs: a page for missing paths under a splat or an exact path.
		if r.Status == 404 {
			if !strings.HasPrefix(r.To, "/") || strings.ContainsAny(r.To, ":*") || strings.Contains(r.From, ":") {
				return nil, nil, fmt.Errorf("[[redirects]] from %q to %q: serve handles a 404 rule only from a splat or exact path to one file", r.From, r.To)
			}
			redirects[i].re = forRegexp(r.From)
		}
	}
	return rules, redirects, sc.Err()
}

func loadConfig(file string) ([]Rule, []Redirect, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	rules, redirects, err := parseConfig(src)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	return rules, redirects, nil
}

func loadRules(file string) ([]Rule, error) {
	rules, _, err := loadConfig(file)
	return rules, err
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
	dir       string
	rules     []Rule
	redirects []Redirect
	mu        sync.Mutex
	gz        map[string][]byte // path + mtime → gzip body
}

func newSite(dir string, rules []Rule, redirects ...Redirect) *site {
	return &site{dir: dir, rules: rules, redirects: redirects, gz: map[string][]byte{}}
}

// notFoundPage is the page a missing path p is answered with, and whose
// headers the answer gets (Netlify's dev server applies a rewrite target's
// rules, not the request path's: @netlify/dev, main.ts): the first 404
// rule matching p, else Netlify's convention, /404.html.
func (s *site) notFoundPage(p string) string {
	for _, r := range s.redirects {
		if r.Status == 404 && r.re.MatchString(p) {
			return r.To
		}
	}
	return "/404.html"
}

var compressible = map[string]bool{".html": true, ".js": true, ".css": true, ".wasm": true, ".json": true, ".svg": true, ".txt": true}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := path.Clean("/" + r.URL.Path)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.fail(w, p, http.StatusMethodNotAllowed, "method not allowed: the site is static; use GET or HEAD")
		return
	}
	file := p
	if strings.HasSuffix(r.URL.Path, "/") || p == "/" {
		file = path.Join(p, "index.html")
	}
	status := http.StatusOK
	headersFor := p
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
		file = s.notFoundPage(p)
		headersFor = file
		fp = filepath.Join(s.dir, filepath.FromSlash(file))
		if st, err = os.Stat(fp); err != nil || st.IsDir() {
			s.fail(w, p, http.StatusNotFound, "not found")
			return
		}
	}
	body, err := os.ReadFile(fp)
	if err != nil {
		s.fail(w, p, http.StatusInternalServerError, "cannot read the file")
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
	mod := st.ModTime().UTC().Truncate(time.Second)
	h.Set("Last-Modified", mod.Format(http.TimeFormat))
	s.headers(w, headersFor) // netlify.toml wins, as on Netlify
	h.Add("Vary", "Accept-Encoding")
	if status == http.StatusOK {
		if since, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !mod.After(since) {
			h.Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if compressible[ext] && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		body = s.gzip(fp, st.ModTime(), body)
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

// fail answers an error without a page of its own (405, 500, a 404 when the
// site has no 404 page) with the headers of the 404 page, so that it carries
// the same CSP and security headers as every other answer.
func (s *site) fail(w http.ResponseWriter, p string, status int, msg string) {
	s.headers(w, s.notFoundPage(p))
	http.Error(w, msg, status)
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
