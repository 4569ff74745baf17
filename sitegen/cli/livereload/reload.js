// sitegen serve only (never part of a built site): reload the page after each successful build,
// and show a failed build's report over the page until the next good build.
(() => {
  "use strict";
  const STATE = "/__sitegen__/state";
  let version = null;
  let panel = null;

  function show(report) {
    if (!report) {
      if (panel) {
        panel.remove();
        panel = null;
      }
      return;
    }
    if (!panel) {
      panel = document.createElement("section");
      panel.id = "sitegen-serve-error";
      panel.setAttribute("role", "alert");
      panel.setAttribute("aria-labelledby", "sitegen-serve-error-title");
      const title = document.createElement("h2");
      title.id = "sitegen-serve-error-title";
      title.textContent = "构建失败：页面显示的是上一次成功构建的内容 / Build failed: this is the last good build";
      panel.append(title, document.createElement("pre"));
      document.body.prepend(panel);
    }
    panel.querySelector("pre").textContent = report;
  }

  async function poll() {
    try {
      const response = await fetch(STATE, { cache: "no-store" });
      const state = await response.json();
      if (version === null) {
        version = state.version;
      } else if (state.version !== version) {
        location.reload();
        return;
      }
      show(state.error);
    } catch (error) {
      // The server is restarting or stopped: try again shortly.
    }
    setTimeout(poll, 500);
  }

  poll();
})();
