// Browser tests of the page's and the embed's robustness (issue 9, items 3,
// 5 and 9): secrets kept out of localStorage unless the user opts in, share
// links that are decompression bombs, links and messages that hold no usable
// state, a byte order mark. Debian's Chromium through playwright-core, the
// real page from cmd/serve. Run with `make test-browser`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { launch, cli, rawHTTP, settle, watchProblems, closeClean, engineWorkers } from './launch.mjs';
import { sharedBrowser, openReady } from './suite.mjs';

const STORE_KEY = 'mergeplay.state.v1';

const env = sharedBrowser(undefined, { docs: true });

/** Opens a page, collecting console errors, uncaught exceptions and dialogs. */
const open = (path, context) => openReady(env, path, { dialogs: true }, context);

const done = (page) => closeClean(page, 'no console errors, warnings, exceptions or dialogs');

const wire = (page) => page.locator('.js-wire').textContent();
const stored = (page, kind = 'localStorage') => page.evaluate(([k, key]) => globalThis[k].getItem(key), [kind, STORE_KEY]);

async function setJSON(page, text) {
  await page.click('#tab-json');
  await page.locator('.js-jsonText').fill(text);
  await settle(page);
  await page.click('#tab-form');
}

/** Waits until the saved state (saved one task after a render) holds a string. */
async function savedWith(page, needle, kind = 'localStorage') {
  await page.waitForFunction(([k, key, n]) => (globalThis[k].getItem(key) || '').includes(n), [kind, STORE_KEY, needle]);
}

// ---- secrets and localStorage (item 3) ----

const SECRETS = ['s3cret-pw', 'tok-xyz-123', 'c00kie-val', 'pa55wd', 'k-api-999'];
const WITH_SECRETS = JSON.stringify({
  mergeplay: 1, library: 'httpx@0.28.1',
  client: { base_url: 'https://user:pa55wd@api.example.com/v1/', headers: { Authorization: 'Bearer tok-xyz-123', 'X-Api-Key': 'k-api-999' }, cookies: { sid: 'c00kie-val' }, auth: { username: 'john', password: 's3cret-pw' } },
  request: { url: 'users', headers: { 'X-Trace': 'keep-me' } },
});

test('localStorage keeps secrets only with "remember secrets on this device"; the tab keeps them across a reload', async () => {
  const b = await launch(); // a profile of its own: its storage starts empty
  try {
    const page = await open('/', b.context);
    assert.equal(await page.isChecked('.js-rememberSecrets'), false, 'unticked by default');
    await savedWith(page, 'admin'); // the default example, whose password is its own: saved as it is
    await setJSON(page, WITH_SECRETS);
    const full = await wire(page);
    assert.match(full, /Authorization: Basic am9objpzM2NyZXQtcHc=|Authorization: Bearer tok-xyz-123/);
    await savedWith(page, 'keep-me');
    const local = await stored(page);
    for (const s of SECRETS) assert.ok(!local.includes(s), `localStorage does not hold ${s}: ${local}`);
    const saved = JSON.parse(local);
    assert.match(saved.text, /REDACTED/, 'the share link\'s placeholder stands in');
    assert.match(saved.text, /keep-me/, 'everything else is kept');
    assert.deepEqual(saved.secrets.sort(), ['client.auth', 'client.base_url', 'client.cookies["sid"]', 'client.headers["Authorization"]', 'client.headers["X-Api-Key"]'].sort(),
      'which secret fields were present');
    const session = await stored(page, 'sessionStorage');
    for (const s of SECRETS) assert.ok(session.includes(s), `sessionStorage (this tab) holds ${s}`);

    await page.reload();
    await page.waitForSelector('body[data-engine="ready"]');
    assert.equal(await wire(page), full, 'a reload in the same tab loses nothing');

    // Another tab of the same browser: the device's copy, redacted, and a note that says so.
    const other = await open('/', b.context);
    assert.match(await wire(other), /REDACTED/);
    for (const s of SECRETS) assert.ok(!(await wire(other)).includes(s), `the other tab does not get ${s}`);
    assert.match(await other.locator('.js-storageNote').textContent(), /without its secrets \(.*client\.auth.*\).*REDACTED.*remember secrets on this device/);
    await done(other);

    // Opted in: the device keeps them, and the choice is remembered.
    await page.check('.js-rememberSecrets');
    await savedWith(page, 's3cret-pw');
    for (const s of SECRETS) assert.ok((await stored(page)).includes(s), `opted in: localStorage holds ${s}`);
    const third = await open('/', b.context);
    assert.equal(await third.isChecked('.js-rememberSecrets'), true, 'the choice is remembered');
    assert.equal(await wire(third), full, 'opted in: another tab gets the secrets');
    await done(third);

    // Unticked again: rewritten redacted at once.
    await page.uncheck('.js-rememberSecrets');
    await page.waitForFunction((key) => !localStorage.getItem(key).includes('s3cret-pw'), STORE_KEY);
    for (const s of SECRETS) assert.ok(!(await stored(page)).includes(s), `unticked: localStorage no longer holds ${s}`);
    assert.match(await page.locator('.js-storageNote').textContent(), /stay in this tab/);
    await done(page);
  } finally {
    await b.close();
  }
});

