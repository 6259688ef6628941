package got

import (
	"strconv"
	"strings"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/js"
	"github.com/mergeplay/mergeplay/model/whatwg"
)

// The got Options model: the internals that got.extend (client) and
// new Options(input, options, defaults) (request) fill through the option
// setters of dist/source/core/options.js, kept as JS values so that key
// order, undefined and null behave as they do in got.

// facts are the version facts the shared got rules consult. Each switch
// names the release that introduced it and the change (read between the
// two tags, or in the npm dist where the git tags stop).
type facts struct {
	major     int    // the rule family: 14 for 12.0.0-14.6.6, 16 for 15+ (15.0.0 rewrote core/index.ts; the switches below say what came when)
	tag       string // citation tag
	colonAbs  bool   // 14.6.1: /^[a-z][a-z\d+.-]*:/i marks a URL absolute (no "//" needed)
	absConcat bool   // <14.6.1: an absolute url is concatenated onto prefixUrl like any other
	acceptEnc string // default accept-encoding on the recorded runtime
	// <13.0.0: merge() hands undefined to every setter (13.0.0 skips it: commit 1cefe8bb, PR #2258)
	undefinedSet bool
	// <12.0.3: set json asserts an object (12.0.3 takes any value: commit eb045bfc, PR #2015)
	jsonObject bool
	// <14.0.0: @sindresorhus/is 4/5, whose assert.any says only "predicate returns truthy for
	// any value"; 14.0.0 depends on is 6 (commit a004263b, PR #2313), which lists the types
	isV5 bool
	// 14.6.0+: validation errors name the option, "Option 'x': …" (commit f5c54a37)
	optionNames bool
	// 15.0.2+: headers {authorization: undefined} omits the credentials (commit c5ce415c, _makeRequest)
	authOmit bool
	// 15.0.3+: an explicit authorization header wins over username/password, and arrays of
	// single-value headers must hold one value (commit b03e6f95, _makeRequest / sanitizeHeaders)
	authWins bool
	// 15.1.0+: a url starting with '//' is absolute (isAbsoluteUrl, with allowAbsoluteUrls)
	slashAbs bool
	// 15.1.0+: the allowAbsoluteUrls option (sindresorhus/got#2462), bound by the runner
	allowAbs bool
	// 16.1.0+ (npm dist diff 16.0.0..16.1.0, options.js and index.js): searchParams resettable by
	// undefined, prefixUrl without query/fragment, method non-empty, cloneHeaders (numbers as strings,
	// no __proto__), searchParams a plain object, content-type null kept with json, explicit
	// accept-encoding: undefined omitted, host single-valued, safeDecode of credentials, getBodySize
	// ignoring an undefined content-length, the '//' check on the normalized url
	v161 bool
}

func factsFor(version string) facts {
	before := func(v string) bool { return merge.CompareVersions(version, v) < 0 }
	if !before("15") {
		f := facts{major: 16, tag: "16.1.0", acceptEnc: "gzip, deflate, br, zstd", optionNames: true,
			authOmit: !before("15.0.2"), authWins: !before("15.0.3"), slashAbs: !before("15.1.0"), allowAbs: !before("15.1.0"), v161: !before("16.1.0")}
		switch {
		case before("16"):
			f.tag = "15.1.0"
		case before("16.1.0"):
			f.tag = "16.0.0"
		}
		return f
	}
	f := facts{major: 14, tag: "v14.6.6", acceptEnc: "gzip, deflate, br",
		colonAbs: !before("14.6.1") && before("14.6.2"), absConcat: before("14.6.1"),
		undefinedSet: before("13"), jsonObject: before("12.0.3"), isV5: before("14"), optionNames: !before("14.6.0")}
	switch {
	case before("13"):
		f.tag = "v12.6.1"
	case before("14"):
		f.tag = "v13.0.0"
	}
	return f
}

// header is one own property of got's headers object (a lower-cased name).
type header struct {
	name string
	val  merge.Value // String, Number, Bool, Null, Undefined or Array
	src  string
}

