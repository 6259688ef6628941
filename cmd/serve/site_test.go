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
	csp := ""
	for _, r := range rules {
		for _, kv := range r.Values {
			if kv[0] == "Content-Security-Policy" {
				csp = kv[1]
			}
		}
	}
	for _, want := range []string{"script-src 'self' 'wasm-unsafe-eval'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
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
