/* Ranking and narrowing the matched pages: combining the pages of several readings of a query, filters
 * and facet counts from the query data's per-page rows, the order of the results, and the scores of a
 * delta index's pages (rescored). Pure functions over
 * the indexed query data (vocabulary.js); tested in Node (tests/js/). */

// Pages found only through a synonym rank after every page holding the citizen's own words: a page of the
// query as typed scores at least OWN_FLOOR (times its type's weight, >= 0.5), a synonym's page below
// SYNONYM_CEILING, whatever Pagefind's scores were (a long page with the citizen's word can score far less
// than a short one with the official term).
const OWN_FLOOR = 1e-3;
const SYNONYM_CEILING = 4e-4;
// A page whose title is the query comes first.
const TITLE_BOOST = 1e6;

/* Pages of the query's readings (Maps of page id -> score), the first being the query as typed, the others
 * its synonym readings in the table's order (the first official term is the usual one): a later reading's
 * pages follow an earlier one's of the same Pagefind score. */
export function combine(found) {
  const merged = new Map();
  found.forEach((pages, i) => {
    for (const [id, score] of pages) {
      const value = i === 0 ? Math.max(score, OWN_FLOOR) : (SYNONYM_CEILING * score) / (1 + score) / i;
      merged.set(id, Math.max(merged.get(id) || 0, value));
    }
  });
  return merged;
}

/* The chosen values of each facet as sets of label indexes. */
export function selection(facets, filters) {
  return facets.map(([key, , labels]) => new Set((filters[key] || []).map((v) => labels.indexOf(v)).filter((i) => i >= 0)));
}

/* Whether a page passes the chosen values of every facet but `skip` (-1: all of them). */
export function passes(doc, chosen, skip) {
  return chosen.every((set, f) => f === skip || !set.size || (doc && doc.values[f].some((i) => set.has(i))));
}

/* Each facet's values with the number of pages that would be found when it is chosen too. */
export function facetCounts(facets, docs, ids, chosen) {
  return facets.map(([key, legend, labels], f) => {
    const counts = new Array(labels.length).fill(0);
    for (const id of ids) {
      const doc = docs.get(id);
      if (doc && passes(doc, chosen, f)) for (const i of doc.values[f]) counts[i]++;
    }
    const values = labels.map((label, i) => ({ label, count: counts[i], selected: chosen[f].has(i) }))
      .filter((v) => v.count || v.selected);
    return { key, legend, values };
  });
}

/* Page ids of `found` (id -> score) in result order: by relevance (a page whose title key is in `boosted`
 * first, scores weighted by the page's type), or by date ("date" newest first, "date-asc"); ties by date,
 * then id, so that the order never depends on the engine. */
export function order(found, sort, boosted, docs) {
  const rank = rankOf(found, boosted, docs);
  const date = (id) => (docs.get(id) || { date: 0 }).date;
  const ids = [...found.keys()];
  if (sort === "date") return ids.sort((a, b) => date(b) - date(a) || rank(b) - rank(a) || (a < b ? -1 : 1));
  if (sort === "date-asc") return ids.sort((a, b) => date(a) - date(b) || rank(b) - rank(a) || (a < b ? -1 : 1));
  return ids.sort((a, b) => rank(b) - rank(a) || date(b) - date(a) || (a < b ? -1 : 1));
}

/* A page's rank for relevance order (docrows.js topRanked bounds the rank of the pages it has not loaded). */
export function rankOf(found, boosted, docs) {
  return (id) => {
    const doc = docs.get(id) || { weight: 1 };
    return (boosted.has(doc.key) ? TITLE_BOOST : 0) + found.get(id) * doc.weight;
  };
}

/* The results without superseded shard entries. Pagefind scores the delta's pages with the delta's own
 * statistics (a few pages), which would move them up or down against a clean build's order; a delta page
 * whose superseded entry matched too takes that entry's score (its shard's statistics, nearly its text),
 * and a page new to the index is scaled by the median of those pages' ratios. */
export function rescored(results, superseded, replaces) {
  if (!superseded.size && !replaces.size) return results;
  const stale = new Map(results.filter((r) => superseded.has(r.id)).map((r) => [r.id, r.score]));
  const ratios = results.filter((r) => stale.has(replaces.get(r.id)) && r.score > 0)
    .map((r) => stale.get(replaces.get(r.id)) / r.score).sort((a, b) => a - b);
  const ratio = ratios.length ? ratios[Math.floor(ratios.length / 2)] : 1;
  return results.filter((r) => !superseded.has(r.id)).map((r) => {
    if (!replaces.has(r.id)) return r;
    const score = stale.has(replaces.get(r.id)) ? stale.get(replaces.get(r.id)) : r.score * ratio;
    return { id: r.id, score, data: () => r.data() };
  });
}
