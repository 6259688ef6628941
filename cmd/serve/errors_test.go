package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeDist is a dist/ with one file of every kind the site has.
func fakeDist(t *testing.T) string {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":                     "<!doctype html>page",
		"404.html":                       "<!doctype html>not found",
		"embed/index.html":               "<!doctype html>embed",
		"embed.js":                       "(function(){})()",
		"assets/app.0123456789.js":       "export {}",
		"assets/wasm/m.0123456789.wasm":  "\x00asm",
		"assets/wasm_exec.0123456789.js": "globalThis.Go = class {}",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Every answer, whatever its status, carries the security headers, exactly
// one CSP with a frame-ancestors directive, and an error is never cached for
// long: served with netlify.toml as cmd/serve serves it.
func TestEveryPathClassGetsTheSecurityHeaders(t *testing.T) {
	rules, redirects, err := loadConfig("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	h := newSite(fakeDist(t), rules, redirects...)
	lastMod := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		reason, method, path, ifModifiedSince string
		status                                int
		frame                                 string // the frame-ancestors wanted
	}{
		{"the page", "GET", "/", "", 200, "'none'"},
		{"the page by name", "GET", "/index.html", "", 200, "'none'"},
		{"the page, not modified", "GET", "/", lastMod, 304, "'none'"},
		{"the page, HEAD", "HEAD", "/", "", 200, "'none'"},
		{"the embed", "GET", "/embed/", "", 200, "*"},
		{"the embed by name", "GET", "/embed/index.html", "", 200, "*"},
		{"the embed without its slash redirects", "GET", "/embed", "", 301, "*"},
		{"the loader", "GET", "/embed.js", "", 200, "'none'"},
		{"a hashed asset", "GET", "/assets/app.0123456789.js", "", 200, "'none'"},
		{"a hashed asset, not modified", "GET", "/assets/app.0123456789.js", lastMod, 304, "'none'"},
		{"the engine", "GET", "/assets/wasm/m.0123456789.wasm", "", 200, "'none'"},
		{"the engine's loader, beside the engine's folder", "GET", "/assets/wasm_exec.0123456789.js", "", 200, "'none'"},
		{"the 404 page by name", "GET", "/404.html", "", 200, "'none'"},
		{"a missing top-level path", "GET", "/nope", "", 404, "'none'"},
		{"a missing nested path", "GET", "/nope/deeper/x.html", "", 404, "'none'"},
		{"a missing hashed asset", "GET", "/assets/x", "", 404, "'none'"},
		{"a missing engine", "GET", "/assets/wasm/gone.wasm", "", 404, "'none'"},
		{"a missing path under the embed", "GET", "/embed/nope", "", 404, "'none'"},
		{"a missing path, HEAD", "HEAD", "/nope", "", 404, "'none'"},
		{"POST on the page", "POST", "/", "", 405, "'none'"},
		{"POST on the embed", "POST", "/embed/", "", 405, "'none'"},
		{"POST on a missing path", "POST", "/nope", "", 405, "'none'"},
		{"DELETE on an asset", "DELETE", "/assets/app.0123456789.js", "", 405, "'none'"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, tt.path, nil)
		if tt.ifModifiedSince != "" {
			r.Header.Set("If-Modified-Since", tt.ifModifiedSince)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		got := w.Header()
		if w.Code != tt.status {
			t.Errorf("%s: %s %s: status %d, want %d", tt.reason, tt.method, tt.path, w.Code, tt.status)
		}
		csp := got.Values("Content-Security-Policy")
		if len(csp) != 1 || !strings.HasSuffix(csp[0], "frame-ancestors "+tt.frame) || !strings.Contains(csp[0], "default-src 'none'") {
			t.Errorf("%s: %s %s (%d): CSP %q; want one strict policy ending in frame-ancestors %s", tt.reason, tt.method, tt.path, w.Code, csp, tt.frame)
		}
		for name, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "no-referrer",
			"Permissions-Policy":     "camera=(), microphone=(), geolocation=()",
		} {
			if v := got.Values(name); len(v) != 1 || v[0] != want {
				t.Errorf("%s: %s %s (%d): %s = %q, want %q", tt.reason, tt.method, tt.path, w.Code, name, v, want)
			}
		}
		if cc := got.Get("Cache-Control"); w.Code >= 400 && cc != "no-store" {
			t.Errorf("%s: %s %s (%d): Cache-Control %q; an error must not be cached (no-store)", tt.reason, tt.method, tt.path, w.Code, cc)
		}
		if w.Code == 404 && tt.method == "GET" && w.Body.String() != "<!doctype html>not found" {
			t.Errorf("%s: GET %s: 404 body %q, want the 404 page", tt.reason, tt.path, w.Body)
		}
		if ct := got.Get("Content-Type"); w.Code == 200 && (strings.HasSuffix(tt.path, ".wasm") != (ct == "application/wasm")) {
			t.Errorf("%s: GET %s: Content-Type %q", tt.reason, tt.path, ct)
		}
		if w.Code == 405 && got.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: 405 without Allow: GET, HEAD", tt.reason)
		}
	}
}

