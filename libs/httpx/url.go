package httpx

import (
	"fmt"
	"strings"

	"github.com/mergeplay/mergeplay/model/python"
)

// parsedURL is a URL as httpx holds it: components already percent-encoded,
// scheme and host lower-cased. Query is nil when the URL has no '?'.
type parsedURL struct {
	Scheme   string
	HasAuth  bool
	Userinfo string
	Host     string
	Port     string
	Path     string
	Query    *string
	Fragment *string
}

func strPtr(s string) *string { return &s }

// splitURL splits a URL reference with the RFC 3986 appendix B pattern,
// as rfc3986's URL_PARSING_RE and httpx's _urlparse both do.
func splitURL(raw string) parsedURL {
	var u parsedURL
	rest := raw
	if i := strings.IndexAny(rest, ":/?#"); i > 0 && rest[i] == ':' && isScheme(rest[:i]) {
		u.Scheme = rest[:i]
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "//") {
		rest = rest[2:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		auth := rest[:end]
		rest = rest[end:]
		u.HasAuth = true
		if at := strings.LastIndex(auth, "@"); at >= 0 {
			u.Userinfo = auth[:at]
			auth = auth[at+1:]
		}
		host := auth
		if strings.HasPrefix(auth, "[") {
			if j := strings.Index(auth, "]"); j >= 0 {
				host = auth[:j+1]
				if strings.HasPrefix(auth[j+1:], ":") {
					u.Port = auth[j+2:]
				}
			}
		} else if k := strings.LastIndex(auth, ":"); k >= 0 {
			host, u.Port = auth[:k], auth[k+1:]
		}
		u.Host = host
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		u.Fragment = strPtr(rest[i+1:])
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		u.Query = strPtr(rest[i+1:])
		rest = rest[:i]
	}
	u.Path = rest
	return u
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			continue
		}
		return false
	}
	return s != ""
}

const (
	unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
	subDelims  = "!$&'()*+,;="
	genDelims  = ":/?#[]@"
)

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// rFC3986Encode is rfc3986 1.5 normalizers.encode_component: reserved and
// unreserved characters stay, '%' stays only when every '%' starts a valid
// escape, every other byte becomes %XX.
func rFC3986Encode(s string) string {
	valid, total := 0, strings.Count(s, "%")
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '%' && isHex(s[i+1]) && isHex(s[i+2]) {
			valid++
		}
	}
	keepPct := valid == total
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && keepPct || c < 128 && strings.IndexByte(unreserved+subDelims+genDelims, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// quote is _urlparse.quote (0.24+): existing %XX escapes are kept, other
// characters outside unreserved+safe are percent-encoded as UTF-8.
func quote(s, safe string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteString(s[i : i+3])
			i += 2
			continue
		}
		if c < 128 && strings.IndexByte(unreserved+safe, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// validEscapes reports whether every '%' in s starts a %XX escape
// (_urlparse: string.count("%") == len(PERCENT_ENCODED_REGEX.findall(string))).
func validEscapes(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return false
		}
		i += 2
	}
	return true
}

// allIn reports whether every byte of s is in set (non-ASCII never is).
func allIn(s, set string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 128 || strings.IndexByte(set, s[i]) < 0 {
			return false
		}
	}
	return true
}

