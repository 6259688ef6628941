package undici

import (
	"sort"
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// Header is one entry of a HeadersList: keyed by the lower-case name, spelled as first
// appended or as last set.
type Header struct {
	Lower, Name, Value, Source string
}

// Headers is a HeadersList in insertion order, as undici 6.16+ keeps it (#3183: raw names).
type Headers struct{ L []Header }

// Index is the position of a lower-case name, or -1.
func (h *Headers) Index(lower string) int {
	for i, e := range h.L {
		if e.Lower == lower {
			return i
		}
	}
	return -1
}

// Has is Headers.has.
func (h *Headers) Has(name string) bool { return h.Index(strings.ToLower(name)) >= 0 }

// Get is Headers.get: ok is false when the name is absent (get returns null).
func (h *Headers) Get(name string) (string, bool) {
	if i := h.Index(strings.ToLower(name)); i >= 0 {
		return h.L[i].Value, true
	}
	return "", false
}

// Append is Headers.append: a second value of a name joins the first under the first spelling.
func (h *Headers) Append(name, value, source string) {
	lower := strings.ToLower(name)
	if i := h.Index(lower); i >= 0 {
		d := ", "
		if lower == "cookie" {
			d = "; "
		}
		h.L[i].Value += d + value
		return
	}
	h.L = append(h.L, Header{lower, name, value, source})
}

// Set is Headers.set: the value and spelling are replaced where the name already is.
func (h *Headers) Set(name, value, source string) {
	lower := strings.ToLower(name)
	if i := h.Index(lower); i >= 0 {
		h.L[i] = Header{lower, name, value, source}
		return
	}
	h.L = append(h.L, Header{lower, name, value, source})
}

// Del is Headers.delete.
func (h *Headers) Del(name string) {
	if i := h.Index(strings.ToLower(name)); i >= 0 {
		h.L = append(h.L[:i:i], h.L[i+1:]...)
	}
}

// Clone copies the list (new Headers(headers) and the Request constructor's copy).
func (h *Headers) Clone() *Headers {
	return &Headers{L: append([]Header(nil), h.L...)}
}

// Lower is the HeadersList iterator, in place: lower-case names in list order.
func (h *Headers) Lower() {
	for i := range h.L {
		h.L[i].Name = h.L[i].Lower
	}
}

// Entries is the Headers iterator ("sort and combine"): lower-case names in code-unit order.
func (h *Headers) Entries() []Header {
	out := append([]Header(nil), h.L...)
	for i := range out {
		out[i].Name = out[i].Lower
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Lower < out[j].Lower })
	return out
}

// InitError is the TypeError of a HeadersInit that is neither a record nor a sequence.
const InitError = "Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>."

// ByteString is WebIDL ToString then ByteString; msg is the TypeError for a code unit above
// U+00FF.
func ByteString(v merge.Value) (string, string) {
	x := js.String(v)
	if v.Kind == merge.Object {
		x = "[object Object]"
	}
	if msg := js.ByteStringError(x); msg != "" {
		return "", msg
	}
	return x, ""
}

// FromRecord is new Headers(record): each own property in V8 order, the value
// ByteString-converted, trimmed of HTTP whitespace and appended. msg is the TypeError.
func FromRecord(v merge.Value, source string) (*Headers, string) {
	if v.Kind != merge.Object {
		return nil, InitError
	}
	type kv struct{ k, v string }
	var conv []kv
	for _, f := range js.Ordered(v).Fields {
		val, msg := ByteString(f.Value)
		if msg != "" {
			return nil, msg
		}
		conv = append(conv, kv{f.Key, strings.Trim(val, " \t\r\n")})
	}
	h := &Headers{}
	for _, e := range conv {
		h.Append(e.k, e.v, source)
	}
	return h, ""
}

// ParseURL is the Request constructor's URL step for a string input.
func ParseURL(input string) (*whatwg.URL, string) {
	u, err := whatwg.Parse(input, nil)
	if err != nil {
		return nil, "Failed to parse URL from " + input
	}
	if u.Username != "" || u.Password != "" {
		return nil, "Request cannot be constructed from a URL that includes credentials: " + input
	}
	return u, ""
}

