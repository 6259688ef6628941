// Browser tests of the pitfall badges (issue 13 point 3): on the final
// request, on the compare-all rows and in the Markdown export, for the
// absolute-URL example, and none for a clean request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cli, settle, closeClean } from './launch.mjs';
import { sharedBrowser, openReady } from './suite.mjs';

const example = readFileSync('web/examples/absolute-url-escapes-base.json', 'utf8');

const env = sharedBrowser();

async function open(path) {
  const page = await openReady(env, path);
  await page.waitForFunction(() => Number(document.body.dataset.matrix) > 0 && !('busy' in document.body.dataset));
  return page;
}

test('the absolute-URL example shows the leak: headline, diff against the base URL, badges, export', async () => {
  const page = await open('/?example=absolute-url-escapes-base');
  assert.match(await page.textContent('.js-headlineTitle'), /with the client's token and API key/);
  assert.equal(await page.inputValue('.js-compare'), 'base', 'compared with the same request to the base URL');
  assert.equal(await page.locator('.js-diffEqual').count(), 0, 'the requests are not "identical"');
  assert.match(await page.locator('.js-changes li[data-key="host" i]').textContent(), /attacker\.example\.net[\s\S]*api\.example\.com/);

  const badge = page.locator('.js-warnings .js-lints li[data-code="credentials-cross-host"]');
  assert.equal(await badge.count(), 1, 'the final request has the badge');
  assert.match(await badge.getAttribute('class'), /Lint--danger/);
  assert.match(await badge.textContent(), /credentials-cross-host[\s\S]*Authorization, X-Api-Key went to attacker\.example\.net/);
  const link = badge.locator('a');
  assert.equal(await link.getAttribute('href'), 'https://github.com/axios/axios/security/advisories/GHSA-jr5f-v2jv-69x6');
  assert.match(await link.getAttribute('rel'), /\bnoopener\b/);

  for (const id of await page.locator('.js-matrixRow').evaluateAll((l) => l.map((e) => e.dataset.id))) {
    const want = cli(['resolve', '-', '--library', id], example).lints.map((l) => l.code);
    const got = await page.locator(`.js-matrixRow[data-id="${id}"] .js-lints li`).evaluateAll((l) => l.map((e) => e.dataset.code));
    assert.deepEqual(got, want, `${id}: the row's badges are the engine's lints`);
  }
  assert.ok(await page.locator('.js-matrixRow[data-id="resty@2.17.2"] .js-lints li[data-code="credentials-cross-host"]').count());

  await page.selectOption('.js-exportKind', 'markdown');
  const md = await page.inputValue('.js-exportText');
  assert.match(md, /Pitfalls:\n\n- \*\*danger\*\* `credentials-cross-host`: The client\\'s Authorization\\, X\\-Api\\-Key went to attacker\\\.example\\\.net/);
  assert.match(md, /\(\[reference\]\(https:\/\/github\.com\/axios\/axios\/security\/advisories\/GHSA-jr5f-v2jv-69x6\)\)/);
  await closeClean(page, 'no console errors, warnings or exceptions');
});

test('a clean request has no badge', async () => {
  const page = await open('/?example=absolute-url-escapes-base');
  const n = await page.evaluate(() => Number(document.body.dataset.matrix));
  await page.click('#tab-json');
  await page.locator('.js-jsonText').fill(example.replace('https://attacker.example.net/collect', 'collect'));
  await settle(page);
  await page.waitForFunction(() => document.querySelector('.js-wire').textContent.includes('Host: api.example.com'));
  assert.equal(await page.locator('.js-warnings .js-lints').count(), 0, 'no badge on the final request');
  await page.waitForFunction((before) => Number(document.body.dataset.matrix) > before, n);
  assert.equal(await page.locator('.js-matrixRow[data-id="resty@2.17.2"] .js-lints').count(), 0, 'none on its compare-all row');
  await closeClean(page, 'no console errors, warnings or exceptions');
});
