package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/libs"
	"github.com/mergeplay/mergeplay/merge"
)

const motivating = `{"mergeplay":1,"library":"httpx@0.14.2","client":{"auth":{"username":"john","password":"admin"}},"request":{"url":"http://api.example.test/users","auth":null}}`

func do(t *testing.T, method, path, ctype, body string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	New().ServeHTTP(w, r)
	return w
}

type apiErr struct {
	Error merge.APIError `json:"error"`
}

func TestResolveMatchesEngine(t *testing.T) {
	w := do(t, "POST", "/api/resolve", "application/json", motivating)
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if got, want := w.Body.String(), string(libs.Registry().ResolveJSON([]byte(motivating))); got != want {
		t.Errorf("API result differs from the engine's:\n got %s\nwant %s", got, want)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Error("CORS header missing on a normal response")
	}
}

// TestResolveLints: the API's result carries the lints, here the
// CVE-2025-27152 leak of a client token to the host of an absolute URL.
func TestResolveLints(t *testing.T) {
	doc := `{"mergeplay":1,"library":"axios@1.21.1","client":{"base_url":"https://api.example.com/v1/","headers":{"Authorization":"Bearer t"}},"request":{"url":"https://evil.example.net/x"}}`
	w := do(t, "POST", "/api/resolve", "application/json", doc)
	var res struct{ Lints []merge.Lint }
	if err := json.Unmarshal(w.Body.Bytes(), &res); w.Code != 200 || err != nil {
		t.Fatalf("status %d, %v: %s", w.Code, err, w.Body)
	}
	if len(res.Lints) != 1 || res.Lints[0].Code != "credentials-cross-host" || !strings.Contains(res.Lints[0].Message, "evil.example.net") {
		t.Errorf("lints = %+v, want credentials-cross-host naming evil.example.net", res.Lints)
	}
}

