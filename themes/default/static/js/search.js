/* The search page: form, filters, sorting, paging and results, kept in the address bar.
 * Searching itself runs in a worker (search/index.js); this file only talks to it and draws the page.
 * Markup is built with DOM calls and classes (the site's CSP allows no inline styles or scripts). */
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  if (!app || !window.Worker || !window.URLSearchParams) { return; }

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var notice = document.getElementById("search-notice");
  var results = document.getElementById("search-results");
  var pager = document.getElementById("search-pages");
  var filters = document.getElementById("search-filters");
  var sort = document.getElementById("search-sort");
  var toolbar = document.getElementById("search-toolbar");
  var suggestBox = document.getElementById("search-suggest");
  var popular = document.getElementById("search-popular");
  var fallback = document.getElementById("no-js-note");
  var filterToggle = document.getElementById("search-filter-toggle");
  var facetKeys = Array.prototype.map.call(filters.querySelectorAll("fieldset[data-facet]"), function (f) {
    return f.getAttribute("data-facet");
  });

  document.documentElement.classList.add("search-ready");
  app.hidden = false;
  fallback.hidden = true;

  /* ---------- the worker ---------- */
  var worker = new Worker(app.getAttribute("data-worker"), { type: "module" });
  var calls = 0;
  var pending = {};
  function call(type, args) {
    return new Promise(function (resolve, reject) {
      calls += 1;
      pending[calls] = { resolve: resolve, reject: reject };
      worker.postMessage({ id: calls, type: type, args: args });
    });
  }
  worker.addEventListener("message", function (event) {
    var waiting = pending[event.data.id];
    delete pending[event.data.id];
    if (event.data.error) { waiting.reject(new Error(event.data.error)); } else { waiting.resolve(event.data.result); }
  });
  worker.addEventListener("error", function () { broken(); });
  // The query on arrival goes with "init": the worker answers it with plain Pagefind first ("quick"),
  // before the query data (the larger download) arrives, and refines it when the data is there.
  var arrival = readState();
  var quickQuery = arrival.q && arrival.page === 1 && !arrival.sort && !arrival.literal &&
    !Object.keys(arrival.filters).length ? arrival.q : "";
  var ready = app.getAttribute("data-query-data")
    ? call("init", { pagefind: app.getAttribute("data-pagefind"), data: app.getAttribute("data-query-data"),
      shards: (app.getAttribute("data-shards") || "").split(" ").filter(Boolean), q: quickQuery,
      superseded: (app.getAttribute("data-superseded") || "").split(" ").filter(Boolean) })
    : Promise.reject(new Error("no search index"));
  var engineReady = false;
  ready.then(function () { engineReady = true; }, function () {});

  function broken() {
    results.setAttribute("aria-busy", "false");
    say("搜索服务暂时无法使用，请刷新页面重试，或通过下面的栏目查找信息。");
    var first = fallback.querySelector(".no-js-only");
    if (first) { first.hidden = true; }
    fallback.hidden = false;
  }

  /* ---------- state in the address bar ---------- */
  function readState() {
    var params = new URLSearchParams(window.location.search);
    var chosen = {};
    facetKeys.forEach(function (key) {
      var values = params.getAll(key).filter(Boolean);
      if (values.length) { chosen[key] = values; }
    });
    return {
      q: (params.get("q") || "").trim(), filters: chosen, sort: params.get("sort") || "",
      page: parseInt(params.get("page"), 10) || 1, literal: params.get("literal") === "1"
    };
  }

  function urlOf(state) {
    var params = new URLSearchParams();
    if (state.q) { params.set("q", state.q); }
    facetKeys.forEach(function (key) {
      (state.filters[key] || []).forEach(function (value) { params.append(key, value); });
    });
    if (state.sort) { params.set("sort", state.sort); }
    if (state.page > 1) { params.set("page", String(state.page)); }
    if (state.literal) { params.set("literal", "1"); }
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function go(state, focusResults) {
    window.history.pushState(null, "", urlOf(state));
    show(state, focusResults);
  }

  /* ---------- drawing ---------- */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function say(text) {
    // A live region announces changes only: a repeated message gets a trailing no-break space.
    status.textContent = status.textContent === text ? text + "\u00a0" : text;
  }

  function searchLink(state, changes, label) {
    var link = el("a", "", label);
    var next = Object.assign({}, state, { page: 1, literal: false }, changes);
    link.href = urlOf(next);
    link.addEventListener("click", function (event) {
      event.preventDefault();
      input.value = next.q;
      go(next, false);
    });
    return link;
  }

  function drawNotice(state, response) {
    notice.textContent = "";
    var lines = [];
    response.readings.forEach(function (r) { lines.push(["拼音“" + r[0] + "”已按“" + r[1] + "”搜索。"]); });
    if (response.mode === "corrected") {
      lines.push(["已为您显示“" + response.corrected + "”的结果。",
        searchLink(state, { q: state.q, literal: true }, "仍然搜索“" + state.q + "”")]);
    }
    if (response.alternatives && response.alternatives.length) {
      var offer = ["您是不是要找："];
      response.alternatives.forEach(function (text, i) {
        if (i) { offer.push("、"); }
        offer.push(searchLink(state, { q: text }, text));
      });
      lines.push(offer);
    }
    if (response.expanded.length) { lines.push(["同时搜索了：" + response.expanded.join("、") + "。"]); }
    if (response.mode === "partial") {
      lines.push(["没有找到完整包含“" + response.query + "”的内容，以下是包含其中部分词语的结果。"]);
    }
    lines.forEach(function (parts) {
      var p = el("p");
      parts.forEach(function (part, i) {
        if (i) { p.appendChild(document.createTextNode(" ")); }
        p.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
      });
      notice.appendChild(p);
    });
    notice.hidden = !lines.length;
  }

  function drawResults(state, response) {
    results.textContent = "";
    if (!response.results.length) { return; }
    var heading = el("h2", "visually-hidden", "搜索结果");
    heading.id = "results-title";
    heading.tabIndex = -1;
    results.appendChild(heading);
    var list = el("ol", "search-result-list");
    list.start = (response.page - 1) * response.pageSize + 1;
    response.results.forEach(function (r) {
      var item = el("li", "search-result");
      var title = el("h3", "search-result-title");
      var link = el("a", "", r.title);
      link.href = r.url;
      title.appendChild(link);
      item.appendChild(title);
      var meta = el("p", "doc-meta");
      if (r.type) { meta.appendChild(el("span", "tag", r.type)); }
      if (r.issuer) { meta.appendChild(el("span", "", r.issuer)); }
      if (r.date) {
        var time = el("time", "", r.date);
        time.setAttribute("datetime", r.date);
        meta.appendChild(time);
      }
      if (r.validity && r.validity !== "现行有效") { meta.appendChild(el("span", "validity", r.validity)); }
      item.appendChild(meta);
      var text = el("p", "search-excerpt");
      r.excerpt.forEach(function (part) {
        text.appendChild(part[1] ? el("mark", "", part[0]) : document.createTextNode(part[0]));
      });
      item.appendChild(text);
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  function drawPager(state, response) {
    pager.textContent = "";
    pager.hidden = response.pages < 2;
    if (pager.hidden) { return; }
    var list = el("ul");
    function add(number, label, current) {
      var item = el("li");
      var link = el("a", "", label);
      var next = Object.assign({}, state, { page: number });
      link.href = urlOf(next);
      if (current) { link.setAttribute("aria-current", "page"); }
      if (label !== String(number)) { link.setAttribute("aria-label", label + "，第" + number + "页"); }
      link.addEventListener("click", function (event) {
        event.preventDefault();
        go(next, true);
      });
      item.appendChild(link);
      list.appendChild(item);
    }
    if (response.page > 1) { add(response.page - 1, "上一页"); }
    for (var n = 1; n <= response.pages; n++) {
      if (n === 1 || n === response.pages || Math.abs(n - response.page) <= 2) {
        add(n, String(n), n === response.page);
      } else if (Math.abs(n - response.page) === 3) {
        var gap = el("li", "", "…");
        gap.setAttribute("aria-hidden", "true");
        list.appendChild(gap);
      }
    }
    if (response.page < response.pages) { add(response.page + 1, "下一页"); }
    pager.appendChild(list);
  }

  function drawFilters(state, response) {
    var focused = document.activeElement && filters.contains(document.activeElement) ? document.activeElement : null;
    var focusKey = focused ? focused.name + "\u0000" + focused.value : "";
    var any = false;
    response.facets.forEach(function (facet) {
      var fieldset = filters.querySelector('fieldset[data-facet="' + facet.key + '"]');
      if (!fieldset) { return; }
      var list = fieldset.querySelector("ul");
      list.textContent = "";
      facet.values.forEach(function (value, i) {
        var item = el("li");
        var box = el("input");
        box.type = "checkbox";
        box.name = facet.key;
        box.value = value.label;
        box.id = "filter-" + facet.key + "-" + i;
        box.checked = value.selected;
        var label = el("label", "", facet.key === "year" ? value.label + "年" : value.label);
        label.htmlFor = box.id;
        label.appendChild(el("span", "count", "（" + value.count + "）"));
        item.appendChild(box);
        item.appendChild(label);
        list.appendChild(item);
        if (focusKey === box.name + "\u0000" + box.value) { box.focus(); }
      });
      fieldset.hidden = !facet.values.length;
      any = any || facet.values.length > 0;
    });
    filters.hidden = !any;
    var clear = document.getElementById("search-clear");
    var chosen = Object.keys(state.filters).reduce(function (n, key) { return n + state.filters[key].length; }, 0);
    clear.hidden = !chosen;
    filterToggle.hidden = !any;
    filterToggle.textContent = chosen ? "分类筛选（已选 " + chosen + " 项）" : "分类筛选";
  }

  /* Facet counts over many results wait for the rows of all their pages (search/docrows.js), which the
   * first results do not: the filters come when they are counted. */
  function drawFacetsLater(state) {
    filters.hidden = true;
    filterToggle.hidden = true;
    var ticket = shown;
    call("facets", { q: state.q, filters: state.filters, literal: state.literal, chars: app.getAttribute("data-pinyin-chars") })
      .then(function (facets) { if (ticket === shown) { drawFilters(state, { facets: facets }); } })
      .catch(function () {});
  }

  function drawPopular(state, data) {
    popular.hidden = false;
    var terms = popular.querySelector(".popular-terms");
    var topics = popular.querySelector(".popular-topics");
    terms.textContent = "";
    topics.textContent = "";
    data.popular.forEach(function (term) {
      var item = el("li");
      item.appendChild(searchLink(state, { q: term, filters: {} }, term));
      terms.appendChild(item);
    });
    (data.facets.filter(function (f) { return f.key === "topic"; })[0] || { values: [] }).values.forEach(function (v) {
      var item = el("li");
      item.appendChild(searchLink(state, { q: "", filters: { topic: [v.label] } }, v.label + "（" + v.count + "）"));
      topics.appendChild(item);
    });
  }

  function summary(state, response) {
    if (response.mode === "none" || !response.total) {
      return state.q ? "没有找到与“" + state.q + "”相关的内容。" : "没有符合筛选条件的内容。";
    }
    var text = "找到 " + response.total + " 条" + (state.q ? "与“" + (response.corrected || state.q) + "”相关的" : "") + "结果";
    return text + (response.pages > 1 ? "，第 " + response.page + "/" + response.pages + " 页。" : "。");
  }

  /* ---------- plain results first, then the engine's ---------- */
  function sameResults(a, b) {
    return a.results.length === b.results.length && a.results.every(function (r, i) { return r.url === b.results[i].url; });
  }

  var watching = null;
  function watchReader(moved) {
    stopWatching();
    var events = ["pointerdown", "touchstart", "wheel", "keydown", "scroll", "focusin"];
    watching = function () { moved(); stopWatching(); };
    events.forEach(function (type) { window.addEventListener(type, watching, { passive: true, capture: true }); });
    watching.events = events;
  }
  function stopWatching() {
    if (!watching) { return; }
    var handler = watching;
    watching = null;
    handler.events.forEach(function (type) { window.removeEventListener(type, handler, { passive: true, capture: true }); });
  }

  function betterLine(label, action) {
    var button = el("button", "button search-better", label);
    button.type = "button";
    button.disabled = !action;
    if (action) { button.addEventListener("click", action); }
    var line = el("p");
    line.appendChild(button);
    return line;
  }

  function offerBetter(state, response) {
    notice.textContent = "";
    notice.appendChild(betterLine("查看更准确的结果（" + response.total + " 条）", function () { show(state, true); }));
    notice.hidden = false;
  }

  var shown = 0;
  function show(state, focusResults) {
    var ticket = ++shown;
    results.setAttribute("aria-busy", "true");
    input.value = state.q;
    sort.value = state.sort;
    hideSuggestions();
    if (!state.q && !Object.keys(state.filters).length) {
      results.textContent = "";
      notice.hidden = true;
      pager.hidden = true;
      toolbar.hidden = true;
      filters.hidden = true;
      filterToggle.hidden = true;
      ready.then(function () { return call("suggest", { q: "" }); }).then(function (data) {
        if (ticket !== shown) { return; }
        drawPopular(state, data);
        say("请输入关键词搜索，或选择下面的热门搜索和主题。");
        results.setAttribute("aria-busy", "false");
      }).catch(broken);
      return;
    }
    say("正在搜索…");
    var early = null; // plain Pagefind's results, when they were drawn before the engine's
    var moved = false; // whether the reader touched, scrolled or focused since they were drawn
    if (!engineReady && quickQuery && state.q === quickQuery && state.page === 1 && !state.sort && !state.literal &&
        !Object.keys(state.filters).length) {
      call("quick", {}).then(function (response) {
        if (ticket !== shown || !response || !response.total || settled) { return; }
        early = response;
        // The line that will offer the better results holds their place from now on, so that offering
        // them moves nothing.
        notice.textContent = "";
        notice.appendChild(betterLine("正在查找更准确的结果…", null));
        notice.hidden = false;
        drawResults(state, response);
        // The list stays marked busy: it may still change (tests wait for the engine's answer this way).
        results.setAttribute("data-stage", "quick");
        say(summary(state, response).replace(/。$/, "，") + "正在进一步查找更准确的结果…");
        watchReader(function () { moved = true; });
      }).catch(function () {});
    }
    var settled = false;
    ready.then(function () {
      return call("search", { q: state.q, filters: state.filters, sort: state.sort, page: state.page, literal: state.literal,
        chars: app.getAttribute("data-pinyin-chars") });
    }).then(function (response) {
      if (ticket !== shown) { return; }
      settled = true;
      stopWatching();
      results.removeAttribute("data-stage");
      if (early && moved && !sameResults(early, response)) {
        // The reader is already reading or tapping the first results: they stay where they are, and the
        // better ones are one button away (announced politely, not moved under the finger).
        offerBetter(state, response);
        results.setAttribute("aria-busy", "false");
        say("已找到更准确的结果（" + response.total + " 条），可点击“查看更准确的结果”按钮查看。");
        return;
      }
      drawNotice(state, response);
      if (!early || !sameResults(early, response)) { drawResults(state, response); }
      drawPager(state, response);
      if (response.facets) { drawFilters(state, response); } else { drawFacetsLater(state); }
      toolbar.hidden = !response.total;
      popular.hidden = response.total > 0;
      if (!response.total) {
        call("suggest", { q: "" }).then(function (data) { if (ticket === shown) { drawPopular(state, data); } });
      }
      say(early && !sameResults(early, response) ? "结果已更新：" + summary(state, response) : summary(state, response));
      results.setAttribute("aria-busy", "false");
      var heading = document.getElementById("results-title");
      if (focusResults && heading) { heading.focus(); }
    }).catch(broken);
  }

  /* ---------- suggestions while typing ---------- */
  function hideSuggestions() {
    suggestBox.hidden = true;
    suggestBox.querySelector("ul").textContent = "";
  }

  var typed = 0;
  input.addEventListener("input", function () {
    var ticket = ++typed;
    var text = input.value.trim();
    if (!text) { hideSuggestions(); return; }
    ready.then(function () { return call("suggest", { q: text }); }).then(function (data) {
      if (ticket !== typed || input.value.trim() !== text) { return; }
      var list = suggestBox.querySelector("ul");
      list.textContent = "";
      var state = readState();
      data.items.forEach(function (term) {
        var item = el("li");
        item.appendChild(searchLink(state, { q: term }, term));
        list.appendChild(item);
      });
      suggestBox.hidden = !data.items.length;
    }).catch(function () { hideSuggestions(); });
  });

  function suggestionLinks() { return Array.prototype.slice.call(suggestBox.querySelectorAll("a")); }

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !suggestBox.hidden && suggestionLinks().length) {
      event.preventDefault();
      suggestionLinks()[0].focus();
    } else if (event.key === "Escape") {
      hideSuggestions();
    }
  });

  suggestBox.addEventListener("keydown", function (event) {
    var links = suggestionLinks();
    var at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) { input.focus(); } else { links[Math.min(next, links.length - 1)].focus(); }
    } else if (event.key === "Escape") {
      hideSuggestions();
      input.focus();
    }
  });

  /* ---------- events ---------- */
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var state = readState();
    go(Object.assign(state, { q: input.value.trim(), page: 1, literal: false }), false);
  });

  // On a phone the filters stay behind this button, so that the first result shows without scrolling.
  filterToggle.addEventListener("click", function () {
    var open = filterToggle.getAttribute("aria-expanded") !== "true";
    filterToggle.setAttribute("aria-expanded", open ? "true" : "false");
    filters.classList.toggle("is-open", open);
  });
  filters.addEventListener("change", function (event) {
    if (event.target.type !== "checkbox") { return; }
    var state = readState();
    var values = (state.filters[event.target.name] || []).filter(function (v) { return v !== event.target.value; });
    if (event.target.checked) { values.push(event.target.value); }
    if (values.length) { state.filters[event.target.name] = values; } else { delete state.filters[event.target.name]; }
    go(Object.assign(state, { page: 1 }), false);
  });

  document.getElementById("search-clear").addEventListener("click", function () {
    go(Object.assign(readState(), { filters: {}, page: 1 }), false);
    input.focus();
  });

  sort.addEventListener("change", function () {
    go(Object.assign(readState(), { sort: sort.value, page: 1 }), false);
  });

  window.addEventListener("popstate", function () { show(readState(), false); });

  show(readState(), false);
})();
