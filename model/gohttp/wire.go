package gohttp

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge"
)

// A model of the parts of Go's net/http (go1.26) that decide what a client
// request looks like on the wire: Header canonicalization, AddCookie,
// SetBasicAuth, Client.send, Transport.roundTrip and Request.write. Shared by
// the net/http and resty profiles. The engine cannot import net/http (it is
// compiled to WebAssembly), so this is Go written to do the same thing.

const Tag = "go1.26.8"

// Cite cites a file of the Go tree at Tag.
func Cite(file, fn string, line int) merge.Cite {
	return merge.Cite{File: "src/" + file, Func: fn, Tag: Tag,
		URL: fmt.Sprintf("https://github.com/golang/go/blob/%s/src/%s#L%d", Tag, file, line)}
}

// Header is http.Header: canonical key → values. A key present with a nil
// slice is "present but unset" (no line is written, yet Header.has sees it).
type Header map[string][]string

func (h Header) Add(k, v string) {
	k = CanonicalKey(k)
	h[k] = append(h[k], v)
}

func (h Header) Set(k, v string) { h[CanonicalKey(k)] = []string{v} }

func (h Header) Get(k string) string {
	if vs := h[CanonicalKey(k)]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

func (h Header) Clone() Header {
	out := make(Header, len(h))
	for k, vs := range h {
		if vs == nil {
			out[k] = nil
			continue
		}
		out[k] = append([]string{}, vs...)
	}
	return out
}

func (h Header) SortedKeys() []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// validHeaderByte is textproto's validHeaderFieldByte: an RFC 7230 token byte.
func validHeaderByte(c byte) bool {
	return c < utf8.RuneSelf && merge.IsToken(string(c))
}

// CanonicalKey is textproto.CanonicalMIMEHeaderKey: a key with a byte that
// is not a token byte is returned unchanged; otherwise the first letter and
// every letter after '-' are upper case and the rest lower case.
func CanonicalKey(s string) string {
	for i := 0; i < len(s); i++ {
		if !validHeaderByte(s[i]) {
			return s
		}
	}
	b := []byte(s)
	upper := true
	for i, c := range b {
		if upper && 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		} else if !upper && 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
		upper = c == '-'
	}
	return string(b)
}

// Replacers built once: one per call allocated several KB each time.
var (
	newlineToDash  = strings.NewReplacer("\n", "-", "\r", "-")
	newlineToSpace = strings.NewReplacer("\n", " ", "\r", " ")
)

// CookiePair is the "name=value" AddCookie writes for &http.Cookie{Name, Value}:
// sanitizeCookieName turns CR/LF into '-', sanitizeCookieValue drops bytes
// outside 0x20-0x7e and '"' ';' '\\' (non-ASCII included) and quotes a value
// containing a space or comma. dropped reports whether bytes were dropped
// (net/http logs it).
func CookiePair(name, value string) (pair string, dropped bool) {
	name = newlineToDash.Replace(name)
	var b strings.Builder
	for i := 0; i < len(value); i++ {
		c := value[i]
		if 0x20 <= c && c < 0x7f && c != '"' && c != ';' && c != '\\' {
			b.WriteByte(c)
		} else {
			dropped = true
		}
	}
	v := b.String()
	if strings.ContainsAny(v, " ,") {
		v = `"` + v + `"`
	}
	return name + "=" + v, dropped
}

// BodyMode is how a Request holds its body, which decides the framing headers.
type BodyMode int

const (
	BodyNil    BodyMode = iota // Body == nil
	BodyNoBody                 // Body == http.NoBody: explicitly empty
	BodyReader                 // some reader; ContentLength 0 then means unknown
)

// Request is the *http.Request being built.
type Request struct {
	Method        string
	URL           *url.URL
	Host          string // Request.Host
	Header        Header
	Sources       map[string]string // canonical key → trace source of its values
	Body          []byte
	BodyMode      BodyMode
	ContentLength int64
	Extra         Header // the transport's extra headers (Accept-Encoding)
}

