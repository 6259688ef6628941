// The engine off the main thread (issue 14): Go runs in a worker; the page
// survives the worker crashing or hanging with its state intact, a newer edit
// supersedes the older ones still waiting, and the embeds of one docs page
// share one engine (SharedWorker), or get one each where the browser has no
// SharedWorker. Runs in `make test-browser`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, cli, rawHTTP, settle, watchProblems, engineWorkers, timelineWorker } from './launch.mjs';
import { sharedBrowser, openReady } from './suite.mjs';

const env = sharedBrowser(undefined, { docs: true });

const resolveCLI = (scenario) => cli(['resolve', '-'], scenario);
const wire = (page) => page.locator('.js-wire').textContent();

/** Opens the page; problems collects console errors and uncaught exceptions. */
const open = (path, context) => openReady(env, path, { warnings: false }, context);

async function jsonText(page) {
  await page.click('#tab-json');
  const t = await page.locator('.js-jsonText').inputValue();
  await page.click('#tab-form');
  return t;
}

test('a Go trap in the worker: the edit reports it, the state stays, Go restarts and the next edit resolves', async () => {
  const page = await open('/?example=auth-none');
  const [worker] = await engineWorkers(page);
  const before = await jsonText(page);
  // What a trapped Go instance does to its caller: every call throws a WebAssembly.RuntimeError.
  await worker.evaluate(() => {
    globalThis.mergeplay.resolve = () => { throw new WebAssembly.RuntimeError('unreachable executed'); };
  });
  await page.fill('#f-request-url', 'https://api.example.com/crashed');
  await page.waitForSelector('body[data-engine-restarts="1"]', { timeout: 30000 });
  const err = await page.locator('.js-inputError').textContent();
  assert.match(err, /the engine crashed on this input and was restarted: unreachable executed\. Your scenario is kept; change it to try again\./);
  assert.equal(await page.inputValue('#f-request-url'), 'https://api.example.com/crashed', 'the form kept the edit');
  const after = await jsonText(page);
  assert.notEqual(after, before);
  assert.match(after, /"url": "https:\/\/api\.example\.com\/crashed"/, 'the JSON tab kept the edit');
  assert.match(await page.locator('.js-engineText').textContent(), /Engine ready \(restarted\)/);
  assert.equal((await engineWorkers(page)).length, 1, 'the same worker: Go restarted inside it, from the module it had compiled');
  // The input that crashed is not sent again by itself; the next edit is resolved by the new instance.
  await page.fill('#f-request-url', 'https://api.example.com/after-crash');
  assert.equal(await wire(page), rawHTTP(resolveCLI(await jsonText(page))));
  assert.equal(await page.locator('.js-inputError').isVisible(), false, 'the error went with the answer');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a hung worker: after the timeout it is replaced, and the page renders the edit it was given, state intact', async () => {
  const page = await open('/?example=auth-none');
  const [worker] = await engineWorkers(page);
  const w0 = await worker.evaluate(() => self.name);
  // A busy loop on the worker's only thread: it never answers again.
  await worker.evaluate(() => {
    globalThis.mergeplay.resolve = () => { for (;;) { /* hang */ } };
  });
  const t0 = Date.now();
  // locator.fill does not wait for the engine's answer (page.fill does, see launch.mjs).
  await page.locator('#f-request-url').fill('https://api.example.com/while-hung');
  // Typing goes on while the engine hangs: the form and the JSON text follow at once.
  await page.locator('#f-request-method').fill('PATCH');
  assert.equal(await page.inputValue('#f-request-url'), 'https://api.example.com/while-hung');
  assert.match(await page.locator('.js-jsonText').inputValue(), /"method": "PATCH"/, 'the JSON text follows the form while the engine hangs');
  assert.ok(Date.now() - t0 < 5000, 'the edits did not wait for the engine');
  await page.waitForSelector('body[data-engine-restarts="1"]', { timeout: 60000 });
  await settle(page);
  const waited = Date.now() - t0;
  assert.ok(waited >= 9000, `the page waited for the 10 s timeout (${waited} ms)`);
  const text = await jsonText(page);
  assert.match(text, /while-hung/);
  assert.match(text, /PATCH/);
  assert.equal(await wire(page), rawHTTP(resolveCLI(text)), 'the new engine rendered the state the page kept');
  for (let i = 0; i < 50 && page.workers().includes(worker); i++) await page.waitForTimeout(100);
  assert.ok(!page.workers().includes(worker), 'the hung worker was terminated');
  assert.equal((await engineWorkers(page)).length, 1, 'one new worker runs the engine');
  assert.equal(w0, 'mergeplay-engine');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a newer edit supersedes older ones still waiting: only the first and the last reach the engine, one render', async () => {
  const page = await open('/?example=auth-none');
  const [worker] = await engineWorkers(page);
  await worker.evaluate(() => {
    const api = globalThis.mergeplay;
    const resolve = api.resolve;
    globalThis.seen = [];
    api.resolve = (arg) => { globalThis.seen.push(JSON.parse(arg).request.url); return resolve(arg); };
  });
  const rendered = Number(await page.evaluate(() => document.body.dataset.rendered));
  // 30 edits in one task, faster than any round trip.
  await page.evaluate(() => {
    const input = /** @type {HTMLInputElement} */ (document.getElementById('f-request-url'));
    for (let i = 0; i < 30; i++) {
      input.value = `https://api.example.com/typed/${i}`;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  await settle(page);
  assert.match(await wire(page), /^GET \/typed\/29 HTTP/);
  const seen = await worker.evaluate(() => globalThis.seen);
  // An edit's batch also resolves the compared side (for the diff panel), and
  // the edit that renders is then resolved in every library for compare-all.
  assert.deepEqual([...new Set(seen)], ['https://api.example.com/typed/0', 'https://api.example.com/typed/29'],
    'the first edit was in flight; edits 1…28 were replaced while they waited');
  assert.equal(seen.filter((u) => u.endsWith('/typed/0')).length, 2,
    'edit 0: its own resolve and the compared side\'s, one batch; no compare-all for an answer that was dropped');
  assert.equal(Number(await page.evaluate(() => document.body.dataset.rendered)), rendered + 1,
    'one render: the answer to edit 0 arrived when edit 29 was waiting, so it was dropped');
  assert.equal(await wire(page), rawHTTP(resolveCLI(await jsonText(page))));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a version timeline never holds up an edit: it runs in a worker of its own, started from the same module', async () => {
  const page = await open('/?example=auth-none');
  await page.waitForSelector('.js-timeline[data-trip]', { timeout: 30000 });
  const names = await Promise.all(page.workers().map((w) => w.evaluate(() => self.name)));
  // A timeline that takes 3 s, in whichever worker computes it: as one call,
  // or in steps (httpx's 39 releases take ten or more: 150 ms each, so that
  // the timeline's 10 s timeout is not reached on a loaded machine).
  for (const w of page.workers()) {
    await w.evaluate(() => {
      const api = globalThis.mergeplay;
      const busy = (ms) => { const t = Date.now(); while (Date.now() - t < ms) { /* a long timeline */ } };
      const timeline = api.timeline;
      api.timeline = (arg) => { busy(3000); return timeline(arg); };
      const step = api.timelineStep;
      if (step) api.timelineStep = (ms) => { busy(150); return step(ms); };
    });
  }
  const drawn = Number(await page.locator('.js-timeline').getAttribute('data-drawn'));
  await page.locator('#f-request-url').fill('https://api.example.com/timeline-1');
  await page.waitForSelector('.js-timeline[data-asking]', { state: 'attached', timeout: 5000 });
  await page.waitForTimeout(100); // the slow timeline is being computed
  const t0 = Date.now();
  await page.locator('#f-request-url').fill('https://api.example.com/timeline-2');
  await page.waitForFunction(() => document.querySelector('.js-wire').textContent.includes('/timeline-2'), null, { timeout: 10000 });
  const ms = Date.now() - t0;
  assert.ok(ms < 1500, `the edit rendered ${ms} ms after it was made, while a 3 s timeline was computed (workers: ${names})`);
  assert.equal(Number(await page.locator('.js-timeline').getAttribute('data-drawn')), drawn, 'the timeline was still being computed');
  assert.ok(names.includes('mergeplay-timeline'), `a worker of its own: ${names}`);
  // The timeline of the latest scenario still arrives.
  await page.waitForFunction((d) => Number(document.querySelector('.js-timeline').dataset.drawn) > d && !('asking' in document.querySelector('.js-timeline').dataset), drawn, { timeout: 20000 });
  assert.equal(await wire(page), rawHTTP(resolveCLI(await jsonText(page))));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('compare-all is answered by the second engine, asked with the edit; the page is busy until the table and the export follow it', async () => {
  const page = await open('/?example=auth-none');
  await page.waitForSelector('.js-timeline[data-trip]', { timeout: 30000 }); // the second engine is up
  const [first] = await engineWorkers(page);
  const second = await timelineWorker(page);
  assert.ok(first && second, 'both engines');
  for (const w of [first, second]) {
    await w.evaluate(() => {
      const api = globalThis.mergeplay;
      const each = api.resolveEach;
      /** @type {any} */ (self).eachCalls = 0;
      api.resolveEach = (arg) => { /** @type {any} */ (self).eachCalls++; return each(arg); };
    });
  }
  const n = Number(await page.evaluate(() => document.body.dataset.matrix));
  await page.locator('#f-request-url').fill('https://api.example.com/beside');
  await page.waitForFunction((before) => Number(document.body.dataset.matrix) > before && !('busy' in document.body.dataset), n, { timeout: 20000 });
  const calls = async (w) => w.evaluate(() => /** @type {any} */ (self).eachCalls);
  assert.equal(await calls(second), 1, 'the second engine answered compare-all');
  assert.equal(await calls(first), 0, 'the engine answered only the edit');
  // No longer busy: the table, the final request and the export all show the edit.
  const text = await jsonText(page);
  assert.match(await wire(page), /^GET \/beside /);
  assert.match(await page.inputValue('.js-exportText'), /api\.example\.com\/beside/, 'the export follows the edit before the page stops being busy');
  const ids = await page.locator('.js-matrixRow').evaluateAll((l) => l.map((e) => /** @type {HTMLElement} */ (e).dataset.id));
  const cells = await page.locator('.js-matrixRow td[data-col="outcome"]').allTextContents();
  assert.ok(ids.length >= 10, `a row per library: ${ids}`);
  for (const [i, id] of ids.entries()) {
    const want = cli(['resolve', '-', '--library', id], text);
    assert.match(cells[i], new RegExp(`^${want.outcome}`), `${id}: the edited scenario's outcome`);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a Go trap in the second engine during compare-all: the table says so, the edit\'s answer stands, and the next edit has its table', async () => {
  const page = await open('/?example=auth-none');
  await page.waitForSelector('.js-timeline[data-trip]', { timeout: 30000 }); // the second engine is up
  const second = await timelineWorker(page);
  assert.ok(second, 'the second engine');
  await second.evaluate(() => {
    globalThis.mergeplay.resolveEach = () => { throw new WebAssembly.RuntimeError('unreachable executed'); };
  });
  await page.fill('#f-request-url', 'https://api.example.com/table-crashed');
  await page.waitForSelector('.js-matrixError', { state: 'attached', timeout: 30000 });
  assert.match(await page.locator('.js-matrixError').textContent(), /^Compare-all has no answer: the engine crashed on this input and was restarted: unreachable executed\./);
  assert.match(await wire(page), /^GET \/table-crashed /, 'the edit\'s own answer is on screen');
  assert.equal(await page.locator('.js-inputError').isVisible(), false, 'the scenario is not the error');
  await page.waitForFunction(() => !('busy' in document.body.dataset), null, { timeout: 20000 });
  // Go restarted in the second engine's worker: the next edit has its table again.
  await page.fill('#f-request-url', 'https://api.example.com/table-back');
  await page.waitForFunction(() => document.querySelectorAll('.js-matrixRow').length >= 10 && !document.querySelector('.js-matrixError'), null, { timeout: 30000 });
  assert.match(await wire(page), /^GET \/table-back /);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a timeline pauses while an edit is answered, and the timeline of a scenario that changed stops', async () => {
  const page = await open('/?example=auth-none');
  await page.waitForSelector('.js-timeline[data-trip]', { timeout: 30000 });
  const side = await timelineWorker(page);
  assert.ok(side, 'the timeline\'s worker');
  // One log, in the order the timeline's worker saw them, of the messages it
  // got and the work it did (each step, or the one call; those of timeline-a
  // made slow, so that it lasts a second or more). Both happen on its one
  // thread, so the order is exact whatever the machine's load.
  await side.evaluate(() => {
    const api = globalThis.mergeplay;
    const busy = (ms) => { const t = Date.now(); while (Date.now() - t < ms) { /* a slow release */ } };
    const log = globalThis.log = [];
    const which = (arg) => (/timeline-[ab]/.exec(arg) || ['other'])[0];
    const onmessage = self.onmessage;
    self.onmessage = (e) => {
      const m = e.data || {};
      log.push({ msg: m.type, of: m.type === 'call' ? which(JSON.stringify(m.calls)) : m.type === 'timeline' ? which(m.arg) : undefined });
      return onmessage.call(self, e);
    };
    let of = '';
    const timeline = api.timeline;
    api.timeline = (arg) => { log.push({ work: which(arg) }); if (which(arg) === 'timeline-a') busy(1500); return timeline(arg); };
    const start = api.timelineStart;
    if (start) api.timelineStart = (arg) => { of = which(arg); return start(arg); };
    const step = api.timelineStep;
    if (step) api.timelineStep = (ms) => { log.push({ work: of }); if (of === 'timeline-a') busy(200); return step(ms); };
  });
  await page.locator('#f-request-url').fill('https://api.example.com/timeline-a');
  // (The timeline's worker cannot be asked: it answers nothing while Go runs.)
  await page.waitForFunction(() => 'asking' in document.querySelector('.js-timeline').dataset, null, { polling: 5, timeout: 10000 });
  await page.waitForTimeout(100); // the timeline of timeline-a is computing
  // The timeline of timeline-b is asked after the edit (data-asking set) and answered (removed).
  await page.evaluate(() => {
    const box = /** @type {HTMLElement} */ (document.querySelector('.js-timeline'));
    let asked = false;
    globalThis.timelineB = new Promise((resolve) => {
      new MutationObserver(() => {
        if ('asking' in box.dataset) asked = true;
        else if (asked) resolve(undefined);
      }).observe(box, { attributes: true, attributeFilter: ['data-asking'] });
    });
  });
  await page.locator('#f-request-url').fill('https://api.example.com/timeline-b');
  await page.waitForFunction(() => document.querySelector('.js-wire').textContent.includes('/timeline-b'), null, { timeout: 10000 });
  await page.evaluate(() => Promise.race([globalThis.timelineB, new Promise((r) => setTimeout(r, 30000))]));
  const log = await side.evaluate(() => globalThis.log);
  const shown = JSON.stringify(log);
  const first = log.findIndex((e) => e.work === 'timeline-a');
  const cancelled = log.findIndex((e) => e.msg === 'cancel');
  assert.ok(first >= 0, `the timeline of timeline-a was computed: ${shown}`);
  // The edit made while it computed paused it, and the scenario's change
  // then dropped it: no step of it after the cancel.
  const pause = log.findIndex((e, i) => i > first && e.msg === 'pause');
  assert.ok(pause > first, `the edit paused the timeline of timeline-a: ${shown}`);
  assert.ok(cancelled > first, `the timeline of timeline-a was cancelled: ${shown}`);
  assert.equal(log.findIndex((e, i) => i > cancelled && e.work === 'timeline-a'), -1, `the timeline of timeline-a ran on after it was cancelled: ${shown}`);
  // Work happens only while the page lets it: no step between a pause and the next resume.
  let paused = false;
  for (const [i, e] of log.entries()) {
    if (e.msg === 'pause' || e.msg === 'resume') paused = e.msg === 'pause';
    assert.ok(!(e.work && paused), `step ${i} ran while paused: ${shown}`);
  }
  assert.ok(log.some((e) => e.work === 'timeline-b'), `the timeline of timeline-b was computed: ${shown}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

/**
 * Opens a docs page with n embeds and returns, per embed, which engine
 * answered it and whether its final request is the CLI's.
 */
async function embedsOf(context, n) {
  const page = await context.newPage();
  const problems = watchProblems(page, { warnings: false });
  await page.goto(`${env.docs.url}/docs/bench.html?n=${n}`);
  await page.waitForFunction((k) => document.querySelectorAll('[data-mergeplay] iframe[src]').length === k, n, { timeout: 30000 });
  const out = [];
  for (const h of await page.$$('[data-mergeplay] iframe')) {
    const f = await h.contentFrame();
    await f.waitForSelector('body[data-engine="ready"][data-rendered]', { timeout: 60000 });
    await settle(f);
    const { kind, instance, scenario, shown, sharedWorker } = await f.evaluate(() => ({
      kind: document.body.dataset.engineKind,
      instance: document.body.dataset.engineInstance,
      scenario: document.querySelector('.js-scenarioText').textContent,
      shown: document.querySelector('.js-wire').textContent,
      sharedWorker: typeof globalThis.SharedWorker,
    }));
    out.push({ kind, instance, ok: shown === rawHTTP(resolveCLI(scenario)), sharedWorker });
  }
  return { page, out, problems };
}

test('five embeds on one docs page share one engine (SharedWorker), and each shows its own answer', async () => {
  const b = await launch({ viewport: { width: 1280, height: 5400 } });
  try {
    const { page, out, problems } = await embedsOf(b.context, 5);
    assert.equal(out.length, 5);
    for (const [i, e] of out.entries()) {
      assert.equal(e.kind, 'shared', `embed ${i + 1} is answered by the shared engine`);
      assert.ok(e.ok, `embed ${i + 1} shows the CLI's final request`);
    }
    assert.equal(new Set(out.map((e) => e.instance)).size, 1, `one Go instance for the page: ${out.map((e) => e.instance)}`);
    // An edit in one embed is answered by the shared engine and changes that embed only.
    const frames = await Promise.all((await page.$$('[data-mergeplay] iframe')).map((h) => h.contentFrame()));
    const before = await frames[1].locator('.js-wire').textContent();
    await frames[0].locator('.js-jsonText').fill(JSON.stringify({ mergeplay: 1, library: 'httpx@0.14.2', request: { url: 'https://shared.example/edited' } }));
    await settle(frames[0]);
    assert.match(await frames[0].locator('.js-wire').textContent(), /^GET \/edited HTTP/);
    assert.equal(await frames[1].locator('.js-wire').textContent(), before, 'the other embeds keep their own state');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await b.close();
  }
});

test('without SharedWorker (Chrome on Android) each embed gets a dedicated engine, with the same answers', async () => {
  const b = await launch({ viewport: { width: 1280, height: 5400 } });
  try {
    await b.context.addInitScript(() => { delete globalThis.SharedWorker; }); // every frame, before its scripts
    const { page, out, problems } = await embedsOf(b.context, 5);
    assert.equal(out.length, 5);
    for (const [i, e] of out.entries()) {
      assert.equal(e.sharedWorker, 'undefined', `embed ${i + 1} has no SharedWorker`);
      assert.equal(e.kind, 'dedicated', `embed ${i + 1} runs its own engine`);
      assert.ok(e.ok, `embed ${i + 1} shows the CLI's final request`);
    }
    assert.equal(new Set(out.map((e) => e.instance)).size, 5, 'five Go instances');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await b.close();
  }
});
