// Smart assist: loads the conversation's assist panel (knowledge-base
// suggestions and the satisfaction survey), refreshes it whenever a
// customer message arrives, and puts a chosen answer into the reply box.
(function () {
  'use strict';
  var timer;
  function panel() { return document.getElementById('assist'); }
  function load() {
    var el = panel();
    if (!el) return;
    fetch(el.dataset.url, { credentials: 'same-origin', headers: { 'HX-Request': 'true' } }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.text();
    }).then(function (html) {
      if (panel() !== el) return; // another conversation is shown now
      el.innerHTML = html;
      el.dataset.loaded = '1';
      htmx.process(el);
    }).catch(function () {});
  }
  function later() { clearTimeout(timer); timer = setTimeout(load, 150); }
  function isInbound(n) {
    return n.nodeType === 1 && (n.matches('.msg.in') || !!n.querySelector('.msg.in'));
  }
  // One observer on the page: a new panel (a conversation opened or
  // reloaded) is loaded; a new customer message refreshes the suggestions.
  new MutationObserver(function (muts) {
    var el = panel();
    if (el && !el.dataset.loaded) { el.dataset.loaded = 'loading'; later(); return; }
    for (var i = 0; i < muts.length; i++) {
      var added = muts[i].addedNodes;
      for (var j = 0; j < added.length; j++) {
        if (added[j].closest && added[j].closest('#messages') && isInbound(added[j])) { later(); return; }
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
  document.addEventListener('click', function (ev) {
    var b = ev.target.closest && ev.target.closest('[data-use-answer]');
    if (!b) return;
    var t = document.getElementById('reply-text');
    if (!t) return;
    t.value = b.dataset.useAnswer;
    t.dispatchEvent(new Event('input', { bubbles: true }));
    t.focus();
  });
  if (panel()) { panel().dataset.loaded = 'loading'; load(); }
})();
