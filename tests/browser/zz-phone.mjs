import { launch, startServer } from './launch.mjs';
const srv = await startServer();
const b = await launch({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
try {
  const page = await b.context.newPage();
  await page.goto(srv.url + (process.argv[2] || '/?example=ky-params-accumulate'));
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await page.waitForTimeout(300);
  console.log(await page.evaluate(() => document.documentElement.scrollWidth));
  console.log(await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > 376).slice(0, 12).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)));
  await page.screenshot({ path: '/work/wt-answer/build/shots/phone.png' });
  await page.screenshot({ path: '/work/wt-answer/build/shots/phone-full.png', fullPage: true });
} finally { await b.close(); await srv.stop(); }
