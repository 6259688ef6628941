package merge

import (
	"cmp"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestParseScenarioStates(t *testing.T) {
	doc := `{"mergeplay":1,"library":"x@1","request":{"headers":{"A":"v","B":null,"C":{"$undefined":true},"D":false},"auth":null}}`
	sc, err := ParseScenario([]byte(doc), "")
	if err != nil {
		t.Fatal(err)
	}
	h := sc.Request.Headers
	want := []Kind{String, Null, Undefined, Bool}
	for i, k := range want {
		if h.Fields[i].Value.Kind != k {
			t.Errorf("header %s: kind %v, want %v", h.Fields[i].Key, h.Fields[i].Value.Kind, k)
		}
	}
	if got := h.Get("E").Kind; got != Absent {
		t.Errorf("missing header E: kind %v, want absent", got)
	}
	if sc.Request.Auth.Kind != Null || sc.Client.Auth.Kind != Absent {
		t.Errorf("auth states: request %v client %v, want null and absent", sc.Request.Auth.Kind, sc.Client.Auth.Kind)
	}
}

func TestScenarioRoundTripKeepsOrder(t *testing.T) {
	doc := `{"mergeplay":1,"library":"x@1","client":{"headers":{"Z":"1","A":"2","m":["x","y"]}},"request":{"params":{"b":1.50,"a":true},"auth":{"$undefined":true}}}`
	sc, err := ParseScenario([]byte(doc), "")
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(sc)
	if string(out) != doc {
		t.Errorf("round trip changed the document:\n got %s\nwant %s", out, doc)
	}
}

func TestParseScenarioErrors(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	var many strings.Builder
	many.WriteString(`{"mergeplay":1,"library":"x@1","request":{"headers":{`)
	for i := 0; i < 10000; i++ {
		if i > 0 {
			many.WriteString(",")
		}
		fmt.Fprintf(&many, `"H%d":"v"`, i)
	}
	many.WriteString(`}}}`)
	deep := `{"mergeplay":1,"library":"x@1","request":{"json":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}}`
	tests := []struct {
		reason, doc, field, msg string
	}{
		{"invalid JSON is located by byte offset", `{"mergeplay":1,`, "", "invalid JSON at byte"},
		{"trailing garbage is rejected", `{"mergeplay":1,"library":"x@1"} x`, "", "unexpected data"},
		{"a scenario is an object", `[1]`, "(root)", "JSON object"},
		{"the format version is required", `{"library":"x@1"}`, "mergeplay", "missing"},
		{"unknown format versions are rejected", `{"mergeplay":2,"library":"x@1"}`, "mergeplay", "unsupported format version 2"},
		{"unknown top-level fields are rejected", `{"mergeplay":1,"library":"x@1","reqest":{}}`, "reqest", "unknown field"},
		{"unknown request fields name the known ones", `{"mergeplay":1,"library":"x@1","request":{"hedaers":{}}}`, `request["hedaers"]`, "request fields are method"},
		{"CR/LF in a header value", `{"mergeplay":1,"library":"x@1","request":{"headers":{"X-A":"a\r\nb"}}}`, `request.headers["X-A"]`, "contains CR/LF"},
		{"NUL in a header value", `{"mergeplay":1,"library":"x@1","request":{"headers":{"X-A":"a\u0000b"}}}`, `request.headers["X-A"]`, "NUL"},
		{"a header name must be a token", `{"mergeplay":1,"library":"x@1","client":{"headers":{"X A":"v"}}}`, `client.headers["X A"]`, "RFC 9110 token"},
		{"a header name with a colon", `{"mergeplay":1,"library":"x@1","client":{"headers":{"X:A":"v"}}}`, `client.headers["X:A"]`, "RFC 9110 token"},
		{"a 1 MB value is over the limit", `{"mergeplay":1,"library":"x@1","request":{"headers":{"X-A":"` + big[:1<<20-100] + `"}}}`, `request.headers["X-A"]`, "the limit is 65536"},
		{"10,000 headers are over the limit", many.String(), "request.headers", "the limit is 200"},
		{"deep nesting is refused", deep, "request.json", "deeper than 32"},
		{"objects are not header values", `{"mergeplay":1,"library":"x@1","request":{"headers":{"X":{"a":1}}}}`, `request.headers["X"]`, "must be a string"},
		{"wrong type for headers", `{"mergeplay":1,"library":"x@1","request":{"headers":"X: 1"}}`, "request.headers", "must be an object"},
		{"a bad undefined marker", `{"mergeplay":1,"library":"x@1","request":{"auth":{"$undefined":1}}}`, "request.auth", "exactly"},
		{"a duplicate key is ambiguous", `{"mergeplay":1,"library":"x@1","request":{"headers":{"A":"1","A":"2"}}}`, `request.headers.A`, "duplicate key"},
		{"auth with unknown fields", `{"mergeplay":1,"library":"x@1","request":{"auth":{"user":"a"}}}`, "request.auth.user", "unknown auth field"},
		{"auth with both kinds", `{"mergeplay":1,"library":"x@1","request":{"auth":{"username":"a","bearer":"t"}}}`, "request.auth", "not both"},
		{"a method must be a token", `{"mergeplay":1,"library":"x@1","request":{"method":"GE T"}}`, "request.method", "not a valid HTTP method"},
		{"a URL with a line break", `{"mergeplay":1,"library":"x@1","request":{"url":"http://a/\nb"}}`, "request.url", "CR/LF"},
		{"a cookie value with ;", `{"mergeplay":1,"library":"x@1","request":{"cookies":{"a":"1; b=2"}}}`, `request.cookies["a"]`, "split the Cookie header"},
		{"library is required", `{"mergeplay":1}`, "library", "missing"},
		{"nested lists in params", `{"mergeplay":1,"library":"x@1","request":{"params":{"a":[[1]]}}}`, `request.params["a"][0]`, "list items"},
	}
	for _, tt := range tests {
		_, err := ParseScenario([]byte(tt.doc), "")
		ie, ok := err.(*InvalidError)
		if !ok {
			t.Errorf("%s: got error %v (%T), want an InvalidError", tt.reason, err, err)
			continue
		}
		if !strings.HasPrefix(ie.Field, tt.field) || !strings.Contains(ie.Message, tt.msg) {
			t.Errorf("%s: got %q at %q, want %q at %q", tt.reason, ie.Message, ie.Field, tt.msg, tt.field)
		}
	}
}

// fakeRegistry stands in for libs.Registry, which the core must not import:
// Lookup and the JSON writers only read a profile's name, range and rules.
var fakeRegistry = NewRegistry(
	&Profile{Library: "httpx", Language: "python", Min: "0.1", Max: "0.2", Verified: Recorded, Recorded: []string{"0.1.5"},
		Switches: []Switch{{"auth-none", "disables"}}, Rules: []Rule{{Name: "r", Cite: Cite{File: "f.py", Func: "F", Tag: "0.1.5", URL: "https://example.test/<a>&"}, Doc: "d"}}},
	&Profile{Library: "httpx", Language: "python", Min: "0.2", Verified: SourceDerived, Note: "n"},
	&Profile{Library: "axios", Language: "js", Max: "1"},
)

func TestLookup(t *testing.T) {
	tests := []struct {
		reason, id, msg string
	}{
		{"no version", "httpx", "must be name@version"},
		{"unknown library", "nope@1.0", "unknown library \"nope\"; known:"},
		{"not a version", "httpx@latest", "not a version number"},
		{"outside every range", "httpx@0.0.9", "httpx@0.0.9 is outside every httpx profile; profiles: httpx >=0.1 <0.2; httpx >=0.2"},
		{"known libraries listed, sorted", "nope@1.0", "known: axios, httpx"},
	}
	if p, v, err := fakeRegistry.Lookup("httpx@0.2.1"); err != nil || p.Name() != "httpx >=0.2" || v != "0.2.1" {
		t.Errorf("fakeRegistry.Lookup(httpx@0.2.1) = %v, %q, %v; want httpx >=0.2", p, v, err)
	}
	for _, tt := range tests {
		_, _, err := fakeRegistry.Lookup(tt.id)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: Lookup(%q) = %v, want an error containing %q", tt.reason, tt.id, err, tt.msg)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"0.14.1", "0.14.2", -1},
		{"0.14.10", "0.14.2", 1},
		{"1.26.8", "go1.26.8", 0},
		{"v2.17.2", "2.17.2", 0},
		{"2.0.0-rc1", "2.0.0", -1},
		{"20", "20.20.2", -1},
		{"1.2", "1.2.0", 0},
		{"1.", "1.0", 0},
		{"1..2", "1.0.2", 0},
		{"", "0", 0},
		{"1.x.3", "1.0.3", 0},
		{"1.99999999999999999999", "1.9223372036854775807", 0},
		{"1.0.0a1", "1.0.0b1", -1},
		{"1.10.0", "1.9.9", 1},
	}
	for _, tt := range tests {
		if got := CompareVersions(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestCompareVersionsAllocatesNothing: axios's version facts compare the
// asked-for release with ~35 boundaries per call, several calls per resolve.
func TestCompareVersionsAllocatesNothing(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { CompareVersions("1.21.1", "v1.2.0-rc1") }); n != 0 {
		t.Errorf("CompareVersions allocates %v times per call, want 0", n)
	}
}

// TestCompareVersionsAsSplit holds CompareVersions to the definition it had
// when it split both versions into slices: every pair of these must order
// the same way.
func TestCompareVersionsAsSplit(t *testing.T) {
	split := func(v string) ([]int, string) {
		v = strings.TrimPrefix(strings.TrimPrefix(v, "go"), "v")
		num, suffix := v, ""
		if i := strings.IndexAny(v, "-+abrc"); i >= 0 {
			num, suffix = v[:i], v[i:]
		}
		var parts []int
		for _, p := range strings.Split(num, ".") {
			n, _ := strconv.Atoi(p)
			parts = append(parts, n)
		}
		return parts, suffix
	}
	want := func(a, b string) int {
		pa, sa := split(a)
		pb, sb := split(b)
		for i := 0; i < len(pa) || i < len(pb); i++ {
			var x, y int
			if i < len(pa) {
				x = pa[i]
			}
			if i < len(pb) {
				y = pb[i]
			}
			if x != y {
				return cmp.Compare(x, y)
			}
		}
		switch {
		case sa == sb:
			return 0
		case sa == "":
			return 1
		case sb == "":
			return -1
		}
		return strings.Compare(sa, sb)
	}
	vs := []string{"", "0", "1", "1.", ".1", "1..2", "1.2", "1.2.0", "1.2.3", "1.10", "01.2", "v1.2", "go1.26.8", "1.26.8",
		"2.0.0-rc1", "2.0.0rc1", "2.0.0b2", "2.0.0+build", "2.0.0", "1.x", "x", "-1", "+1", "1.-2", "1.2.3.4.5",
		"99999999999999999999", "9223372036854775807", "1.0000000000000000001", "١.٢", "1.2a", "1.2c1"}
	for _, a := range vs {
		for _, b := range vs {
			if got, w := CompareVersions(a, b), want(a, b); got != w {
				t.Errorf("CompareVersions(%q, %q) = %d, want %d (as split)", a, b, got, w)
			}
		}
	}
}

func TestSideField(t *testing.T) {
	var s Side
	for name, want := range map[string]*Value{"base_url": &s.BaseURL, "prefix": &s.Prefix, "json": &s.JSON, "via": &s.Via, "allowAbsoluteUrls": &s.AllowAbsoluteURLs, "headers": &s.Headers} {
		if got := s.Field(name); got != want {
			t.Errorf("Field(%q) is not the side's %s field", name, name)
		}
	}
	if got := s.Field("Headers"); got != nil {
		t.Errorf(`Field("Headers") = %v, want nil: scenario names are case-sensitive`, got)
	}
}
