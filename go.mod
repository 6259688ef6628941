module github.com/mergeplay/mergeplay

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0
	github.com/syumai/workers v0.33.0
)

require (
	github.com/evanw/esbuild v0.27.3
	golang.org/x/sys v0.0.0-20220715151400-c0bba94af5f8 // indirect
)

tool github.com/syumai/workers/cmd/workers-assets-gen
