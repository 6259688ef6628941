package ofetch

import "github.com/mergeplay/mergeplay/merge"

// How ofetch merges ofetch.create's defaults with a call's options.
type mergeMode uint8

const (
	// spread: {...defaults, ...options} (1.0.x): a request headers or query option, even
	// null or undefined, replaces the client's whole option.
	spread mergeMode = iota
	// both: mergeFetchOptions (1.1.0, PR #243, commit 933e754): headers and query are merged
	// only when both sides give a truthy value; otherwise the spread decides.
	both
	// resolve: resolveFetchOptions (1.4.0, PR #436, commit 0d84f7b): headers always become a
	// Headers object (client, then the request's set over it) and query a spread of every
	// side that has one.
	resolve
)

// Error text of a failed fetch (createFetchError).
type errFormat uint8

const (
	errEmptyParens errFormat = iota // 1.0.0: "<message> ()"
	errRequest                      // 1.0.1, PR #199 (commit dfbcf77): "<message> (<request>)"
	errContext                      // 1.3.0, PR #270 (commit b9ef395): "[GET] \"<url>\": <no response> <message>"
)

// facts are what differs between ofetch 1.x releases, for the parts the profiles model.
type facts struct {
	tag   string // the release the range's citations point at
	merge mergeMode
	err   errFormat
	upper bool // 1.2.0, PR #259 (commit f5d94fa): options.method is upper-cased
	// 1.3.0, PR #273 (commit cb05d8f): isJSONSerializable refuses a value with a truthy .buffer
	buffer bool
	// 1.5.0, PR #482 (commit f528da3): a non-string body with content-type
	// application/x-www-form-urlencoded is serialized with URLSearchParams, and the
	// content-type test is get() (an empty value counts as none)
	form bool
}

func factsFor(version string) facts {
	from := func(v string) bool { return merge.CompareVersions(version, v) >= 0 }
	f := facts{tag: "1.0.1", merge: spread, err: errEmptyParens}
	switch {
	case from("1.4.0"):
		f.tag, f.merge = "1.5.1", resolve
	case from("1.1.0"):
		f.tag, f.merge = "1.3.4", both
	}
	if from("1.0.1") {
		f.err = errRequest
	}
	if from("1.3.0") {
		f.err = errContext
	}
	f.upper, f.buffer, f.form = from("1.2.0"), from("1.3.0"), from("1.5.0")
	return f
}
