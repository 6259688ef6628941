package aiohttp

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
)

// aiohttp holds every URL as a yarl.URL. Every recorded venv pins yarl 1.25.1
// (pip resolves the newest yarl each aiohttp release admits), so this file
// models that yarl: split_url and encode_url (_parse.py, _url.py), the
// _Quoter of _quoting_py.py, URL.join and query_var (_query.py).

const yarlVersion = "1.25.1"

// yurl is a parsed yarl.URL: the parts as encode_url stores them (quoted).
type yurl struct {
	scheme   string
	netloc   bool // an authority was given ("//…")
	user     string
	password string
	hasUser  bool
	hasPass  bool
	host     string // raw_host: lower-cased ASCII
	port     int
	hasPort  bool
	path     string // raw path, "" when none
	query    string // raw query string
	fragment string
}

// absolute is URL.absolute: the URL has a host.
func (u yurl) absolute() bool { return u.netloc && u.host != "" }

// rawPath is URL.raw_path: "/" for an authority without a path.
func (u yurl) rawPath() string {
	if u.path == "" && u.netloc {
		return "/"
	}
	return u.path
}

func defaultPort(scheme string) (int, bool) {
	switch scheme {
	case "http", "ws":
		return 80, true
	case "https", "wss":
		return 443, true
	}
	return 0, false
}

// hostHeader is ClientRequest.update_headers' Host: the host, then ":port"
// unless the port is the scheme's default.
func (u yurl) hostHeader() string {
	h := u.host
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	if u.hasPort {
		if d, ok := defaultPort(u.scheme); !ok || d != u.port {
			h += ":" + strconv.Itoa(u.port)
		}
	}
	return h
}

// origin is URL.origin(): scheme, host and port (explicit or default).
func (u yurl) origin() string {
	p := u.port
	if !u.hasPort {
		p, _ = defaultPort(u.scheme)
	}
	return u.scheme + "://" + u.host + ":" + strconv.Itoa(p)
}

// isOrigin is 3.8–3.10's check base_url.origin() == base_url: no user, path
// ("/" or empty), query or fragment.
func (u yurl) isOrigin() bool {
	return u.absolute() && !u.hasUser && !u.hasPass && (u.path == "" || u.path == "/") && u.query == "" && u.fragment == ""
}

// String is str(URL).
func (u yurl) String() string {
	var b strings.Builder
	if u.scheme != "" {
		b.WriteString(u.scheme + ":")
	}
	if u.netloc {
		b.WriteString("//")
		if u.hasUser {
			b.WriteString(u.user)
			if u.hasPass {
				b.WriteString(":" + u.password)
			}
			b.WriteString("@")
		}
		b.WriteString(u.hostHeaderRaw())
		if u.path != "" && u.path[0] != '/' {
			b.WriteString("/")
		}
	}
	b.WriteString(u.path)
	if u.query != "" {
		b.WriteString("?" + u.query)
	}
	if u.fragment != "" {
		b.WriteString("#" + u.fragment)
	}
	return b.String()
}

func (u yurl) hostHeaderRaw() string {
	h := u.host
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	if u.hasPort {
		h += ":" + strconv.Itoa(u.port)
	}
	return h
}

const schemeChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."

// parseURL is URL(str): split_url, then encode_url. A ValueError is
// returned as its message.
// stripTabNewline is yarl's (urllib.parse's) removal of tabs and newlines
// from a URL, built once (a Replacer per call allocates ~16 KB).
var stripTabNewline = strings.NewReplacer("\t", "", "\r", "", "\n", "")

