/* Douma timeline: offline search and filters, and the chart's keyboard (the index).
   No framework, no network beyond the site's own files. The search metadata
   (fold table, clitic and variant rules of timeline/site/search.yml) is
   embedded in the index page; the index itself is in small parts under
   assets/search/ loaded by relative <script src> (works from file:// too),
   only the parts a query needs. The query is folded exactly as the index was
   (tests/test_site_search.py runs these functions under node against Python). */
(function () {
  "use strict";

  function fold(text, rules) {
    var drop = rules._drop || (rules._drop = new RegExp(rules.drop, "gu"));
    var out = "";
    for (var ch of String(text)) {
      if (ch > "\x7f") ch = ch.normalize("NFKC");
      ch = ch.replace(drop, "");
      for (var c of ch) out += (rules.fold[c] !== undefined ? rules.fold[c] : c);
    }
    return out.toLowerCase().replace(/\s+/gu, " ").trim();
  }

  function length(text) { return Array.from(text).length; }

  /* Every form a folded token is indexed or looked up under (search.py: readings). */
  function readings(token, rules) {
    var found = [token];
    rules.prefixes.forEach(function (p) {
      if (token.startsWith(p) && length(token) - length(p) >= rules.min_stem) found.push(token.slice(p.length));
    });
    found.slice().forEach(function (r) {
      rules.variants.forEach(function (v) { if (r.startsWith(v[0])) found.push(v[1] + r.slice(v[0].length)); });
    });
    return found.filter(function (r, i) { return found.indexOf(r) === i; });
  }

  /* search.py: index_readings (forms still carrying the article are left out). */
  function indexReadings(token, rules) {
    var found = readings(token, rules);
    return found.filter(function (r) {
      return !rules.articled.some(function (p) { return r.startsWith(p) && found.indexOf(r.slice(p.length)) >= 0; });
    });
  }

  /* search.py: query_readings (also the rest after an article, however short). */
  function queryReadings(token, rules) {
    var found = readings(token, rules);
    rules.articled.forEach(function (p) {
      if (token.startsWith(p) && token.length > p.length) found.push(token.slice(p.length));
    });
    return found.filter(function (r, i) { return found.indexOf(r) === i; });
  }

  function words(text, rules) { return fold(text, rules).match(/[\p{L}\p{N}]+/gu) || []; }

  function wordReadings(text, rules) { return words(text, rules).map(function (w) { return queryReadings(w, rules); }); }

  function terms(text, rules) {
    var all = [];
    words(text, rules).forEach(function (w) { indexReadings(w, rules).forEach(function (t) { if (all.indexOf(t) < 0) all.push(t); }); });
    return all;
  }

  function partName(key) {
    return "t-" + Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }

  function decodePostings(text, total) {
    var out = [];
    if (text.charAt(0) === "~") {
      var bytes = atob(text.slice(1));
      for (var n = 0; n < total; n++) if (bytes.charCodeAt(n >> 3) >> (n & 7) & 1) out.push(n);
      return out;
    }
    if (!text) return out;
    var previous = -1;
    text.split(",").forEach(function (gap) { previous += parseInt(gap, 36) + 1; out.push(previous); });
    return out;
  }

  /* The parts a query needs: for each reading, every part whose key (a term
     prefix, search.py: _part_keys) starts with the reading or begins it. */
  function partsFor(groups, meta) {
    var names = [];
    groups.forEach(function (group) {
      group.forEach(function (r) {
        meta.parts.forEach(function (key) {
          var name = partName(key);
          if ((key.startsWith(r) || r.startsWith(key)) && names.indexOf(name) < 0) names.push(name);
        });
      });
    });
    return names;
  }

  /* Event numbers (ascending) matching every query word, from loaded parts. */
  function match(groups, meta, parts) {
    var result = null;
    groups.forEach(function (group) {
      var found = new Set();
      group.forEach(function (r) {
        partsFor([[r]], meta).forEach(function (name) {
          var part = parts[name];
          if (!part) return;
          for (var term in part.terms) {
            if (term.startsWith(r)) decodePostings(part.terms[term], meta.docs).forEach(function (n) { found.add(n); });
          }
        });
      });
      result = result === null ? found : new Set([...result].filter(function (n) { return found.has(n); }));
    });
    return result === null ? null : Array.from(result).sort(function (a, b) { return a - b; });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { fold: fold, readings: readings, indexReadings: indexReadings, queryReadings: queryReadings, wordReadings: wordReadings, terms: terms, partName: partName,
                       decodePostings: decodePostings, partsFor: partsFor, match: match,
                       pluralForm: pluralForm, counted: counted };
    return;
  }

  /* ---- the page ---------------------------------------------------------------------- */

  var KINDS = ["categories", "actors", "places", "outlets", "review"];
  var S = { meta: null, parts: {}, docs: {}, waiting: {}, shown: 0, hits: null, token: 0 };

  window.TIMELINE_PART = function (name, data) {
    S.parts[name] = data;
    if (data.docs) for (var n in data.docs) {
      var number = parseInt(n, 36);
      if (!S.docs[number] || data.docs[n].length > S.docs[number].length) S.docs[number] = data.docs[n];
    }
  };

  function load(names, then) {
    var left = names.filter(function (name) { return !S.parts[name]; });
    if (!left.length) return then();
    var count = left.length;
    left.forEach(function (name) {
      var done = function () { if (--count === 0) then(); };
      if (S.waiting[name]) { S.waiting[name].push(done); return; }
      S.waiting[name] = [done];
      var script = document.createElement("script");
      script.src = root() + S.meta.dir + name + ".js";
      script.onload = script.onerror = function () {
        if (!S.parts[name]) S.parts[name] = { terms: {}, docs: {}, failed: true };
        var callbacks = S.waiting[name];
        delete S.waiting[name];
        callbacks.forEach(function (f) { f(); });
      };
      document.head.appendChild(script);
    });
  }

  function root() { return document.documentElement.getAttribute("data-root") || ""; }

  function digits(text) {
    text = String(text);
    return S.meta && S.meta.digits === "arabic" ? text.replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[d]; }) : text;
  }

  /* Arabic number agreement (arabic.py: plural_form, DateDisplay.count), the
     noun forms from names.yml in the search metadata: 1 and 2 without a digit
     (the dual), 3–10 a plural, 11–99 a singular accusative, 100, 101… a singular. */
  function pluralForm(number) {
    var rest = number % 100;
    if (number === 0) return "zero";
    if (number === 1 || number === 2) return number === 1 ? "one" : "two";
    if (rest >= 3 && rest <= 10) return "few";
    if (rest >= 11) return "many";
    return "other";
  }
  function counted(number, noun, meta) {
    meta = meta || (S && S.meta) || {};
    var forms = (meta.counted && meta.counted[noun]) || {};
    var form = pluralForm(number);
    if (form === "zero") { if (forms.zero) return forms.zero; form = "other"; }
    if (form === "one" || form === "two") return forms[form];
    var shown = String(number);
    if (meta.digits === "arabic") shown = shown.replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[d]; });
    return shown + " " + forms[form];
  }

  function controls() {
    return {
      input: document.querySelector('.finder input[type="search"]'),
      selects: Array.from(document.querySelectorAll("select[data-filter]")),
      status: document.querySelector(".finder .status"),
      list: document.querySelector(".finder .results"),
      more: document.querySelector(".finder .more"),
      timeline: document.querySelector("section.timeline")
    };
  }

  function chosen(c) {
    var out = {};
    c.selects.forEach(function (s) { if (s.value) out[s.getAttribute("data-filter")] = s.value; });
    return out;
  }

  /* ---- URL state ---- */
  function readUrl(c) {
    var params = new URLSearchParams(location.search);
    c.input.value = params.get("q") || "";
    c.selects.forEach(function (s) {
      var value = params.get(s.getAttribute("data-filter")) || "";
      s.value = Array.from(s.options).some(function (o) { return o.value === value; }) ? value : "";
    });
  }

  function writeUrl(c, push) {
    var params = new URLSearchParams();
    if (c.input.value.trim()) params.set("q", c.input.value.trim());
    var picked = chosen(c);
    KINDS.forEach(function (k) { if (picked[k]) params.set(k, picked[k]); });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    try { history[push ? "pushState" : "replaceState"](null, "", url); } catch (e) { /* file:// in some browsers */ }
  }

  /* ---- facets ---- */
  function facetSets() {
    var f = S.parts.facets;
    if (f._rows) return f._rows;
    f._rows = f.rows.map(function (row) {
      return row.split(";").map(function (field) {
        return field ? field.split(",").map(function (i) { return parseInt(i, 36); }) : [];
      });
    });
    return f._rows;
  }

  function passes(row, picked, skip) {
    var f = S.parts.facets;
    for (var k = 0; k < f.kinds.length; k++) {
      var kind = f.kinds[k];
      if (kind === skip || !picked[kind]) continue;
      var wanted = f.values[kind].indexOf(picked[kind]);
      if (row[k].indexOf(wanted) < 0) return false;
    }
    return true;
  }

  /* Option counts follow the other filters and the query. */
  function updateCounts(c, base, picked) {
    var f = S.parts.facets, rows = facetSets();
    c.selects.forEach(function (select) {
      var kind = select.getAttribute("data-filter"), k = f.kinds.indexOf(kind);
      var counts = {};
      base.forEach(function (n) {
        var row = rows[n];
        if (!passes(row, picked, kind)) return;
        row[k].forEach(function (i) { counts[i] = (counts[i] || 0) + 1; });
      });
      Array.from(select.options).forEach(function (option) {
        if (!option.value) return;
        var i = f.values[kind].indexOf(option.value);
        option.textContent = option.getAttribute("data-name") + " (" + digits(counts[i] || 0) + ")";
      });
    });
  }

  /* ---- highlighting ---- */
  function highlighted(text, groups) {
    var fragment = document.createDocumentFragment();
    String(text).split(/([\p{L}\p{N}\p{M}]+)/u).forEach(function (piece, i) {
      if (i % 2 === 0) { if (piece) fragment.append(piece); return; }
      var mine = words(piece, S.meta).map(function (w) { return indexReadings(w, S.meta); });
      var hit = groups.some(function (group) {
        return group.some(function (r) { return mine.some(function (g) { return g.some(function (t) { return t.startsWith(r); }); }); });
      });
      if (hit) { var mark = document.createElement("mark"); mark.textContent = piece; fragment.append(mark); }
      else fragment.append(piece);
    });
    return fragment;
  }

  function snippet(text, groups) {
    if (!text || !groups.length) return text || "";
    var pieces = text.split(/([\p{L}\p{N}\p{M}]+)/u), at = -1, offset = 0;
    for (var i = 1; i < pieces.length && at < 0; i += 2) {
      var mine = words(pieces[i], S.meta).map(function (w) { return indexReadings(w, S.meta); });
      if (groups.some(function (g) { return g.some(function (r) { return mine.some(function (m) { return m.some(function (t) { return t.startsWith(r); }); }); }); })) {
        at = pieces.slice(0, i).join("").length;
      }
    }
    if (at < 60) return text.length > 160 ? text.slice(0, 160) + "…" : text;
    offset = text.lastIndexOf(" ", at - 40);
    var part = text.slice(offset + 1, offset + 161);
    return "…" + part + (offset + 161 < text.length ? "…" : "");
  }

  /* ---- results ---- */
  function row(n, groups) {
    var doc = S.docs[n];
    var li = document.createElement("li");
    var article = document.createElement("article");
    article.className = "row";
    article.setAttribute("data-event-id", doc[0]);
    article.setAttribute("data-review", doc[3]);
    var head = document.createElement("p");
    head.className = "meta";
    var date = document.createElement("span");
    date.className = "date";
    date.textContent = doc[2];
    var badge = document.createElement("span");
    badge.className = "badge review-" + doc[3];
    badge.textContent = S.meta.reviews[doc[3]] || doc[3];
    head.append(date, " ", badge);
    var title = document.createElement("a");
    title.className = "row-title";
    title.href = root() + S.meta.event_url.replace("{id}", encodeURIComponent(doc[0]));
    title.append(highlighted(doc[1], groups));
    article.append(head, title);
    if (doc.length > 4) {
      var who = document.createElement("p");
      who.className = "attribution";
      var parties = doc[5] === 1 ? "رواية طرف واحد: " + doc[4] : "بحسب " + doc[4] + " · " + counted(doc[5], "party");
      who.textContent = parties + " · " + counted(doc[6], "outlet");
      article.append(who);
      if (doc[7]) {
        var quote = document.createElement("p");
        quote.className = "snippet";
        quote.append(highlighted(snippet(doc[7], groups), groups));
        article.append(quote);
      }
    }
    li.append(article);
    return li;
  }

  function chunksFor(numbers) {
    var names = [];
    numbers.forEach(function (n) {
      var name = "d-" + Math.floor(n / S.meta.chunk);
      if (!S.docs[n] || S.docs[n].length <= 4) if (names.indexOf(name) < 0) names.push(name);
    });
    return names;
  }

  function showPage(c, groups, token) {
    var page = S.hits.slice(S.shown, S.shown + S.meta.page);
    var missing = page.filter(function (n) { return !S.docs[n]; });
    var render = function () {
      if (token !== S.token) return;
      var items = page.filter(function (n) { return S.docs[n]; }).map(function (n) { return row(n, groups); });
      var first = S.shown;
      items.forEach(function (li) { c.list.append(li); });
      S.shown += page.length;
      c.more.hidden = S.shown >= S.hits.length;
      c.list.removeAttribute("aria-busy");
      busy(false);
      // Fill in claimants, counts and snippets once their chunk has arrived.
      load(chunksFor(page), function () {
        if (token !== S.token) return;
        page.forEach(function (n, i) {
          var old = c.list.children[first + i];
          if (old && S.docs[n] && S.docs[n].length > 4) c.list.replaceChild(row(n, groups), old);
        });
      });
    };
    if (missing.length) load(chunksFor(missing), render); else render();
  }

  function busy(on) {
    var finder = document.querySelector(".finder");
    if (on) finder.setAttribute("aria-busy", "true"); else finder.removeAttribute("aria-busy");
  }

  function run(c, push) {
    var token = ++S.token;
    busy(true);
    var query = c.input.value.trim(), picked = chosen(c);
    var active = query !== "" || Object.keys(picked).length > 0;
    writeUrl(c, push);
    document.querySelector(".finder .clear").hidden = !active;
    if (!active) {
      S.hits = null;
      c.list.textContent = "";
      c.list.hidden = true;
      c.more.hidden = true;
      c.status.textContent = "";
      if (c.timeline) c.timeline.hidden = false;
      if (S.parts.facets) updateCounts(c, allNumbers(), {});
      busy(false);
      return;
    }
    var groups = wordReadings(query, S.meta);
    var needed = partsFor(groups, S.meta);
    if (Object.keys(picked).length || S.parts.facets) needed.push("facets");
    c.status.textContent = "جارٍ تحميل فهرس البحث…";
    c.list.setAttribute("aria-busy", "true");
    load(needed, function () {
      if (token !== S.token) return;
      var found = groups.length ? match(groups, S.meta, S.parts) : allNumbers();
      var hits = found;
      if (S.parts.facets && !S.parts.facets.failed) {
        var rows = facetSets();
        hits = found.filter(function (n) { return passes(rows[n], picked, null); });
        updateCounts(c, found, picked);
      }
      S.hits = hits;
      S.shown = 0;
      c.list.textContent = "";
      c.list.hidden = false;
      if (c.timeline) c.timeline.hidden = true;
      c.status.textContent = hits.length ? counted(hits.length, "result") + (query ? " عن «" + query + "»" : "") : "لا نتائج. جرّب كلمة أخرى أو ألغِ بعض التصفية.";
      if (hits.length) showPage(c, groups, token); else { c.more.hidden = true; c.list.removeAttribute("aria-busy"); busy(false); }
    });
  }

  function allNumbers() {
    var all = [];
    for (var n = 0; n < S.meta.docs; n++) all.push(n);
    return all;
  }

  function setupFinder() {
    var metaElement = document.getElementById("search-meta");
    if (!metaElement) return;
    S.meta = JSON.parse(metaElement.textContent);
    var c = controls();
    document.querySelector(".finder .filters").hidden = false;
    var browse = document.querySelector(".finder .browse");
    if (browse) browse.hidden = true;  // the selects do what these links do without JavaScript
    c.selects.forEach(function (s) {
      Array.from(s.options).forEach(function (o) { if (o.value && !o.getAttribute("data-name")) o.setAttribute("data-name", o.textContent.replace(/ \([^)]*\)$/, "")); });
      s.addEventListener("change", function () { run(c, true); });
    });
    var timer = null;
    c.input.form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(c, true); });
    c.input.addEventListener("input", function () { clearTimeout(timer); busy(true); timer = setTimeout(function () { run(c, false); }, 150); });
    c.more.addEventListener("click", function () {
      var groups = wordReadings(c.input.value.trim(), S.meta);
      var next = c.list.children.length;
      showPage(c, groups, S.token);
      setTimeout(function () { var li = c.list.children[next]; if (li) { var a = li.querySelector("a"); if (a) a.focus(); } }, 0);
    });
    document.querySelector(".finder .clear").addEventListener("click", function () {
      c.input.value = "";
      c.selects.forEach(function (s) { s.value = ""; });
      run(c, true);
      c.input.focus();
    });
    window.addEventListener("popstate", function () { readUrl(c); run(c, false); });
    readUrl(c);
    var refine = document.querySelector(".finder .refine");
    if (refine && Object.keys(chosen(c)).length) refine.open = true;
    if (c.input.value.trim() || Object.keys(chosen(c)).length) run(c, false);
  }

  /* The chart is one Tab stop: its bars keep a roving tabindex, the arrow keys
     move between them (in reading order: right to left), Home and End jump to
     the ends; the focused or hovered bar's title is shown under the chart. */
  function setupChart() {
    var bars = Array.from(document.querySelectorAll(".chart .bars a"));
    var readout = document.querySelector(".chart .readout");
    if (!bars.length) return;
    var rtl = getComputedStyle(bars[0]).direction === "rtl";
    function show(bar) { if (readout) readout.textContent = bar.getAttribute("title"); }
    function moveTo(index) {
      index = Math.max(0, Math.min(bars.length - 1, index));
      bars.forEach(function (bar, n) { bar.tabIndex = n === index ? 0 : -1; });
      bars[index].focus();
    }
    bars.forEach(function (bar, index) {
      bar.addEventListener("focus", function () { show(bar); });
      bar.addEventListener("mouseenter", function () { show(bar); });
      bar.addEventListener("keydown", function (e) {
        var later = rtl ? "ArrowLeft" : "ArrowRight", earlier = rtl ? "ArrowRight" : "ArrowLeft";
        var to = e.key === later || e.key === "ArrowUp" ? index + 1 : e.key === earlier || e.key === "ArrowDown" ? index - 1
          : e.key === "Home" ? 0 : e.key === "End" ? bars.length - 1 : null;
        if (to === null) return;
        e.preventDefault();
        moveTo(to);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setupFinder(); setupChart(); });
})();
