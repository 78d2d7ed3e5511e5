// The session page: narrow the candidate list as the search box is typed in, folding Vietnamese marks as the
// server does ("nguyen" finds "Nguyễn"). Only an improvement: the search form still posts without it.
(function () {
  "use strict";
  var input = document.querySelector("[data-candidate-filter]");
  var list = document.querySelector("[data-candidate-list]");
  if (!input || !list) return;
  var none = document.querySelector("[data-candidate-none]");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  var items = Array.prototype.slice.call(list.querySelectorAll("[data-name]"));
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var name = fold(item.getAttribute("data-name"));
      var match = words.every(function (w) { return name.indexOf(w) !== -1; });
      item.hidden = !match;
      if (match) shown += 1;
    });
    if (none) none.hidden = shown !== 0;
  });
})();
