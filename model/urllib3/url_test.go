package urllib3

import "testing"

// Each case is a recording of urllib3 2.8.0 (libs/urllib3/testdata/fixtures): the request-target
// PoolManager.urlopen sends for the URL and the Host http.client writes.
func TestRequestURIAndHost(t *testing.T) {
	tests := []struct {
		reason, url, target, host string
	}{
		{"fields glued after a second '?' stay in the query", "http://api.example.test/v1/users?q=0?a=2", "/v1/users?q=0?a=2", "api.example.test"},
		{"everything after '#' is the fragment, which is not sent", "http://api.example.test/v1/users?q=1#frag?a=2", "/v1/users?q=1", "api.example.test"},
		{"an empty query keeps its '?', so fields make '??'", "http://api.example.test/v1/users??a=9", "/v1/users??a=9", "api.example.test"},
		{"no scheme: the text is the host, and the path is /", "users", "/", "users"},
		{"the host is lower-cased", "http://API.Example.TEST/v1/ping", "/v1/ping", "api.example.test"},
		{"the scheme's default port is not written", "http://api.example.test:80/v1/ping", "/v1/ping", "api.example.test"},
		{"another port is", "http://api.example.test:8080/v1/ping", "/v1/ping", "api.example.test:8080"},
		{"no path is /", "http://api.example.test", "/", "api.example.test"},
	}
	for _, tt := range tests {
		u, err := ParseURL(tt.url, true)
		if err != nil {
			t.Fatalf("%s: ParseURL(%q): %v", tt.reason, tt.url, err.Location)
		}
		scheme := u.Scheme
		if scheme == "" {
			scheme = "http"
		}
		if got := u.RequestURI(); got != tt.target {
			t.Errorf("%s: RequestURI(%q) = %q, want %q", tt.reason, tt.url, got, tt.target)
		}
		if got := u.HostHeader(scheme); got != tt.host {
			t.Errorf("%s: HostHeader(%q) = %q, want %q", tt.reason, tt.url, got, tt.host)
		}
	}
}