// headers is a plain JS object: array-index keys first in ascending
// order, then the others in insertion order; assigning keeps the position.
type headers []header

func (h headers) index(name string) int {
	for i, e := range h {
		if e.name == name {
			return i
		}
	}
	return -1
}

func (h headers) get(name string) (merge.Value, bool) {
	if i := h.index(name); i >= 0 {
		return h[i].val, true
	}
	return merge.Value{}, false
}

// isUndef reports whether headers[name] reads as undefined.
func (h headers) isUndef(name string) bool {
	v, ok := h.get(name)
	return !ok || v.Kind == merge.Undefined
}

func (h *headers) set(name string, v merge.Value, src string) {
	if i := h.index(name); i >= 0 {
		(*h)[i].val, (*h)[i].src = v, src
		return
	}
	e := header{name, v, src}
	if n, ok := js.ArrayIndex(name); ok {
		at := 0
		for at < len(*h) {
			m, isIdx := js.ArrayIndex((*h)[at].name)
			if !isIdx || m > n {
				break
			}
			at++
		}
		*h = append(*h, header{})
		copy((*h)[at+1:], (*h)[at:])
		(*h)[at] = e
		return
	}
	*h = append(*h, e)
}

func (h *headers) del(name string) {
	if i := h.index(name); i >= 0 {
		*h = append((*h)[:i], (*h)[i+1:]...)
	}
}

// param is one entry of the searchParams URLSearchParams.
type param struct{ k, v, src string }

// options is Options.#internals for the fields scenarios reach.
type options struct {
	f         facts
	prefixURL string
	headers   headers
	explicit  map[string]bool // got 16 #explicitHeaders
	sp        []param
	spSet     bool // internals.searchParams !== undefined
	username  string
	password  string
	userSrc   string
	passSrc   string
	url       *whatwg.URL
	method    string
	json      merge.Value // Absent = undefined
	body      merge.Value // Absent = undefined
	allowAbs  bool
}

func newOptions(f facts) *options {
	return &options{
		f:        f,
		headers:  headers{{"user-agent", merge.Value{Kind: merge.String, Text: "got (https://github.com/sindresorhus/got)"}, merge.SourceDefault}},
		explicit: map[string]bool{},
		method:   "GET",
		allowAbs: true,
	}
}

// optionError is what a setter throws: the JS error name and message, or
// (typ unsupported) why the engine cannot say what the release does.
type optionError struct{ typ, msg string }

const unsupported = "unsupported"

// jsTypeOf is @sindresorhus/is's is(value) for scenario values.
func jsTypeOf(v merge.Value) string {
	switch v.Kind {
	case merge.Null:
		return "null"
	case merge.Absent, merge.Undefined:
		return "undefined"
	case merge.String:
		return "string"
	case merge.Number:
		return "number"
	case merge.Bool:
		return "boolean"
	case merge.Array:
		return "Array"
	}
	return "Object"
}

// jsOrList is Intl.ListFormat('en', {type: 'disjunction'}) over backquoted names.
func jsOrList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + n + "`"
	}
	switch len(q) {
	case 1:
		return q[0]
	case 2:
		return q[0] + " or " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + ", or " + q[len(q)-1]
}

// anyError is got's assertAny(option, predicates, value) message in this release.
func (f facts) anyError(option string, expected []string, v merge.Value) *optionError {
	if f.isV5 {
		return &optionError{"TypeError", "Expected value which is `predicate returns truthy for any value`, received values of types `" + jsTypeOf(v) + "`."}
	}
	return &optionError{"TypeError", f.optionPrefix(option) + "Expected values which are " + jsOrList(expected) +
		". Received values of type `" + jsTypeOf(v) + "`."}
}

// optionPrefix is the "Option 'x': " that 14.6.0's wrapAssertionWithContext adds.
func (f facts) optionPrefix(option string) string {
	if !f.optionNames {
		return ""
	}
	return "Option '" + option + "': "
}

