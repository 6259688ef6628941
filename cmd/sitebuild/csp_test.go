package main

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckInlineHashes(t *testing.T) {
	css := []byte("html { color: red; }\n")
	js := []byte("document.documentElement.dataset.theme=\"dark\";")
	hash := func(b []byte) string {
		sum := sha256.Sum256(b)
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	const rule = `[[headers]]
  for = %q
  [headers.values]
    Content-Security-Policy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'%j; style-src 'self'%s; frame-ancestors 'none'"
`
	toml := func(script, style string) string {
		var b strings.Builder
		b.WriteString("[build]\n  command = \"make site\"\n\n")
		for _, p := range []string{"/", "/index.html", "/embed/*"} {
			r := strings.Replace(rule, "%q", `"`+p+`"`, 1)
			if p == "/embed/*" { // no inline style or script: no hash, before or after
				r = strings.ReplaceAll(strings.ReplaceAll(r, "%j", ""), "%s", "")
			}
			b.WriteString(strings.ReplaceAll(strings.ReplaceAll(r, "%j", script), "%s", style))
		}
		return b.String()
	}
	stale := " 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='"
	cases := []struct {
		reason  string
		file    string
		wantErr string
	}{
		{"no hash at all: the inline style and script would be blocked", toml("", ""), "/ and /index.html"},
		{"a stale style hash from an older style.css", toml(" "+hash(js), stale), "inline style of web/style.css"},
		{"a stale script hash from an older theme.js", toml(stale, " "+hash(css)), "inline script of web/js/theme.js"},
		{"the script's hash where the style's belongs", toml(" "+hash(css), " "+hash(js)), "make csp"},
		{"the hashes of this style and script", toml(" "+hash(js), " "+hash(css)), ""},
	}
	for _, c := range cases {
		p := filepath.Join(t.TempDir(), "netlify.toml")
		if err := os.WriteFile(p, []byte(c.file), 0o644); err != nil {
			t.Fatal(err)
		}
		err := checkInlineHashes(p, false, inlineStyle(css), inlineBoot(js))
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: checkInlineHashes = %v, want nil", c.reason, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: checkInlineHashes = %v, want an error mentioning %q", c.reason, err, c.wantErr)
		}
		if c.wantErr == "" {
			continue
		}
		// -write-csp fixes it, for the page's rules only.
		if err := checkInlineHashes(p, true, inlineStyle(css), inlineBoot(js)); err != nil {
			t.Fatalf("%s: writing the hashes: %v", c.reason, err)
		}
		if err := checkInlineHashes(p, false, inlineStyle(css), inlineBoot(js)); err != nil {
			t.Errorf("%s: after -write-csp: %v", c.reason, err)
		}
		b, _ := os.ReadFile(p)
		for _, want := range []string{"script-src 'self' 'wasm-unsafe-eval' " + hash(js) + ";", "style-src 'self' " + hash(css) + ";"} {
			if n := strings.Count(string(b), want); n != 2 {
				t.Errorf("%s: after -write-csp the file has %q %d times, want 2 (/ and /index.html, not /embed/*):\n%s", c.reason, want, n, b)
			}
		}
		if strings.Count(string(b), "'sha256-") != 4 {
			t.Errorf("%s: after -write-csp, want exactly 4 hashes (no stale one left, none in /embed/*):\n%s", c.reason, b)
		}
	}
}

// The committed netlify.toml must allow the committed style and boot script
// (make site checks the same; this says it in `go test`).
func TestRepositoryCSPAllowsInlineStyleAndBoot(t *testing.T) {
	css, err := os.ReadFile("../../web/style.css")
	if err != nil {
		t.Fatal(err)
	}
	boot, err := bootScript("../../web")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkInlineHashes("../../netlify.toml", false, inlineStyle(css), inlineBoot(boot)); err != nil {
		t.Error(err)
	}
}

// The 404 page is held by the same CSP as every page (no inline script,
// style or handler) and links only this site's hashed stylesheet.
func TestNotFoundPageNeedsNothingTheCSPForbids(t *testing.T) {
	b, err := notFoundPage("/assets/style.0123456789.css")
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, bad := range []string{"<script", "<style", " style=", " on", "javascript:", "http:", "https:"} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("the 404 page contains %q, which its CSP forbids or which leaves the site:\n%s", bad, page)
		}
	}
	if !strings.Contains(page, `<link rel="stylesheet" href="/assets/style.0123456789.css">`) || !strings.Contains(page, `href="/"`) {
		t.Errorf("the 404 page should link the hashed stylesheet and the start page:\n%s", page)
	}
	if _, err := notFoundPage("style.css"); err == nil {
		t.Error("an unhashed stylesheet should be refused")
	}
}
