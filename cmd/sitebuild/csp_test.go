package main

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckStyleHash(t *testing.T) {
	css := []byte("html { color: red; }\n")
	sum := sha256.Sum256(css)
	hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	const rule = `[[headers]]
  for = %q
  [headers.values]
    Content-Security-Policy = "default-src 'none'; style-src 'self'%s; frame-ancestors 'none'"
`
	toml := func(extra string) string {
		var b strings.Builder
		b.WriteString("[build]\n  command = \"make site\"\n\n")
		for _, p := range []string{"/", "/index.html", "/embed/*"} {
			b.WriteString(strings.ReplaceAll(strings.Replace(rule, "%q", `"`+p+`"`, 1), "%s", extra))
		}
		return b.String()
	}
	cases := []struct {
		reason  string
		file    string
		wantErr string
	}{
		{"no hash at all: the inline style would be blocked", toml(""), "/ and /index.html"},
		{"a stale hash from an older style.css", toml(" 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='"), "make csp"},
		{"the hash of this style", toml(" " + hash), ""},
	}
	for _, c := range cases {
		p := filepath.Join(t.TempDir(), "netlify.toml")
		if err := os.WriteFile(p, []byte(c.file), 0o644); err != nil {
			t.Fatal(err)
		}
		err := checkStyleHash(p, css, false)
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: checkStyleHash = %v, want nil", c.reason, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: checkStyleHash = %v, want an error mentioning %q", c.reason, err, c.wantErr)
		}
		if c.wantErr == "" {
			continue
		}
		// -write-csp fixes it, for the page's rules only.
		if err := checkStyleHash(p, css, true); err != nil {
			t.Fatalf("%s: writing the hash: %v", c.reason, err)
		}
		if err := checkStyleHash(p, css, false); err != nil {
			t.Errorf("%s: after -write-csp: %v", c.reason, err)
		}
		b, _ := os.ReadFile(p)
		if n := strings.Count(string(b), hash); n != 2 {
			t.Errorf("%s: after -write-csp the file has the hash %d times, want 2 (/ and /index.html, not /embed/*):\n%s", c.reason, n, b)
		}
	}
}

// The committed netlify.toml must allow the committed style (make site checks
// the same; this says it in `go test`).
func TestRepositoryCSPAllowsInlineStyle(t *testing.T) {
	css, err := os.ReadFile("../../web/style.css")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkStyleHash("../../netlify.toml", css, false); err != nil {
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
