// Browser tests of the embed (/embed/, /embed.js, the postMessage protocol):
// a sample docs page (tests/browser/testdata/docs/) served from a second
// loopback origin embeds three playgrounds from cmd/serve's origin, in
// Debian's Chromium through playwright-core. Run with `make test-browser`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, startServer, cli, rawHTTP, settle, watchProblems, closeClean } from './launch.mjs';
import { startDocsServer } from './docs-server.mjs';

const require = createRequire(import.meta.url);
const SHOTS = 'build/screenshots';
mkdirSync(SHOTS, { recursive: true });
const examples = JSON.parse(readFileSync('web/examples/index.json', 'utf8')).examples;
const exampleText = (slug) => readFileSync(`web/examples/${examples.find((e) => e.slug === slug).file}`, 'utf8');

let srv; // the playground (cmd/serve, netlify.toml headers)
let docs; // the docs site: another origin
let evil; // a third origin
let browser;

before(async () => {
  srv = await startServer();
  docs = await startDocsServer(srv.url);
  evil = await startDocsServer(srv.url);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await docs?.stop();
  await evil?.stop();
  await srv?.stop();
});

const BY_SCENARIO = {
  mergeplay: 1, library: 'httpx@0.14.2',
  client: { auth: { username: 'john', password: 'admin' }, headers: { 'X-Client': 'docs' } },
  request: { url: 'https://api.example.com/users', auth: null },
};

/** The three embeds of the docs page: what each should show. */
const EMBEDS = [
  { id: 'by-scenario', scenario: JSON.stringify(BY_SCENARIO), compare: 'httpx@0.14.1', panes: ['final', 'diff', 'explain'], readonly: false },
  { id: 'by-slug', scenario: exampleText('auth-none'), compare: 'httpx@0.14.2', panes: ['final', 'diff', 'explain'], readonly: false },
  { id: 'readonly-diff', scenario: exampleText('httpx-header-none'), compare: 'requests@2.34.2', panes: ['diff'], readonly: true },
];

/** Opens a page, collecting console errors (of every frame) and uncaught exceptions. */
async function openPage(url, context = browser.context) {
  const page = await context.newPage();
  // Chromium warns when a preload is used more than a few seconds after the load event. On a loaded
  // machine the lazily started engine can be that late; it is a timing note, not a fault of the page.
  watchProblems(page, { ignoreWarning: /was preloaded using link preload but not used within a few seconds/ });
  await page.goto(url);
  return page;
}

const done = (page) => closeClean(page, 'no console errors, warnings or exceptions in the docs page or its embeds');

/** The embed frame inside a block, once it has rendered the engine's answer. */
async function embedFrame(page, id) {
  const iframe = page.locator(`#${id} iframe`);
  await iframe.scrollIntoViewIfNeeded();
  const frame = await (await iframe.elementHandle()).contentFrame();
  await frame.waitForSelector('body[data-engine="ready"][data-rendered]', { timeout: 30000 });
  return frame;
}

/** Waits until the iframe's height is its content's height (the resize message arrived). */
async function assertSized(page, id, frame) {
  let last;
  for (let i = 0; i < 50; i++) {
    const content = await frame.evaluate(() => Math.ceil(document.querySelector('.js-embed').getBoundingClientRect().height));
    const box = await page.locator(`#${id} iframe`).evaluate((f) => f.getBoundingClientRect().height);
    const scroll = await frame.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    last = { content, box, scroll };
    if (Math.abs(content - box) <= 1 && scroll <= 1) return last;
    await page.waitForTimeout(100);
  }
  assert.fail(`${id}: the iframe is not sized to its content: ${JSON.stringify(last)}`);
}

