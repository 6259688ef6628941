package urllib3

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/mergeplay/mergeplay/model/punycode"
	"github.com/mergeplay/mergeplay/model/python"
)

// urllib3.util.url as the profiles need it: parse_url (1.26.20 and 2.8.0
// differ only in their error messages and host checks here), the
// normalisation it applies to http(s) URLs, and Url.request_uri.

// URL is urllib3's Url namedtuple; Has* tell None from "".
type URL struct {
	Scheme, Auth, Host, Path, Query, Fragment string
	HasScheme, HasAuth, HasHost, HasPath      bool
	HasQuery, HasFragment                     bool
	Port                                      int
	HasPort                                   bool
}

// ParseError is a LocationParseError's message (without the
// "Failed to parse: " prefix requests shows).
type ParseError struct{ Location string }

const (
	Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-~"
	subDelims  = "!$&'()*+,;="
	userinfo   = Unreserved + subDelims + ":"
	PathChars  = userinfo + "@/"
	QueryChars = PathChars + "?"
)

func isSchemeStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// schemeLen matches [a-zA-Z][a-zA-Z0-9+.-]* followed by ':' (extra
// lists more scheme characters; SCHEME_RE has no '.') and returns its length.
func schemeLen(s, extra string) int {
	if s == "" || !isSchemeStart(s[0]) {
		return -1
	}
	i := 1
	for i < len(s) && (isSchemeStart(s[i]) || s[i] >= '0' && s[i] <= '9' || strings.IndexByte(extra, s[i]) >= 0) {
		i++
	}
	if i < len(s) && s[i] == ':' {
		return i
	}
	return -1
}

// ParseURL is urllib3.util.url.parse_url. v2 selects urllib3 2.x.
func ParseURL(source string, v2 bool) (URL, *ParseError) {
	var u URL
	if source == "" {
		return u, nil
	}
	url := source
	if !strings.HasPrefix(url, "/") && schemeLen(url, "+-") < 0 {
		url = "//" + url
	}
	fail := func(v2msg string) (URL, *ParseError) {
		if v2 && v2msg != "" {
			return URL{}, &ParseError{v2msg}
		}
		return URL{}, &ParseError{source}
	}
	rest := url
	if n := schemeLen(rest, "+.-"); n >= 0 {
		u.Scheme, u.HasScheme = strings.ToLower(rest[:n]), true
		rest = rest[n+1:]
	}
	var authority string
	hasAuthority := false
	if strings.HasPrefix(rest, "//") {
		rest = rest[2:]
		end := strings.IndexAny(rest, "\\/?#")
		if end < 0 {
			end = len(rest)
		}
		authority, rest, hasAuthority = rest[:end], rest[end:], true
	}
	end := strings.IndexAny(rest, "?#")
	if end < 0 {
		end = len(rest)
	}
	path := rest[:end]
	rest = rest[end:]
	var query, fragment string
	hasQuery, hasFragment := false, false
	if strings.HasPrefix(rest, "?") {
		rest = rest[1:]
		end := strings.IndexByte(rest, '#')
		if end < 0 {
			end = len(rest)
		}
		query, rest, hasQuery = rest[:end], rest[end:], true
	}
	if strings.HasPrefix(rest, "#") {
		fragment, hasFragment = rest[1:], true
	}
	normalize := !u.HasScheme || u.Scheme == "http" || u.Scheme == "https"
	if hasAuthority && authority != "" {
		auth, hostPort := "", authority
		if i := strings.LastIndexByte(authority, '@'); i >= 0 {
			auth, hostPort = authority[:i], authority[i+1:]
		}
		host, port, ok := splitHostPort(hostPort)
		if !ok {
			if c, bad := invalidHostChar(hostPort); bad {
				return fail(fmt.Sprintf("Host %s contains invalid character %s", python.StrRepr(hostPort), python.StrRepr(c)))
			}
			return fail(fmt.Sprintf("%s is not a valid host or port", python.StrRepr(hostPort)))
		}
		if auth != "" {
			u.Auth, u.HasAuth = auth, true
			if normalize {
				u.Auth = EncodeInvalid(auth, userinfo)
			}
		}
		u.Host, u.HasHost = host, true
		if port != "" {
			n, err := strconv.Atoi(port)
			if err != nil || n > 65535 {
				return fail(url)
			}
			u.Port, u.HasPort = n, true
		}
	}
	if u.HasHost && u.Host != "" && (!u.HasScheme || normalize) {
		h, err := NormalizeHost(u.Host, v2)
		if err != "" {
			return fail(err)
		}
		u.Host = h
	} else if u.HasHost && u.Host != "" && v2 {
		if c, bad := invalidHostChar(u.Host); bad {
			return fail(fmt.Sprintf("Host %s contains invalid character %s", python.StrRepr(u.Host), python.StrRepr(c)))
		}
	}
	if normalize && path != "" {
		path = RemoveDotSegments(path)
		path = EncodeInvalid(path, PathChars)
	}
	if normalize && query != "" {
		query = EncodeInvalid(query, QueryChars)
	}
	if normalize && fragment != "" {
		fragment = EncodeInvalid(fragment, QueryChars)
	}
	u.Path, u.HasPath = path, path != "" || hasQuery || hasFragment
	u.Query, u.HasQuery = query, hasQuery
	u.Fragment, u.HasFragment = fragment, hasFragment
	return u, nil
}

