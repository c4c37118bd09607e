// errors.html: the search box. It filters the entries by code, message text and status (each word must
// match; "4xx" matches a status class), hides the sections left empty, and keeps anchors working.
"use strict";
(function () {
  var box = document.getElementById("search-box");
  var input = document.getElementById("search");
  var count = document.getElementById("search-count");
  var noMatch = document.getElementById("no-match");
  var entries = Array.prototype.slice.call(document.querySelectorAll("article.entry"));
  var statuses = Array.prototype.slice.call(document.querySelectorAll("section.status"));
  box.hidden = false;

  function apply() {
    var terms = input.value.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    var shown = 0;
    entries.forEach(function (entry) {
      var text = entry.getAttribute("data-search");
      var match = terms.every(function (t) { return text.indexOf(t) >= 0; });
      entry.hidden = !match;
      if (match) shown++;
    });
    statuses.forEach(function (status) {
      status.hidden = status.querySelector("article.entry:not([hidden])") === null;
    });
    document.body.classList.toggle("searching", terms.length > 0);
    count.textContent = terms.length > 0 ? shown + " of " + entries.length + " errors" : entries.length + " errors";
    noMatch.hidden = shown > 0;
  }

  // An anchor to something the search hides clears the search, so the link lands where it points.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id.length > 0 ? document.getElementById(id) : null;
    if (target !== null && (target.closest("[hidden]") !== null || target.offsetParent === null) && input.value !== "") {
      input.value = "";
      apply();
      target.scrollIntoView();
    }
  }

  // Anchors land below the sticky toolbar, however many lines it wraps to.
  var toolbar = document.querySelector(".toolbar");
  function pad() {
    document.documentElement.style.scrollPaddingTop = toolbar.offsetHeight + 8 + "px";
  }

  input.addEventListener("input", apply);
  window.addEventListener("hashchange", reveal);
  window.addEventListener("resize", pad);
  var query = new URLSearchParams(location.search).get("q");
  if (query !== null) input.value = query;
  apply();
  pad();
  var start = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (start !== null) start.scrollIntoView();
})();
