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
 * Renders a structured diff: which side is which, then each change.
 * @param {HTMLElement} box @param {Diff|{error: any}} d
 */
export function renderDiff(box, d) {
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
  if (d.equal) {
    box.append(el('p', 'Diff-equal js-diffEqual', 'The final requests are identical.'));
    return;
  }
  const ul = el('ul', 'Diff-changes js-changes');
  for (const c of d.changes) {
    const li = el('li', `Change Change--${c.op}`);
    li.dataset.part = c.part;
    if (c.key) li.dataset.key = c.key;
    li.append(el('p', 'Change-head', `${c.part}${c.key ? ` ${c.key}` : ''} · ${c.op}`));
    for (const v of c.a || []) li.append(el('code', 'Change-line Change-line--a', `− ${line(c, v)}`));
    for (const v of c.b || []) li.append(el('code', 'Change-line Change-line--b', `+ ${line(c, v)}`));
    ul.append(li);
  }
  box.append(ul);
}

/** @param {import('./engine.js').Change} c @param {string} v */
function line(c, v) {
  if (c.part === 'header') return v.toLowerCase().startsWith(`${(c.key || '').toLowerCase()}: `) ? v : `${c.key}: ${v}`;
  if (c.part === 'query') return `${c.key}=${v}`;
  return v;
}
