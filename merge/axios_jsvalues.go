package merge

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mergeplay/mergeplay/merge/internal/minjson"
)

// JavaScript value model for the axios profiles: axios merges plain objects
// (config, header trees, params) with its own utils.merge, and the order of a
// JS object's keys decides the order of header lines. axObj keeps that order
// the way V8 does: integer-like keys first in ascending order, then the other
// keys in insertion order; assigning an existing key keeps its position.

// axVal is a JS value: a scenario scalar/array (V) or a plain object (Obj).
type axVal struct {
	V   Value
	Obj *axObj
}

// axObj is a plain JS object with V8 key order.
type axObj struct{ ents []axEnt }

type axEnt struct {
	k string
	v axVal
}

func axUndef() axVal { return axVal{V: Value{Kind: Undefined}} }

// isUndefined is utils.isUndefined (absent properties read as undefined).
func (v axVal) isUndefined() bool {
	return v.Obj == nil && (v.V.Kind == Undefined || v.V.Kind == Absent)
}

func (v axVal) isNull() bool { return v.Obj == nil && v.V.Kind == Null }

func (v axVal) isArray() bool { return v.Obj == nil && v.V.Kind == Array }

// truthy is JS ToBoolean.
func (v axVal) truthy() bool {
	if v.Obj != nil {
		return true
	}
	switch v.V.Kind {
	case Bool:
		return v.V.Bool
	case Number:
		f := v.V.Float()
		return f != 0 && f == f
	case String:
		return v.V.Text != ""
	case Array, Object:
		return true
	}
	return false
}

// str is String(v).
func (v axVal) str() string {
	if v.Obj != nil {
		return "[object Object]"
	}
	return JSString(v.V)
}

// jsArrayIndex reports whether k is a canonical array index, which V8 orders first.
func jsArrayIndex(k string) bool {
	if k == "" || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < '0' || k[i] > '9' {
			return false
		}
	}
	n, err := strconv.ParseUint(k, 10, 64)
	return err == nil && n < 1<<32-1
}

func (o *axObj) index(k string) int {
	if o == nil {
		return -1
	}
	for i, e := range o.ents {
		if e.k == k {
			return i
		}
	}
	return -1
}

func (o *axObj) get(k string) (axVal, bool) {
	if i := o.index(k); i >= 0 {
		return o.ents[i].v, true
	}
	return axVal{}, false
}

// set assigns o[k] = v.
func (o *axObj) set(k string, v axVal) {
	if i := o.index(k); i >= 0 {
		o.ents[i].v = v
		return
	}
	e := axEnt{k, v}
	if jsArrayIndex(k) {
		n, _ := strconv.ParseUint(k, 10, 64)
		pos := 0
		for pos < len(o.ents) && jsArrayIndex(o.ents[pos].k) {
			m, _ := strconv.ParseUint(o.ents[pos].k, 10, 64)
			if m > n {
				break
			}
			pos++
		}
		o.ents = append(o.ents, axEnt{})
		copy(o.ents[pos+1:], o.ents[pos:])
		o.ents[pos] = e
		return
	}
	o.ents = append(o.ents, e)
}

func (o *axObj) del(k string) {
	if i := o.index(k); i >= 0 {
		o.ents = append(o.ents[:i], o.ents[i+1:]...)
	}
}

func (o *axObj) keys() []string {
	if o == nil {
		return nil
	}
	out := make([]string, len(o.ents))
	for i, e := range o.ents {
		out[i] = e.k
	}
	return out
}

func (o *axObj) clone() *axObj {
	c := &axObj{ents: make([]axEnt, len(o.ents))}
	copy(c.ents, o.ents)
	return c
}

// axFromValue converts a decoded scenario value into the JS value the runner
// builds with JSON.parse + toNative: objects become plain objects in V8 order.
func axFromValue(v Value) axVal {
	if v.Kind != Object {
		return axVal{V: v}
	}
	o := &axObj{}
	for _, f := range v.Fields {
		o.set(f.Key, axFromValue(f.Value))
	}
	return axVal{Obj: o}
}

// jsOrdered reorders object members recursively the way V8 enumerates them
// (integer-like keys first), which is what JSON.stringify writes.
func jsOrdered(v Value) Value {
	switch v.Kind {
	case Array:
		out := v
		out.Items = make([]Value, len(v.Items))
		for i, it := range v.Items {
			out.Items[i] = jsOrdered(it)
		}
		return out
	case Object:
		o := &axObj{}
		for _, f := range v.Fields {
			o.set(f.Key, axVal{V: jsOrdered(f.Value)})
		}
		out := Value{Kind: Object, Fields: make([]Field, len(o.ents))}
		for i, e := range o.ents {
			out.Fields[i] = Field{e.k, e.v.V}
		}
		return out
	}
	return v
}

