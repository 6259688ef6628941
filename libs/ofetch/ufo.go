package ofetch

import (
	"fmt"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/jsontext"
)

// ufo, the URL helpers ofetch joins and queries with (ufo 1.6.4, the one the recordings'
// install resolves for every ofetch 1.x: dist/index.mjs, read there; src/utils.ts,
// src/query.ts, src/parse.ts, src/encoding.ts in the repository). It works on strings with
// regular expressions, not with a URL parser: the WHATWG parse happens later, in fetch.

// isProtoChar is the class [\s\w\0+.-] of PROTOCOL_REGEX.
func isProtoChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' ||
		c == 0 || c == '+' || c == '.' || c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// hasProtocol is /^[\s\w\0+.-]{2,}:([/\\]{2})?/ (and, acceptRelative, /^([/\\]\s*){2,}[^/\\]/).
func hasProtocol(s string, acceptRelative bool) bool {
	n := 0
	for n < len(s) && isProtoChar(s[n]) {
		n++
	}
	if n >= 2 && n < len(s) && s[n] == ':' {
		return true
	}
	if !acceptRelative {
		return false
	}
	slashes, i := 0, 0
	for i < len(s) && (s[i] == '/' || s[i] == '\\') {
		slashes++
		i++
		for i < len(s) && strings.IndexByte(" \t\n\r\f\v", s[i]) >= 0 {
			i++
		}
	}
	return slashes >= 2 && i < len(s)
}

// withoutTrailingSlash and withTrailingSlash without respectQueryAndFragment: one '/' at the
// very end of the string.
func withoutTrailingSlash(s string) string {
	s = strings.TrimSuffix(s, "/")
	if s == "" {
		return "/"
	}
	return s
}

func withTrailingSlash(s string) string {
	if strings.HasSuffix(s, "/") {
		return s
	}
	return s + "/"
}

// withBase: an input with a protocol, or one that already starts with the base (followed by
// nothing, '/' or '?'), is kept; else joinURL(base, input).
func withBase(input, base string) (string, string) {
	if base == "" || base == "/" {
		return input, "an empty base is not applied"
	}
	if hasProtocol(input, false) {
		return input, "the URL has a protocol, so the base is not applied"
	}
	b := withoutTrailingSlash(base)
	if strings.HasPrefix(input, b) {
		if len(input) == len(b) || input[len(b)] == '/' || input[len(b)] == '?' {
			return input, "the URL already starts with the base"
		}
	}
	return joinURL(b, input), "joinURL: the base without its trailing '/', then '/', then the URL without a leading '/' or './' (string concatenation, no dot-segment or query handling)"
}

// joinURL(base, input): an empty or "/" input leaves the base; else base + "/" + input with a
// leading "/" or "./" removed.
func joinURL(base, input string) string {
	if input == "" || input == "/" {
		return base
	}
	seg := input
	if strings.HasPrefix(seg, "./") {
		seg = seg[2:]
	} else if strings.HasPrefix(seg, "/") {
		seg = seg[1:]
	}
	if base == "" {
		return input
	}
	return withTrailingSlash(base) + seg
}

// parsedURL is parseURL's result.
type parsedURL struct {
	protocol, auth, host, pathname, search, hash string
	relative                                     bool // [protocolRelative]
	hostFull                                     bool // parsed with a host part
}

func parsePath(s string) parsedURL {
	var p parsedURL
	i := strings.IndexAny(s, "?#")
	if i < 0 {
		p.pathname = s
		return p
	}
	p.pathname, s = s[:i], s[i:]
	if s[0] == '?' {
		j := strings.IndexByte(s, '#')
		if j < 0 {
			p.search = s
			return p
		}
		p.search, s = s[:j], s[j:]
	}
	p.hash = s
	return p
}

