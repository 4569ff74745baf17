/* Reading modes (长辈版): applied before first paint, remembered in localStorage.
   Loaded synchronously in <head> on purpose: a deferred script would flash the standard page first. */
(function () {
  "use strict";
  var KEY = "sitegen-mode";
  var MODES = {
    standard: [],
    elder: ["text-large", "simple"],
    larger: ["text-larger"],
    contrast: ["contrast", "text-large"]
  };
  var ALL = ["text-large", "text-larger", "text-largest", "contrast", "simple"];
  var root = document.documentElement;

  function read() {
    try { return localStorage.getItem(KEY) || "standard"; } catch (e) { return "standard"; }
  }
  function apply(mode) {
    if (!MODES[mode]) { mode = "standard"; }
    ALL.forEach(function (c) { root.classList.remove(c); });
    MODES[mode].forEach(function (c) { root.classList.add(c); });
    root.setAttribute("data-mode", mode);
    var links = document.querySelectorAll("[data-mode]");
    for (var i = 0; i < links.length; i++) {
      if (links[i] !== root) {
        links[i].setAttribute("aria-pressed", String(links[i].getAttribute("data-mode") === mode));
      }
    }
  }
  apply(read());
  document.addEventListener("DOMContentLoaded", function () {
    apply(read());
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-mode]") : null;
      if (!link) { return; }
      event.preventDefault();
      var mode = link.getAttribute("data-mode");
      try { localStorage.setItem(KEY, mode); } catch (e) { /* private mode: apply for this page only */ }
      apply(mode);
    });
  });
})();
