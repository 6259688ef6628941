module github.com/mergeplay/mergeplay

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0
	github.com/syumai/workers v0.33.0
)

tool github.com/syumai/workers/cmd/workers-assets-gen
