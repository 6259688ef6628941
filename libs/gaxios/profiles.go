package gaxios

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/undici"
)

const binding = "instance = new Gaxios({baseURL: base_url, headers, params}); await instance.request({method, url, headers, params, data: json ?? body}) " +
	"(conformance/runners/js/BINDING.md). auth, cookies, prefix, via and allowAbsoluteUrls are unsupported; json and body together are unsupported (one data option)."

func profiles() []*merge.Profile {
	return []*merge.Profile{
		profile("6.0.0", "7", "extend(true, {}, defaults, options) merges everything, headers included: an undefined value keeps the default, null replaces it, "+
			"arrays merge index by index. baseURL + url is a string join and the params are appended with querystring.stringify; node-fetch 2.7.0 sends. "+
			"From 6.1.0 (googleapis/gaxios#565) a failed fetch is wrapped in a GaxiosError (name 'Error'); from 6.5.0 (googleapis/gaxios#614) a URL that "+
			"does not parse fails in #prepareRequest with TypeError 'Invalid URL' instead of node-fetch's 'Only absolute URLs are supported'."),
		profile("7.0.0", "8", "gaxios 7 (googleapis/gaxios#600, #617, #653): headers are a WHATWG Headers object built from the client's with the request's set "+
			"over it (so undefined is sent as 'undefined' and a null headers option throws), the URL is new URL(url, baseURL), the params are appended with "+
			"URLSearchParams, and node-fetch 3.3.2 sends them lower-cased and sorted.").StartingAt(merge.Boundary{
			Ref: "googleapis/gaxios#617", URL: "https://github.com/googleapis/gaxios/pull/617",
			Doc: "7.0.0 upgrades to node-fetch v3 (#617), makes headers a Headers object (#653) and resolves baseURL with new URL(url, baseURL) (#600)"}),
		profile("8.0.0", "9", "gaxios 8 requires Node 22 (engines.node >=22) and runs there; #prepareRequest, mergeHeaders and node-fetch 3.3.2 are as in 7.x, "+
			"so every recorded case sends what 7.x sends. 7.1.3 on are published from googleapis/google-cloud-node (core/packages/gaxios) and cited as published.").StartingAt(merge.Boundary{
			Ref: "googleapis/google-cloud-node#9172", URL: "https://github.com/googleapis/google-cloud-node/pull/9172",
			Doc: "gaxios 8.0.0 raises engines.node to >=22 (the recordings run 8.x on Node 22.23.3)"}),
	}
}

// cites are the citations one profile's rules carry.
type cites struct {
	merge, url, proxy, data, adapter, wrap, headers, mergeHeaders merge.Cite
	extend, querystring                                           merge.Cite
	fetch, request, headersCtor, validate, options, search        merge.Cite
	client, storeHeader                                           merge.Cite
}

