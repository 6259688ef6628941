package aiohttp

import (
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/jsontext"
	"github.com/mergeplay/mergeplay/model/python"
)

// run carries the Python-side objects of one scenario between the rules.
type run struct {
	f    facts
	cite cites

	base     *yurl // ClientSession._base_url
	session  []hdr // ClientSession._default_headers (a CIMultiDict)
	jar      []cookie
	defAuth  authV
	reqAuth  authV
	headers  []hdr // _prepare_headers' result, then ClientRequest.headers
	url      yurl
	body     []byte
	hasData  bool   // data (or the json payload) is not None
	ctype    string // the payload's Content-Type
	jsonText string
}

// hdr is one entry of a CIMultiDict: a header's spelling and native value.
type hdr struct {
	name   string
	val    merge.Value
	source string
}

type cookie struct {
	name, value string
	source      string
}

// authV is what an auth= argument holds: nothing (None), a BasicAuth, or
// any other native value (False, a str...).
type authV struct {
	kind       int // authNone, authBasic, authOther
	login, pwd string
	other      merge.Value
	source     string
}

const (
	authNone = iota
	authBasic
	authOther
)

func state(s *merge.State) *run {
	if r := merge.Var[*run](s, "aiohttp"); r != nil {
		return r
	}
	r := &run{f: factsFor(s.Version)}
	s.Vars["aiohttp"] = r
	return r
}

func str(v string) merge.Value { return merge.Value{Kind: merge.String, Text: v} }

// pyStr is str(v) for a header or cookie value (what the wire shows when the
// value is a str; the serializer refuses anything else).
func pyStr(v merge.Value) string { return python.Str(v) }

// fold is CIMultiDict's key comparison (istr: str.title()-insensitive, in
// practice ASCII case folding for header tokens).
func fold(a, b string) bool { return strings.EqualFold(a, b) }

// setItem is CIMultiDict.__setitem__: the first entry of that name (any
// case) takes the new spelling and value in place, later ones go; a new
// name is appended.
func setItem(list []hdr, h hdr) ([]hdr, bool) {
	out := list[:0:0]
	replaced := false
	for _, e := range list {
		if fold(e.name, h.name) {
			if !replaced {
				out = append(out, h)
				replaced = true
			}
			continue
		}
		out = append(out, e)
	}
	if !replaced {
		out = append(out, h)
	}
	return out, replaced
}

func has(list []hdr, name string) bool {
	for _, e := range list {
		if fold(e.name, name) {
			return true
		}
	}
	return false
}

func get(list []hdr, name string) (merge.Value, bool) {
	for _, e := range list {
		if fold(e.name, name) {
			return e.val, true
		}
	}
	return merge.Value{}, false
}

// dictItems is a JSON object as the dict json.loads builds (repeated key:
// first position, last value).
func dictItems(v merge.Value) []merge.Field {
	if v.Kind != merge.Object {
		return nil
	}
	return python.Dict(v)
}

// truthy is Python truthiness for a decoded value.
func truthy(v merge.Value) bool {
	switch v.Kind {
	case merge.Absent, merge.Null, merge.Undefined:
		return false
	case merge.Bool:
		return v.Bool
	case merge.Number:
		f, _ := python.ParseFloat(v.Text)
		return f != 0
	case merge.String:
		return v.Text != ""
	case merge.Array:
		return len(v.Items) > 0
	case merge.Object:
		return len(v.Fields) > 0
	}
	return false
}

// cookieQuote is http.cookies._quote: a value outside _LegalChars is put in
// double quotes with \" , \\ and octal escapes for control and Latin-1 bytes.
func cookieQuote(s string) string {
	const legal = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~:"
	const unescaped = legal + " ()/<=>?@[]{}"
	ok := true
	for _, r := range merge.Runes(s) {
		if r >= 0x80 || !strings.ContainsRune(legal, r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range merge.Runes(s) {
		switch {
		case r < 256 && (r >= 0x80 || !strings.ContainsRune(unescaped, r)):
			b.WriteString("\\" + leftPad(strconv.FormatInt(int64(r), 8)))
		default:
			b.WriteString(string(merge.AppendRune(nil, r)))
		}
	}
	b.WriteByte('"')
	return b.String()
}

func leftPad(o string) string {
	for len(o) < 3 {
		o = "0" + o
	}
	return o
}

// jsonDumps is json.dumps(obj) with its defaults: ', ' and ': ', ASCII
// escapes, allow_nan (Infinity), a dict's repeated key collapsed.
func jsonDumps(v merge.Value) string {
	return jsontext.Encode(dictValue(v), jsontext.Python)
}

func dictValue(v merge.Value) merge.Value {
	switch v.Kind {
	case merge.Object:
		fs := python.Dict(v)
		out := merge.Value{Kind: merge.Object, Fields: make([]merge.Field, len(fs))}
		for i, f := range fs {
			out.Fields[i] = merge.Field{Key: f.Key, Value: dictValue(f.Value)}
		}
		return out
	case merge.Array:
		out := merge.Value{Kind: merge.Array, Items: make([]merge.Value, len(v.Items))}
		for i, it := range v.Items {
			out.Items[i] = dictValue(it)
		}
		return out
	}
	return v
}

// dropSurrogates is what the C header writer (_http_writer.pyx _write_str)
// does with a lone surrogate: it writes nothing for it.
func dropSurrogates(s string) string {
	if !merge.HasSurrogate(s) {
		return s
	}
	var b []byte
	for _, r := range merge.Runes(s) {
		if !merge.IsSurrogate(r) {
			b = merge.AppendRune(b, r)
		}
	}
	return string(b)
}
