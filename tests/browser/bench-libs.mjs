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

function main() {
  console.log('\n== brotli cost of each library in the engine (build without it; budget ≤ 30 KB each)');
  if (!existsSync(REGISTRY)) {
    console.log(`  not measurable yet: ${REGISTRY} does not exist (the registry that lists the libraries lands with the libs/ split)`);
    return;
  }
  const src = readFileSync(REGISTRY, 'utf8');
  const libs = [...src.matchAll(/^\s*"github\.com\/mergeplay\/mergeplay\/libs\/([a-z0-9]+)"$/gm)].map((m) => m[1]);
  const dir = mkdtempSync(join(tmpdir(), 'mergeplay-libs-'));
  try {
    console.log(`  load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${libs.length} libraries: ${libs.join(', ')}`);
    const sb = spawnSync(GO, ['build', '-o', join(dir, 'sitebuild'), './cmd/sitebuild'], { cwd: ROOT, encoding: 'utf8' });
    if (sb.status !== 0) throw new Error(`building cmd/sitebuild: ${sb.stderr}`);
    const whole = build(dir);
    console.log(`  whole engine: ${kb(whole)} brotli`);
    for (const lib of libs) {
      // The import and the registry's line, {Name: "…", Profiles: <lib>.Profiles},
      const without = src.split('\n').filter((line) => !new RegExp(`^\\s*("github\\.com/mergeplay/mergeplay/libs/${lib}"|\\{Name: "[^"]+", Profiles: ${lib}\\.Profiles\\},)\\s*$`).test(line)).join('\n');
      const file = join(dir, `libs-without-${lib}.go`);
      writeFileSync(file, without);
      const overlay = join(dir, `overlay-${lib}.json`);
      writeFileSync(overlay, JSON.stringify({ Replace: { [REGISTRY]: file } }));
      const cost = whole - build(dir, overlay);
      console.log(`  ${lib.padEnd(10)} ${kb(cost).padStart(9)}   ${cost <= BUDGET ? 'met' : 'NOT met'}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