test('a docs page on another origin: three embeds render the engine\'s answer, lazily, sized to their content', async () => {
  const page = await openPage(`${docs.url}/docs/`);
  await page.waitForSelector('#by-scenario iframe[src]');
  assert.equal(await page.locator('#readonly-diff iframe').getAttribute('src'), null, 'an embed far below the fold is not loaded yet');
  for (const e of EMBEDS) {
    const iframe = page.locator(`#${e.id} iframe`);
    assert.ok((await iframe.getAttribute('title')).length > 10, `${e.id}: the iframe has a title for screen readers`);
    assert.equal(await iframe.getAttribute('loading'), 'lazy');
    const frame = await embedFrame(page, e.id);
    const want = cli(['resolve', '-'], e.scenario);
    const wire = frame.locator('.js-wire');
    if (e.panes.includes('final')) {
      assert.equal(await wire.textContent(), rawHTTP(want), `${e.id}: the final request is the engine's answer`);
    } else {
      assert.equal(await frame.locator('.Embed-pane--final').isVisible(), false, `${e.id}: the final request pane is hidden`);
      assert.equal(await frame.locator('.Embed-pane--explain').isVisible(), false, `${e.id}: the explain pane is hidden`);
    }
    const d = cli(['diff', '-', '--against', e.compare], e.scenario);
    // Semantic changes first; casing, order and the libraries' own headers under "also differs" (issue 12).
    for (const [sel, list] of [['.js-changes > li', d.changes.filter((c) => c.class === 'semantic')], ['.js-alsoChanges > li', d.changes.filter((c) => c.class !== 'semantic')]]) {
      const changes = frame.locator(sel);
      assert.equal(await changes.count(), list.length, `${e.id}: the diff has the engine's changes (${sel})`);
      for (const [i, c] of list.entries()) {
        assert.match(await changes.nth(i).locator('.Change-head').textContent(), new RegExp(`^${c.part}${c.key ? ` ${c.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` : ''} · ${c.op}$`));
      }
    }
    assert.equal(await frame.locator('.js-jsonText').isVisible(), !e.readonly, `${e.id}: the editor is ${e.readonly ? 'hidden' : 'shown'}`);
    assert.equal(await frame.locator('.js-compare').isVisible(), !e.readonly);
    await assertSized(page, e.id, frame);
  }
  const auth = await (await embedFrame(page, 'by-scenario')).locator('.js-changes li[data-key="authorization" i]').textContent();
  assert.match(auth, /added/, 'httpx 0.14.1 still sends the client auth that 0.14.2 drops');
  const dark = await (await embedFrame(page, 'readonly-diff')).evaluate(() => document.documentElement.dataset.theme);
  assert.equal(dark, 'dark', 'data-theme="dark" reaches the embed');
  await page.screenshot({ path: `${SHOTS}/20-docs-embeds.png`, fullPage: true });
  await done(page);
});

test('the first embed in view loads alone, and the next one once it has loaded: it starts the engine they share', async () => {
  const page = await browser.context.newPage();
  // When each iframe gets its src and fires its load event, on the docs page's clock.
  await page.addInitScript(() => {
    window.log = [];
    new MutationObserver((ms) => {
      for (const m of ms) if (m.target.tagName === 'IFRAME' && m.target.src) window.log.push({ id: m.target.parentElement.id, what: 'src', t: performance.now() });
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['src'] });
    // Capturing on the document (a load event's path stops there, before the window): before embed.js hears it.
    document.addEventListener('load', (e) => {
      const f = /** @type {HTMLIFrameElement} */ (e.target);
      if (f.tagName === 'IFRAME' && f.src) window.log.push({ id: f.parentElement.id, what: 'load', t: performance.now() });
    }, true);
  });
  await page.goto(`${docs.url}/docs/`);
  await embedFrame(page, 'by-slug');
  const log = await page.evaluate(() => window.log);
  const at = (id, what) => log.find((e) => e.id === id && e.what === what)?.t;
  assert.ok(at('by-scenario', 'src') !== undefined && at('by-slug', 'src') !== undefined, `both embeds in view loaded: ${JSON.stringify(log)}`);
  assert.ok(at('by-slug', 'src') >= at('by-scenario', 'load'), `the second embed started after the first had loaded: ${JSON.stringify(log)}`);
  assert.equal(at('readonly-diff', 'src'), undefined, 'the embed far below the fold still waits');
  await page.close();
});

test('setState and setTheme from the parent; change messages back; the iframe follows the new size', async () => {
  const page = await openPage(`${docs.url}/docs/`);
  await page.evaluate(() => {
    window.seen = [];
    for (const t of ['mergeplay:change', 'mergeplay:resize', 'mergeplay:error']) {
      for (const el of document.querySelectorAll('[data-mergeplay]')) el.addEventListener(t, (ev) => window.seen.push({ el: el.id, ...ev.detail }));
    }
  });
  for (const [i, e] of EMBEDS.entries()) {
    const frame = await embedFrame(page, e.id);
    const url = `https://state.example/set-${i}`;
    const scenario = { mergeplay: 1, library: 'requests@2.34.2', client: { headers: { 'X-Set': String(i) }, params: { many: ['a', 'b', 'c'] } }, request: { url, headers: { 'X-Req': 'r' } } };
    // Through embed.js's API for the first, a raw postMessage for the others.
    if (i === 0) await page.evaluate(([id, s]) => document.getElementById(id).mergeplayEmbed.setState({ scenario: s, compare: 'httpx@0.14.2' }), [e.id, scenario]);
    else await page.evaluate(([id, s, origin]) => document.querySelector(`#${id} iframe`).contentWindow.postMessage({ type: 'mergeplay:setState', state: { scenario: s, compare: 'httpx@0.14.2' } }, origin), [e.id, scenario, srv.url]);
    await frame.waitForFunction((u) => document.querySelector('.js-diff').textContent.includes('httpx@0.14.2') && (document.querySelector('.js-wire').textContent.includes(new URL(u).pathname)), url);
    const want = cli(['resolve', '-'], JSON.stringify(scenario, null, 2));
    if (e.panes.includes('final')) assert.equal(await frame.locator('.js-wire').textContent(), rawHTTP(want), `${e.id}: setState renders the engine's answer`);
    const change = await page.waitForFunction((id) => window.seen.find((m) => m.el === id && m.type === 'mergeplay:change'), e.id).then((h) => h.jsonValue());
    assert.equal(change.source, 'parent');
    assert.equal(change.state.compare, 'httpx@0.14.2');
    assert.deepEqual(JSON.parse(change.state.scenario), scenario, `${e.id}: the change message carries the new state`);
    await assertSized(page, e.id, frame);

    const bg = {};
    for (const theme of ['light', 'dark', 'auto']) {
      if (i === 0) await page.evaluate(([id, t]) => document.getElementById(id).mergeplayEmbed.setTheme(t), [e.id, theme]);
      else await page.evaluate(([id, t, origin]) => document.querySelector(`#${id} iframe`).contentWindow.postMessage({ type: 'mergeplay:setTheme', theme: t }, origin), [e.id, theme, srv.url]);
      await frame.waitForFunction((t) => (document.documentElement.dataset.theme || 'auto') === t, theme);
      bg[theme] = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    }
    assert.notEqual(bg.dark, bg.light, `${e.id}: setTheme changes the colours`);
    assert.equal(bg.auto, bg.light, `${e.id}: auto follows the system (light here)`);
  }
  // The user edits an embed: the parent hears about it.
  const f0 = await embedFrame(page, 'by-scenario');
  await f0.locator('.js-jsonText').fill(JSON.stringify({ mergeplay: 1, library: 'httpx@0.14.2', request: { url: 'https://user.example/typed' } }));
  await f0.waitForFunction(() => document.querySelector('.js-wire').textContent.includes('/typed'));
  const typed = await page.waitForFunction(() => window.seen.find((m) => m.type === 'mergeplay:change' && m.source === 'user')).then((h) => h.jsonValue());
  assert.match(typed.state.scenario, /user\.example\/typed/);
  assert.ok((await page.evaluate(() => window.seen.filter((m) => m.type === 'mergeplay:resize').length)) > 0, 'resize messages arrived');
  assert.deepEqual(await page.evaluate(() => window.seen.filter((m) => m.type === 'mergeplay:error')), []);
  await page.screenshot({ path: `${SHOTS}/21-docs-setstate.png`, fullPage: true });
  await done(page);
});

test('messages from other origins are ignored', async () => {
  const page = await openPage(`${docs.url}/docs/`);
  const frames = [];
  for (const e of EMBEDS) frames.push(await embedFrame(page, e.id));
  const before = await Promise.all(frames.map((f) => f.evaluate(() => [document.querySelector('.js-wire').textContent, document.querySelector('.js-diff').textContent])));
  // A frame from a third origin inside the docs page posts to every embed.
  await page.evaluate((src) => new Promise((resolve) => {
    const f = document.createElement('iframe');
    f.title = 'another origin';
    f.src = src;
    f.onload = resolve;
    document.body.append(f);
  }), `${evil.url}/docs/evil.html`);
  const evilFrame = page.frames().find((f) => f.url().startsWith(evil.url));
  assert.ok(evilFrame, 'the third-origin frame loaded');
  const posted = await evilFrame.evaluate(() => {
    let n = 0;
    for (let i = 0; i < parent.frames.length; i++) {
      const w = parent.frames[i];
      if (w === window) continue;
      for (const target of ['*']) {
        w.postMessage({ type: 'mergeplay:setState', state: { scenario: { mergeplay: 1, library: 'httpx@0.14.2', request: { url: 'https://evil.example/pwned' } } } }, target);
        w.postMessage({ type: 'mergeplay:setTheme', theme: 'dark' }, target);
        n++;
      }
    }
    return n;
  });
  assert.ok(posted >= 3, `the third origin reached every embed (${posted})`);
  // A message from the right parent sent afterwards is handled, so the earlier ones were seen and dropped.
  for (const [i, e] of EMBEDS.entries()) {
    await page.evaluate(([id, origin]) => document.querySelector(`#${id} iframe`).contentWindow.postMessage({ type: 'mergeplay:setTheme', theme: 'light' }, origin), [e.id, srv.url]);
    await frames[i].waitForFunction(() => document.documentElement.dataset.theme === 'light');
  }
  await page.waitForTimeout(200);
  const afterAll = await Promise.all(frames.map((f) => f.evaluate(() => [document.querySelector('.js-wire').textContent, document.querySelector('.js-diff').textContent])));
  assert.deepEqual(afterAll, before, 'no embed took a state from another origin');
  for (const f of frames) assert.doesNotMatch(await f.locator('.js-open').getAttribute('href'), /evil/);
  await done(page);
});

test('an embed without ?origin= neither listens nor posts', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => { window.got = []; addEventListener('message', (e) => window.got.push(e.data)); });
  await page.goto(`${docs.url}/docs/frame-full.html`);
  const frame = await (await page.$('#embed')).contentFrame();
  await frame.waitForSelector('body[data-engine="ready"][data-rendered]', { timeout: 30000 });
  const wire = await frame.locator('.js-wire').textContent();
  await page.evaluate((origin) => document.getElementById('embed').contentWindow.postMessage({ type: 'mergeplay:setState', state: { example: 'header-null' } }, origin), srv.url);
  await page.waitForTimeout(300);
  assert.equal(await frame.locator('.js-wire').textContent(), wire, 'the unnamed parent cannot set the state');
  assert.deepEqual(await page.evaluate(() => window.got), [], 'nothing was posted to an origin the embed was not given');
  await page.close();
});

