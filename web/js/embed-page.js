// The embedded playground (/embed/): a compact view of one scenario for
// documentation pages — final request, explain and diff panes, an optional
// JSON editor, and an "Open in mergeplay" link that carries the whole state to
// the full page. It reuses the full page's modules (engine, render, share,
// model, scenario) and talks to the page that frames it with postMessage:
//
//   embed → parent  {type: "mergeplay:ready",  id, version, state, height}
//                   {type: "mergeplay:resize", id, height}
//                   {type: "mergeplay:change", id, state, source: "user"|"parent"}
//                   {type: "mergeplay:error",  id, message}   (a setState it could not use)
//   parent → embed  {type: "mergeplay:setState", state: {scenario: object|string, compare?} | {example: slug, compare?}}
//                   {type: "mergeplay:setTheme", theme: "light"|"dark"|"auto"}
//   state = {scenario: "<scenario v1 JSON text>", compare: "client"|"library@version"}
//
// Origin policy: the parent's origin comes from the ?origin= query parameter
// (embed.js sets it). Without it the embed neither posts nor listens. Messages
// are posted only to window.parent with that exact targetOrigin, and accepted
// only when event.origin equals it and event.source is window.parent.
// Nothing is read from or written to localStorage: an embed belongs to its page.
//
// The embed's modules get embed-data.js where they import data.js (cmd/sitebuild):
// the profiles and the engine's URLs, and each example's scenario, compare,
// title and `result`, the URL of a module with its build-time result alone.
// Five embeds of a docs page share one renderer, so what each parses counts
// five times: not the page's capabilities and reasons, nor results.js.
import * as engine from './engine.js';
import { examples, libraries } from './data.js';
import { parseJSON, lineCol, splitPath, locateNode, JSONError } from './model.js';
import { el, renderWire, renderExplain, renderDiff, renderMatrix, whenIdle } from './render.js';
import { buildMatrix, matrixIds } from './matrix.js';
import { encodeShare, decodeShare, compareError } from './share.js';
import {
  ensureOption, fillPicker, fillOnUse, diffInput, prerenderedFor, addPrerendered, useEngineLibraries, ruleDocs,
} from './scenario.js';

const PROTOCOL = 1;
const MAX_STATE = 1 << 20;
const $ = (/** @type {string} */ sel) => /** @type {HTMLElement} */ (document.querySelector(sel));
const q = new URLSearchParams(location.search);

const ui = {
  root: $('.js-embed'),
  title: $('.js-title'),
  status: $('.js-engineStatus'),
  progress: /** @type {HTMLProgressElement} */ ($('.js-engineProgress')),
  statusText: $('.js-engineText'),
  open: /** @type {HTMLAnchorElement} */ ($('.js-open')),
  library: /** @type {HTMLSelectElement} */ ($('.js-library')),
  json: /** @type {HTMLTextAreaElement} */ ($('.js-jsonText')),
  jsonError: $('.js-jsonError'),
  scenarioView: $('.js-scenarioView'),
  scenarioText: $('.js-scenarioText'),
  scenarioLibrary: $('.js-scenarioLibrary'),
  outcome: $('.js-outcome'),
  wire: $('.js-wire'),
  explain: $('.js-explain'),
  compare: /** @type {HTMLSelectElement} */ ($('.js-compare')),
  diff: $('.js-diff'),
  matrix: $('.js-matrix'),
  linkError: $('.js-linkError'),
};

const readonly = 'readonly' in document.documentElement.dataset;
const embedId = (q.get('id') || '').slice(0, 100);
const parentOrigin = allowedOrigin(q.get('origin'));

const st = {
  text: '',
  compare: 'client',
  /** @type {any} */
  result: null,
  /** @type {string|null} */
  selected: null,
  title: '',
};

/**
 * The parent origin named by ?origin=, if it is an exact http(s) origin.
 * @param {string|null} o
 */
function allowedOrigin(o) {
  if (!o) return null;
  try {
    const u = new URL(o);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o ? o : null;
  } catch { return null; }
}

/** @param {string} type @param {object} [data] */
function post(type, data = {}) {
  if (!parentOrigin || window.parent === window) return;
  window.parent.postMessage({ type: `mergeplay:${type}`, id: embedId, ...data }, parentOrigin);
}

const stateMsg = () => ({ scenario: st.text, compare: st.compare });

// ---- pickers ----