// encodeOutside percent-encodes (as UTF-8) every byte of s outside
// unreserved+safe: _urlparse's per-character list comprehension.
func encodeOutside(s, safe string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 128 && strings.IndexByte(unreserved+safe, c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// quoteV is _urlparse.quote as each release has it (f.quoteMode):
// 0 (0.24.0): '%' counts as safe only when every '%' is a valid escape;
// 1 (0.24.1–0.25.2, #2671): a string already safe (valid escapes only) is
// kept whole, otherwise every character outside the safe set is encoded,
// '%' included; 2 (0.26.0–0.27.0, #2990): valid %XX escapes are kept and the
// text between them goes through percent_encoded, which keeps a run made of
// safe characters and '%' whole; 3 (0.27.1+, #3187): as 2, but
// percent_encoded keeps only runs of safe characters (= quote above).
func quoteV(s, safe string, mode int) string {
	switch mode {
	case 0:
		if validEscapes(s) {
			safe += "%"
		}
		return encodeOutside(s, safe)
	case 1:
		if allIn(s, unreserved+safe+"%") && validEscapes(s) {
			return s
		}
		return encodeOutside(s, safe)
	case 2:
		var b strings.Builder
		run := func(t string) {
			if allIn(t, unreserved+safe+"%") {
				b.WriteString(t)
			} else {
				b.WriteString(encodeOutside(t, safe))
			}
		}
		start := 0
		for i := 0; i < len(s); i++ {
			if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				run(s[start:i])
				b.WriteString(s[i : i+3])
				i += 2
				start = i + 1
			}
		}
		run(s[start:])
		return b.String()
	}
	return quote(s, safe)
}

// urlSafe returns _urlparse.urlparse's path, query and fragment safe sets
// for a release before 0.28.
func urlSafe(f facts) (path, query, frag string) {
	switch {
	case f.quoteMode == 0: // 0.24.0; gen-delims added by #2701 in 0.24.1
		return subDelims + ":@/", subDelims + "/?", subDelims + "/?"
	case f.querySlashPct: // 0.25.x: '/' escaped in queries (#2723, reverted by #2990 in 0.26.0)
		return subDelims + ":/[]@", subDelims + ":?[]@", subDelims + ":/?#[]@"
	case f.quoteMode < 3: // WHATWG_SAFE added by #3188 in 0.27.1
		return subDelims + ":/[]@", subDelims + ":/?[]@", subDelims + ":/?#[]@"
	}
	return pathSafe27, querySafe27, fragSafe27
}

// asciiRange returns the printable ASCII characters except those listed.
func asciiRange(except string) string {
	var b strings.Builder
	for c := byte(0x20); c < 0x7f; c++ {
		if strings.IndexByte(except, c) < 0 {
			b.WriteByte(c)
		}
	}
	return b.String()
}

var (
	// 0.24–0.27 _urlparse.urlparse: SUB_DELIMS + WHATWG_SAFE + gen-delims per component.
	pathSafe27  = subDelims + "`{}%|^\\\"" + ":/[]@"
	querySafe27 = subDelims + "`{}%|^\\\"" + ":/?[]@"
	fragSafe27  = subDelims + "`{}%|^\\\"" + ":/?#[]@"
	// 0.28 _urlparse: the WHATWG percent-encode sets.
	fragSafe28  = asciiRange(" \"<>`")
	querySafe28 = asciiRange(" \"#<>")
	pathSafe28  = asciiRange(" \"#<>?`{}")
)

// removeDotSegments is rfc3986 normalizers.remove_dot_segments.
func removeDotSegments(s string) string {
	if s == "" {
		return s
	}
	var out []string
	for _, seg := range strings.Split(s, "/") {
		switch {
		case seg == ".":
		case seg != "..":
			out = append(out, seg)
		case len(out) > 0:
			out = out[:len(out)-1]
		}
	}
	if strings.HasPrefix(s, "/") && (len(out) == 0 || out[0] != "") {
		out = append([]string{""}, out...)
	}
	if strings.HasSuffix(s, "/.") || strings.HasSuffix(s, "/..") {
		out = append(out, "")
	}
	return strings.Join(out, "/")
}

// normalizePath24 is _urlparse.normalize_path (0.24+).
func normalizePath24(path string) string {
	if !strings.Contains(path, ".") {
		return path
	}
	comps := strings.Split(path, "/")
	var out []string
	for _, c := range comps {
		switch c {
		case ".":
		case "..":
			if len(out) > 0 && !(len(out) == 1 && out[0] == "") {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, c)
		}
	}
	return strings.Join(out, "/")
}

func upperEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' && isHex(b[i+1]) && isHex(b[i+2]) {
			b[i+1] = byte(strings.ToUpper(string(b[i+1]))[0])
			b[i+2] = byte(strings.ToUpper(string(b[i+2]))[0])
		}
	}
	return string(b)
}

