/* Plain Pagefind results, shown while the query data is still on its way (a phone pays seconds for it):
 * the query as typed, Pagefind's own ranking, no query understanding. The engine's results replace them
 * when they come (search.js decides when that may happen without moving the list under the reader's
 * finger). Also the shape of one result, which the engine shares. Imports only small pure modules, so
 * that it is ready before the engine and its imports are (tests/js/). */
import { excerpt } from "./excerpt.js";
import { normalise } from "./query.js";

export const PAGE_SIZE = 10;
// Pagefind's options for both paths. Policies are long; BM25's usual length normalisation (0.75) would
// rank any short catalog entry above them.
export const PAGEFIND_OPTIONS = { baseUrl: "/", ranking: { pageLength: 0.2 } };
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/* Whether plain Pagefind's answer is worth showing first: Chinese text without Latin letters. Letters
 * may be pinyin or initials (zwgk), which only the query data can read: Pagefind would show pages that
 * happen to hold the letters, and the engine's answer would then replace all of them. */
export function eligible(q) {
  const query = normalise(q);
  return HAN.test(query) && !/[a-z]/.test(query);
}

/* One result as the page draws it, from a Pagefind fragment and the words to mark in its excerpt. */
export function resultOf(fragment, marks) {
  const meta = fragment.meta || {};
  return {
    // A question page names its entry in the Q&A library as its result (data-pagefind-meta="url:...").
    url: meta.url || fragment.url, title: meta.title || fragment.url, type: meta.type || "", issuer: meta.issuer || "",
    date: meta.date || "", validity: meta.validity || "",
    excerpt: excerpt(fragment.content || "", meta.title || "", marks.map(normalise)),
  };
}

/* The first page of plain Pagefind results for `q`, in the shape of the engine's answer (mode "quick").
 * `superseded` lists main-shard entries that the delta index replaces (sitegen/search/shards.py). */
export async function quick(pagefind, q, superseded = []) {
  const query = normalise(q);
  const dropped = new Set(superseded);
  const search = { results: (await pagefind.search(query)).results.filter((r) => !dropped.has(r.id)) };
  const shown = search.results.slice(0, PAGE_SIZE);
  const marks = query.split(" ").filter(Boolean);
  const results = await Promise.all(shown.map(async (r) => resultOf(await r.data(), marks)));
  return {
    query, mode: "quick", corrected: "", readings: [], alternatives: [], expanded: [], total: search.results.length,
    page: 1, pages: Math.max(1, Math.ceil(search.results.length / PAGE_SIZE)), pageSize: PAGE_SIZE, results,
    facets: [], popular: [],
  };
}
