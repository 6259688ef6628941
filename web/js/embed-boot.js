// Runs before the first paint of /embed/ (a classic script in <head>): applies
// the theme, panes and read-only options from the query string, so the embed
// never flashes the wrong theme or a pane it will hide. It reads nothing from
// localStorage: an embed belongs to the page that frames it.
(function () {
  var root = document.documentElement;
  var q = new URLSearchParams(location.search);
  var t = q.get('theme');
  if (t === 'light' || t === 'dark') root.dataset.theme = t;
  var panes = (q.get('panes') || '').split(/[\s,]+/).filter(function (p) { return /^(final|diff|explain|matrix)$/.test(p); });
  if (panes.length) root.dataset.panes = panes.join(' ');
  if (q.has('readonly') && q.get('readonly') !== '0' && q.get('readonly') !== 'false') root.dataset.readonly = '';
})();
