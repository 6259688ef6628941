# mergeplay — the Makefile is the only entry point (CI, netlify.toml and wrangler call its targets).
SHELL := /bin/bash
GO    ?= go
ADDR  ?= 127.0.0.1:8080
GOROOT_WASM := $(shell $(GO) env GOROOT)/lib/wasm

.PHONY: help build site csp serve test test-go test-wasm test-export test-programs conformance record recorded ci-pins cite-index releases sweep-pins record-all bench bench-go bench-worker fuzz clean worker test-worker

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

build: ## build the CLI into bin/mergeplay (build/ belongs to the Worker: its generator wipes it)
	$(GO) build -o bin/mergeplay ./cmd/mergeplay

site: ## build the playground into dist/ (engine WASM, hashed assets, pre-rendered results)
	$(GO) run ./cmd/sitebuild -out dist

csp: ## after editing web/style.css or web/js/theme.js: put the inline style's and script's hashes into netlify.toml's CSP for the page
	$(GO) run ./cmd/sitebuild -out dist -write-csp

serve: site ## build and serve the playground on http://$(ADDR) with netlify.toml's headers
	$(GO) run ./cmd/serve -addr $(ADDR) -dir dist

test-browser: node_modules ## browser tests of the page (Debian Chromium via playwright-core) and netlify.toml validation
	@command -v /usr/bin/chromium >/dev/null || { apt-get update && apt-get install -y chromium; }
	@mkdir -p build
	npx --no-install netlify-config --offline >build/netlify-config.out 2>&1 || { cat build/netlify-config.out; exit 1; }
	@if grep -q 'Warning:' build/netlify-config.out; then grep -A5 'Warning:' build/netlify-config.out; echo "netlify.toml: netlify-config warns (see above)"; exit 1; fi
	$(MAKE) site
	$(GO) build -o bin/serve ./cmd/serve
	$(GO) build -o bin/mergeplay ./cmd/mergeplay
	node --test --test-concurrency=1 tests/browser/

bench-web: node_modules ## page weight, cold load to first result (vs a Go hello WASM floor), long tasks, edit-to-render time, docs page with 1 and 5 embeds, each library's brotli cost
	@command -v /usr/bin/chromium >/dev/null || { apt-get update && apt-get install -y chromium; }
	$(MAKE) site
	$(GO) build -o bin/serve ./cmd/serve
	node tests/browser/bench.mjs
	node tests/browser/bench-embed.mjs
	node tests/browser/bench-libs.mjs

test: test-go test-wasm test-export test-programs conformance test-worker test-browser ## run every test (Go, WASM, exports, exported programs, conformance re-recording, Worker)

test-go: ## vet and test the Go code natively
	$(GO) vet ./...
	$(GO) test ./...

# Needs only what the machine has (bash, python3, node, go with gofmt): no npm packages.
test-export: ## hostile values through every export, read back by bash, Python's ast, V8, go/parser; secrets left out
	@for t in bash python3 node $(GO) gofmt; do command -v $$t >/dev/null || { echo "test-export needs $$t on PATH"; exit 1; }; done
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --test tests/export/

# Installs what it runs with as `make conformance` does (the runners' setup scripts: venvs, npm ci,
# Go modules). MP_STRIDE=N samples every Nth corpus case (default 10); MP_JOBS programs run at once.
test-programs: ## every code export of every example and of a corpus sample, run with the real library against the echo server
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --test tests/programs/

test-wasm: ## run the core's, the models' and the libraries' tests under GOOS=js GOARCH=wasm with node
	PATH="$(GOROOT_WASM):$$PATH" GOOS=js GOARCH=wasm $(GO) test ./merge/... ./model/... ./libs/... ./cmd/mergeplay/ ./api/

conformance: ## re-record the CI set (first and last release of every span) from the real libraries; fail if it differs from the stored fixtures
	$(GO) run ./conformance/record -check

releases: ## refresh conformance/releases/*.txt (every release on PyPI, npm, the Go proxy) and the sweep set
	$(GO) run ./conformance/releases

