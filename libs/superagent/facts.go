package superagent

import "github.com/mergeplay/mergeplay/merge"

// facts are what differs between the 9.x and 10.x releases, for the parts the profiles model.
type facts struct {
	tag string // the release the range's citations point at (lib/ as published on npm)
	// Before 9.0.2 (forwardemail/superagent#1803) URLs go through Node's legacy url.parse;
	// from 9.0.2 through new URL(), which the agent also runs on the URL it is given
	// (_attachCookies), so a URL that does not parse fails there.
	whatwg bool
	// Before 10.2.2 (forwardemail/superagent#1836) the agent's query() is the QUERY method
	// of Node's http.METHODS (Node 20.19.3+), not the default that replays query().
	queryMethod bool
	// 10.1.0: the form serializer is qs.stringify(obj, {indices: false, strictNullHandling: true});
	// before it, qs's defaults (a[0]=x, null as 'a=').
	formRepeat bool
	// 10.4.0 (forwardemail/superagent#1859): the headers go to http.request as options.headers,
	// so Node sets them before it adds Host; and application/csp-report is serialized as JSON.
	optionsHeaders, cspReport bool
	// 10.4.2: set() deletes every other spelling of the name first (so the header moves to the
	// end), and _finalizeQueryString puts the query before a #fragment.
	setMoves, fragment bool
}

func factsFor(version string) facts {
	from := func(v string) bool { return merge.CompareVersions(version, v) >= 0 }
	f := facts{tag: "9.0.1"}
	switch {
	case from("10.4.2"):
		f.tag = "10.4.2"
	case from("10.4.0"):
		f.tag = "10.4.1"
	case from("10.2.2"):
		f.tag = "10.3.0"
	case from("9.0.2"):
		f.tag = "10.2.1"
	}
	f.whatwg = from("9.0.2")
	f.queryMethod = !from("10.2.2")
	f.formRepeat = from("10.1.0")
	f.optionsHeaders, f.cspReport = from("10.4.0"), from("10.4.0")
	f.setMoves, f.fragment = from("10.4.2"), from("10.4.2")
	return f
}

// lines are the published lib/ line numbers of the declarations the rules cite, per tag.
type lines struct {
	setDefaults, attachCookies, set, auth, send, finalize             int // agent-base, node/agent, request-base
	request, query, reqAuth, end, requestCtor, serialize, isJSON, typ int // node/index.js
}

var linesAt = map[string]lines{
	"9.0.1":  {8, 72, 349, 468, 593, 676, 650, 383, 556, 932, 153, 106, 1312, 341},
	"10.2.1": {8, 68, 347, 450, 575, 658, 655, 388, 561, 920, 158, 106, 1288, 346},
	"10.3.0": {8, 68, 347, 450, 575, 658, 655, 388, 561, 920, 158, 106, 1302, 346},
	"10.4.1": {8, 124, 350, 453, 578, 674, 851, 543, 757, 1188, 310, 243, 1637, 501},
	"10.4.2": {8, 124, 350, 474, 599, 695, 851, 543, 757, 1188, 310, 243, 1637, 501},
}