func (r *Request) SetSource(key, source string) {
	r.Sources[CanonicalKey(key)] = source
}

// NewRequest is http.NewRequestWithContext(ctx, method, rawURL, body):
// body nil means no reader; otherwise a *strings.Reader / *bytes.Buffer over
// it, whose length becomes ContentLength (an empty one becomes http.NoBody).
func NewRequest(method, rawURL string, body []byte, hasBody bool) (*Request, error) {
	if method == "" {
		method = "GET"
	}
	if !merge.IsToken(method) {
		return nil, fmt.Errorf("net/http: invalid method %q", method)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	u.Host = removeEmptyPort(u.Host)
	r := &Request{Method: method, URL: u, Host: u.Host, Header: Header{},
		Sources: map[string]string{}, Extra: Header{}}
	if hasBody {
		r.Body = body
		r.ContentLength = int64(len(body))
		r.BodyMode = BodyReader
		if len(body) == 0 {
			r.BodyMode = BodyNoBody
		}
	}
	return r, nil
}

func hasPort(host string) bool {
	return strings.LastIndex(host, ":") > strings.LastIndex(host, "]")
}

func removeEmptyPort(host string) string {
	if hasPort(host) {
		return strings.TrimSuffix(host, ":")
	}
	return host
}

// AddCookie is Request.AddCookie: appends to the first Cookie value with
// "; " (Header.Set, so further Cookie lines are replaced).
func AddCookie(h Header, pair string) {
	if c := h.Get("Cookie"); c != "" {
		h.Set("Cookie", c+"; "+pair)
	} else {
		h.Set("Cookie", pair)
	}
}

// urlError is the *url.Error Client.Do wraps around a failure.
func urlError(r *Request, err string) string {
	return fmt.Sprintf("%s %q: %s", urlErrorOp(r.Method), stripPassword(r.URL), err)
}

func urlErrorOp(method string) string {
	if method == "" {
		return "Get"
	}
	for i := 0; i < len(method); i++ {
		if method[i] >= utf8.RuneSelf {
			return method
		}
	}
	return method[:1] + strings.ToLower(method[1:])
}

func stripPassword(u *url.URL) string {
	if _, set := u.User.Password(); set {
		return strings.Replace(u.String(), u.User.String()+"@", u.User.Username()+":***@", 1)
	}
	return u.String()
}

// ErrorType names an error as the Go runner does: its type without the
// pointer star, a *url.Error by the error it wraps.
func ErrorType(err error) string {
	if ue, ok := err.(*url.Error); ok && ue.Err != nil {
		err = ue.Err
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", err), "*")
}

// Rules shared by both Go profiles: what Client.Do and the default Transport
// do with a built request. Each expects Vars["go.req"].

func RequestOf(s *merge.State) *Request {
	r := merge.Var[*Request](s, "go.req")
	if r == nil {
		s.Unsupported("internal: no request was built")
	}
	return r
}

// URLUserinfoRule: send() turns URL userinfo into Basic auth when the
// request has no Authorization value.
func URLUserinfoRule() merge.Rule {
	return merge.Rule{
		Name: "url-userinfo-basic-auth",
		Cite: Cite("net/http/client.go", "send", 251),
		Doc:  "URL userinfo (user:pass@) becomes Authorization: Basic only if Header.Get(\"Authorization\") is empty, so any Authorization value wins over it.",
		Apply: func(s *merge.State) {
			r := RequestOf(s)
			if r == nil {
				return
			}
			u := r.URL.User
			if u == nil {
				return
			}
			if r.Header.Get("Authorization") != "" {
				s.Explain(merge.FieldName("Authorization"), "", merge.SourceURL, merge.ActionIgnore, "URL userinfo is not used: the request already has an Authorization value")
				return
			}
			pw, _ := u.Password()
			v := merge.BasicAuth(u.Username(), pw)
			r.Header.Set("Authorization", v)
			r.SetSource("Authorization", merge.SourceURL)
			s.Explain(merge.FieldName("Authorization"), v, merge.SourceURL, merge.ActionSet, "from the URL's userinfo (percent-decoded)")
		},
	}
}

// TransportChecksRule: Transport.roundTrip refuses bad headers, a scheme
// other than http/https, and a URL without host; Client.Do wraps the error.
func TransportChecksRule() merge.Rule {
	return merge.Rule{
		Name: "transport-checks",
		Cite: Cite("net/http/transport.go", "Transport.roundTrip", 590),
		Doc:  "Before dialing, the transport rejects header values with control characters (http/https only), schemes other than http/https, and URLs without a host; Client.Do wraps the error in *url.Error (\"Get \\\"url\\\": …\").",
		Apply: func(s *merge.State) {
			r := RequestOf(s)
			if r == nil {
				return
			}
			scheme := r.URL.Scheme
			isHTTP := scheme == "http" || scheme == "https"
			if isHTTP {
				var bad []string
				for _, k := range r.Header.SortedKeys() {
					if !merge.IsToken(k) {
						bad = append(bad, fmt.Sprintf("field name %q", k))
						continue
					}
					for _, v := range r.Header[k] {
						if !validHeaderValue(v) {
							bad = append(bad, fmt.Sprintf("field value for %q", k))
							break
						}
					}
				}
				if len(bad) > 0 {
					if len(bad) > 1 {
						s.Warn("several headers are invalid; Go checks them in map order, so the one named in the error varies between runs")
					}
					s.Raise("errors.errorString", "%s", urlError(r, "net/http: invalid header "+bad[0]))
					return
				}
			}
			if !isHTTP {
				s.Raise("errors.errorString", "%s", urlError(r, fmt.Sprintf("unsupported protocol scheme %q", scheme)))
				return
			}
			if r.URL.Host == "" {
				s.Raise("errors.errorString", "%s", urlError(r, "http: no Host in request URL"))
				return
			}
			if scheme == "https" {
				s.Warn("over https, Go's default transport negotiates HTTP/2 when the server offers it (then User-Agent is Go-http-client/2.0 and header names are lower case); this is the HTTP/1.1 request")
			}
		},
	}
}

// validHeaderValue is httpguts.ValidHeaderFieldValue: no control bytes but tab.
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		b := v[i]
		if (b < ' ' && b != '\t') || b == 0x7f {
			return false
		}
	}
	return true
}

