// Runs before the first paint (a classic script in <head>): applies the saved
// colour theme, and hides the pre-rendered default result when the page will
// show something else (a share link, an example, a saved state), so the wrong
// request never flashes. app.js owns the toggle and clears data-boot.
// It also starts the engine's worker, on every page: the worker downloads and
// compiles the engine and starts Go while the modules load, all off the main
// thread; engine.js adopts it from globalThis.mergeplayBoot (the messages it
// posts before then are kept here).
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
    w.postMessage({ type: 'init', wasm: root.dataset.wasm });
    globalThis.mergeplayBoot = { conn: conn };
  } catch (e) { /* engine.js starts its own and reports what fails */ }
})();
