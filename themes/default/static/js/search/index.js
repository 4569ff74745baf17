/* Entry of the search page's worker (search.js starts it; the engine is engine.js and its modules).
 *
 * On a phone every step of a waterfall costs a round trip and every byte competes for a thin line, so:
 * the engine starts loading at once; on the "init" message Pagefind starts loading and configures itself
 * (its WebAssembly and index metadata travel while the engine's modules do); a query given with "init"
 * is searched with plain Pagefind first ("quick", quick.js), and only then is the query data fetched,
 * so that it does not slow down the first results. The folder is published as one content-hashed folder
 * (sitegen/render/templates.py hashed_assets), so relative imports resolve. */

const engine = import("./engine.js");
const quickModule = import("./quick.js");
let loading = null;

/* Pagefind, configured, with the listed index shards merged (the engine merges any others it is given). */
async function setUp(url, shards) {
  const [{ PAGEFIND_OPTIONS }, pagefind] = await Promise.all([quickModule, import(url)]);
  await pagefind.options(PAGEFIND_OPTIONS);
  // Starts loading the WebAssembly and the index metadata without waiting for a search.
  await pagefind.init();
  for (const shard of shards) await pagefind.mergeIndex(shard, PAGEFIND_OPTIONS);
  return pagefind;
}

function start(args) {
  const shards = args.shards || [];
  const pagefind = setUp(args.pagefind, shards);
  const first = args.q
    ? quickModule.then((m) => (m.eligible(args.q) ? pagefind.then((p) => m.quick(p, args.q, args.superseded)) : null))
    : Promise.resolve(null);
  // The query data waits for the first results (or their failure), then travels alone.
  const data = first.catch(() => null).then(() => fetch(args.data));
  // Failures are reported once a handler awaits them; until then they are not unhandled.
  for (const promise of [pagefind, first, data]) promise.catch(() => {});
  return { pagefind, first, data, merged: new Set(shards), q: args.q || "" };
}

async function answer(type, args) {
  if (type === "init" && !loading) loading = start(args);
  // Plain Pagefind's answer to the query given with "init" (null when it was not worth searching).
  if (type === "quick") return loading.first;
  const { handlers } = await engine;
  return handlers[type](type === "init" ? { loading } : args);
}

self.addEventListener("message", async (event) => {
  const { id, type, args } = event.data;
  try {
    self.postMessage({ id, result: await answer(type, args) });
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
