// WeDesk sending and media rules in the inbox (issue 9):
//  - WeChat voice is AMR, which browsers cannot play: the vendored
//    benz-amr-recorder decodes it (in blob: workers) when the agent presses
//    play; one clip plays at a time;
//  - a refused send's reason (#reply-error) disappears once the budget
//    reopens, e.g. when the customer writes again;
//  - a change to the conversation's lock (WeChat refused, a block) refreshes
//    the budget line at once.
(function () {
  'use strict';
  var current = null; // { player, button }

  function label(btn, playing) {
    btn.classList.toggle('playing', playing);
    btn.textContent = (playing ? '■ ' + btn.dataset.stop : '▶ ' + btn.dataset.play);
  }
  function stopCurrent() {
    if (!current) return;
    try { current.player.stop(); } catch (e) { /* already stopped */ }
    label(current.button, false);
    current = null;
  }
  function play(btn) {
    if (current && current.button === btn) { stopCurrent(); return; }
    stopCurrent();
    if (!window.BenzAMRRecorder || !window.BenzAMRRecorder.isPlaySupported()) {
      btn.replaceWith(document.createTextNode(btn.dataset.failed));
      return;
    }
    var player = new window.BenzAMRRecorder();
    current = { player: player, button: btn };
    label(btn, true);
    player.onEnded(function () { if (current && current.player === player) { label(btn, false); current = null; } });
    player.initWithUrl(btn.dataset.src).then(function () {
      if (current && current.player === player) player.play();
    }).catch(function () {
      if (current && current.player === player) current = null;
      btn.replaceWith(document.createTextNode(btn.dataset.failed));
    });
  }
  document.addEventListener('click', function (ev) {
    var btn = ev.target.closest && ev.target.closest('.amr-play');
    if (btn) { ev.preventDefault(); play(btn); }
  });

  // The budget line is swapped in by htmx; when it says open, an earlier
  // refusal no longer holds.
  document.addEventListener('htmx:load', function (ev) {
    var b = ev.detail && ev.detail.elt;
    var err = document.getElementById('reply-error');
    if (b && b.id === 'budget' && b.dataset.open === 'true' && err) err.textContent = '';
  });

  // Lock changes arrive as conversation updates (realtime): ask for the
  // budget line again. The inbox script owns the subscription; this listens
  // for the event it already raises on body for budget refreshes.
  window.WeDeskRules = {
    conversationChanged: function (record, convId) {
      if (record && record.id === convId && document.getElementById('budget')) {
        window.htmx && window.htmx.trigger(document.body, 'wd:budget');
      }
    }
  };
})();