func parseURL(raw string) (yurl, error) {
	var u yurl
	s := strings.TrimLeft(raw, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	s = stripTabNewline.Replace(s)
	if i := strings.IndexByte(s, ':'); i > 0 && strings.IndexByte(schemeChars, s[0]) >= 0 {
		ok := true
		for j := 1; j < i; j++ {
			if strings.IndexByte(schemeChars, s[j]) < 0 {
				ok = false
				break
			}
		}
		if ok {
			u.scheme, s = strings.ToLower(s[:i]), s[i+1:]
		}
	}
	netloc := ""
	if strings.HasPrefix(s, "//") {
		end := len(s)
		if j := strings.IndexAny(s[2:], "/?#"); j >= 0 {
			end = j + 2
		}
		netloc, s = s[2:end], s[end:]
		u.netloc = true
		if strings.Contains(netloc, "\\") {
			return u, fmt.Errorf("Invalid URL: backslash ('\\') is not allowed in the authority component per RFC 3986.")
		}
		if strings.ContainsAny(netloc, "[]") {
			return u, fmt.Errorf("Invalid IPv6 URL")
		}
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s, u.fragment = s[:i], s[i+1:]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s, u.query = s[:i], s[i+1:]
	}
	if netloc != "" {
		hostinfo := netloc
		if i := strings.LastIndexByte(netloc, '@'); i >= 0 {
			userinfo := netloc[:i]
			hostinfo = netloc[i+1:]
			user, pass, hasPass := strings.Cut(userinfo, ":")
			// URL.user and URL.password are the decoded texts.
			u.user, u.hasUser = unquote(user, false), user != ""
			u.password, u.hasPass = unquote(pass, false), hasPass
		}
		host, portStr, _ := strings.Cut(hostinfo, ":")
		if portStr != "" {
			n, err := strconv.Atoi(portStr)
			if err != nil || strings.ContainsAny(portStr, "+- ") {
				return u, fmt.Errorf("Invalid URL: port can't be converted to integer")
			}
			if n < 0 || n > 65535 {
				return u, fmt.Errorf("Port out of range 0-65535")
			}
			u.port, u.hasPort = n, true
		}
		if host == "" && (u.scheme == "http" || u.scheme == "https" || u.scheme == "ws" || u.scheme == "wss") {
			return u, fmt.Errorf("Invalid URL: host is required for absolute urls with the %s scheme", u.scheme)
		}
		for i := 0; i < len(host); i++ {
			if host[i] >= 0x80 {
				return u, errNonASCIIHost
			}
		}
		u.host = strings.ToLower(host)
	}
	if s != "" {
		s = quote(s, pathRequoter)
		if u.netloc && strings.Contains(s, ".") {
			s = normalizePath(s)
		}
	}
	u.path = s
	if u.query != "" {
		u.query = quote(u.query, queryRequoter)
	}
	if u.fragment != "" {
		u.fragment = quote(u.fragment, pathQ{safe: "?/:@", requote: true})
	}
	return u, nil
}

// errNonASCIIHost: yarl IDNA-encodes such a host; the profile does not model
// IDNA (no corpus case has one), so it says so rather than guess.
var errNonASCIIHost = fmt.Errorf("non-ASCII host")

// normalizePath is _path.normalize_path: drop "." and ".." segments.
func normalizePath(p string) string {
	prefix := ""
	if strings.HasPrefix(p, "/") {
		prefix, p = "/", p[1:]
	}
	segs := strings.Split(p, "/")
	var out []string
	for _, s := range segs {
		switch s {
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		case ".":
		default:
			out = append(out, s)
		}
	}
	if n := len(segs); n > 0 && (segs[n-1] == "." || segs[n-1] == "..") {
		out = append(out, "")
	}
	return prefix + strings.Join(out, "/")
}

// join is URL.join(url) for an http(s) base.
func (b yurl) join(u yurl) yurl {
	scheme := u.scheme
	if scheme == "" {
		scheme = b.scheme
	}
	if scheme != b.scheme {
		return u
	}
	if u.netloc && u.host != "" {
		u.scheme = scheme
		return u
	}
	out := b
	out.fragment = ""
	path := b.path
	if jp := u.path; jp != "" {
		switch {
		case jp[0] == '/':
			path = jp
		case b.path == "":
			path = "/" + jp
		case strings.HasSuffix(b.path, "/"):
			path = b.path + jp
		default:
			path = b.path[:strings.LastIndexByte(b.path, '/')+1] + jp
		}
		if strings.Contains(path, ".") {
			path = normalizePath(path)
		}
	}
	out.path = path
	if u.path != "" || u.query != "" {
		out.query = u.query
	}
	if u.path != "" || u.fragment != "" {
		out.fragment = u.fragment
	}
	return out
}

// pathQ is one _Quoter configuration.
type pathQ struct {
	safe, protected string
	qs, requote     bool
}

var (
	pathRequoter    = pathQ{safe: "@:", protected: "/+", requote: true}
	queryRequoter   = pathQ{safe: "?/:@", protected: "=+&;", qs: true, requote: true}
	queryPartQuoter = pathQ{safe: "?/:@", qs: true}
)

const (
	unreserved   = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
	subDelimsNQS = "!$'()*,"
	qsChars      = "+&=;"
)

func isHexUpper(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' }

// quote is _Quoter.__call__: the text is UTF-8 encoded with errors="ignore"
// (a lone surrogate is dropped), then each byte is kept or %XX-encoded;
// with requote an existing %XX is upper-cased, and decoded when it is a
// safe, unprotected character.
func quote(val string, q pathQ) string {
	var bval []byte
	for _, r := range merge.Runes(val) {
		if merge.IsSurrogate(r) {
			continue
		}
		bval = append(bval, string(r)...)
	}
	safe := q.safe + unreserved + subDelimsNQS
	if !q.qs {
		safe += qsChars
	}
	safe += q.protected
	var ret []byte
	for idx := 0; idx < len(bval); idx++ {
		ch := bval[idx]
		if ch == '%' && q.requote {
			if idx+2 < len(bval) {
				h := []byte{upper(bval[idx+1]), upper(bval[idx+2])}
				if isHexUpper(h[0]) && isHexUpper(h[1]) {
					n, err := strconv.ParseUint(string(h), 16, 8)
					if err == nil {
						c := byte(n)
						switch {
						case strings.IndexByte(q.protected, c) >= 0 && c < 0x80:
							ret = append(ret, '%', h[0], h[1])
						case c < 0x80 && strings.IndexByte(safe, c) >= 0:
							ret = append(ret, c)
						default:
							ret = append(ret, '%', h[0], h[1])
						}
						idx += 2
						continue
					}
				}
			}
			ret = append(ret, "%25"...)
			continue
		}
		if q.qs && ch == ' ' {
			ret = append(ret, '+')
			continue
		}
		if ch < 0x80 && strings.IndexByte(safe, ch) >= 0 {
			ret = append(ret, ch)
			continue
		}
		ret = append(ret, fmt.Sprintf("%%%02X", ch)...)
	}
	return string(ret)
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 32
	}
	return c
}

// unquoteQS is the query-string unquoting of URL.query (parse_qsl with
// keep_blank_values, '+' as space): the pairs of a raw query string.
func parseQuery(raw string) [][2]string {
	var out [][2]string
	if raw == "" {
		return nil
	}
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		out = append(out, [2]string{unquotePlus(k), unquotePlus(v)})
	}
	return out
}

func unquotePlus(s string) string { return unquote(s, true) }

// unquote decodes %XX escapes (and '+' as a space with plus); bytes that are
// not UTF-8 become U+FFFD.
func unquote(s string, plus bool) string {
	if plus {
		s = strings.ReplaceAll(s, "+", " ")
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(n))
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return merge.WellFormed(string(b))
}
