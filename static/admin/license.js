// WeDesk license admin page: balance, voucher redemption, each organization's
// trial and license years with a Buy button, and the credit ledger. No
// framework and no inline code, so it runs under a strict CSP. It calls the
// superuser-only JSON API with the token the PocketBase dashboard (/_/) keeps
// in localStorage, so signing in to the dashboard signs in here too.
"use strict";

(function () {
  // PocketBase v0.39 dashboard: new LocalAuthStore("__pb_superusers__" + path
  // without its trailing slash), i.e. "__pb_superusers__/_" under /_/.
  var TOKEN_KEY = "__pb_superusers__/_";
  var LANG_KEY = "wedesk_admin_lang";

  var T = {
    zh: {
      title: "许可与信用点数", dashboard: "管理后台", toggle: "English", contactLinks: "微信客服联系链接",
      signinNeeded: "请先以超级管理员身份登录 PocketBase 管理后台，然后刷新本页。", signin: "前往登录",
      balanceTitle: "可用信用点数", credits: "点", price: "每个机构每年 {n} 点（¥{y}）。",
      voucherLabel: "兑换券码（至少 4 点）", redeem: "兑换",
      orgsTitle: "机构（企业微信 CorpID / 公众号 AppID）",
      orgsHint: "试用期从首次授权起 90 天，不会因删除并重新添加渠道而重置。每年 4 点；自动续订会在到期前 7 天使用可用点数。",
      noOrgs: "还没有机构：添加渠道后会自动出现。",
      ledgerTitle: "点数明细（最近 100 条）", colTime: "时间", colKind: "类型", colCredits: "点数",
      colBalance: "余额", colNote: "说明", noLedger: "暂无记录。",
      trial: "试用中", active: "有效", expiring: "即将到期", expired: "已过期",
      daysLeft: "剩余 {n} 天", until: "有效期至 {d}", since: "{d} 起已过期",
      buy: "购买一年（4 点）", autoRenew: "自动续订",
      confirmBuy: "为 {id} 购买一年许可，使用 4 个信用点数？新的一年从 {d} 开始。",
      bought: "已为 {id} 购买一年：{a} 至 {b}。", redeemed: "已兑换 {n} 点，当前余额 {b} 点。",
      src_trial: "试用", src_purchase: "购买", src_renewal: "自动续订",
      kind_voucher: "券码兑换", kind_purchase: "购买许可", kind_renewal: "自动续订",
      failed: "操作失败：", saved: "已保存。"
    },
    en: {
      title: "License and credits", dashboard: "Dashboard", toggle: "中文", contactLinks: "Contact links",
      signinNeeded: "Sign in to the PocketBase dashboard as a superuser, then reload this page.", signin: "Sign in",
      balanceTitle: "Available credits", credits: "credits", price: "{n} credits (¥{y}) per organization per year.",
      voucherLabel: "Redeem a voucher (at least 4 credits)", redeem: "Redeem",
      orgsTitle: "Organizations (WeCom CorpID / Official Account AppID)",
      orgsHint: "The 90-day trial counts from the first authorization and never restarts when a channel is removed and added again. 4 credits per year; auto-renewal spends available credits 7 days before the end.",
      noOrgs: "No organizations yet: they appear when a channel is added.",
      ledgerTitle: "Credit ledger (latest 100)", colTime: "Time", colKind: "Kind", colCredits: "Credits",
      colBalance: "Balance", colNote: "Note", noLedger: "No entries yet.",
      trial: "Trial", active: "Active", expiring: "Expiring", expired: "Expired",
      daysLeft: "{n} days left", until: "until {d}", since: "expired since {d}",
      buy: "Buy one year (4 credits)", autoRenew: "Auto-renew",
      confirmBuy: "Buy one year for {id} with 4 credits? It starts on {d}.",
      bought: "Bought one year for {id}: {a} to {b}.", redeemed: "Redeemed {n} credits; balance {b}.",
      src_trial: "Trial", src_purchase: "Purchase", src_renewal: "Renewal",
      kind_voucher: "Voucher", kind_purchase: "Purchase", kind_renewal: "Renewal",
      failed: "Failed: ", saved: "Saved."
    }
  };

  var lang = localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh";
  var last = null; // the latest overview, re-rendered on language change

  function t(key, vars) {
    var s = T[lang][key] || key;
    Object.keys(vars || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(vars[k])); });
    return s;
  }

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // token returns the dashboard's superuser token, or "".
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
      } catch (e) { /* not JSON: not a PocketBase auth entry */ }
    }
    return "";
  }

  // api calls the JSON API; it rejects with {status, code, message}.
  function api(method, path, body) {
    var headers = { "Authorization": token(), "Accept-Language": lang };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (data) {
          if (res.status === 401 || res.status === 403) { showSignin(); }
          if (!res.ok) { return Promise.reject({ status: res.status, code: data.code || "", message: data.message || res.statusText }); }
          return data;
        });
      });
  }

  function showSignin() {
    $("signin").hidden = false;
    $("content").hidden = true;
  }

  function flash(text, isError) {
    var f = $("flash");
    f.textContent = text;
    f.className = isError ? "flash error" : "flash";
    f.hidden = false;
  }

  function fail(err) { flash(t("failed") + (err && err.message ? err.message : String(err)), true); }

  function applyLang() {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    document.querySelectorAll("[data-i18n]").forEach(function (n) { n.textContent = t(n.getAttribute("data-i18n")); });
    $("lang-toggle").textContent = t("toggle");
    document.title = "WeDesk · " + t("title");
    if (last) { render(last); }
  }

  function statusText(o) {
    var head = t(o.status);
    if (o.status === "expired") { return head + " · " + t("since", { d: o.cover_until.slice(0, 10) }); }
    if (o.in_trial && o.days_left > o.trial_days_left) {
      return head + " · " + t("daysLeft", { n: o.trial_days_left }) + " · " + t("until", { d: o.last_day });
    }
    if (o.in_trial || o.status === "expiring") { return head + " · " + t("daysLeft", { n: o.days_left }); }
    return head + " · " + t("until", { d: o.last_day });
  }

  function renderOrg(o) {
    var box = el("div", "org");
    var head = el("div", "org-head");
    var who = el("div");
    who.appendChild(el("span", "org-id", o.app_id));
    who.appendChild(document.createTextNode(" "));
    who.appendChild(el("span", "badge " + o.status, statusText(o)));
    if (o.channels.length) { who.appendChild(el("div", "org-channels", o.channels.join(" · "))); }
    head.appendChild(who);

    var actions = el("div", "org-actions");
    var auto = el("label");
    var box2 = el("input");
    box2.type = "checkbox";
    box2.checked = o.auto_renew;
    box2.addEventListener("change", function () { setAutoRenew(o, box2); });
    auto.appendChild(box2);
    auto.appendChild(document.createTextNode(" " + t("autoRenew")));
    actions.appendChild(auto);
    var buy = el("button", "", t("buy"));
    buy.type = "button";
    buy.disabled = last.balance < last.credits_per_year;
    buy.addEventListener("click", function () { buyYear(o, buy); });
    actions.appendChild(buy);
    head.appendChild(actions);
    box.appendChild(head);

    var list = el("ul", "periods");
    o.periods.forEach(function (p) {
      list.appendChild(el("li", p.current ? "current" : "", t("src_" + p.source) + ": " + p.first_day + " – " + p.last_day));
    });
    box.appendChild(list);
    return box;
  }

  function renderLedger(rows) {
    var body = $("ledger");
    body.textContent = "";
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("td", "", new Date(r.created).toLocaleString(lang === "en" ? "en-GB" : "zh-CN")));
      tr.appendChild(el("td", "", t("kind_" + r.kind)));
      tr.appendChild(el("td", "num " + (r.credits >= 0 ? "plus" : "minus"), (r.credits > 0 ? "+" : "") + r.credits));
      tr.appendChild(el("td", "num", String(r.balance_after)));
      tr.appendChild(el("td", "", r.note));
      body.appendChild(tr);
    });
    $("no-ledger").hidden = rows.length > 0;
  }

  function render(ov) {
    last = ov;
    $("balance").textContent = String(ov.balance);
    $("price-hint").textContent = t("price", { n: ov.credits_per_year, y: ov.price_yuan });
    var orgs = $("orgs");
    orgs.textContent = "";
    ov.organizations.forEach(function (o) { orgs.appendChild(renderOrg(o)); });
    $("no-orgs").hidden = ov.organizations.length > 0;
    renderLedger(ov.ledger);
    $("signin").hidden = true;
    $("content").hidden = false;
  }

  function load() {
    if (!token()) { showSignin(); return Promise.resolve(); }
    return api("GET", "/api/wedesk/license").then(render, function (err) {
      if (err.status !== 401 && err.status !== 403) { fail(err); }
    });
  }

  function buyYear(o, button) {
    if (!window.confirm(t("confirmBuy", { id: o.app_id, d: o.next_start_day }))) { return; }
    button.disabled = true;
    api("POST", "/api/wedesk/organizations/" + encodeURIComponent(o.id) + "/buy").then(function (res) {
      flash(t("bought", { id: o.app_id, a: res.license.first_day, b: res.license.last_day }));
      return load();
    }, function (err) { button.disabled = false; fail(err); });
  }

  function setAutoRenew(o, input) {
    api("PATCH", "/api/collections/organizations/records/" + encodeURIComponent(o.id), { auto_renew: input.checked })
      .then(function () { o.auto_renew = input.checked; flash(t("saved")); },
        function (err) { input.checked = !input.checked; fail(err); });
  }

  function redeem(ev) {
    ev.preventDefault();
    var input = $("voucher");
    var code = input.value.trim();
    if (!code) { return; }
    api("POST", "/api/wedesk/credits/redeem", { voucher: code }).then(function (res) {
      input.value = "";
      flash(t("redeemed", { n: res.credits, b: res.balance }));
      return load();
    }, fail);
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("lang-toggle").addEventListener("click", function () {
      lang = lang === "en" ? "zh" : "en";
      localStorage.setItem(LANG_KEY, lang);
      applyLang();
    });
    $("redeem-form").addEventListener("submit", redeem);
    applyLang();
    load();
  });
})();