// parseURL is httpx.URL(str) for the version: encoding of each component,
// and normalisation of absolute URLs.
func parseURL(raw string, f facts) parsedURL {
	u := splitURL(raw)
	// _urlparse.normalize_port compares with the scheme as written.
	portScheme := u.Scheme
	u.Scheme = strings.ToLower(u.Scheme)
	if !f.urlparse {
		portScheme = u.Scheme
	}
	if f.urlparse {
		pathSafe, querySafe, fragSafe := urlSafe(f)
		if f.v28 {
			pathSafe, querySafe, fragSafe = pathSafe28, querySafe28, fragSafe28
		}
		quote := func(s, safe string) string { return quoteV(s, safe, f.quoteMode) }
		u.Userinfo = quote(u.Userinfo, subDelims+":")
		u.Host = strings.ToLower(u.Host)
		if u.Scheme != "" || u.HasAuth {
			u.Path = normalizePath24(u.Path)
		}
		u.Path = quote(u.Path, pathSafe)
		if u.Query != nil {
			u.Query = strPtr(quote(*u.Query, querySafe))
		}
		if u.Fragment != nil {
			u.Fragment = strPtr(quote(*u.Fragment, fragSafe))
		}
	} else {
		// rfc3986 turns an empty authority into None ("///x" has no authority).
		if u.Userinfo == "" && u.Host == "" && u.Port == "" {
			u.HasAuth = false
		}
		u.Userinfo = rFC3986Encode(u.Userinfo)
		u.Path = rFC3986Encode(u.Path)
		if u.Query != nil {
			u.Query = strPtr(rFC3986Encode(*u.Query))
		}
		if u.Fragment != nil {
			u.Fragment = strPtr(rFC3986Encode(*u.Fragment))
		}
		if u.absolute() {
			u.Host = strings.ToLower(u.Host)
			u.Path = removeDotSegments(upperEscapes(u.Path))
			if u.Query != nil {
				u.Query = strPtr(upperEscapes(*u.Query))
			}
		}
	}
	if (portScheme == "http" && u.Port == "80") || (portScheme == "https" && u.Port == "443") {
		u.Port = ""
	}
	return u
}

// absolute is httpx URL.is_absolute_url: a scheme and a host.
func (u parsedURL) absolute() bool { return u.Scheme != "" && u.Host != "" }

// netloc is the Host header value: host, plus the port when not the default.
func (u parsedURL) netloc() string {
	if u.Port != "" {
		return u.Host + ":" + u.Port
	}
	return u.Host
}

// rawPath is path plus '?query'; withEmptyQuery keeps a bare '?' (0.18+ raw_path),
// otherwise an empty query is dropped (0.14 full_path).
func (u parsedURL) rawPath(withEmptyQuery bool) string {
	p := u.Path
	if p == "" {
		p = "/"
	}
	if u.Query != nil && (*u.Query != "" || withEmptyQuery) {
		p += "?" + *u.Query
	}
	return p
}

// String is the URL as text (unsplit).
func (u parsedURL) String() string {
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme + ":")
	}
	if u.HasAuth || u.Host != "" {
		b.WriteString("//")
		if u.Userinfo != "" {
			b.WriteString(u.Userinfo + "@")
		}
		b.WriteString(u.netloc())
	}
	b.WriteString(u.Path)
	if u.Query != nil {
		b.WriteString("?" + *u.Query)
	}
	if u.Fragment != nil {
		b.WriteString("#" + *u.Fragment)
	}
	return b.String()
}

// resolve is RFC 3986 section 5.2.2 as rfc3986's resolve_with(strict=False):
// a reference with the base's scheme counts as relative ("http:x").
func resolve(base, ref parsedURL) parsedURL {
	var t parsedURL
	if ref.Scheme == base.Scheme {
		ref.Scheme = ""
	}
	switch {
	case ref.Scheme != "":
		t = ref
		t.Path = removeDotSegments(ref.Path)
	case ref.HasAuth:
		t = ref
		t.Scheme = base.Scheme
		t.Path = removeDotSegments(ref.Path)
	default:
		t.Scheme, t.HasAuth, t.Userinfo, t.Host, t.Port = base.Scheme, base.HasAuth, base.Userinfo, base.Host, base.Port
		switch {
		case ref.Path == "":
			t.Path = base.Path
			t.Query = base.Query
			if ref.Query != nil {
				t.Query = ref.Query
			}
		case strings.HasPrefix(ref.Path, "/"):
			t.Path = removeDotSegments(ref.Path)
			t.Query = ref.Query
		default:
			var merged string
			if base.HasAuth && base.Path == "" {
				merged = "/" + ref.Path
			} else if i := strings.LastIndex(base.Path, "/"); i >= 0 {
				merged = base.Path[:i+1] + ref.Path
			} else {
				merged = ref.Path
			}
			t.Path = removeDotSegments(merged)
			t.Query = ref.Query
		}
	}
	t.Fragment = ref.Fragment
	return t
}

// encodeError is the text of Python's UnicodeEncodeError for str.encode("ascii").
func encodeError(s string) (string, bool) {
	msg, _, _, bad := python.EncodeError(s, python.ASCII)
	return msg, bad
}
