// The only module that talks to the WebAssembly engine. Go runs in a worker
// (engine-worker.js registers globalThis.mergeplay there, wasm/main.go); this
// is the page's promise-based client for it: resolve, diff, timeline,
// libraries and batch (several calls, one round trip). The typedefs mirror the Go structs
// in merge/ (result.go, diff.go, profile.go, api.go).
//
// - The worker starts from the page's first script (theme.js, embed-boot.js:
//   globalThis.mergeplayBoot); the worker downloads and compiles the engine
//   itself (a dedicated one posts the module back, for a replacement). So the
//   download, compilation and Go's start-up all overlap the page's own
//   loading, and neither compilation nor Go runs on the main thread.
// - The full page has a dedicated worker; embeds share one SharedWorker per
//   docs page (one Go instance for every embed on it), or get a dedicated one
//   where the browser has no SharedWorker (Chrome on Android).
// - Calls carry ids. Calls with the same key (an edit's) form a lane: one is in
//   flight at a time, a newer one replaces the one waiting, and an answer that
//   a newer call of its lane is waiting behind is dropped: such promises
//   reject with an EngineError of kind "superseded", which callers ignore.
// - A call not answered within TIMEOUT_MS means the worker hangs or died: it
//   is replaced by a new one (the page's state lives in the page), pending
//   calls reject with kind "timeout", and onEvent listeners hear "restarting"
//   and then "ready". Go dying inside the worker (a trap) rejects that call
//   with kind "crashed"; the worker restarts Go itself.
import { wasm } from './data.js';

/**
 * Wire is the request as the library puts it on the wire (merge.Wire).
 * @typedef {Object} Wire
 * @property {string} method
 * @property {string} url
 * @property {string} target   request-target as sent: path and query, exactly encoded
 * @property {Array<[string, string]>} headers  wire order and casing, duplicates kept
 * @property {string} body
 * @property {boolean} [body_base64]
 */
/**
 * LibError is the exception the real library raises (merge.LibError).
 * @typedef {{type: string, message: string}} LibError
 */
/**
 * Step explains one part of the final request (merge.Step).
 * @typedef {Object} Step
 * @property {string} field   "url", "method", "body", "headers.Accept", "query.page", "error"
 * @property {string} [value]
 * @property {string} source  client | request | auth | cookies | library default | transport | url | library
 * @property {string} action  set | override | remove | keep | ignore | raise
 * @property {string} rule
 * @property {string} cite    "file function @tag"
 * @property {string} [url]   link to the cited source
 * @property {string} [note]
 */
/**
 * Result is what the library would do with a scenario (merge.Result).
 * @typedef {Object} Result
 * @property {string} library
 * @property {string} profile
 * @property {string} verified   recorded | source-derived
 * @property {'sent'|'error'|'unsupported'} outcome
 * @property {Wire} [request]
 * @property {LibError} [error]
 * @property {string} [reason]
 * @property {Step[]} trace
 * @property {string[]} warnings
 * @property {Lint[]} [lints]  the pitfalls the sent request shows
 */
/**
 * Lint is one pitfall a result shows (merge.Lint).
 * @typedef {{code: string, severity: 'info'|'warn'|'danger', message: string, ref: string}} Lint
 */
/**
 * APIError is a located problem with the input (merge.APIError).
 * @typedef {{code: string, message: string, field?: string}} APIError
 */
/** @typedef {{label: string, library: string, profile: string, outcome: string}} Side2 */
/**
 * Change is one difference (merge.Change): part is outcome, error, method, url,
 * query, header, order or body; class is what it means: semantic, casing, order
 * or identity (a header only the libraries set).
 * @typedef {{part: string, key?: string, op: 'added'|'removed'|'changed', a?: string[], b?: string[], class?: 'semantic'|'casing'|'order'|'identity'}} Change
 */
