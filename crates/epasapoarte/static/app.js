// ePașapoarte — progressive enhancement only: every page works without this file.
// 1. Move focus to the error summary so screen readers announce the problems.
// 2. Keep "Salvează" disabled until the consent box is ticked (the server checks anyway).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
    var consent = document.querySelector("[data-consent]");
    var save = document.querySelector("[data-requires-consent]");
    if (consent && save) {
      var sync = function () { save.disabled = !consent.checked; };
      consent.addEventListener("change", sync);
      sync();
      // After Back the browser restores the ticked box (from its cache, or by refilling
      // the form after this ran): the button follows it again (issue 12).
      window.addEventListener("pageshow", sync);
      window.addEventListener("load", sync);
    }
  });
})();
