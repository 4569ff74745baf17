/* 语音朗读 (read-aloud): reads the page's main content with the browser's own speech synthesis.

   Nothing leaves the browser: no third-party service, no audio files. The controls are created here,
   so a browser without speech synthesis or without a Chinese voice shows none (and neither does a
   browser without JavaScript). Read: the main content's headings, paragraphs, list items, table cells
   and the like, in document order; never navigation (also none inside the main content), the footer,
   or text hidden from view. The paragraph being read is highlighted and scrolled into view; the state
   is announced in a live region; Escape stops. An external file, so the site's CSP (no inline script)
   holds. The pure functions at the top are tested with node's test runner (tests/js/). */
(function (root) {
  "use strict";

  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,pre,summary";
  var SKIP = "nav,footer,header,[hidden],[aria-hidden='true'],script,style,.read-aloud,[data-read-aloud-skip]";
  // Utterances longer than this are cut at sentence ends: some engines stop a long one after ~15 seconds.
  var MAX_CHARS = 120;

  /* The best Chinese voice: zh-CN first, then any Mandarin (zh, cmn), local voices before remote ones. */
  function chineseVoice(voices) {
    var scored = [];
    for (var i = 0; i < voices.length; i++) {
      var lang = String(voices[i].lang || "").replace("_", "-").toLowerCase();
      var score = lang === "zh-cn" ? 3 : lang.indexOf("cmn") === 0 || lang === "zh" || lang.indexOf("zh-hans") === 0 ? 2
        : lang.indexOf("zh") === 0 ? 1 : 0;
      if (score) { scored.push({ voice: voices[i], score: score + (voices[i].localService ? 0.5 : 0), index: i }); }
    }
    scored.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
    return scored.length ? scored[0].voice : null;
  }

  /* Text cut at sentence ends (。！？；!?;) into pieces of at most ``max`` characters where possible. */
  function sentences(text, max) {
    var clean = String(text).replace(/\s+/g, " ").trim();
    if (!clean) { return []; }
    var parts = clean.match(/[^。！？；!?;]+[。！？；!?;]*[”’」』）)]*\s*/g) || [clean];
    var pieces = [];
    var current = "";
    parts.forEach(function (part) {
      if (current && (current + part).length > max) { pieces.push(current.trim()); current = ""; }
      while (part.length > max) { pieces.push(part.slice(0, max).trim()); part = part.slice(max); }
      current += part;
    });
    if (current.trim()) { pieces.push(current.trim()); }
    return pieces;
  }

  /* The elements to read, in order: the innermost blocks (a <p> inside an <li> is read once, as the <p>). */
  function readable(container, isVisible) {
    var all = container.querySelectorAll(BLOCKS);
    var chosen = [];
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (el.closest(SKIP) || el.querySelector(BLOCKS) && !ownText(el)) { continue; }
      if (isVisible && !isVisible(el)) { continue; }
      if (!textOf(el)) { continue; }
      chosen.push(el);
    }
    return chosen;
  }

  function ownText(el) {
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3 && n.nodeValue.trim()) { return true; }
    }
    return false;
  }

  /* An element's text without the blocks inside it (they are read on their own). */
  function textOf(el) {
    if (!el.querySelector(BLOCKS)) { return (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim(); }
    var text = "";
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) { text += n.nodeValue; }
      else if (n.nodeType === 1 && !n.matches(BLOCKS) && !n.querySelector(BLOCKS)) { text += n.innerText || n.textContent; }
    }
    return text.replace(/\s+/g, " ").trim();
  }

  var api = { chineseVoice: chineseVoice, sentences: sentences, readable: readable, textOf: textOf, MAX_CHARS: MAX_CHARS };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof document === "undefined" || !root.speechSynthesis || typeof root.SpeechSynthesisUtterance !== "function") {
    return;
  }

  var synth = root.speechSynthesis;
  var voice = null;
  var controls = null;
  var state = { queue: [], index: 0, reading: false, paused: false, current: null, run: 0 };

  // The content of a closed <details> keeps its layout boxes in Chromium (content-visibility), so ask directly.
  function visible(el) {
    var folded = el.closest("details:not([open])");
    if (folded && !el.closest("summary")) { return false; }
    if (typeof el.checkVisibility === "function") { return el.checkVisibility(); }
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  }

  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "read-aloud-button";
    b.textContent = label;
    b.setAttribute("data-action", action);
    return b;
  }

  function announce(message) {
    controls.status.textContent = message;
  }

  function highlight(el) {
    if (state.current && state.current !== el) { state.current.classList.remove("reading-now"); }
    state.current = el;
    if (el) {
      el.classList.add("reading-now");
      var still = root.matchMedia && root.matchMedia("(prefers-reduced-motion: reduce)").matches;
      el.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
    }
  }

  function render() {
    controls.start.hidden = state.reading;
    controls.pause.hidden = !state.reading;
    controls.stop.hidden = !state.reading;
    controls.pause.textContent = state.paused ? "继续" : "暂停";
    controls.pause.setAttribute("aria-pressed", String(state.paused));
  }

  function speakNext(run) {
    if (run !== state.run || !state.reading) { return; }
    if (state.index >= state.queue.length) { finish("朗读结束。"); return; }
    var item = state.queue[state.index++];
    if (item.first) { highlight(item.element); }
    var utterance = new root.SpeechSynthesisUtterance(item.text);
    utterance.lang = "zh-CN";
    if (voice) { utterance.voice = voice; }
    utterance.rate = document.documentElement.classList.contains("simple") ? 0.9 : 1;
    utterance.onend = function () { speakNext(run); };
    utterance.onerror = function (event) {
      if (event && (event.error === "interrupted" || event.error === "canceled")) { return; }
      speakNext(run);
    };
    synth.speak(utterance);
  }

  function start() {
    var main = document.getElementById("main");
    if (!main) { return; }
    synth.cancel();
    state.queue = [];
    readable(main, visible).forEach(function (el) {
      sentences(textOf(el), MAX_CHARS).forEach(function (text, i) {
        state.queue.push({ element: el, text: text, first: i === 0 });
      });
    });
    state.index = 0;
    state.reading = true;
    state.paused = false;
    state.run += 1;
    render();
    announce("开始朗读正文。按 Esc 键停止。");
    controls.pause.focus();
    speakNext(state.run);
  }

  function finish(message) {
    state.reading = false;
    state.paused = false;
    state.run += 1;
    synth.cancel();
    highlight(null);
    render();
    announce(message);
    controls.start.focus();
  }

  function togglePause() {
    if (!state.reading) { return; }
    state.paused = !state.paused;
    if (state.paused) { synth.pause(); } else { synth.resume(); }
    render();
    announce(state.paused ? "已暂停朗读。" : "继续朗读。");
  }

  function build() {
    if (controls || !voice) { return; }
    var bar = document.querySelector(".mode-switch");
    if (!bar) { return; }
    var group = document.createElement("div");
    group.className = "read-aloud";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "语音朗读");
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    controls = { group: group, status: status, start: button("朗读", "start"), pause: button("暂停", "pause"),
                 stop: button("停止", "stop") };
    controls.start.setAttribute("aria-label", "朗读本页正文");
    group.appendChild(controls.start);
    group.appendChild(controls.pause);
    group.appendChild(controls.stop);
    group.appendChild(status);
    bar.appendChild(group);
    controls.start.addEventListener("click", start);
    controls.pause.addEventListener("click", togglePause);
    controls.stop.addEventListener("click", function () { finish("已停止朗读。"); });
    document.addEventListener("keydown", function (event) {
      if (state.reading && (event.key === "Escape" || event.key === "Esc")) { finish("已停止朗读。"); }
    });
    // Leaving the page must not leave the browser talking.
    root.addEventListener("pagehide", function () { if (state.reading) { synth.cancel(); } });
    render();
  }

  function findVoice() {
    voice = chineseVoice(synth.getVoices() || []);
    if (voice && document.readyState !== "loading") { build(); }
  }

  findVoice();
  if (typeof synth.addEventListener === "function") { synth.addEventListener("voiceschanged", findVoice); }
  document.addEventListener("DOMContentLoaded", function () { if (voice) { build(); } });
})(typeof window !== "undefined" ? window : globalThis);
