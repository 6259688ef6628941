package httpx

import (
	"github.com/mergeplay/mergeplay/merge"
)

// facts are the version facts the httpx rules branch on. A profile covers
// a version range; where behaviour changed inside a range, the rule asks these.
type facts struct {
	v string
	// auth
	noneDisables    bool // >=0.14.2: request auth=None means "no auth" (PR #1115)
	clientAuthEarly bool // >=0.14.2: client auth built in Client.__init__ (errors there)
	streamDropsAuth bool // 0.14.2 <= v < 0.15.2: client.stream() passes auth=None (fixed by PR #1312 in 0.15.2)
	authErrRepr     bool // >=0.17.0: TypeError 'Invalid "auth" argument: <repr>'
	unquoteUserinfo bool // >=0.14.2: URL username/password are percent-decoded
	// headers
	lowerNames     bool // <0.16.0: header names stored lower-cased (0.16.0 #1338 preserves casing)
	clientDefaults bool // >=0.15.0: Accept/Accept-Encoding/Connection/User-Agent live in client.headers (#1248)
	updatePops     bool // >=0.22.0: Headers.update pops the names and appends (#2038)
	headerTypeErr  bool // >=0.28.0: TypeError for a non-str header value (#3312)
	// URL and params
	concatJoin bool // >=0.18.0: base_url raw_path + request raw_path (PR #1532)
	qpDict     bool // >=0.18.0: QueryParams is an immutable dict of lists; merge(); parse_qs
	keepBlank  bool // >=0.23.1: parse_qs(keep_blank_values=True) (#2354)
	urlparse   bool // >=0.24.0: httpx's own _urlparse replaces rfc3986
	spacePct   bool // 0.24 <= v < 0.28: QueryParams encodes a space as %20 (#2543)
	// _urlparse.quote (0.24–0.27): 0 = 0.24.0, 1 = 0.24.1–0.25.2 (#2671),
	// 2 = 0.26.0–0.27.0 (#2990), 3 = 0.27.1+ (#3187); see quoteV.
	quoteMode     int
	querySlashPct bool // 0.25.x: '/' is %2F in URL queries and params (#2723; #2990 keeps it in URL queries from 0.26.0)
	v28           bool // >=0.28.0: URL(url, params=) replaces the query (#3364); compact JSON (#3367)
	// transport (the httpcore each httpx pins)
	protoMsg int // 0: httpcore <0.13.7 "Unsupported URL protocol ''"; 1: 0.13.x; 2: >=0.14
}

func factsFor(v string) facts {
	ge := func(x string) bool { return merge.CompareVersions(v, x) >= 0 }
	f := facts{
		v:               v,
		noneDisables:    ge("0.14.2"),
		clientAuthEarly: ge("0.14.2"),
		streamDropsAuth: ge("0.14.2") && !ge("0.15.2"),
		authErrRepr:     ge("0.17.0"),
		unquoteUserinfo: ge("0.14.2"),
		lowerNames:      !ge("0.16.0"),
		clientDefaults:  ge("0.15.0"),
		updatePops:      ge("0.22.0"),
		headerTypeErr:   ge("0.28.0"),
		concatJoin:      ge("0.18.0"),
		qpDict:          ge("0.18.0"),
		keepBlank:       ge("0.23.1"),
		urlparse:        ge("0.24.0"),
		spacePct:        ge("0.24.0") && !ge("0.28.0"),
		v28:             ge("0.28.0"),
	}
	switch {
	case ge("0.27.1"):
		f.quoteMode = 3
	case ge("0.26.0"):
		f.quoteMode = 2
	case ge("0.24.1"):
		f.quoteMode = 1
	}
	f.querySlashPct = ge("0.25.0") && !ge("0.26.0")
	switch {
	case ge("0.21.0"):
		f.protoMsg = 2
	case ge("0.18.0"):
		f.protoMsg = 1
	}
	return f
}