test('an old saved state with plain secrets still loads, and is rewritten redacted', async () => {
  const b = await launch();
  try {
    // Saved as the page saved it before (whole), before the page's first script runs; once.
    await b.context.addInitScript(([key, text]) => {
      if (localStorage.getItem('test.seeded')) return;
      localStorage.setItem('test.seeded', '1');
      localStorage.setItem(key, JSON.stringify({ text, compare: 'httpx@0.14.2' }));
    }, [STORE_KEY, WITH_SECRETS]);
    const page = await open('/', b.context);
    assert.equal(await wire(page), rawHTTP(cli(['resolve', '-'], WITH_SECRETS)), 'the old state loads whole');
    assert.equal(await page.inputValue('.js-compare'), 'httpx@0.14.2');
    await page.waitForFunction((key) => !localStorage.getItem(key).includes('s3cret-pw'), STORE_KEY);
    for (const s of SECRETS) assert.ok(!(await stored(page)).includes(s), `rewritten without ${s}`);
    for (const s of SECRETS) assert.ok((await stored(page, 'sessionStorage')).includes(s), `this tab still has ${s}`);
    await done(page);
  } finally {
    await b.close();
  }
});

// ---- decompression bombs (item 5) ----

/** A format-1 link whose JSON inflates to mb megabytes (a title of 'a's). */
function bomb(mb) {
  const buf = Buffer.alloc(mb * 1e6, 0x61);
  buf.write('{"compare": "client", "scenario": {"mergeplay": 1, "library": "httpx@0.28.1", "title": "', 0);
  return `#s1.${deflateRawSync(buf, { level: 9 }).toString('base64url')}`;
}

/** Peak resident memory (VmHWM, kB) of each renderer process of the browser whose profile is dir. */
function rendererPeaks(dir) {
  const procs = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      procs.push({ pid, ppid, cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') });
    } catch { /* gone */ }
  }
  const root = procs.find((p) => p.cmd.includes(`--user-data-dir=${dir}`) && !p.cmd.includes('--type='));
  assert.ok(root, 'the browser process is found');
  const mine = new Set([root.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) { mine.add(p.pid); grew = true; }
  }
  const out = new Map();
  for (const p of procs) {
    if (!mine.has(p.pid) || !p.cmd.includes('--type=renderer')) continue;
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'));
    if (m) out.set(p.pid, Number(m[1]));
  }
  return out;
}

test('a share link that inflates past 1 MB is stopped at the limit: clear error, state kept, memory bounded', async () => {
  const b = await launch();
  try {
    const page = await open('/', b.context);
    await page.fill('#f-request-url', 'https://api.example.com/mine');
    await savedWith(page, '/mine');
    const mine = await wire(page);
    const cdp = await b.context.newCDPSession(page);
    for (const mb of [100, 190]) {
      const hash = bomb(mb);
      const heap0 = await cdp.send('Runtime.getHeapUsage');
      const peaks0 = rendererPeaks(b.dir);
      const t0 = Date.now();
      await page.evaluate((h) => { location.hash = h; }, hash); // a link pasted into the open tab
      await page.waitForSelector('.js-linkError:not([hidden])', { timeout: 60000 });
      const ms = Date.now() - t0;
      const msg = await page.locator('.js-linkError').textContent();
      assert.match(msg, /more than 1 MB once decompressed.*stopped.*Nothing was replaced/, `${mb} MB: ${msg}`);
      const peaks1 = rendererPeaks(b.dir);
      const growth = Math.max(0, ...[...peaks1].map(([pid, kb]) => kb - (peaks0.get(pid) ?? kb)));
      const heap1 = await cdp.send('Runtime.getHeapUsage');
      console.log(`# ${mb} MB bomb, ${hash.length} characters: error after ${ms} ms; renderer peak RSS +${Math.round(growth / 1024)} MB; ` +
        `JS heap used ${(heap0.usedSize / 2 ** 20).toFixed(1)} → ${(heap1.usedSize / 2 ** 20).toFixed(1)} MB`);
      assert.ok(growth < 100 * 1024, `${mb} MB bomb: the renderer's peak memory grew by ${Math.round(growth / 1024)} MB (inflating it whole takes more than ${mb} MB)`);
      assert.equal(await wire(page), mine, 'the previous state is kept on screen');
      assert.match(await stored(page), /\/mine/, 'and in storage');
      // A fresh load of the same link: the page goes on with the tab's state.
      await page.reload();
      await page.waitForSelector('body[data-engine="ready"]');
      assert.match(await page.locator('.js-linkError').textContent(), /more than 1 MB once decompressed.*your last state/);
      assert.equal(await wire(page), mine, 'on arrival too, the state is kept');
    }
    // Still usable.
    await page.fill('#f-request-url', 'https://api.example.com/after-the-bombs');
    await page.waitForFunction(() => /after-the-bombs/.test(document.querySelector('.js-wire').textContent));
    await done(page);
  } finally {
    await b.close();
  }
});

