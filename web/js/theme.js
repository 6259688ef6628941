// Runs before the first paint (a classic script in <head>): applies the saved
// colour theme, and hides the pre-rendered default result when the page will
// show something else (a share link, an example, a saved state), so the wrong
// request never flashes. app.js owns the toggle and clears data-boot.
// It also starts the engine, on every page: the worker that will run Go, and
// here the download and compilation (WebAssembly compiles off the main
// thread) at the same time; the compiled module is handed to the worker (not
// compiled twice), which then starts Go, all while the modules load.
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
  if (!root.dataset.worker || !root.dataset.wasm || typeof Worker !== 'function') return;
  try {
    var w = new Worker(root.dataset.worker, { type: 'module', name: 'mergeplay-engine' });
    var conn = { worker: w, messages: [] };
    w.onmessage = function (e) { conn.messages.push(e.data); };
    w.onerror = function () { conn.messages.push({ type: 'script-error' }); };
    var wasm = root.dataset.wasm;
    var boot = { conn: conn, module: null, received: 0, onprogress: null };
    globalThis.mergeplayBoot = boot;
    if (!WebAssembly.compileStreaming) { w.postMessage({ type: 'init', wasm: wasm }); return; }
    var started = false;
    var compile = function () {
      if (started) return;
      started = true;
      fetch(wasm).then(function (r) {
        if (!r.ok || !r.body) throw new Error('HTTP ' + r.status);
        // The response itself is compiled (its URL lets Chrome cache the code); a clone counts the bytes.
        var reader = r.clone().body.getReader();
        (function pump() {
          reader.read().then(function (c) {
            if (c.done) return;
            boot.received += c.value.byteLength;
            if (boot.onprogress) boot.onprogress(boot.received);
            pump();
          }, function () {});
        })();
        return WebAssembly.compileStreaming(r);
      }).then(function (m) {
        boot.module = m;
        w.postMessage({ type: 'init', module: m });
      }, function () {
        w.postMessage({ type: 'init', wasm: wasm }); // the worker tries itself and reports what fails
      });
    };
    // The default page's first result is in its HTML: compiling waits for
    // its first paint (or 500 ms, when frames do not run), so the two never
    // share the CPU. Every other page needs the engine for its first result.
    if (root.dataset.boot === 'custom') compile();
    else {
      setTimeout(compile, 500);
      requestAnimationFrame(function () { setTimeout(compile, 0); });
    }
  } catch (e) { /* engine.js starts its own and reports what fails */ }
})();
