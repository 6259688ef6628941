// The version timeline under the library picker: the scenario at every
// recorded release of the selected library (one engine call, in a worker of
// its own: engine.js's side engine, which pauses it while an edit is answered
// and drops it when the scenario changes, so an edit never waits for it),
// as segments of releases that send the same request. A segment picks its
// release; a boundary opens the upgrade's diff and the citation of why it
// changed. Text goes in through textContent only.
import * as engine from './engine.js';
import { el, renderDiff } from './render.js';
import { withLibraryText } from './scenario.js';

/** @typedef {import('./engine.js').Timeline} Timeline */

const DEBOUNCE_MS = 250;

/** @param {string} url @returns {boolean} a link the page may follow */
const safeURL = (url) => /^https:\/\//.test(url || '');

/**
 * Adds the strip after `after` and returns its updater.
 * @param {HTMLElement} after @param {(id: string) => void} pick selects a library@version
 */
export function timelineStrip(after, pick) {
  const box = el('section', 'Timeline js-timeline');
  box.setAttribute('aria-label', 'Version timeline');
  box.hidden = true;
  after.after(box);
  let key = '';
  let current = '';
  let open = -1; // the boundary whose diff is shown
  /** @type {Timeline|null} */
  let tl = null;
  let timer = 0;

  /** @param {string} k @param {string} cls @param {() => void} onClick */
  const button = (k, cls, onClick) => {
    const b = /** @type {HTMLButtonElement} */ (el('button', cls));
    b.type = 'button';
    b.dataset.k = k;
    b.addEventListener('click', onClick);
    return b;
  };

  /** @param {string} cls @param {HTMLElement} child */
  const item = (cls, child) => {
    const li = el('li', cls);
    li.append(child);
    return li;
  };

  function draw() {
    if (!tl) return;
    const t = tl;
    const focused = box.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement).dataset.k : '';
    const n = t.spans.reduce((sum, s) => sum + s.releases.length, 0);
    const ol = el('ol', 'Timeline-strip');
    t.spans.forEach((s, i) => {
      if (i > 0) {
        const b = t.boundaries[i - 1];
        const edge = button(`b${i - 1}`, 'Timeline-boundary js-timelineBoundary', () => { open = open === i - 1 ? -1 : i - 1; draw(); });
        edge.textContent = '→';
        edge.setAttribute('aria-label', `${b.from} → ${b.to}: ${b.summary}`);
        edge.setAttribute('aria-expanded', String(open === i - 1));
        edge.title = `${b.from} → ${b.to}: ${b.summary}`;
        ol.append(item('Timeline-edge', edge));
      }
      const here = s.releases.includes(current);
      const seg = button(`s${i}`, 'Timeline-span js-timelineSpan', () => pick(`${t.library}@${here ? current : s.to}`));
      seg.dataset.outcome = s.outcome;
      seg.append(el('span', 'Timeline-range', s.from === s.to ? s.from : `${s.from}–${s.to}`), el('span', 'Timeline-summary', s.summary));
      if (here) seg.setAttribute('aria-current', 'true');
      seg.title = `${s.releases.length} release${s.releases.length === 1 ? '' : 's'}: ${s.profiles.join('; ')}`;
      ol.append(item('Timeline-item', seg));
    });
    const parts = [el('p', 'Timeline-title', `${t.library} across ${n} recorded releases`), ol];
    const b = t.boundaries[open];
    if (b) {
      const detail = el('div', 'Timeline-detail js-timelineDetail');
      detail.append(el('p', 'Timeline-upgrade js-timelineUpgrade', `${b.from} → ${b.to}: ${b.summary}`));
      if (b.cite.text) {
        const cite = el('p', 'Note Timeline-cite', 'because: ');
        if (safeURL(b.cite.url || '')) {
          const a = /** @type {HTMLAnchorElement} */ (el('a', 'js-timelineCite', b.cite.text));
          a.href = b.cite.url || '';
          a.rel = 'noopener noreferrer';
          cite.append(a);
        } else cite.append(b.cite.text);
        if (b.cite.doc) cite.append(` — ${b.cite.doc}`);
        detail.append(cite);
      }
      const diff = el('div', 'Diff Timeline-diff');
      renderDiff(diff, b.diff);
      detail.append(diff);
      parts.push(detail);
    }
    box.replaceChildren(...parts);
    box.hidden = false;
    if (focused) /** @type {HTMLElement|null} */ (box.querySelector(`[data-k="${focused}"]`))?.focus();
    box.dataset.drawn = String((Number(box.dataset.drawn) || 0) + 1);
  }

  return {
    /**
     * Shows the timeline of the scenario's library; a new version only
     * moves the mark, a new scenario or library asks the engine again.
     * @param {string} text the scenario @param {string} id its library@version
     */
    update(text, id) {
      const at = id.indexOf('@');
      const name = at > 0 ? id.slice(0, at) : id;
      current = at > 0 ? id.slice(at + 1) : '';
      const k = JSON.stringify([withLibraryText(text, name), name]);
      if (k === key) { draw(); return; }
      key = k;
      // One timeline per pause in typing: it resolves the scenario at every
      // release (axios: 88), and its worker answers nothing else meanwhile.
      // The one of the old scenario is no longer wanted: it stops now rather
      // than take the CPU the next edits need.
      engine.cancel('timeline');
      delete box.dataset.asking;
      clearTimeout(timer);
      timer = setTimeout(() => ask(k, text, name), DEBOUNCE_MS);
    },
  };

  /** @param {string} k @param {string} text @param {string} name */
  function ask(k, text, name) {
    const t0 = performance.now();
    box.dataset.asking = ''; // a timeline is being computed (make bench-web edits meanwhile)
    engine.timeline(`{"scenario": ${text}, "library": ${JSON.stringify(name)}}`, { lane: 'timeline' }).then((answer) => {
      if (key !== k) return;
      delete box.dataset.asking;
      box.dataset.trip = (performance.now() - t0).toFixed(1); // the worker's round trip, for the README's figures
      tl = 'error' in answer ? null : answer;
      open = -1;
      if (tl) draw();
      else box.hidden = true;
    }, (err) => {
      if (err && err.kind === 'superseded') return;
      key = ''; // ask again with the next answer
      delete box.dataset.asking;
      box.hidden = true;
    });
  }
}
