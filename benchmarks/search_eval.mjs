// Run many queries in Node against a built site, either through sitegen's search worker (the same module
// the search page runs, loaded with a tiny stand-in for the worker global) or through plain Pagefind
// (its JavaScript API with its defaults). Reads a JSON list of queries on stdin, prints one JSON line
// per query: the top 10 URLs, the result count, what the worker said it did, and the bytes and requests
// the query itself needed (the first query also pays for start-up; see "startup" in the first line).
//
//   node benchmarks/search_eval.mjs SITE_DIR ours|plain < queries.json
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [site, engine] = process.argv.slice(2);
let bytes = 0;
let requests = 0;
globalThis.fetch = async (url) => {
  const href = String(url);
  const file = href.startsWith("file:") ? fileURLToPath(href) : path.join(site, decodeURIComponent(new URL(href, "http://localhost/").pathname));
  const data = await readFile(file);
  bytes += data.length;
  requests += 1;
  return new Response(data);
};

const queries = JSON.parse(readFileSync(0, "utf8"));
const page = await readFile(path.join(site, "search", "index.html"), "utf8");
const attr = (name) => (page.match(new RegExp(`${name}="([^"]*)"`)) || [])[1] || "";
const pagefindUrl = pathToFileURL(path.join(site, "pagefind", "pagefind.js")).href;

async function oursEngine() {
  let handler = null;
  const replies = new Map();
  globalThis.self = {
    addEventListener: (type, fn) => { if (type === "message") handler = fn; },
    postMessage: (message) => replies.get(message.id)(message),
  };
  const workerFile = path.join(site, attr("data-worker"));
  await import(pathToFileURL(workerFile).href);
  let calls = 0;
  const call = (type, args) => new Promise((resolve, reject) => {
    calls += 1;
    replies.set(calls, (m) => (m.error ? reject(new Error(m.error)) : resolve(m.result)));
    handler({ data: { id: calls, type, args } });
  });
  await call("init", { pagefind: pagefindUrl, data: attr("data-query-data") });
  return async (q) => {
    const r = await call("search", { q, filters: {}, sort: "", page: 1, literal: false, chars: attr("data-pinyin-chars") });
    return { top: r.results.map((x) => x.url), count: r.total, mode: r.mode, corrected: r.corrected || "",
      readings: r.readings, expanded: r.expanded, alternatives: r.alternatives || [] };
  };
}

async function plainEngine() {
  // In a browser Pagefind reads the page language (zh-CN) and splits the query with Intl.Segmenter.
  globalThis.window = globalThis;
  globalThis.location = { href: "http://localhost/search/", origin: "http://localhost" };
  globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => "zh-CN" }) };
  const pagefind = await import(pagefindUrl);
  await pagefind.options({ baseUrl: "/" });
  let shards = [];
  let superseded = new Set(); // main-shard entries the delta index replaces (sitegen/search/shards.py)
  try {
    const manifest = JSON.parse(await readFile(path.join(site, "pagefind", "sitegen-shards.json"), "utf8"));
    shards = manifest.shards;
    superseded = new Set(manifest.superseded || []);
  } catch {
    // a single index
  }
  for (const shard of shards) await pagefind.mergeIndex(`/pagefind/${shard}`);
  return async (q) => {
    const results = (await pagefind.search(q)).results.filter((r) => !superseded.has(r.id));
    const data = await Promise.all(results.slice(0, 10).map((r) => r.data()));
    // The URL the search page links to: a question page names its Q&A entry (quick.js resultOf), as ours does.
    return { top: data.map((d) => (d.meta && d.meta.url) || d.url), count: results.length };
  };
}

const started = Date.now();
const run = engine === "plain" ? await plainEngine() : await oursEngine();
console.log(JSON.stringify({ startup: { bytes, requests, ms: Date.now() - started } }));
for (const q of queries) {
  const before = [bytes, requests];
  const t = Date.now();
  let out;
  try {
    out = await run(q);
  } catch (error) {
    out = { top: [], count: 0, error: String(error) };
  }
  console.log(JSON.stringify({ q, ...out, bytes: bytes - before[0], requests: requests - before[1], ms: Date.now() - t }));
}