// The pickers start with the selected version only (scenario.js fillPicker):
// five embeds building ~880 options each in one renderer cost more than their
// results. The rest follow on use, or when the renderer is idle.
function fillPickers() {
  const client = /** @type {HTMLOptionElement} */ (el('option', '', 'client defaults alone'));
  client.value = 'client';
  const base = /** @type {HTMLOptionElement} */ (el('option', '', 'the same request to the base URL'));
  base.value = 'base';
  ui.compare.append(client, base);
  for (const sel of [ui.library, ui.compare]) {
    sel.dataset.lazy = '';
    fillOnUse(sel);
  }
}

/** How long idle work waits at most: the renderer is shared by every embed of the docs page. */
const IDLE_MS = 5000;

/**
 * The pickers' other versions, one picker per idle period once this embed's
 * first result is on screen (not before: the other embeds of the page share
 * the renderer, and an idle renderer may be one whose embeds wait for the engine).
 */
function fillPickersIdle() {
  const todo = [ui.library, ui.compare];
  const next = () => {
    const sel = todo.shift();
    if (!sel) return;
    fillPicker(sel);
    whenIdle(next, IDLE_MS);
  };
  whenIdle(next, IDLE_MS);
}

let docsAsked = false;

/**
 * Asks the engine for the rules' docs (libraries(): every profile's rules, a
 * large answer for the engine to write and the embed to parse) when the
 * explain pane is about to be used: the pointer over the final request, a
 * focus in it, a click. Five embeds of a docs page asked for them while the
 * others still waited for their first result, and most never show a rule.
 */
function wantDocs() {
  if (docsAsked || !engine.isReady()) return;
  docsAsked = true;
  engine.libraries().then((libs) => {
    useEngineLibraries(libs);
    if (st.result && st.selected) renderExplainPane();
  }, () => { docsAsked = false; /* citations stay, without their docs; the next use asks again */ });
}

/** Makes sure a select can show a value (a version not filled in yet, or an unknown one). */
function selectValue(/** @type {HTMLSelectElement} */ sel, /** @type {string} */ v) {
  ensureOption(sel, v);
  sel.value = v;
}

/** @param {string} text */
function libraryOf(text) {
  try {
    const root = parseJSON(text);
    const lib = root.t === 'obj' ? root.entries.find(([k]) => k === 'library')?.[1] : undefined;
    return lib && lib.t === 'str' ? lib : null;
  } catch { return null; }
}

// ---- rendering ----

function renderTitle() {
  const lib = libraryOf(st.text)?.v || 'a scenario';
  const t = st.title || `${lib}: what the client sends`;
  ui.title.textContent = t;
  document.title = `${t} — mergeplay`;
  ui.scenarioLibrary.textContent = `(${lib}${st.compare === 'client' ? '' : ` vs ${st.compare}`})`;
}

/** @param {string} message */
function showError(message) {
  ui.jsonError.textContent = message;
  ui.jsonError.hidden = false;
  ui.json.setAttribute('aria-invalid', 'true');
  ui.wire.dataset.stale = 'true';
  ui.outcome.textContent = readonly ? `invalid scenario: ${message}` : 'invalid input — showing the last valid result';
  ui.outcome.dataset.outcome = 'invalid';
}

function clearError() {
  ui.jsonError.hidden = true;
  ui.jsonError.textContent = '';
  ui.json.removeAttribute('aria-invalid');
  delete ui.wire.dataset.stale;
}

/** @param {any} r */
function renderResult(r) {
  st.result = r;
  ui.outcome.textContent = `${r.outcome} · ${r.profile} · ${r.verified}`;
  ui.outcome.dataset.outcome = r.outcome;
  renderWire(ui.wire, r);
  renderExplainPane();
}

function renderExplainPane() {
  renderExplain(ui.explain, st.result, st.selected, ruleDocs(libraryOf(st.text)?.v || ''));
  for (const b of ui.wire.querySelectorAll('.js-part')) b.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (b).dataset.field === st.selected));
}

