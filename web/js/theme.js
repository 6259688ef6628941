// Runs before the first paint (a classic script in <head>): applies the saved
// colour theme, and hides the pre-rendered default result when the page will
// show something else (a share link, an example, a saved state), so the wrong
// request never flashes. app.js owns the toggle and clears data-boot.
// Such a page needs the engine for its first result, so its download starts
// here, before the modules have loaded; the default page, whose result is in
// the HTML, starts it from app.js after its first paint.
(function () {
  var root = document.documentElement;
  try {
    var t = localStorage.getItem('mergeplay.theme');
    if (t === 'light' || t === 'dark') root.dataset.theme = t;
    if (localStorage.getItem('mergeplay.state.v1')) root.dataset.boot = 'custom';
  } catch (e) { /* storage may be disabled */ }
  if (location.hash.length > 1 || /[?&]example=/.test(location.search)) root.dataset.boot = 'custom';
  if (root.dataset.boot === 'custom' && root.dataset.wasm) {
    var l = document.createElement('link');
    l.rel = 'preload';
    l.as = 'fetch';
    l.type = 'application/wasm';
    l.crossOrigin = 'anonymous';
    l.href = root.dataset.wasm;
    document.head.appendChild(l);
  }
})();
