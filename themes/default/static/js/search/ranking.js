/* Ranking and narrowing the matched pages: combining the pages of several readings of a query, filters
 * and facet counts from the query data's per-page rows, and the order of the results. Pure functions over
 * the indexed query data (vocabulary.js); tested in Node (tests/js/). */

// Pages found only through a synonym rank after every page holding the citizen's own words.
const SYNONYM_WEIGHT = 0.01;
// A page whose title is the query comes first.
const TITLE_BOOST = 1e6;

/* Pages of the query's readings (Maps of page id -> score), the first being the query as typed. */
export function combine(found) {
  const merged = new Map();
  found.forEach((pages, i) => {
    const weight = i === 0 ? 1 : SYNONYM_WEIGHT;
    for (const [id, score] of pages) merged.set(id, Math.max(merged.get(id) || 0, score * weight));
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
  const rank = (id) => {
    const doc = docs.get(id) || { weight: 1 };
    return (boosted.has(doc.key) ? TITLE_BOOST : 0) + found.get(id) * doc.weight;
  };
  const date = (id) => (docs.get(id) || { date: 0 }).date;
  const ids = [...found.keys()];
  if (sort === "date") return ids.sort((a, b) => date(b) - date(a) || rank(b) - rank(a) || (a < b ? -1 : 1));
  if (sort === "date-asc") return ids.sort((a, b) => date(a) - date(b) || rank(b) - rank(a) || (a < b ? -1 : 1));
  return ids.sort((a, b) => rank(b) - rank(a) || date(b) - date(a) || (a < b ? -1 : 1));
}