// parseURL without the blob:/data:/javascript:/vbscript: special case (a URL the scenario's
// base joins onto is http or relative).
func parseURL(s string) parsedURL {
	if !hasProtocol(s, true) {
		return parsePath(s)
	}
	s = strings.ReplaceAll(s, "\\", "/")
	rest := strings.TrimLeft(s, " \t\n\r\f\v\x00")
	var p parsedURL
	// ([\w+.-]{2,}:)?\/\/([^/@]+@)?(.*)
	n := 0
	for n < len(rest) && (isProtoChar(rest[n]) && strings.IndexByte(" \t\n\r\f\v\x00", rest[n]) < 0) {
		n++
	}
	if n >= 2 && n < len(rest) && rest[n] == ':' && strings.HasPrefix(rest[n+1:], "//") {
		p.protocol, rest = strings.ToLower(rest[:n+1]), rest[n+3:]
	} else if strings.HasPrefix(rest, "//") {
		rest = rest[2:]
	} else {
		return parsedURL{relative: true} // no match: every part empty
	}
	p.relative = p.protocol == ""
	if at := strings.IndexByte(rest, '@'); at > 0 && !strings.ContainsRune(rest[:at], '/') {
		p.auth, rest = rest[:at], rest[at+1:]
	}
	h := strings.IndexAny(rest, "#/?")
	if h < 0 {
		h = len(rest)
	}
	p.host = rest[:h]
	pp := parsePath(rest[h:])
	p.pathname, p.search, p.hash = pp.pathname, pp.search, pp.hash
	return p
}

func (p parsedURL) String() string {
	search := p.search
	if search != "" && !strings.HasPrefix(search, "?") {
		search = "?" + search
	}
	auth := ""
	if p.auth != "" {
		auth = p.auth + "@"
	}
	proto := ""
	if p.protocol != "" || p.relative {
		proto = p.protocol + "//"
	}
	return proto + auth + p.host + p.pathname + search + p.hash
}