// axForEach is axios utils.forEach: nothing for null/undefined, a non-object
// is wrapped in a one-element array, arrays by index, objects by own keys.
func axForEach(v axVal, fn func(k string, el axVal)) {
	if v.Obj != nil {
		for _, e := range v.Obj.ents {
			fn(e.k, e.v)
		}
		return
	}
	switch v.V.Kind {
	case Absent, Undefined, Null:
		return
	case Array:
		for i, it := range v.V.Items {
			fn(strconv.Itoa(i), axFromValue(it))
		}
		return
	}
	fn("0", v)
}

// axMerge is utils.merge. caseless (axios >=1.x with {caseless: true}) reuses
// the first spelling of a key; the 1.x merge skips prototype-polluting keys.
func axMerge(caseless, skipProto bool, srcs ...axVal) *axObj {
	res := &axObj{}
	lower := map[string]string{}
	for _, src := range srcs {
		if !src.truthy() {
			continue
		}
		axForEach(src, func(k string, val axVal) {
			if skipProto && (k == "__proto__" || k == "constructor" || k == "prototype") {
				return
			}
			tk := k
			if caseless {
				lk := strings.ToLower(k)
				if known, ok := lower[lk]; ok && res.index(known) >= 0 {
					tk = known
				} else {
					lower[lk] = k
				}
			}
			existing, _ := res.get(tk)
			switch {
			case existing.Obj != nil && val.Obj != nil:
				res.set(tk, axVal{Obj: axMerge(false, skipProto, existing, val)})
			case val.Obj != nil:
				res.set(tk, axVal{Obj: axMerge(false, skipProto, val)})
			default:
				res.set(tk, val)
			}
		})
	}
	return res
}

// axMergedValue is mergeConfig's getMergedValue.
func axMergedValue(target, source axVal, caseless, skipProto bool) axVal {
	switch {
	case target.Obj != nil && source.Obj != nil:
		return axVal{Obj: axMerge(caseless, skipProto, target, source)}
	case source.Obj != nil:
		return axVal{Obj: axMerge(false, skipProto, source)}
	}
	return source
}

// axMergeDeep is mergeConfig's mergeDeepProperties: the request value if it
// is not undefined (merged into the instance value when both are plain
// objects), else the instance value.
func axMergeDeep(a, b axVal, caseless, skipProto bool) axVal {
	if !b.isUndefined() {
		return axMergedValue(a, b, caseless, skipProto)
	}
	if !a.isUndefined() {
		return axMergedValue(axUndef(), a, caseless, skipProto)
	}
	return axUndef()
}

// jsEncodeURIComponent is encodeURIComponent for valid UTF-8 text.
func jsEncodeURIComponent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// jsDecodeURIComponent is decodeURIComponent; ok is false where JS throws URIError.
func jsDecodeURIComponent(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	out, err := url.PathUnescape(strings.ReplaceAll(s, "+", "%2B"))
	if err != nil || !utf8.ValidString(out) {
		return s, false
	}
	return out, true
}

// jsTrim is String.prototype.trim.
func jsTrim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == 0xFEFF })
}

// jsonParses reports whether JSON.parse(s) succeeds.
func jsonParses(s string) bool { return minjson.Valid([]byte(s)) }

// axJSONStringify is JSON.stringify(v); ok is false where it returns undefined.
func axJSONStringify(v axVal) (string, bool) {
	val := axToValue(v)
	if val.Kind == Undefined || val.Kind == Absent {
		return "", false
	}
	return EncodeJSON(val, JSJSON), true
}

// axToValue converts back to an ordered Value (objects keep V8 order).
func axToValue(v axVal) Value {
	if v.Obj == nil {
		return jsOrdered(v.V)
	}
	out := Value{Kind: Object, Fields: []Field{}}
	for _, e := range v.Obj.ents {
		out.Fields = append(out.Fields, Field{e.k, axToValue(e.v)})
	}
	return out
}

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
	rest := jsTrim(s)
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
			dec, ok := jsDecodeURIComponent(rest[:at])
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

// nodeInvalidHeaderChar is checkInvalidHeaderChar in Node's _http_common.js.
func nodeInvalidHeaderChar(s string) bool {
	for _, r := range s {
		if !(r == '\t' || r >= 0x20 && r <= 0x7e || r >= 0x80 && r <= 0xff) {
			return true
		}
	}
	return false
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

// nodeChunkedByDefault is ClientRequest's useChunkedEncodingByDefault.
func nodeChunkedByDefault(method string) bool {
	switch method {
	case "GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT":
		return false
	}
	return true
}

// jsExplainURLQuery gives each query parameter of the final target that no
// rule explained a step: it came with the URL itself.
func jsExplainURLQuery(s *State, target string) {
	_, q, ok := strings.Cut(target, "?")
	if !ok || q == "" {
		return
	}
	for _, kv := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(kv, "=")
		name := formUnescape(k)
		if !s.Explained(QueryField(k)) && !s.Explained(QueryField(name)) {
			s.Explain(QueryField(name), formUnescape(v), SourceURL, ActionKeep, "part of the URL's own query, sent as written")
		}
	}
}
