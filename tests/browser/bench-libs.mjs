// make bench-web, the per-library part: what each library's package adds to
// the engine the page downloads, in brotli (q11, as the transfer figure), so
// that each added library stays ≤ 30 KB. The engine is built as `make site`
// builds it, once whole and once without each library: a `go build -overlay`
// replaces libs/libs.go (the registry, the one file that names every library)
// by a copy without that library's import and Profiles() line; nothing in the
// tree is changed.
//
// One such difference is not a figure: brotli's choices over the 9 MB module
// move its size by several KB when any part of it changes, so the cost of one
// library measured against one engine swings with unrelated code (aiohttp at
// e81fbae: 35.4 KB against the whole engine, 22.2 against the engine without
// ky, 24.9 without resty, 31.3 without fetch; its code section alone, 19.8 and
// 19.4). So each library is measured against several engines, the whole one
// and the whole one without each of CONTEXT (libraries of issue 14's day;
// the two builds of each pair differ only by the library measured), and the
// median is judged; min and max are printed with it. ROOT is the module to
// measure (default: this one).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { brotliCompress, constants as z } from 'node:zlib';
import { promisify } from 'node:util';
import { tmpdir, loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const ROOT = resolve(process.env.ROOT || '.');
const GO = process.env.GO || 'go';
const BUDGET = 30 * 1024;
// Issue 14 set the transfer budget, ≤ 1200 KB brotli, for the libraries of
// its day, and ≤ 30 KB for each library added after them: the libraries
// below came later (issue 15). The base is judged on the site built without
// them (todaysSite: their engine code and their page data left out), over
// the files the default page loads (bench.mjs lists them); each of them by
// its median cost.
const TRANSFER_BUDGET = 1200 * 1024;
const ADDED = ['aiohttp', 'urllib3', 'niquests', 'ofetch', 'gaxios', 'superagent'];
const TRANSFER = join(ROOT, 'build', 'bench-transfer.json');
const REGISTRY = join(ROOT, 'libs', 'libs.go');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// Asynchronous: libuv's threads compress two builds at once (one 9 MB engine takes ~25 s at q11).
const brAsync = promisify(brotliCompress);
const br = async (b) => (await brAsync(b, { params: { [z.BROTLI_PARAM_QUALITY]: 11, [z.BROTLI_PARAM_SIZE_HINT]: b.length } })).length;
// The engines each library is also measured against: the whole one without
// each of these (CONTEXT=ky,fetch sets them; CONTEXT= none: the whole engine only).
const CONTEXT = (process.env.CONTEXT ?? 'fetch,nethttp,ky,resty').split(',').filter(Boolean);
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

/**
 * A go build -overlay file that replaces libs/libs.go by registry (written
 * under dir, named for name); returns its path.
 */
function overlayOf(dir, name, registry) {
  const file = join(dir, `libs-${name}.go`);
  writeFileSync(file, registry);
  const overlay = join(dir, `overlay-${name}.json`);
  writeFileSync(overlay, JSON.stringify({ Replace: { [REGISTRY]: file } }));
  return overlay;
}

/**
 * Builds ./wasm as cmd/sitebuild does (its wasmBuildFlags, then its data
 * segment packing, `sitebuild -pack`) with libs/libs.go replaced by
 * registry; returns the module's bytes.
 */
function build(dir, name, registry) {
  const out = join(dir, `${name}.wasm`);
  const args = ['build', '-trimpath', '-ldflags=-s -w', '-gcflags=all=-l', '-o', out, `-overlay=${overlayOf(dir, name, registry)}`, './wasm'];
  const r = spawnSync(GO, args, { cwd: ROOT, env: { ...process.env, GOOS: 'js', GOARCH: 'wasm' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`go ${args.join(' ')}: ${r.stderr}`);
  const p = spawnSync(join(dir, 'sitebuild'), ['-pack', out], { encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`sitebuild -pack: ${p.stderr}`);
  const b = readFileSync(out);
  rmSync(out);
  return b;
}

/** The registry without lib: its import and its line, {Name: "…", Profiles: <lib>.Profiles}, go. */
function without(src, lib) {
  const line = new RegExp(`^\\s*("github\\.com/mergeplay/mergeplay/libs/${lib}"|\\{Name: "[^"]+", Profiles: ${lib}\\.Profiles\\},)\\s*$`);
  const out = src.split('\n').filter((l) => !line.test(l)).join('\n');
  if (out === src) throw new Error(`libs/libs.go does not name ${lib}`);
  return out;
}

/**
 * The site as it would be for issue 14's libraries alone: sitebuild run
 * with the registry without ADDED (GOFLAGS=-overlay, which its own go build
 * of the engine inherits) on a copy of web/ whose gallery leaves out the
 * examples that name one of them (library, compare or pins). Returns its
 * folder.
 */
function todaysSite(dir, registry) {
  const web = join(dir, 'web-today');
  cpSync(join(ROOT, 'web'), web, { recursive: true });
  const index = join(web, 'examples', 'index.json');
  const doc = JSON.parse(readFileSync(index, 'utf8'));
  const names = (ex) => [JSON.parse(readFileSync(join(web, 'examples', ex.file), 'utf8')).library, ex.compare, ...(ex.pins || [])]
    .filter(Boolean).map((id) => String(id).split('@')[0]);
  doc.examples = doc.examples.filter((ex) => !names(ex).some((lib) => ADDED.includes(lib)));
  writeFileSync(index, JSON.stringify(doc, null, 2));
  const overlay = overlayOf(dir, 'today', registry);
  const netlify = join(dir, 'netlify-today.toml');
  cpSync(join(ROOT, 'netlify.toml'), netlify);
  const out = join(dir, 'dist-today');
  const r = spawnSync(GO, ['run', './cmd/sitebuild', '-web', web, '-out', out, '-netlify', netlify, '-write-csp'],
    { cwd: ROOT, env: { ...process.env, GOFLAGS: `-overlay=${overlay}` }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sitebuild for issue 14's libraries: ${r.stderr}`);
  return { out, examples: doc.examples.length };
}

/** A file name without its content hash: app.1a2b3c4d5e.js → app.js. @param {string} name */
const unhashed = (name) => name.replace(/\.[0-9a-f]{10}(?=\.[a-z]+$)/, '');

/**
 * The transfer budget of issue 14, ≤ 1200 KB brotli for its libraries: the
 * files the default page loads (bench.mjs lists them), taken from the site
 * built for those libraries alone, their engine and their page data; and
 * each library added since ≤ 30 KB (its median cost above).
 */
async function judgeTransfer(costs, dir, src) {
  console.log(`\n== transfer budget (issue 14: ≤ ${kb(TRANSFER_BUDGET)} for its libraries, ≤ ${kb(BUDGET)} for each added since)`);
  const over = ADDED.filter((lib) => costs[lib] !== undefined && costs[lib] > BUDGET);
  const missing = ADDED.filter((lib) => costs[lib] === undefined);
  console.log(`  added libraries: ${over.length ? `NOT met (${over.join(', ')} over)` : 'each met'}${missing.length ? ` (not measured here: ${missing.join(', ')})` : ''}`);
  if (!existsSync(TRANSFER)) return console.log(`  issue 14's libraries: not judged (${TRANSFER} is written by bench.mjs: run make bench-web)`);
  const { brotli, files } = JSON.parse(readFileSync(TRANSFER, 'utf8'));
  if (!Array.isArray(files)) return console.log(`  issue 14's libraries: not judged (${TRANSFER} has no list of files: run make bench-web again)`);
  const today = todaysSite(dir, ADDED.reduce(without, src));
  let total = 0;
  for (const p of files) {
    // The same file of the other build: its name with another content hash.
    const rel = p === '/' ? 'index.html' : p.replace(/^\//, '');
    let file = join(today.out, rel);
    if (!existsSync(file) && existsSync(dirname(file))) {
      const hit = readdirSync(dirname(file)).find((f) => unhashed(f) === unhashed(basename(rel)));
      if (hit) file = join(dirname(file), hit);
    }
    if (!existsSync(file)) throw new Error(`the site for issue 14's libraries has no file for ${p}`);
    total += await br(readFileSync(file));
  }
  console.log(`  the default page as built for issue 14's libraries alone (${ADDED.join(', ')} and their examples left out; ${today.examples} examples): ${kb(total)} brotli over ${files.length} files: ${total <= TRANSFER_BUDGET ? 'met' : 'NOT met'}`);
  console.log(`  the default page of this build: ${kb(brotli)}; whole budget ${kb(TRANSFER_BUDGET + ADDED.length * BUDGET)}: ${brotli <= TRANSFER_BUDGET + ADDED.length * BUDGET ? 'met' : 'NOT met'}`);
}

async function main() {
  console.log('\n== brotli cost of each library in the engine (build without it; budget ≤ 30 KB each)');
  if (!existsSync(REGISTRY)) {
    console.log(`  not measurable yet: ${REGISTRY} does not exist (the registry that lists the libraries lands with the libs/ split)`);
    return;
  }
  const src = readFileSync(REGISTRY, 'utf8');
  // LIBS=aiohttp,got measures only those (default: every library).
  const only = (process.env.LIBS || '').split(',').filter(Boolean);
  const all = [...src.matchAll(/^\s*"github\.com\/mergeplay\/mergeplay\/libs\/([a-z0-9]+)"$/gm)].map((m) => m[1]);
  const libs = all.filter((lib) => !only.length || only.includes(lib));
  const unknown = [...only, ...CONTEXT].filter((lib) => !all.includes(lib));
  if (unknown.length) throw new Error(`LIBS or CONTEXT names ${unknown.join(', ')}, not in libs/libs.go (${all.join(', ')})`);
  const dir = mkdtempSync(join(tmpdir(), 'mergeplay-libs-'));
  try {
    console.log(`  load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${libs.length} libraries: ${libs.join(', ')}`);
    console.log(`  each against ${CONTEXT.length + 1} engines: the whole one${CONTEXT.map((c) => `, without ${c}`).join('')}`);
    const sb = spawnSync(GO, ['build', '-o', join(dir, 'sitebuild'), './cmd/sitebuild'], { cwd: ROOT, encoding: 'utf8' });
    if (sb.status !== 0) throw new Error(`building cmd/sitebuild: ${sb.stderr}`);
    // Builds run one at a time (go build uses both cores); two compressions run beside them.
    // measure() settles once its build is done, to {size}: the compression's promise.
    const pending = [];
    const measure = async (name, registry) => {
      while (pending.length >= 2) await Promise.race(pending);
      const p = br(build(dir, name, registry));
      const settled = p.then(() => {}, () => {});
      pending.push(settled);
      settled.then(() => pending.splice(pending.indexOf(settled), 1));
      return { size: p };
    };
    const bases = [{ name: 'whole', registry: src }, ...CONTEXT.map((c) => ({ name: `without-${c}`, registry: without(src, c), lib: c }))];
    const baseSize = new Map();
    const jobs = [];
    const sizes = [];
    for (const b of bases) sizes.push((await measure(b.name, b.registry)).size);
    await Promise.all(bases.map(async (b, i) => baseSize.set(b.name, await sizes[i])));
    console.log(`  whole engine: ${kb(baseSize.get('whole'))} brotli`);
    const costs = {};
    for (const lib of libs) {
      const size = [];
      for (const b of bases) {
        if (b.lib === lib) continue; // the engine without lib is no engine to remove it from
        const { size: n } = await measure(`${b.name}-${lib}`, without(b.registry, lib));
        size.push(n.then((n) => baseSize.get(b.name) - n));
      }
      jobs.push(Promise.all(size).then((d) => {
        costs[lib] = median(d);
        console.log(`  ${lib.padEnd(10)} ${kb(costs[lib]).padStart(9)} median   (min ${kb(Math.min(...d))}, max ${kb(Math.max(...d))} over ${d.length} engines)   ${costs[lib] <= BUDGET ? 'met' : 'NOT met'}`);
      }));
    }
    await Promise.all(jobs);
    await judgeTransfer(costs, dir, src);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
