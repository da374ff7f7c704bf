// WeDesk inbox extras: the team's quick replies (fetched rendered from the
// server, searchable, inserted at the cursor), popovers that close on Esc
// and outside click, and the phone layout's screens (list → conversation
// → customer). Everything is delegated from the document, so it keeps
// working when the conversation is re-rendered live.
(function () {
  'use strict';
  var body = document.body;
  if (!body.classList.contains('inbox')) return;

  function panel() { return document.getElementById('quick-panel'); }
  function closePopovers(except) {
    document.querySelectorAll('.popover').forEach(function (p) { if (p !== except) p.hidden = true; });
    document.querySelectorAll('details.end-box[open]').forEach(function (d) { if (!d.contains(except)) d.open = false; });
  }
  function loadQuick() {
    var p = panel();
    if (!p || typeof htmx === 'undefined') return;
    var q = document.getElementById('quick-search');
    var url = '/inbox/quick-replies?conversation=' + encodeURIComponent(p.dataset.conversation) +
      '&q=' + encodeURIComponent(q ? q.value : '');
    htmx.ajax('GET', url, { target: '#quick-list', swap: 'innerHTML' });
  }
  function insert(s) {
    var area = document.getElementById('reply-text');
    if (!area) return;
    var a = area.selectionStart, b = area.selectionEnd;
    area.value = area.value.slice(0, a) + s + area.value.slice(b);
    area.selectionStart = area.selectionEnd = a + s.length;
    area.focus();
  }
  var searchTimer;

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    var toggle = t.closest('#quick-toggle');
    if (toggle) {
      var p = panel();
      closePopovers(p);
      p.hidden = !p.hidden;
      if (!p.hidden) {
        loadQuick();
        var q = document.getElementById('quick-search');
        if (q) q.focus();
      }
      return;
    }
    var use = t.closest('.qr-use');
    if (use) {
      insert(use.dataset.text);
      panel().hidden = true;
      return;
    }
    if (t.closest('#quick-close')) {
      panel().hidden = true;
      return;
    }
    if (t.closest('[data-screen]')) {
      var screen = t.closest('[data-screen]').dataset.screen;
      body.classList.toggle('show-customer', screen === 'customer');
      if (screen === 'list') {
        var tab = new URLSearchParams(location.search).get('tab');
        location.href = '/inbox' + (tab ? '?tab=' + encodeURIComponent(tab) : '');
      }
      return;
    }
    // Outside click: anything not inside a popover or its toggle closes them.
    if (!t.closest('.popover') && !t.closest('#emoji-toggle') && !t.closest('details.end-box')) closePopovers(null);
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') {
      var open = document.querySelector('.popover:not([hidden])');
      closePopovers(null);
      if (open) {
        var area = document.getElementById('reply-text');
        if (area) area.focus();
      }
    }
  });
  document.addEventListener('input', function (ev) {
    if (ev.target.id !== 'quick-search') return;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(loadQuick, 200);
  });
})();