/** @typedef {{a: Side2, b: Side2, equal: boolean, changes: Change[], also?: string}} Diff also: one line for the non-semantic changes */
/**
 * Span is a run of recorded releases that send the same request (merge.Span).
 * @typedef {{from: string, to: string, releases: string[], profiles: string[], outcome: string, error?: string, summary: string}} Span
 */
/**
 * SpanChange is the upgrade across a boundary (merge.SpanChange); cite is the
 * profile's boundary (kind "profile") or the rule whose steps differ (kind "rule").
 * @typedef {{from: string, to: string, summary: string, diff: Diff, cite: {kind?: string, text?: string, url?: string, rule?: string, doc?: string}}} SpanChange
 */
/** @typedef {{library: string, all_classes: boolean, spans: Span[], boundaries: SpanChange[]}} Timeline boundaries[i] lies between spans[i] and spans[i+1] */
/** @typedef {{name: string, value: string}} Switch */
/** @typedef {{name: string, cite: string, url?: string, doc?: string}} RuleInfo */
/**
 * ProfileInfo describes a profile (merge.ProfileInfo).
 * @typedef {Object} ProfileInfo
 * @property {string} library
 * @property {string} profile
 * @property {string} [min]
 * @property {string} [max]
 * @property {string} verified
 * @property {string[]} recorded
 * @property {string} default
 * @property {string} [runtime]
 * @property {string} [note]
 * @property {string} [binding]
 * @property {Switch[]} switches
 * @property {RuleInfo[]} rules
 */

/** How long one call may take before the worker is taken for hung (a 1 MB scenario takes < 1 s). */
export const TIMEOUT_MS = 10000;
/** Worker starts in a row that may fail (script or engine did not load) before the engine is reported failed. */
const MAX_STARTS = 3;

/** A call that did not get an answer. kind: superseded | timeout | crashed | failed */
export class EngineError extends Error {
  /** @param {string} message @param {'superseded'|'timeout'|'crashed'|'failed'} kind */
  constructor(message, kind) {
    super(message);
    this.kind = kind;
  }
}

/** @typedef {{fn: 'resolve'|'diff'|'timeline'|'libraries', arg?: string}} Call */
/** @typedef {{type: 'restarting'|'ready'|'failed', message?: string}} EngineEvent */

let state = 'idle'; // idle | loading | ready | restarting | failed
/** @type {Promise<void>|null} */
let firstReady = null;
/** @type {{resolve: () => void, reject: (e: Error) => void}|null} */
let firstWaiter = null;
/** @type {{post: (m: any) => void, close: () => void, kind: string}|null} */
let conn = null;
let generation = 0; // SharedWorker name suffix: a hung shared engine is left behind, not reused
let starts = 0;
let seq = 0;
/** @type {{kind: string, instance: string, version?: number}} */
let info = { kind: '', instance: '' };
/** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void, timer: any, lane?: string}>} */
const pending = new Map();
/** @type {Map<string, {inflight: number|null, waiting: {calls: Call[], resolve: (v: any) => void, reject: (e: Error) => void}|null}>} */
const lanes = new Map();
/** @type {Set<(e: EngineEvent) => void>} */
const listeners = new Set();
/** @type {(fraction: number) => void} */
let progress = () => {};
let useShared = false;

/** @returns {boolean} whether calls are answered now */
export function isReady() {
  return state === 'ready';
}

/** @returns {{kind: string, instance: string, version?: number}} which engine answers (dedicated | shared, its instance id) */
export function engineInfo() {
  return info;
}

/** @returns {number|undefined} the scenario format version the engine reads */
export function formatVersion() {
  return info.version;
}

/** @param {(e: EngineEvent) => void} fn called when the engine restarts, is ready again, or fails */
export function onEvent(fn) {
  listeners.add(fn);
}

/** @param {EngineEvent} e */
function emit(e) {
  for (const fn of listeners) {
    try { fn(e); } catch { /* a listener's bug must not stop the others */ }
  }
}

/**
 * Starts the engine once (adopting the worker the first script started),
 * reporting download progress from 0 to 1.
 * @param {(fraction: number) => void} onProgress
 * @param {{shared?: boolean}} [opts] shared: one engine for every embed of a page, where the browser can
 * @returns {Promise<void>} settles when the engine first answers
 */
