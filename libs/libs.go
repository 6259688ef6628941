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
	"github.com/mergeplay/mergeplay/libs/niquests"
	"github.com/mergeplay/mergeplay/libs/ofetch"
	"github.com/mergeplay/mergeplay/libs/requests"
	"github.com/mergeplay/mergeplay/libs/resty"
	"github.com/mergeplay/mergeplay/libs/superagent"
	"github.com/mergeplay/mergeplay/libs/urllib3"
	"github.com/mergeplay/mergeplay/merge"
)

// registry lists every library; each one's profiles are built the first time
// an answer needs them (see merge.Registry) and never changed after.
// The order is the display order, visible in `mergeplay libraries`, the page
// and the Worker: Python, then JavaScript, then Go.
var registry = merge.RegistryOf([]merge.Library{
	{Name: "requests", Profiles: requests.Profiles},
	{Name: "httpx", Profiles: httpx.Profiles},
	{Name: "urllib3", Profiles: urllib3.Profiles},
	{Name: "aiohttp", Profiles: aiohttp.Profiles},
	{Name: "niquests", Profiles: niquests.Profiles},
	{Name: "axios", Profiles: axios.Profiles},
	{Name: "ky", Profiles: ky.Profiles},
	{Name: "got", Profiles: got.Profiles},
	{Name: "fetch", Profiles: fetch.Profiles},
	{Name: "ofetch", Profiles: ofetch.Profiles},
	{Name: "gaxios", Profiles: gaxios.Profiles},
	{Name: "superagent", Profiles: superagent.Profiles},
	{Name: "net/http", Profiles: nethttp.Profiles},
	{Name: "resty", Profiles: resty.Profiles},
})

// Registry is every profile of every library, in display order.
func Registry() *merge.Registry { return registry }
