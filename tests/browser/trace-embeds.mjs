// Diagnostic (not part of make test): where a docs page's embeds spend their
// time. Opens the bench docs page with N embeds (default 5) in a fresh
// profile, cold and then warm, and prints for the warm visit: each embed's
// steps on the docs page's clock (its navigation, its module's start, the
// engine ready, its first render), the shared worker's steps, and the
// renderer's main thread between the docs page's start and the last render,
// by kind of work (a DevTools trace through CDP).
// Usage: node tests/browser/trace-embeds.mjs [N] with the site served from dist/.
import { launch, startServer } from './launch.mjs';
import { startDocsServer } from './docs-server.mjs';

const N = Number(process.argv[2] || 5);
const site = await startServer();
const docs = await startDocsServer(site.url);
const b = await launch({ viewport: { width: 1280, height: 1000 * N + 400 } });

async function visit(trace) {
  const page = await b.context.newPage();
  let cdp = null;
  const events = [];
  if (trace) {
    cdp = await b.context.newCDPSession(page);
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'loading', 'toplevel', 'blink.user_timing'] } });
  }
  await page.goto(`${docs.url}/docs/bench.html?n=${N}`);
  await page.waitForFunction((k) => document.querySelectorAll('[data-mergeplay] iframe[src]').length === k, N, { timeout: 30000 });
  const origin = await page.evaluate(() => performance.timeOrigin);
  const rows = [];
  for (const h of await page.$$('[data-mergeplay] iframe')) {
    const f = await h.contentFrame();
    await f.waitForSelector('body[data-rendered]', { timeout: 60000 });
    rows.push(await f.evaluate((o) => {
      const at = (n) => { const e = performance.getEntriesByName(n)[0]; return e ? Math.round(performance.timeOrigin + e.startTime - o) : null; };
      const nav = performance.getEntriesByType('navigation')[0];
      const marks = {};
      for (const m of performance.getEntriesByType('mark')) marks[m.name.replace('mergeplay:', '')] = Math.round(performance.timeOrigin + m.startTime - o);
      const res = performance.getEntriesByType('resource').map((r) => `${r.name.split('/').pop().replace(/\.[0-9a-f]{10}\./, '.')} ${Math.round(performance.timeOrigin + r.startTime - o)}-${Math.round(performance.timeOrigin + r.responseEnd - o)}${r.transferSize ? '' : ' (cache)'}`);
      return { start: Math.round(performance.timeOrigin - o), domInteractive: Math.round(performance.timeOrigin + nav.domInteractive - o), domComplete: Math.round(performance.timeOrigin + nav.domContentLoadedEventEnd - o), marks, res };
    }, origin));
  }
  await page.waitForTimeout(300);
  if (cdp) {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
  }
  await page.close();
  return { rows, events, origin };
}

