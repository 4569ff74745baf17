/* Entry of the search page's worker (search.js starts it; the engine is engine.js and its modules).
 *
 * It starts loading the engine at once and, on the "init" message, Pagefind and the query data, so that all
 * three travel together: on a phone each waterfall step costs a round trip. The folder is published as one
 * content-hashed folder (sitegen/render/templates.py hashed_assets), so relative imports resolve. */

const engine = import("./engine.js");
let loading = null;

self.addEventListener("message", async (event) => {
  const { id, type, args } = event.data;
  try {
    if (type === "init" && !loading) {
      loading = { pagefind: import(args.pagefind), data: fetch(args.data) };
      // Failures are reported once engine.js awaits them; until then they are not unhandled.
      loading.pagefind.catch(() => {});
      loading.data.catch(() => {});
    }
    const { handlers } = await engine;
    self.postMessage({ id, result: await handlers[type](type === "init" ? { loading } : args) });
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
