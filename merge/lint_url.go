package merge

import (
	"net/url"
	"strings"
)

// The URL checks: where the request went compared with the base URL, and
// what became of the URL's own query and userinfo.

// baseURL is the client's base: base_url, else an absolute prefix.
func (c *lintCase) baseURL() *url.URL {
	for _, v := range []Value{c.sc.Client.BaseURL, c.sc.Client.Prefix} {
		if v.Kind != String {
			continue
		}
		if u, err := url.Parse(v.Text); err == nil && u.Host != "" {
			return u
		}
	}
	return nil
}

// origin is scheme-less host[:port], lowercased, without the scheme's default port.
func origin(host, scheme string) string {
	h := strings.ToLower(host)
	if scheme == "http" || scheme == "" {
		h = strings.TrimSuffix(h, ":80")
	}
	if scheme == "https" || scheme == "" {
		h = strings.TrimSuffix(h, ":443")
	}
	return h
}

// sentHost is the host the request went to: the URL's, else the Host header.
func (c *lintCase) sentHost() string {
	if u, err := url.Parse(c.w.URL); err == nil && u.Host != "" {
		return origin(u.Host, u.Scheme)
	}
	h, _ := c.wireHeader("Host")
	return origin(h, "")
}

// credentialHeader reports whether a header carries credentials: the
// standard ones, and the usual names of token and API-key headers.
func credentialHeader(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "authorization", "proxy-authorization", "cookie":
		return true
	}
	for _, w := range []string{"token", "api-key", "apikey", "secret"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// fromClient reports whether a credential header on the wire is the
// client's: the client sets it (as a header, or as auth or cookies) and the
// request does not set it itself.
func (c *lintCase) fromClient(name string) bool {
	cl, rq := c.sc.Client, c.sc.Request
	n := strings.ToLower(name)
	if hasValue(header(&rq, name)) || n == "authorization" && rq.Auth.Kind == Object {
		return false
	}
	return hasValue(header(&cl, name)) ||
		n == "authorization" && cl.Auth.Kind == Object ||
		n == "cookie" && cl.Cookies.Kind == Object && len(cl.Cookies.Fields) > 0
}

func crossHostCredentials(c *lintCase) string {
	base := c.baseURL()
	if base == nil {
		return ""
	}
	want, got := origin(base.Host, base.Scheme), c.sentHost()
	if got == "" || got == want {
		return ""
	}
	var names []string
	for _, h := range c.w.Headers {
		if credentialHeader(h[0]) && c.fromClient(h[0]) {
			names = append(names, h[0])
		}
	}
	if names == nil {
		return ""
	}
	return "The client's " + strings.Join(names, ", ") + " went to " + got + ", not to the base URL's host " + want +
		": an absolute or protocol-relative request URL escapes the base and takes the client's credentials with it."
}

// queryKeys are the decoded names of a raw query, in order.
func queryKeys(raw string) []string {
	var out []string
	for _, kv := range strings.Split(raw, "&") {
		if kv == "" {
			continue
		}
		k, _, _ := strings.Cut(kv, "=")
		if d, err := url.QueryUnescape(k); err == nil {
			k = d
		}
		out = append(out, k)
	}
	return out
}

// urlQuery is the raw query of a URL as written (before any fragment).
func urlQuery(raw string) string {
	raw, _, _ = strings.Cut(raw, "#")
	_, q, _ := strings.Cut(raw, "?")
	return q
}

func paramsDropURLQuery(c *lintCase) string {
	own := queryKeys(urlQuery(c.sc.Request.URL.Str()))
	cp, rp := c.sc.Client.Params, c.sc.Request.Params
	if own == nil || cp.Kind != Object && rp.Kind != Object {
		return ""
	}
	// A key the params name replaces the URL's on purpose in every library
	// that merges; only the keys the params never mention are checked.
	named := map[string]bool{}
	for _, p := range []Value{cp, rp} {
		for _, f := range p.Fields {
			named[f.Key] = true
		}
	}
	sent := map[string]bool{}
	for _, k := range queryKeys(urlQuery(c.w.Target)) {
		sent[k] = true
	}
	var lost []string
	for _, k := range own {
		if !named[k] && !sent[k] && !contains(lost, k) {
			lost = append(lost, k)
		}
	}
	if lost == nil {
		return ""
	}
	return "The URL's own query (" + strings.Join(lost, ", ") + ") was dropped because params were given: the library replaces the URL's query with the params instead of merging them."
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// absoluteRef reports whether a request URL names its own scheme or host.
func absoluteRef(ref string) bool {
	if strings.HasPrefix(ref, "//") {
		return true
	}
	u, err := url.Parse(ref)
	return err == nil && u.Scheme != ""
}

func basePathDropped(c *lintCase) string {
	base := c.baseURL()
	ref := c.sc.Request.URL
	if base == nil || ref.Kind != String || absoluteRef(ref.Text) {
		return ""
	}
	path := strings.TrimRight(base.EscapedPath(), "/")
	if path == "" || c.sentHost() != origin(base.Host, base.Scheme) {
		return ""
	}
	refPath, _, _ := strings.Cut(ref.Text, "?")
	for _, seg := range strings.Split(refPath, "/") {
		if seg == ".." {
			return "" // climbing out of the base is what the user wrote
		}
	}
	sent, _, _ := strings.Cut(c.w.Target, "?")
	if sent == path || strings.HasPrefix(sent, path+"/") {
		return ""
	}
	return "The base URL's path " + path + " was dropped: \"" + ref.Text + "\" went to " + sent + ". Resolving a reference (RFC 3986) replaces the base's last segment, and a leading slash replaces its whole path."
}

func credentialsInURL(c *lintCase) string {
	for _, v := range []Value{c.sc.Request.URL, c.sc.Client.BaseURL} {
		u, err := url.Parse(v.Str())
		if v.Kind != String || err != nil || u.User == nil {
			continue
		}
		user := u.User.Username()
		pw, _ := u.User.Password()
		auth, ok := c.wireHeader("Authorization")
		switch {
		case ok && auth == BasicAuth(user, pw):
			return "The URL's userinfo (" + user + ":…) was sent as Authorization: Basic. Credentials in a URL end up in logs and history, and fetch refuses such a URL."
		case ok:
			return "The URL's userinfo (" + user + ":…) was not sent: another Authorization replaced it."
		}
		return "The URL's userinfo (" + user + ":…) was dropped: no Authorization was sent."
	}
	return ""
}