// Method is the Request constructor's method step: DELETE, GET, HEAD, OPTIONS, POST and PUT
// in any case are upper-cased ("patch" is not one of them), forbidden ones rejected.
func Method(m string) (string, string) {
	if !merge.IsToken(m) {
		return "", "'" + m + "' is not a valid HTTP method."
	}
	switch up := strings.ToUpper(m); up {
	case "CONNECT", "TRACE", "TRACK":
		return "", "'" + m + "' HTTP method is unsupported."
	case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT":
		return up, ""
	}
	return m, ""
}

// GetBodyError is the Request constructor's TypeError for a body on GET or HEAD.
const GetBodyError = "Request with GET/HEAD method cannot have body."

// Request is what fetch sends: method, parsed URL, header list and body.
type Request struct {
	Method  string
	URL     *whatwg.URL
	Headers *Headers
	Body    []byte
	HasBody bool
	// UserAgent is the user-agent fetch appends when none is set: "node", or "undici" in the
	// undici before v5.26.1 that Node 20.0.0–20.8.0 bundle (libs/fetch facts.go); "" is "node".
	UserAgent string
	// URLExplained: the library's rule already explained the URL, so Write does not repeat it.
	URLExplained bool
}

// ExpectsPayload lists the methods for which the HTTP/1.1 writer sends content-length: 0
// without a body (lib/dispatcher/client-h1.js writeH1).
func ExpectsPayload(method string) bool {
	switch method {
	case "PUT", "POST", "PATCH", "QUERY", "PROPFIND", "PROPPATCH":
		return true
	}
	return false
}

// Cite is a file of undici at a tag ("v6.24.1"); the index has names but no lines for the
// bundle Node ships, so the link has no anchor.
func Cite(tag, file, fn string) merge.Cite {
	return merge.Cite{File: file, Func: fn, Tag: tag, URL: "https://github.com/nodejs/undici/blob/" + tag + "/" + file}
}

// Defaults is what fetch adds to the Request's headers, each explained: accept and
// accept-language when absent (fetching), content-length for a body (0 for POST and PUT
// without one, unexplained: Write explains what it writes), sec-fetch-mode
// (appendFetchMetadata), user-agent, the no-cache pair for conditional requests,
// accept-encoding (httpNetworkOrCacheFetch); a host header is deleted.
func Defaults(s *merge.State, r *Request, fetching, metadata merge.Cite) {
	h := r.Headers
	add := func(at merge.Cite, name, value string) {
		h.Append(name, value, merge.SourceDefault)
		s.ExplainAt(at, merge.FieldName(name), value, merge.SourceDefault, merge.ActionSet, "added by fetch when absent")
	}
	if !h.Has("accept") {
		add(fetching, "accept", "*/*")
	}
	if !h.Has("accept-language") {
		add(fetching, "accept-language", "*")
	}
	if r.HasBody {
		h.Append("content-length", strconv.Itoa(len(r.Body)), merge.SourceTransport)
	} else if r.Method == "POST" || r.Method == "PUT" {
		h.Append("content-length", "0", merge.SourceTransport)
	}
	h.Set("sec-fetch-mode", "cors", merge.SourceDefault)
	s.ExplainAt(metadata, merge.FieldName("sec-fetch-mode"), "cors", merge.SourceDefault, merge.ActionSet, "appendFetchMetadata sets the request's mode")
	if !h.Has("user-agent") {
		ua := r.UserAgent
		if ua == "" {
			ua = "node"
		}
		add(merge.Cite{}, "user-agent", ua)
	}
	for _, n := range []string{"if-modified-since", "if-none-match", "if-unmodified-since", "if-match", "if-range"} {
		if h.Has(n) {
			if !h.Has("pragma") {
				add(merge.Cite{}, "pragma", "no-cache")
			}
			if !h.Has("cache-control") {
				add(merge.Cite{}, "cache-control", "no-cache")
			}
			break
		}
	}
	if h.Has("range") {
		add(merge.Cite{}, "accept-encoding", "identity")
	}
	if !h.Has("accept-encoding") {
		enc := "gzip, deflate"
		if r.URL.Scheme == "https" {
			enc = "br, gzip, deflate"
		}
		add(merge.Cite{}, "accept-encoding", enc)
	}
	if i := h.Index("host"); i >= 0 {
		s.Explain(merge.FieldName(h.L[i].Name), h.L[i].Value, h.L[i].Source, merge.ActionRemove, "fetch deletes a host header; undici writes its own")
		h.Del("host")
	}
}