func citesFor(min string) cites {
	f := factsFor(min)
	var c cites
	gx := func(tag, fn string, line int) merge.Cite {
		return merge.Cite{File: "src/gaxios.ts", Func: fn, Tag: tag, URL: fmt.Sprintf("https://github.com/googleapis/gaxios/blob/%s/src/gaxios.ts#L%d", tag, line)}
	}
	node, nodeLines := "v20.20.2", [2]int{134, 410}
	switch min {
	case "6.0.0":
		c.merge, c.url, c.data = gx("v6.0.0", "Gaxios.validateOpts", 218), gx("v6.0.0", "Gaxios.validateOpts", 225), gx("v6.0.0", "Gaxios.validateOpts", 248)
		c.proxy = gx("v6.7.1", "Gaxios.#urlMayUseProxy", 201)
		c.adapter, c.wrap = gx("v6.0.0", "Gaxios._defaultAdapter", 132), gx("v6.7.1", "Gaxios._request", 157)
		c.querystring = merge.Cite{File: "lib/querystring.js", Func: "stringify", Tag: node, URL: "https://github.com/nodejs/node/blob/" + node + "/lib/querystring.js#L227"}
	case "7.0.0":
		c.merge, c.url, c.data = gx("v7.0.0", "Gaxios.#prepareRequest", 397), gx("v7.0.0", "Gaxios.#prepareRequest", 403), gx("v7.0.0", "Gaxios.#prepareRequest", 438)
		c.headers, c.mergeHeaders = gx("v7.0.0", "Gaxios.#prepareRequest", 393), gx("v7.0.0", "Gaxios.mergeHeaders", 685)
		c.adapter, c.wrap = gx("v7.0.0", "Gaxios._defaultAdapter", 146), gx("v7.0.0", "Gaxios._request", 220)
	default:
		node, nodeLines = "v22.23.3", [2]int{191, 455}
		pub := func(fn string, line int) merge.Cite {
			return merge.Cite{File: "build/cjs/src/gaxios.js", Func: fn, Tag: "8.3.3", URL: fmt.Sprintf("https://unpkg.com/browse/gaxios@8.3.3/build/cjs/src/gaxios.js#L%d", line)}
		}
		c.merge, c.url, c.data = pub("Gaxios.#prepareRequest", 330), pub("Gaxios.#prepareRequest", 335), pub("Gaxios.#prepareRequest", 362)
		c.headers, c.mergeHeaders = pub("Gaxios.#prepareRequest", 327), pub("Gaxios.mergeHeaders", 718)
		c.adapter, c.wrap = pub("Gaxios._defaultAdapter", 109), pub("Gaxios._request", 159)
	}
	c.extend = merge.Cite{File: "index.js", Func: "extend", Tag: "3.0.2", URL: "https://unpkg.com/browse/extend@3.0.2/index.js#L65"}
	nodeAt := func(file, fn string, line int) merge.Cite {
		return merge.Cite{File: file, Func: fn, Tag: node, URL: fmt.Sprintf("https://github.com/nodejs/node/blob/%s/%s#L%d", node, file, line)}
	}
	c.client, c.storeHeader = nodeAt("lib/_http_client.js", "ClientRequest", nodeLines[0]), nodeAt("lib/_http_outgoing.js", "OutgoingMessage._storeHeader", nodeLines[1])
	if f.gen == six {
		nf := func(fn string, line int) merge.Cite {
			return merge.Cite{File: "lib/index.js", Func: fn, Tag: "2.7.0", URL: fmt.Sprintf("https://unpkg.com/browse/node-fetch@2.7.0/lib/index.js#L%d", line)}
		}
		c.fetch, c.request, c.headersCtor, c.validate, c.options = nf("fetch", 1437), nf("Request.constructor", 1196), nf("Headers.constructor", 714), nf("validateValue", 681), nf("getNodeRequestOptions", 1316)
		return c
	}
	nf := func(file, fn string, line int) merge.Cite {
		return merge.Cite{File: file, Func: fn, Tag: "v3.3.2", URL: fmt.Sprintf("https://github.com/node-fetch/node-fetch/blob/v3.3.2/%s#L%d", file, line)}
	}
	c.fetch, c.request, c.headersCtor, c.options = nf("src/index.js", "fetch", 48), nf("src/request.js", "Request.constructor", 48), nf("src/headers.js", "Headers.constructor", 53), nf("src/request.js", "getNodeRequestOptions", 226)
	c.search = nf("src/utils/get-search.js", "getSearch", 1)
	tag := map[string]string{"v20.20.2": "v6.24.1", "v22.23.3": "v6.28.1"}[node]
	c.validate = undici.Cite(tag, "lib/web/fetch/headers.js", "Headers constructor")
	return c
}

