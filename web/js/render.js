// DOM rendering of results, explanations and diffs. Every piece of user or
// engine text goes in through textContent; nothing here parses HTML.

/** @typedef {import('./engine.js').Result} Result */
/** @typedef {import('./engine.js').Step} Step */
/** @typedef {import('./engine.js').Diff} Diff */

/**
 * Creates an element with a class and text.
 * @param {string} tag @param {string} [cls] @param {string} [text]
 * @returns {HTMLElement}
 */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Runs f when the page's renderer is idle, or within timeoutMs (200 ms
 * later where the browser has no requestIdleCallback).
 * @param {() => void} f @param {number} timeoutMs
 */
export function whenIdle(f, timeoutMs) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(f, { timeout: timeoutMs });
  else setTimeout(f, 200);
}

/**
 * The pitfall badges of a result: each names its check, links its reference
 * and shows its message (in full, or as the title when short).
 * @param {import('./engine.js').Lint[]} [lints] @param {boolean} [short] code only, message on hover
 * @returns {HTMLElement[]} nothing when there are none
 */
export function lintBadges(lints, short = false) {
  if (!lints?.length) return [];
  const ul = el('ul', `Lints${short ? ' Lints--short' : ''} js-lints`);
  ul.setAttribute('aria-label', 'Pitfalls');
  for (const l of lints) {
    const li = el('li', `Lint Lint--${l.severity}`);
    li.dataset.code = l.code;
    const a = /** @type {HTMLAnchorElement} */ (el('a', 'Lint-code', l.code));
    if (/^https:\/\//.test(l.ref)) a.href = l.ref;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.title = `${l.severity}: ${l.message} (reference: ${l.ref})`;
    li.append(a);
    if (!short) li.append(' ', el('span', 'Lint-message', l.message));
    ul.append(li);
  }
  return [ul];
}

/**
 * The final request as raw HTTP text; cmd/sitebuild's RawHTTP writes the same.
 * @param {Result} r
 * @returns {string}
 */
export function rawHTTP(r) {
  if (r.outcome === 'error') return `${r.error.type}: ${r.error.message}`;
  if (r.outcome === 'unsupported') return `Unsupported: ${r.reason}`;
  const w = r.request;
  let s = `${w.method} ${w.target} HTTP/1.1\n`;
  for (const [k, v] of w.headers) s += `${k}: ${v}\n`;
  if (w.body !== '') s += `\n${w.body_base64 ? '[binary body, base64] ' : ''}${w.body}\n`;
  return s;
}

/**
 * A selectable part of the wire text.
 * @param {string} text @param {string} field @param {string} label
 */
function part(text, field, label) {
  const b = /** @type {HTMLButtonElement} */ (el('button', 'Wire-part js-part', text));
  b.type = 'button';
  b.dataset.field = field;
  b.title = `Explain ${label}`;
  return b;
}

/**
 * Renders the final request as raw HTTP whose parts are buttons. Its
 * textContent equals rawHTTP(r), so pre-rendered text does not jump.
 * @param {HTMLElement} box
 * @param {Result} r
 */
export function renderWire(box, r) {
  const pre = el('pre', 'Wire-pre');
  pre.setAttribute('elementtiming', 'result'); // the benchmark's "first rendered result"
  box.replaceChildren(pre);
  box.dataset.outcome = r.outcome;
  delete box.dataset.prerendered;
  if (r.outcome === 'error') {
    // Selecting the error shows the trace step that says where the library raises it.
    const e = part(rawHTTP(r), 'error', 'where the library raises this error');
    e.classList.add('Wire-error');
    pre.append(e);
    return;
  }
  if (r.outcome !== 'sent') {
    pre.append(el('span', 'Wire-unsupported', rawHTTP(r)));
    return;
  }
  const w = r.request;
  pre.append(part(w.method, 'method', `the method ${w.method}`), ' ');
  const [path, query] = splitTarget(w.target);
  pre.append(part(path, 'url', `the URL ${w.url}`));
  if (query !== null) {
    pre.append('?');
    query.split('&').forEach((kv, i) => {
      if (i) pre.append('&');
      const name = safeDecode(kv.split('=')[0]);
      pre.append(part(kv, `query.${name}`, `query parameter ${name}`));
    });
  }
  pre.append(' HTTP/1.1\n');
  for (const [k, v] of w.headers) {
    pre.append(part(`${k}: ${v}`, `headers.${k}`, `header ${k}`), '\n');
  }
  if (w.body !== '') {
    pre.append('\n', part(`${w.body_base64 ? '[binary body, base64] ' : ''}${w.body}`, 'body', 'the body'), '\n');
  }
}

/** @param {string} target @returns {[string, string|null]} */
function splitTarget(target) {
  const i = target.indexOf('?');
  return i < 0 ? [target, null] : [target.slice(0, i), target.slice(i + 1)];
}

/** @param {string} s */
function safeDecode(s) {
  try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; }
}

