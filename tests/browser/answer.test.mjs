// Browser tests of issue 12, "the page shows the answer first": the example
// headline, the diff grouped by meaning, compare-all, fields a library cannot
// express, the layout for edit → look, and state that follows the address
// bar. Debian's Chromium through playwright-core, as the other browser tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { launch, cli, closeClean } from './launch.mjs';
import { sharedBrowser, openReady } from './suite.mjs';

const SHOTS = 'build/screenshots';
mkdirSync(SHOTS, { recursive: true });
const examples = JSON.parse(readFileSync('web/examples/index.json', 'utf8')).examples;
const motivating = readFileSync('web/examples/auth-none.json', 'utf8');

const env = sharedBrowser({ viewport: { width: 1280, height: 800 } });

async function open(path = '/', context) {
  const page = await openReady(env, path, undefined, context);
  await page.waitForFunction(() => Number(document.body.dataset.rendered) > 0 && Number(document.body.dataset.matrix) > 0);
  return page;
}

const done = (page) => closeClean(page, 'no console errors, warnings or exceptions');

/** Whether an element is inside the viewport without scrolling (the page is at the top). */
async function aboveFold(page, sel) {
  const box = await page.locator(sel).first().boundingBox();
  const vh = page.viewportSize().height;
  return !!box && box.y >= 0 && box.y + box.height <= vh;
}

