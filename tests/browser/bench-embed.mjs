// make bench-web, the embed part: what a docs page with 1 and with 5 embeds
// costs. For each, min/median/max of RUNS (default 10) fresh browser profiles:
//  - cold: a new profile opens the docs page (another loopback origin than the
//    playground's) and we wait until every embed shows the engine's answer;
//  - warm: the same profile opens the page again.
// "All results" is the last embed's first engine render (performance mark
// mergeplay:embed-rendered, on the docs page's clock). Bytes transferred are
// Chromium's encoded sizes (body + headers; 0 for a cache hit), over the page
// and every frame. The viewport is tall enough that lazy loading starts every
// embed at once (the worst case for the engine download).
// With a warm cache the page must transfer no WASM at all: the engine is a
// hashed, immutable asset, and every embed shares it. The embeds of one page
// share one engine (a SharedWorker): the budgets are 5 embeds cold ≤ 1.5× one
// embed cold and warm ≤ 1.3× one embed warm, medians of the same run.
// CPU is what the browser's processes (every one started with this profile)
// spent from the navigation to the last result, user + system time from
// /proc: on the shared machine a loaded core makes wall time mostly waiting,
// and the CPU ratio is the part of the time ratio this page is responsible for.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { launch, startServer } from './launch.mjs';
import { startDocsServer } from './docs-server.mjs';

const RUNS = Number(process.env.RUNS || 10);
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
/** min/median/max of the visits' CPU times. @param {Array<{cpu: number}>} r */
const cpuText = (r) => `${median(r.map((x) => x.cpu)).toFixed(0)} ms (${Math.min(...r.map((x) => x.cpu)).toFixed(0)}–${Math.max(...r.map((x) => x.cpu)).toFixed(0)})`;

/** CPU time (ms) the processes of the browser with this profile directory have used so far; null off Linux. @param {string} dir */
function browserCPU(dir) {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(f[11]) + Number(f[12]); // utime, stime
      } catch { /* the process ended */ }
    }
  } catch { return null; }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** Opens the docs page with n embeds and waits for every result. */
async function visit(context, url, n, dir) {
  const page = await context.newPage();
  const cpu0 = browserCPU(dir);
  const sizes = [];
  context.on('requestfinished', (r) => {
    sizes.push(r.sizes().then((s) => ({ path: new URL(r.url()).pathname, bytes: Math.max(0, s.responseBodySize + s.responseHeadersSize) }), () => null));
  });
  await page.goto(url);
  await page.waitForFunction((k) => document.querySelectorAll('[data-mergeplay] iframe[src]').length === k, n, { timeout: 30000 });
  const origin = await page.evaluate(() => performance.timeOrigin);
  let last = 0;
  const engines = new Map(); // instance → bytes its worker downloaded (a SharedWorker's requests are not in Playwright's events)
  for (const h of await page.$$('[data-mergeplay] iframe')) {
    const f = await h.contentFrame();
    await f.waitForSelector('body[data-rendered]', { timeout: 60000 });
    const { t, engine } = await f.evaluate(() => ({
      t: performance.timeOrigin + performance.getEntriesByName('mergeplay:embed-rendered')[0].startTime,
      engine: performance.getEntriesByName('mergeplay:engine-transfer')[0]?.detail,
    }));
    if (engine) engines.set(engine.instance, engine.bytes);
    last = Math.max(last, t - origin);
  }
  const cpu1 = browserCPU(dir);
  await page.waitForTimeout(200); // let the last requestfinished events arrive
  const rows = (await Promise.all(sizes)).filter(Boolean);
  await page.close();
  const wasm = rows.filter((r) => r.path.endsWith('.wasm'));
  const fromWorkers = [...engines.values()].filter((b) => b >= 0);
  const wasmBytes = wasm.length ? wasm.reduce((a, r) => a + r.bytes, 0) : fromWorkers.reduce((a, b) => a + b, 0);
  const total = rows.reduce((a, r) => a + r.bytes, 0) + (wasm.length ? 0 : wasmBytes);
  return {
    ms: last, bytes: total, wasmBytes, engines: engines.size, cpu: cpu0 === null || cpu1 === null ? NaN : cpu1 - cpu0,
    wasmFetched: wasm.length ? wasm.filter((r) => r.bytes > 0).length : fromWorkers.filter((b) => b > 0).length,
    wasmRequests: wasm.length || fromWorkers.length,
  };
}