// encodeURI is JavaScript's encodeURI (ok false: URIError for a lone surrogate).
func encodeURI(s string) (string, bool) {
	if js.URIMalformed(s) {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(";,/?:@&=+$-_.!~*'()#", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String(), true
}

// decode is decodeURIComponent, or the text itself where that throws.
func decode(s string) string {
	if out, ok := js.DecodeURIComponent(s); ok {
		return out
	}
	return s
}

// jsonString is JSON.stringify of a query value that is not a string.
func jsonString(v merge.Value) string {
	if v.Kind == merge.Undefined {
		return "undefined" // "" + undefined
	}
	return jsontext.Encode(js.Ordered(v), jsontext.JS)
}

var queryValueRepl = strings.NewReplacer("+", "%2B", "%20", "+", "#", "%23", "&", "%26", "%60", "`", "%5E", "^", "/", "%2F")

// encodeQueryValue: encodeURI (with %7C back to '|'), then '+' → %2B, %20 → '+', and
// '#', '&', '/' escaped, '`' and '^' unescaped.
func encodeQueryValue(text string) (string, bool) {
	e, ok := encodeURI(text)
	if !ok {
		return "", false
	}
	e = strings.ReplaceAll(e, "%7C", "|")
	return queryValueRepl.Replace(e), true
}

func encodeQueryKey(text string) (string, bool) {
	e, ok := encodeQueryValue(text)
	return strings.ReplaceAll(e, "=", "%3D"), ok
}

// queryItem is one key of the merged query object.
type queryItem struct {
	key    string
	val    merge.Value
	source string
}

// encodeQueryItem: numbers and booleans through String(); a falsy value (null, "") gives the
// bare key; an array one key=value per item; anything else key=value (non-strings JSON).
func encodeQueryItem(it queryItem) (string, bool) {
	v := it.val
	if v.Kind == merge.Number || v.Kind == merge.Bool {
		v = merge.Value{Kind: merge.String, Text: js.String(v)}
	}
	k, ok := encodeQueryKey(it.key)
	if !ok {
		return "", false
	}
	if v.Kind == merge.Null || v.Kind == merge.String && v.Text == "" {
		return k, true
	}
	val := func(x merge.Value) (string, bool) {
		if x.Kind == merge.String {
			return encodeQueryValue(x.Text)
		}
		return encodeQueryValue(jsonString(x))
	}
	if v.Kind == merge.Array {
		var parts []string
		for _, x := range v.Items {
			e, ok := val(x)
			if !ok {
				return "", false
			}
			parts = append(parts, k+"="+e)
		}
		return strings.Join(parts, "&"), true
	}
	e, ok := val(v)
	return k + "=" + e, ok
}

// parseQuery splits on '&'; each part's key is the first run of non-'=' characters (so
// "=x" has the key "x"), '+' decodes to a space, a repeated key collects an array, and
// __proto__ / constructor are skipped. The result is an object: integer-like keys first.
func parseQuery(search string) []queryItem {
	search = strings.TrimPrefix(search, "?")
	var out []queryItem
	idx := map[string]int{}
	for _, part := range strings.Split(search, "&") {
		i := strings.IndexFunc(part, func(r rune) bool { return r != '=' })
		if i < 0 {
			continue
		}
		part = part[i:]
		key, val, _ := strings.Cut(part, "=")
		key = decode(strings.ReplaceAll(key, "+", " "))
		if key == "__proto__" || key == "constructor" {
			continue
		}
		v := merge.Value{Kind: merge.String, Text: decode(strings.ReplaceAll(val, "+", " "))}
		if j, ok := idx[key]; ok {
			old := out[j].val
			if old.Kind == merge.Array {
				old.Items = append(old.Items, v)
			} else {
				old = merge.Value{Kind: merge.Array, Items: []merge.Value{old, v}}
			}
			out[j].val = old
			continue
		}
		idx[key] = len(out)
		out = append(out, queryItem{key, v, merge.SourceURL})
	}
	return orderItems(out)
}

// orderItems is V8's own-key order: integer-like keys ascending, then the rest as inserted.
func orderItems(items []queryItem) []queryItem {
	o := merge.Value{Kind: merge.Object}
	for i, it := range items {
		o.Fields = append(o.Fields, merge.Field{Key: it.key, Value: merge.Value{Kind: merge.Number, Text: itoa(i)}})
	}
	var out []queryItem
	for _, f := range js.Ordered(o).Fields {
		out = append(out, items[atoi(f.Value.Text)])
	}
	return out
}

// assign is {...a, ...b} over query items: a key of b replaces a's value in place.
func assign(a, b []queryItem) []queryItem {
	out := append([]queryItem(nil), a...)
	for _, it := range b {
		found := false
		for i := range out {
			if out[i].key == it.key {
				out[i], found = it, true
			}
		}
		if !found {
			out = append(out, it)
		}
	}
	return orderItems(out)
}

// spreadItems is the own enumerable properties {...v} takes: an object's members, a string's
// characters, an array's items, nothing for other values.
func spreadItems(v merge.Value, source string) []queryItem {
	var out []queryItem
	switch v.Kind {
	case merge.Object:
		for _, f := range js.Ordered(v).Fields {
			out = append(out, queryItem{f.Key, f.Value, source})
		}
	case merge.Array:
		for i, x := range v.Items {
			out = append(out, queryItem{itoa(i), x, source})
		}
	case merge.String:
		i := 0
		for _, r := range merge.Runes(v.Text) {
			if r > 0xFFFF { // two UTF-16 code units, two properties
				hi, lo := 0xD800+((r-0x10000)>>10), 0xDC00+((r-0x10000)&0x3FF)
				out = append(out, queryItem{itoa(i), str(merge.FromRunes([]rune{hi})), source}, queryItem{itoa(i + 1), str(merge.FromRunes([]rune{lo})), source})
				i += 2
				continue
			}
			out = append(out, queryItem{itoa(i), str(string(r)), source})
			i++
		}
	}
	return out
}

func str(s string) merge.Value { return merge.Value{Kind: merge.String, Text: s} }

// withQuery: the URL's own query parsed into an object, the query object spread over it
// (same key: the query's value wins, in the URL's position), then serialized again.
// ok is false for the URIError of a lone surrogate.
func withQuery(input string, query []queryItem) (string, []queryItem, bool) {
	p := parseURL(input)
	merged := assign(parseQuery(p.search), query)
	var parts []string
	var sent []queryItem
	for _, it := range merged {
		if it.val.Kind == merge.Undefined {
			continue
		}
		e, ok := encodeQueryItem(it)
		if !ok {
			return "", nil, false
		}
		if e != "" {
			parts = append(parts, e)
			sent = append(sent, it)
		}
	}
	p.search = strings.Join(parts, "&")
	return p.String(), sent, true
}

func itoa(n int) string { return fmt.Sprint(n) }

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
