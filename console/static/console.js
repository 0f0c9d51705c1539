// The console's small behaviours; every page works without them (forms post as usual).
(function () {
  "use strict";
  // A select that changes something at once (the language) submits its form.
  document.querySelectorAll("select.autosubmit").forEach(function (select) {
    var button = select.form.querySelector(".js-hide");
    if (button) { button.hidden = true; }
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Asks before a destructive action (erase, revoke, delete): data-confirm holds the question.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // A page that answered a form with something shown once (a new webhook's secret):
  // its address becomes the list's, so a reload reads the list instead of posting again.
  document.querySelectorAll("[data-replace-url]").forEach(function (element) {
    if (window.history.replaceState) {
      window.history.replaceState(null, "", element.getAttribute("data-replace-url"));
    }
  });
  // A template's preview: placeholders filled with sample values as you type.
  document.querySelectorAll("textarea[data-preview]").forEach(function (area) {
    var target = document.getElementById(area.getAttribute("data-preview"));
    var samples = JSON.parse(target.getAttribute("data-samples") || "{}");
    function render() {
      target.textContent = area.value.replace(/\{(\w+)\}/g, function (whole, name) {
        return Object.prototype.hasOwnProperty.call(samples, name) ? samples[name] : whole;
      });
    }
    area.addEventListener("input", render);
    render();
  });
})();