func profile(min, max, note string) *merge.Profile {
	f := factsFor(min)
	c := citesFor(min)
	runtime := "Node v20.20.2 (Headers: undici 6.24.1)"
	if min == "8.0.0" {
		runtime = "Node v22.23.3 (Headers: undici 6.28.1)"
	}
	transport := "node-fetch 3.3.2"
	if f.gen == six {
		runtime, transport = "Node v20.20.2", "node-fetch 2.7.0"
	}
	p := &merge.Profile{
		Library:  "gaxios",
		Min:      min,
		Max:      max,
		Verified: merge.Recorded,
		Runtime:  runtime + ", " + transport + ", extend 3.0.2",
		Note:     note + " Recorded on " + runtime + " with " + transport + " over Node's http (read in their npm distributions).",
		Binding:  binding,
		Switches: switches(f),
	}
	bindingRule := merge.Rule{Name: "binding", Cite: merge.Cite{File: "conformance/runners/js/runner.mjs", Func: "gaxiosCase", Tag: "mergeplay"},
		Doc:   "gaxios has no auth or cookies option; prefix, via and allowAbsoluteUrls have no binding; json and body share the one data option.",
		Apply: bindingApply}
	write := merge.Rule{Name: "node-http", Cite: c.client, Also: []merge.Cite{c.storeHeader},
		Doc: "http.request sets each header in object order (an array value is one line per item), then Host from the URL, Authorization: Basic from " +
			"the URL's credentials when no authorization header is set, Connection: keep-alive, and Content-Length: 0 for a body-less method other " +
			"than GET, HEAD, DELETE, OPTIONS, TRACE and CONNECT.",
		Apply: func(s *merge.State) { nodeWrite(s) }}
	if f.gen == six {
		p.Rules = []merge.Rule{
			bindingRule,
			{Name: "merge-options", Cite: c.merge, Also: []merge.Cite{c.extend},
				Doc: "extend(true, {}, this.defaults, options): every option, headers and params included, is merged key by key; an undefined value " +
					"is skipped (the default stays), null and other values replace, objects and arrays merge recursively (arrays index by index). " +
					"A falsy url throws Error 'URL is required.'.",
				Apply: func(s *merge.State) { mergeOptions(s, c) }},
			{Name: "url", Cite: c.url, Also: []merge.Cite{c.querystring},
				Doc: "opts.url = baseURL + url when baseURL is truthy, a plain string join; params with any own key are appended as " +
					"'?' or '&' + querystring.stringify(params) (arrays repeat the key, null and non-finite numbers give an empty value).",
				Apply: func(s *merge.State) { urlSix(s, factsFor(s.Version), c) }},
			{Name: "data", Cite: c.data, Also: []merge.Cite{c.querystring, c.proxy},
				Doc: "opts.headers = opts.headers || {}; a truthy object data is JSON.stringify'd and labelled Content-Type application/json unless a " +
					"truthy content-type is set, or querystring.stringify'd when the content-type is exactly application/x-www-form-urlencoded; a truthy " +
					"string or number is the body as it is; falsy data (null, false, 0, '') sends no body. From 6.5.0 #urlMayUseProxy then runs " +
					"new URL(opts.url), which throws TypeError 'Invalid URL' for a URL that does not parse.",
				Apply: func(s *merge.State) { dataSix(s, factsFor(s.Version), c) }},
			{Name: "node-fetch", Cite: c.request, Also: []merge.Cite{c.adapter, c.fetch, c.headersCtor, c.validate, c.options, c.wrap},
				Doc: "_defaultAdapter calls node-fetch(opts.url, opts): the Request parses the URL (WHATWG, then url.parse), upper-cases the method, refuses " +
					"a body on GET or HEAD, builds Headers from the object (each value String()ed and checked; names that differ only in case join under " +
					"the first spelling) and adds Content-Type text/plain;charset=UTF-8 for a body without one; getNodeRequestOptions adds Accept */*, " +
					"Content-Length, User-Agent node-fetch/1.0 and Accept-Encoding gzip,deflate when absent. From 6.1.0 what it throws is wrapped in a GaxiosError.",
				Apply: func(s *merge.State) { nodeFetchTwo(s, factsFor(s.Version), c) }},
			write,
		}
		return p
	}
	p.Rules = []merge.Rule{
		bindingRule,
		{Name: "headers", Cite: c.headers, Also: []merge.Cite{c.mergeHeaders, c.validate},
			Doc: "new Headers(this.defaults.headers), then Gaxios.mergeHeaders sets each entry of new Headers(options.headers) over it: names are " +
				"lower-cased, values ByteString-converted (undefined is 'undefined', null 'null'), and a null headers option throws the Headers TypeError.",
			Apply: func(s *merge.State) { headersSeven(s, c) }},
		{Name: "merge-options", Cite: c.merge, Also: []merge.Cite{c.extend},
			Doc: "extend(true, {}, this.defaults, options) merges the other options: an undefined value is skipped, null replaces, objects and " +
				"arrays merge recursively (arrays index by index). A falsy url throws Error 'URL is required.'.",
			Apply: func(s *merge.State) { mergeOptions(s, c) }},
		{Name: "url", Cite: c.url,
			Doc: "opts.url = new URL(url, baseURL) when baseURL is truthy, then new URL(opts.url) (TypeError 'Invalid URL' when it does not parse); " +
				"truthy params are appended pair by pair with url.searchParams.append over new URLSearchParams(params) (String() values: a list is " +
				"'a,b', null is 'null'), which re-serializes the URL's own query.",
			Apply: func(s *merge.State) { urlSeven(s) }},
		{Name: "data", Cite: c.data,
			Doc: "A string data is the body as it is; an object data (null and arrays included) is new URLSearchParams(data) when the content-type is " +
				"exactly application/x-www-form-urlencoded, else JSON.stringify'd, with content-type application/json when none is set; other truthy " +
				"data (a number, true) is the body as it is; false, 0 and undefined send none.",
			Apply: func(s *merge.State) { dataSeven(s) }},
		{Name: "node-fetch", Cite: c.request, Also: []merge.Cite{c.adapter, c.fetch, c.headersCtor, c.options, c.search, c.wrap},
			Doc: "_defaultAdapter calls node-fetch(url, opts): the Request refuses a URL with credentials and a body on GET or HEAD (a truthy body only " +
				"is sent), copies the Headers (Node's header checks) and sets Content-Type text/plain;charset=UTF-8 for a body without one; " +
				"getNodeRequestOptions sets Accept */*, Content-Length, User-Agent node-fetch and Accept-Encoding gzip, deflate, br when absent and " +
				"hands Node the headers lower-cased and sorted by name, the path with a trailing '?' kept. What it throws is wrapped in a GaxiosError.",
			Apply: func(s *merge.State) { nodeFetchThree(s, c) }},
		write,
	}
	return p
}

