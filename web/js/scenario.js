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
  if (compare === 'client' || compare === 'base') return `{"a": ${text}, "b": ${otherText(text, compare)}}`;
  return `{"a": ${text}, "against": ${JSON.stringify(compare)}}`;
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
