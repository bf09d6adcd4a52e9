/* Search for the Briefings default theme, on the search page only.
   Progressive enhancement: without JavaScript the page explains how else to
   find things; with it, the form appears and asks Pagefind's index (built by
   `briefings build` when Pagefind is installed) as the reader types. The form
   is a plain GET form, so the address of a search (?q=…&principle=…) can be
   shared and is read back when the page opens. */
(function () {
  "use strict";
  var root = document.getElementById("site-search");
  var form = document.getElementById("site-search-form");
  if (!root || !form || !window.Promise || !window.URLSearchParams) return;

  var input = document.getElementById("site-search-input");
  var status = document.getElementById("site-search-status");
  var list = document.getElementById("site-search-results");
  var fallback = document.getElementById("site-search-fallback");
  var bundle = root.getAttribute("data-bundle");
  var siteRoot = root.getAttribute("data-root") || "/";
  var maxShown = 50;
  var loading = null;
  var latest = 0;
  var timer = null;

  form.hidden = false;
  if (fallback) fallback.hidden = true;

  /* Pagefind's files are written after the pages, so they are loaded only
     from here: no page links to them, and a site built without search still
     passes its link checks. */
  function pagefind() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (pf) {
        return Promise.resolve(pf.options({ baseUrl: siteRoot })).then(function () {
          return Promise.resolve(pf.init()).then(function () { return pf; });
        });
      });
    }
    return loading;
  }

  /* {principle: {any: ["Innovate", "Redesign"]}, …}: any value within a group,
     every group. */
  function chosenFilters() {
    var filters = {};
    var boxes = form.querySelectorAll("input[type=checkbox]:checked");
    for (var i = 0; i < boxes.length; i++) {
      var key = boxes[i].name;
      if (!filters[key]) filters[key] = { any: [] };
      filters[key].any.push(boxes[i].value);
    }
    return filters;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function describe(count, query, filters) {
    var text = count === 0 ? "No pages found" : plural(count, "page", "pages") + " found";
    if (query) text += " for \u201c" + query + "\u201d";
    var groups = Object.keys(filters);
    if (groups.length) {
      text += ", with " + groups.map(function (key) { return filters[key].any.join(" or "); }).join(" and ");
    }
    return text + (count > maxShown ? ". The first " + maxShown + " are shown." : ".");
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function show(results, total, query, filters) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = element("li", "search-result");
      var heading = element("h2", "search-result-title");
      var link = element("a", null, (data.meta && data.meta.title) || data.url);
      link.href = data.url;
      heading.appendChild(link);
      item.appendChild(heading);
      var type = data.filters && data.filters.type && data.filters.type[0];
      if (type) item.appendChild(element("p", "search-result-type", type));
      var excerpt = element("p", "search-result-excerpt");
      /* Pagefind's excerpt is escaped page text with <mark> around matches. */
      excerpt.innerHTML = data.excerpt || "";
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    status.textContent = describe(total, query, filters);
  }

  function remember() {
    var params = new URLSearchParams(new FormData(form));
    if (!input.value.trim()) params.delete("q");
    var query = params.toString();
    if (window.history && history.replaceState) {
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    }
  }

  function run() {
    var query = input.value.trim();
    var filters = chosenFilters();
    var ticket = ++latest;
    remember();
    if (!query && !Object.keys(filters).length) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    status.textContent = "Searching\u2026";
    pagefind().then(function (pf) {
      return pf.search(query || null, { filters: filters });
    }).then(function (search) {
      if (ticket !== latest || !search) return null;
      var shown = search.results.slice(0, maxShown);
      return Promise.all(shown.map(function (result) { return result.data(); })).then(function (data) {
        if (ticket === latest) show(data, search.results.length, query, filters);
      });
    }).catch(function () {
      if (ticket !== latest) return;
      list.textContent = "";
      status.textContent = "Search is not available on this copy of the site: its search index was not built. "
        + "Use the links in the menu to find pages.";
    });
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", soon);
  form.addEventListener("change", function (event) {
    if (event.target && event.target.type === "checkbox") run();
  });

  /* A shared address: fill the form from it and search at once. */
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  var boxes = form.querySelectorAll("input[type=checkbox]");
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].checked = params.getAll(boxes[i].name).indexOf(boxes[i].value) !== -1;
  }
  if (input.value || form.querySelector("input[type=checkbox]:checked")) run();
})();
