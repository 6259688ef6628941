package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNetlifyHeadersParseAndDoNotConflict(t *testing.T) {
	rules, err := loadRules("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/", "/index.html", "/assets/app.0123456789.js", "/assets/wasm/mergeplay.0123456789.wasm"}
	if bad := conflicts(rules, paths); len(bad) > 0 {
		t.Errorf("netlify.toml sets a header twice for one path:\n%s", strings.Join(bad, "\n"))
	}
	csp := strings.Join(valuesFor(rules, "/", "Content-Security-Policy"), "")
	for _, want := range []string{"script-src 'self' 'wasm-unsafe-eval'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP of / %q lacks %q", csp, want)
		}
	}
}

// valuesFor lists the values the rules give one header on one path.
func valuesFor(rules []Rule, p, name string) []string {
	var out []string
	for _, r := range rules {
		if r.matches(p) {
			for _, kv := range r.Values {
				if strings.EqualFold(kv[0], name) {
					out = append(out, kv[1])
				}
			}
		}
	}
	return out
}

// The CSP is split over rules whose paths must not overlap (only /embed/ may
// be framed, and /* cannot exclude it): every served path needs exactly one,
// and only the embed route may allow framing.
func TestEveryServedPathGetsExactlyOneCSP(t *testing.T) {
	rules, err := loadRules("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/", "/index.html", "/embed.js", "/embed", "/embed/", "/embed/index.html",
		"/assets/app.0123456789.js", "/assets/style.0123456789.css", "/assets/wasm/mergeplay.0123456789.wasm"}
	if _, err := os.Stat("../../dist/index.html"); err == nil { // the real build, when there is one
		paths = append(paths, sitePaths("../../dist")...)
	}
	for _, p := range paths {
		csp := valuesFor(rules, p, "Content-Security-Policy")
		if len(csp) != 1 {
			t.Errorf("%s gets %d Content-Security-Policy headers, want exactly 1: %q", p, len(csp), csp)
			continue
		}
		embed := p == "/embed" || strings.HasPrefix(p, "/embed/")
		want := "frame-ancestors 'none'"
		if embed {
			want = "frame-ancestors *"
		}
		if !strings.HasSuffix(csp[0], want) || !strings.Contains(csp[0], "script-src 'self' 'wasm-unsafe-eval'") {
			t.Errorf("%s: CSP %q; want the strict policy ending in %q", p, csp[0], want)
		}
		// The engine runs in a worker of the page's own origin (a SharedWorker
		// for embeds), and nothing else may start one.
		if !strings.Contains(csp[0], "worker-src 'self';") {
			t.Errorf("%s: CSP %q lacks worker-src 'self'", p, csp[0])
		}
	}
}

func TestServeEmbedRoute(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "embed"), 0o755)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html>full"), 0o644)
	os.WriteFile(filepath.Join(dir, "embed", "index.html"), []byte("<!doctype html>embed"), 0o644)
	os.WriteFile(filepath.Join(dir, "embed.js"), []byte("(function(){})()"), 0o644)
	rules, err := loadRules("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	if bad := conflicts(rules, sitePaths(dir)); len(bad) > 0 {
		t.Errorf("conflicts on the embed route:\n%s", strings.Join(bad, "\n"))
	}
	h := newSite(dir, rules)
	cases := []struct {
		reason, path, header, want, not string
		status                          int
	}{
		{"the embed may be framed by any site", "/embed/?example=auth-none", "Content-Security-Policy", "frame-ancestors *", "frame-ancestors 'none'", 200},
		{"the embed keeps the strict script policy", "/embed/", "Content-Security-Policy", "script-src 'self' 'wasm-unsafe-eval'", "unsafe-inline", 200},
		{"the embed's file name is the same route", "/embed/index.html", "Content-Security-Policy", "frame-ancestors *", "frame-ancestors 'none'", 200},
		{"the embed is not cached forever", "/embed/", "Cache-Control", "", "", 200},
		{"the full page may not be framed", "/", "Content-Security-Policy", "frame-ancestors 'none'", "frame-ancestors *", 200},
		{"the folder without its slash redirects, keeping the query", "/embed?example=x", "Location", "/embed/?example=x", "", 301},
		{"the loader has a stable URL and a short cache", "/embed.js", "Cache-Control", "max-age=300", "immutable", 200},
		{"the loader is sniff-proof", "/embed.js", "X-Content-Type-Options", "nosniff", "", 200},
	}
	for _, c := range cases {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
		got := rec.Header().Get(c.header)
		if len(rec.Header().Values("Content-Security-Policy")) > 1 {
			t.Errorf("%s: GET %s sends %d CSP headers", c.reason, c.path, len(rec.Header().Values("Content-Security-Policy")))
		}
		if rec.Code != c.status || (c.want == "" && got != "") || !strings.Contains(got, c.want) || (c.not != "" && strings.Contains(got, c.not)) {
			t.Errorf("%s: GET %s: status %d, %s = %q; want %d, %q and not %q", c.reason, c.path, rec.Code, c.header, got, c.status, c.want, c.not)
		}
	}
}

func TestConflictsFindsADuplicate(t *testing.T) {
	rules, err := parseRules([]byte(`
[[headers]]
  for = "/*"
  [headers.values]
    Cache-Control = "no-cache"
[[headers]]
  for = "/assets/*"
  [headers.values]
    cache-control = "immutable"
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := conflicts(rules, []string{"/assets/a.js"}); len(got) != 1 {
		t.Errorf("conflicts = %q, want one", got)
	}
	if got := conflicts(rules, []string{"/index.html"}); len(got) != 0 {
		t.Errorf("conflicts(/index.html) = %q, want none", got)
	}
}

func TestServeAppliesHeaders(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "assets", "wasm"), 0o755)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html>hi"), 0o644)
	os.WriteFile(filepath.Join(dir, "assets", "wasm", "m.abc.wasm"), []byte("\x00asm"), 0o644)
	rules, err := loadRules("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	h := newSite(dir, rules)
	cases := []struct {
		reason, path, header, want string
		status                     int
	}{
		{"the page has the CSP", "/", "Content-Security-Policy", "frame-ancestors 'none'", 200},
		{"the page is not cached forever", "/", "Cache-Control", "", 200},
		{"the engine is application/wasm", "/assets/wasm/m.abc.wasm", "Content-Type", "application/wasm", 200},
		{"hashed assets are immutable", "/assets/wasm/m.abc.wasm", "Cache-Control", "immutable", 200},
		{"a missing file is 404 with headers", "/nope", "X-Content-Type-Options", "nosniff", 404},
	}
	for _, c := range cases {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
		got := rec.Header().Get(c.header)
		if rec.Code != c.status || (c.want == "" && got != "") || !strings.Contains(got, c.want) {
			t.Errorf("%s: GET %s: status %d, %s = %q; want %d and %q", c.reason, c.path, rec.Code, c.header, got, c.status, c.want)
		}
	}
}