// splitHostPort applies _HOST_PORT_RE: a reg-name, IPv4 or bracketed
// IPv6 host, then an optional ':' and up to five port digits after zeros.
func splitHostPort(hp string) (host, port string, ok bool) {
	var rest string
	if strings.HasPrefix(hp, "[") {
		i := strings.IndexByte(hp, ']')
		if i < 0 || !validIPv6(hp[1:i]) {
			return "", "", false
		}
		host, rest = hp[:i+1], hp[i+1:]
	} else {
		i := 0
		for i < len(hp) {
			c := hp[i]
			if c == '%' {
				if i+2 < len(hp) && IsHex(hp[i+1]) && IsHex(hp[i+2]) {
					i += 3
					continue
				}
				return "", "", false
			}
			if strings.IndexByte("[]:/?#", c) >= 0 {
				break
			}
			i++
		}
		host, rest = hp[:i], hp[i:]
	}
	if rest == "" {
		return host, "", true
	}
	if rest[0] != ':' {
		return "", "", false
	}
	digits := rest[1:]
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "", "", false
		}
	}
	trimmed := strings.TrimLeft(digits, "0")
	if trimmed == "" && digits != "" {
		trimmed = "0"
	}
	if len(trimmed) > 5 {
		return "", "", false
	}
	return host, trimmed, true
}

func validIPv6(s string) bool {
	if i := strings.IndexByte(s, '%'); i >= 0 {
		s = s[:i]
	}
	if !strings.Contains(s, ":") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !IsHex(c) && c != ':' && c != '.' {
			return false
		}
	}
	return true
}

func IsHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// invalidHostChar is _HOST_INVALID_CHAR_RE (urllib3 2.x).
func invalidHostChar(s string) (string, bool) {
	for _, r := range s {
		if r <= 0x20 || r == 0x7f {
			return string(r), true
		}
	}
	return "", false
}

