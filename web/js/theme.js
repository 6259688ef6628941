// Runs before the first paint, inline in <head> (cmd/sitebuild minifies it
// into index.html and the CSP allows it by its hash, like the inline style:
// as a file it was a request that blocked the parser and the first paint,
// 20-360 ms of the default page's first paint on a loaded machine). It applies the saved
// colour theme, and hides the pre-rendered default result when the page will
// show something else (a share link, an example, a saved state), so the wrong
// request never flashes. app.js owns the toggle and clears data-boot.
// It also starts the engine, on every page: the worker that downloads and
// compiles it and runs Go, all while the modules load.
// engine.js adopts both from globalThis.mergeplayBoot (the messages the
// worker posts before then are kept here).
(function () {
  var root = document.documentElement;
  try {
    var t = localStorage.getItem('mergeplay.theme');
    if (t === 'light' || t === 'dark') root.dataset.theme = t;
    if (localStorage.getItem('mergeplay.state.v1') || sessionStorage.getItem('mergeplay.state.v1')) root.dataset.boot = 'custom';
  } catch (e) { /* storage may be disabled */ }
  if (location.hash.length > 1 || /[?&]example=/.test(location.search)) root.dataset.boot = 'custom';
  // The page's modules (data-modules): preloaded at once where the first
  // result needs them (a share link, an example, a saved state). The default
  // page's result is in its HTML: preloaded, its modules were ready and
  // evaluated before its first paint, which came ~40% later than without.
  if (root.dataset.boot === 'custom' && root.dataset.modules) {
    root.dataset.modules.split(' ').forEach(function (href) {
      var l = document.createElement('link');
      l.rel = 'modulepreload';
      l.href = href;
      document.head.appendChild(l);
    });
  }
  if (!root.dataset.worker || !root.dataset.wasm || typeof Worker !== 'function') return;
  try {
    var w = new Worker(root.dataset.worker, { type: 'module', name: 'mergeplay-engine' });
    var conn = { worker: w, messages: [] };
    w.onmessage = function (e) { conn.messages.push(e.data); };
    w.onerror = function () { conn.messages.push({ type: 'script-error' }); };
    var wasm = root.dataset.wasm;
    globalThis.mergeplayBoot = { conn: conn, module: null };
    // The worker downloads and compiles the engine itself: compiling on the
    // page and handing the module over ran part of the streaming compilation
    // (8.9 MB) on this thread, a long task of ~100 ms, and on 2 cores it won
    // nothing. The worker posts the module back ("module"), so a replacement
    // worker starts from it without compiling again.
    var started = false;
    var init = function () {
      if (started) return;
      started = true;
      w.postMessage({ type: 'init', wasm: wasm });
    };
    // The default page's first result is in its HTML: compiling waits for
    // its first paint (or 500 ms, when frames do not run), so the two never
    // share the CPU. Every other page needs the engine for its first result.
    if (root.dataset.boot === 'custom') init();
    else {
      setTimeout(init, 500);
      requestAnimationFrame(function () { setTimeout(init, 0); });
    }
  } catch (e) { /* engine.js starts its own and reports what fails */ }
})();