// Write is undici's HTTP/1.1 writer (lib/dispatcher/client-h1.js writeH1): host and
// connection first, then the header list (a plain object, so integer-like names move first),
// then content-length: the one fetch appended (Defaults), which must match the body, or 0
// without a body for PUT/POST/PATCH-like methods. Headers from SourceDefault were explained
// where they were added.
func Write(s *merge.State, r *Request) {
	o := &js.Object{}
	src := map[string]string{}
	for _, e := range r.Headers.L {
		o.Set(e.Name, js.Value{V: merge.Value{Kind: merge.String, Text: e.Value}})
		src[e.Name] = e.Source
	}
	reset := r.Method == "HEAD"
	contentLength, lengthGiven := -1, false
	var lines [][3]string
	for _, e := range o.Entries() {
		lower := strings.ToLower(e.Key)
		val := e.Val.V.Text
		switch lower {
		case "content-length":
			n, ok := parseInt(val)
			if !ok {
				s.Raise("TypeError", "fetch failed")
				return
			}
			contentLength, lengthGiven = n, true
			continue
		case "transfer-encoding", "keep-alive", "upgrade", "expect":
			s.Raise("TypeError", "fetch failed")
			return
		case "connection":
			v := strings.ToLower(val)
			if v != "close" && v != "keep-alive" {
				s.Raise("TypeError", "fetch failed")
				return
			}
			reset = reset || v == "close"
			s.Explain(merge.FieldName(e.Key), val, src[e.Key], merge.ActionIgnore, "undici consumes the connection header and writes its own")
			continue
		}
		lines = append(lines, [3]string{e.Key, val, src[e.Key]})
	}
	expects := ExpectsPayload(r.Method)
	// util.bodyLength of fetch's async-iterable body is null, so a body's length is the
	// content-length fetch appended (joined to one given: parseInt reads the first); no body
	// counts as 0. Any other length fails (recorded with fetch@20.20.2, ofetch@1.5.1 and
	// ky@1.14.3: 9 or -5 for a body of 2 or 3 bytes raise TypeError: fetch failed).
	if !r.HasBody {
		contentLength = 0
	} else if !lengthGiven {
		contentLength = len(r.Body)
	} else if contentLength != len(r.Body) {
		s.Raise("TypeError", "fetch failed")
		return
	}
	if contentLength == 0 && !expects {
		contentLength = -1
	}
	s.Headers = nil
	host := r.URL.HostPort()
	s.AddHeader("host", host, merge.SourceTransport)
	s.Explain(merge.FieldName("host"), host, merge.SourceTransport, merge.ActionSet, "undici's host line from the URL")
	conn := "keep-alive"
	if reset {
		conn = "close"
	}
	s.AddHeader("connection", conn, merge.SourceTransport)
	s.Explain(merge.FieldName("connection"), conn, merge.SourceTransport, merge.ActionSet, "close after HEAD or when connection: close was given")
	for _, l := range lines {
		s.AddHeader(l[0], l[1], l[2])
		if l[2] != merge.SourceDefault {
			s.Explain(merge.FieldName(l[0]), l[1], l[2], merge.ActionSet, "")
		}
	}
	if contentLength >= 0 {
		s.AddHeader("content-length", strconv.Itoa(contentLength), merge.SourceTransport)
		s.Explain(merge.FieldName("content-length"), strconv.Itoa(contentLength), merge.SourceTransport, merge.ActionSet, "written last by undici's HTTP/1.1 writer")
	}
	s.Method = r.Method
	s.Explain("method", r.Method, merge.SourceRequest, merge.ActionSet, "")
	u := *r.URL
	u.Fragment, u.HasFrag = "", false
	s.URL = u.Href()
	s.Target = u.Path + u.Search()
	if !r.URLExplained {
		s.Explain("url", s.URL, merge.SourceRequest, merge.ActionSet, "the Request's URL as WHATWG parsed it; the fragment is not sent")
	}
	whatwg.ExplainQuery(s, s.Target)
	s.Body = r.Body
	s.Explain("body", string(r.Body), merge.SourceRequest, merge.ActionSet, "")
}

// parseInt is parseInt(s, 10) for a finite result.
func parseInt(s string) (int, bool) {
	s = js.Trim(s)
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i {
		return 0, false
	}
	n, err := strconv.Atoi(s[:j])
	return n, err == nil
}
