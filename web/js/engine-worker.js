// The engine's worker: Go runs here, off the page's main thread. One file for
// both kinds: a dedicated worker (the full page; an embed where the browser
// has no SharedWorker) and a SharedWorker, which every embed on one docs page
// connects to, so the page compiles and starts Go once (engine.js picks the
// kind). The module is compiled once per worker and kept: when the Go
// program dies (a trap, a fatal runtime error, an exit) the worker starts a
// new instance from it without downloading or compiling again.
//
// Protocol (engine.js is the only other side):
//   page → worker  {type: "init", wasm: "/assets/wasm/…wasm"}     first message of each connection
//                  {type: "init", module: WebAssembly.Module}     the same, compiled by the page (dedicated only)
//                  {type: "call", id, calls: [{fn: "resolve"|"diff"|"timeline"|"libraries", arg}]}
//   worker → page  {type: "progress", received, total}
//                  {type: "module", module}                       the compiled engine (dedicated only), for a replacement worker
//                  {type: "ready", instance, version, kind, timing, transfer}   again after every restart of Go
//                  {type: "failed", message}                      the engine cannot start
//                  {type: "result", id, out: [JSON text, …]}     one text per call, in order
//                  {type: "crashed", id, message}                 Go died on this call
//                  {type: "restarting", message}                  Go died; a new instance is starting

// Go's wasm_exec.js (16 KB) loads while the engine downloads: as a static
// import it held up this module, so the page's "init", and so the download.
const goLoaded = import('./wasm_exec.js');
goLoaded.catch(() => {}); // reported by start(), which awaits it

const FNS = new Set(['resolve', 'resolveEach', 'diff', 'timeline', 'libraries']);
const MAX_CALLS = 256; // a batch (the compare-all matrix) is one call per profile
const MAX_STARTS = 3; // Go dying this many times in a row while starting is a broken build, not bad luck

const shared = typeof SharedWorkerGlobalScope !== 'undefined' && self instanceof SharedWorkerGlobalScope;
const instance = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : String(Math.random()).slice(2);

/** @type {Set<{postMessage: (m: any) => void}>} */
const ports = new Set();
/** @type {Promise<WebAssembly.Module>|null} */
let compiled = null;
/** @type {Promise<any>|null} the running Go program's globalThis.mergeplay */
let running = null;
/** @type {any} the API of the instance running now */
let current = null;
/** @type {any} */
let last = null; // the last status message, for connections that arrive later
let failedStarts = 0;
/** When each step of the first start happened (ms since the epoch: the page's clock differs), for make bench-web. */
const timing = { worker: performance.timeOrigin + performance.now() };
let transfer = -1; // the engine's download, in bytes; -1: the page downloaded it
const stamp = (/** @type {string} */ k) => { if (!(k in timing)) timing[k] = performance.timeOrigin + performance.now(); };
let total = 0;
let received = 0;

/** @param {any} m */
function broadcast(m) {
  if (m.type !== 'progress') last = m;
  for (const p of ports) p.postMessage(m);
}

/** @param {string} url */
function compile(url) {
  // compileStreaming of the fetched response itself (not a re-wrapped stream)
  // keeps its URL, which Chrome's WebAssembly code cache needs; a clone
  // counts the bytes for the progress bar.
  stamp('fetch');
  return fetch(url).then((resp) => {
    if (!resp.ok || !resp.body) throw new Error(`the engine did not download (HTTP ${resp.status})`);
    stamp('response');
    total = Number(resp.headers.get('Content-Length')) || 0;
    const counter = resp.clone().body;
    if (counter) {
      const reader = counter.getReader();
      const pump = () => reader.read().then(({ done, value }) => {
        if (done) return;
        received += value.byteLength;
        broadcast({ type: 'progress', received, total });
        return pump();
      });
      pump().catch(() => {});
    }
    return WebAssembly.compileStreaming(resp).then((module) => {
      // Bytes on the wire (0 from the HTTP cache), for make bench-web: a SharedWorker's requests are nowhere else to be seen.
      const entry = performance.getEntriesByName(new URL(url, location.href).href)[0];
      if (entry) transfer = /** @type {PerformanceResourceTiming} */ (entry).transferSize;
      return module;
    });
  });
}

