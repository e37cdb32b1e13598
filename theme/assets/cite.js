/* Douma timeline: the citation line of an event page, its only script
   (timeline.js, the search, is the index's). Progressive enhancement: without
   it the line is plain text with the build's access date and no button. */
(function () {
  "use strict";

  /* The citation line (event pages): the reader's own access date in place
     of the build's, a relative permalink made absolute when the page came
     over http(s), and a copy button (clipboard API, else a selection and
     execCommand, else the text left selected to copy by hand). Without
     JavaScript the line is plain text with the build date and the button
     stays hidden. */
  function setupCitation() {
    var accessed = document.querySelector(".cite time.accessed");
    if (accessed) {
      var months = (accessed.getAttribute("data-months") || "").split("|");
      var today = new Date();
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      if (months.length === 12) {
        var text = today.getDate() + " " + months[today.getMonth()] + " " + today.getFullYear();
        if (accessed.getAttribute("data-digits") === "arabic") text = text.replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[d]; });
        accessed.textContent = text;
        accessed.setAttribute("datetime", today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate()));
      }
    }
    if (/^https?:$/.test(location.protocol)) {
      document.querySelectorAll("a.permalink:not([data-abs]), .citation a.stored:not([data-abs])").forEach(function (a) {
        a.setAttribute("data-abs", a.href);
        if (a.classList.contains("permalink")) { var b = a.querySelector("bdi"); if (b) b.textContent = a.href; }
      });
    }
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      button.hidden = false;
      var note = button.parentNode.querySelector(".copied");
      var say = function (text) { if (note) note.textContent = text; };
      var select = function () {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      };
      var fallback = function () {
        select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        say(ok ? "نُسخ نص الاستشهاد." : "النص محدَّد: انسخه بـ Ctrl+C أو من قائمة النسخ.");
      };
      button.addEventListener("click", function () {
        var text = source.textContent.replace(/\s+/g, " ").trim();
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () { say("نُسخ نص الاستشهاد."); }, fallback);
        } else fallback();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", setupCitation);
})();
