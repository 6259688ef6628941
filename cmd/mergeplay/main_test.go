package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mergeplay/mergeplay/merge"
)

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func authHeader(t *testing.T, out string) string {
	t.Helper()
	var res struct {
		Outcome string
		Request struct{ Headers [][2]string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("output is not result JSON: %v\n%s", err, out)
	}
	for _, h := range res.Request.Headers {
		if strings.EqualFold(h[0], "Authorization") {
			return h[1]
		}
	}
	return ""
}

func TestResolveMotivatingCase(t *testing.T) {
	tests := []struct {
		reason, library, want string
	}{
		{"requests keeps session auth when the request passes auth=None", "requests@2.28.1", "Basic am9objphZG1pbg=="},
		{"httpx 0.14.1 still treats auth=None as 'use the client's auth'", "httpx@0.14.1", "Basic am9objphZG1pbg=="},
		{"httpx 0.14.2 made auth=None mean 'no auth on this request'", "httpx@0.14.2", ""},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, "", "resolve", "testdata/motivating.json", "--library", tt.library)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.reason, code, errOut)
		}
		if got := authHeader(t, out); got != tt.want {
			t.Errorf("%s: Authorization = %q, want %q", tt.reason, got, tt.want)
		}
	}
}

// TestResolveLints: the result names the pitfall the request shows, with
// its reference, and names none when the library does what was asked.
func TestResolveLints(t *testing.T) {
	lints := func(out string) []merge.Lint {
		var res struct{ Lints []merge.Lint }
		if err := json.Unmarshal([]byte(out), &res); err != nil || res.Lints == nil {
			t.Fatalf("output has no lints list (%v):\n%s", err, out)
		}
		return res.Lints
	}
	_, out, _ := runCLI(t, "", "resolve", "testdata/motivating.json", "--library", "requests@2.28.1")
	if l := lints(out); len(l) != 1 || l[0].Code != "auth-none-ignored" || l[0].Severity != "danger" || !strings.HasPrefix(l[0].Ref, "https://github.com/") {
		t.Errorf("requests with auth=None: lints = %+v, want one auth-none-ignored with its reference", l)
	}
	_, out, _ = runCLI(t, "", "resolve", "testdata/motivating.json", "--library", "httpx@0.14.2")
	if l := lints(out); len(l) != 0 {
		t.Errorf("httpx 0.14.2 honours auth=None: lints = %+v, want none", l)
	}
	code, out, _ := runCLI(t, "", "lints")
	var checks []merge.Check
	if err := json.Unmarshal([]byte(out), &checks); code != 0 || err != nil || len(checks) != len(merge.Checks()) || checks[0].Ref == "" {
		t.Errorf("mergeplay lints: exit %d, %v, %d checks:\n%s", code, err, len(checks), out)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		reason string
		stdin  string
		args   []string
		code   int
		stderr string
	}{
		{"a CR/LF in a header value is a located error", `{"mergeplay":1,"library":"httpx@0.14.2","request":{"headers":{"X-A":"a\r\nb"}}}`,
			[]string{"resolve", "-"}, 2, `request.headers["X-A"]: value contains CR/LF`},
		{"invalid JSON", `{"mergeplay":`, []string{"resolve"}, 2, "invalid JSON at byte"},
		{"unknown library lists the known ones", `{"mergeplay":1,"library":"nope@1"}`, []string{"resolve"}, 2, "known: "},
		{"an unknown command", ``, []string{"frobnicate"}, 2, "unknown command"},
		{"diff needs two sides", ``, []string{"diff", "a.json"}, 2, "give two scenario files"},
		{"timeline of an unknown library lists the known ones", `{"mergeplay":1,"library":"httpx@0.14.2"}`, []string{"timeline", "--library", "nope"}, 2, `unknown library "nope"; known: `},
		{"timeline of a bad scenario is a located error", `{"mergeplay":1,"request":{"headers":{"X-A":"a\r\nb"}}}`,
			[]string{"timeline", "--library", "httpx"}, 2, `request.headers["X-A"]: value contains CR/LF`},
		{"timeline takes one scenario", ``, []string{"timeline", "a.json", "b.json"}, 2, "one scenario at a time"},
		{"a library that raises is outcome error, exit 0", `{"mergeplay":1,"library":"httpx@0.28.1","request":{"url":"http://a.test/","auth":false}}`,
			[]string{"resolve"}, 0, ""},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.stdin, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d with %q", tt.reason, code, errOut, tt.code, tt.stderr)
		}
	}
}