sweep-pins: ## after `make releases`: pin the sweep's new releases (python requirements/sweep/, js sweep/package-lock.json)
	conformance/runners/python/freeze
	cd conformance/runners/js/sweep && npm install --package-lock-only --no-audit --no-fund --loglevel=error --engine-strict=false

SWEEP ?= /tmp/mergeplay-sweep
record-all: ## re-record every release of conformance/releases/sweep.txt (LIB=httpx@ narrows), rewrite the stored fixtures, write $(SWEEP)-report.md (review the diff!)
	$(GO) run ./conformance/record -all -out $(SWEEP) -j 2 $(if $(LIB),-lib $(LIB))
	$(GO) run ./conformance/sweepreport -in $(SWEEP) -out $(SWEEP)-report.md

record: ## re-record the CI set from the real libraries and update the stored fixtures (review the diff!)
	$(GO) run ./conformance/record

recorded: ## rewrite the stored fixtures and libs/*/recorded.go from what is stored (after make releases), without recording
	$(GO) run ./conformance/record -regen

ci-pins: ## after the spans changed: write and lock conformance/runners/js/ci/ (the JS releases make test re-records)
	$(GO) run ./conformance/record -ci-package
	cd conformance/runners/js/ci && npm install --package-lock-only --no-audit --no-fund --loglevel=error --engine-strict=false

# A tag cited only for a release outside make test's installs is read from the sweep install
# (make record-all installs it), or from SWEEP_JS=<another checkout's
# conformance/runners/js/sweep/node_modules>; without it the committed entry is kept, with a warning.
SWEEP_JS ?=
cite-index: ## index the installed libraries' files and functions into conformance/citeindex/index.json (review the diff!)
	conformance/runners/python/setup
	conformance/runners/js/setup
	conformance/runners/go/setup
	$(GO) run ./conformance/citeindex/gen $(if $(SWEEP_JS),-sweep-js $(SWEEP_JS))

bench: bench-go bench-worker bench-web ## all benchmarks

bench-go: ## engine benchmarks: every profile on one scenario, one structured diff
	$(GO) test -run '^$$' -bench . -benchmem ./libs/

bench-worker: node_modules build ## Worker bundle size and latency under local workerd
	rm -rf build/dry-run
	WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false npx --no-install wrangler deploy --dry-run --outdir build/dry-run >/dev/null
	@for f in build/dry-run/*.wasm build/dry-run/*.mjs build/dry-run/*.js; do [ -f "$$f" ] && printf '%-40s %9d bytes raw %9d gzip\n' "$$f" $$(wc -c <"$$f") $$(gzip -9 -c "$$f" | wc -c); done; true
	@printf 'bundle total: %d bytes gzip\n' $$(cat build/dry-run/* 2>/dev/null | gzip -9 | wc -c)
	$(GO) run ./cmd/worker-e2e -bench -n 2000 -c 8

fuzz: ## fuzz the decoder and the engine for a while (FUZZTIME=30s)
	$(GO) test -run '^$$' -fuzz FuzzParseScenario -fuzztime $${FUZZTIME:-30s} -fuzzminimizetime 5s ./merge/
	$(GO) test -run '^$$' -fuzz FuzzResolve -fuzztime $${FUZZTIME:-30s} -fuzzminimizetime 5s ./libs/

clean: ## remove build outputs (keeps the .cache of installed libraries)
	rm -rf build dist

node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules

test-worker: node_modules build ## run the Worker under wrangler dev; check fixtures and bad inputs over HTTP
	$(GO) run ./cmd/worker-e2e

# -gcflags=all=-l: without inlining the Worker bundle is 2.70 MB gzip instead of 3.12 MB
# (the old Free-plan limit is 3 MB), at no measurable latency cost: a request's time is
# dominated by starting a fresh Go instance (see `make bench-worker`).
worker: ## build the Cloudflare Worker (build/worker.mjs + build/app.wasm)
	$(GO) tool workers-assets-gen -mode=go
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags=-s -gcflags=all=-l -o build/app.wasm ./wasm/worker
