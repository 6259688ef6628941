package requests

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/model/punycode"
	"github.com/mergeplay/mergeplay/model/python"
)

// URL handling on the requests side, written after the Python it mirrors:
// urllib3's parse_url (1.26.20 and 2.8.0 differ only in their error messages
// and host checks here), requests' requote_uri / unquote_unreserved, the
// PreparedRequest.path_url split and urllib3's _encode_target.

// parsedURL is urllib3's Url namedtuple; Has* tell None from "".
type parsedURL struct {
	Scheme, Auth, Host, Path, Query, Fragment string
	HasScheme, HasAuth, HasHost, HasPath      bool
	HasQuery, HasFragment                     bool
	Port                                      int
	HasPort                                   bool
}

// parseError is a LocationParseError's message (without the
// "Failed to parse: " prefix requests shows).
type parseError struct{ Location string }

const (
	unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-~"
	subDelims  = "!$&'()*+,;="
	userinfo   = unreserved + subDelims + ":"
	pathChars  = userinfo + "@/"
	queryChars = pathChars + "?"
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

// parseURL is urllib3.util.url.parse_url. v2 selects urllib3 2.x.
func parseURL(source string, v2 bool) (parsedURL, *parseError) {
	var u parsedURL
	if source == "" {
		return u, nil
	}
	url := source
	if !strings.HasPrefix(url, "/") && schemeLen(url, "+-") < 0 {
		url = "//" + url
	}
	fail := func(v2msg string) (parsedURL, *parseError) {
		if v2 && v2msg != "" {
			return parsedURL{}, &parseError{v2msg}
		}
		return parsedURL{}, &parseError{source}
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
				u.Auth = encodeInvalid(auth, userinfo)
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
		h, err := normalizeHost(u.Host, v2)
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
		path = removeDotSegments(path)
		path = encodeInvalid(path, pathChars)
	}
	if normalize && query != "" {
		query = encodeInvalid(query, queryChars)
	}
	if normalize && fragment != "" {
		fragment = encodeInvalid(fragment, queryChars)
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
				if i+2 < len(hp) && isHex(hp[i+1]) && isHex(hp[i+2]) {
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
		if !isHex(c) && c != ':' && c != '.' {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
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

// normalizeHost is _normalize_host for http(s): IPv6 lowercased, IPv4
// kept, names lowercased label by label with IDNA for non-ASCII labels. It
// returns the LocationParseError text on failure.
func normalizeHost(host string, v2 bool) (string, string) {
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
		if b[i] == '%' && isHex(b[i+1]) && isHex(b[i+2]) {
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

// encodeInvalid is _encode_invalid_chars: escapes are upper-cased and
// kept when every '%' starts one; every other byte outside allowed is escaped.
func encodeInvalid(component, allowed string) string {
	valid := 0
	b := []byte(component)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' && isHex(b[i+1]) && isHex(b[i+2]) {
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

// removeDotSegments is _remove_path_dot_segments.
func removeDotSegments(path string) string {
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

// quote is urllib.parse.quote(s, safe).
func quote(s, safe string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (strings.IndexByte(unreserved, c) >= 0 || strings.IndexByte(safe, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// unquoteUnreserved is requests.utils.unquote_unreserved; it fails
// (InvalidURL) on a two-character alphanumeric escape that is not hex.
func unquoteUnreserved(uri string) (string, string) {
	parts := strings.Split(uri, "%")
	for i := 1; i < len(parts); i++ {
		p := parts[i]
		r1, n1 := utf8.DecodeRuneInString(p)
		r2, n2 := utf8.DecodeRuneInString(p[n1:])
		if n1 > 0 && n2 > 0 && isAlnum(r1) && isAlnum(r2) {
			if r1 >= 0x80 || r2 >= 0x80 || !isHex(byte(r1)) || !isHex(byte(r2)) {
				return "", "Invalid percent-escape sequence: '" + p[:n1+n2] + "'"
			}
			v, _ := strconv.ParseUint(p[:2], 16, 8)
			if c := byte(v); c < 0x80 && strings.IndexByte(unreserved, c) >= 0 {
				parts[i] = string(c) + p[2:]
				continue
			}
		}
		parts[i] = "%" + p
	}
	return strings.Join(parts, ""), ""
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// requoteURI is requests.utils.requote_uri.
func requoteURI(uri string) string {
	if un, err := unquoteUnreserved(uri); err == "" {
		return quote(un, "!#$%&'()*+,/:;=?@[]~")
	}
	return quote(uri, "!#$&'()*+,/:;=?@[]~")
}

// pathURL is PreparedRequest.path_url followed by urllib3's
// _encode_target: the request-target sent for an absolute http(s) URL.
func pathURL(url string) string {
	rest := url
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		rest = rest[end:]
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	path, query, _ := strings.Cut(rest, "?")
	if path == "" {
		path = "/"
	}
	target := encodeInvalid(path, pathChars)
	if query != "" {
		target += "?" + encodeInvalid(query, queryChars)
	}
	return target
}

// unquote is urllib.parse.unquote (UTF-8, errors replaced).
func unquote(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			v, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b = append(b, byte(v))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// urlAuth is requests.utils.get_auth_from_url: (username, password)
// from the netloc, or ("", "") when there is no userinfo or no ':'.
func urlAuth(url string) (string, string) {
	rest := url
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	} else {
		return "", ""
	}
	end := strings.IndexAny(rest, "/?#")
	if end >= 0 {
		rest = rest[:end]
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return "", ""
	}
	user, pass, ok := strings.Cut(rest[:at], ":")
	if !ok {
		return "", ""
	}
	return unquote(user), unquote(pass)
}