/**
 * The trace steps about one selected part of the request.
 * @param {Result} r @param {string} field
 * @returns {Step[]}
 */
export function stepsFor(r, field) {
  const lower = field.toLowerCase();
  return (r.trace || []).filter((s) => {
    const f = s.field.toLowerCase();
    if (f === lower) return true;
    if (lower === 'headers.cookie' && f.startsWith('cookies.')) return true;
    return false;
  });
}

/**
 * Steps that removed or overrode something that is not on the wire.
 * @param {Result} r
 * @returns {Step[]}
 */
export function removedSteps(r) {
  const sent = new Set((r.request?.headers || []).map(([k]) => `headers.${k.toLowerCase()}`));
  return (r.trace || []).filter((s) => (s.action === 'remove' || s.action === 'ignore') && !sent.has(s.field.toLowerCase()));
}

/**
 * One step as a list item: source, action, rule, citation link, note.
 * @param {Step} s
 */
function stepItem(s) {
  const li = el('li', `Step Step--${s.action}`);
  const head = el('p', 'Step-head');
  head.append(el('span', 'Badge', s.source), ' ', el('span', `Badge Badge--${s.action}`, s.action), ' ', el('code', 'Step-field', s.field));
  if (s.value !== undefined && s.value !== '') head.append(' = ', el('code', 'Step-value', s.value));
  li.append(head);
  const rule = el('p', 'Step-rule');
  rule.append('rule ', el('strong', '', s.rule), ' · ');
  if (s.url && /^https:\/\//.test(s.url)) {
    const a = /** @type {HTMLAnchorElement} */ (el('a', 'Step-cite', s.cite));
    a.href = s.url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    rule.append(a);
  } else {
    rule.append(el('span', 'Step-cite', s.cite));
  }
  li.append(rule);
  if (s.note) li.append(el('p', 'Step-note', s.note));
  return li;
}

/**
 * Renders the explanation of a selected part.
 * @param {HTMLElement} box @param {Result|null} r @param {string|null} field
 * @param {Object<string, string>} [ruleDocs] rule name → doc, from the profile
 */
export function renderExplain(box, r, field, ruleDocs = {}) {
  box.replaceChildren();
  if (!r || r.outcome === 'unsupported') {
    box.append(el('p', 'Note', r ? `Nothing was sent: ${r.reason}` : 'Nothing selected yet.'));
    return;
  }
  if (!field) {
    box.append(el('p', 'Note', 'Select a header, query parameter, the URL or the body in the final request.'));
  } else {
    const steps = stepsFor(r, field);
    box.append(el('h3', 'Explain-title', field));
    if (!steps.length) box.append(el('p', 'Note', 'The trace has no step for this part.'));
    const ol = el('ol', 'Steps js-steps');
    for (const s of steps) {
      const li = stepItem(s);
      if (ruleDocs[s.rule]) li.append(el('p', 'Step-doc', ruleDocs[s.rule]));
      ol.append(li);
    }
    box.append(ol);
  }
  const removed = removedSteps(r).filter((s) => !field || s.field.toLowerCase() !== field.toLowerCase());
  if (removed.length) {
    box.append(el('h3', 'Explain-title', 'Removed, overridden or ignored'));
    const ol = el('ol', 'Steps js-removed');
    for (const s of removed) {
      const li = stepItem(s);
      li.prepend(el('p', 'Step-summary', summary(s)));
      ol.append(li);
    }
    box.append(ol);
  }
}

/** @param {Step} s */
function summary(s) {
  const what = s.field.replace(/^headers\./, 'header ').replace(/^query\./, 'query parameter ').replace(/^cookies\./, 'cookie ');
  return `${s.source} ${what}${s.value ? ` (${s.value})` : ''} was ${s.action === 'remove' ? 'removed' : 'ignored'}${s.note ? `: ${s.note}` : ''}`;
}

/**
 * @typedef {Object} DiffView
 * @property {boolean} [showAll]   the "also differs" part starts open
 * @property {(open: boolean) => void} [onToggle]  remembers that choice
 * @property {Result|null} [a]     the two results, to show a side that sent nothing next to the other's request
 * @property {Result|null} [b]
 * @property {(c: import('./engine.js').Change) => boolean} [highlight] the changes that make an example's point
 */

