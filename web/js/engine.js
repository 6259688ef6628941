// The only module that touches the WebAssembly engine: it loads wasm_exec.js
// and the .wasm, and wraps globalThis.mergeplay (registered by wasm/main.go).
// The typedefs mirror the Go structs in merge/ (result.go, diff.go, profile.go, api.go).
import './wasm_exec.js';
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
 * @property {string} field   "url", "method", "body", "headers.Accept", "query.page"
 * @property {string} [value]
 * @property {string} source  client | request | auth | cookies | library default | transport | url
 * @property {string} action  set | override | remove | keep | ignore
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

let state = 'idle'; // idle | loading | ready | failed
/** @type {Promise<void>|null} */
let loading = null;

/** @returns {boolean} whether resolve and diff can be called */
export function isReady() {
  return state === 'ready' && !!globalThis.mergeplay && globalThis.mergeplay.ready === true;
}

/**
 * Downloads and starts the engine once, reporting progress from 0 to 1.
 * @param {(fraction: number) => void} onProgress
 * @returns {Promise<void>}
 */
export function loadEngine(onProgress) {
  if (loading) return loading;
  state = 'loading';
  loading = (async () => {
    const go = new globalThis.Go();
    performance.mark('mergeplay:wasm-fetch');
    const instance = await compiledEarly(go, onProgress) || await downloadAndInstantiate(go, onProgress);
    performance.mark('mergeplay:wasm-instantiated');
    go.run(instance).then(() => { state = 'failed'; });
    if (!globalThis.mergeplay || globalThis.mergeplay.ready !== true) throw new Error('the engine started but did not register globalThis.mergeplay');
    state = 'ready';
    onProgress(1);
  })().catch((err) => { state = 'failed'; throw err; });
  return loading;
}

/**
 * The module theme.js started compiling before the modules loaded (share
 * links, examples, saved states), instantiated; null when there is none or
 * it failed (the caller then downloads it again and reports any error).
 * @param {any} go @param {(fraction: number) => void} onProgress
 * @returns {Promise<WebAssembly.Instance|null>}
 */
async function compiledEarly(go, onProgress) {
  const boot = globalThis.mergeplayBoot;
  if (!boot || !boot.module) return null;
  boot.onprogress = (/** @type {number} */ n) => onProgress(Math.min(1, n / wasm.size));
  onProgress(Math.min(1, boot.received / wasm.size));
  try {
    return await WebAssembly.instantiate(await boot.module, go.importObject);
  } catch {
    return null;
  } finally {
    boot.module = null;
  }
}

/**
 * Downloads, compiles and instantiates the engine, reporting progress.
 * @param {any} go @param {(fraction: number) => void} onProgress
 * @returns {Promise<WebAssembly.Instance>}
 */
async function downloadAndInstantiate(go, onProgress) {
  const resp = await fetch(wasm.url);
  if (!resp.ok || !resp.body) throw new Error(`the engine did not download (HTTP ${resp.status})`);
  let received = 0;
  const counted = resp.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      received += chunk.byteLength;
      onProgress(Math.min(1, received / wasm.size));
      controller.enqueue(chunk);
    },
  }));
  const streamed = new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
  const { instance } = await WebAssembly.instantiateStreaming(streamed, go.importObject);
  return instance;
}

/**
 * @param {string} out JSON text from the engine
 * @returns {any}
 */
function parse(out) {
  try {
    return JSON.parse(out);
  } catch (err) {
    return { error: { code: 'internal', message: 'the engine returned something that is not JSON' } };
  }
}

/**
 * @param {string} name
 * @param {string} [arg]
 */
function call(name, arg) {
  if (!isReady()) return { error: { code: 'internal', message: 'the engine is not loaded' } };
  try {
    return parse(globalThis.mergeplay[name](arg));
  } catch (err) {
    return { error: { code: 'internal', message: `the engine failed: ${err && err.message}` } };
  }
}

/**
 * Resolves a scenario v1 document.
 * @param {string} scenarioText
 * @returns {Result | {error: APIError}}
 */
export function resolve(scenarioText) {
  return call('resolve', scenarioText);
}

/**
 * Diffs two scenario documents, or one against another library.
 * @param {string} diffText {"a": scenario, "b": scenario} or {"a": scenario, "against": "lib@ver"}
 * @returns {Diff | {error: APIError}}
 */
export function diff(diffText) {
  return call('diff', diffText);
}

/** @returns {ProfileInfo[] | {error: APIError}} */
export function libraries() {
  return call('libraries');
}

/** @returns {number|undefined} the scenario format version the engine reads */
export function formatVersion() {
  return isReady() ? globalThis.mergeplay.version : undefined;
}

/**
 * Resolves many scenario documents (compare-all). The one place the page asks
 * for a batch, so a worker-based engine can answer it in one message.
 * @param {string[]} scenarioTexts
 * @returns {Array<Result | {error: APIError}>}
 */
export function resolveMany(scenarioTexts) {
  return scenarioTexts.map((t) => call('resolve', t));
}
