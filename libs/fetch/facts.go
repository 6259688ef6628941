package fetch

import "github.com/mergeplay/mergeplay/merge"

// facts are what differs between the undici versions Node releases bundle, for the parts
// this profile models. A Node release bundles one undici build, so the table is keyed by the
// Node release where the behaviour starts (conformance/releases/fetch.txt lists the undici of
// every release).
type facts struct {
	// uaUndici: the default user-agent is "undici", not "node" (undici before v5.26.1).
	uaUndici bool
	// sortedDefaults: new Request(url, defaults) copies the defaults' headers through the
	// Headers iterator, which yields lower-case names sorted ("sort and combine"), so the
	// client's spelling and order are lost (undici before #3160).
	sortedDefaults bool
	// initCopy: how new Request(req, init) copies req's headers when init has members but no
	// headers.
	initCopy copyMode
}

type copyMode uint8

const (
	copyRaw    copyMode = iota // spelling and order kept
	copySorted                 // lower-case names, sorted (the Headers iterator)
	copyLower                  // lower-case names, list order (the HeadersList iterator)
	copyDrop                   // nothing copied: every header is lost
)

// Where each span starts. The boundaries, each read in the undici source between the two
// tags or, where Node's bundle is not the undici tag it reports, in the bundle inside the Node
// binary (deps/undici/undici.js, kept as UTF-16 in the executable):
//
//   - 20.8.1: user-agent "node" (undici #2310 fcc1e39, v5.26.0, made working by #2341 7bcb80c,
//     v5.26.1: httpNetworkOrCacheFetch appends typeof esbuildDetection === 'undefined' ?
//     'undici' : 'node'; lib/fetch/index.js). The same bundle (undici 5.26.3, Node 20.8.1 and
//     20.9.0) was built by esbuild without --keep-names, so class Headers is named _Headers
//     and the Request constructor's step 32 check headers.constructor.name === 'Headers'
//     fails: fillHeaders() then reads the Headers object as a record, with no own keys, and
//     every header is dropped whenever init has members (lib/fetch/request.js).
//   - 20.10.0: undici #2359 0681760 (v5.26.4, "fix names with esbuild", --keep-names) brings
//     the name back; the copy is the sorted one again.
//   - 20.12.1 (undici 5.28.4) and 22.0.0: step 32 copies new HeadersList(headersList) and
//     appends its entries, lower-case in list order (undici #2454 0c45ff7, v5.28.1,
//     "perf(request): optimize if headers are given"). Node 20.11.1 and 20.12.0 report undici
//     5.28.3 but their bundle still has the older let headers = new Headers(this[kHeaders]),
//     so they sort: the version Node reports is not the code it ships.
//   - 20.16.0 (undici 6.19.2) and 22.3.0 (undici 6.18.2): #3160 034e3f0 (v6.15.0, "fix casing
//     issue when cloning Headers object": HeadersInit of a Headers object is its entries,
//     spelled as given) and #3183 0dcd59b (v6.16.0, "keep raw header name": step 32 appends
//     rawValues()) keep spelling and order in both copies.
var nodeFacts = []struct {
	from string
	f    facts
}{
	{"20.0.0", facts{uaUndici: true, sortedDefaults: true, initCopy: copySorted}},
	{"20.8.1", facts{sortedDefaults: true, initCopy: copyDrop}},
	{"20.10.0", facts{sortedDefaults: true, initCopy: copySorted}},
	{"20.12.1", facts{sortedDefaults: true, initCopy: copyLower}},
	{"20.16.0", facts{}},
	{"22.0.0", facts{sortedDefaults: true, initCopy: copyLower}},
	{"22.3.0", facts{}},
}

// boundaries20 and boundaries22 are the profiles' notes on where behaviour changes.
const (
	boundaries20 = "20.0.0–20.8.0 send user-agent: undici (undici #2310/#2341, v5.26.1, in Node 20.8.1); " +
		"20.8.1–20.9.0 drop every client header when the request has a method or body (their undici 5.26.3 bundle lost class names: #2359, v5.26.4, in Node 20.10.0); " +
		"before 20.16.0 a base_url request's client headers are sent lower-cased and sorted, and so are a request's with a method or body before 20.12.1 " +
		"(from 20.12.1 lower-cased in order: #2454, v5.28.1; Node 20.11.1 and 20.12.0 report undici 5.28.3 but bundle the older code); " +
		"20.16.0 keeps the spelling (#3160, v6.15.0; #3183, v6.16.0)."
	boundaries22 = "22.0.0–22.2.x: a base_url request's client headers are sent lower-cased and sorted, a request's with a method or body lower-cased in order; " +
		"22.3.0 (undici 6.18.2) keeps the spelling (undici #3160, v6.15.0; #3183, v6.16.0)."
)

func factsFor(version string) facts {
	var f facts
	for _, e := range nodeFacts {
		if merge.CompareVersions(version, e.from) >= 0 {
			f = e.f
		}
	}
	return f
}
