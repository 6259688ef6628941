package ky

import (
	"sort"
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// A Headers object as undici keeps it: one entry per lower-cased name, in
// insertion order, values combined with ", " by append. Iterating a Headers
// object (what ky's mergeHeaders does) yields the names sorted.
type headers []merge.Header

func (h headers) index(name string) int {
	for i, e := range h {
		if e.Name == name {
			return i
		}
	}
	return -1
}

func (h headers) get(name string) (string, bool) {
	if i := h.index(name); i >= 0 {
		return h[i].Value, true
	}
	return "", false
}

// append is Headers.append: a second value of a name joins the first.
func (h headers) append(name, value, source string) headers {
	name = strings.ToLower(name)
	if i := h.index(name); i >= 0 {
		h[i].Value += ", " + value
		h[i].Source = source
		return h
	}
	return append(h, merge.Header{Name: name, Value: value, Source: source})
}

// set is Headers.set: the value is replaced where the name already is.
func (h headers) set(name, value, source string) headers {
	name = strings.ToLower(name)
	if i := h.index(name); i >= 0 {
		h[i].Value, h[i].Source = value, source
		return h
	}
	return append(h, merge.Header{Name: name, Value: value, Source: source})
}

func (h headers) del(name string) headers {
	if i := h.index(name); i >= 0 {
		return append(h[:i:i], h[i+1:]...)
	}
	return h
}

// sorted is the order Headers iteration yields ("sort and combine").
func (h headers) sorted() headers {
	out := append(headers(nil), h...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// headersFromRecord is new Headers(record): each member's value goes
// through String() and the ByteString check, then is trimmed and appended.
// It returns the ByteString error message, if any.
func headersFromRecord(rec merge.Value, source string) (headers, string) {
	var h headers
	for _, f := range js.Ordered(rec).Fields {
		v := js.String(f.Value)
		if msg := byteStringError(v); msg != "" {
			return nil, msg
		}
		h = h.append(f.Key, trimHTTPWS(v), source)
	}
	return h, ""
}

// Errors of undici's fetch (Node 20: undici 6.24.1, Node 22: 6.28.1).
const (
	headersInitError = "Headers constructor: Argument 1 could not be converted to one of: sequence<sequence<ByteString>>, record<ByteString, ByteString>."
	getBodyError     = "Request with GET/HEAD method cannot have body."
)

// undiciMethod is the Request constructor's method step: exact-match
// normalization of the six standard methods (either case), forbidden methods
// rejected, other spellings kept (so "patch" stays "patch", "Delete" → DELETE).
func undiciMethod(m string) (string, string) {
	switch m {
	case "delete", "DELETE", "get", "GET", "head", "HEAD", "options", "OPTIONS", "post", "POST", "put", "PUT":
		return strings.ToUpper(m), ""
	case "patch", "PATCH":
		return m, ""
	}
	up := strings.ToUpper(m)
	switch up {
	case "CONNECT", "TRACE", "TRACK":
		return "", "'" + m + "' HTTP method is unsupported."
	case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT":
		return up, ""
	}
	return m, ""
}

// undiciExpectsPayload lists the methods for which undici's HTTP/1.1 writer
// sends content-length: 0 without a body (lib/dispatcher/client-h1.js writeH1).
func undiciExpectsPayload(m string) bool {
	switch m {
	case "PUT", "POST", "PATCH", "QUERY", "PROPFIND", "PROPPATCH":
		return true
	}
	return false
}

// undiciCite is a file of the undici a Node release bundles (tag "v6.24.1"); the index has its
// names but no lines (the bundle's lines are not the repository's), so the link has no anchor.
func undiciCite(tag, file, fn string) merge.Cite {
	return merge.Cite{File: file, Func: fn, Tag: tag, URL: "https://github.com/nodejs/undici/blob/" + tag + "/" + file}
}

// undiciFetchRules is what Node's fetch does with the Request ky built: the
// request headers fetch adds when absent, then what the HTTP/1.1 client
// writes around them. The Request is in Var "fetch" (*undiciRequest).
func undiciFetchRules(tag string) []merge.Rule {
	fetching, metadata := undiciCite(tag, "lib/web/fetch/index.js", "fetching"), undiciCite(tag, "lib/web/fetch/util.js", "appendFetchMetadata")
	return []merge.Rule{
		{Name: "fetch-default-headers", Cite: undiciCite(tag, "lib/web/fetch/index.js", "httpNetworkOrCacheFetch"), Also: []merge.Cite{fetching, metadata},
			Doc:   "fetch appends accept: */*, accept-language: *, sec-fetch-mode: cors, user-agent: node and accept-encoding (gzip, deflate; br first for https) to the Request's headers, each only when absent; a range header adds accept-encoding identity; conditional headers add pragma/cache-control no-cache; a host header is dropped.",
			Apply: func(s *merge.State) { undiciDefaults(s, fetching, metadata) }},
		{Name: "http1-write", Cite: undiciCite(tag, "lib/dispatcher/client-h1.js", "writeH1"),
			Doc:   "undici writes host and connection first (connection: close for HEAD), then the header list, then content-length: the body's length, or 0 without a body for PUT/POST/PATCH-like methods. The request-target is pathname + search, so an empty '?' is not sent.",
			Apply: undiciWrite},
	}
}

// undiciRequest is a fetch Request: method, parsed URL, header list, body.
type undiciRequest struct {
	method  string
	url     *whatwg.URL
	headers headers
	body    *string
}

// undiciDefaults: fetching() appends accept and accept-language, appendFetchMetadata sets
// sec-fetch-mode, httpNetworkOrCacheFetch the rest.
func undiciDefaults(s *merge.State, fetching, metadata merge.Cite) {
	r := merge.Var[*undiciRequest](s, "fetch")
	if r == nil {
		return
	}
	h := r.headers
	addAt := func(at merge.Cite, name, value, note string) {
		if _, ok := h.get(name); !ok {
			h = append(h, merge.Header{Name: name, Value: value, Source: merge.SourceTransport})
			s.ExplainAt(at, merge.FieldName(name), value, merge.SourceTransport, merge.ActionSet, note)
		} else {
			s.ExplainAt(at, merge.FieldName(name), value, merge.SourceTransport, merge.ActionIgnore, "already set, so fetch does not add its default "+value)
		}
	}
	add := func(name, value, note string) { addAt(merge.Cite{}, name, value, note) }
	addAt(fetching, "accept", "*/*", "fetch's default Accept")
	addAt(fetching, "accept-language", "*", "fetch's default Accept-Language")
	if i := h.index("sec-fetch-mode"); i >= 0 {
		h[i].Value, h[i].Source = "cors", merge.SourceTransport
	} else {
		h = append(h, merge.Header{Name: "sec-fetch-mode", Value: "cors", Source: merge.SourceTransport})
	}
	s.ExplainAt(metadata, merge.FieldName("sec-fetch-mode"), "cors", merge.SourceTransport, merge.ActionSet, "appendFetchMetadata sets the request mode")
	add("user-agent", "node", "Node's bundled undici identifies as node")
	for _, c := range []string{"if-modified-since", "if-none-match", "if-unmodified-since", "if-match", "if-range"} {
		if _, ok := h.get(c); ok {
			for _, p := range [][2]string{{"pragma", "no-cache"}, {"cache-control", "no-cache"}} {
				if _, ok := h.get(p[0]); !ok {
					h = append(h, merge.Header{Name: p[0], Value: p[1], Source: merge.SourceTransport})
					s.Explain(merge.FieldName(p[0]), p[1], merge.SourceTransport, merge.ActionSet, "a conditional header turns the cache mode into no-store")
				}
			}
			break
		}
	}
	if _, ok := h.get("range"); ok {
		h = h.append("accept-encoding", "identity", merge.SourceTransport)
		s.Explain(merge.FieldName("accept-encoding"), "identity", merge.SourceTransport, merge.ActionSet, "a Range request asks for identity encoding")
	}
	enc := "gzip, deflate"
	if r.url.Scheme == "https" {
		enc = "br, gzip, deflate"
	}
	add("accept-encoding", enc, "undici 6 default for "+r.url.Scheme)
	if _, ok := h.get("host"); ok {
		h = h.del("host")
		s.Explain(merge.FieldName("host"), "", merge.SourceTransport, merge.ActionRemove, "fetch deletes a host header; undici writes its own")
	}
	r.headers = h
}

func undiciWrite(s *merge.State) {
	r := merge.Var[*undiciRequest](s, "fetch")
	if r == nil {
		return
	}
	s.Method = r.method
	s.URL = r.url.Href()
	s.Target = r.url.Path + r.url.Search()
	s.Explain("method", r.method, merge.SourceRequest, merge.ActionSet, "")
	s.Explain("url", s.URL, merge.SourceRequest, merge.ActionSet, "the fragment is never sent; an empty query is not sent")
	conn := "keep-alive"
	if r.method == "HEAD" {
		conn = "close"
	}
	s.Headers = []merge.Header{{Name: "host", Value: r.url.HostPort(), Source: merge.SourceTransport}, {Name: "connection", Value: conn, Source: merge.SourceTransport}}
	s.Explain(merge.FieldName("host"), r.url.HostPort(), merge.SourceTransport, merge.ActionSet, "from the URL")
	s.Explain(merge.FieldName("connection"), conn, merge.SourceTransport, merge.ActionSet, "undici resets the socket after HEAD")
	var cl string
	for _, h := range r.headers {
		if h.Name == "content-length" {
			cl = h.Value
			continue
		}
		s.Headers = append(s.Headers, h)
	}
	switch {
	case r.body != nil:
		s.Body = js.UTF8(*r.body)
		if len(s.Body) > 0 || undiciExpectsPayload(r.method) {
			cl = strconv.Itoa(len(s.Body))
		}
		s.Explain("body", *r.body, merge.SourceRequest, merge.ActionSet, "")
	case undiciExpectsPayload(r.method):
		cl = "0"
		s.Explain("body", "", merge.SourceDefault, merge.ActionSet, "no body")
	default:
		s.Explain("body", "", merge.SourceDefault, merge.ActionSet, "no body")
	}
	if cl != "" {
		s.Headers = append(s.Headers, merge.Header{Name: "content-length", Value: cl, Source: merge.SourceTransport})
		s.Explain(merge.FieldName("content-length"), cl, merge.SourceTransport, merge.ActionSet, "written last by undici's HTTP/1.1 client")
	}
}
