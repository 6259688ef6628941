# mergeplay — the Makefile is the only entry point (CI, netlify.toml and wrangler call its targets).
SHELL := /bin/bash
GO    ?= go
ADDR  ?= 127.0.0.1:8080
GOROOT_WASM := $(shell $(GO) env GOROOT)/lib/wasm

.PHONY: help build serve test test-go test-wasm conformance record bench fuzz clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

build: ## build the CLI into build/mergeplay
	$(GO) build -o build/mergeplay ./cmd/mergeplay

serve: ## build and serve the playground on http://$(ADDR)
	$(GO) run ./cmd/serve -addr $(ADDR) -dir web

test: test-go test-wasm conformance ## run every test (Go, WASM, live conformance re-recording)

test-go: ## vet and test the Go code natively
	$(GO) vet ./...
	$(GO) test ./...

test-wasm: ## run the engine's tests under GOOS=js GOARCH=wasm with node
	PATH="$(GOROOT_WASM):$$PATH" GOOS=js GOARCH=wasm $(GO) test ./merge/... ./cmd/...

conformance: ## re-record fixtures from the real libraries; fail if they differ from the committed ones
	$(GO) run ./conformance/record -check

record: ## re-record fixtures from the real libraries and write them (review the diff!)
	$(GO) run ./conformance/record

bench: ## benchmarks: every profile on one scenario, and one structured diff
	$(GO) test -run '^$$' -bench . -benchmem ./merge/

fuzz: ## fuzz the decoder and the engine for a while (FUZZTIME=30s)
	$(GO) test -run '^$$' -fuzz FuzzParseScenario -fuzztime $${FUZZTIME:-30s} ./merge/
	$(GO) test -run '^$$' -fuzz FuzzResolve -fuzztime $${FUZZTIME:-30s} ./merge/

clean: ## remove build outputs (keeps the .cache of installed libraries)
	rm -rf build dist
