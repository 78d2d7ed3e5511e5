// Small improvements only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so keyboard and screen-reader users land on the list of problems.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
  // A form is sent once: a second click while the first request runs would only repeat it.
  document.addEventListener("submit", function (event) {
    var button = event.target.querySelector("button[type=submit]");
    if (button) {
      if (button.getAttribute("aria-disabled") === "true") event.preventDefault();
      button.setAttribute("aria-disabled", "true");
    }
  });
})();
