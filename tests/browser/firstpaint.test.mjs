// The default page's first paint (issue 14): nothing fetched before it, nothing
// animating while the engine loads, nothing far below the fold rendered in it,
// and version pickers whose layout never measures their ~560 options. Each
// check is what made a main-thread task during load (bench.mjs BENCH=load
// measures the tasks themselves).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedBrowser } from './suite.mjs';
import { launch, watchProblems, closeClean } from './launch.mjs';

const env = sharedBrowser();

test('the default page: nothing render-blocking, no animation while the engine loads, far sections wait', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const b = await launch({ viewport }); // a fresh profile: the default page, nothing cached
    try {
      const page = await b.context.newPage();
      watchProblems(page);
      await page.route('**/*.wasm', () => {}); // hold the engine back: the state while it loads
      await page.goto(env.srv.url + '/');
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0 && document.readyState !== 'loading');
      const at = `${viewport.width}×${viewport.height}`;
      const blocking = await page.evaluate(() => performance.getEntriesByType('resource')
        .filter((r) => r.renderBlockingStatus === 'blocking').map((r) => new URL(r.name).pathname));
      assert.deepEqual(blocking, [], `${at}: the first paint waits for no request (the style and theme.js are inline)`);
      assert.equal(await page.locator('head script[src]:not([type="module"])').count(), 0, `${at}: no external classic script in <head>`);
      // An indeterminate <progress> (position -1) animates, a paint on the main thread every frame.
      assert.notEqual(await page.locator('.js-engineProgress').evaluate((p) => /** @type {HTMLProgressElement} */ (p).position), -1,
        `${at}: the engine's progress bar is determinate while the engine loads`);
      const rendered = (sel) => page.locator(sel).first().evaluate((e) => e.checkVisibility({ contentVisibilityAuto: true }));
      for (const sel of ['.js-examples', '.js-exportText', '.Footer p']) {
        assert.equal(await rendered(sel), false, `${at}: ${sel} (far below the fold) is not rendered before it comes near`);
      }
      for (const sel of ['.js-wire', '.js-headlineTitle', '.js-diff']) {
        assert.equal(await rendered(sel), true, `${at}: ${sel} is rendered at once`);
      }
      await page.locator('.js-examples').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('.js-examples')?.checkVisibility({ contentVisibilityAuto: true }));
      assert.ok(await page.locator('.js-example').first().isVisible(), `${at}: the examples render once scrolled to`);
      await page.locator('.js-example').first().focus();
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('js-example')), true, `${at}: and take the focus`);
      await closeClean(page, `${at}: no console errors (a CSP violation of the inline script or style would be one)`);
    } finally {
      await b.close();
    }
  }
});

test('the version pickers keep their width when their ~560 options are filled in', async () => {
  const page = await env.browser.context.newPage();
  watchProblems(page);
  await page.route('**/*.wasm', () => {}); // the pickers fill after the first result, engine or not
  // As the HTML has them (app.js fills them a frame after the first paint).
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    globalThis.pickerWidths = ['.js-library', '.js-compare', '.js-matrixPin'].map((s) => {
      const sel = /** @type {HTMLSelectElement} */ (document.querySelector(s));
      return [s, sel.options.length, sel.getBoundingClientRect().width];
    });
  }));
  await page.goto(env.srv.url + '/');
  const widths = () => page.evaluate(() => ['.js-library', '.js-compare', '.js-matrixPin'].map((s) => {
    const sel = /** @type {HTMLSelectElement} */ (document.querySelector(s));
    return [s, sel.options.length, sel.getBoundingClientRect().width];
  }));
  const before = await page.evaluate(() => globalThis.pickerWidths);
  for (const [s, n] of before) assert.ok(n <= 3, `${s} starts with its selected version only (${n} options)`);
  await page.waitForSelector('body[data-pickers="filled"]', { timeout: 30000 });
  const after = await widths();
  for (let i = 0; i < after.length; i++) {
    const [s, n, w] = after[i];
    assert.ok(n > 100, `${s} is filled (${n} options)`);
    // A width that follows the options means every layout measures each option's text.
    assert.equal(w, before[i][2], `${s}: ${w} px wide filled, ${before[i][2]} px with one option: its width must not depend on its options`);
  }
  // Filled one library per task: the same list fillPicker makes at once when a picker is used.
  const list = (p, sel) => p.evaluate((s) => [...document.querySelector(s).children].map((c) => (c instanceof HTMLOptGroupElement
    ? `${c.label}: ${[...c.children].map((o) => /** @type {HTMLOptionElement} */ (o).value).join(' ')}` : `option ${/** @type {HTMLOptionElement} */ (c).value}`)), sel);
  const value = (p, sel) => p.evaluate((s) => /** @type {HTMLSelectElement} */ (document.querySelector(s)).value, sel);
  const used = await env.browser.context.newPage();
  watchProblems(used);
  await used.route('**/*.wasm', () => {});
  await used.goto(env.srv.url + '/');
  for (const sel of ['.js-library', '.js-compare', '.js-matrixPin']) {
    await used.focus(sel); // before its steps reach it: filled at once
    const whole = await list(used, sel);
    const stepped = await list(page, sel);
    assert.ok(whole.length > 5, `${sel} filled on use: ${whole.length} children`);
    assert.deepEqual(stepped, whole, `${sel}: filled in steps, the same groups and options as filled at once`);
    assert.equal(await value(page, sel), await value(used, sel), `${sel} keeps its value`);
    const values = stepped.flatMap((c) => c.replace(/^[^:]*: |^option /, '').split(' '));
    assert.equal(new Set(values).size, values.length, `${sel}: no version twice`);
  }
  assert.deepEqual([await value(page, '.js-library'), await value(page, '.js-compare')], ['httpx@0.14.1', 'httpx@0.14.2'], 'the default example\'s versions stay selected');
  await closeClean(used, 'no console errors (picker used at once)');
  await closeClean(page, 'no console errors');
});
