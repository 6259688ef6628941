// Browser tests of the examples drawn from real reports (issue 13, point 4):
// each links its threads under the headline (https only, rel=noopener), the
// Markdown export cites them, and they never reach the scenario, an exported
// program or a share link. Debian's Chromium through playwright-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { launch, startServer, cli, rawHTTP, watchProblems, closeClean } from './launch.mjs';
import { refHref } from '../../web/js/render.js';
import { exportText } from '../../web/js/export.js';
import { modelFromNode, parseJSON } from '../../web/js/model.js';

const examples = JSON.parse(readFileSync('web/examples/index.json', 'utf8')).examples;
const reported = examples.filter((e) => e.refs?.length);
const text = (e) => readFileSync(`web/examples/${e.file}`, 'utf8');

let srv;
let browser;

before(async () => {
  srv = await startServer();
  browser = await launch({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function open(path) {
  const page = await browser.context.newPage();
  watchProblems(page);
  await page.goto(srv.url + path);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await page.waitForFunction(() => Number(document.body.dataset.rendered) > 0);
  return page;
}

const refLinks = (page) => page.locator('.js-headlineRefs a').evaluateAll((l) => l.map((a) => ({ title: a.textContent, url: a.getAttribute('href'), rel: a.rel })));

test('every example from a report shows its engine answer, its threads as links and the lines that make its point', async () => {
  assert.ok(reported.length >= 10, `${reported.length} examples cite a report`);
  const page = await open('/');
  // The default example is pre-rendered with its threads, before any script runs.
  assert.deepEqual(await refLinks(page), examples[0].refs.map((r) => ({ ...r, rel: 'noopener noreferrer' })), 'the motivating example, as the build wrote it');
  for (const ex of reported) {
    await page.goto(`${srv.url}/?example=${ex.slug}`);
    await page.waitForFunction((slug) => document.querySelector('.js-headline').dataset.slug === slug && Number(document.body.dataset.rendered) > 0, ex.slug);
    assert.equal(await page.locator('.js-wire').textContent(), rawHTTP(cli(['resolve', '-'], text(ex))), `${ex.slug}: the engine's answer`);
    assert.equal(await page.inputValue('.js-compare'), ex.compare, `${ex.slug}: compared with ${ex.compare}`);
    assert.equal(await page.locator('.js-headlineRefs').isVisible(), true, `${ex.slug}: the threads are shown`);
    assert.deepEqual(await refLinks(page), ex.refs.map((r) => ({ ...r, rel: 'noopener noreferrer' })), `${ex.slug}: one link per thread, in order`);
    for (const { url } of ex.refs) assert.match(url, /^https:\/\/[^/@\s]+\//, `${ex.slug}: ${url} is https`);
    const keys = await page.locator('.js-changes li[data-highlight="true"]').evaluateAll((l) => l.map((e) => `${e.dataset.part}${e.dataset.key ? ` ${e.dataset.key}` : ''}`.toLowerCase()));
    for (const h of ex.highlight) assert.ok(keys.includes(h.toLowerCase()), `${ex.slug}: the diff highlights ${h} (highlighted: ${keys})`);
  }
  const plain = examples.find((e) => !e.refs?.length);
  await page.goto(`${srv.url}/?example=${plain.slug}`);
  await page.waitForFunction((slug) => document.querySelector('.js-headline').dataset.slug === slug, plain.slug);
  assert.equal(await page.locator('.js-headlineRefs').isHidden(), true, `${plain.slug} cites nothing, so shows no "Reported in"`);
  await closeClean(page, 'no console errors, warnings or exceptions');
});

test('a thread is cited by the Markdown export of the unedited example, and never enters the scenario, the code or the link', async () => {
  const ex = reported.find((e) => e.slug === 'httpx-028-drops-url-query');
  const page = await open(`/?example=${ex.slug}`);
  await page.selectOption('.js-exportKind', 'markdown');
  const md = await page.inputValue('.js-exportText');
  assert.ok(md.split('\n').includes(`Reported in: [encode\\/httpx\\#3433\\: Missing query params in url when params option is set](${ex.refs[0].url})`), `cited, the title escaped:\n${md}`);
  await page.selectOption('.js-exportKind', 'code');
  assert.doesNotMatch(await page.inputValue('.js-exportText'), /github\.com|3433/, 'the program does not mention it');
  await page.click('#tab-json');
  assert.doesNotMatch(await page.inputValue('.js-jsonText'), /github\.com|"refs"/, 'nor does the document');
  await page.click('#tab-form');
  await page.fill('#f-request-url', 'https://httpbin.org/get?param=edited');
  await page.waitForFunction(() => document.querySelector('.js-headline').dataset.state === 'edited');
  assert.equal(await page.locator('.js-headlineRefs').isHidden(), true, 'an edited example no longer reproduces the thread: no link');
  await page.selectOption('.js-exportKind', 'markdown');
  assert.doesNotMatch(await page.inputValue('.js-exportText'), /Reported in|3433/, 'and the Markdown export no longer cites it');
  const url = await page.evaluate(async () => { await new Promise((r) => setTimeout(r, 400)); return location.href; });
  const state = JSON.parse(inflateRawSync(Buffer.from(new URL(url).hash.slice(4), 'base64url')).toString('utf8'));
  assert.equal(state.example, ex.slug, 'the link still says which example it was edited from');
  assert.doesNotMatch(JSON.stringify(state), /github\.com|refs/, 'but carries no thread');
  await closeClean(page, 'no console errors, warnings or exceptions');
});

test('only https threads become links, in the page and in the Markdown export', () => {
  const cases = [
    ['https://github.com/encode/httpx/issues/3433', 'https://github.com/encode/httpx/issues/3433', 'an https thread'],
    ['http://github.com/a/b/issues/1', null, 'http'],
    ['javascript:alert(1)', null, 'javascript:'],
    ['data:text/html,<script>alert(1)</script>', null, 'data:'],
    ['https://user:pass@github.com/a', null, 'userinfo'],
    ['/issues/1', null, 'relative'],
    ['', null, 'empty'],
  ];
  for (const [url, want, reason] of cases) assert.equal(refHref(url), want, `refHref: ${reason}`);
  const doc = '{"mergeplay": 1, "library": "httpx@0.28.1", "request": {"url": "https://a.example/"}}';
  const md = exportText('markdown', modelFromNode(parseJSON(doc)), doc, cli(['resolve', '-'], doc), '', 'python', false, [], [
    { title: 'x](javascript:alert(1)) <b>*', url: 'https://github.com/a/b/issues/1?q=(x)' },
    { title: 'dropped', url: 'javascript:alert(1)' },
    { title: 'dropped too', url: 'http://github.com/a' },
  ]);
  const line = md.split('\n').find((l) => l.startsWith('Reported in: '));
  assert.equal(line, 'Reported in: [x\\]\\(javascript\\:alert\\(1\\)\\) \\<b\\>\\*](https://github.com/a/b/issues/1?q=%28x%29)', 'the title is inert text, the destination cannot end early, non-https is dropped');
});