/** The state a #s1. fragment holds, decoded independently of web/js/share.js. */
function fragmentState(url) {
  const hash = new URL(url).hash;
  assert.match(hash, /^#s1\./, `a format-1 fragment: ${url}`);
  return JSON.parse(inflateRawSync(Buffer.from(hash.slice(4), 'base64url')).toString('utf8'));
}

const wire = (page) => page.locator('.js-wire').textContent();

test('the motivating example at 1280×800: headline and the Authorization difference above the fold, highlighted', async () => {
  const page = await open('/');
  assert.equal(await page.evaluate(() => scrollY), 0);
  assert.equal(await page.locator('.js-headlineTitle').textContent(), JSON.parse(motivating).title);
  assert.match(await page.locator('.js-headlineLook').textContent(), /^Look at Authorization/);
  assert.ok(await aboveFold(page, '.js-headline'), 'the headline is on screen');
  const auth = '.js-changes li[data-key="authorization" i]';
  assert.ok(await aboveFold(page, auth), 'the Authorization change is on screen without scrolling');
  assert.equal(await page.locator('.js-changes li').first().getAttribute('data-key'), 'authorization', 'and first');
  assert.equal(await page.locator(auth).getAttribute('data-highlight'), 'true', 'the diff highlights it');
  assert.equal(await page.locator('.js-part[data-field="headers.authorization"]').getAttribute('data-highlight'), 'true', 'so does the final request');
  assert.equal(await page.locator('.js-part[data-highlight]').count(), 1, 'and nothing else');
  assert.equal(await page.inputValue('.js-library'), 'httpx@0.14.1', 'the example compares httpx 0.14.1…');
  assert.equal(await page.inputValue('.js-compare'), 'httpx@0.14.2', '…with 0.14.2');
  assert.ok(await page.locator('.js-matrixRow[data-id="requests@2.28.1"]').count() === 1, 'and shows requests too');
  await page.screenshot({ path: `${SHOTS}/20-motivating-1280x800.png` });
  await done(page);
});

test('editing an example: "edited from", and its title and comment leave the scenario and the exports', async () => {
  const page = await open('/?example=auth-none');
  await page.fill('#f-request-url', 'https://api.example.com/other');
  await page.waitForFunction(() => document.querySelector('.js-headline').dataset.state === 'edited');
  assert.match(await page.locator('.js-headlineTitle').textContent(), /^Edited from the example “auth=None keeps/);
  await page.click('#tab-json');
  const text = await page.inputValue('.js-jsonText');
  assert.doesNotMatch(text, /"title"|"comment"/, 'the document the user edits has no example title or comment');
  await page.click('#tab-form');
  for (const kind of ['code', 'markdown']) {
    await page.selectOption('.js-exportKind', kind);
    assert.doesNotMatch(await page.inputValue('.js-exportText'), /auth=None keeps|merge_setting/, `the ${kind} export has neither`);
  }
  assert.equal(await page.locator('.js-part[data-highlight]').count(), 1, 'the semantic change is still highlighted (Authorization)');
  await done(page);
});

test('requests vs httpx: Authorization first, casing only under "also differs", which is remembered', async () => {
  const page = await open('/?example=auth-none');
  await page.selectOption('.js-library', 'requests@2.28.1');
  await page.selectOption('.js-compare', 'httpx@0.14.2');
  const sem = page.locator('.js-changes > li');
  assert.equal(await sem.count(), 1, 'one semantic change');
  assert.equal(await sem.first().getAttribute('data-key'), 'Authorization');
  const also = page.locator('.js-diffAlso');
  assert.equal(await also.evaluate((d) => d.open), false, 'the rest starts folded');
  assert.equal(await page.locator('.js-diffAlsoSummary').textContent(), 'also differs: casing of 4 headers, order, User-Agent');
  const want = cli(['diff', '-', '--library', 'requests@2.28.1', '--against', 'httpx@0.14.2'], motivating);
  assert.equal(await page.locator('.js-diffAlsoSummary').textContent(), `also differs: ${want.also}`, 'the CLI says the same');
  const casing = await page.locator('.js-alsoChanges > li[data-class="casing"]').evaluateAll((l) => l.map((e) => e.dataset.key.toLowerCase()).sort());
  assert.deepEqual(casing, ['accept', 'accept-encoding', 'connection', 'host']);
  assert.equal(await page.locator('.js-changes li[data-class="casing"]').count(), 0);
  await page.click('.js-diffAlsoSummary');
  assert.equal(await also.evaluate((d) => d.open), true);
  await page.screenshot({ path: `${SHOTS}/21-requests-vs-httpx.png` });
  await page.reload();
  await page.waitForSelector('body[data-engine="ready"]');
  await page.waitForSelector('.js-diffAlso');
  assert.equal(await page.locator('.js-diffAlso').evaluate((d) => d.open), true, 'opened stays opened');
  await page.click('.js-diffAlsoSummary');
  await page.reload();
  await page.waitForSelector('.js-diffAlso');
  assert.equal(await page.locator('.js-diffAlso').evaluate((d) => d.open), false, 'closed stays closed');
  await done(page);
});

test('a side that sends nothing shows why, next to the other side\'s whole request', async () => {
  const page = await open('/?example=auth-none');
  await page.selectOption('.js-compare', 'ky@2.1.0');
  const sides = page.locator('.js-diffSide');
  assert.equal(await sides.count(), 2);
  assert.match(await sides.nth(0).locator('pre').textContent(), /^GET \/users HTTP\/1\.1\n[\s\S]*authorization: Basic/, 'A: the whole request');
  assert.match(await sides.nth(1).textContent(), /unsupported[\s\S]*ky has no auth option/, 'B: labelled unsupported, with the reason');
  await page.selectOption('.js-compare', 'got@16.1.0');
  assert.match(await sides.nth(1).textContent(), /error[\s\S]*raises RequestError[\s\S]*Expected value which is `string`/, 'an error: its type and message');
  await done(page);
});

test('compare all: every library, the odd ones marked, a row opens its diff', async () => {
  const page = await open('/?example=auth-none');
  const libs = cli(['libraries'], '');
  const rows = page.locator('.js-matrixRow');
  const ids = await rows.evaluateAll((l) => l.map((e) => e.dataset.id));
  for (const lib of new Set(libs.map((p) => p.library))) {
    assert.ok(ids.some((id) => id.startsWith(`${lib}@`)), `a row for ${lib}: ${ids}`);
  }
  for (const id of ['httpx@0.14.1', 'httpx@0.14.2', 'requests@2.28.1']) assert.ok(ids.includes(id), `the current, compared and pinned ${id}`);
  // The column's norm is its most frequent outcome; a tie for it leaves no norm and no odd cell.
  const wants = new Map(ids.map((id) => [id, cli(['resolve', '-', '--library', id], motivating)]));
  const counts = {};
  for (const w of wants.values()) counts[w.outcome] = (counts[w.outcome] || 0) + 1;
  const top = Math.max(...Object.values(counts));
  const tops = Object.keys(counts).filter((k) => counts[k] === top);
  const norm = tops.length === 1 ? tops[0] : undefined;
  for (const id of ids) {
    const want = wants.get(id);
    const cell = page.locator(`.js-matrixRow[data-id="${id}"] td[data-col="outcome"]`);
    assert.match(await cell.textContent(), new RegExp(`^${want.outcome}`), `${id}: outcome`);
    if (want.outcome === 'unsupported') {
      assert.match(await cell.getAttribute('title'), new RegExp(want.reason.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), `${id}: why, in a tooltip`);
      assert.equal(await cell.locator('details').count(), 1, `${id}: and an expander`);
    }
    const odd = (await cell.getAttribute('class')).includes('Matrix-cell--odd');
    assert.equal(odd, norm !== undefined && want.outcome !== norm, `${id}: only the outcomes other than the column's most frequent (${norm ?? 'a tie: none'}) stand out`);
  }
  const authCol = await page.locator('.js-matrixTable thead th').allTextContents();
  assert.ok(authCol.some((t) => /authorization/i.test(t)), `an Authorization column: ${authCol}`);
  assert.ok(!authCol.some((t) => /user-agent/i.test(t)), 'User-Agent, set by the libraries themselves, is folded away');
  await page.check('.js-matrixIdentity');
  assert.ok((await page.locator('.js-matrixTable thead th').allTextContents()).some((t) => /user-agent/i.test(t)), 'and comes back on request');
  await page.uncheck('.js-matrixIdentity');
  await page.screenshot({ path: `${SHOTS}/22-compare-all.png`, fullPage: true });
  await page.locator('.js-matrixRow[data-id="axios@1.21.1"]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('.js-compare'), 'axios@1.21.1', 'a row (by keyboard) becomes "compare with"');
  assert.match(await page.locator('.Diff-sides').textContent(), /httpx@0\.14\.1[\s\S]*axios@1\.21\.1/);
  await page.selectOption('.js-matrixPin', 'got@14.6.6');
  assert.equal(await page.locator('.js-matrixRow[data-id="got@14.6.6"]').count(), 1, 'a pinned version gets its row');
  assert.deepEqual(fragmentState(await page.evaluate(async () => { await new Promise((r) => setTimeout(r, 400)); return location.href; })).pins, ['requests@2.28.1', 'got@14.6.6'], 'pins are in the address bar state');
  await page.selectOption('.js-exportKind', 'markdown');
  const md = await page.inputValue('.js-exportText');
  assert.match(md, /\| library \| outcome \|[^\n]*authorization/i, 'the Markdown export has the table');
  assert.match(md, /\| got\\@14\\\.6\\\.6 \|/, 'punctuation in cells is escaped');
  assert.doesNotMatch(md, /am9objphZG1pbg/, 'without the credential');
  await done(page);
});

test('compare all updates live while editing', async () => {
  const page = await open('/?example=ky-params-accumulate');
  await page.click('#f-request-params-add');
  await page.fill('#f-request-params-1-name', 'sort');
  const n = await page.evaluate(() => Number(document.body.dataset.matrix));
  await page.fill('#f-request-params-1-value', 'asc');
  await page.waitForFunction((before) => Number(document.body.dataset.matrix) > before, n);
  const cells = await page.locator('.js-matrixRow td[data-col="outcome"]').allTextContents();
  for (const [i, id] of (await page.locator('.js-matrixRow').evaluateAll((l) => l.map((e) => e.dataset.id))).entries()) {
    const want = cli(['resolve', '-', '--library', id], await page.evaluate(() => document.querySelector('.js-jsonText').value));
    assert.match(cells[i], new RegExp(`^${want.outcome}`), `${id}: the table has the edited scenario's outcome`);
  }
  const rows = await page.locator('.js-matrixRow').count();
  const sent = await page.locator('.js-matrixRow td[data-col="outcome"]').evaluateAll((l) => l.filter((e) => e.textContent === 'sent').length);
  assert.ok(rows >= 8 && sent >= 2);
  // Every sent row sends sort=asc, so the column is not one that differs; page still is.
  assert.equal(await page.locator('.js-matrixTable thead th', { hasText: '?sort' }).count(), 0);
  assert.equal(await page.locator('.js-matrixTable thead th', { hasText: '?page' }).count(), 1);
  await done(page);
});

test('switching library flags the fields it cannot express, and one click drops them', async () => {
  const page = await open('/?example=auth-none');
  await page.selectOption('.js-library', 'ky@2.1.0');
  const box = page.locator('.js-unsupported');
  await box.waitFor();
  const text = await box.textContent();
  assert.match(text, /ky@2\.1\.0 cannot express these 2 fields/);
  assert.match(text, /client\.auth[\s\S]*ky has no auth option/);
  assert.match(text, /request\.auth/);
  assert.equal(await page.locator('.js-fieldFlag').count(), 2, 'each field says so too');
  assert.equal(await page.locator('.js-outcome').getAttribute('data-outcome'), 'unsupported');
  await page.screenshot({ path: `${SHOTS}/23-unsupported-fields.png` });
  await page.click('.js-dropUnsupported');
  assert.equal(await box.isHidden(), true);
  assert.equal(await page.locator('.js-outcome').getAttribute('data-outcome'), 'sent');
  assert.match(await wire(page), /^GET \/users HTTP\/1\.1/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'library', 'the focus goes back to the picker');
  await done(page);
});

test('the version note agrees with the profile that answered', async () => {
  const page = await open('/?example=auth-none');
  await page.selectOption('.js-library', 'custom');
  await page.fill('.js-libraryCustom', 'httpx@0.16.1');
  await page.press('.js-libraryCustom', 'Enter');
  await page.waitForFunction(() => /0\.14\.2 <0\.18/.test(document.querySelector('.js-outcome').textContent));
  const outcome = await page.locator('.js-outcome').textContent();
  const note = await page.locator('.js-libraryNote').textContent();
  assert.equal(note.split(' · ')[0], outcome.split(' · ')[1], `note "${note}" names the profile of "${outcome}"`);
  await done(page);
});

test('the address bar follows every edit (redacted); reload and back/forward keep the state', async () => {
  const page = await open('/?example=auth-none');
  assert.match(page.url(), /\?example=auth-none$/, 'an unedited example keeps its short address');
  await page.fill('#f-request-url', 'https://api.example.com/followed');
  await page.waitForFunction(() => location.hash.startsWith('#s1.'));
  const state = fragmentState(page.url());
  assert.equal(state.scenario.request.url, 'https://api.example.com/followed');
  assert.equal(state.scenario.client.auth.password, 'REDACTED', 'the address bar has no password');
  assert.equal(state.example, 'auth-none', 'it names the example the state was edited from');
  assert.doesNotMatch(page.url(), /\?example=/);
  await page.reload();
  await page.waitForSelector('body[data-engine="ready"]');
  assert.match(await wire(page), /^GET \/followed[\s\S]*authorization: Basic am9objphZG1pbg==/, 'a reload in the tab keeps the secret (sessionStorage)');
  assert.match(await page.locator('.js-headlineTitle').textContent(), /^Edited from/);
  await page.click('.js-example[data-slug="header-null"]');
  await page.waitForFunction(() => /X-Token/i.test(document.querySelector('.js-wire').textContent));
  await page.goBack();
  await page.waitForFunction(() => /followed/.test(document.querySelector('.js-wire').textContent));
  assert.match(await wire(page), /authorization: Basic am9objphZG1pbg==/, 'back restores the edited state, secret included');
  await page.goForward();
  await page.waitForFunction(() => /X-Token/i.test(document.querySelector('.js-wire').textContent));
  // Another tab (a copied URL) gets the redacted state.
  const url = page.url().replace(/\?.*$/, '');
  await page.goBack();
  await page.waitForFunction(() => /followed/.test(document.querySelector('.js-wire').textContent));
  const copied = page.url();
  const other = await env.browser.context.newPage();
  await other.goto(copied);
  await other.waitForSelector('body[data-engine="ready"]');
  assert.match(await other.locator('.js-wire').textContent(), /^GET \/followed/);
  assert.doesNotMatch(await other.locator('.js-wire').textContent(), /am9objphZG1pbg==/, 'a copied URL carries no secret');
  await other.close();
  assert.ok(url);
  await done(page);
});

test('a link that cannot be opened shows a banner at the top and keeps the prior state', async () => {
  const page = await open('/?example=auth-none');
  await page.fill('#f-request-url', 'https://api.example.com/prior');
  const before = await wire(page);
  const banner = page.locator('.js-linkError');
  const cases = [
    ['#s1.AAAA', /damaged|not|decompress/],
    ['#s9.abc', /format 9 is newer than this page/],
    [`#s1.${'A'.repeat(10)}`, /could not be opened/],
  ];
  for (const [hash, re] of cases) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await banner.waitFor();
    assert.match(await banner.textContent(), re, hash);
    assert.match(await banner.textContent(), /Nothing was replaced/);
    assert.equal(await wire(page), before, `${hash}: the state is kept`);
    assert.ok(await aboveFold(page, '.js-linkError'), 'the banner is at the top');
  }
  await page.screenshot({ path: `${SHOTS}/24-banner.png` });
  const nope = await open('/?example=no-such-example');
  assert.match(await nope.locator('.js-linkError').textContent(), /there is no example called "no-such-example"/);
  assert.match(await nope.locator('.js-wire').textContent(), /^GET \/prior/, 'on arrival: the tab\'s state');
  await done(nope);
  await done(page);
});

test('examples menu with search in the top bar; New scenario', async () => {
  const page = await open('/');
  await page.locator('body').press('e');
  assert.equal(await page.locator('.js-examplesMenu').evaluate((d) => d.open), true);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('js-exampleSearch')), true);
  await page.keyboard.type('ky 2 case');
  const shown = await page.locator('.js-menuItem:not([hidden]) .js-menuExample').evaluateAll((l) => l.map((a) => a.dataset.slug));
  assert.deepEqual(shown, ['ky2-header-case']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.js-headline').dataset.slug === 'ky2-header-case');
  assert.equal(await page.locator('.js-examplesMenu').evaluate((d) => d.open), false, 'the menu closes');
  assert.match(page.url(), /\?example=ky2-header-case$/);
  await page.click('.js-newScenario');
  assert.equal(await page.locator('.js-headline').getAttribute('data-state'), 'none', 'no headline for a new scenario');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-request-url');
  assert.match(await wire(page), /^GET \/ HTTP\/1\.1/);
  assert.equal(await page.inputValue('.js-library'), 'ky@2.1.0', 'in the library that was selected');
  await done(page);
});