/** Resolves the current state and renders every pane. */
function update() {
  renderTitle();
  ui.scenarioText.textContent = st.text;
  try {
    parseJSON(st.text);
  } catch (err) {
    if (!(err instanceof JSONError)) throw err;
    const { line, col } = lineCol(st.text, err.offset);
    showError(`line ${line}, column ${col}: invalid JSON: ${err.message}`);
    return;
  }
  if (!engine.isReady()) {
    const pre = prerenderedFor(st.text);
    if (pre) {
      clearError();
      renderResult(pre.result);
      if (pre.compare === st.compare && pre.diff) renderDiff(ui.diff, pre.diff);
      else ui.diff.replaceChildren(el('p', 'Note', 'The diff appears when the engine has loaded.'));
    } else {
      st.result = null;
      ui.outcome.textContent = 'waiting for the engine…';
      ui.outcome.dataset.outcome = 'pending';
      ui.wire.replaceChildren(el('p', 'Note', 'The final request appears when the engine has loaded.'));
      ui.diff.replaceChildren(el('p', 'Note', 'The diff appears when the engine has loaded.'));
    }
    return;
  }
  const text = st.text;
  const compare = st.compare;
  const mine = ++busySeq;
  document.body.dataset.busy = ''; // waiting for the engine's answer to the latest state (the tests wait on it)
  engine.batch([{ fn: 'resolve', arg: text }, { fn: 'diff', arg: diffInput(text, compare) }], { lane: 'update' }).then(([r, d]) => {
    if (st.text !== text || st.compare !== compare) return; // a newer state is on its way
    stuck = { text: '', n: 0, epoch: -1 };
    if (!('outcome' in r)) {
      let where = '';
      try {
        const segs = splitPath(r.error.field || '');
        if (segs.length) { const { line, col } = lineCol(text, locateNode(parseJSON(text), segs).start); where = ` (line ${line}, column ${col})`; }
      } catch { /* no location */ }
      showError(`${r.error.message}${where}`);
      return;
    }
    clearError();
    renderResult(r);
    renderDiff(ui.diff, d);
    renderMatrixPane(text, libraryOf(text)?.v || r.library);
    if (!document.body.dataset.rendered) {
      performance.mark('mergeplay:embed-rendered'); // for make bench-web
      fillPickersIdle();
    }
    document.body.dataset.rendered = String((Number(document.body.dataset.rendered) || 0) + 1);
  }, (err) => {
    if (err && err.kind === 'superseded') return;
    if (!(stuck.text === text && stuck.epoch === restarts)) stuck = { text, n: stuck.text === text ? stuck.n + 1 : 1, epoch: restarts };
    if (err && err.kind === 'crashed') stuck.n = 2;
    if (st.text === text) showError(`${err && err.message ? err.message : String(err)}. The scenario is kept${stuck.n >= 2 ? '; change it to try again' : ''}.`);
  }).finally(() => { if (mine === busySeq) delete document.body.dataset.busy; });
}

let busySeq = 0;

/** The state whose calls the engine did not answer, so a restarted engine is not fed it again and again (see app.js). */
let stuck = { text: '', n: 0, epoch: -1 };
let restarts = 0;

/** @param {import('./engine.js').EngineEvent} e the engine restarted after a crash or a hang, or failed */
function onEngineEvent(e) {
  if (e.type === 'restarting') {
    restarts++;
    ui.status.dataset.state = 'loading';
    ui.statusText.textContent = 'Restarting the engine…';
    return;
  }
  if (e.type === 'failed') {
    ui.status.dataset.state = 'failed';
    ui.statusText.textContent = `The engine did not load: ${e.message}`;
    document.body.dataset.engine = 'failed';
    return;
  }
  ui.status.dataset.state = 'ready';
  ui.statusText.textContent = 'Engine ready';
  document.body.dataset.engineRestarts = String((Number(document.body.dataset.engineRestarts) || 0) + 1);
  if (!(stuck.text === st.text && stuck.n >= 2)) update();
}

/**
 * Compare-all, only when the embed shows it (data-panes="matrix"): one batch
 * of resolves (its own lane, one round trip), one row per library; a row
 * selects "compare with". The embed stays busy until the table is drawn.
 * @param {string} text the scenario the final request just rendered
 * @param {string} current library@version
 */
function renderMatrixPane(text, current) {
  if (!(document.documentElement.dataset.panes || '').split(' ').includes('matrix')) return;
  const compare = st.compare;
  const ids = matrixIds(libraries, [current, compare]);
  const mine = ++busySeq;
  document.body.dataset.busy = '';
  engine.resolveEach(text, ids, { lane: 'matrix' }).then((results) => {
    if (st.text !== text || st.compare !== compare) return; // a newer state draws its own
    const entries = [];
    ids.forEach((id, i) => { if ('outcome' in results[i]) entries.push({ id, result: results[i] }); });
    renderMatrix(ui.matrix, buildMatrix(entries), {
      current,
      compare,
      onSelect: (id) => {
        if (id === current || readonly) return;
        selectValue(ui.compare, id);
        st.compare = id;
        update();
      },
    });
  }, (err) => {
    // The final request and diff are on screen; a restart re-runs update(), which redraws this.
    if (err && err.kind !== 'superseded' && st.text === text) showError(`${err.message || String(err)}. The scenario is kept.`);
  }).finally(() => { if (mine === busySeq) delete document.body.dataset.busy; });
}

