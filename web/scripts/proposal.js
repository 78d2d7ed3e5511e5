// The proposal's progress page: polls the job's JSON and updates the page in place, then opens the review
// when the job is done. Without this file the page refreshes itself (a <noscript> meta refresh).
(function () {
  "use strict";
  var job = document.querySelector("[data-job]");
  if (!job || !window.fetch) return;
  var address = job.getAttribute("data-job");
  function field(name) { return job.querySelector("[data-field=" + name + "]"); }
  function show(state) {
    ["status_text", "iterations_text", "cost_text", "time_left_text"].forEach(function (name) {
      var el = field(name);
      if (el && el.textContent !== state[name]) el.textContent = state[name];
    });
    var bar = field("bar");
    if (bar && state.iterations_total > 0) {
      bar.max = state.iterations_total;
      bar.value = state.iterations_done;
    }
  }
  function poll() {
    fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      })
      .then(function (state) {
        show(state);
        if (state.next) window.location.assign(state.next);
        else if (state.running) window.setTimeout(poll, 700);
        // Failed or cancelled: the page itself says how (without the notice of the request that led here).
        else window.location.replace(window.location.pathname);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  if (job.getAttribute("data-running") === "true") window.setTimeout(poll, 300);
})();
