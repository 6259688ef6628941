// Shared browser set-up for the tests and the benchmark: Debian's Chromium
// through playwright-core (never a downloaded browser), a fresh profile, and
// cmd/serve started on a free loopback port.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Launches Chromium with a fresh user-data-dir (a persistent context, so the
 * profile is really new each time). Returns {context, dir, close}.
 * @param {object} [opts] extra context options (viewport, bypassCSP, colorScheme)
 */
export async function launch(opts = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mergeplay-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    ...opts,
  });
  context.on('page', settling); // pages opened by the page (popups, new tabs) too
  const newPage = context.newPage.bind(context);
  context.newPage = async () => settling(await newPage());
  return {
    context,
    dir, // the profile directory: finds this browser's processes (see rendererPeaks in robustness.test.mjs)
    async close() {
      await context.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts cmd/serve on 127.0.0.1:0 (BASE_URL overrides, for a server already running).
 * @returns {Promise<{url: string, stop: () => Promise<void>}>}
 */
export async function startServer() {
  if (process.env.BASE_URL) return { url: process.env.BASE_URL.replace(/\/$/, ''), stop: async () => {} };
  const bin = process.env.SERVE_BIN || 'bin/serve';
  // SERVE_CONFIG: another build's netlify.toml (its CSP holds that build's inline hashes).
  const config = process.env.SERVE_CONFIG ? ['-config', process.env.SERVE_CONFIG] : [];
  const child = spawn(bin, ['-addr', '127.0.0.1:0', '-dir', process.env.DIST || 'dist', ...config], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d) => {
      buf += d;
      const m = /serving .* on (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${buf}`)));
    setTimeout(() => reject(new Error(`serve did not start: ${buf}`)), 15000);
  });
  return {
    url,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}


/** The engine's answer natively, from the CLI: `mergeplay <args>` with input on stdin. */
export function cli(args, input) {
  const r = spawnSync(process.env.MERGEPLAY_BIN || 'bin/mergeplay', args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mergeplay ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * The final request as raw HTTP, written independently of web/js/render.js
 * (which the tests check against it) and of cmd/sitebuild's RawHTTP.
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
 * Waits until the page (or frame) has the engine's answer to its latest
 * state: app.js and embed-page.js set body[data-busy] while a call is out.
 * @param {import('playwright-core').Page | import('playwright-core').Frame} target
 */
export async function settle(target) {
  await target.waitForFunction(() => !document.body || !('busy' in document.body.dataset), null, { timeout: 30000 });
}

/**
 * Makes the page's actions (fill, click, selectOption, press, check, …) wait
 * for the engine's answer before they return, as a user waits to read it:
 * the engine answers from a worker, so a render follows an edit by a round trip.
 * @param {import('playwright-core').Page} page
 */
export function settling(page) {
  if (page.settling) return page;
  page.settling = true;
  for (const m of ['fill', 'selectOption', 'click', 'press', 'check', 'uncheck', 'type', 'dispatchEvent']) {
    const orig = page[m].bind(page);
    page[m] = async (...args) => {
      const r = await orig(...args);
      await settle(page).catch(() => {}); // a page that navigated or closed has nothing to wait for
      return r;
    };
  }
  return page;
}

/**
 * The page's engine workers (named mergeplay-engine), without the version
 * timeline's own worker (mergeplay-timeline, see web/js/engine.js).
 * @param {import('playwright-core').Page} page
 */
export async function engineWorkers(page) {
  const out = [];
  for (const w of page.workers()) {
    const name = await w.evaluate(() => self.name).catch(() => '');
    if (name !== 'mergeplay-timeline') out.push(w);
  }
  return out;
}

/**
 * The page's second engine (timeline, compare-all: engine.js's side engine),
 * or null while it has none.
 * @param {import('playwright-core').Page} page
 */
export async function timelineWorker(page) {
  for (const w of page.workers()) {
    if (await w.evaluate(() => self.name).catch(() => '') === 'mergeplay-timeline') return w;
  }
  return null;
}

/**
 * Collects into page.problems what a test page must not do: console errors
 * (and warnings, unless warnings is false; a warning matching ignoreWarning is
 * not one), uncaught exceptions and, with dialogs, dialogs (dismissed).
 * @param {import('playwright-core').Page} page
 * @param {{warnings?: boolean, dialogs?: boolean, ignoreWarning?: RegExp}} [opts]
 */
export function watchProblems(page, { warnings = true, dialogs = false, ignoreWarning } = {}) {
  const problems = [];
  page.on('console', (m) => {
    const type = m.type();
    if (type !== 'error' && !(warnings && type === 'warning')) return;
    if (type === 'warning' && ignoreWarning?.test(m.text())) return;
    problems.push(`console ${type}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  if (dialogs) page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.problems = problems;
  return problems;
}

/** Closes a watched page and fails if it collected any problem. @param {any} page @param {string} what */
export async function closeClean(page, what) {
  const problems = page.problems;
  await page.close();
  assert.deepEqual(problems, [], what);
}
