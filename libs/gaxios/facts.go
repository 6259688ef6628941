package gaxios

import "github.com/mergeplay/mergeplay/merge"

// gen is which request pipeline a release has.
type gen uint8

const (
	// six: gaxios 6.x. validateOpts (6.0–6.4) / #prepareRequest (6.5+) extend the defaults
	// with the options (headers included), join baseURL + url as strings, append the params
	// with querystring.stringify, and hand a plain headers object to node-fetch 2.7.0.
	six gen = iota
	// seven: gaxios 7.0.0 on (googleapis/gaxios#600, #617, #653): headers become a WHATWG
	// Headers object (Node's own, undici), baseURL is resolved with new URL(url, baseURL), the
	// params are appended with URLSearchParams, and node-fetch 3.3.2 sends.
	seven
)

// facts are what differs between gaxios releases, for the parts the profiles model.
type facts struct {
	gen gen
	// wrap: from 6.1.0 (googleapis/gaxios#565, "Prevent Auth Logging by Default") _request
	// wraps whatever the fetch call throws in a GaxiosError (its name is "Error"); before,
	// node-fetch's TypeError reaches the caller as it is.
	wrap bool
	// proxyURL: from 6.5.0 (googleapis/gaxios#614, "Support `proxy` option") #prepareRequest
	// runs #urlMayUseProxy, whose new URL(opts.url) throws TypeError "Invalid URL" for a URL
	// that does not parse, before node-fetch sees it.
	proxyURL bool
}

func factsFor(version string) facts {
	from := func(v string) bool { return merge.CompareVersions(version, v) >= 0 }
	f := facts{gen: six, wrap: from("6.1.0"), proxyURL: from("6.5.0")}
	if from("7.0.0") {
		f = facts{gen: seven, wrap: true, proxyURL: true}
	}
	return f
}