// netlify.toml's 404 rule exists and names the page sitebuild writes.
func TestNetlifyAnswersMissingPathsWithThe404Page(t *testing.T) {
	_, redirects, err := loadConfig("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	s := newSite("", nil, redirects...)
	for _, p := range []string{"/nope", "/a/b/c", "/assets/x", "/embed/x"} {
		if got := s.notFoundPage(p); got != "/404.html" {
			t.Errorf("a missing %s is answered with %q, want /404.html", p, got)
		}
	}
	found := false
	for _, r := range redirects {
		found = found || r.From == "/*" && r.To == "/404.html" && r.Status == 404
	}
	if !found {
		t.Errorf("netlify.toml has no [[redirects]] from /* to /404.html with status 404: %+v", redirects)
	}
}

// forRegexp matches as Netlify's header engine does; where node and the
// pinned @netlify/headers-parser are installed, it is checked against the
// real getForRegExp.
func TestForRegexpIsNetlifys(t *testing.T) {
	patterns := []string{"/*", "/", "/index.html", "/embed/", "/embed/*", "/embed/index.html", "/assets/*", "/assets/wasm/*", "/assets/wasm/:file", "/:page", "/a/:b/c", "/x*y/z", "/404.html"}
	paths := []string{"/", "//", "/index.html", "/INDEX.HTML", "/embed", "/embed/", "/embed.js", "/embedx", "/embed/index.html", "/embed/a/b",
		"/assets", "/assets/", "/assets/a.js", "/assetsx", "/assets/wasm/m.wasm", "/assets/wasm_exec.js", "/nope", "/nope/", "/a/b/c", "/a/b/c/", "/a//c", "/xqy/z", "/x/q/y/z", "/404.html"}
	want := map[string]bool{ // read from @netlify/headers-parser 9.0.3 lib/for_regexp.js
		"/embed/* /embed.js": true, "/embed/* /embed": true, "/embed/ /embed": true, "/embed/* /embedx": true,
		"/assets/* /assets": true, "/assets/* /assetsx": true, "/assets/wasm/* /assets/wasm_exec.js": true, "/assets/wasm/:file /assets/wasm_exec.js": false, "/index.html /INDEX.HTML": true, "/ //": true,
		"/:page /nope/": true, "/:page /embed": true, "/:page /embed/": true, "/a/:b/c /a/b/c/": true, "/x*y/z /x/q/y/z": true,
	}
	for _, pat := range patterns {
		re := forRegexp(pat)
		for _, p := range paths {
			if w, ok := want[pat+" "+p]; ok && re.MatchString(p) != w {
				t.Errorf("forRegexp(%q) matches %q: %v, want %v", pat, p, !w, w)
			}
		}
	}
	node, err := exec.LookPath("node")
	mod, _ := filepath.Abs("../../node_modules/@netlify/headers-parser/lib/for_regexp.js")
	if _, serr := os.Stat(mod); err != nil || serr != nil {
		t.Log("node or node_modules/@netlify/headers-parser missing: not compared with Netlify's own code")
		return
	}
	in, _ := json.Marshal(map[string][]string{"patterns": patterns, "paths": paths})
	script := `import(process.argv[1]).then(({getForRegExp}) => {
  const {patterns, paths} = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(JSON.stringify(patterns.map(p => paths.map(x => getForRegExp(p).test(x)))));
})`
	cmd := exec.Command(node, "-e", script, "file://"+mod)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running Netlify's getForRegExp: %v", err)
	}
	var netlify [][]bool
	if err := json.Unmarshal(out, &netlify); err != nil {
		t.Fatalf("node printed %q: %v", out, err)
	}
	for i, pat := range patterns {
		re := forRegexp(pat)
		for j, p := range paths {
			if got := re.MatchString(p); got != netlify[i][j] {
				t.Errorf("for = %q on %q: forRegexp %v, Netlify's getForRegExp %v", pat, p, got, netlify[i][j])
			}
		}
	}
}