// AcceptEncodingRule: persistConn.roundTrip asks for gzip itself.
func AcceptEncodingRule() merge.Rule {
	return merge.Rule{
		Name: "transport-accept-encoding",
		Cite: Cite("net/http/transport.go", "persistConn.roundTrip", 2840),
		Doc:  "The transport adds Accept-Encoding: gzip (after all other headers) unless Header.Get(\"Accept-Encoding\") or Header.Get(\"Range\") is non-empty or the method is HEAD. An empty Accept-Encoding does not stop it: both lines are sent.",
		Apply: func(s *merge.State) {
			r := RequestOf(s)
			if r == nil {
				return
			}
			switch {
			case r.Header.Get("Accept-Encoding") != "":
				s.Explain(merge.FieldName("Accept-Encoding"), "gzip", merge.SourceTransport, merge.ActionIgnore, "not added: the request has its own Accept-Encoding (and the transport then does not decompress)")
			case r.Header.Get("Range") != "":
				s.Explain(merge.FieldName("Accept-Encoding"), "gzip", merge.SourceTransport, merge.ActionIgnore, "not added: the request has a Range header")
			case r.Method == "HEAD":
				s.Explain(merge.FieldName("Accept-Encoding"), "gzip", merge.SourceTransport, merge.ActionIgnore, "not added for HEAD (nginx bug, golang.org/issue/5522)")
			default:
				r.Extra.Set("Accept-Encoding", "gzip")
				note := "transparent gzip: the transport will decompress the response"
				if _, ok := r.Header["Accept-Encoding"]; ok {
					note = "added although the request has an Accept-Encoding key: the check is Header.Get(...) == \"\", so an empty or null value does not count"
				}
				s.Explain(merge.FieldName("Accept-Encoding"), "gzip", merge.SourceTransport, merge.ActionSet, note)
			}
		},
	}
}

