// WeDesk reply box: Enter sends, Shift+Enter adds a line (and Enter while an
// IME is composing Chinese never sends), emoji picker, images and files by picker, paste or drop, uploaded with
// XMLHttpRequest for its progress events. Messages are created through
// PocketBase's records API with the agent's token; the server's hooks
// force the sender and check WeChat's window.
(function () {
  'use strict';
  var EMOJI = ('😀 😁 😂 🤣 😊 😍 😘 😎 🤔 😅 😭 😡 😱 😴 🙄 😉 🙂 🙃 😇 🤗 ' +
    '👍 👎 👌 🙏 👏 💪 🤝 ✌️ 👋 🙌 ❤️ 💔 🌹 🎉 🎁 🔥 ⭐ ✅ ❌ ❓ ' +
    '☕ 🍵 🍉 🧧 💰 📦 🚚 📞 ⏰ 📅').split(' ');

  function kindOf(file) {
    var t = file.type || '';
    if (t.indexOf('image/') === 0) return 'image';
    if (t.indexOf('audio/') === 0) return 'voice';
    if (t.indexOf('video/') === 0) return 'video';
    return 'file';
  }

  window.WeDeskReply = function (conv, ctx) {
    var form = document.getElementById('reply');
    if (!form) return;
    var area = document.getElementById('reply-text');
    var errBox = document.getElementById('reply-error');
    var noteBox = document.getElementById('note-mode');
    var up = document.getElementById('upload');
    var bar = document.getElementById('upload-progress');
    var convId = form.dataset.conversation;

    function showError(msg) { errBox.textContent = msg || ''; }
    // post sends one message; data is a FormData so text and files share a path.
    function post(data, onProgress) {
      return new Promise(function (resolve, reject) {
        var xhr = new XMLHttpRequest();
        xhr.open('POST', '/api/collections/messages/records');
        xhr.setRequestHeader('Authorization', ctx.pb.authStore.token);
        if (onProgress) {
          xhr.upload.onprogress = function (ev) { if (ev.lengthComputable) onProgress(ev.loaded / ev.total); };
        }
        xhr.onload = function () {
          var res = {};
          try { res = JSON.parse(xhr.responseText); } catch (e) { /* empty */ }
          if (xhr.status >= 200 && xhr.status < 300) resolve(res); else reject(new Error(res.message || ('HTTP ' + xhr.status)));
        };
        xhr.onerror = function () { reject(new Error(ctx.text.sendFailed)); };
        xhr.send(data);
      });
    }
    function base(type) {
      var d = new FormData();
      d.append('conversation', convId);
      d.append('type', type);
      d.append('internal', noteBox.checked ? 'true' : 'false');
      return d;
    }
    function done(rec) {
      showError('');
      ctx.refreshBudget();
      return ctx.refreshMessage(rec.id); // retried until it loads
    }
    function fail(err) { showError(err.message); ctx.refreshBudget(); }

    // sendText clears the box at once (a live re-render of the
    // conversation must not bring the sent text back) and restores it if
    // the server refuses the message.
    function sendText() {
      var t = area.value.trim();
      if (!t) return;
      var d = base('text');
      d.append('text', t);
      area.value = '';
      post(d).then(done, function (err) {
        var box = document.getElementById('reply-text');
        if (box && !box.value) box.value = t;
        fail(err);
      });
    }
    function sendFile(file) {
      if (!file) return;
      var d = base(kindOf(file));
      d.append('media', file, file.name);
      up.hidden = false;
      bar.value = 0;
      document.getElementById('upload-name').textContent = file.name;
      post(d, function (p) { bar.value = Math.round(p * 100); })
        .then(function (rec) { bar.value = 100; return done(rec); }, function (err) { fail(new Error(ctx.text.uploadFailed + ': ' + err.message)); })
        .finally(function () { setTimeout(function () { up.hidden = true; }, 800); });
    }

    form.addEventListener('submit', function (ev) { ev.preventDefault(); sendText(); });
    area.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
        ev.preventDefault();
        sendText();
      }
    });
    area.addEventListener('paste', function (ev) {
      var files = ev.clipboardData && ev.clipboardData.files;
      if (files && files.length) { ev.preventDefault(); sendFile(files[0]); }
    });
    document.getElementById('attach').addEventListener('change', function (ev) {
      sendFile(ev.target.files[0]);
      ev.target.value = '';
    });
    conv.addEventListener('dragover', function (ev) { ev.preventDefault(); form.classList.add('dragging'); });
    conv.addEventListener('dragleave', function () { form.classList.remove('dragging'); });
    conv.addEventListener('drop', function (ev) {
      ev.preventDefault();
      form.classList.remove('dragging');
      if (ev.dataTransfer.files.length) sendFile(ev.dataTransfer.files[0]);
    });
    noteBox.addEventListener('change', function () {
      form.classList.toggle('note-mode', noteBox.checked);
      area.placeholder = noteBox.checked ? form.dataset.notePlaceholder : form.dataset.replyPlaceholder;
    });

    function insert(s) {
      var a = area.selectionStart, b = area.selectionEnd;
      area.value = area.value.slice(0, a) + s + area.value.slice(b);
      area.selectionStart = area.selectionEnd = a + s.length;
      area.focus();
    }
    function toggle(panel) {
      document.querySelectorAll('.reply .popover').forEach(function (p) { if (p !== panel) p.hidden = true; });
      panel.hidden = !panel.hidden;
    }
    var emojiPanel = document.getElementById('emoji-panel');
    EMOJI.forEach(function (e) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = e;
      b.onclick = function () { insert(e); emojiPanel.hidden = true; };
      emojiPanel.appendChild(b);
    });
    document.getElementById('emoji-toggle').onclick = function () { toggle(emojiPanel); };

    // Quick replies: static/js/polish.js (team-wide, stored on the server).
  };
})();