export function loadEngine(onProgress, opts = {}) {
  if (firstReady) return firstReady;
  progress = onProgress;
  useShared = !!opts.shared;
  firstReady = new Promise((resolve, reject) => { firstWaiter = { resolve, reject }; });
  performance.mark('mergeplay:wasm-fetch');
  connect(adoptBoot());
  return firstReady;
}

/** The connection the page's first script opened, if any (it is used once). */
function adoptBoot() {
  const boot = globalThis.mergeplayBoot;
  if (!boot || !boot.conn) return null;
  const c = boot.conn;
  boot.conn = null;
  return c;
}

/**
 * Opens a connection to a new worker (or the boot script's) and wires it.
 * @param {any} [adopted] {worker|port, messages} from theme.js / embed-boot.js
 */
function connect(adopted) {
  state = state === 'idle' ? 'loading' : state;
  starts++;
  let c;
  try {
    c = adopted ? wrap(adopted) : open();
  } catch (err) {
    fail(`the engine needs Web Workers, which this browser refused: ${err && err.message}`);
    return;
  }
  conn = c;
}

/** A new worker, of the same kind the boot scripts start (wrap() listens before any message can arrive). */
function open() {
  const url = wasm.worker;
  if (useShared && typeof globalThis.SharedWorker === 'function') {
    const sw = new SharedWorker(url, { type: 'module', name: `mergeplay-engine-${generation}` });
    sw.port.postMessage({ type: 'init', wasm: wasm.url });
    return wrap({ port: sw.port, shared: sw, messages: [] });
  }
  const w = new Worker(url, { type: 'module', name: 'mergeplay-engine' });
  // A replacement worker gets the module theme.js compiled: no second download or compilation.
  const module = globalThis.mergeplayBoot?.module;
  w.postMessage(module ? { type: 'init', module } : { type: 'init', wasm: wasm.url });
  return wrap({ worker: w, messages: [] });
}

/**
 * @param {{worker?: Worker, port?: MessagePort, shared?: SharedWorker, messages: any[]}} b
 */
function wrap(b) {
  /** @param {any} m */
  const handle = (m) => { if (conn === c) onMessage(m); };
  const onError = () => { if (conn === c) workerError(); };
  /** @type {{post: (m: any) => void, close: () => void, kind: string}} */
  let c;
  if (b.port) {
    const port = b.port;
    c = { post: (m) => port.postMessage(m), close: () => port.close(), kind: 'shared' };
    port.onmessage = (e) => handle(e.data); // starts the port: messages queued until now arrive
    if (b.shared) b.shared.onerror = onError;
  } else {
    const w = /** @type {Worker} */ (b.worker);
    c = { post: (m) => w.postMessage(m), close: () => w.terminate(), kind: 'dedicated' };
    w.onmessage = (e) => handle(e.data);
    w.onerror = onError;
  }
  const early = b.messages.splice(0);
  queueMicrotask(() => { for (const m of early) m.type === 'script-error' ? onError() : handle(m); });
  return c;
}