// WriteRule: Request.write puts the request on the wire.
func WriteRule(defaultUA string) merge.Rule {
	return merge.Rule{
		Name: "request-write",
		Cite: Cite("net/http/request.go", "Request.write", 582),
		Doc: "Request.write sends Host, then User-Agent (" + defaultUA + " unless the Header has a User-Agent key; an empty or null one sends none), " +
			"then Content-Length or Transfer-Encoding: chunked, then the Header map sorted by key (one line per value, trimmed; Host, User-Agent, Content-Length, Transfer-Encoding and Trailer keys skipped), then the transport's Accept-Encoding.",
		Apply: func(s *merge.State) {
			r := RequestOf(s)
			if r == nil {
				return
			}
			write(s, r, defaultUA)
		},
	}
}

// writeExcluded is reqWriteExcludeHeader.
func writeExcluded(k string) bool {
	switch k {
	case "Host", "User-Agent", "Content-Length", "Transfer-Encoding", "Trailer":
		return true
	}
	return false
}

func write(s *merge.State, r *Request, defaultUA string) {
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	host, err := PunycodeHostPort(host)
	if err != nil {
		s.Raise("errors.errorString", "%s", urlError(r, err.Error()))
		return
	}
	if !validHost(host) {
		s.Explain(merge.FieldName("Host"), host, merge.SourceURL, merge.ActionRemove, "the host has bytes not allowed in a Host header, so net/http sends an empty Host")
		host = ""
	}
	host = removeZone(host)

	ruri := r.URL.RequestURI()
	if r.Method == "CONNECT" && r.URL.Path == "" {
		ruri = host
		if r.URL.Opaque != "" {
			ruri = r.URL.Opaque
		}
	}
	if strings.Contains(ruri, " ") {
		s.Warn("the URL's query has a raw space, which net/url keeps and net/http writes into the request line as is (%q); servers reject or mis-split such a request", ruri)
	}
	for i := 0; i < len(ruri); i++ {
		if ruri[i] < ' ' || ruri[i] == 0x7f {
			s.Raise("errors.errorString", "%s", urlError(r, "net/http: can't write control character in Request.URL"))
			return
		}
	}

	var out []merge.Header
	hostSrc := merge.SourceURL
	if src, ok := r.Sources["Host"]; ok && r.Host != r.URL.Host {
		hostSrc = src
	}
	out = append(out, merge.Header{Name: "Host", Value: host, Source: hostSrc})
	s.Explain(merge.FieldName("Host"), host, hostSrc, merge.ActionSet, "always the first line: Request.Host, else the URL's host (port kept as written)")

	ua, uaSrc := defaultUA, merge.SourceDefault
	if _, ok := r.Header["User-Agent"]; ok {
		ua, uaSrc = r.Header.Get("User-Agent"), r.Sources["User-Agent"]
		if len(r.Header["User-Agent"]) > 1 {
			s.Explain(merge.FieldName("User-Agent"), strings.Join(r.Header["User-Agent"][1:], ", "), uaSrc, merge.ActionRemove, "only the first User-Agent value is written (Header.Get)")
		}
	}
	if ua != "" {
		ua = trim(newlineToSpace.Replace(ua))
		out = append(out, merge.Header{Name: "User-Agent", Value: ua, Source: uaSrc})
		if uaSrc == merge.SourceDefault {
			s.Explain(merge.FieldName("User-Agent"), ua, merge.SourceDefault, merge.ActionSet, "net/http's default, second line")
		} else {
			s.Explain(merge.FieldName("User-Agent"), ua, uaSrc, merge.ActionOverride, "the Header's User-Agent replaces "+defaultUA+"; written second")
		}
	} else {
		s.Explain(merge.FieldName("User-Agent"), defaultUA, merge.SourceDefault, merge.ActionRemove, "the Header has a User-Agent key with an empty or no value, which suppresses the default")
	}

	// transferWriter: framing from Body and ContentLength.
	cl := int64(0)
	bodyPresent := r.BodyMode == BodyReader
	if bodyPresent {
		cl = r.ContentLength
		if cl == 0 {
			cl = -1
		}
	}
	chunked := false
	if cl < 0 {
		switch {
		case r.Method == "CONNECT":
		case methodUsuallyLacksBody(r.Method):
			if len(r.Body) == 0 { // the probe reads EOF: no body after all
				bodyPresent, cl = false, 0
			} else {
				chunked = true
			}
		default:
			chunked = true
		}
	}
	if !bodyPresent {
		cl = 0
	}
	switch {
	case !chunked && shouldSendContentLength(r.Method, cl):
		v := strconv.FormatInt(cl, 10)
		out = append(out, merge.Header{Name: "Content-Length", Value: v, Source: merge.SourceTransport})
		note := "the body's length"
		if cl == 0 {
			note = "POST, PUT and PATCH always get a Content-Length (\"many servers expect\" it)"
		}
		s.Explain(merge.FieldName("Content-Length"), v, merge.SourceTransport, merge.ActionSet, note)
	case chunked:
		out = append(out, merge.Header{Name: "Transfer-Encoding", Value: "chunked", Source: merge.SourceTransport})
		s.Explain(merge.FieldName("Transfer-Encoding"), "chunked", merge.SourceTransport, merge.ActionSet, "the body is a reader of unknown length (ContentLength 0 with a non-NoBody Body), so it is sent chunked")
	}
	if bodyPresent && (cl > 0 || chunked) {
		s.Body = append([]byte{}, r.Body...)
	} else {
		s.Body = nil
	}

	for _, k := range r.Header.SortedKeys() {
		vs := r.Header[k]
		if writeExcluded(k) {
			if len(vs) > 0 && k != "User-Agent" {
				s.Explain(merge.FieldName(k), strings.Join(vs, ", "), r.Sources[k], merge.ActionIgnore, "Request.write never sends a "+k+" key from the Header map (reqWriteExcludeHeader); it writes its own")
			}
			continue
		}
		if !merge.IsToken(k) {
			continue
		}
		if vs == nil {
			s.Explain(merge.FieldName(k), "", r.Sources[k], merge.ActionRemove, "key present with no values: nothing is written")
		}
		for _, v := range vs {
			v = trim(strings.NewReplacer("\n", " ", "\r", " ").Replace(v))
			out = append(out, merge.Header{Name: k, Value: v, Source: r.Sources[k]})
		}
	}
	for _, k := range r.Extra.SortedKeys() {
		for _, v := range r.Extra[k] {
			out = append(out, merge.Header{Name: k, Value: v, Source: merge.SourceTransport})
		}
	}

	s.Method = r.Method
	s.URL = r.URL.String()
	s.Target = ruri
	s.Headers = out
	s.Explain("url", s.URL, merge.SourceRequest, merge.ActionKeep, "request-target "+ruri)
}

func shouldSendContentLength(method string, cl int64) bool {
	if cl > 0 {
		return true
	}
	if cl < 0 {
		return false
	}
	return method == "POST" || method == "PUT" || method == "PATCH"
}

func methodUsuallyLacksBody(m string) bool {
	switch m {
	case "GET", "HEAD", "DELETE", "OPTIONS", "PROPFIND", "SEARCH":
		return true
	}
	return false
}

// trim is textproto.TrimString: ASCII space, tab, CR, LF at both ends.
func trim(s string) string {
	return strings.Trim(s, " \t\r\n")
}

func validHost(h string) bool {
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			continue
		}
		if !strings.ContainsRune("!$%&()*+,-.:;=[']_~", rune(c)) {
			return false
		}
	}
	return true
}

func removeZone(host string) string {
	if !strings.HasPrefix(host, "[") {
		return host
	}
	i := strings.LastIndex(host, "]")
	if i < 0 {
		return host
	}
	j := strings.LastIndex(host[:i], "%")
	if j < 0 {
		return host
	}
	return host[:j] + host[i:]
}