let linkSeq = 0;

/** Points "Open in mergeplay" at the full page with the whole state (a format-1 share link). */
function updateOpenLink() {
  const seq = ++linkSeq;
  const base = new URL('/', location.href).href;
  const p = new URLSearchParams({ scenario: st.text, compare: st.compare });
  ui.open.href = `${base}#${p}`; // the prefill format until the compressed link is ready
  encodeShare(st.text, st.compare).then((hash) => { if (seq === linkSeq) ui.open.href = base + hash; }, () => {});
}

/**
 * Replaces the state and renders it.
 * @param {string} text @param {string} compare @param {'init'|'user'|'parent'} source
 */
function setState(text, compare, source) {
  st.text = text;
  st.compare = compare;
  st.selected = null;
  if (document.activeElement !== ui.json) ui.json.value = text;
  const lib = libraryOf(text);
  if (lib) selectValue(ui.library, lib.v);
  selectValue(ui.compare, compare);
  update();
  updateOpenLink();
  if (source !== 'init') {
    showLinkError('');
    post('change', { state: stateMsg(), source });
  }
}

/** @type {Map<string, Promise<void>>} */
const exampleResults = new Map();

/**
 * Imports an example's build-time result (a module of its own), once; it
 * shows until the engine is up.
 * @param {string} slug @returns {Promise<void>}
 */
function loadExampleResult(slug) {
  const url = examples.find((e) => e.slug === slug)?.result;
  if (!url) return Promise.resolve();
  if (!exampleResults.has(slug)) exampleResults.set(slug, import(url).then((m) => addPrerendered(m.prerendered)));
  return /** @type {Promise<void>} */ (exampleResults.get(slug));
}

/** @param {string} slug @returns {{text: string, compare: string, title: string}|null} */
function example(slug) {
  const ex = examples.find((e) => e.slug === slug);
  return ex ? { text: ex.scenario, compare: ex.compare || 'client', title: ex.title } : null;
}

/** @param {string} t "light" | "dark" | "auto" */
function applyTheme(t) {
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
  else delete document.documentElement.dataset.theme;
}

// ---- the parent page ----

/** @param {MessageEvent} e */
function onMessage(e) {
  if (!parentOrigin || e.origin !== parentOrigin || e.source !== window.parent) return;
  const m = e.data;
  if (!m || typeof m !== 'object' || typeof m.type !== 'string' || !m.type.startsWith('mergeplay:')) return;
  try {
    handleMessage(m);
  } catch (err) {
    // Whatever the parent sent, it gets an answer and the embed keeps its state.
    post('error', { message: `${m.type.slice('mergeplay:'.length)}: ${err && err.message ? err.message : String(err)}` });
  }
}

/** @param {any} m a message from the parent */
function handleMessage(m) {
  if (m.type === 'mergeplay:setTheme') {
    if (['light', 'dark', 'auto'].includes(m.theme)) applyTheme(m.theme);
    else post('error', { message: 'setTheme: theme must be "light", "dark" or "auto"' });
    return;
  }
  if (m.type !== 'mergeplay:setState') return;
  const s = m.state && typeof m.state === 'object' ? m.state : {};
  let text;
  let compare = null;
  if (s.compare !== undefined && s.compare !== null) {
    if (typeof s.compare !== 'string') { post('error', { message: 'setState: compare must be a string, "client" or a library@version' }); return; }
    const why = compareError(s.compare);
    if (why) { post('error', { message: `setState: ${why}` }); return; }
    compare = s.compare;
  }
  if (typeof s.example === 'string') {
    const ex = example(s.example);
    if (!ex) { post('error', { message: `setState: there is no example called "${s.example}"` }); return; }
    text = ex.text;
    compare = compare || ex.compare;
    st.title = ex.title;
    if (!engine.isReady()) loadExampleResult(s.example).then(() => { if (!engine.isReady() && st.text === ex.text) update(); }, () => {});
  } else if (typeof s.scenario === 'string') {
    text = s.scenario;
  } else if (s.scenario && typeof s.scenario === 'object') {
    try {
      text = JSON.stringify(s.scenario, null, 2);
    } catch (err) {
      post('error', { message: `setState: the scenario object cannot be written as JSON (${err.message}); send plain objects, arrays, strings, numbers, booleans and null, or the JSON text` });
      return;
    }
  } else {
    post('error', { message: 'setState: state needs "scenario" (an object or JSON text) or "example"' });
    return;
  }
  if (text.length > MAX_STATE) { post('error', { message: 'setState: the scenario is larger than 1 MB' }); return; }
  setState(text, compare || st.compare, 'parent');
}