/** @param {any} m a message from the worker */
function onMessage(m) {
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'progress':
      if (state === 'loading') progress(Math.min(1, m.received / wasm.size)); // raw bytes; Content-Length may be the compressed size
      return;
    case 'module':
      // The worker's compiled engine: a replacement worker starts from it.
      if (m.module instanceof WebAssembly.Module) (globalThis.mergeplayBoot ||= {}).module = m.module;
      return;
    case 'ready': {
      const again = state !== 'loading';
      state = 'ready';
      starts = 0;
      info = { kind: conn ? conn.kind : '', instance: String(m.instance), version: m.version };
      if (!again) {
        performance.mark('mergeplay:wasm-instantiated');
        // The worker's steps on the page's timeline, for make bench-web.
        for (const [k, t] of Object.entries(m.timing || {})) {
          const at = Number(t) - performance.timeOrigin;
          if (at >= 0) performance.mark(`mergeplay:worker-${k}`, { startTime: at });
        }
        performance.mark('mergeplay:engine-transfer', { detail: { bytes: Number(m.transfer), instance: String(m.instance) } });
      }
      progress(1);
      if (firstWaiter) { firstWaiter.resolve(); firstWaiter = null; }
      if (again) emit({ type: 'ready' });
      return;
    }
    case 'restarting':
      state = 'restarting';
      emit({ type: 'restarting', message: String(m.message || '') });
      return;
    case 'failed':
      restart(`the engine did not load: ${m.message}`, 'failed');
      return;
    case 'result':
    case 'crashed': {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      syncSide();
      if (m.type === 'result' && Array.isArray(m.out)) p.resolve(m.out.map(parse));
      else p.reject(new EngineError(`the engine crashed on this input and was restarted: ${m.message}`, 'crashed'));
      return;
    }
  }
}

function workerError() {
  restart('the engine\'s worker failed to run', 'failed');
}

/** @param {string} message */
function fail(message) {
  state = 'failed';
  conn = null;
  rejectAll(message, 'failed');
  if (firstWaiter) { firstWaiter.reject(new Error(message)); firstWaiter = null; }
  emit({ type: 'failed', message });
}

/**
 * Replaces the worker: a hung or dead one is dropped (terminated, or its
 * SharedWorker left for a new name), and pending calls reject.
 * @param {string} message @param {'timeout'|'failed'} kind
 */
function restart(message, kind) {
  const old = conn;
  conn = null;
  try { old?.close(); } catch { /* already gone */ }
  rejectAll(message, kind);
  if (starts >= MAX_STARTS) { fail(message); return; }
  generation++;
  state = state === 'loading' ? 'loading' : 'restarting';
  if (state === 'restarting') emit({ type: 'restarting', message });
  connect(null);
}

/** @param {string} message @param {'timeout'|'failed'} kind */
function rejectAll(message, kind) {
  const all = [...pending.values()];
  pending.clear();
  syncSide();
  for (const lane of lanes.values()) {
    if (lane.waiting) all.push({ ...lane.waiting, timer: null });
  }
  lanes.clear();
  for (const p of all) {
    clearTimeout(p.timer);
    p.reject(new EngineError(message, kind));
  }
}

/**
 * @param {string} out JSON text from the engine
 * @returns {any}
 */
function parse(out) {
  try {
    return JSON.parse(out);
  } catch {
    return { error: { code: 'internal', message: 'the engine returned something that is not JSON' } };
  }
}

// ---- the side engine: a second worker for the version timeline ----
// A timeline resolves the scenario at every recorded release (axios: 88,
// 136-640 ms in the worker under load), and a worker answers one call at a
// time: in the engine's worker it delayed any edit made meanwhile by as much.
// So on the full page (dedicated workers) the timeline lane runs in a worker
// of its own, started from the module the first worker compiled (no second
// download or compilation) once a timeline is first asked for. A hung one is
// terminated and the next timeline starts another; where it cannot start
// (no module: the engine could not post it) the lane falls back to the engine.
//
// Two Go instances still share the machine's cores (two on the development
// machine), so an edit answered while a timeline computes waited for CPU.
// The side worker therefore runs a timeline in steps of SLICE_MS with a task
// boundary between them (engine-worker.js runTimeline): while the engine has
// a call in flight (an edit, compare-all) the page tells it to pause, and
// a timeline nobody wants any more (a newer one in its lane, cancel()) is
// dropped rather than finished. Its timeout counts only the time it may run.

// Compare-all (the matrix lane) goes there too once the side engine is up:
// asked with the edit, its thirteen resolves run beside the edit's call in
// the engine instead of after it (see app.js renderMatrixPanel).

