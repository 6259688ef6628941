package axios

import "github.com/mergeplay/mergeplay/merge"

// vfacts are what changes between releases inside one profile, each from the release where it
// starts. The boundaries were found by recording every release (make record-all) and read in
// the source between the two tags (github.com/axios/axios, tags up to v1.7.9) or, for releases
// whose tags the readable mirror lacks (1.8.0 on), in the published dist/node/axios.cjs the
// runner loads, diffed between the two releases.
type vfacts struct {
	// acceptEncoding is the http adapter's default Accept-Encoding: "gzip, deflate, br" until
	// #5306 (9041c7d, v1.2.1) added compress (lib/adapters/http.js, httpAdapter).
	acceptEncoding string
	// nullParamEmpty: a null param is sent as "a=" (toFormData's convertValue(null) is ''):
	// 0.28 (its serializer is toFormData since #4734, v0.28.0) until #6394 (3936f44, v0.29.0),
	// and 1.0.0 until #5108 (b0ebf9f, v1.1.3), which skip nulls (lib/helpers/toFormData.js).
	nullParamEmpty bool
	// noCreate: 1.1.0's CommonJS build exports no create (#5030, 7a06a36, "Fix commonjs & umd
	// exports"; reverted by 9fc94b7 in v1.1.1): the runner's require('axios').create throws.
	noCreate bool
	// joinArrays: AxiosHeaders String()s an array value ("a,b", one line) until #5085
	// (110ae9a, v1.1.3) normalised arrays item by item (lib/core/AxiosHeaders.js, normalizeValue).
	joinArrays bool
	// asyncExecutor: #5521 (96d336f, v1.3.1) made the http adapter's promise executor async, so
	// what it throws synchronously (new URL()'s TypeError, Node's ClientRequest rejecting a
	// header value) becomes an unhandled rejection and the request never settles (recorded as
	// Unsettled); #5564 (a3b246c, v1.3.4) wraps the executor and rejects again
	// (lib/adapters/http.js, wrapAsync).
	asyncExecutor bool
	// localhostBase: #5528 (128d56f, v1.3.2) parses the full path against http://localhost, so a
	// relative or protocol-relative URL is sent; #6539 (07a661a, CVE-2024-39338, v1.7.4) parses
	// it without a base again (lib/adapters/http.js, httpAdapter).
	localhostBase bool
	// noAllowAbs: allowAbsoluteUrls arrived in 1.8.0 (buildFullPath's third argument); the
	// runner binds it only from there.
	noAllowAbs bool
	// allowAbsIgnored: 1.8.0 and 1.8.1 pass it to buildFullPath in Axios.getUri but not in the
	// http adapter (buildFullPath(config.baseURL, config.url)); 1.8.2 passes it there too
	// (dist/node/axios.cjs, httpAdapter).
	allowAbsIgnored bool
	// noBaseAllowAbsThrows: from 1.8.2 the http adapter calls buildFullPath(baseURL, url,
	// allowAbsoluteUrls), whose `baseURL && isRelativeUrl || allowAbsoluteUrls == false` calls
	// combineURLs(undefined, url) when there is no baseURL: a TypeError (axios#6832); #6833
	// (f10c2e0, v1.8.4) tests `baseURL && (isRelativeUrl || allowAbsoluteUrls == false)`
	// (lib/core/buildFullPath.js, buildFullPath).
	noBaseAllowAbsThrows bool
	// keepBrackets: buildURL's encode restores '[' and ']' until 1.12.0 dropped the two
	// replace(/%5B/gi, '[') / replace(/%5D/gi, ']') calls (lib/helpers/buildURL.js, encode).
	keepBrackets bool
	// decodeUserinfo: 1.16.0 decodes the URL's username and password (decodeURIComponentSafe)
	// before Basic-encoding them; before, the percent-encoded form is sent
	// (dist/node/axios.cjs, httpAdapter).
	decodeUserinfo bool
	// searchParamsConcat: 1.0.0's http adapter builds the path as
	// parsed.pathname.concat(parsed.searchParams), so the URL's own query loses its '?' and is
	// re-serialised as a form; #5018 (3e4d521, v1.1.0) uses parsed.search.
	searchParamsConcat bool
	// legacyHeaders: before #5224 (ab77a40, v1.2.0) the header tree is merged case-sensitively
	// (utils.merge without caseless), Axios._request keeps common+method as the AxiosHeaders'
	// separate $defaults (the post/put/patch buckets carry the urlencoded Content-Type), toJSON
	// sends Object.assign({}, defaults, own) so a differently-spelled own name is a second key
	// (Node keeps the first position and the last spelling), has/get/set see own keys only, and
	// set(name, value, false) keeps an existing key even when its value is undefined (a
	// User-Agent set to undefined suppresses the default; 1.2.0 sets over undefined)
	// (lib/core/AxiosHeaders.js set and toJSON, lib/core/Axios.js _request, lib/core/mergeConfig.js).
	legacyHeaders bool
	// headerSanitize: how AxiosHeaders normalizeValue cleans a value. Before #10687 (v1.15.1) it
	// is String(value) and Node's validateHeaderValue rejects a value with a character outside
	// HTAB, 0x20-0x7e and 0x80-0xff (a lone surrogate among them): TypeError 'Invalid character
	// in header content'. #10687 strips those characters and trims SP/HTAB instead
	// (sanitizeHeaderValue in lib/core/AxiosHeaders.js); 1.16.1 strips only C0/DEL there and the
	// rest in the adapter (toByteStringHeaderObject, lib/helpers/sanitizeHeaderValue.js).
	headerSanitize sanitizeMode
	// sanitize0: the 0.x backport #10688 (v0.31.0) runs sanitizeHeaderValue over the flattened
	// headers in dispatchRequest (strip what is outside HTAB, 0x20-0x7e, 0x80-0xff, trim SP/HTAB;
	// false, null and undefined kept), so Node no longer rejects such a value
	// (lib/helpers/sanitizeHeaderValue.js, lib/core/dispatchRequest.js).
	sanitize0 bool
	// uriErrorWrapped: the http adapter catches buildURL's URIError and rejects with
	// new Error(err.message) (#3961, as in 0.x) until 1.18.1, which rejects with
	// AxiosError.from(err, ERR_BAD_REQUEST) named after the cause: URIError
	// (lib/adapters/http.js, httpAdapter; read in the published 1.18.0 and 1.18.1).
	uriErrorWrapped bool
	// formBody0: from v0.28.0 the 0.x transformRequest reads `headers['Content-Type'] || ''`
	// and tests it with indexOf: an object body under a Content-Type containing
	// application/x-www-form-urlencoded is sent as toURLEncodedForm(data), and multipart and
	// JSON are matched as substrings; 0.27 compares the whole value and always sends JSON
	// (lib/defaults/index.js, transformRequest, read at 0.27.2, 0.28.0 and 0.35.0).
	formBody0 bool
}

