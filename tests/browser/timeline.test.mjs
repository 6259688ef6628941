// Browser tests of the version timeline (issue 11 point 4): the strip under
// the library picker, its segments and boundaries, the upgrade diff and its
// citation, picking a release, and keyboard use. The spans are checked
// against the CLI's (`mergeplay timeline --json`), which answers from the
// same engine natively. Debian's Chromium through playwright-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, closeClean } from './launch.mjs';
import { sharedBrowser, openReady } from './suite.mjs';

const env = sharedBrowser({ viewport: { width: 1280, height: 900 } });

/** Opens a page and waits for its n-th timeline drawing. */
async function open(path) {
  const page = await openReady(env, path);
  await drawn(page, 1);
  return page;
}

/** Waits until the strip has been drawn at least n times. */
const drawn = (page, n) => page.waitForFunction((n) => Number(document.querySelector('.js-timeline')?.dataset.drawn) >= n, n, { timeout: 30000 });

/** The segments as the page shows them: range, summary, whether current. */
const segments = (page) => page.$$eval('.js-timelineSpan', (bs) => bs.map((b) => ({
  range: b.querySelector('.Timeline-range').textContent,
  summary: b.querySelector('.Timeline-summary').textContent,
  current: b.getAttribute('aria-current') === 'true',
})));

const range = (s) => (s.from === s.to ? s.from : `${s.from}–${s.to}`);

test('the motivating example: httpx sends the client’s Authorization until 0.14.1 and not from 0.14.2', async () => {
  const page = await open('/?example=auth-none');
  const want = cli(['timeline', 'web/examples/auth-none.json', '--library', 'httpx', '--json']);
  const got = await segments(page);
  assert.deepEqual(got.map((s) => [s.range, s.summary]), want.spans.map((s) => [range(s), s.summary]), 'the page shows the engine’s spans');
  assert.equal(got.length, 2);
  assert.match(got[0].range, /^0\.14\.\d+(–0\.14\.1)?$/, 'the first span ends at 0.14.1');
  assert.match(got[0].summary, /^authorization: Basic /i);
  assert.ok(got[0].current, 'the example’s release, 0.14.1, is marked');
  assert.match(got[1].range, /^0\.14\.2–0\.28\.\d+$/);
  assert.equal(got[1].summary, 'no Authorization');
  assert.ok(!got[1].current);

  // The boundary is reachable by keyboard and opens the upgrade's diff and citation.
  await page.focus('.js-timelineSpan >> nth=0');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('js-timelineBoundary')), true, 'Tab moves from a segment to the boundary');
  await page.keyboard.press('Enter');
  await drawn(page, 2);
  assert.equal(await page.locator('.js-timelineUpgrade').textContent(), '0.14.1 → 0.14.2: Authorization removed');
  assert.equal(await page.getAttribute('.js-timelineBoundary', 'aria-expanded'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('js-timelineBoundary')), true, 'focus stays on the boundary');
  const href = await page.getAttribute('.js-timelineCite', 'href');
  assert.equal(href, want.boundaries[0].cite.url);
  assert.match(href, /^https:\/\/github\.com\/encode\/httpx\//);
  assert.equal(await page.locator('.js-timelineDetail .js-changes li[data-key="authorization" i]').count(), 1, 'the diff lists Authorization');
  assert.equal(await page.locator('.js-timelineDetail .js-changes li').count(), 1, 'and nothing else');

  // A segment picks its release: the newest of the span.
  await page.click('.js-timelineSpan >> nth=1');
  await page.waitForFunction((v) => document.querySelector('.js-library').value === v, `httpx@${want.spans[1].to}`);
  await drawn(page, 3);
  const after = await segments(page);
  assert.deepEqual(after.map((s) => s.current), [false, true], 'the mark moves to the picked span');
  assert.doesNotMatch(await page.locator('.js-wire').textContent(), /authorization/i, 'and the final request has no Authorization');
  await closeClean(page, 'no console errors, warnings or exceptions');
});

test('with via: stream, 0.14.2–0.15.1 drop the client’s auth as well; the timeline reads the same two spans', async () => {
  const page = await open('/?example=auth-none');
  await page.click('#tab-json');
  const text = await page.inputValue('.js-jsonText');
  const stream = text.replace(/"auth": null\s*}/, '"auth": null, "via": "stream"}');
  assert.notEqual(stream, text);
  await page.fill('.js-jsonText', stream);
  await drawn(page, 2);
  const got = await segments(page);
  assert.deepEqual(got.map((s) => s.summary.replace(/:.*/, '').toLowerCase()), ['authorization', 'no authorization']);
  assert.match(got[1].range, /^0\.14\.2–/);
  await closeClean(page, 'no console errors, warnings or exceptions');
});

test('a JS example: ky sends page=2 until 1.11.0 and page=1&page=2 from 1.12.0', async () => {
  const page = await open('/?example=ky-params-accumulate');
  const want = cli(['timeline', 'web/examples/ky-params-accumulate.json', '--library', 'ky', '--json']);
  const got = await segments(page);
  assert.deepEqual(got.map((s) => [s.range, s.summary]), want.spans.map((s) => [range(s), s.summary]));
  const accumulate = got.find((s) => s.summary === 'page=1&page=2');
  assert.ok(accumulate && accumulate.range.startsWith('1.12.0–'), `a span from 1.12.0 sends both pages: ${JSON.stringify(got)}`);
  assert.ok(accumulate.current, 'the example’s ky@1.14.3 is in it');
  assert.ok(got.some((s) => s.summary === 'page=2' && s.range.endsWith('–1.11.0')), 'the span before ends at 1.11.0');
  const error = got.find((s) => s.summary.startsWith('raises '));
  if (error) assert.equal(await page.getAttribute(`.js-timelineSpan >> nth=${got.indexOf(error)}`, 'data-outcome'), 'error', 'an error span is marked as one');
  await closeClean(page, 'no console errors, warnings or exceptions');
});

test('user text in a summary is text, never markup', async () => {
  // httpx 0.28 drops the URL's own query: the spans' summaries quote it, decoded.
  const page = await open('/?example=httpx-028-drops-url-query');
  await page.click('#tab-json');
  const text = await page.inputValue('.js-jsonText');
  // The request URL's own query, whatever the example holds, becomes a hostile one.
  const hostile = text.replace(/("url": "[^"?]*\?)[^"]*"/, '$1q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"');
  assert.notEqual(hostile, text);
  await page.fill('.js-jsonText', hostile);
  await page.waitForFunction(() => [...document.querySelectorAll('.js-timeline .Timeline-summary')].some((e) => e.textContent.includes('<img')), null, { timeout: 30000 });
  assert.equal(await page.locator('.js-timeline img').count(), 0, 'the value is shown as text, not parsed');
  await closeClean(page, 'no console errors, warnings or exceptions');
});