func switches(f facts) []merge.Switch {
	if f.gen == six {
		return []merge.Switch{
			{Name: "header-null", Value: "sent as 'null'"},
			{Name: "header-undefined", Value: "skipped: the client's value stays"},
			{Name: "header-false", Value: "sent as 'false'"},
			{Name: "request-headers", Value: "merged by exact key; other casings are sent as extra lines"},
			{Name: "url-join", Value: "string concatenation baseURL + url"},
			{Name: "url-query", Value: "params appended after the URL's own query (same key: both sent)"},
			{Name: "params-merge", Value: "by key (deep, arrays by index); null replaces, undefined keeps"},
		}
	}
	return []merge.Switch{
		{Name: "header-null", Value: "sent as 'null'"},
		{Name: "header-undefined", Value: "sent as 'undefined'"},
		{Name: "header-false", Value: "sent as 'false'"},
		{Name: "request-headers", Value: "merged case-insensitively (lower-cased, sorted)"},
		{Name: "url-join", Value: "RFC 3986 resolution (new URL(url, baseURL))"},
		{Name: "url-query", Value: "params appended after the URL's own query (same key: both sent)"},
		{Name: "params-merge", Value: "by key (deep, arrays by index); null replaces, undefined keeps"},
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Profiles lists the library's profiles, oldest range first; their bindings
// spell absent, null, undefined and false the way JavaScript does.
func Profiles() []*merge.Profile { return registered() }

var registered = sync.OnceValue(func() []*merge.Profile {
	return merge.InLanguage("js", recordedReleases.Apply(profiles()...)...)
})