// NormalizeHost is _normalize_host for http(s): IPv6 lowercased, IPv4
// kept, names lowercased label by label with IDNA for non-ASCII labels. It
// returns the LocationParseError text on failure.
func NormalizeHost(host string, v2 bool) (string, string) {
	if v2 {
		if c, bad := invalidHostChar(host); bad {
			return "", fmt.Sprintf("Host %s contains invalid character %s", python.StrRepr(host), python.StrRepr(c))
		}
	}
	if strings.HasPrefix(host, "[") {
		return strings.ToLower(host), ""
	}
	if isIPv4(host) {
		return host, ""
	}
	labels := strings.Split(host, ".")
	for i, l := range labels {
		ascii := true
		for j := 0; j < len(l); j++ {
			if l[j] >= 0x80 {
				ascii = false
			}
		}
		if ascii {
			l = strings.ToLower(l)
			if v2 {
				l = upperEscapes(l)
			}
			labels[i] = l
			continue
		}
		enc, ok := idnaLabel(strings.ToLower(l))
		if !ok {
			return "", fmt.Sprintf("Name '%s' is not a valid IDNA label", l)
		}
		labels[i] = enc
	}
	return strings.Join(labels, "."), ""
}

func isIPv4(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if len(p) < 1 || len(p) > 3 {
			return false
		}
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return false
			}
		}
	}
	return true
}

// idnaLabel is idna.encode(label, strict=True, std3_rules=True) for one
// non-ASCII label, approximated: letters, marks, digits and '-' are accepted
// (IDNA 2008's PVALID set is close to that), anything else is an IDNAError.
func idnaLabel(l string) (string, bool) {
	if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
		return "", false
	}
	for _, r := range l {
		if !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == '-') || unicode.IsUpper(r) {
			return "", false
		}
	}
	p, err := punycode.Encode(l)
	if err != nil {
		return "", false
	}
	enc := "xn--" + p
	if len(enc) > 63 {
		return "", false
	}
	return enc, true
}

// upperEscapes upper-cases the hex digits of %xx escapes.
func upperEscapes(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' && IsHex(b[i+1]) && IsHex(b[i+2]) {
			b[i+1] = upperHex(b[i+1])
			b[i+2] = upperHex(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func upperHex(c byte) byte {
	if c >= 'a' && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

// EncodeInvalid is _encode_invalid_chars: escapes are upper-cased and
// kept when every '%' starts one; every other byte outside allowed is escaped.
func EncodeInvalid(component, allowed string) string {
	valid := 0
	b := []byte(component)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' && IsHex(b[i+1]) && IsHex(b[i+2]) {
			b[i+1] = upperHex(b[i+1])
			b[i+2] = upperHex(b[i+2])
			valid++
			i += 2
		}
	}
	keepPercent := valid == strings.Count(component, "%")
	var out strings.Builder
	for _, c := range b {
		if (keepPercent && c == '%') || (c < 0x80 && strings.IndexByte(allowed, c) >= 0) {
			out.WriteByte(c)
			continue
		}
		fmt.Fprintf(&out, "%%%02X", c)
	}
	return out.String()
}

// RemoveDotSegments is _remove_path_dot_segments.
func RemoveDotSegments(path string) string {
	var output []string
	for _, seg := range strings.Split(path, "/") {
		switch {
		case seg == ".":
		case seg != "..":
			output = append(output, seg)
		case len(output) > 0:
			output = output[:len(output)-1]
		}
	}
	if strings.HasPrefix(path, "/") && (len(output) == 0 || output[0] != "") {
		output = append([]string{""}, output...)
	}
	if strings.HasSuffix(path, "/.") || strings.HasSuffix(path, "/..") {
		output = append(output, "")
	}
	return strings.Join(output, "/")
}

// RequestURI is Url.request_uri: the path ("/" when there is none) and
// "?query" when the URL has a query, even an empty one; no fragment.
func (u URL) RequestURI() string {
	uri := u.Path
	if uri == "" {
		uri = "/"
	}
	if u.HasQuery {
		uri += "?" + u.Query
	}
	return uri
}

// HostHeader is the Host http.client writes for the pool urllib3 opens for
// u: the host, with the port unless it is the default of scheme (urllib3
// takes "http" when the URL has none).
func (u URL) HostHeader(scheme string) string {
	def := 80
	if scheme == "https" {
		def = 443
	}
	if !u.HasPort || u.Port == def {
		return u.Host
	}
	return u.Host + ":" + strconv.Itoa(u.Port)
}
