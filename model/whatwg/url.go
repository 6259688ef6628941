package whatwg

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/form"
)

// URL is a URL parsed the way JavaScript's `new URL()` does, for the
// http(s) URLs scenarios use: enough of the URL Standard's "special scheme"
// parser to match Node on the cases the corpus records. Shared by the
// axios, ky, got, ofetch and fetch profiles.
type URL struct {
	Scheme   string // "http"
	Username string // percent-encoded
	Password string
	Host     string // lowercased
	Port     string // "" when default
	Path     string // percent-encoded, dot segments resolved, starts with "/"
	Query    string // without "?"; HasQuery tells "?" from nothing
	HasQuery bool
	Fragment string
	HasFrag  bool
}

// Href serializes the URL like URL.prototype.href.
func (u *URL) Href() string {
	var b strings.Builder
	b.WriteString(u.Scheme + "://")
	if u.Username != "" || u.Password != "" {
		b.WriteString(u.Username)
		if u.Password != "" {
			b.WriteString(":" + u.Password)
		}
		b.WriteString("@")
	}
	b.WriteString(u.HostPort())
	b.WriteString(u.Path)
	if u.HasQuery {
		b.WriteString("?" + u.Query)
	}
	if u.HasFrag {
		b.WriteString("#" + u.Fragment)
	}
	return b.String()
}

// HostPort is host[:port] as a Host header carries it.
func (u *URL) HostPort() string {
	if u.Port != "" {
		return u.Host + ":" + u.Port
	}
	return u.Host
}

// Target is the origin-form request-target: path and query.
func (u *URL) Target() string {
	if u.HasQuery {
		return u.Path + "?" + u.Query
	}
	return u.Path
}

// Search is URL.prototype.search: "" or "?query".
func (u *URL) Search() string {
	if !u.HasQuery || u.Query == "" {
		return ""
	}
	return "?" + u.Query
}

// percent-encode sets of the URL Standard.
const (
	c0Control      = ""
	fragmentSet    = " \"<>`"
	querySet       = " \"#<>"
	specialQuery   = " \"#<>'"
	pathSet        = " \"#<>?`{}"
	userinfoSet    = " \"#<>?`{}/:;=@[\\]^|"
	formSafeNoRepl = "*-._"
)

