package undici

import (
	"testing"

	"github.com/mergeplay/mergeplay/merge"
)

func TestMethod(t *testing.T) {
	tests := []struct {
		reason, in, want, err string
	}{
		{"the six standard methods are upper-cased in any case", "Delete", "DELETE", ""},
		{"lower-case too", "options", "OPTIONS", ""},
		{"patch is not one of them", "patch", "patch", ""},
		{"other tokens are kept", "Purge", "Purge", ""},
		{"forbidden methods are refused", "trace", "", "'trace' HTTP method is unsupported."},
	}
	for _, tc := range tests {
		got, err := Method(tc.in)
		if got != tc.want || err != tc.err {
			t.Errorf("Method(%q) = %q, %q; want %q, %q: %s", tc.in, got, err, tc.want, tc.err, tc.reason)
		}
	}
}

func TestHeadersSetKeepsPosition(t *testing.T) {
	h, msg := FromRecordForTest(`X-A`, `X-B`)
	if msg != "" {
		t.Fatal(msg)
	}
	h.Set("x-a", "9", "request")
	if h.L[0].Name != "x-a" || h.L[0].Value != "9" || h.L[1].Name != "X-B" {
		t.Errorf("Set replaces the spelling and value where the name is: %+v", h.L)
	}
	if e := h.Entries(); e[1].Name != "x-b" {
		t.Errorf("Entries lower-cases and sorts: %+v", e)
	}
}

// FromRecordForTest builds a list with the names given, each value "1".
func FromRecordForTest(names ...string) (*Headers, string) {
	h := &Headers{}
	for _, n := range names {
		h.Append(n, "1", "client")
	}
	return h, ""
}

// TestWriteContentLength: a content-length request header must be the body's length; a
// negative one fails too (recorded with fetch@20.20.2, ofetch@1.5.1 and ky@1.14.3: TypeError:
// fetch failed), where the writer once sent the body chunked.
func TestWriteContentLength(t *testing.T) {
	tests := []struct {
		reason, header, body, want string
	}{
		{"no header: the body's length", "", "hi", "content-length: 2"},
		{"the body's length given", "2", "hi", "content-length: 2"},
		{"another length fails", "9", "hi", "TypeError: fetch failed"},
		{"a negative length fails", "-5", "hi", "TypeError: fetch failed"},
	}
	for _, tc := range tests {
		u, msg := ParseURL("http://a.test/x")
		if msg != "" {
			t.Fatal(msg)
		}
		r := &Request{Method: "POST", URL: u, Headers: &Headers{}, Body: []byte(tc.body), HasBody: true}
		if tc.header != "" {
			r.Headers.Append("Content-Length", tc.header, merge.SourceRequest)
		}
		s := &merge.State{Vars: map[string]any{}}
		Defaults(s, r, merge.Cite{}, merge.Cite{})
		Write(s, r)
		got := ""
		if e := s.Err(); e != nil {
			got = e.Type + ": " + e.Message
		} else {
			for _, h := range s.Headers {
				if h.Name == "content-length" || h.Name == "transfer-encoding" {
					got = h.Name + ": " + h.Value
				}
			}
		}
		if got != tc.want {
			t.Errorf("Write with content-length %q and body %q: %s, want %s: %s", tc.header, tc.body, got, tc.want, tc.reason)
		}
	}
}
