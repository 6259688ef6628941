// The setup every page test file shares: one echo-free static server of the built site and one
// fresh Chromium profile for the file, and pages opened once the engine is ready.
import { before, after } from 'node:test';
import { launch, startServer, watchProblems } from './launch.mjs';

/** Starts a server and a browser before the file's tests and stops them after; fills env. */
export function sharedBrowser(opts) {
  const env = { srv: null, browser: null };
  before(async () => {
    env.srv = await startServer();
    env.browser = await launch(opts);
  });
  after(async () => {
    await env.browser?.close();
    await env.srv?.stop();
  });
  return env;
}

/** A new page at path, its console watched (launch.mjs watchProblems), once the engine is ready. */
export async function openReady(env, path, problems) {
  const page = await env.browser.context.newPage();
  watchProblems(page, problems);
  await page.goto(env.srv.url + path);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  return page;
}
