// Diagnostic (not part of make test): a DevTools trace of one cold load,
// printing each main-thread task over MIN ms (default 30) of the page's
// renderer and what it spent its time on (script URLs, layout, parsing,
// compiling). Usage: node tests/browser/trace-load.mjs [url-suffix] [MIN]
// with the site served from dist/ (bin/serve).
import { launch, startServer } from './launch.mjs';
import { deflateRawSync } from 'node:zlib';

const MIN = Number(process.argv[3] || 30);
const site = await startServer();
let suffix = process.argv[2] || '/';
if (suffix === 'share') {
  const share = `{"compare": "httpx@0.14.2", "scenario": ${JSON.stringify({ mergeplay: 1, library: 'httpx@0.14.1', client: { auth: { username: 'u', password: 'p' } }, request: { url: 'https://api.example.com/share-link-bench', auth: null } })}}`;
  suffix = `/#s1.${deflateRawSync(Buffer.from(share)).toString('base64url')}`;
}
const b = await launch();
try {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'loading', 'toplevel'] } });
  await page.goto(site.url + suffix);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await page.waitForTimeout(1500);
  await cdp.send('Tracing.end');
  await done;
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStartToFirstContentfulPaint');
  const mains = [...threads].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
  for (const key of mains) {
    const evs = events.filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X');
    const t0 = Math.min(...evs.map((e) => e.ts));
    const tasks = evs.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur / 1000 >= MIN);
    if (!tasks.length) continue;
    console.log(`renderer ${key}: ${tasks.length} task(s) ≥ ${MIN} ms`);
    for (const t of tasks) {
      console.log(`  task at ${((t.ts - t0) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(1)} ms`);
      const inner = evs.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur >= Number(process.env.INNER_US || 1000) && !/RunTask|mojo|AsyncTask|PendingScript|ScriptRunner|NotifyScriptLoaded/.test(e.name))
        .sort((a, b) => a.ts - b.ts);
      for (const e of inner.slice(0, 60)) {
        const d = e.args?.data || e.args?.beginData || {};
        const st = d.stackTrace || e.args?.beginData?.stackTrace;
        const what = st ? st.slice(0, 3).map((f) => `${f.functionName}@${f.url.split('/').pop()}:${f.lineNumber}`).join(' < ') : d.url || d.functionName || d.frame || '';
        console.log(`    +${((e.ts - t.ts) / 1000).toFixed(1)} ${e.name} ${(e.dur / 1000).toFixed(1)} ms ${String(what).slice(-160)}`);
      }
    }
  }
} finally {
  await b.close();
  await site.stop();
}
