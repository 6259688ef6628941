// Runs before the first paint of /embed/ (a classic script in <head>): applies
// the theme, panes and read-only options from the query string, so the embed
// never flashes the wrong theme or a pane it will hide. It reads nothing from
// localStorage: an embed belongs to the page that frames it.
// It also connects to the engine, as early as the embed can: the SharedWorker
// that every embed of the docs page shares (one Go instance for all of them),
// or, where the browser has none, a dedicated worker. engine.js adopts the
// connection from globalThis.mergeplayBoot.
(function () {
  var root = document.documentElement;
  var q = new URLSearchParams(location.search);
  var t = q.get('theme');
  if (t === 'light' || t === 'dark') root.dataset.theme = t;
  var panes = (q.get('panes') || '').split(/[\s,]+/).filter(function (p) { return /^(final|diff|explain|matrix)$/.test(p); });
  if (panes.length) root.dataset.panes = panes.join(' ');
  if (q.has('readonly') && q.get('readonly') !== '0' && q.get('readonly') !== 'false') root.dataset.readonly = '';
  var url = root.dataset.worker;
  var wasm = root.dataset.wasm;
  if (!url || !wasm) return;
  try {
    performance.mark('mergeplay:boot'); // when this embed asked for the engine, for make bench-web
    var conn;
    if (typeof SharedWorker === 'function') {
      var sw = new SharedWorker(url, { type: 'module', name: 'mergeplay-engine-0' });
      sw.port.postMessage({ type: 'init', wasm: wasm }); // the port keeps messages until engine.js listens
      conn = { port: sw.port, shared: sw, messages: [] };
      sw.onerror = function () { conn.messages.push({ type: 'script-error' }); };
    } else if (typeof Worker === 'function') {
      var w = new Worker(url, { type: 'module', name: 'mergeplay-engine' });
      conn = { worker: w, messages: [] };
      w.onmessage = function (e) { conn.messages.push(e.data); };
      w.onerror = function () { conn.messages.push({ type: 'script-error' }); };
      w.postMessage({ type: 'init', wasm: wasm });
    }
    if (conn) globalThis.mergeplayBoot = { conn: conn };
  } catch (e) { /* engine.js starts its own and reports what fails */ }
})();
