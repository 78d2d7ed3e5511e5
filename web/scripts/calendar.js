// The calendar's quick navigation: N (sau), P (trước), H (hôm nay) follow the page's own links. Only an
// improvement: the links work without it, and keys typed into the filter form are left alone.
(function () {
  "use strict";
  var bar = document.querySelector(".cal-bar");
  if (!bar) return;
  var hint = document.querySelector("[data-cal-keys]");
  if (hint) hint.hidden = false;
  var steps = { n: "next", p: "prev", h: "today" };
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target;
    if (target && (target.closest("form") || target.isContentEditable)) return;
    var step = steps[(event.key || "").toLowerCase()];
    if (!step) return;
    var link = bar.querySelector('[data-cal-step="' + step + '"]');
    if (link) {
      event.preventDefault();
      window.location.assign(link.href);
    }
  });
})();
