// The setup every page test file shares: one echo-free static server of the built site and one
// fresh Chromium profile for the file, and pages opened once the engine is ready.
import { before, after } from 'node:test';
import { launch, startServer, watchProblems } from './launch.mjs';
import { startDocsServer } from './docs-server.mjs';

/**
 * Starts a server and a browser before the file's tests and stops them after; fills env.
 * @param {object} [opts] launch options (viewport, ...)
 * @param {{docs?: boolean}} [also] docs: also a docs server (docs-server.mjs) for the embeds, env.docs
 */
export function sharedBrowser(opts, { docs = false } = {}) {
  const env = { srv: null, docs: null, browser: null };
  before(async () => {
    env.srv = await startServer();
    if (docs) env.docs = await startDocsServer(env.srv.url);
    env.browser = await launch(opts);
  });
  after(async () => {
    await env.browser?.close();
    await env.docs?.stop();
    await env.srv?.stop();
  });
  return env;
}

/**
 * A new page at path, its console watched (launch.mjs watchProblems), once the engine is ready.
 * context: another browser's (a test's own launch()), else the shared one.
 */
export async function openReady(env, path, problems, context = env.browser.context) {
  const page = await context.newPage();
  watchProblems(page, problems);
  await page.goto(env.srv.url + path);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  return page;
}