let lastHeight = 0;

function observeSize() {
  const ro = new ResizeObserver(() => {
    const h = Math.ceil(ui.root.getBoundingClientRect().height);
    if (h === lastHeight) return;
    lastHeight = h;
    post('resize', { height: h });
  });
  ro.observe(ui.root);
}

// ---- start ----

/** @param {string} message added to what is shown until the parent or the user sets a state; '' clears */
function showLinkError(message) {
  ui.linkError.textContent = message ? `${ui.linkError.textContent} ${message}`.trim() : '';
  ui.linkError.hidden = !ui.linkError.textContent;
}

async function initialState() {
  let qCompare = q.get('compare');
  const why = qCompare === null ? '' : compareError(qCompare);
  if (why) {
    showLinkError(`?compare= is not used: ${why}.`);
    qCompare = null;
  }
  if (location.hash.length > 1) {
    try {
      const s = await decodeShare(location.hash);
      if (s) return { text: s.scenario, compare: qCompare || s.compare || 'client', title: '' };
    } catch (err) {
      showLinkError(`This link could not be opened: ${err.message}. The embed shows an example instead.`);
    }
  }
  const ex = example(q.get('example') || '') || example(examples[0].slug);
  if (q.get('example') && ex && !example(q.get('example') || '')) showLinkError(`There is no example called "${q.get('example')}".`);
  return { ...ex, compare: qCompare || ex.compare };
}

function wire() {
  ui.json.readOnly = readonly;
  ui.json.addEventListener('input', () => {
    const lib = libraryOf(ui.json.value);
    if (lib) selectValue(ui.library, lib.v);
    setState(ui.json.value, st.compare, 'user');
  });
  ui.library.addEventListener('change', () => {
    const lib = libraryOf(st.text);
    if (!lib) return;
    const text = st.text.slice(0, lib.start) + JSON.stringify(ui.library.value) + st.text.slice(lib.end);
    ui.json.value = text;
    setState(text, st.compare, 'user');
  });
  ui.compare.addEventListener('change', () => setState(st.text, ui.compare.value, 'user'));
  for (const ev of ['pointerover', 'focusin']) ui.wire.addEventListener(ev, wantDocs);
  ui.wire.addEventListener('click', (e) => {
    wantDocs();
    const b = /** @type {HTMLElement} */ (e.target).closest('.js-part');
    if (!b) return;
    st.selected = /** @type {HTMLElement} */ (b).dataset.field || null;
    renderExplainPane();
  });
  window.addEventListener('message', onMessage);
}

async function main() {
  fillPickers();
  wire();
  engine.onEvent(onEngineEvent);
  // One engine for every embed of the docs page (a SharedWorker), where the browser has one.
  const loading = engine.loadEngine((f) => { ui.progress.value = Math.round(f * 100); }, { shared: true });
  loading.catch(() => {}); // handled below
  // The example's build-time result (its own module) shows until the engine
  // is up; an engine that is up first (the other embeds of the page started
  // it) is not kept waiting for that module.
  const asked = q.get('example');
  const slug = asked === null ? '' : example(asked) ? asked : examples[0].slug;
  if (slug) await Promise.race([loadExampleResult(slug).catch(() => {}), loading.catch(() => {})]);
  const init = await initialState();
  st.title = (q.get('title') || '').slice(0, 200) || init.title;
  setState(init.text, init.compare, 'init');
  observeSize();
  lastHeight = Math.ceil(ui.root.getBoundingClientRect().height);
  post('ready', { version: PROTOCOL, state: stateMsg(), height: lastHeight });
  document.body.dataset.app = 'ready';
  if (slug && !engine.isReady()) loadExampleResult(slug).then(() => { if (!engine.isReady()) update(); }, () => {});
  loading.then(() => {
    ui.status.dataset.state = 'ready';
    ui.statusText.textContent = 'Engine ready';
    const { kind, instance } = engine.engineInfo();
    document.body.dataset.engineKind = kind; // which engine answers: the tests check that embeds share one
    document.body.dataset.engineInstance = instance;
    document.body.dataset.engine = 'ready';
    update();
  }, (err) => {
    ui.status.dataset.state = 'failed';
    ui.statusText.textContent = `The engine did not load: ${err.message}`;
    document.body.dataset.engine = 'failed';
  });
}

main();
