/* Reading modes (长辈版, 高对比, 字号): classes on <html>, remembered in localStorage.
   Loaded synchronously in <head> on purpose: a deferred script would paint the standard page first.
   Without JavaScript the same links still work: 长辈版 leads to the static elder edition (/elder/...),
   高对比 and 字号 apply to the current page through CSS :target. If storage is unavailable, the links
   are left to do exactly that. */
(function () {
  "use strict";
  var KEY = "sitegen-mode";
  var SIZES = ["text-large", "text-larger", "text-largest"];
  var TOKENS = SIZES.concat(["contrast", "simple"]);
  var root = document.documentElement;
  var elderEdition = root.getAttribute("data-edition") === "elder";

  function has(tokens, token) { return tokens.indexOf(token) !== -1; }
  function without(tokens, drop) { return tokens.filter(function (t) { return drop.indexOf(t) === -1; }); }
  function withElder(tokens) {
    var result = has(tokens, "simple") ? tokens : tokens.concat(["simple"]);
    return SIZES.some(function (s) { return has(result, s); }) ? result : result.concat(["text-large"]);
  }

  function stored() {
    try {
      var value = localStorage.getItem(KEY);
      return value === null ? null : value.split(" ").filter(function (t) { return has(TOKENS, t); });
    } catch (e) { return null; }
  }
  function save(tokens) {
    try { localStorage.setItem(KEY, tokens.join(" ")); return true; } catch (e) { return false; }
  }

  function apply(tokens) {
    TOKENS.forEach(function (t) { root.classList.toggle(t, has(tokens, t)); });
    var links = document.querySelectorAll(".mode-switch a[data-mode]");
    for (var i = 0; i < links.length; i++) {
      var mode = links[i].getAttribute("data-mode");
      var on = mode === "standard" ? tokens.length === 0 : has(tokens, mode === "elder" ? "simple" : mode);
      links[i].setAttribute("role", "button");
      links[i].setAttribute("aria-pressed", String(on));
      links[i].removeAttribute("aria-current");
    }
  }

  function next(tokens, mode) {
    if (mode === "standard") { return []; }
    if (mode === "elder") { return withElder(tokens); }
    if (mode === "contrast") { return has(tokens, "contrast") ? without(tokens, ["contrast"]) : tokens.concat(["contrast"]); }
    return without(tokens, SIZES).concat([mode]);
  }

  function current() {
    return TOKENS.filter(function (t) { return root.classList.contains(t); });
  }

  // The elder edition's address is itself a choice of the elder mode: remember it.
  var initial = stored();
  if (elderEdition) {
    initial = withElder(initial || current());
    save(initial);
  }
  if (initial !== null) { apply(initial); }

  function choose(event, link) {
    var tokens = next(current(), link.getAttribute("data-mode"));
    if (!save(tokens)) { return; }
    // Leaving the elder edition is a navigation to the standard page; everything else happens in place.
    if (elderEdition && !has(tokens, "simple")) { return; }
    event.preventDefault();
    apply(tokens);
  }

  document.addEventListener("DOMContentLoaded", function () {
    apply(current());
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest(".mode-switch a[data-mode]") : null;
      if (link) { choose(event, link); }
    });
    // role="button" promises activation with the space bar too.
    document.addEventListener("keydown", function (event) {
      var link = event.target.closest ? event.target.closest(".mode-switch a[data-mode]") : null;
      if (link && (event.key === " " || event.key === "Spacebar")) {
        event.preventDefault();
        link.click();
      }
    });
  });
})();
