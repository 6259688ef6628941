// Runs before the first paint (a classic script in <head>): applies the saved
// colour theme, and hides the pre-rendered default result when the page will
// show something else (a share link, an example, a saved state), so the wrong
// request never flashes. app.js owns the toggle and clears data-boot.
//
// Such a page needs the engine for its first result, so the engine starts
// here, while the modules load: the download and compilation at once, and Go's
// start-up (runtime and package init) as soon as wasm_exec.js has arrived.
// globalThis.mergeplayBoot.started settles when Go's main has registered
// globalThis.mergeplay (engine.js waits for it, and starts over on failure).
// The default page, whose result is in the HTML, starts the engine from
// app.js after its first paint.
(function () {
  var root = document.documentElement;
  try {
    var t = localStorage.getItem('mergeplay.theme');
    if (t === 'light' || t === 'dark') root.dataset.theme = t;
    if (localStorage.getItem('mergeplay.state.v1')) root.dataset.boot = 'custom';
  } catch (e) { /* storage may be disabled */ }
  if (location.hash.length > 1 || /[?&]example=/.test(location.search)) root.dataset.boot = 'custom';
  if (root.dataset.boot !== 'custom' || !root.dataset.wasm || !root.dataset.wasmExec || !WebAssembly.compileStreaming) return;

  var boot = { received: 0, onprogress: null, started: null, exited: null };
  var compiled = WebAssembly.compileStreaming(fetch(root.dataset.wasm).then(function (r) {
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
  var runtime = new Promise(function (resolve, reject) {
    var s = document.createElement('script');
    s.src = root.dataset.wasmExec;
    s.async = true;
    s.crossOrigin = 'anonymous'; // the same request as the modulepreload of it
    s.onload = resolve;
    s.onerror = function () { reject(new Error('wasm_exec.js did not load')); };
    document.head.appendChild(s);
  });
  boot.started = Promise.all([compiled, runtime]).then(function (r) {
    var go = new globalThis.Go();
    return WebAssembly.instantiate(r[0], go.importObject).then(function (instance) {
      boot.exited = go.run(instance); // runs Go's init and main up to its first wait
    });
  });
  boot.started.catch(function () { /* engine.js starts over and reports the error */ });
  globalThis.mergeplayBoot = boot;
})();
