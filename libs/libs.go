// Package libs is the one list of every library mergeplay models: the CLI,
// the WASM engine, the Worker, the site build and the tests all resolve
// scenarios through Registry. Adding a library is one folder below this one
// and one line here (see README.md).
package libs

import (
	"github.com/mergeplay/mergeplay/libs/aiohttp"
	"github.com/mergeplay/mergeplay/libs/axios"
	"github.com/mergeplay/mergeplay/libs/fetch"
	"github.com/mergeplay/mergeplay/libs/gaxios"
	"github.com/mergeplay/mergeplay/libs/got"
	"github.com/mergeplay/mergeplay/libs/httpx"
	"github.com/mergeplay/mergeplay/libs/ky"
	"github.com/mergeplay/mergeplay/libs/nethttp"
	"github.com/mergeplay/mergeplay/libs/ofetch"
	"github.com/mergeplay/mergeplay/libs/requests"
	"github.com/mergeplay/mergeplay/libs/resty"
	"github.com/mergeplay/mergeplay/libs/superagent"
	"github.com/mergeplay/mergeplay/libs/urllib3"
	"github.com/mergeplay/mergeplay/merge"
)

// registry is built once at start-up; its profiles are never changed after.
// The order is the display order, visible in `mergeplay libraries`, the page
// and the Worker: Python, then JavaScript, then Go.
var registry = merge.NewRegistry(concat(
	requests.Profiles(),
	httpx.Profiles(),
	urllib3.Profiles(),
	aiohttp.Profiles(),
	axios.Profiles(),
	ky.Profiles(),
	got.Profiles(),
	fetch.Profiles(),
	ofetch.Profiles(),
	gaxios.Profiles(),
	superagent.Profiles(),
	nethttp.Profiles(),
	resty.Profiles(),
)...)

// Registry is every profile of every library, in display order.
func Registry() *merge.Registry { return registry }

func concat(lists ...[]*merge.Profile) []*merge.Profile {
	var out []*merge.Profile
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