// isAssertError is assert.<type>(value) without option context.
func isAssertError(desc string, v merge.Value) *optionError {
	return &optionError{"TypeError", "Expected value which is `" + desc + "`, received value of type `" + jsTypeOf(v) + "`."}
}

func (o *options) setPrefixURL(v merge.Value) *optionError {
	if v.Kind != merge.String {
		return o.f.anyError("prefixUrl", []string{"string", "URL"}, v)
	}
	if v.Text == "" {
		o.prefixURL = ""
		return nil
	}
	p := v.Text
	if o.f.v161 && hasProtocolSlashes(p) {
		u, err := whatwg.Parse(p, nil)
		if err != nil {
			return &optionError{"TypeError", "Invalid URL"}
		}
		if u.Search() != "" || (u.HasFrag && u.Fragment != "") {
			return &optionError{"TypeError", "The `prefixUrl` option must not contain a query string or a fragment"}
		}
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	o.prefixURL = p
	return nil
}

// setHeaders is `set headers` while merging: lowercaseKeys, then
// Object.assign onto the existing object.
func (o *options) setHeaders(v merge.Value, src string) *optionError {
	if v.Kind != merge.Object {
		return &optionError{"TypeError", o.f.optionPrefix("headers") + "Expected value which is `plain object`, received value of type `" + jsTypeOf(v) + "`."}
	}
	var lower headers
	for _, f := range js.Ordered(v).Fields {
		if f.Key == "__proto__" {
			// 14: Object.assign's [[Set]] of __proto__ only swaps the prototype;
			// 16: cloneHeaders filters it out.
			continue
		}
		val := f.Value
		if o.f.v161 && val.Kind == merge.Number {
			val = merge.Value{Kind: merge.String, Text: js.Number(val.Text)} // cloneHeaderValue
		}
		lower.set(strings.ToLower(f.Key), val, src)
	}
	for _, e := range lower {
		if e.name == "__proto__" {
			if o.f.v161 {
				return &optionError{"TypeError", "The `__proto__` header name is not supported in `options.headers`"}
			}
			continue
		}
	}
	for _, e := range lower {
		if e.name == "__proto__" {
			continue
		}
		o.headers.set(e.name, e.val, e.src)
		o.explicit[e.name] = true
	}
	return nil
}

// setSearchParams is `set searchParams` while merging: every key of the new
// value is deleted from the current params and the new pairs are appended.
func (o *options) setSearchParams(v merge.Value, src string) *optionError {
	if v.Kind == merge.Undefined {
		// Reached only where searchParams is resettable by undefined (12, 16).
		o.sp, o.spSet = nil, false
		return nil
	}
	if v.Kind != merge.String && v.Kind != merge.Object && v.Kind != merge.Array {
		return o.f.anyError("searchParams", []string{"string", "Object", "undefined"}, v)
	}
	if v.Kind == merge.Array && o.f.v161 {
		return &optionError{"TypeError", "Option 'searchParams': Expected value which is `plain object`, received value of type `Array`."}
	}
	o.spSet = true // the searchParams getter creates the URLSearchParams
	var updated []param
	switch v.Kind {
	case merge.String:
		for _, p := range whatwg.ParseSearchParams(v.Text) {
			updated = append(updated, param{p[0], p[1], src})
		}
	default:
		fields := js.Ordered(v).Fields
		if v.Kind == merge.Array {
			for i, it := range v.Items {
				fields = append(fields, merge.Field{Key: strconv.Itoa(i), Value: it})
			}
		}
		for _, f := range fields {
			if f.Key == "__proto__" && o.f.v161 {
				continue
			}
			switch f.Value.Kind {
			case merge.String, merge.Number, merge.Bool, merge.Null, merge.Undefined:
			default:
				return o.f.anyError("searchParams."+f.Key, []string{"string", "number", "boolean", "null", "undefined"}, f.Value)
			}
		}
		for _, f := range fields {
			if f.Key == "__proto__" && o.f.v161 {
				continue
			}
			switch f.Value.Kind {
			case merge.Null:
				updated = append(updated, param{f.Key, "", src})
			case merge.Undefined:
				o.spDelete(f.Key)
			default:
				updated = append(updated, param{f.Key, js.String(f.Value), src})
			}
		}
	}
	for _, p := range updated {
		o.spDelete(p.k)
	}
	o.sp = append(o.sp, updated...)
	return nil
}

func (o *options) spDelete(k string) {
	out := o.sp[:0]
	for _, p := range o.sp {
		if p.k != k {
			out = append(out, p)
		}
	}
	o.sp = out
}

func (o *options) spString() string {
	pairs := make([][2]string, len(o.sp))
	for i, p := range o.sp {
		pairs[i] = [2]string{p.k, p.v}
	}
	return whatwg.SearchParamsString(pairs)
}

func (o *options) setCredential(which string, v merge.Value, src string) *optionError {
	if v.Kind != merge.String {
		return isAssertError("string", v)
	}
	enc := js.EncodeURIComponent(v.Text)
	if o.url != nil {
		if which == "username" {
			o.url.Username = enc
		} else {
			o.url.Password = enc
		}
	} else if which == "username" {
		o.username = enc
	} else {
		o.password = enc
	}
	if which == "username" {
		o.userSrc = src
	} else {
		o.passSrc = src
	}
	return nil
}

func (o *options) setMethod(v merge.Value) *optionError {
	if o.f.v161 {
		if v.Kind != merge.String || v.Text == "" {
			return o.f.anyError("method", []string{"non-empty string"}, v)
		}
	} else if v.Kind != merge.String {
		return isAssertError("string", v)
	}
	o.method = strings.ToUpper(v.Text)
	return nil
}

func (o *options) setJSON(v merge.Value) *optionError {
	if v.Kind == merge.Undefined {
		o.json = merge.Value{} // reached before 13 only: json = undefined
		return nil
	}
	if o.f.jsonObject && v.Kind != merge.Object && v.Kind != merge.Array {
		return o.f.anyError("json", []string{"Object", "undefined"}, v)
	}
	if o.body.Present() {
		return isAssertError("undefined", o.body)
	}
	o.json = v
	return nil
}

func (o *options) setBody(v merge.Value) *optionError {
	if v.Kind == merge.Undefined {
		o.body = merge.Value{} // reached before 13 only: body = undefined
		return nil
	}
	if v.Kind != merge.String {
		// Unreached today (the scenario format has string bodies only).
		kinds := []string{"string", "Buffer", "Node.js Stream", "Generator", "AsyncGenerator", "Iterable", "AsyncIterable", "FormData", "TypedArray", "undefined"}
		if o.f.major >= 16 {
			kinds = []string{"string", "Buffer", "Node.js Stream", "Generator", "AsyncGenerator", "Iterable", "AsyncIterable", "predicate returns truthy for any value", "undefined"}
		}
		return o.f.anyError("body", kinds, v)
	}
	if o.json.Present() {
		return isAssertError("undefined", o.json)
	}
	o.body = v
	return nil
}

func (o *options) setAllowAbsolute(v merge.Value) *optionError {
	if v.Kind != merge.Bool {
		return isAssertError("boolean", v)
	}
	o.allowAbs = v.Bool
	return nil
}

// schemeLen is the length of a leading /^[a-z][a-z\d+.-]*:/i, or 0.
func schemeLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'):
		case i > 0 && c == ':':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// hasProtocolSlashes is /^[a-z][a-z\d+.-]*:\/\//i.
func hasProtocolSlashes(s string) bool {
	n := schemeLen(s)
	return n > 0 && strings.HasPrefix(s[n:], "//")
}

// normalizeURLInput strips tab/newline and leading C0 controls or spaces
// (16's removeAsciiTabOrNewline + stripLeadingC0ControlOrSpace).
func normalizeURLInput(s string) string {
	s = whatwg.RemoveTabNewline(s)
	return strings.TrimLeftFunc(s, func(r rune) bool { return r <= 0x20 })
}

// httpWithoutSlashes is /^https?:(?!\/\/)/i.
func httpWithoutSlashes(s string) bool {
	n := schemeLen(s)
	scheme := strings.ToLower(s[:max(n-1, 0)])
	return (scheme == "http" || scheme == "https") && !strings.HasPrefix(s[n:], "//")
}

// setURL is `set url`: prefixUrl concatenation, credentials and searchParams
// moved onto the URL. note explains how the URL string was formed.
func (o *options) setURL(value string) (note string, err *optionError) {
	if strings.HasPrefix(value, "/") {
		return "", &optionError{"Error", "`url` must not start with a slash"}
	}
	guarded := value
	if o.f.v161 {
		guarded = normalizeURLInput(value)
	}
	if o.f.major >= 16 && o.prefixURL == "" && httpWithoutSlashes(guarded) {
		return "", &optionError{"Error", "`url` protocol must be followed by `//`"}
	}
	var absolute bool
	switch {
	case o.f.major >= 16:
		absolute = hasProtocolSlashes(value) || o.f.slashAbs && strings.HasPrefix(value, "//")
	case o.f.absConcat:
		absolute = false
	case o.f.colonAbs:
		absolute = schemeLen(value) > 0
	default:
		absolute = hasProtocolSlashes(value)
	}
	if o.f.major >= 16 && o.prefixURL != "" && !o.allowAbs {
		n := normalizeURLInput(value)
		twoSlashes := len(n) > 1 && (n[0] == '/' || n[0] == '\\') && (n[1] == '/' || n[1] == '\\')
		if hasProtocolSlashes(n) || strings.HasPrefix(n, "//") || httpWithoutSlashes(n) || twoSlashes {
			return "", &optionError{"Error", "The `url` option must be relative when `allowAbsoluteUrls` is false and `prefixUrl` is set"}
		}
	}
	str := value
	switch {
	case absolute && o.prefixURL != "":
		note = "absolute URL: prefixUrl " + o.prefixURL + " is bypassed"
	case absolute:
		note = "absolute URL"
	case o.prefixURL != "":
		str = o.prefixURL + value
		note = "prefixUrl " + o.prefixURL + " + " + value + " (string concatenation)"
	default:
		note = "no prefixUrl"
	}
	u, perr := whatwg.Parse(str, nil)
	if perr != nil {
		t := strings.TrimLeftFunc(str, func(r rune) bool { return r <= 0x20 })
		if i := strings.Index(t, ":"); i > 0 && whatwg.IsScheme(t[:i]) {
			if _, special := whatwg.DefaultPort(strings.ToLower(t[:i])); !special {
				return "", &optionError{"Error", "Unsupported protocol: " + strings.ToLower(t[:i]) + ":"}
			}
		}
		return "", &optionError{"TypeError", "Invalid URL"}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", &optionError{"Error", "Unsupported protocol: " + u.Scheme + ":"}
	}
	o.url = u
	if o.username != "" {
		u.Username, o.username = o.username, ""
	}
	if o.password != "" {
		u.Password, o.password = o.password, ""
	}
	if o.spSet {
		q := o.spString()
		u.Query, u.HasQuery = q, q != ""
	}
	if o.f.undefinedSet && u.Host == "unix" {
		return "", &optionError{unsupported, "got before 13.0.0 enables UNIX domain sockets by default (enableUnixSockets: true; 13.0.0 turned it off in commit 852c3124), " +
			"so an http://unix:… URL is sent to a socket path, which the engine does not model."}
	}
	if o.f.major < 16 && u.Host == "unix" {
		return "", &optionError{"Error", "Using UNIX domain sockets but option `enableUnixSockets` is not enabled"}
	}
	return note, nil
}
