/* mergeplay embed loader — https://github.com/mergeplay/mergeplay (README: "Embedding in documentation").
   Turns <div data-mergeplay="<scenario JSON | #share-fragment | example slug>"> into a lazily loaded,
   auto-resizing iframe of /embed/. Options: data-compare, data-panes ("final,diff,explain,matrix"),
   data-theme (light|dark|auto), data-readonly, data-title, data-height (initial px).
   Each div gets .mergeplayEmbed = {iframe, setState(state), setTheme(theme)} and receives
   "mergeplay:ready|resize|change|error" DOM events (detail = the message). No dependencies. */
(function () {
  'use strict';
  var me = document.currentScript || document.querySelector('script[src*="embed.js"]');
  var base = new URL(me ? me.src : '/embed.js', location.href);
  var origin = base.origin;
  var embeds = [];
  var seq = 0;
  // The first embed to load starts the engine (one SharedWorker for the page), and the page's renderer,
  // which every embed shares, must create it: the others wait for its load (at most 2 s) rather than
  // hold that renderer with their own start-up meanwhile. They start while the engine compiles.
  var first = 0; // 0: no embed loading yet, 1: the first is loading, 2: the others may load
  var held = [];
  function release() {
    first = 2;
    held.splice(0).forEach(load);
  }
  function load(f) {
    if (first === 1) return held.push(f);
    if (first === 0) {
      first = 1;
      f.addEventListener('load', release, { once: true });
      setTimeout(release, 2000);
    }
    f.src = f.dataset.src;
  }
  var io = 'IntersectionObserver' in window && new IntersectionObserver(function (entries) {
    entries.forEach(function (en) {
      if (!en.isIntersecting) return;
      io.unobserve(en.target);
      load(en.target);
    });
  }, { rootMargin: '300px' });

  function send(e, msg) {
    if (e.ready) e.f.contentWindow.postMessage(msg, origin);
    else e.queue.push(msg);
  }

  function build(el) {
    if (el.mergeplayEmbed) return;
    var d = el.dataset;
    var v = (d.mergeplay || '').trim();
    var q = new URLSearchParams();
    var hash = '';
    if (v.charAt(0) === '{') hash = '#' + new URLSearchParams({ scenario: v });
    else if (v.charAt(0) === '#') hash = v;
    else if (v) q.set('example', v);
    ['compare', 'panes', 'theme', 'title'].forEach(function (k) { if (d[k]) q.set(k, d[k]); });
    if ('readonly' in d && d.readonly !== 'false') q.set('readonly', '1');
    var id = el.id || 'mergeplay-' + ++seq;
    q.set('id', id);
    q.set('origin', location.origin);
    var f = document.createElement('iframe');
    f.title = d.title || 'mergeplay: what an HTTP client sends' + (v && v.charAt(0) !== '{' && v.charAt(0) !== '#' ? ' (' + v + ')' : '');
    f.loading = 'lazy';
    f.style.cssText = 'display:block;width:100%;border:0;height:' + (parseInt(d.height, 10) || 360) + 'px';
    f.dataset.src = new URL('/embed/?' + q + hash, base).href;
    var e = { el: el, f: f, id: id, ready: false, queue: [] };
    el.mergeplayEmbed = {
      iframe: f,
      setState: function (s) { send(e, { type: 'mergeplay:setState', state: s }); },
      setTheme: function (t) { send(e, { type: 'mergeplay:setTheme', theme: t }); },
    };
    embeds.push(e);
    el.replaceChildren(f);
    if (io) io.observe(f);
    else load(f);
  }

  addEventListener('message', function (ev) {
    var m = ev.data;
    if (ev.origin !== origin || !m || typeof m.type !== 'string' || m.type.indexOf('mergeplay:') !== 0) return;
    embeds.forEach(function (e) {
      if (e.f.contentWindow !== ev.source) return;
      if (m.type === 'mergeplay:ready') {
        e.ready = true;
        e.queue.splice(0).forEach(function (msg) { send(e, msg); });
      }
      if (m.height > 0) e.f.style.height = Math.ceil(m.height) + 'px';
      e.el.dispatchEvent(new CustomEvent(m.type, { detail: m }));
    });
  });

  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-mergeplay]'), build);
  }
  // Docs sites that render pages on the client (Docusaurus, MkDocs instant navigation)
  // add blocks after this script ran: watch for them.
  function start() {
    scan();
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
  window.mergeplayEmbed = { scan: scan };
})();