/**
 * Renders a structured diff: which side is which, the semantic changes, and
 * one "also differs" line that opens onto the rest (casing, order, the
 * libraries' own headers). A side that sent nothing shows its exception or
 * reason next to the other side's whole request.
 * @param {HTMLElement} box @param {Diff|{error: any}} d @param {DiffView} [view]
 */
export function renderDiff(box, d, view = {}) {
  box.replaceChildren();
  delete box.dataset.prerendered;
  if ('error' in d) {
    box.append(el('p', 'Error', d.error.message));
    return;
  }
  const sides = el('dl', 'Diff-sides');
  sides.append(el('dt', 'Diff-a', '− A'), el('dd', '', `${d.a.label} (${d.a.profile}) — ${d.a.outcome}`));
  sides.append(el('dt', 'Diff-b', '+ B'), el('dd', '', `${d.b.label} (${d.b.profile}) — ${d.b.outcome}`));
  box.append(sides);
  if (view.a && view.b && (view.a.outcome !== 'sent' || view.b.outcome !== 'sent') && !d.equal) {
    const both = el('div', 'Diff-outcomes js-diffOutcomes');
    both.append(sideBox('A', d.a.label, view.a), sideBox('B', d.b.label, view.b));
    box.append(both);
  }
  if (d.equal) {
    box.append(el('p', 'Diff-equal js-diffEqual', 'The final requests are identical.'));
    return;
  }
  const semantic = d.changes.filter((c) => !c.class || c.class === 'semantic');
  const rest = d.changes.filter((c) => c.class && c.class !== 'semantic');
  if (!semantic.length) box.append(el('p', 'Diff-equal js-diffNoSemantic', 'No semantic difference: the server sees the same request.'));
  else box.append(changeList(semantic, 'Diff-changes js-changes', view.highlight));
  if (rest.length) {
    const det = /** @type {HTMLDetailsElement} */ (el('details', 'Diff-also js-diffAlso'));
    det.open = !!view.showAll;
    det.append(el('summary', 'js-diffAlsoSummary', `also differs: ${d.also || rest.map((c) => c.key || c.part).join(', ')}`));
    det.append(changeList(rest, 'Diff-changes js-alsoChanges', view.highlight));
    det.addEventListener('toggle', () => view.onToggle?.(det.open));
    box.append(det);
  }
}

/**
 * @param {import('./engine.js').Change[]} changes @param {string} cls
 * @param {DiffView['highlight']} highlight
 */
function changeList(changes, cls, highlight) {
  const ul = el('ul', cls);
  for (const c of changes) {
    const li = el('li', `Change Change--${c.op}`);
    li.dataset.part = c.part;
    li.dataset.class = c.class || 'semantic';
    if (c.key) li.dataset.key = c.key;
    if (highlight?.(c)) li.dataset.highlight = 'true';
    li.append(el('p', 'Change-head', `${c.part}${c.key ? ` ${c.key}` : ''} · ${c.op}`));
    for (const v of c.a || []) li.append(el('code', 'Change-line Change-line--a', `− ${line(c, v)}`));
    for (const v of c.b || []) li.append(el('code', 'Change-line Change-line--b', `+ ${line(c, v)}`));
    ul.append(li);
  }
  return ul;
}

/**
 * One side of a diff whose other side sent nothing: the whole request, or
 * the exception (type, message, where the profile comes from), or the
 * reason it is unsupported, labelled as such.
 * @param {string} tag @param {string} label @param {Result} r
 */
function sideBox(tag, label, r) {
  const box = el('section', `Diff-side Diff-side--${r.outcome} js-diffSide`);
  box.dataset.outcome = r.outcome;
  const h = el('h3', '', `${tag} · ${label} `);
  h.append(el('span', `OutcomeTag OutcomeTag--${r.outcome}`, r.outcome));
  box.append(h);
  if (r.outcome === 'sent') {
    box.append(el('pre', 'Diff-sideRequest', rawHTTP(r)));
  } else if (r.outcome === 'error') {
    box.append(el('p', 'Diff-sideType', `raises ${r.error.type}`), el('p', 'Diff-sideMessage', r.error.message));
    const cites = [...new Set((r.trace || []).map((s) => s.cite).filter(Boolean))];
    box.append(el('p', 'Note', cites.length ? `per ${cites[cites.length - 1]}` : `recorded from the real library: ${r.profile} (${r.verified})`));
  } else {
    box.append(el('p', 'Diff-sideMessage', `unsupported: ${r.reason}`));
    box.append(el('p', 'Note', `${r.profile} cannot express this scenario, so no request is shown for it.`));
  }
  return box;
}