try {
  await visit(false);
  const { rows, events } = await visit(true);
  rows.forEach((r, i) => {
    console.log(`embed ${i + 1}: frame start ${r.start}, domInteractive ${r.domInteractive}, DCL end ${r.domComplete}`);
    console.log(`  marks: ${Object.entries(r.marks).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  resources: ${r.res.join('; ')}`);
  });
  const last = Math.max(...rows.map((r) => r.marks['embed-rendered']));
  console.log(`last render at ${last} ms`);
  // The renderer main threads; find the one that ran the docs page.
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  for (const [k, name] of threads) {
    const evs = byThread.get(k) || [];
    const tasks = evs.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
    if (!tasks.length) continue;
    const busy = tasks.reduce((a, e) => a + e.dur, 0) / 1000;
    // CPU time (the trace's thread time): on a loaded machine, wall time also counts the waits for a core.
    const cpu = tasks.reduce((a, e) => a + (e.tdur || 0), 0) / 1000;
    if (busy < 20) continue;
    const t0 = Math.min(...tasks.map((e) => e.ts));
    console.log(`\nthread ${name} ${k}: ${tasks.length} tasks, busy ${busy.toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms) over ${((Math.max(...tasks.map((e) => e.ts + e.dur)) - t0) / 1000).toFixed(0)} ms; long (≥ 30 ms): ${tasks.filter((e) => e.dur >= 30000).map((e) => `${((e.ts - t0) / 1000).toFixed(0)}+${(e.dur / 1000).toFixed(0)}`).join(' ')}`);
    if (name !== 'CrRendererMain' && name !== 'SharedWorker thread') continue;
    // Inclusive time of the outermost event of each kind, until the last render.
    const ts0 = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes('/docs/bench.html'))?.ts || t0;
    const until = ts0 + last * 1000;
    const kinds = [
      [/^(EvaluateScript|v8\.compileModule|v8\.evaluateModule|v8\.compile|v8\.produceModuleCache|v8\.produceCache|FunctionCall|RunMicrotasks|V8\.GC.*|MajorGC|MinorGC|v8\.callFunction|TimerFire|FireIdleCallback|EventDispatch)$/, 'script'],
      [/^(ParseHTML|ParseAuthorStyleSheet)$/, 'parse HTML/CSS'],
      [/^(UpdateLayoutTree|Document::recalcStyle|Document::rebuildLayoutTree)$/, 'style'],
      [/^(Layout|LocalFrameView::performLayout)$/, 'layout'],
      [/^(Paint|PrePaint|Layerize|Commit|UpdateLayer|Blink\.PrePaint\.UpdateTime)$/, 'paint'],
      [/^(DocumentLoader::CommitNavigation|WebLocalFrameImpl::createChildframe|LocalWindowProxy::Initialize|V8\.DeserializeContext|Frame::Detach)$/, 'frame setup'],
    ];
    const kindOf = (e) => kinds.find(([re]) => re.test(e.name))?.[1];
    const acc = new Map();
    const scripts = new Map();
    let total = 0;
    let totalCPU = 0;
    for (const t of tasks.filter((e) => e.ts >= ts0 && e.ts < until)) {
      total += t.dur;
      totalCPU += t.tdur || 0;
      const inner = evs.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && kindOf(e)).sort((a, c) => a.ts - c.ts || c.dur - a.dur);
      let end = -1;
      let got = 0;
      for (const e of inner) {
        if (e.ts < end) continue; // inside an outer event already counted
        end = e.ts + e.dur;
        // CPU time where the trace has it: wall time on a loaded machine is mostly waiting for a core.
        const us = e.tdur ?? e.dur;
        got += us;
        const k = kindOf(e);
        acc.set(k, (acc.get(k) || 0) + us);
        if (k === 'script') {
          const d = e.args?.data || {};
          const st = d.stackTrace;
          const u = (String(d.url || e.args?.fileName || (st && st[0]?.url) || '').split('/').pop().replace(/\.[0-9a-f]{10}\./, '.').replace(/\?.*/, '') || e.name) + (d.type ? ` ${d.type}` : '');
          scripts.set(u, (scripts.get(u) || 0) + us);
        }
      }
      acc.set('other', (acc.get('other') || 0) + (t.tdur ?? t.dur) - got);
    }
    if (process.env.DETAIL && name === 'SharedWorker thread') {
      console.log(`   worker tasks ≥ 5 ms (at, wall, CPU): ${tasks.filter((e) => e.dur >= 5000).map((e) => `${((e.ts - ts0) / 1000).toFixed(0)}+${(e.dur / 1000).toFixed(0)}/${((e.tdur || 0) / 1000).toFixed(0)}`).join(' ')}`);
    }
    if (process.env.DETAIL && name === 'CrRendererMain') {
      // Each task of at least DETAIL ms before the last render, and the events inside it of at least 2 ms.
      for (const t of tasks.filter((e) => e.ts >= ts0 && e.ts < until && e.dur >= Number(process.env.DETAIL) * 1000)) {
        console.log(`   task at ${((t.ts - ts0) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(1)} ms`);
        const inner = evs.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur >= 2000 && !/RunTask|mojo|AsyncTask|PendingScript|ScriptRunner|NotifyScriptLoaded/.test(e.name)).sort((a, c) => a.ts - c.ts);
        for (const e of inner.slice(0, 25)) {
          const d = e.args?.data || e.args?.beginData || {};
          const st = d.stackTrace;
          const what = st ? st.slice(0, 2).map((f) => `${f.functionName}@${f.url.split('/').pop()}:${f.lineNumber}`).join(' < ') : d.url || d.functionName || '';
          console.log(`     +${((e.ts - t.ts) / 1000).toFixed(1)} ${e.name} ${(e.dur / 1000).toFixed(1)} ms ${String(what).replace(/\.[0-9a-f]{10}\./, '.').slice(-110)}`);
        }
      }
    }
    console.log(`  until the last render (${last} ms): busy ${(total / 1000).toFixed(0)} ms, CPU ${(totalCPU / 1000).toFixed(0)} ms: ${[...acc].sort((a, c) => c[1] - a[1]).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(', ')}`);
    console.log(`  script by file: ${[...scripts].sort((a, c) => c[1] - a[1]).filter(([, v]) => v >= 1000).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(', ')}`);
  }
} finally {
  await b.close();
  await docs.stop();
  await site.stop();
}
