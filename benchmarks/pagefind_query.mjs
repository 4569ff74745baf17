// Run one Pagefind query in Node against a built site, as a first-time visitor's browser would:
// load /pagefind/pagefind.js, merge every shard listed in /pagefind/sitegen-shards.json, search,
// and load the top results. Prints JSON: the result count, the top URLs, and the bytes and
// requests the query needed (every file fetched, including the WebAssembly and the metadata).
//
//   node benchmarks/pagefind_query.mjs SITE_DIR "query" [BUNDLE=/pagefind/] [TOP=10]
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [site, query, bundle = "/pagefind/", top = "10"] = process.argv.slice(2);
let bytes = 0;
let requests = 0;
globalThis.fetch = async (url) => {
  const target = new URL(url, "http://localhost/");
  const data = await readFile(path.join(site, decodeURIComponent(target.pathname)));
  bytes += data.length;
  requests += 1;
  return new Response(data);
};
const pagefind = await import(pathToFileURL(path.join(site, bundle, "pagefind.js")).href);
await pagefind.options({ basePath: bundle, baseUrl: "/" });
let shards = [];
let superseded = new Set(); // main-shard entries that the delta index replaces (sitegen/search/shards.py)
try {
  const manifest = JSON.parse(await readFile(path.join(site, bundle, "sitegen-shards.json"), "utf8"));
  shards = manifest.shards;
  superseded = new Set(manifest.superseded || []);
} catch {
  // a single Pagefind index
}
for (const shard of shards) {
  await pagefind.mergeIndex(new URL(shard, `http://localhost${bundle}`).pathname);
}
const search = await pagefind.search(query);
const results = search.results.filter((result) => !superseded.has(result.id));
const data = await Promise.all(results.slice(0, Number(top)).map((result) => result.data()));
console.log(JSON.stringify({ query, count: results.length, top: data.map((d) => d.url), bytes, requests }));