/**
 * Marks the parts of the wire text that make an example's point.
 * @param {HTMLElement} box the .js-wire box @param {(field: string) => boolean} pick
 */
export function highlightWire(box, pick) {
  for (const b of box.querySelectorAll('.js-part')) {
    const f = /** @type {HTMLElement} */ (b).dataset.field || '';
    if (pick(f)) /** @type {HTMLElement} */ (b).dataset.highlight = 'true';
    else delete /** @type {HTMLElement} */ (b).dataset.highlight;
  }
}

/**
 * The URL of a thread an example cites, if the page may link it: https,
 * without userinfo (sitebuild refuses anything else; this keeps a stale or
 * hand-edited data.js from linking javascript: or a credential).
 * @param {string} url
 * @returns {string|null}
 */
export function refHref(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  return u.protocol === 'https:' && !u.username && !u.password ? u.href : null;
}

/**
 * "Reported in: <a>…</a>, <a>…</a>" for an example's threads; the box is
 * hidden when none can be linked.
 * @param {HTMLElement} box @param {{title: string, url: string}[]} [refs]
 */
export function renderRefs(box, refs = []) {
  /** @type {(Node|string)[]} */
  const parts = [];
  for (const r of refs) {
    const href = refHref(r.url);
    if (!href) continue;
    const a = el('a', '', r.title);
    a.href = href;
    a.rel = 'noopener noreferrer';
    parts.push(parts.length ? ', ' : 'Reported in: ', a);
  }
  box.replaceChildren(...parts);
  box.hidden = !parts.length;
}

/**
 * Renders the compare-all table. Each row is a button-like row: selecting it
 * (click, Enter or Space) calls onSelect with its library id.
 * @param {HTMLElement} box @param {import('./matrix.js').Matrix} m
 * @param {{current: string, compare: string, onSelect: (id: string) => void}} opts
 */
export function renderMatrix(box, m, opts) {
  const table = el('table', 'Matrix-table js-matrixTable');
  const cap = el('caption', 'u-visuallyHidden', 'The scenario in every library: one row per library, one column per part that differs');
  const thead = el('thead');
  const hr = el('tr');
  hr.append(el('th', '', 'library'));
  for (const c of m.columns) {
    const th = el('th', '', c.label);
    th.scope = 'col';
    hr.append(th);
  }
  thead.append(hr);
  const tbody = el('tbody');
  for (const r of m.rows) {
    const tr = el('tr', 'Matrix-row js-matrixRow');
    tr.dataset.id = r.id;
    tr.tabIndex = 0;
    tr.setAttribute('aria-selected', String(r.id === opts.compare));
    if (r.id === opts.current) tr.dataset.current = 'true';
    tr.title = r.id === opts.current ? `${r.id}: the selected library` : `Compare ${opts.current} with ${r.id}`;
    const th = el('th', 'Matrix-lib', r.id);
    th.scope = 'row';
    th.append(...lintBadges(r.result.lints, true));
    tr.append(th);
    r.cells.forEach((cell, i) => {
      const td = el('td', `Matrix-cell Matrix-cell--${cell.kind}`);
      td.dataset.col = m.columns[i].key;
      if (cell.why) {
        const det = el('details', 'Matrix-why');
        det.append(el('summary', '', cell.text), el('p', '', cell.why));
        td.title = cell.why;
        td.append(det);
      } else {
        td.textContent = cell.text;
      }
      tr.append(td);
    });
    const select = () => opts.onSelect(r.id);
    tr.addEventListener('click', (e) => {
      if (/** @type {HTMLElement} */ (e.target).closest('summary, a')) return; // opening "why" or a lint's reference is not a selection
      select();
    });
    tr.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target === tr) { e.preventDefault(); select(); }
    });
    tbody.append(tr);
  }
  table.append(cap, thead, tbody);
  const out = [table];
  if (m.hidden) out.push(el('p', 'Note js-matrixHidden', `${m.hidden} more column${m.hidden === 1 ? '' : 's'} of headers only the libraries set (tick the box above to show them).`));
  box.replaceChildren(...out);
}

/** @param {import('./engine.js').Change} c @param {string} v */
function line(c, v) {
  if (c.part === 'header') return v.toLowerCase().startsWith(`${(c.key || '').toLowerCase()}: `) ? v : `${c.key}: ${v}`;
  if (c.part === 'query') return `${c.key}=${v}`;
  return v;
}
