// Search and filters for the portal's pages, which work without this script. No request leaves the page:
// the search index is a script of the same folder (search-index.js), loaded only by search.html.
(function () {
  "use strict";
  var PAIRED = /[\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff]+/g;
  var WORD = /[\p{L}\p{N}]+/gu;

  // The same terms as gpworkshop.site._search.terms: words, and pairs of characters of scripts without spaces.
  function terms(text) {
    var found = [];
    var words = text.normalize("NFKC").toLowerCase().match(WORD) || [];
    words.forEach(function (word) {
      var start = 0;
      word.replace(PAIRED, function (run, at) {
        if (at > start) { found.push(word.slice(start, at)); }
        if (run.length === 1) { found.push(run); }
        for (var i = 0; i + 1 < run.length; i++) { found.push(run.slice(i, i + 2)); }
        start = at + run.length;
        return run;
      });
      if (start < word.length) { found.push(word.slice(start)); }
    });
    return found;
  }

  function pagesOf(index, term, keys) {
    var exact = index.terms[term];
    if (PAIRED.test(term)) { PAIRED.lastIndex = 0; return exact || []; }
    PAIRED.lastIndex = 0;
    var found = {};
    keys.forEach(function (key) {
      if (key.lastIndexOf(term, 0) === 0) { index.terms[key].forEach(function (page) { found[page] = true; }); }
    });
    return Object.keys(found).map(Number);
  }

  function search(index, query) {
    var wanted = terms(query);
    if (!wanted.length) { return []; }
    var keys = Object.keys(index.terms);
    var chosen = null;
    wanted.forEach(function (term) {
      var pages = pagesOf(index, term, keys);
      chosen = chosen === null ? pages : chosen.filter(function (page) { return pages.indexOf(page) >= 0; });
    });
    return (chosen || []).sort(function (a, b) { return a - b; });
  }

  function showResults() {
    var box = document.querySelector("[data-search]");
    var list = document.querySelector("[data-results]");
    var none = document.querySelector("[data-no-match]");
    var index = window.gpworkshopSearch;
    if (!box || !list || !index) { return; }
    var query = new URLSearchParams(window.location.search).get("q") || "";
    box.value = query;
    function run() {
      var found = search(index, box.value);
      list.textContent = "";
      found.slice(0, 200).forEach(function (number) {
        var page = index.pages[number];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = page[0];
        link.textContent = page[1];
        item.appendChild(link);
        list.appendChild(item);
      });
      none.hidden = !(box.value.trim() && !found.length);
    }
    box.addEventListener("input", run);
    run();
  }

  function filterRows() {
    document.querySelectorAll("[data-filters]").forEach(function (form) {
      var table = document.querySelector("[data-filtered]");
      var selects = form.querySelectorAll("select[data-filter]");
      function apply() {
        table.querySelectorAll("tbody tr").forEach(function (row) {
          var shown = true;
          selects.forEach(function (select) {
            if (select.value && row.getAttribute("data-" + select.getAttribute("data-filter")) !== select.value) {
              shown = false;
            }
          });
          row.hidden = !shown;
        });
      }
      selects.forEach(function (select) { select.addEventListener("change", apply); });
    });
  }

  // For tests and themes: the terms a text is searched by.
  window.gpworkshopTerms = terms;
  document.querySelectorAll("[data-needs-script]").forEach(function (element) { element.hidden = false; });
  filterRows();
  showResults();
})();
