package pyrequests

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/model/urllib3"
)

// URL handling as requests does it and niquests inherits it, written after the Python it mirrors:
// requests' requote_uri / unquote_unreserved, the PreparedRequest.path_url
// split and urllib3's _encode_target; urllib3's parse_url is model/urllib3.

// Quote is urllib.parse.quote(s, safe).
func Quote(s, safe string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (strings.IndexByte(urllib3.Unreserved, c) >= 0 || strings.IndexByte(safe, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// UnquoteUnreserved is requests.utils.unquote_unreserved; it fails
// (InvalidURL) on a two-character alphanumeric escape that is not hex.
func UnquoteUnreserved(uri string) (string, string) {
	parts := strings.Split(uri, "%")
	for i := 1; i < len(parts); i++ {
		p := parts[i]
		r1, n1 := utf8.DecodeRuneInString(p)
		r2, n2 := utf8.DecodeRuneInString(p[n1:])
		if n1 > 0 && n2 > 0 && isAlnum(r1) && isAlnum(r2) {
			if r1 >= 0x80 || r2 >= 0x80 || !urllib3.IsHex(byte(r1)) || !urllib3.IsHex(byte(r2)) {
				return "", "Invalid percent-escape sequence: '" + p[:n1+n2] + "'"
			}
			v, _ := strconv.ParseUint(p[:2], 16, 8)
			if c := byte(v); c < 0x80 && strings.IndexByte(urllib3.Unreserved, c) >= 0 {
				parts[i] = string(c) + p[2:]
				continue
			}
		}
		parts[i] = "%" + p
	}
	return strings.Join(parts, ""), ""
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// RequoteURI is requests.utils.requote_uri.
func RequoteURI(uri string) string {
	if un, err := UnquoteUnreserved(uri); err == "" {
		return Quote(un, "!#$%&'()*+,/:;=?@[]~")
	}
	return Quote(uri, "!#$&'()*+,/:;=?@[]~")
}

// PathURL is PreparedRequest.path_url followed by urllib3's
// _encode_target: the request-target sent for an absolute http(s) URL.
func PathURL(url string) string {
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
	target := urllib3.EncodeInvalid(path, urllib3.PathChars)
	if query != "" {
		target += "?" + urllib3.EncodeInvalid(query, urllib3.QueryChars)
	}
	return target
}

// Unquote is urllib.parse.unquote (UTF-8, errors replaced).
func Unquote(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && urllib3.IsHex(s[i+1]) && urllib3.IsHex(s[i+2]) {
			v, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b = append(b, byte(v))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// URLAuth is requests.utils.get_auth_from_url: (username, password)
// from the netloc, or ("", "") when there is no userinfo or no ':'.
func URLAuth(url string) (string, string) {
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
	return Unquote(user), Unquote(pass)
}

// HostHeader is the Host (http.client) or :authority (urllib3-future) written for the pool
// opened from the prepared URL; v2 is urllib3 2's parse_url.
func HostHeader(url string, v2 bool) string {
	u, err := urllib3.ParseURL(url, v2)
	if err != nil {
		return ""
	}
	return u.HostHeader(u.Scheme)
}