// sanitizeMode is where a 1.x release strips header value characters Node would reject.
type sanitizeMode int

const (
	sanitizeNone    sanitizeMode = iota // String(value); Node rejects
	sanitizeBytes                       // normalizeValue strips non-byte-string characters (1.15.1)
	sanitizeUnicode                     // normalizeValue strips C0/DEL, the adapter the rest (1.16.1)
)

func versionFacts(version string) vfacts {
	at := func(v string) bool { return merge.CompareVersions(version, v) >= 0 }
	in := func(lo, hi string) bool { return at(lo) && !at(hi) }
	f := vfacts{acceptEncoding: "gzip, compress, deflate, br"}
	if in("1.0.0", "1.2.1") {
		f.acceptEncoding = "gzip, deflate, br"
	}
	f.nullParamEmpty = in("0.28.0", "0.29.0") || in("1.0.0", "1.1.3")
	f.noCreate = in("1.1.0", "1.1.1")
	f.joinArrays = in("1.0.0", "1.1.3")
	f.asyncExecutor = in("1.3.1", "1.3.4")
	f.localhostBase = in("1.3.2", "1.7.4")
	f.noAllowAbs = !at("1.8.0")
	f.allowAbsIgnored = in("1.8.0", "1.8.2")
	f.noBaseAllowAbsThrows = in("1.8.2", "1.8.4")
	f.keepBrackets = in("1.0.0", "1.12.0")
	f.decodeUserinfo = at("1.16.0")
	f.searchParamsConcat = in("1.0.0", "1.1.0")
	f.legacyHeaders = in("1.0.0", "1.2.0")
	switch {
	case at("1.16.1"):
		f.headerSanitize = sanitizeUnicode
	case at("1.15.1"):
		f.headerSanitize = sanitizeBytes
	}
	f.sanitize0 = in("0.31.0", "1.0.0")
	f.uriErrorWrapped = !at("1.18.1")
	f.formBody0 = in("0.28.0", "1.0.0")
	return f
}