func pctEncode(s, set string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || strings.IndexByte(set, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

var defaultPorts = map[string]string{"http": "80", "https": "443", "ws": "80", "wss": "443", "ftp": "21"}

// DefaultPort is a special scheme's default port; special is false for any
// other scheme.
func DefaultPort(scheme string) (port string, special bool) {
	port, special = defaultPorts[scheme]
	return port, special
}

// tabNewline removes every ASCII tab or newline; one for the package (a
// Replacer built per call allocated ~16 KB each time).
var tabNewline = strings.NewReplacer("\t", "", "\n", "", "\r", "")

// RemoveTabNewline is the URL parser's "remove all ASCII tab or newline".
func RemoveTabNewline(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return tabNewline.Replace(s)
}

// Parse parses input against an optional base (nil for none), as
// new URL(input, base). It errors like Node's "Invalid URL".
func Parse(input string, base *URL) (*URL, error) {
	input = merge.WellFormed(input) // the URL constructor takes a USVString
	s := strings.Trim(input, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	s = RemoveTabNewline(s)
	u := &URL{}
	rest := s
	if i := strings.Index(s, ":"); i > 0 && IsScheme(s[:i]) {
		u.Scheme = strings.ToLower(s[:i])
		rest = s[i+1:]
		if _, special := defaultPorts[u.Scheme]; !special {
			return nil, fmt.Errorf("Invalid URL")
		}
		if base != nil && base.Scheme == u.Scheme && !strings.HasPrefix(rest, "/") && !strings.HasPrefix(rest, "\\") {
			// "http:foo" relative to an http base
			return resolveRelative(rest, base)
		}
		rest = strings.TrimLeft(rest, "/\\")
		return parseAuthorityAndRest(u, rest)
	}
	if base == nil {
		return nil, fmt.Errorf("Invalid URL")
	}
	return resolveRelative(rest, base)
}

func IsScheme(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func resolveRelative(rest string, base *URL) (*URL, error) {
	u := &URL{Scheme: base.Scheme}
	if strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, "\\\\") || strings.HasPrefix(rest, "/\\") || strings.HasPrefix(rest, "\\/") {
		return parseAuthorityAndRest(u, strings.TrimLeft(rest, "/\\"))
	}
	u.Username, u.Password, u.Host, u.Port = base.Username, base.Password, base.Host, base.Port
	pathPart, query, hasQ, frag, hasF := splitRest(rest)
	switch {
	case pathPart == "" && !hasQ:
		u.Path, u.Query, u.HasQuery = base.Path, base.Query, base.HasQuery
	case pathPart == "":
		u.Path = base.Path
	case pathPart[0] == '/' || pathPart[0] == '\\':
		u.Path = normalizePath(pathPart)
	default:
		dir := base.Path[:strings.LastIndex(base.Path, "/")+1]
		u.Path = normalizePath(dir + pathPart)
	}
	if hasQ {
		u.Query, u.HasQuery = pctEncode(query, specialQuery), true
	}
	u.Fragment, u.HasFrag = pctEncode(frag, fragmentSet), hasF
	return u, nil
}

func splitRest(s string) (path, query string, hasQ bool, frag string, hasF bool) {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s, frag, hasF = s[:i], s[i+1:], true
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s, query, hasQ = s[:i], s[i+1:], true
	}
	return s, query, hasQ, frag, hasF
}

func parseAuthorityAndRest(u *URL, rest string) (*URL, error) {
	end := strings.IndexAny(rest, "/\\?#")
	if end < 0 {
		end = len(rest)
	}
	auth, after := rest[:end], rest[end:]
	if at := strings.LastIndex(auth, "@"); at >= 0 {
		ui := auth[:at]
		auth = auth[at+1:]
		user, pass, _ := strings.Cut(ui, ":")
		u.Username, u.Password = pctEncode(user, userinfoSet), pctEncode(pass, userinfoSet)
	}
	host, port := auth, ""
	if i := strings.LastIndex(auth, ":"); i >= 0 && !strings.Contains(auth[i:], "]") {
		host, port = auth[:i], auth[i+1:]
	}
	if host == "" {
		return nil, fmt.Errorf("Invalid URL")
	}
	for i := 0; i < len(host); i++ {
		if strings.IndexByte(" #%/:<>?@[\\]^|", host[i]) >= 0 && !(host[0] == '[') {
			return nil, fmt.Errorf("Invalid URL")
		}
	}
	u.Host = strings.ToLower(host)
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n > 65535 {
			return nil, fmt.Errorf("Invalid URL")
		}
		port = strconv.Itoa(n)
		if port == defaultPorts[u.Scheme] {
			port = ""
		}
	}
	u.Port = port
	pathPart, query, hasQ, frag, hasF := splitRest(after)
	u.Path = normalizePath(pathPart)
	if hasQ {
		u.Query, u.HasQuery = pctEncode(query, specialQuery), true
	}
	u.Fragment, u.HasFrag = pctEncode(frag, fragmentSet), hasF
	return u, nil
}

// normalizePath percent-encodes a special URL's path and resolves "." and
// ".." segments (also their %2e spellings), as the URL Standard's path state.
func normalizePath(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	if p == "" {
		return "/"
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	var out []string
	for i, seg := range segs {
		last := i == len(segs)-1
		switch strings.ToLower(seg) {
		case ".", "%2e":
			if last {
				out = append(out, "")
			}
		case "..", ".%2e", "%2e.", "%2e%2e":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, pctEncode(seg, pathSet))
		}
	}
	return "/" + strings.Join(out, "/")
}

// SearchParamsString serializes name/value pairs as URLSearchParams does
// (application/x-www-form-urlencoded, space as '+', keeps "*-._").
func SearchParamsString(pairs [][2]string) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		// URLSearchParams holds USVStrings: append and the constructor
		// replace a lone surrogate with U+FFFD (WebIDL), so the serializer
		// never sees one.
		parts[i] = form.Escape(merge.WellFormed(p[0]), form.WHATWGSafe) + "=" + form.Escape(merge.WellFormed(p[1]), form.WHATWGSafe)
	}
	return strings.Join(parts, "&")
}

// ParseSearchParams parses a query string as new URLSearchParams(s).
func ParseSearchParams(s string) [][2]string {
	s = strings.TrimPrefix(merge.WellFormed(s), "?")
	var out [][2]string
	for _, part := range strings.Split(s, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		out = append(out, [2]string{FormUnescape(k), FormUnescape(v)})
	}
	return out
}

func FormUnescape(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			n, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b.WriteByte(byte(n))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
