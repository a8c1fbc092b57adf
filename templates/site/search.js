// The desk's search box: Pagefind's index, asked with its JavaScript API
// only once a reader types. Without JavaScript the form stays hidden and
// the page is the plain list of stories under it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form) return;
  var input = form.querySelector("input");
  var list = form.querySelector(".results");
  var index = null;
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  function load() {
    if (!index) {
      index = import(new URL(form.getAttribute("data-search"), document.baseURI).href)
        .then(function (pagefind) { return pagefind.init().then(function () { return pagefind; }); });
    }
    return index;
  }
  var asked = 0;
  input.addEventListener("input", function () {
    var query = input.value.trim();
    var mine = ++asked;
    if (!query) { list.replaceChildren(); return; }
    load().then(function (pagefind) { return pagefind.debouncedSearch(query, {}, 150); })
      .then(function (found) {
        if (!found || mine !== asked) return null;
        return Promise.all(found.results.slice(0, 12).map(function (r) { return r.data(); }));
      })
      .then(function (results) {
        if (!results || mine !== asked) return;
        list.replaceChildren.apply(list, results.map(function (result) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = result.url;
          link.textContent = (result.meta && result.meta.title) || result.url;
          var excerpt = document.createElement("p");
          excerpt.className = "meta";
          // Pagefind marks the words found with <mark>; the rest is text.
          excerpt.innerHTML = result.excerpt;
          item.append(link, excerpt);
          return item;
        }));
      });
  });
})();
