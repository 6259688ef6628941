// make bench-web, the per-library part: what each library's package adds to
// the engine the page downloads, in brotli (q11, as the transfer figure), so
// that each added library stays ≤ 30 KB. The engine is built as `make site`
// builds it, once whole and once without each library: a `go build -overlay`
// replaces libs/libs.go (the registry, the one file that names every library)
// by a copy without that library's import and Profiles() line; nothing in the
// tree is changed. ROOT is the module to measure (default: this one).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { brotliCompressSync, constants as z } from 'node:zlib';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(process.env.ROOT || '.');
const GO = process.env.GO || 'go';
const BUDGET = 30 * 1024;
// Issue 14 set the transfer budget, ≤ 1200 KB brotli, for the libraries of
// its day, and ≤ 30 KB for each library added after them: the libraries
// below came later (issue 15). The page's transfer (bench.mjs writes it) is
// judged as the base (transfer minus these libraries' measured engine cost;
// their page data stays in the base) ≤ 1200 KB, each of them ≤ 30 KB.
const TRANSFER_BUDGET = 1200 * 1024;
const ADDED = ['aiohttp', 'urllib3', 'niquests', 'ofetch', 'gaxios', 'superagent'];
const TRANSFER = join(ROOT, 'build', 'bench-transfer.json');
const REGISTRY = join(ROOT, 'libs', 'libs.go');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const br = (b) => brotliCompressSync(b, { params: { [z.BROTLI_PARAM_QUALITY]: 11, [z.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;

/**
 * Builds ./wasm as cmd/sitebuild does (its wasmBuildFlags, then its data
 * segment packing, `sitebuild -pack`), with an optional overlay; returns the brotli size.
 */
function build(dir, overlay) {
  const out = join(dir, 'engine.wasm');
  const args = ['build', '-trimpath', '-ldflags=-s -w', '-gcflags=all=-l', '-o', out];
  if (overlay) args.push(`-overlay=${overlay}`);
  args.push('./wasm');
  const r = spawnSync(GO, args, { cwd: ROOT, env: { ...process.env, GOOS: 'js', GOARCH: 'wasm' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`go ${args.join(' ')}: ${r.stderr}`);
  const p = spawnSync(join(dir, 'sitebuild'), ['-pack', out], { encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`sitebuild -pack: ${p.stderr}`);
  return br(readFileSync(out));
}

/** The transfer budget of issue 14, judged with the added libraries' measured costs. */
function judgeTransfer(costs) {
  if (!existsSync(TRANSFER)) return console.log(`  transfer budget: not judged (${TRANSFER} is written by bench.mjs: run make bench-web)`);
  const missing = ADDED.filter((lib) => costs[lib] === undefined);
  if (missing.length) return console.log(`  transfer budget: not judged (not measured here: ${missing.join(', ')})`);
  const { brotli } = JSON.parse(readFileSync(TRANSFER, 'utf8'));
  const added = ADDED.reduce((n, lib) => n + costs[lib], 0);
  const base = brotli - added;
  console.log(`\n== transfer budget (issue 14: ≤ ${kb(TRANSFER_BUDGET)} for its libraries, ≤ ${kb(BUDGET)} for each added since)`);
  console.log(`  default page transfer ${kb(brotli)} brotli − the engine cost of ${ADDED.join(', ')} (${kb(added)}) = ${kb(base)} for issue 14's libraries: ${base <= TRANSFER_BUDGET ? 'met' : 'NOT met'}`);
  const over = ADDED.filter((lib) => costs[lib] > BUDGET);
  console.log(`  added libraries: ${over.length ? `NOT met (${over.join(', ')} over)` : 'each met'}; whole budget ${kb(TRANSFER_BUDGET + ADDED.length * BUDGET)}: ${brotli <= TRANSFER_BUDGET + ADDED.length * BUDGET ? 'met' : 'NOT met'}`);
}

function main() {
  console.log('\n== brotli cost of each library in the engine (build without it; budget ≤ 30 KB each)');
  if (!existsSync(REGISTRY)) {
    console.log(`  not measurable yet: ${REGISTRY} does not exist (the registry that lists the libraries lands with the libs/ split)`);
    return;
  }
  const src = readFileSync(REGISTRY, 'utf8');
  // LIBS=aiohttp,got measures only those (the whole engine is built either way).
  const only = (process.env.LIBS || '').split(',').filter(Boolean);
  const libs = [...src.matchAll(/^\s*"github\.com\/mergeplay\/mergeplay\/libs\/([a-z0-9]+)"$/gm)].map((m) => m[1])
    .filter((lib) => !only.length || only.includes(lib));
  const dir = mkdtempSync(join(tmpdir(), 'mergeplay-libs-'));
  try {
    console.log(`  load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${libs.length} libraries: ${libs.join(', ')}`);
    const sb = spawnSync(GO, ['build', '-o', join(dir, 'sitebuild'), './cmd/sitebuild'], { cwd: ROOT, encoding: 'utf8' });
    if (sb.status !== 0) throw new Error(`building cmd/sitebuild: ${sb.stderr}`);
    const whole = build(dir);
    const costs = {};
    console.log(`  whole engine: ${kb(whole)} brotli`);
    for (const lib of libs) {
      // The import and the registry's line, {Name: "…", Profiles: <lib>.Profiles},
      const without = src.split('\n').filter((line) => !new RegExp(`^\\s*("github\\.com/mergeplay/mergeplay/libs/${lib}"|\\{Name: "[^"]+", Profiles: ${lib}\\.Profiles\\},)\\s*$`).test(line)).join('\n');
      const file = join(dir, `libs-without-${lib}.go`);
      writeFileSync(file, without);
      const overlay = join(dir, `overlay-${lib}.json`);
      writeFileSync(overlay, JSON.stringify({ Replace: { [REGISTRY]: file } }));
      const cost = whole - build(dir, overlay);
      costs[lib] = cost;
      console.log(`  ${lib.padEnd(10)} ${kb(cost).padStart(9)}   ${cost <= BUDGET ? 'met' : 'NOT met'}`);
    }
    judgeTransfer(costs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
