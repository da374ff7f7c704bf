// WeDesk contact links page: for every 微信客服 account and entry scene, the
// link, its QR code (drawn as inline SVG; PNG download) and a copy-paste
// "在线咨询 / Chat with us" button. No inline code, so it runs under a strict
// CSP; it signs in with the PocketBase dashboard's superuser token.
"use strict";

(function () {
  var TOKEN_KEY = "__pb_superusers__/_";
  var LANG_KEY = "wedesk_admin_lang";

  var T = {
    zh: {
      title: "微信客服联系链接", license: "许可与信用点数", dashboard: "管理后台", toggle: "English",
      signinNeeded: "请先以超级管理员身份登录 PocketBase 管理后台，然后刷新本页。", signin: "前往登录",
      hint: "每个客服账号、每个来源场景各有一个链接：客户通过它进入会话时，收件箱会显示来源场景。可在链接后追加 &scene_param=…（不超过 128 字节）区分具体页面；不要改动链接的其他部分。",
      noAccounts: "还没有微信客服账号：添加微信客服渠道并同步账号后会出现在这里。",
      url: "链接", snippet: "网页按钮代码", copyUrl: "复制链接", copySnippet: "复制按钮代码",
      png: "下载二维码 PNG", copied: "已复制。", failed: "操作失败："
    },
    en: {
      title: "WeChat customer service contact links", license: "License and credits", dashboard: "Dashboard", toggle: "中文",
      signinNeeded: "Sign in to the PocketBase dashboard as a superuser, then reload this page.", signin: "Sign in",
      hint: "Each kf account has one link per entry scene: when a customer enters through it, the inbox shows the scene. You may append &scene_param=… (up to 128 bytes) to tell pages apart; do not change the rest of the link.",
      noAccounts: "No WeChat customer service accounts yet: they appear once a 微信客服 channel is added and its accounts synced.",
      url: "Link", snippet: "Website button", copyUrl: "Copy link", copySnippet: "Copy button code",
      png: "Download QR code PNG", copied: "Copied.", failed: "Failed: "
    }
  };

  var lang = localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh";
  var last = null;

  function t(key) { return T[lang][key] || key; }
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function token() {
    var keys = [TOKEN_KEY];
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i);
      if (k && k.indexOf("__pb_superusers__") === 0 && k !== TOKEN_KEY) { keys.push(k); }
    }
    for (var j = 0; j < keys.length; j++) {
      try {
        var v = JSON.parse(localStorage.getItem(keys[j]) || "null");
        if (v && v.token) { return v.token; }
      } catch (e) { /* not a PocketBase auth entry */ }
    }
    return "";
  }

  function fetchAuthed(path) {
    return fetch(path, { headers: { "Authorization": token(), "Accept-Language": lang } }).then(function (res) {
      if (res.status === 401 || res.status === 403) { showSignin(); }
      if (!res.ok) {
        return res.json().catch(function () { return {}; }).then(function (d) {
          return Promise.reject({ status: res.status, message: d.message || res.statusText });
        });
      }
      return res;
    });
  }

  function showSignin() { $("signin").hidden = false; $("content").hidden = true; }

  function flash(text, isError) {
    var f = $("flash");
    f.textContent = text;
    f.className = isError ? "flash error" : "flash";
    f.hidden = false;
  }

  function copy(text) {
    navigator.clipboard.writeText(text).then(function () { flash(t("copied")); },
      function (err) { flash(t("failed") + err, true); });
  }

  function downloadPNG(l) {
    fetchAuthed(l.png).then(function (res) { return res.blob(); }).then(function (blob) {
      var a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = l.open_kfid + "-" + l.scene + ".png";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }, function (err) { flash(t("failed") + err.message, true); });
  }

  function qr(svgText) {
    var box = el("div", "qr");
    var doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
    box.appendChild(document.importNode(doc.documentElement, true));
    return box;
  }

  function field(cls, value) {
    var f = el("textarea", cls);
    f.readOnly = true;
    f.rows = cls === "link-url" ? 2 : 4;
    f.value = value;
    return f;
  }

  function button(label, fn) {
    var b = el("button", "", label);
    b.type = "button";
    b.addEventListener("click", fn);
    return b;
  }

  function renderLink(l) {
    var box = el("div", "link-box");
    box.id = "link-" + l.account_id + "-" + l.scene;
    box.appendChild(el("h3", "", lang === "en" ? l.scene_en : l.scene_zh));
    if (l.error) { box.appendChild(el("p", "link-error", l.error)); return box; }
    box.appendChild(qr(l.svg));
    box.appendChild(el("label", "", t("url")));
    box.appendChild(field("link-url", l.url));
    box.appendChild(el("label", "", t("snippet")));
    box.appendChild(field("link-snippet", l.snippet));
    var actions = el("div", "link-actions");
    actions.appendChild(button(t("copyUrl"), function () { copy(l.url); }));
    actions.appendChild(button(t("copySnippet"), function () { copy(l.snippet); }));
    actions.appendChild(button(t("png"), function () { downloadPNG(l); }));
    box.appendChild(actions);
    return box;
  }

  function render(data) {
    last = data;
    var root = $("accounts");
    root.textContent = "";
    var byAccount = {};
    var order = [];
    data.links.forEach(function (l) {
      if (!byAccount[l.account_id]) { byAccount[l.account_id] = []; order.push(l.account_id); }
      byAccount[l.account_id].push(l);
    });
    order.forEach(function (id) {
      var links = byAccount[id];
      var card = el("section", "card account");
      var h = el("h2", "", (links[0].channel_name ? links[0].channel_name + " · " : "") + (links[0].account_name || links[0].open_kfid));
      h.appendChild(document.createTextNode(" "));
      h.appendChild(el("span", "account-id", links[0].open_kfid));
      card.appendChild(h);
      var grid = el("div", "links");
      links.forEach(function (l) { grid.appendChild(renderLink(l)); });
      card.appendChild(grid);
      root.appendChild(card);
    });
    $("no-accounts").hidden = order.length > 0;
    $("signin").hidden = true;
    $("content").hidden = false;
  }

  function applyLang() {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    document.querySelectorAll("[data-i18n]").forEach(function (n) { n.textContent = t(n.getAttribute("data-i18n")); });
    $("lang-toggle").textContent = t("toggle");
    document.title = "WeDesk · " + t("title");
    if (last) { render(last); }
  }

  function load() {
    if (!token()) { showSignin(); return; }
    fetchAuthed("/api/wedesk/contact_links").then(function (res) { return res.json(); }).then(render, function (err) {
      if (err.status !== 401 && err.status !== 403) { flash(t("failed") + err.message, true); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("lang-toggle").addEventListener("click", function () {
      lang = lang === "en" ? "zh" : "en";
      localStorage.setItem(LANG_KEY, lang);
      applyLang();
    });
    applyLang();
    load();
  });
})();
