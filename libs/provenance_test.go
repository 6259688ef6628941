package libs

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

// TestProvenance pins the trace bugs of issue 13 item 2: each part of a request has the steps
// that produced it, cited to the function that does it; an error cites where it is raised.
// conformance/citeindex holds every profile to the same rules over every fixture.
func TestProvenance(t *testing.T) {
	tests := []struct {
		reason   string
		scenario string
		field    string
		want     []string // "value source action rule cite-substring" for each step of field, produced or not
	}{
		{"ky accumulates page=1 (client) and page=2 (request): one step each, from its own side",
			`"library": "ky@1.14.3", "client": {"base_url": "https://api.example.com/", "params": {"page": "1", "limit": "20"}}, "request": {"url": "items", "params": {"page": "2"}}`,
			"query.page", []string{"1 client set search-params merge.ts appendSearchParameters", "2 request set search-params merge.ts appendSearchParameters"}},
		{"requests' default User-Agent comes from default_headers, not the header validator",
			`"library": "requests@2.34.2", "request": {"url": "http://h.test/"}`,
			"headers.User-Agent", []string{"python-requests/2.34.2 library_default set merge-headers utils.py default_headers"}},
		{"httpx 0.14's default headers are Request.prepare's, at the tag, not httpcore at the repository root",
			`"library": "httpx@0.14.2", "request": {"url": "http://h.test/"}`,
			"headers.user-agent", []string{"python-httpx/0.14.2 library_default set auto-headers _models.py Request.prepare @0.14.2"}},
		{"axios keeps the URL's own a=0 before the params' a=1, and says so",
			`"library": "axios@1.21.1", "client": {"params": {"a": "1"}}, "request": {"url": "http://h.test/?a=0"}`,
			"query.a", []string{"0 url keep buildURL buildURL.js", "1 client set buildURL buildURL.js"}},
		{"a requests list param is one step per pair sent",
			`"library": "requests@2.28.1", "request": {"url": "http://h.test/", "params": {"tag": ["a", "b"]}}`,
			"query.tag", []string{"a request set prepare-url prepare_url", "b request set prepare-url prepare_url"}},
		{"an error cites where the library raises it: InvalidHeader in _validate_header_part",
			`"library": "requests@2.34.2", "request": {"url": "http://h.test/", "headers": {"X-Foo": false}}`,
			"error", []string{"InvalidHeader library raise merge-headers utils.py _validate_header_part @v2.34.2"}},
	}
	for _, tt := range tests {
		sc, err := merge.ParseScenario([]byte(`{"mergeplay": 1, `+tt.scenario+`}`), "")
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		res, err := Registry().Resolve(sc)
		if err != nil {
			t.Fatalf("%s: %v", tt.reason, err)
		}
		var got []merge.Step
		for _, s := range res.Trace {
			if s.Field == tt.field {
				got = append(got, s)
			}
		}
		ok := len(got) == len(tt.want)
		for i := 0; ok && i < len(got); i++ {
			w := strings.Fields(tt.want[i])
			s := got[i]
			ok = s.Value == w[0] && s.Source == strings.ReplaceAll(w[1], "_", " ") && s.Action == w[2] && s.Rule == w[3] &&
				strings.Contains(s.Cite, strings.Join(w[4:], " "))
		}
		if !ok {
			var have []string
			for _, s := range got {
				have = append(have, fmt.Sprintf("%s %s %s %s %s", s.Value, s.Source, s.Action, s.Rule, s.Cite))
			}
			t.Errorf("%s: steps of %s\n got %q\nwant %q", tt.reason, tt.field, have, tt.want)
		}
	}
}