/** Lanes answered by the side engine. */
const SIDE_LANES = new Set(['timeline', 'matrix']);
/** How long one step of a timeline runs before the side worker looks at its messages. */
const SLICE_MS = 4;
/** @typedef {{resolve: (v: any) => void, reject: (e: Error) => void, timer: any, lane?: string}} SidePending */
/** @type {{worker: Worker, ready: boolean, paused: boolean, queue: any[], pending: Map<number, SidePending>}|null} */
let side = null;
let sideFailures = 0;

/** Whether a lane's calls go to the side engine. @param {string} [lane] */
function useSide(lane) {
  if (!(!!lane && SIDE_LANES.has(lane) && !useShared && sideFailures < MAX_STARTS &&
    typeof Worker === 'function' && globalThis.mergeplayBoot?.module instanceof WebAssembly.Module)) return false;
  if (lane !== 'matrix') return true;
  // Compare-all waits for no start-up: until the side engine is up
  // (startSide, or the first timeline), the engine answers it.
  return !!side && side.ready;
}

/**
 * Starts the side engine ahead of its first call, where the page has one:
 * the page calls it once its first result is on screen and it is idle.
 * Started by compare-all's first call instead, it came up beside the first
 * result (a worker and a Go instance on the page's two cores: the share
 * link's first result went from 3.3× to 3.9× the floor); left to the first
 * timeline, it waited for a pause in typing.
 */
export function startSide() {
  if (side || state !== 'ready' || !useSide('timeline')) return;
  side = openSide(); // no call is pending in it yet: nothing to pause (syncSide)
}

/**
 * Whether compare-all is answered beside the engine now, by the side engine
 * (the full page, once it is up): then the page asks it together with the
 * edit rather than after the edit's answer, which it would wait behind.
 */
export function matrixBeside() {
  return state === 'ready' && useSide('matrix');
}

/** @param {string} message @param {'timeout'|'failed'|'crashed'} kind */
function dropSide(message, kind) {
  const s = side;
  side = null;
  if (!s) return;
  try { s.worker.terminate(); } catch { /* already gone */ }
  for (const p of s.pending.values()) { clearTimeout(p.timer); p.reject(new EngineError(message, kind)); }
}

function openSide() {
  const w = new Worker(wasm.worker, { type: 'module', name: 'mergeplay-timeline' });
  /** @type {NonNullable<typeof side>} */
  const s = { worker: w, ready: false, paused: false, queue: [], pending: new Map() };
  w.onmessage = (e) => {
    if (side !== s) return;
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'ready') {
      s.ready = true;
      sideFailures = 0;
      for (const q of s.queue.splice(0)) w.postMessage(q);
    } else if (m.type === 'failed') {
      sideFailures++;
      dropSide(`the second engine (timeline, compare-all) did not load: ${m.message}`, 'failed');
    } else if (m.type === 'result' || m.type === 'crashed' || m.type === 'cancelled') {
      const p = s.pending.get(m.id);
      if (!p) return;
      s.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.type === 'result' && Array.isArray(m.out)) p.resolve(m.out.map(parse));
      else if (m.type === 'cancelled') p.reject(new EngineError('a newer call replaced this one', 'superseded'));
      else p.reject(new EngineError(`the engine crashed on this input and was restarted: ${m.message}`, 'crashed'));
    }
  };
  w.onerror = () => { if (side === s) { sideFailures++; dropSide('the second engine\'s worker (timeline, compare-all) failed to run', 'failed'); } };
  w.postMessage({ type: 'init', module: globalThis.mergeplayBoot.module });
  return s;
}

/** Starts (again) the timeout of a side call: it runs while the side worker may compute. @param {NonNullable<typeof side>} s @param {number} id */
function armSide(s, id) {
  const p = s.pending.get(id);
  if (!p) return;
  clearTimeout(p.timer);
  // Its start-up (Go's init, ~100-300 ms under load) counts against the timeout too.
  p.timer = setTimeout(() => { if (s.pending.has(id) && side === s) dropSide(`the second engine (timeline, compare-all) did not answer within ${TIMEOUT_MS / 1000} s`, 'timeout'); }, TIMEOUT_MS);
}

