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
	// unsettledRelative: 1.3.1 throws new URL()'s TypeError inside the adapter's promise
	// executor without rejecting it (recorded: the request never settles).
	unsettledRelative bool
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
	// headersUnmodelled: 1.0.0–1.1.3 differ from the model in two recorded cases of AxiosHeaders
	// (before #5224, ab77a40, v1.2.0); resolutions say so with a warning.
	headersUnmodelled bool
}

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
	f.unsettledRelative = in("1.3.1", "1.3.2")
	f.localhostBase = in("1.3.2", "1.7.4")
	f.noAllowAbs = !at("1.8.0")
	f.allowAbsIgnored = in("1.8.0", "1.8.2")
	f.keepBrackets = in("1.0.0", "1.12.0")
	f.decodeUserinfo = at("1.16.0")
	f.searchParamsConcat = in("1.0.0", "1.1.0")
	f.headersUnmodelled = in("1.0.0", "1.2.0")
	return f
}