// TestLoneSurrogatesRoundTrip: a lone surrogate escape reaches the profile
// and comes back as the same escape in the API's JSON, byte for byte what
// the page gets from the engine (json.Marshal alone would write U+FFFD).
func TestLoneSurrogatesRoundTrip(t *testing.T) {
	for _, doc := range []string{
		`{"mergeplay":1,"library":"got@16.1.0","request":{"method":"POST","url":"http://api.example.test/users","json":{"s":"a\ud800b"},"headers":{"X-A":"\udc00"}}}`,
		`{"mergeplay":1,"library":"requests@2.34.2","request":{"url":"http://api.example.test/users","params":{"q":"a\ud800b"}}}`,
	} {
		w := do(t, "POST", "/api/resolve", "application/json", doc)
		if w.Code != 200 {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		if got, want := w.Body.String(), string(libs.Registry().ResolveJSON([]byte(doc))); got != want {
			t.Errorf("API result differs from the engine's:\n got %s\nwant %s", got, want)
		}
		if !strings.Contains(w.Body.String(), `\ud800`) && !strings.Contains(w.Body.String(), `\\ud800`) {
			t.Errorf("the surrogate is not written back as an escape: %s", w.Body)
		}
	}
}

func TestErrors(t *testing.T) {
	big := `{"mergeplay":1,"library":"httpx@0.14.2","request":{"body":"` + strings.Repeat("x", 70<<10) + `"}}`
	tests := []struct {
		reason, method, path, ctype, body string
		status                            int
		code, field, allow                string
	}{
		{"invalid JSON is 400 with the byte offset", "POST", "/api/resolve", "application/json", `{"mergeplay":`, 400, merge.CodeInvalid, "", ""},
		{"CR/LF in a header is a located 400", "POST", "/api/resolve", "application/json",
			`{"mergeplay":1,"library":"httpx@0.14.2","request":{"headers":{"X-A":"a\nb"}}}`, 400, merge.CodeInvalid, `request.headers["X-A"]`, ""},
		{"raw invalid UTF-8 is a located 400", "POST", "/api/resolve", "application/json",
			`{"mergeplay":1,"library":"httpx@0.14.2","request":{"headers":{"X-A":"caf` + "\xe9" + `"}}}`, 400, merge.CodeInvalid, "", ""},
		{"unknown library is 400 on field library", "POST", "/api/resolve", "application/json", `{"mergeplay":1,"library":"nope@1"}`, 400, merge.CodeLibrary, "library", ""},
		{"a non-JSON content type is 415", "POST", "/api/resolve", "text/plain", motivating, 415, "unsupported_media_type", "", ""},
		{"no content type is 415", "POST", "/api/resolve", "", motivating, 415, "unsupported_media_type", "", ""},
		{"a body over 64 KiB is 413", "POST", "/api/resolve", "application/json", big, 413, "too_large", "", ""},
		{"GET on resolve is 405 with Allow", "GET", "/api/resolve", "", "", 405, "method_not_allowed", "", "POST, OPTIONS"},
		{"POST on libraries is 405 with Allow", "POST", "/api/libraries", "application/json", "{}", 405, "method_not_allowed", "", "GET, HEAD, OPTIONS"},
		{"unknown paths are 404", "GET", "/api/nope", "", "", 404, "not_found", "", ""},
		{"diff without b or against is 400", "POST", "/api/diff", "application/json", `{"a":` + motivating + `}`, 400, merge.CodeInvalid, "b", ""},
		{"diff with a bad side names the side", "POST", "/api/diff", "application/json", `{"a":` + motivating + `,"b":{"mergeplay":1}}`, 400, merge.CodeInvalid, "b.library", ""},
		{"diff keys are case-sensitive: Against is not against", "POST", "/api/diff", "application/json", `{"a":` + motivating + `,"Against":"httpx@0.14.1"}`, 400, merge.CodeInvalid, "Against", ""},
		{"diff keys are case-sensitive: A is not a", "POST", "/api/diff", "application/json", `{"A":` + motivating + `,"against":"httpx@0.14.1"}`, 400, merge.CodeInvalid, "A", ""},
		{"a repeated diff key is an error", "POST", "/api/diff", "application/json", `{"a":` + motivating + `,"against":"httpx@0.14.1","against":"httpx@0.14.2"}`, 400, merge.CodeInvalid, "against", ""},
		{"an unknown diff key is an error", "POST", "/api/diff", "application/json", `{"a":` + motivating + `,"b":` + motivating + `,"c":1}`, 400, merge.CodeInvalid, "c", ""},
		{"a diff envelope of the wrong type is located", "POST", "/api/diff", "application/json", `{"a":` + motivating + `,"against":7}`, 400, merge.CodeInvalid, "against", ""},
		{"timeline without a scenario is 400", "POST", "/api/timeline", "application/json", `{"library":"httpx"}`, 400, merge.CodeInvalid, "scenario", ""},
		{"timeline of an unknown library is 400 on library", "POST", "/api/timeline", "application/json", `{"scenario":` + motivating + `,"library":"nope"}`, 400, merge.CodeLibrary, "library", ""},
		{"a timeline scenario's error is located inside it", "POST", "/api/timeline", "application/json",
			`{"scenario":{"mergeplay":1,"request":{"headers":{"X-A":"a\nb"}}},"library":"httpx"}`, 400, merge.CodeInvalid, `scenario.request.headers["X-A"]`, ""},
		{"timeline over 64 KiB is 413", "POST", "/api/timeline", "application/json", `{"scenario":` + big + `}`, 413, "too_large", "", ""},
		{"GET on timeline is 405 with Allow", "GET", "/api/timeline", "", "", 405, "method_not_allowed", "", "POST, OPTIONS"},
		{"timeline as text/plain is 415", "POST", "/api/timeline", "text/plain", `{"scenario":` + motivating + `}`, 415, "unsupported_media_type", "", ""},
		{"a doubled slash is a JSON 404, not a redirect", "POST", "//api/resolve", "application/json", motivating, 404, "not_found", "", ""},
		{"a doubled slash on GET too", "GET", "//api/libraries", "", "", 404, "not_found", "", ""},
		{"a dot segment is a JSON 404", "GET", "/api/./libraries", "", "", 404, "not_found", "", ""},
	}
	for _, tt := range tests {
		w := do(t, tt.method, tt.path, tt.ctype, tt.body)
		var e apiErr
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
			t.Errorf("%s: body is not JSON: %s", tt.reason, w.Body)
			continue
		}
		if w.Code != tt.status || e.Error.Code != tt.code || e.Error.Field != tt.field || e.Error.Message == "" {
			t.Errorf("%s: got %d %+v, want %d code=%s field=%q", tt.reason, w.Code, e.Error, tt.status, tt.code, tt.field)
		}
		if got := w.Header().Get("Allow"); got != tt.allow {
			t.Errorf("%s: Allow = %q, want %q", tt.reason, got, tt.allow)
		}
	}
}