test('a page on another origin cannot frame the full page (CSP), but can frame /embed/', async () => {
  const page = await browser.context.newPage();
  const refused = [];
  page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refused.push(m.text()); });
  await page.goto(`${docs.url}/docs/frame-full.html`);
  const embed = await (await page.$('#embed')).contentFrame();
  await embed.waitForSelector('body[data-engine="ready"][data-rendered]', { timeout: 30000 });
  assert.match(await embed.locator('.js-wire').textContent(), /^GET \/users HTTP\/1\.1/);
  const full = await (await page.$('#full')).contentFrame();
  await page.waitForFunction(() => true);
  for (let i = 0; i < 50 && !refused.length; i++) await page.waitForTimeout(100);
  assert.ok(refused.length > 0, 'Chromium reports the frame-ancestors refusal');
  assert.ok(!full || !full.url().startsWith(srv.url) || (await full.evaluate(() => document.body?.dataset.app).catch(() => undefined)) === undefined,
    `the full page did not load in the frame (frame URL ${full && full.url()})`);
  // And the response headers say so.
  const h = (await page.request.get(`${srv.url}/`)).headers();
  assert.match(h['content-security-policy'], /frame-ancestors 'none'/);
  const he = (await page.request.get(`${srv.url}/embed/`)).headers();
  assert.match(he['content-security-policy'], /frame-ancestors \*/);
  assert.match(he['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  const js = (await page.request.get(`${srv.url}/embed.js`)).headers();
  assert.match(js['cache-control'], /max-age=300/);
  await page.screenshot({ path: `${SHOTS}/22-framing.png` });
  await page.close();
});

