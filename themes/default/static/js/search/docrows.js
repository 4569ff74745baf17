/* The per-page rows of the query data (facet values, date, title key), loaded in parts only for the pages a
 * query ranks (sitegen/search/docrows.py writes them). Shipped whole, they grew with the site (245 KB gzip
 * at 10,000 pages) and the first search waited for them; now what the first results need is the rows of
 * about the shown pages, whatever the size of the site. No globals: the worker keeps one DocRows
 * (engine.js), and the pure parts are tested in Node (tests/js/). */
import { order, passes, rankOf } from "./ranking.js";

// Pages ranked beyond those shown before checking whether the order is settled (then twice as many, up to
// RANKED_PER_SHOWN times the pages shown: each costs a part of rows; see topRanked).
const EXTRA_RANKED = 4;
const RANKED_PER_SHOWN = 4;

/* The parsed JSON at a URL; an HTTP error is an error. */
export async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/* FNV-1a over the code points (docrows.py fnv1a mirrors it). */
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
  return hash;
}

export function bucketOf(id, parts) {
  return fnv1a(id) & (parts - 1);
}

/* The part of a title key: the key is already an FNV-1a hash in hex (query.js titleKey). */
export function titleBucket(key, parts) {
  return parseInt(key, 16) & (parts - 1);
}

/* One row of the query data as the ranking reads it: its type's weight comes from the facet values. */
export function docRow([id, date, key, values], types, weights) {
  const weight = values[0].length ? weights[types[values[0][0]]] || 1 : 1;
  return { id, date, key, values, weight };
}

/* Facet counts over all pages (the search page without a query), from the manifest's totals: what
 * ranking.js facetCounts gives for every page and nothing chosen. */
export function totalFacets(facets, totals) {
  return facets.map(([key, legend, labels], f) => ({
    key, legend,
    values: labels.map((label, i) => ({ label, count: totals[f][i], selected: false })).filter((v) => v.count),
  }));
}

/* The first `want` pages of `found` (id -> Pagefind score) in ranking.js order, loading rows (`need`) only
 * for the best-scored pages and those titled like the query (`titled`: every page whose title key is in
 * `boosted`). A page not loaded can rank at most its score times the largest weight, so once the
 * want-th loaded page ranks above that for the best-scored page not loaded, no other page can come
 * before it (ties would go by date, hence strictly above). That is exact, but when most of the best-scored
 * pages weigh less than 1 (catalog items) it could need the rows of thousands of pages; after `most`
 * pages the order of the loaded ones is taken: a page beyond them would have to outrank all but a few of
 * the `most` pages Pagefind scored higher. */
export async function topRanked(found, boosted, want, docs, need, titled, maxWeight, most = want * RANKED_PER_SHOWN) {
  const byScore = [...found.keys()].sort((a, b) => found.get(b) - found.get(a) || (a < b ? -1 : 1));
  const sure = titled.filter((id) => found.has(id));
  let count = Math.min(byScore.length, want + EXTRA_RANKED);
  for (;;) {
    const known = [...new Set([...sure, ...byScore.slice(0, count)])];
    await need(known);
    const top = order(new Map(known.map((id) => [id, found.get(id)])), "", boosted, docs).slice(0, want);
    if (count >= byScore.length || count >= most) return top;
    const rank = rankOf(found, boosted, docs);
    if (top.length === want && rank(top[want - 1]) > found.get(byScore[count]) * maxWeight) return top;
    count = Math.min(byScore.length, count * 2, Math.max(most, want));
  }
}

/* The rows of a site, loaded part by part (`fetchJson(url)` -> parsed JSON). `manifest` is the query
 * data's "docs": the folder, the number of parts and the facet totals. */
export class DocRows {
  constructor(manifest, facets, weights, fetchJson) {
    this.manifest = manifest;
    this.types = facets[0][2];
    this.weights = weights;
    this.fetchJson = fetchJson;
    this.docs = new Map(); // page id -> row, for the parts loaded
    this.parts = new Map(); // part number -> promise of its rows indexed
    this.titleParts = new Map(); // part number -> promise of {title key: [page ids]}
    this.maxWeight = Math.max(1, ...Object.values(weights));
  }

  /* A small site's rows are one part (docrows.py ONE_PART_PAGES), which every query needs: it travels
   * beside Pagefind's first searches rather than after them. */
  prefetch() {
    if (this.manifest.parts === 1) this.need([""]).catch(() => {});
  }

  /* Whether the rows of all these pages are loaded (a page the rows lack, such as none, counts as loaded). */
  has(ids) {
    return ids.every((id) => this.parts.has(bucketOf(id, this.manifest.parts)));
  }

  async need(ids) {
    const wanted = new Set(ids.map((id) => bucketOf(id, this.manifest.parts)));
    await Promise.all([...wanted].map((n) => {
      if (!this.parts.has(n)) {
        this.parts.set(n, this.fetchJson(`${this.manifest.url}${n}.json`).then((rows) => {
          for (const row of rows) this.docs.set(row[0], docRow(row, this.types, this.weights));
        }).catch((error) => {
          this.parts.delete(n); // a later query tries again
          throw error;
        }));
      }
      return this.parts.get(n);
    }));
  }

  /* The ids of the pages whose title key is one of `keys`. */
  async titled(keys) {
    if (this.manifest.parts === 1) {
      // The one part holds every row with its title key, and no title part is written (docrows.py).
      await this.need([""]);
      return [...this.docs.values()].filter((doc) => keys.has(doc.key)).map((doc) => doc.id);
    }
    const lists = await Promise.all([...keys].map(async (key) => {
      const n = titleBucket(key, this.manifest.parts);
      if (!this.titleParts.has(n)) {
        this.titleParts.set(n, this.fetchJson(`${this.manifest.url}t${n}.json`).catch((error) => {
          this.titleParts.delete(n);
          throw error;
        }));
      }
      return (await this.titleParts.get(n))[key] || [];
    }));
    return lists.flat();
  }

  /* The first `want` pages of `found` by relevance (topRanked). */
  async ranked(found, boosted, want) {
    const titled = await this.titled(boosted);
    return topRanked(found, boosted, want, this.docs, (ids) => this.need(ids), titled, this.maxWeight);
  }

  /* One page of results of `found` (id -> score): the pages passing the `chosen` facet values in the `sort`
   * order ("" relevance), `size` a page. Filters and date order need the rows of all the pages found;
   * relevance without filters only those topRanked ranks. */
  async page(found, chosen, sort, boosted, page, size) {
    let total = found.size;
    let ordered = null;
    if (sort || chosen.some((set) => set.size)) {
      await this.need([...found.keys()]);
      ordered = order(new Map([...found].filter(([id]) => passes(this.docs.get(id), chosen, -1))), sort, boosted, this.docs);
      total = ordered.length;
    }
    const pages = Math.max(1, Math.ceil(total / size));
    const current = Math.min(Math.max(1, page || 1), pages);
    ordered ||= await this.ranked(found, boosted, current * size);
    return { total, pages, page: current, shown: ordered.slice((current - 1) * size, current * size) };
  }

  totals(facets) {
    return totalFacets(facets, this.manifest.totals);
  }
}