/** Starts a Go instance from the compiled module; resolves to its API. */
function start() {
  if (running) return running;
  running = (async () => {
    const module = await /** @type {Promise<WebAssembly.Module>} */ (compiled);
    stamp('compiled');
    await goLoaded;
    const go = new globalThis.Go();
    const inst = await WebAssembly.instantiate(module, go.importObject);
    stamp('instantiated');
    delete globalThis.mergeplay;
    const exited = go.run(inst);
    stamp('started');
    const api = globalThis.mergeplay;
    if (!api || api.ready !== true) throw new Error('the engine started but did not register globalThis.mergeplay');
    exited.then(() => died(api, 'the Go program exited'));
    current = api;
    failedStarts = 0;
    broadcast({ type: 'ready', instance, version: api.version, kind: shared ? 'shared' : 'dedicated', timing, transfer });
    return api;
  })();
  running.catch((err) => {
    running = null;
    if (++failedStarts >= MAX_STARTS || !compiled) broadcast({ type: 'failed', message: err && err.message ? err.message : String(err) });
    else start();
  });
  return running;
}

/**
 * The instance that answered api is gone: the next call starts a new one.
 * @param {any} api @param {string} why
 */
function died(api, why) {
  if (api !== current) return; // already replaced (a trap and the exit it causes both land here)
  current = null;
  if (globalThis.mergeplay === api) delete globalThis.mergeplay;
  running = null;
  broadcast({ type: 'restarting', message: why });
  start();
}

/**
 * Runs a batch on the current instance. Go's functions return JSON text; a
 * throw (a WebAssembly trap) or anything else means the instance is dead.
 * @param {any} api @param {any[]} calls
 * @returns {string[]}
 */
function run(api, calls) {
  const out = [];
  for (const c of calls) {
    const fn = c && typeof c.fn === 'string' ? c.fn : '';
    if (!FNS.has(fn)) {
      out.push(JSON.stringify({ error: { code: 'internal', message: `the engine has no function "${fn}"` } }));
      continue;
    }
    const r = api[fn](typeof c.arg === 'string' ? c.arg : '');
    if (typeof r !== 'string') throw new Error('the Go program exited during the call');
    out.push(r);
  }
  return out;
}

/**
 * @param {{postMessage: (m: any) => void}} port @param {any} m
 */
async function onMessage(port, m) {
  if (!m || typeof m !== 'object') return;
  if (m.type === 'init') {
    if (!compiled && m.module instanceof WebAssembly.Module) {
      compiled = Promise.resolve(m.module); // compiled by the page (theme.js), which shares it
      start();
    } else if (!compiled) {
      if (typeof m.wasm !== 'string' || !/^\/assets\/wasm\/[\w.-]+\.wasm$/.test(m.wasm)) {
        port.postMessage({ type: 'failed', message: 'the page named no engine under /assets/wasm/' });
        return;
      }
      compiled = compile(m.wasm);
      // The page keeps the module for a replacement (or a second) worker; a
      // shared worker's ports may be in other agent clusters, which cannot take one.
      if (!shared) compiled.then((module) => port.postMessage({ type: 'module', module }), () => {});
      compiled.catch((err) => { compiled = null; broadcast({ type: 'failed', message: err && err.message ? err.message : String(err) }); });
      start();
    } else if (last) {
      port.postMessage(last);
    }
    return;
  }
  if (m.type !== 'call') return;
  const id = m.id;
  const calls = Array.isArray(m.calls) ? m.calls : [];
  if (calls.length > MAX_CALLS) {
    port.postMessage({ type: 'result', id, out: calls.map(() => JSON.stringify({ error: { code: 'internal', message: `at most ${MAX_CALLS} calls in one batch` } })) });
    return;
  }
  let api;
  try {
    api = await (running || start());
  } catch (err) {
    port.postMessage({ type: 'crashed', id, message: `the engine did not start: ${err && err.message ? err.message : String(err)}` });
    return;
  }
  try {
    port.postMessage({ type: 'result', id, out: run(api, calls) });
  } catch (err) {
    const why = err && err.message ? err.message : String(err);
    port.postMessage({ type: 'crashed', id, message: why });
    died(api, why);
  }
}

/** @param {any} port MessagePort, or the dedicated worker's own scope */
function connect(port) {
  ports.add(port);
  port.onmessage = (/** @type {MessageEvent} */ e) => { onMessage(port, e.data); };
}

if (shared) self.addEventListener('connect', (e) => connect(/** @type {MessageEvent} */ (e).ports[0]));
else connect(self);