// ---- links that hold no usable state (item 9) ----

const state = (obj) => `#s1.${deflateRawSync(Buffer.from(JSON.stringify(obj))).toString('base64url')}`;

test('a link holding {"scenario":5}, a bad #scenario= or a compare over 100 characters keeps the state and says why', async () => {
  const b = await launch();
  try {
    const page = await open('/', b.context);
    await page.fill('#f-request-url', 'https://api.example.com/kept');
    await savedWith(page, '/kept');
    const kept = await wire(page);
    const savedBefore = await stored(page);
    const cases = [
      ['a number for the scenario', state({ scenario: 5 }), /the link's scenario is a number, not a scenario object/],
      ['an array for the scenario', state({ compare: 'client', scenario: [] }), /the link's scenario is an array/],
      ['a prefill that is not JSON', '#scenario=%7B%22mergeplay%22%3A1%2C', /the link's scenario is not valid JSON: line 1, column 16: /],
      ['a prefill that is a string', '#scenario=%22hello%22', /the link's scenario is a string, not a scenario object/],
      ['an empty prefill', '#scenario=', /empty/],
      ['a prefill with a BOM', `#scenario=${encodeURIComponent('\uFEFF{"mergeplay": 1}')}`, /byte order mark \(U\+FEFF\); remove it/],
      ['a compare over 100 characters in a link', state({ compare: `httpx@${'9'.repeat(95)}`, scenario: { mergeplay: 1, library: 'httpx@0.28.1' } }), /"compare" is 101 characters; the limit is 100/],
      ['a compare over 100 characters in a prefill', `#scenario=%7B%7D&compare=${'x'.repeat(150)}`, /"compare" is 150 characters; the limit is 100/],
    ];
    for (const [name, hash, re] of cases) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('.js-linkError').textContent), re.source, { timeout: 5000 })
        .catch(() => {});
      const err = page.locator('.js-linkError');
      assert.equal(await err.isVisible(), true, `${name}: an error is shown`);
      assert.match(await err.textContent(), re, name);
      assert.match(await err.textContent(), /Nothing was replaced/, name);
      assert.equal(await wire(page), kept, `${name}: the state on screen is kept`);
      assert.equal(await stored(page), savedBefore, `${name}: the saved state is kept`);
      await page.reload(); // arriving with it
      await page.waitForSelector('body[data-engine="ready"]');
      assert.match(await page.locator('.js-linkError').textContent(), re, `${name}, on arrival`);
      assert.equal(await wire(page), kept, `${name}, on arrival: the tab's state is shown`);
      assert.equal(await stored(page), savedBefore, `${name}, on arrival: the saved state is kept`);
    }
    // A good link opens and clears the error; a compare of 100 characters is accepted.
    const sc = { mergeplay: 1, library: 'httpx@0.28.1', request: { url: 'https://a.example/ok' } };
    await page.evaluate((h) => { location.hash = h; }, state({ compare: 'client', scenario: sc }));
    await page.waitForFunction(() => /\/ok /.test(document.querySelector('.js-wire').textContent));
    assert.equal(await page.locator('.js-linkError').isHidden(), true, 'a link that opens clears the error');
    await page.evaluate((h) => { location.hash = h; }, state({ compare: `httpx@${'9'.repeat(94)}`, scenario: sc }));
    await page.waitForFunction(() => document.querySelector('.js-compare').value.length === 100);
    assert.equal(await page.locator('.js-linkError').isHidden(), true, '100 characters is within the limit');
    await done(page);
  } finally {
    await b.close();
  }
});

test('a byte order mark is named in the JSON tab, at line 1, column 1', async () => {
  const page = await open('/');
  await page.click('#tab-json');
  await page.locator('.js-jsonText').fill('\uFEFF{"mergeplay": 1, "library": "httpx@0.28.1", "request": {"url": "https://a.example/"}}');
  const msg = await page.locator('.js-jsonError').textContent();
  assert.equal(msg, 'line 1, column 1: invalid JSON: the document starts with a byte order mark (U+FEFF); remove it');
  // The engine says the same (the CLI and the Worker use its message).
  const engineMsg = await (await engineWorkers(page))[0].evaluate(() => JSON.parse(globalThis.mergeplay.resolve('\uFEFF{"mergeplay": 1}')).error.message);
  assert.equal(engineMsg, 'invalid JSON at byte 0: the document starts with a byte order mark (U+FEFF); remove it');
  await done(page);
});

// ---- the embed (item 9) ----

test('embed: setState with a cyclic or BigInt scenario, or a compare over 100 characters, answers mergeplay:error and keeps the state', async () => {
  const page = await env.browser.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${env.docs.url}/docs/`);
  await page.evaluate(() => {
    window.seen = [];
    for (const el of document.querySelectorAll('[data-mergeplay]')) el.addEventListener('mergeplay:error', (ev) => window.seen.push({ el: el.id, ...ev.detail }));
  });
  const iframe = page.locator('#by-scenario iframe');
  await iframe.scrollIntoViewIfNeeded();
  const frame = await (await iframe.elementHandle()).contentFrame();
  await frame.waitForSelector('body[data-engine="ready"][data-rendered]', { timeout: 30000 });
  const frameErrors = [];
  frame.page().on('pageerror', (e) => frameErrors.push(e.message));
  const before = await frame.evaluate(() => [document.querySelector('.js-wire').textContent, document.querySelector('.js-compare').value]);
  const cases = [
    ['a cyclic object', 'cyclic', /^setState: the scenario object cannot be written as JSON \(.*circular.*\)/is],
    ['a BigInt inside', 'bigint', /^setState: the scenario object cannot be written as JSON \(.*BigInt.*\)/s],
    ['a compare over 100 characters', 'compare', /^setState: "compare" is 101 characters; the limit is 100/],
    ['a compare that is not a string', 'compare-number', /^setState: compare must be a string/],
  ];
  for (const [name, kind, re] of cases) {
    await page.evaluate(([k, origin]) => {
      const sc = { mergeplay: 1, library: 'httpx@0.28.1', request: { url: 'https://a.example/changed' } };
      let state = { scenario: sc };
      if (k === 'cyclic') sc.self = sc;
      if (k === 'bigint') sc.request.json = { n: 10n };
      if (k === 'compare') state = { scenario: sc, compare: `httpx@${'1'.repeat(95)}` };
      if (k === 'compare-number') state = { scenario: sc, compare: 7 };
      window.seen.length = 0;
      document.querySelector('#by-scenario iframe').contentWindow.postMessage({ type: 'mergeplay:setState', state }, origin);
    }, [kind, env.srv.url]);
    const got = await page.waitForFunction(() => window.seen[0], null, { timeout: 5000 }).then((h) => h.jsonValue(), () => null);
    assert.ok(got, `${name}: a mergeplay:error answers`);
    assert.equal(got.el, 'by-scenario');
    assert.match(got.message, re, name);
    const now = await frame.evaluate(() => [document.querySelector('.js-wire').textContent, document.querySelector('.js-compare').value]);
    assert.deepEqual(now, before, `${name}: the embed keeps its state`);
  }
  assert.deepEqual(frameErrors, [], 'nothing was thrown in the embed');
  await page.close();
  assert.deepEqual(problems, []);
});

test('embed: ?compare= over 100 characters and a link that cannot be opened are reported, and stay reported', async () => {
  const page = await open(`/embed/?compare=${'x'.repeat(120)}#scenario=%7Bbad`);
  await page.waitForSelector('body[data-rendered]');
  const msg = await page.locator('.js-linkError').textContent();
  assert.match(msg, /\?compare= is not used: "compare" is 120 characters; the limit is 100/);
  assert.equal(await page.locator('.js-linkError').isVisible(), true, 'still shown once the engine has rendered');
  const bombed = await open(`/embed/${bomb(20)}`);
  await bombed.waitForSelector('body[data-rendered]');
  assert.match(await bombed.locator('.js-linkError').textContent(), /more than 1 MB once decompressed/);
  assert.equal(await bombed.locator('.js-linkError').isVisible(), true);
  await done(bombed);
  await done(page);
});