let resumeTimer = 0;

/**
 * Pauses the side worker's timeline while the engine has a call in flight
 * (an edit's answer waits for no CPU the timeline takes), and resumes it
 * when the engine is idle. Called whenever the engine's pending calls change.
 */
function syncSide() {
  const s = side;
  if (!s) return;
  // Only a timeline has anything to pause (a call runs to its end): without
  // one, no message (a post costs the page ~0.25 ms, two an edit).
  if (!s.paused && ![...s.pending.values()].some((p) => p.lane === 'timeline')) return;
  if (pending.size > 0) {
    clearTimeout(resumeTimer);
    resumeTimer = 0;
    pauseSide(s, true);
  } else if (s.paused && !resumeTimer) {
    // A task later: the answer that emptied the engine is rendered first (its
    // promise callbacks run in this task), without a timeline step beside it.
    resumeTimer = setTimeout(() => {
      resumeTimer = 0;
      if (side === s && pending.size === 0) pauseSide(s, false);
    }, 0);
  }
}

/** @param {NonNullable<typeof side>} s @param {boolean} paused */
function pauseSide(s, paused) {
  if (s.paused === paused) return;
  s.paused = paused;
  s.worker.postMessage({ type: paused ? 'pause' : 'resume' });
  for (const [id, p] of s.pending) {
    if (paused) clearTimeout(p.timer);
    else armSide(s, id);
  }
}

/** @param {Call[]} calls @param {string} [lane] @returns {Promise<any[]>} */
function sendSide(calls, lane) {
  return new Promise((resolve, reject) => {
    const s = side ||= openSide();
    const id = ++seq;
    s.pending.set(id, { resolve, reject, timer: null, lane });
    syncSide(); // an edit in flight: a timeline starts paused
    if (!s.paused) armSide(s, id);
    const m = calls.length === 1 && calls[0].fn === 'timeline'
      ? { type: 'timeline', id, arg: calls[0].arg, slice: SLICE_MS }
      : { type: 'call', id, calls };
    if (s.ready) s.worker.postMessage(m);
    else s.queue.push(m);
  });
}

/**
 * Drops the side call of a lane that is in flight: the side worker stops it
 * at its next step, and its promise rejects as superseded.
 * @param {string} lane
 */
function cancelSide(lane) {
  const s = side;
  if (!s) return;
  for (const [id, p] of s.pending) {
    if (p.lane !== lane) continue;
    s.pending.delete(id);
    clearTimeout(p.timer);
    const queued = s.queue.findIndex((q) => q.id === id);
    if (queued >= 0) s.queue.splice(queued, 1);
    else s.worker.postMessage({ type: 'cancel', id });
    p.reject(new EngineError('a newer call replaced this one', 'superseded'));
  }
}

/**
 * Gives up a lane's calls: the one waiting, and the one in flight where it
 * can be stopped (the side engine's timeline); their promises reject as
 * superseded. timeline.js calls it as soon as the scenario changes, so a
 * timeline of the old scenario does not run on while the new one is typed.
 * @param {string} lane
 */
export function cancel(lane) {
  const l = lanes.get(lane);
  if (!l) return;
  if (l.waiting) {
    l.waiting.reject(new EngineError('a newer call replaced this one', 'superseded'));
    l.waiting = null;
  }
  if (l.inflight === -1) cancelSide(lane);
}

/**
 * Sends a batch now; resolves to one parsed answer per call.
 * @param {Call[]} calls @param {string} [lane]
 * @returns {Promise<any[]>}
 */
function send(calls, lane) {
  if (useSide(lane) && state === 'ready') {
    const p = sendSide(calls, lane);
    lanes.get(/** @type {string} */ (lane)).inflight = -1;
    return p;
  }
  return new Promise((resolve, reject) => {
    if (!conn || state !== 'ready') {
      reject(new EngineError('the engine is not loaded', state === 'failed' ? 'failed' : 'timeout'));
      return;
    }
    const id = ++seq;
    const timer = setTimeout(() => {
      if (!pending.has(id)) return;
      restart(`the engine did not answer within ${TIMEOUT_MS / 1000} s and was restarted`, 'timeout');
    }, TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer, lane });
    syncSide();
    conn.post({ type: 'call', id, calls });
    if (lane) lanes.get(lane).inflight = id;
  });
}