func TestPreflight(t *testing.T) {
	w := do(t, "OPTIONS", "/api/resolve", "", "", "Origin", "https://docs.example", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
	if w.Code != http.StatusNoContent {
		t.Fatalf("preflight status %d", w.Code)
	}
	for k, want := range map[string]string{
		"Access-Control-Allow-Origin":  "*",
		"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
		"Access-Control-Allow-Headers": "Content-Type",
	} {
		if got := w.Header().Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if w.Header().Get("Access-Control-Allow-Credentials") != "" {
		t.Error("credentials must not be allowed")
	}
}

func TestDiffForms(t *testing.T) {
	other := strings.Replace(motivating, "httpx@0.14.2", "httpx@0.14.1", 1)
	withAgainst := strings.TrimSuffix(other, "}") + `,"against":"httpx@0.14.2"}`
	bodies := map[string]string{
		"two scenarios":            `{"a":` + other + `,"b":` + motivating + `}`,
		"a plus against":           `{"a":` + other + `,"against":"httpx@0.14.2"}`,
		"scenario with an against": withAgainst,
	}
	for name, body := range bodies {
		w := do(t, "POST", "/api/diff", "application/json", body)
		if w.Code != 200 {
			t.Errorf("%s: status %d: %s", name, w.Code, w.Body)
			continue
		}
		var d merge.Diff
		if err := json.Unmarshal(w.Body.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		removed := false
		for _, c := range d.Changes {
			removed = removed || (c.Part == "header" && strings.EqualFold(c.Key, "Authorization") && c.Op == "removed")
		}
		if !removed || d.A.Library != "httpx@0.14.1" || d.B.Library != "httpx@0.14.2" {
			t.Errorf("%s: want Authorization removed from 0.14.1 to 0.14.2, got %+v", name, d)
		}
	}
}

func TestLibrariesAndHealth(t *testing.T) {
	if w := do(t, "GET", "/healthz", "", ""); w.Code != 200 || !strings.Contains(w.Body.String(), `"ok":true`) {
		t.Errorf("healthz: %d %s", w.Code, w.Body)
	}
	w := do(t, "GET", "/api/libraries", "", "")
	if w.Code != 200 || w.Body.String() != string(libs.Registry().LibrariesJSON()) {
		t.Errorf("libraries: %d", w.Code)
	}
}

func TestTimelineMatchesEngine(t *testing.T) {
	body := `{"scenario":` + motivating + `,"library":"httpx"}`
	w := do(t, "POST", "/api/timeline", "application/json", body, "Origin", "https://docs.example")
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if got, want := w.Body.String(), string(libs.Registry().TimelineJSON([]byte(body))); got != want {
		t.Errorf("API timeline differs from the engine's:\n got %s\nwant %s", got, want)
	}
	if w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Error("CORS header missing on the timeline")
	}
	var tl struct {
		Spans      []struct{ From, To, Summary string }
		Boundaries []struct{ From, To, Summary string }
	}
	if err := json.Unmarshal(w.Body.Bytes(), &tl); err != nil {
		t.Fatal(err)
	}
	if len(tl.Boundaries) != 1 || tl.Boundaries[0].To != "0.14.2" || tl.Boundaries[0].Summary != "Authorization removed" {
		t.Errorf("timeline boundaries = %+v; want one, at 0.14.2: Authorization removed", tl.Boundaries)
	}
}
