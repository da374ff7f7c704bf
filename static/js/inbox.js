// WeDesk inbox: live updates through PocketBase realtime, the reply box
// (text, emoji, quick replies, uploads with progress) and notifications.
// The server renders every message and list; this script only asks for
// rendered fragments and puts them in place, deduplicated by element id.
(function () {
  'use strict';
  var body = document.body;
  if (!body.classList.contains('inbox') || typeof PocketBase === 'undefined') return;

  var text = JSON.parse(document.getElementById('wd-text').textContent);
  var csrf = body.dataset.csrf;
  var me = body.dataset.me;
  var pb = new PocketBase(location.origin);
  pb.autoCancellation(false);
  pb.authStore.save(body.dataset.token, null);
  window.wedesk = { pb: pb };

  function fetchHTML(url, method) {
    return fetch(url, {
      method: method || 'GET', credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf, 'HX-Request': 'true' }
    }).then(function (r) {
      if (r.ok) return r.text();
      var err = new Error('HTTP ' + r.status);
      err.status = r.status;
      return Promise.reject(err);
    });
  }
  // gone: a 4xx other than timeout or rate limit will not change on retry.
  // A network error has no status and is worth retrying, as is a 5xx.
  function gone(err) {
    var s = err && err.status;
    return s >= 400 && s < 500 && s !== 408 && s !== 429;
  }
  // backoff is the wait before retry number n (from 0): 0.5 s doubling up
  // to 15 s, with jitter so that many tabs do not come back all at once.
  function backoff(n) {
    return Math.min(15000, 500 * Math.pow(2, n)) * (0.75 + Math.random() / 2);
  }
  function parse(html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    return t.content;
  }
  // throttle runs fn soon after the first call and then at most once per
  // ms while calls keep coming: unlike a debounce, it never starves under
  // a steady stream.
  function throttle(fn, ms) {
    var timer = null, last = 0;
    return function () {
      if (timer) return;
      var wait = Math.max(150, last + ms - Date.now());
      timer = setTimeout(function () { timer = null; last = Date.now(); fn(); }, wait);
    };
  }
  function debounce(fn, ms) {
    var id;
    return function () { clearTimeout(id); id = setTimeout(fn, ms); };
  }

  // ---- sound, desktop notifications, mute --------------------------------
  var muteBtn = document.getElementById('mute-toggle');
  function muted() { return localStorage.getItem('wd-mute') === '1'; }
  function showMute() {
    muteBtn.textContent = muted() ? muteBtn.dataset.unmute : muteBtn.dataset.mute;
    muteBtn.setAttribute('aria-pressed', muted() ? 'true' : 'false');
  }
  muteBtn.addEventListener('click', function () {
    localStorage.setItem('wd-mute', muted() ? '0' : '1');
    showMute();
  });
  showMute();
  document.addEventListener('click', function askOnce() {
    document.removeEventListener('click', askOnce);
    if (window.Notification && Notification.permission === 'default') Notification.requestPermission();
  });
  var audio;
  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var o = audio.createOscillator(), g = audio.createGain();
      o.frequency.value = 880; g.gain.value = 0.08;
      o.connect(g); g.connect(audio.destination);
      o.start(); o.stop(audio.currentTime + 0.15);
    } catch (e) { /* no audio device */ }
  }
  function notify(title, bodyText, url) {
    if (muted()) return;
    beep();
    if (window.Notification && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
      var n = new Notification(title, { body: bodyText || '', tag: url });
      n.onclick = function () { window.focus(); if (url) location.href = url; };
    }
  }

  // ---- conversation list ---------------------------------------------------
  var list = document.getElementById('conv-list');
  function listURL() {
    var q = new URLSearchParams(location.search);
    q.set('tab', list.dataset.tab);
    if (list.dataset.selected) q.set('c', list.dataset.selected);
    return '/inbox/list?' + q.toString();
  }
  var refreshList = throttle(function () {
    if (!list) return;
    fetchHTML(listURL()).then(function (html) {
      var frag = parse(html);
      var tabs = frag.querySelector('#tabs');
      if (tabs) document.getElementById('tabs').replaceWith(tabs);
      var rows = frag.querySelector('#list-rows');
      list.replaceChildren.apply(list, Array.prototype.slice.call(rows.childNodes));
      htmx.process(list);
      refreshRouting(frag);
    }).catch(function () {});
  }, 1000);

  // ---- routing panel (issue 12) ----------------------------------------------
  // The load line and, for supervisors, the team and queue lengths come with
  // every list refresh; an open team table or reassign box stays open.
  function refreshRouting(frag) {
    var fresh = frag.querySelector('#routing-panel');
    var old = document.getElementById('routing-panel');
    if (!fresh || !old) return;
    var open = {};
    old.querySelectorAll('details[id], details.reassign-box').forEach(function (d, i) { open[d.id || 'r' + i] = d.open; });
    fresh.querySelectorAll('details[id], details.reassign-box').forEach(function (d, i) {
      var k = d.id || 'r' + i;
      if (k in open) d.open = open[k];
    });
    old.replaceWith(fresh);
  }

  // ---- the open conversation -----------------------------------------------
  var conv, convId, box;
  function lastSeq() {
    var max = 0;
    box.querySelectorAll('.msg[data-seq]').forEach(function (m) { max = Math.max(max, Number(m.dataset.seq)); });
    return max;
  }
  function atBottom() { return box.scrollHeight - box.scrollTop - box.clientHeight < 120; }
  function toBottom() { box.scrollTop = box.scrollHeight; }
  // upsert places rendered messages by seq, replacing any with the same id.
  function upsert(html) {
    if (!box) return;
    var stick = atBottom();
    parse(html).querySelectorAll('.msg').forEach(function (el) {
      var old = document.getElementById(el.id);
      if (old) { old.replaceWith(el); htmx.process(el); return; }
      var seq = Number(el.dataset.seq), before = null;
      var all = box.querySelectorAll('.msg[data-seq]');
      for (var i = 0; i < all.length; i++) {
        if (Number(all[i].dataset.seq) > seq) { before = all[i]; break; }
      }
      box.insertBefore(el, before);
      htmx.process(el);
    });
    if (stick) toBottom();
  }
  // refreshMessage fetches one message's fragment after realtime announced
  // it. The stream announces a message once, so a fetch that fails (a
  // network blip, a 5xx, a server restart) is retried with backoff until
  // it succeeds, the server says the message is gone, or another
  // conversation is opened: a catch-up by seq cannot stand in for it, as
  // a later message shown meanwhile moves lastSeq past this one. The
  // newest request for an id decides, so a slow answer never overwrites a
  // fresher one; upsert replaces by id, so nothing is shown twice.
  var retries = {}; // message id -> { conv, tries, timer }
  var latest = {}; // message id -> number of its newest request
  var requests = 0;
  function refreshMessage(id) {
    var forConv = convId, n = latest[id] = ++requests;
    var r = retries[id];
    if (r) clearTimeout(r.timer);
    return fetchHTML('/inbox/messages/' + id).then(function (html) {
      if (latest[id] !== n) return;
      delete latest[id];
      delete retries[id];
      if (convId === forConv) upsert(html);
    }, function (err) {
      if (latest[id] !== n) return;
      if (gone(err) || !forConv || convId !== forConv) {
        delete latest[id];
        delete retries[id];
        return;
      }
      r = retries[id] || (retries[id] = { conv: forConv, tries: 0 });
      r.timer = setTimeout(function () { if (convId === forConv) refreshMessage(id); }, backoff(r.tries++));
    });
  }
  // retryNow retries every failed fragment at once (the network is back).
  function retryNow() {
    Object.keys(retries).forEach(function (id) { if (retries[id].conv === convId) refreshMessage(id); });
  }
  // dropRetries forgets failed fragments of a conversation no longer shown
  // (a fresh render of a conversation includes them).
  function dropRetries() {
    Object.keys(retries).forEach(function (id) {
      if (retries[id].conv !== convId) { clearTimeout(retries[id].timer); delete retries[id]; delete latest[id]; }
    });
  }
  // catchUp fetches what arrived while the connection was down, page by
  // page (the server sends at most 500 at a time), then re-reads messages
  // still pending, whose status may have changed meanwhile. A failed page
  // is fetched again with backoff.
  var catchUpTimer, catchUpTries = 0;
  function catchUp() {
    clearTimeout(catchUpTimer);
    if (!box) return Promise.resolve();
    var forConv = convId;
    return fetchHTML('/inbox/conversations/' + convId + '/messages?after=' + lastSeq()).then(function (html) {
      if (convId !== forConv) return;
      catchUpTries = 0;
      upsert(html);
      if (parse(html).querySelectorAll('.msg').length >= 500) return catchUp();
      box.querySelectorAll('.msg[data-status=pending]').forEach(function (m) { refreshMessage(m.id.slice(2)); });
    }, function (err) {
      if (convId !== forConv || gone(err)) return;
      catchUpTimer = setTimeout(catchUp, backoff(catchUpTries++));
    });
  }
  function refreshBudget() { if (document.getElementById('budget')) htmx.trigger(body, 'wd:budget'); }
  var markRead = debounce(function () {
    if (convId && document.visibilityState === 'visible') {
      fetchHTML('/inbox/conversations/' + convId + '/read', 'POST').catch(function () {});
    }
  }, 300);
  function loadOlder(sentinel) {
    if (sentinel.dataset.loading) return;
    sentinel.dataset.loading = '1';
    fetchHTML(sentinel.dataset.url).then(function (html) {
      var h = box.scrollHeight, top = box.scrollTop;
      sentinel.replaceWith(parse(html));
      box.scrollTop = top + (box.scrollHeight - h);
      htmx.process(box);
      watchOlder();
    }).catch(function () { delete sentinel.dataset.loading; });
  }
  var olderObserver;
  function watchOlder() {
    var s = box && box.querySelector('.older');
    if (!s) return;
    s.querySelector('button').onclick = function () { loadOlder(s); };
    if (!olderObserver) {
      olderObserver = new IntersectionObserver(function (entries) {
        entries.forEach(function (en) { if (en.isIntersecting) loadOlder(en.target); });
      }, { root: box, rootMargin: '200px 0px 0px 0px' });
    }
    olderObserver.observe(s);
  }
  // reloadConversation swaps in a fresh render when the conversation's
  // state changed (claimed, closed), keeping what the agent was typing. A
  // conversation that became the agent's own moves to the "mine" list.
  function reloadConversation(tab) {
    var typed = document.getElementById('reply-text');
    var keep = typed ? typed.value : '';
    if (tab) {
      var q = new URLSearchParams(location.search);
      q.set('tab', tab);
      history.replaceState(null, '', location.pathname + '?' + q.toString());
    }
    fetchHTML(location.pathname + location.search).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      ['.list-col', '.conv-col', '.customer-col'].forEach(function (sel) {
        document.querySelector(sel).replaceWith(doc.querySelector(sel));
      });
      list = document.getElementById('conv-list');
      htmx.process(document.querySelector('.list-col'));
      initConversation();
      var t = document.getElementById('reply-text');
      if (t) t.value = keep;
    }).catch(function (err) {
      // The conversation is no longer ours to see: back to the inbox.
      if (String(err.message).indexOf('403') >= 0) location.href = '/inbox';
    });
  }
  function initConversation() {
    conv = document.getElementById('conversation');
    convId = conv ? conv.dataset.id : '';
    box = document.getElementById('messages');
    dropRetries();
    clearTimeout(catchUpTimer);
    catchUpTries = 0;
    if (olderObserver) { olderObserver.disconnect(); olderObserver = null; }
    if (!conv) return;
    // Thumbnails load after the first paint: keep the newest message in view.
    box.addEventListener('load', function () {
      if (box.scrollHeight - box.scrollTop - box.clientHeight < 400) toBottom();
    }, true);
    htmx.process(document.querySelector('.conv-col'));
    htmx.process(document.querySelector('.customer-col'));
    toBottom();
    watchOlder();
    window.WeDeskReply && window.WeDeskReply(conv, { pb: pb, upsert: upsert, refreshMessage: refreshMessage, refreshBudget: refreshBudget, text: text });
  }

  // ---- realtime --------------------------------------------------------------
  var banner = document.getElementById('conn-banner');
  var connectedOnce = false;
  pb.realtime.subscribe('PB_CONNECT', function () {
    banner.hidden = true;
    body.dataset.live = 'true';
    if (connectedOnce) { retryNow(); catchUp(); refreshList(); refreshBudget(); }
    connectedOnce = true;
  });
  pb.realtime.onDisconnect = function (subs) {
    if (subs.length) { banner.hidden = false; body.dataset.live = 'false'; }
  };
  // The desk sends each agent one frame per batch on its own topic, with
  // only the events that agent may see (see internal/live).
  pb.realtime.subscribe('wedesk_live', function (frame) {
    if (frame.resync) { retryNow(); catchUp(); refreshList(); refreshBudget(); return; }
    var open = 0;
    (frame.events || []).forEach(function (e) {
      if (e.kind === 'message') { if (onMessage(e)) open++; } else onConversation(e);
    });
    // Many messages for the open conversation at once: one catch-up by seq.
    if (open > 3) catchUp();
  });
  // onMessage handles one message event; true when it belongs to the open
  // conversation.
  function onMessage(e) {
    var mine = convId && e.conversation === convId;
    if (mine) {
      refreshMessage(e.id).then(function () {
        if (e.created) { refreshBudget(); if (e.direction === 'in') markRead(); }
      });
    }
    // A blocked (拒收) customer's messages are stored but never notified.
    if (e.created && e.direction === 'in' && e.type !== 'event' && !e.blocked) {
      var shown = mine && document.visibilityState === 'visible';
      if (!shown && document.getElementById('row-' + e.conversation)) {
        notify(text.newMessage, '', '/inbox/conversations/' + e.conversation);
      }
    }
    return mine;
  }
  // belongs says whether a conversation in this state belongs in the list
  // the tab shows, as the server's list queries decide.
  function belongs(e) {
    switch (list && list.dataset.tab) {
      case 'mine': return e.state === 'active' && e.agent === me;
      case 'queue': return e.state === 'queued';
      case 'all': return e.state !== 'closed';
      case 'closed': return e.state === 'closed';
    }
    return false;
  }
  // onConversation updates the row an event touches in place; a row that
  // must appear, leave or move between tabs waits for the next list
  // refresh, which runs at most about once a second.
  function onConversation(e) {
    var row = list && document.getElementById('row-' + e.id);
    if (e.gone) {
      // Another agent took a conversation this one could see.
      if (row) row.remove();
      if (convId === e.id) reloadConversation();
      refreshList();
      return;
    }
    // Sending rules (issue 9): a lock or unlock shows at once — on a
    // conversation still this agent's to see.
    if (window.WeDeskRules && e.previousAgent !== me) window.WeDeskRules.conversationChanged(e, convId);
    if (e.opened && e.state === 'queued' && e.lockReason !== 'blocked') {
      notify(text.newConversation, '', '/inbox/conversations/' + e.id + '?tab=queue');
    }
    // Routing: a conversation assigned or transferred to this agent, or
    // transferred away or taken over by a supervisor.
    var panel = document.getElementById('routing-panel');
    if (e.agent === me && e.previousAgent !== me && e.state === 'active' && e.id !== convId) {
      notify(panel ? panel.dataset.assignedText : text.newConversation, '', '/inbox/conversations/' + e.id + '?tab=mine');
    } else if (e.previousAgent === me && e.agent !== me && panel) {
      notify(panel.dataset.takenText, '', '/inbox/conversations/' + e.id + '?tab=closed');
    }
    if (convId && e.id === convId && (e.state !== conv.dataset.state || e.previousAgent === me)) {
      reloadConversation(e.state === 'active' && e.agent === me ? 'mine' : (e.state === 'closed' ? 'closed' : ''));
    }
    if (!list) return;
    var inList = belongs(e);
    if (row && inList && !e.opened && !e.previousAgent) {
      updateRow(row, e);
      return;
    }
    if (row && !inList) row.remove();
    if (row || inList) refreshList();
  }
  function updateRow(row, e) {
    var p = row.querySelector('.preview');
    if (p && e.preview) p.textContent = previewOf(e.preview);
    var w = row.querySelector('.when');
    if (w && e.lastMessageAt) w.textContent = clockOf(e.lastMessageAt);
    var u = row.querySelector('.unread');
    var unread = e.kind === 'conversation' ? e.unread : 0;
    if (unread > 0 && row.id !== 'row-' + convId) {
      if (!u) {
        u = document.createElement('span');
        u.className = 'unread';
        row.querySelector('.row-bottom').appendChild(u);
      }
      u.textContent = String(unread);
      row.classList.add('has-unread');
    }
    // Newest first in every list but the queue, which keeps arrival order.
    if (list.dataset.tab !== 'queue' && list.firstElementChild !== row) list.insertBefore(row, list.firstElementChild);
  }
  function previewOf(p) {
    var names = text.previews || {};
    if (p.length > 2 && p[0] === '[' && p[p.length - 1] === ']' && names[p.slice(1, -1)]) return names[p.slice(1, -1)];
    return p;
  }
  // clockOf shows a moment as the list does: the time, in the desk's zone.
  function clockOf(s) {
    var d = new Date(s.replace(' ', 'T'));
    if (isNaN(d)) return '';
    var cst = new Date(d.getTime() + 8 * 3600 * 1000);
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return pad(cst.getUTCHours()) + ':' + pad(cst.getUTCMinutes());
  }
  // Supervisors watch every agent's status and capacity (routing panel).
  if (document.getElementById('team')) {
    pb.collection('agents').subscribe('*', function () { refreshList(); });
  }
  pb.collection('agents').subscribe(me, function (e) {
    document.querySelectorAll('#status-form .status').forEach(function (b) {
      var on = b.value === e.record.status;
      b.classList.toggle('current', on);
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
    });
  });
  // Waiting times and clocks in the list move on even when nothing happens.
  setInterval(refreshList, 60000);
  // Back online: fetch now what failed, rather than at the next backoff.
  window.addEventListener('online', function () {
    retryNow();
    if (catchUpTries) catchUp();
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && convId) markRead();
  });

  initConversation();
})();