test('"Open in mergeplay" opens the same state on the full page', async () => {
  const page = await openPage(`${docs.url}/docs/`);
  // The first embed is edited by the user first: the link carries the current state, not the initial one.
  const f0 = await embedFrame(page, 'by-scenario');
  const edited = { ...BY_SCENARIO, request: { ...BY_SCENARIO.request, url: 'https://api.example.com/edited', params: { q: 'x y' } } };
  await f0.locator('.js-jsonText').fill(JSON.stringify(edited, null, 2));
  await f0.waitForFunction(() => document.querySelector('.js-wire').textContent.includes('/edited'));
  for (const e of EMBEDS) {
    const frame = await embedFrame(page, e.id);
    const text = e.id === 'by-scenario' ? JSON.stringify(edited, null, 2) : e.scenario;
    await frame.waitForFunction(() => /#s1\./.test(document.querySelector('.js-open').href));
    const link = frame.locator('.js-open');
    assert.equal(await link.getAttribute('target'), '_blank');
    const [full] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
    await full.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
    assert.ok(full.url().startsWith(`${srv.url}/#s1.`), `${e.id}: opens the full page (${full.url()})`);
    assert.equal(await full.locator('.js-wire').textContent(), rawHTTP(cli(['resolve', '-'], text)), `${e.id}: the full page shows the same final request`);
    assert.equal(await full.locator('.js-compare').inputValue(), e.compare, `${e.id}: and compares with the same`);
    await full.click('#tab-json');
    assert.deepEqual(JSON.parse(await full.locator('.js-jsonText').inputValue()), JSON.parse(text), `${e.id}: and holds the same scenario, secrets included`);
    await full.close();
  }
  await done(page);
});

test('axe-core reports no violations inside the embed (light, dark, read-only, explain)', async () => {
  const axe = await launch({ bypassCSP: true });
  try {
    const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const check = async (page, label) => {
      await page.evaluate(source);
      const res = await page.evaluate(async () => {
        const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(res, [], `axe (${label})`);
    };
    for (const [q, label] of [['example=auth-none&theme=light', 'light'], ['example=auth-none&theme=dark', 'dark'], ['example=httpx-header-none&readonly=1&panes=diff&theme=dark', 'read-only diff']]) {
      const page = await axe.context.newPage();
      await page.setViewportSize({ width: 720, height: 900 });
      await page.goto(`${srv.url}/embed/?${q}`);
      await page.waitForSelector('body[data-engine="ready"][data-rendered]', { timeout: 30000 });
      if (label === 'light') {
        await page.locator('.js-part').nth(2).click();
        await page.waitForSelector('.js-steps');
      }
      await check(page, label);
      await page.screenshot({ path: `${SHOTS}/23-embed-${label.replace(/\W+/g, '-')}.png`, fullPage: true });
      await page.close();
    }
  } finally {
    await axe.close();
  }
});

test('before the engine, an embed shows its example\'s build-time result, from a module of its own: not the page\'s data.js or results.js', async () => {
  const page = await browser.context.newPage();
  // A worker that never answers: the engine stays "loading", so what the embed shows is built in.
  await page.addInitScript(() => {
    delete globalThis.SharedWorker;
    globalThis.Worker = class { postMessage() {} terminate() {} };
  });
  const scripts = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
  await page.goto(`${srv.url}/embed/?example=auth-none`);
  const scenario = exampleText('auth-none');
  await page.waitForFunction(() => document.querySelector('.js-outcome').dataset.outcome !== 'pending');
  assert.equal(await page.locator('.js-wire').textContent(), rawHTTP(cli(['resolve', '-'], scenario)), 'the build-time final request');
  const d = cli(['diff', '-', '--against', 'httpx@0.14.2'], scenario);
  assert.equal(await page.locator('.js-changes > li').count(), d.changes.filter((c) => c.class === 'semantic').length, 'and its diff');
  assert.equal(await page.evaluate(() => document.body.dataset.engine), undefined, 'the engine has not answered');
  assert.deepEqual(scripts.filter((u) => /^\/assets\/(data|results)\./.test(u)), [], `no page data module among ${scripts}`);
  assert.deepEqual(scripts.filter((u) => u.startsWith('/assets/results/')).map((u) => u.replace(/\.[0-9a-f]{10}\.js$/, '')), ['/assets/results/auth-none'], 'the example\'s result alone');
  await page.close();
});

test('an embed asks the engine for the rules\' docs only when its final request is used, then shows them', async () => {
  const page = await browser.context.newPage();
  // Records the engine calls the embed posts (to the SharedWorker's port).
  await page.addInitScript(() => {
    window.calls = [];
    const post = MessagePort.prototype.postMessage;
    MessagePort.prototype.postMessage = function (m, ...rest) {
      if (m && m.type === 'call') window.calls.push(...m.calls.map((c) => c.fn));
      return post.call(this, m, ...rest);
    };
  });
  await page.goto(`${srv.url}/embed/?example=auth-none`);
  await page.waitForSelector('body[data-engine="ready"][data-rendered]', { timeout: 30000 });
  await page.waitForTimeout(1500); // idle: the pickers fill, nothing else is asked
  assert.deepEqual(await page.evaluate(() => window.calls.filter((f) => f === 'libraries')), [], 'no libraries() call before the final request is used');
  await page.locator('.js-part').nth(2).click();
  await page.waitForSelector('.js-steps .Step-doc', { timeout: 10000 });
  assert.deepEqual(await page.evaluate(() => window.calls.filter((f) => f === 'libraries')), ['libraries'], 'one libraries() call');
  await page.close();
});

test('embed.js stays small and dependency-free', () => {
  const src = readFileSync('dist/embed.js');
  const gz = require('node:zlib').gzipSync(src, { level: 9 }).length;
  assert.ok(gz <= 3072, `embed.js is ${gz} bytes gzipped; the budget is 3072`);
  assert.doesNotMatch(src.toString(), /\bimport\b|\brequire\(/, 'no imports');
});
