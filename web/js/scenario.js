// What the full page and the embed both compute from a scenario text besides
// resolving it: the profile of a library id, the diff input for a "compare
// with" choice, and the build-time result for a text, when there is one.
// data.js carries what the page needs before the engine loads: the profiles
// without their rules, and the default example's result. The other examples'
// results (results.js) and the rules' docs (the engine's libraries()) are
// fetched only when they are needed.
import { libraries, prerendered } from './data.js';
import { parseJSON, stringify } from './model.js';

/** @type {Array<{scenario: string, compare: string, result: any, diff?: any}>} */
let built = prerendered;
/** @type {Promise<void>|null} */
let loadingBuilt = null;

/**
 * Loads every example's build-time result (results.js), once.
 * @returns {Promise<void>}
 */
export function loadPrerendered() {
  loadingBuilt ||= import('./results.js').then((m) => { built = m.prerendered; });
  return loadingBuilt;
}

/**
 * Adds build-time results to those prerenderedFor knows (the embed imports
 * the one of the example it shows, not results.js).
 * @param {Array<{scenario: string, compare: string, result: any, diff?: any}>} list
 */
export function addPrerendered(list) {
  built = [...built, ...list];
}

/** @type {Map<string, ProfileInfo>|null} the engine's full profiles, by profile name */
let full = null;

/**
 * Takes the engine's libraries() answer, which has each profile's rules.
 * @param {ProfileInfo[] | {error: any}} list
 */
export function useEngineLibraries(list) {
  if (Array.isArray(list)) full = new Map(list.map((p) => [p.profile, p]));
}

/**
 * The docs of a library's rules, by rule name ({} until the engine has loaded).
 * @param {string} id library@version
 * @returns {Record<string, string>}
 */
export function ruleDocs(id) {
  const p = profileFor(id);
  /** @type {Record<string, string>} */
  const docs = {};
  for (const rule of (p && full?.get(p.profile)?.rules) || []) if (rule.doc) docs[rule.name] = rule.doc;
  return docs;
}

/** @typedef {import('./engine.js').ProfileInfo} ProfileInfo */

const byId = new Map();
for (const p of libraries) {
  for (const v of p.recorded.length ? p.recorded : [p.default.split('@')[1]]) byId.set(`${p.library}@${v}`, p);
}

/**
 * The profile for "library@version" (an unknown version falls back to the library's first profile).
 * @param {string} id @returns {ProfileInfo|undefined}
 */
export function profileFor(id) {
  if (byId.has(id)) return byId.get(id);
  const [name] = id.split('@');
  return libraries.find((p) => p.library === name);
}

/**
 * Every library@version the pickers offer, grouped by library, in profile order.
 * @returns {Array<{library: string, options: Array<{value: string, label: string}>}>}
 */
export function libraryGroups() {
  /** @type {Array<{library: string, options: Array<{value: string, label: string}>}>} */
  const groups = [];
  for (const p of libraries) {
    if (!groups.length || groups[groups.length - 1].library !== p.library) groups.push({ library: p.library, options: [] });
    for (const v of p.recorded.length ? p.recorded : [p.default.split('@')[1]]) {
      groups[groups.length - 1].options.push({ value: `${p.library}@${v}`, label: `${p.library} ${v}${p.verified === 'source-derived' ? ' (source-derived)' : ''}` });
    }
  }
  return groups;
}

// ---- the version pickers (both pages) ----
// Each picker offers every recorded release (~440 options). That many
// options made the first style and layout of the page one long task (60-90
// ms on 2 cores, before anything could paint; five embeds paid it ten times
// in one renderer), so a picker starts with its selected version only
// (data-lazy) and fillPicker adds the others when it is used, or later.

/** Leading options that are not versions: they stay first. */
const FIXED_OPTIONS = new Set(['', 'client', 'base']);
/** @type {Map<string, string>|null} library@version → label */
let labels = null;

/** @returns {Map<string, string>} every version the pickers offer → its label */
export function pickerLabels() {
  return labels ||= new Map(libraryGroups().flatMap((g) => g.options.map((o) => /** @type {[string, string]} */ ([o.value, o.label]))));
}

/** Where versions go in sel: after its fixed leading options. @param {HTMLSelectElement} sel */
export function versionsAt(sel) {
  let n = sel.firstElementChild;
  while (n && n instanceof HTMLOptionElement && FIXED_OPTIONS.has(n.value)) n = n.nextElementSibling;
  return n;
}

/**
 * Makes value selectable in sel: a version not filled in yet goes where the
 * versions go, anything else (a version no profile records) last.
 * @param {HTMLSelectElement} sel @param {string} value
 */
export function ensureOption(sel, value) {
  if ([...sel.options].some((o) => o.value === value)) return;
  const label = pickerLabels().get(value);
  const o = document.createElement('option');
  o.textContent = label || value;
  o.value = value;
  if (label) sel.insertBefore(o, versionsAt(sel));
  else sel.append(o);
}

