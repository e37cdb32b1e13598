/* Douma timeline: offline search and filters. No framework, no network.
   The search index (assets/search-index.js) is loaded by a relative <script src>
   on first use, so it works from file:// too. It carries the fold table of
   timeline/normalize.py, so the query is folded exactly as the index was. */
(function () {
  "use strict";

  function fold(text, index) {
    var drop = new RegExp(index.drop, "gu");
    var out = "";
    for (var ch of String(text)) {
      if (ch > "\x7f") ch = ch.normalize("NFKC");
      ch = ch.replace(drop, "");
      for (var c of ch) out += (index.fold[c] !== undefined ? index.fold[c] : c);
    }
    return out.toLowerCase().replace(/\s+/gu, " ").trim();
  }

  function stem(token, index) {
    for (var i = 0; i < index.prefixes.length; i++) {
      var p = index.prefixes[i];
      if (token.startsWith(p) && Array.from(token).length - Array.from(p).length >= index.min_stem) {
        return token.slice(p.length);
      }
    }
    return token;
  }

  function terms(text, index) {
    var tokens = fold(text, index).match(/[\p{L}\p{N}]+/gu) || [];
    return tokens.map(function (t) { return stem(t, index); });
  }

  function decode(list) { return list.split(",").map(function (n) { return parseInt(n, 36); }); }

  /* Document numbers matching every query term (a term matches indexed stems it starts). */
  function search(query, index) {
    var wanted = terms(query, index);
    if (!wanted.length) return null;
    var keys = index._keys || (index._keys = Object.keys(index.terms));
    var result = null;
    for (var w of wanted) {
      var found = new Set();
      for (var k of keys) {
        if (k.startsWith(w)) decode(index.terms[k]).forEach(function (n) { found.add(n); });
      }
      result = result === null ? found : new Set([...result].filter(function (n) { return found.has(n); }));
      if (!result.size) break;
    }
    return result;
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { fold: fold, stem: stem, terms: terms, search: search };
    return;
  }

  var state = { query: "", ids: null };

  function loadIndex(input, then) {
    if (window.TIMELINE_SEARCH) return then(window.TIMELINE_SEARCH);
    var script = document.createElement("script");
    script.src = input.getAttribute("data-index");
    script.onload = function () { then(window.TIMELINE_SEARCH); };
    document.head.appendChild(script);
  }

  function selections() {
    var chosen = {};
    document.querySelectorAll("select[data-filter]").forEach(function (s) {
      if (s.value) chosen[s.getAttribute("data-filter")] = s.value;
    });
    return chosen;
  }

  function matches(card, chosen) {
    for (var kind in chosen) {
      var values = (card.getAttribute("data-" + kind) || "").split(" ");
      if (values.indexOf(chosen[kind]) < 0) return false;
    }
    return !state.ids || state.ids.has(card.getAttribute("data-event-id"));
  }

  function apply() {
    var chosen = selections();
    var cards = document.querySelectorAll(".timeline article[data-event-id]");
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, chosen);
      card.hidden = !visible;
      if (visible) shown++;
    });
    document.querySelectorAll(".timeline .day, .timeline .month").forEach(function (group) {
      group.hidden = !group.querySelector("article[data-event-id]:not([hidden])");
    });
    var status = document.querySelector(".status");
    var active = state.ids || Object.keys(chosen).length;
    if (status) status.textContent = active ? "الأحداث المعروضة: " + shown + " من " + cards.length : "";
    listElsewhere(cards);
  }

  /* Search hits whose cards are not on this page (the index links month pages at scale). */
  function listElsewhere(cards) {
    var list = document.querySelector(".results");
    if (!list) return;
    list.textContent = "";
    var index = window.TIMELINE_SEARCH;
    if (!state.ids || !index || cards.length >= index.docs.length) { list.hidden = true; return; }
    var root = document.documentElement.getAttribute("data-root") || "";
    var count = 0;
    state.ids.forEach(function (id) {
      if (count >= 50) return;
      var doc = index._byId[id];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + doc[1];
      a.textContent = doc[2];
      li.append(doc[3] + ": ", a);
      list.appendChild(li);
      count++;
    });
    list.hidden = count === 0;
  }

  function onQuery(input) {
    var query = input.value;
    loadIndex(input, function (index) {
      if (!index._byId) {
        index._byId = {};
        index.docs.forEach(function (d) { index._byId[d[0]] = d; });
      }
      var numbers = search(query, index);
      state.ids = numbers === null ? null : new Set([...numbers].map(function (n) { return index.docs[n][0]; }));
      apply();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector('input[type="search"][data-index]');
    var filters = document.querySelector(".filters");
    if (filters) filters.hidden = false;
    document.querySelectorAll("select[data-filter]").forEach(function (s) { s.addEventListener("change", apply); });
    var reset = document.querySelector(".filters .reset");
    if (reset) reset.addEventListener("click", function () {
      document.querySelectorAll("select[data-filter]").forEach(function (s) { s.value = ""; });
      apply();
    });
    if (!input) return;
    input.form.addEventListener("submit", function (e) { e.preventDefault(); onQuery(input); });
    input.addEventListener("focus", function () { loadIndex(input, function () {}); }, { once: true });
    input.addEventListener("input", function () { onQuery(input); });
    if (input.value) onQuery(input);
  });
})();
