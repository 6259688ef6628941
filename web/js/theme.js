// Runs before the first paint (a classic script in <head>): applies the saved
// colour theme, and hides the pre-rendered default result when the page will
// show something else (a share link, an example, a saved state), so the wrong
// request never flashes. app.js owns the toggle and clears data-boot.
// Such a page needs the engine for its first result, so its download and
// compilation start here, while the modules load; engine.js picks the
// compiled module up from globalThis.mergeplayBoot. The default page, whose
// result is in the HTML, starts the engine from app.js after its first paint.
(function () {
  var root = document.documentElement;
  try {
    var t = localStorage.getItem('mergeplay.theme');
    if (t === 'light' || t === 'dark') root.dataset.theme = t;
    if (localStorage.getItem('mergeplay.state.v1') || sessionStorage.getItem('mergeplay.state.v1')) root.dataset.boot = 'custom';
  } catch (e) { /* storage may be disabled */ }
  if (location.hash.length > 1 || /[?&]example=/.test(location.search)) root.dataset.boot = 'custom';
  if (root.dataset.boot !== 'custom' || !root.dataset.wasm || !WebAssembly.compileStreaming) return;
  var boot = { received: 0, onprogress: null, module: null };
  boot.module = WebAssembly.compileStreaming(fetch(root.dataset.wasm).then(function (r) {
    if (!r.ok || !r.body) throw new Error('the engine did not download (HTTP ' + r.status + ')');
    var counted = r.body.pipeThrough(new TransformStream({
      transform: function (chunk, controller) {
        boot.received += chunk.byteLength;
        if (boot.onprogress) boot.onprogress(boot.received);
        controller.enqueue(chunk);
      },
    }));
    return new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
  }));
  boot.module.catch(function () { /* engine.js starts over and reports the error */ });
  globalThis.mergeplayBoot = boot;
})();