func TestDiffAgainst(t *testing.T) {
	code, out, errOut := runCLI(t, "", "diff", "testdata/motivating.json", "--library", "httpx@0.14.1", "--against", "httpx@0.14.2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var d struct {
		Equal   bool
		Changes []struct{ Part, Key, Op string }
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range d.Changes {
		if c.Part == "header" && strings.EqualFold(c.Key, "authorization") && c.Op == "removed" {
			found = true
		}
	}
	if d.Equal || !found {
		t.Errorf("diff httpx 0.14.1 → 0.14.2 should remove Authorization; got %s", out)
	}
	code, text, _ := runCLI(t, "", "diff", "testdata/motivating.json", "--library", "httpx@0.14.1", "--against", "httpx@0.14.2", "--text")
	if code != 0 || !strings.Contains(text, "-authorization: Basic am9objphZG1pbg==") && !strings.Contains(text, "-Authorization: Basic am9objphZG1pbg==") {
		t.Errorf("text diff should show the removed Authorization line; got:\n%s", text)
	}
}

// The motivating case across libraries: requests and httpx differ in the
// casing of four headers, their order and User-Agent, and one thing matters.
func TestDiffTextSemanticFirst(t *testing.T) {
	args := []string{"diff", "testdata/motivating.json", "--library", "requests@2.28.1", "--against", "httpx@0.14.2", "--text"}
	code, text, errOut := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(text, "\n")
	if len(lines) < 5 || lines[2] != "@@ header Authorization removed @@" || lines[4] != "  also differs: casing of 4 headers, order, User-Agent" {
		t.Errorf("diff --text should lead with Authorization and sum up the rest in one line; got:\n%s", text)
	}
	if strings.Contains(text, "@@ header accept") {
		t.Errorf("diff --text should not write out casing changes; got:\n%s", text)
	}
	_, all, _ := runCLI(t, "", append(args, "--all")...)
	if !strings.HasPrefix(all, text) || !strings.Contains(all, "@@ header accept changed @@") {
		t.Errorf("diff --text --all should add every other change after the summary; got:\n%s", all)
	}
	_, out, _ := runCLI(t, "", args[:len(args)-1]...)
	var d struct {
		Also    string
		Changes []struct{ Key, Class string }
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	classes := map[string]string{}
	for _, c := range d.Changes {
		classes[strings.ToLower(c.Key)] = c.Class
	}
	if d.Also != "casing of 4 headers, order, User-Agent" || classes["authorization"] != "semantic" || classes["user-agent"] != "identity" || classes["host"] != "casing" {
		t.Errorf("diff JSON classes or summary wrong: %s", out)
	}
}

func TestLibraries(t *testing.T) {
	code, out, _ := runCLI(t, "", "libraries")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var libs []struct {
		Library, Profile, Verified string
		Rules                      []struct{ Name, Cite string }
	}
	if err := json.Unmarshal([]byte(out), &libs); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, l := range libs {
		names[l.Library] = true
		if l.Verified != "recorded" && l.Verified != "source-derived" {
			t.Errorf("%s: verified = %q", l.Profile, l.Verified)
		}
		for _, r := range l.Rules {
			if r.Name == "" || r.Cite == "" {
				t.Errorf("%s: rule without a name or citation: %+v", l.Profile, r)
			}
		}
	}
	for _, want := range []string{"requests", "httpx", "urllib3", "aiohttp", "axios", "ky", "got", "fetch", "ofetch", "gaxios", "net/http", "resty"} {
		if !names[want] {
			t.Errorf("libraries does not list %s", want)
		}
	}
}

func TestLibrariesNameTheirLanguage(t *testing.T) {
	_, out, _ := runCLI(t, "", "libraries")
	var libs []struct{ Library, Language string }
	if err := json.Unmarshal([]byte(out), &libs); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"requests": "python", "httpx": "python", "urllib3": "python", "aiohttp": "python", "axios": "js", "ky": "js", "got": "js", "fetch": "js", "ofetch": "js", "gaxios": "js", "net/http": "go", "resty": "go"}
	for _, l := range libs {
		if l.Language != want[l.Library] {
			t.Errorf("%s: language %q, want %q", l.Library, l.Language, want[l.Library])
		}
	}
}

// Every input is capped at merge.MaxInputBytes as it is read, a file as much
// as stdin, and an input that cannot be read has an exit status of its own.
func TestInputsAreBoundedAndIOErrorsHaveTheirOwnStatus(t *testing.T) {
	big := strings.Repeat(" ", merge.MaxInputBytes) + `{}`
	bigFile := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(bigFile, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		reason, stdin string
		args          []string
		stderr        string
	}{
		{"a missing file", "", []string{"resolve", "testdata/missing.json"}, "no such file"},
		{"a folder", "", []string{"resolve", "testdata"}, "is a directory"},
		{"a file over the limit", "", []string{"resolve", bigFile}, "big.json is over 1048576 bytes (1 MiB), the limit"},
		{"stdin over the limit", big, []string{"resolve", "-"}, "stdin is over 1048576 bytes (1 MiB), the limit"},
		{"a diff side over the limit", "", []string{"diff", "testdata/motivating.json", bigFile}, "big.json is over"},
		{"an endless device fails at once", "", []string{"resolve", "/dev/zero"}, "/dev/zero is over 1048576 bytes"},
	}
	for _, tt := range tests {
		if tt.args[len(tt.args)-1] == "/dev/zero" {
			if _, err := os.Stat("/dev/zero"); err != nil {
				continue
			}
		}
		start := time.Now()
		code, _, errOut := runCLI(t, tt.stdin, tt.args...)
		// Lower case: the system's wording varies (node's fs says "No such file").
		if code != exitIO || !strings.Contains(strings.ToLower(errOut), strings.ToLower(tt.stderr)) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d with %q", tt.reason, code, errOut, exitIO, tt.stderr)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %s; the read should stop at the limit", tt.reason, d)
		}
	}
	if !strings.Contains(usage, "3 when an input cannot be\nread") {
		t.Errorf("--help does not document exit status 3:\n%s", usage)
	}
}

func TestTimelineMotivatingCase(t *testing.T) {
	code, out, errOut := runCLI(t, "", "timeline", "testdata/motivating.json", "--library", "httpx")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"no Authorization", "→ 0.14.2: Authorization removed", "because: ", "@@ header authorization removed @@"} {
		if !strings.Contains(out, want) {
			t.Errorf("timeline text lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runCLI(t, "", "timeline", "testdata/motivating.json", "--library", "httpx", "--json", "--all-classes")
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errOut)
	}
	var tl merge.Timeline
	if err := json.Unmarshal([]byte(out), &tl); err != nil {
		t.Fatalf("--json output is not a timeline: %v\n%s", err, out)
	}
	if !tl.AllClasses || len(tl.Spans) < 2 || tl.Spans[1].From != "0.14.2" {
		t.Errorf("--json --all-classes timeline = %+v; want all classes and a span from 0.14.2", tl)
	}
}