test('wide screens: the results stay in view while the form scrolls; a phone shows the final request first', async () => {
  const page = await open('/?example=auth-none');
  await page.evaluate(() => scrollTo(0, 900));
  const top = await page.locator('.Panel--final').boundingBox();
  assert.ok(top.y >= 0 && top.y < 100, `the final request stays on screen (y=${top.y})`);
  await page.screenshot({ path: `${SHOTS}/25-scrolled-form.png` });
  await done(page);
  const phone = await launch({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    const p = await open('/?example=auth-none', phone.context);
    const f = await p.locator('.Panel--final').boundingBox();
    const e = await p.locator('.Panel--editor').boundingBox();
    assert.ok(f.y < e.y, 'final request before the form');
    assert.ok(f.y < 812, 'and on the first screen');
    assert.ok(await p.evaluate(() => document.documentElement.scrollWidth) <= 375, 'no sideways scroll');
    await p.screenshot({ path: `${SHOTS}/26-phone.png` });
    await p.screenshot({ path: `${SHOTS}/27-phone-full.png`, fullPage: true });
    await done(p);
  } finally {
    await phone.close();
  }
});

test('the embed shows compare-all with data-panes="matrix"', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.srv.url}/embed/?example=auth-none&panes=matrix`);
  await page.waitForSelector('.js-matrixRow', { timeout: 30000 });
  assert.ok(await page.locator('.js-matrixRow').count() >= 8);
  assert.equal(await page.locator('.Embed-pane--final').isVisible(), false);
  await page.close();
  assert.ok(examples.length);
});