/** Adds every version to a picker marked data-lazy (once), keeping its value. @param {HTMLSelectElement} sel */
export function fillPicker(sel) {
  if (!('lazy' in sel.dataset)) return;
  delete sel.dataset.lazy;
  const value = sel.value;
  const names = pickerLabels();
  for (const c of [...sel.children]) {
    if (c instanceof HTMLOptGroupElement || (c instanceof HTMLOptionElement && names.has(c.value))) c.remove();
  }
  const frag = document.createDocumentFragment();
  for (const g of libraryGroups()) frag.append(groupElement(g));
  sel.insertBefore(frag, versionsAt(sel));
  sel.value = value;
}

/**
 * One library's versions as an optgroup (textContent only).
 * @param {{library: string, options: Array<{label: string, value: string}>}} g
 */
export function groupElement(g) {
  const og = document.createElement('optgroup');
  og.label = g.library;
  for (const o of g.options) {
    const opt = document.createElement('option');
    opt.textContent = o.label;
    opt.value = o.value;
    og.append(opt);
  }
  return og;
}

/** Fills sel before the user can see its list: on focus, press or key. @param {HTMLSelectElement} sel */
export function fillOnUse(sel) {
  for (const ev of ['focus', 'pointerdown', 'mousedown', 'keydown']) sel.addEventListener(ev, () => fillPicker(sel));
}

/**
 * The scenario with the request reduced to its method and URL: what the
 * client's defaults send by themselves (cmd/sitebuild's clientAlone).
 * @param {string} text
 */
export function clientAloneText(text) {
  const root = parseJSON(text);
  if (root.t !== 'obj') return text;
  const parts = root.entries.map(([k, v]) => {
    if (k !== 'request' || v.t !== 'obj') return `${JSON.stringify(k)}: ${stringify(v)}`;
    const keep = v.entries.filter(([rk]) => rk === 'method' || rk === 'url');
    return `"request": {${keep.map(([rk, rv]) => `${JSON.stringify(rk)}: ${stringify(rv)}`).join(', ')}}`;
  });
  return `{${parts.join(', ')}}`;
}

/**
 * The scenario with its request URL made relative (an absolute or `//host`
 * URL reduced to its path and query, without the leading slash), so that it
 * goes to the client's base URL: "compare with: the same request to the base
 * URL" (cmd/sitebuild's baseRequest).
 * @param {string} text
 */
export function baseRequestText(text) {
  try {
    const root = parseJSON(text);
    const req = root.t === 'obj' ? root.entries.find(([k]) => k === 'request')?.[1] : undefined;
    const url = req?.t === 'obj' ? req.entries.find(([k]) => k === 'url')?.[1] : undefined;
    if (url?.t === 'str') return text.slice(0, url.start) + JSON.stringify(url.v.replace(ORIGIN, '')) + text.slice(url.end);
  } catch { /* the engine reports the error */ }
  return text;
}
const ORIGIN = /^([a-z][a-z\d+.-]*:)?\/\/[^/?#]*\/*/i;

/**
 * The document "compare with" resolves for the other side.
 * @param {string} text @param {string} compare "client", "base" or "library@version"
 */
export function otherText(text, compare) {
  if (compare === 'client') return clientAloneText(text);
  return compare === 'base' ? baseRequestText(text) : withLibraryText(text, compare);
}

/**
 * The engine's diff input for a scenario and a compare choice.
 * @param {string} text @param {string} compare "client", "base" or "library@version"
 */
export function diffInput(text, compare) {
  // Against a library too as two documents (not "against"): the compared
  // side is then the very text the page resolves alone (otherText), which the
  // engine answers again from its memo (merge.Registry.Memoize).
  return `{"a": ${text}, "b": ${otherText(text, compare)}}`;
}

/**
 * The scenario text with another library, for the compared side.
 * @param {string} text @param {string} id
 */
export function withLibraryText(text, id) {
  try {
    const root = parseJSON(text);
    const lib = root.t === 'obj' ? root.entries.find(([k]) => k === 'library')?.[1] : undefined;
    if (lib) return text.slice(0, lib.start) + JSON.stringify(id) + text.slice(lib.end);
    if (root.t === 'obj') return `{"library": ${JSON.stringify(id)}, ${text.trim().slice(1)}`;
  } catch { /* the engine reports the error */ }
  return text;
}

/** @param {string} text */
export function canonical(text) {
  try { return stringify(parseJSON(text)); } catch { return text; }
}

/**
 * The result the build computed for this text (the examples), if any.
 * @param {string} text
 * @returns {{scenario: string, compare: string, result: any, diff?: any}|null}
 */
export function prerenderedFor(text) {
  const want = canonical(text);
  return built.find((p) => canonical(p.scenario) === want) || null;
}
