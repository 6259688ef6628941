package ky

import (
	"github.com/mergeplay/mergeplay/merge"
	"github.com/mergeplay/mergeplay/model/undici"
)

// undiciFetchRules is what Node's fetch does with the Request ky built (model/undici, at the
// tag of the undici the range's Node bundles): the request headers fetch adds when absent,
// then what the HTTP/1.1 client writes around them. The Request is in Var "fetch".
func undiciFetchRules(tag string) []merge.Rule {
	fetching, metadata := undici.Cite(tag, "lib/web/fetch/index.js", "fetching"), undici.Cite(tag, "lib/web/fetch/util.js", "appendFetchMetadata")
	return []merge.Rule{
		{Name: "fetch-default-headers", Cite: undici.Cite(tag, "lib/web/fetch/index.js", "httpNetworkOrCacheFetch"), Also: []merge.Cite{fetching, metadata},
			Doc: "fetch appends accept: */*, accept-language: *, sec-fetch-mode: cors, user-agent: node and accept-encoding (gzip, deflate; br first for https) to the Request's headers, each only when absent; a range header adds accept-encoding identity; conditional headers add pragma/cache-control no-cache; a host header is dropped.",
			Apply: func(s *merge.State) {
				if r := merge.Var[*undici.Request](s, "fetch"); r != nil {
					undici.Defaults(s, r, fetching, metadata)
				}
			}},
		{Name: "http1-write", Cite: undici.Cite(tag, "lib/dispatcher/client-h1.js", "writeH1"),
			Doc: "undici writes host and connection first (connection: close for HEAD), then the header list, then content-length: the body's length, or 0 without a body for PUT/POST/PATCH-like methods. The request-target is pathname + search, so an empty '?' is not sent.",
			Apply: func(s *merge.State) {
				if r := merge.Var[*undici.Request](s, "fetch"); r != nil {
					undici.Write(s, r)
				}
			}},
	}
}
