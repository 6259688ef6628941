// "Compare all": one scenario resolved in many libraries, as a table of the
// parts that differ between them. Pure data; render.js draws it and export.js
// writes it as Markdown.

/** @typedef {import('./engine.js').Result} Result */

/**
 * @typedef {Object} Cell
 * @property {string} text   what the cell shows ('' when the row sent nothing)
 * @property {'common'|'odd'|'same'|'none'} kind  common: the column's most frequent value; odd: another;
 *   same: no norm (all equal, or a tie for the most frequent); none: the row sent nothing
 * @property {string} [why]  for an outcome cell that is error or unsupported: the exception or the reason
 */
/**
 * @typedef {Object} Column
 * @property {string} key    outcome | url | header:<lowercased name> | query:<name> | body
 * @property {string} label
 * @property {boolean} identity  a header only the libraries set by themselves
 */
/** @typedef {{id: string, result: Result, cells: Cell[]}} Row */
/** @typedef {{columns: Column[], rows: Row[], hidden: number}} Matrix */

const ABSENT = '—';

/**
 * The headers (lowercased) a result's library or transport set by itself:
 * every trace step for them has one of those sources. The same test as
 * merge/diff.go's librarySet, which classes such a change "identity".
 * @param {Result} r
 */
export function librarySet(r) {
  const lib = new Set();
  const user = new Set();
  for (const s of r.trace || []) {
    const f = s.field.toLowerCase();
    if (!f.startsWith('headers.')) continue;
    const name = f.slice(8);
    if (s.source === 'library default' || s.source === 'transport') lib.add(name);
    else user.add(name);
  }
  for (const n of user) lib.delete(n);
  return lib;
}

/** @param {string} s */
function decode(s) {
  try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; }
}

/**
 * The comparable parts of one sent request.
 * @param {Result} r
 * @returns {Map<string, {label: string, value: string}>}
 */
function partsOf(r) {
  const out = new Map();
  const w = r.request;
  if (!w) return out;
  const [base, query = ''] = w.url.split('#')[0].split(/\?(.*)/s);
  out.set('url', { label: 'URL', value: `${w.method} ${base}` });
  if (query) {
    const q = new Map();
    for (const kv of query.split('&')) {
      const [k, v = ''] = kv.split(/=(.*)/s);
      const name = decode(k);
      q.set(name, [...(q.get(name) || []), decode(v)]);
    }
    for (const [k, vs] of q) out.set(`query:${k}`, { label: `?${k}`, value: vs.join(' & ') });
  }
  const h = new Map();
  for (const [k, v] of w.headers) {
    const key = `header:${k.toLowerCase()}`;
    const prev = h.get(key);
    h.set(key, { label: prev ? prev.label : k, value: prev ? `${prev.value}, ${v}` : v });
  }
  for (const [k, v] of h) out.set(k, v);
  if (w.body !== '') out.set('body', { label: 'body', value: w.body_base64 ? `base64:${w.body}` : w.body });
  return out;
}

/** @param {Result} r */
function outcomeText(r) {
  if (r.outcome === 'error') return `error: ${r.error?.type || ''}`;
  return r.outcome;
}

/**
 * Builds the table: the outcome column, then the URL, each query parameter,
 * header and the body wherever the rows that sent a request disagree.
 * @param {Array<{id: string, result: Result}>} entries
 * @param {{identity?: boolean}} [opts] identity: keep the columns of headers only libraries set
 * @returns {Matrix}
 */
export function buildMatrix(entries, opts = {}) {
  const parts = entries.map((e) => (e.result.outcome === 'sent' ? partsOf(e.result) : null));
  const libSets = entries.map((e) => librarySet(e.result));
  /** @type {Map<string, {label: string, identity: boolean}>} */
  const keys = new Map();
  parts.forEach((p, i) => {
    if (!p) return;
    for (const [k, v] of p) {
      const isLib = k.startsWith('header:') && libSets[i].has(k.slice(7));
      const prev = keys.get(k);
      keys.set(k, { label: prev ? prev.label : v.label, identity: prev ? prev.identity && isLib : isLib });
    }
  });
  const order = (k) => (k === 'url' ? 0 : k.startsWith('query:') ? 1 : k.startsWith('header:') ? 2 : 3);
  const sorted = [...keys.keys()].sort((a, b) => order(a) - order(b));
  /** @type {Column[]} */
  const columns = [{ key: 'outcome', label: 'outcome', identity: false }];
  let hidden = 0;
  for (const k of sorted) {
    const values = parts.filter(Boolean).map((p) => p.get(k)?.value ?? ABSENT);
    if (new Set(values).size < 2) continue;
    const { label, identity } = keys.get(k);
    if (identity && !opts.identity) { hidden++; continue; }
    columns.push({ key: k, label, identity });
  }
  const rows = entries.map((e, i) => ({
    id: e.id,
    result: e.result,
    cells: columns.map((c) => {
      if (c.key === 'outcome') {
        const cell = { text: outcomeText(e.result), kind: /** @type {Cell['kind']} */ ('same') };
        if (e.result.outcome === 'error') cell.why = `${e.result.error?.type}: ${e.result.error?.message}`;
        if (e.result.outcome === 'unsupported') cell.why = e.result.reason || 'unsupported';
        return cell;
      }
      if (!parts[i]) return { text: '', kind: /** @type {Cell['kind']} */ ('none') };
      return { text: parts[i].get(c.key)?.value ?? ABSENT, kind: /** @type {Cell['kind']} */ ('same') };
    }),
  }));
  columns.forEach((c, ci) => {
    const counts = new Map();
    for (const r of rows) if (r.cells[ci].kind !== 'none') counts.set(r.cells[ci].text, (counts.get(r.cells[ci].text) || 0) + 1);
    if (counts.size < 2) return;
    let mode = '';
    let best = 0;
    for (const [v, n] of counts) if (n > best) { mode = v; best = n; }
    // A tie for the most common value has no norm to stand out from: the
    // column is shown (it differs) with no cell muted or marked.
    if ([...counts.values()].filter((n) => n === best).length > 1) return;
    for (const r of rows) {
      const cell = r.cells[ci];
      if (cell.kind === 'none') continue;
      cell.kind = cell.text === mode ? 'common' : 'odd';
    }
  });
  return { columns, rows, hidden };
}

/**
 * The library@version ids of the table: each library's newest recorded
 * release, in profile order, plus the current library, the compared one and
 * the pinned versions next to their library.
 * @param {Array<{library: string, recorded: string[], default: string}>} libraries profiles, oldest first per library
 * @param {string[]} extra
 * @returns {string[]}
 */
export function matrixIds(libraries, extra) {
  /** @type {Map<string, string[]>} */
  const byLib = new Map();
  for (const p of libraries) {
    const newest = p.recorded.length ? `${p.library}@${p.recorded[p.recorded.length - 1]}` : p.default;
    byLib.set(p.library, [newest]);
  }
  for (const id of extra) {
    if (!id || id === 'client' || id === 'base') continue;
    const lib = id.split('@')[0];
    const list = byLib.get(lib);
    if (!list) byLib.set(lib, [id]);
    else if (!list.includes(id)) list.push(id);
  }
  return [...byLib.values()].flat();
}