/**
 * Asks the engine several things in one round trip.
 * @param {Call[]} calls
 * @param {{lane?: string}} [opts] lane: a newer batch of the same lane supersedes this one while it waits
 * @returns {Promise<any[]>} one answer per call; rejects with an EngineError
 */
export function batch(calls, opts = {}) {
  const key = opts.lane;
  if (!key) return send(calls);
  let lane = lanes.get(key);
  if (!lane) lanes.set(key, lane = { inflight: null, waiting: null });
  const l = lane;
  if (l.inflight === null) return sendInLane(key, calls);
  return new Promise((resolve, reject) => {
    if (l.waiting) l.waiting.reject(new EngineError('a newer call replaced this one', 'superseded'));
    l.waiting = { calls, resolve, reject };
    // A side call's answer would be dropped for this one: stop it now (the
    // lane then sends this one), rather than let it run to its end.
    if (l.inflight === -1) cancelSide(key);
  });
}

/** @param {string} key @param {Call[]} calls */
function sendInLane(key, calls) {
  const p = send(calls, key);
  const next = () => {
    const l = lanes.get(key);
    if (!l) return;
    l.inflight = null;
    const w = l.waiting;
    if (!w) return;
    l.waiting = null;
    sendInLane(key, w.calls).then(w.resolve, w.reject);
  };
  return p.then((v) => {
    const superseded = !!lanes.get(key)?.waiting;
    next();
    if (superseded) throw new EngineError('a newer call replaced this one', 'superseded');
    return v;
  }, (err) => {
    next();
    throw err;
  });
}

/**
 * Resolves a scenario v1 document.
 * @param {string} scenarioText @param {{lane?: string}} [opts]
 * @returns {Promise<Result | {error: APIError}>}
 */
export function resolve(scenarioText, opts) {
  return batch([{ fn: 'resolve', arg: scenarioText }], opts).then((r) => r[0]);
}

/**
 * Resolves one scenario document in each of several libraries (compare-all):
 * one parse in Go, one answer per library, each what resolve would give
 * with that library. The scenario text goes in as written (a JSON object:
 * member order is part of the scenario); Go refuses any other envelope.
 * @param {string} scenarioText @param {string[]} ids @param {{lane?: string}} [opts]
 * @returns {Promise<Array<Result | {error: APIError}>>}
 */
export function resolveEach(scenarioText, ids, opts) {
  const arg = `{"libraries": ${JSON.stringify(ids)}, "scenario": ${scenarioText}\n}`;
  return batch([{ fn: 'resolveEach', arg }], opts).then(([r]) => (Array.isArray(r) ? r : ids.map(() => r)));
}

/**
 * Diffs two scenario documents, or one against another library.
 * @param {string} diffText {"a": scenario, "b": scenario} or {"a": scenario, "against": "lib@ver"}
 * @param {{lane?: string}} [opts]
 * @returns {Promise<Diff | {error: APIError}>}
 */
export function diff(diffText, opts) {
  return batch([{ fn: 'diff', arg: diffText }], opts).then((r) => r[0]);
}

/**
 * The scenario at every recorded release of a library (merge.TimelineDoc).
 * @param {string} timelineText {"scenario": scenario, "library": "httpx", "all_classes"?: boolean}
 * @param {{lane?: string}} [opts]
 * @returns {Promise<Timeline | {error: APIError}>}
 */
export function timeline(timelineText, opts) {
  return batch([{ fn: 'timeline', arg: timelineText }], opts).then((r) => r[0]);
}

/** @returns {Promise<ProfileInfo[] | {error: APIError}>} */
export function libraries() {
  return batch([{ fn: 'libraries' }]).then((r) => r[0]);
}