async function main() {
  const site = await startServer();
  const docs = await startDocsServer(site.url);
  // BEFORE_DIST=<another build's dist>: its embeds are loaded in the same
  // interleaved runs, for before/after figures on a noisy machine.
  let beforeSite = null;
  let beforeDocs = null;
  if (process.env.BEFORE_DIST) {
    const dist = process.env.DIST;
    process.env.DIST = process.env.BEFORE_DIST;
    beforeSite = await startServer();
    if (dist === undefined) delete process.env.DIST; else process.env.DIST = dist;
    beforeDocs = await startDocsServer(beforeSite.url);
  }
  try {
    const loader = readFileSync(process.env.DIST ? `${process.env.DIST}/embed.js` : 'dist/embed.js');
    console.log(`\n== embeds on a docs page (another loopback origin), ${RUNS} fresh profiles; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const medians = {};
    console.log(`  embed.js: ${kb(loader.length)} raw, ${kb(gzipSync(loader, { level: 9 }).length)} gzip   budget: ≤ 3 KB gzip`);
    for (const n of [1, 5]) {
      const cold = [];
      const warm = [];
      const bCold = [];
      const bWarm = [];
      for (let i = 0; i < RUNS; i++) {
        for (const [d, c, w] of [[docs, cold, warm], ...(beforeDocs ? [[beforeDocs, bCold, bWarm]] : [])]) {
          const b = await launch({ viewport: { width: 1280, height: 1000 * n + 400 } });
          try {
            const url = `${d.url}/docs/bench.html?n=${n}`;
            c.push(await visit(b.context, url, n, b.dir));
            w.push(await visit(b.context, url, n, b.dir));
          } finally {
            await b.close();
          }
        }
      }
      if (beforeDocs) {
        for (const [label, r] of [['cold', bCold], ['warm', bWarm]]) {
          medians[`before ${n} ${label}`] = median(r.map((x) => x.ms));
          medians[`before ${n} ${label} cpu`] = median(r.map((x) => x.cpu));
          console.log(`  BEFORE (${process.env.BEFORE_DIST}) ${n} embed${n > 1 ? 's' : ' '} ${label}: all results at ${median(r.map((x) => x.ms)).toFixed(0).padStart(5)} ms (min ${Math.min(...r.map((x) => x.ms)).toFixed(0)}, max ${Math.max(...r.map((x) => x.ms)).toFixed(0)})   CPU ${cpuText(r)}`);
        }
      }
      for (const [label, r] of [['cold', cold], ['warm', warm]]) {
        const ms = median(r.map((x) => x.ms));
        medians[`${n} ${label}`] = ms;
        medians[`${n} ${label} cpu`] = median(r.map((x) => x.cpu));
        const bytes = median(r.map((x) => x.bytes));
        const wb = median(r.map((x) => x.wasmBytes));
        const fetched = Math.max(...r.map((x) => x.wasmFetched));
        console.log(`  ${n} embed${n > 1 ? 's' : ' '} ${label}: all results at ${ms.toFixed(0).padStart(5)} ms (min ${Math.min(...r.map((x) => x.ms)).toFixed(0)}, max ${Math.max(...r.map((x) => x.ms)).toFixed(0)})   CPU ${cpuText(r)}   transferred ${kb(bytes).padStart(10)}, of which WASM ${kb(wb).padStart(10)} (${fetched} of ${r[0].wasmRequests} engine requests hit the network; ${Math.max(...r.map((x) => x.engines))} engine instance(s))`);
        if (label === 'warm' && n === 5 && r.some((x) => x.wasmBytes > 0)) console.log('  !! the warm 5-embed page downloaded the engine again');
      }
    }
    for (const [label, budget] of [['cold', 1.5], ['warm', 1.3]]) {
      const ratio = medians[`5 ${label}`] / medians[`1 ${label}`];
      console.log(`  5 embeds ${label} / 1 embed ${label}: ${ratio.toFixed(2)}×   budget: ≤ ${budget}×: ${ratio <= budget ? 'met' : 'NOT met'}`);
      console.log(`    CPU: ${(medians[`5 ${label} cpu`] / medians[`1 ${label} cpu`]).toFixed(2)}×`);
      if (beforeDocs) console.log(`  BEFORE 5 embeds ${label} / 1 embed ${label}: ${(medians[`before 5 ${label}`] / medians[`before 1 ${label}`]).toFixed(2)}×; CPU ${(medians[`before 5 ${label} cpu`] / medians[`before 1 ${label} cpu`]).toFixed(2)}×`);
    }
    console.log(`  load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await docs.stop();
    await site.stop();
    await beforeDocs?.stop();
    await beforeSite?.stop();
  }
}

await main();
