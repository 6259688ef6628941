package axios

import (
	"fmt"
	"github.com/mergeplay/mergeplay/model/js"
	"strconv"
	"strings"
)

// nodeLegacyURL is what Node's legacy url.parse() returns, for the fields the
// axios 0.x http adapter reads.
type nodeLegacyURL struct {
	Protocol string // "http:"; "" when none
	Auth     string // decoded
	HasAuth  bool
	Hostname string // lower-cased; "" when none
	Port     string
	Path     string // pathname + search, "" when none
}

var nodeSlashedProtocols = map[string]bool{"http:": true, "https:": true, "ftp:": true, "gopher:": true, "file:": true, "ws:": true, "wss:": true}

// nodeURLParse follows Url.prototype.parse in Node's lib/url.js for the
// inputs scenarios use. URIError is reported for a malformed userinfo escape.
func nodeURLParse(s string) (*nodeLegacyURL, error) {
	u := &nodeLegacyURL{}
	rest := js.Trim(s)
	// Backslashes before the query become slashes.
	qi := strings.IndexAny(rest, "?#")
	if qi < 0 {
		qi = len(rest)
	}
	rest = strings.ReplaceAll(rest[:qi], "\\", "/") + rest[qi:]
	proto := ""
	if i := strings.IndexByte(rest, ':'); i > 0 {
		ok := true
		for j := 0; j < i; j++ {
			c := rest[j]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-') {
				ok = false
				break
			}
		}
		if ok {
			proto = strings.ToLower(rest[:i+1])
			rest = rest[i+1:]
		}
	}
	u.Protocol = proto
	slashes := false
	if proto != "" && strings.HasPrefix(rest, "//") && proto != "javascript:" {
		slashes = true
		rest = rest[2:]
	}
	if proto != "javascript:" && (slashes || (proto != "" && !nodeSlashedProtocols[proto])) {
		hostEnd := strings.IndexAny(rest, "/?#")
		if hostEnd < 0 {
			hostEnd = len(rest)
		}
		if at := strings.LastIndex(rest[:hostEnd], "@"); at >= 0 {
			dec, ok := js.DecodeURIComponent(rest[:at])
			if !ok {
				return nil, fmt.Errorf("URI malformed")
			}
			u.Auth, u.HasAuth = dec, true
			rest = rest[at+1:]
		}
		end := strings.IndexAny(rest, "\t\n\r \"#%'/;<>?\\^`{|}")
		if end < 0 {
			end = len(rest)
		}
		host := rest[:end]
		rest = rest[end:]
		if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], "]") {
			digits := true
			for _, c := range host[i+1:] {
				if c < '0' || c > '9' {
					digits = false
				}
			}
			if digits {
				u.Port = host[i+1:]
				host = host[:i]
			}
		}
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		u.Hostname = strings.ToLower(host)
	}
	// autoEscape
	var b strings.Builder
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if strings.IndexByte("\t\n\r \"'<>\\^`{|}", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	rest = b.String()
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	pathname, search := rest, ""
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		pathname, search = rest[:i], rest[i:]
	}
	if nodeSlashedProtocols[proto] && u.Hostname != "" && pathname == "" {
		pathname = "/"
	}
	u.Path = pathname + search
	return u, nil
}

// nodeHTTPHeader is one entry of Node's OutgoingMessage header map.
type nodeHTTPHeader struct {
	name   string
	values []string // one line each
	source string
}

// nodeOutgoing models what Node's http.ClientRequest writes: headers set in
// order (a name set twice keeps its first position and takes the last
// spelling and value), then Host and Authorization, then at send time
// Connection and Content-Length.
type nodeOutgoing struct{ h []nodeHTTPHeader }

func (n *nodeOutgoing) index(name string) int {
	for i, h := range n.h {
		if strings.EqualFold(h.name, name) {
			return i
		}
	}
	return -1
}

func (n *nodeOutgoing) set(name string, values []string, source string) {
	if i := n.index(name); i >= 0 {
		n.h[i] = nodeHTTPHeader{name, values, source}
		return
	}
	n.h = append(n.h, nodeHTTPHeader{name, values, source})
}

// nodeHostHeader is the Host value ClientRequest computes from hostname and port.
func nodeHostHeader(hostname, port, defaultPort string) string {
	h := hostname
	if strings.Contains(h, ":") && !strings.HasPrefix(h, "[") {
		h = "[" + h + "]"
	}
	if port != "" {
		if n, err := strconv.Atoi(port); err == nil && strconv.Itoa(n) != defaultPort {
			h += ":" + strconv.Itoa(n)
		}
	}
	return h
}
