// The per-page rows loaded in parts (themes/default/static/js/search/docrows.js): ranking with the rows of
// the best-scored pages only gives the same first pages as ranking with all rows, on generated cases.
import test from "node:test";
import assert from "node:assert/strict";
import { DocRows, bucketOf, docRow, topRanked, totalFacets } from "../../themes/default/static/js/search/docrows.js";
import { facetCounts, order, selection } from "../../themes/default/static/js/search/ranking.js";

const TYPES = ["政策文件", "目录事项", "页面"];
const WEIGHTS = { 目录事项: 0.5, 页面: 0.8 };
const FACETS = [["type", "类型", TYPES], ["year", "年份", ["2025", "2024"]]];

function generated(seed, count, step = 0.1) {
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = [];
  for (let i = 0; i < count; i++) {
    rows.push([`p${i}`, 20240101 + Math.floor(random() * 4) * 100, `k${Math.floor(random() * count / 2)}`,
      [[Math.floor(random() * 3)], [Math.floor(random() * 2)]]]);
  }
  const found = new Map();
  // Scores with many ties (phrase-only pages get the same floor score) and a wide range.
  for (const row of rows) if (random() < 0.6) found.set(row[0], random() < 0.3 ? 0.001 : Math.round(random() * 5 / step) * step);
  return { rows, found, random };
}

function rowsServed(rows, parts) {
  const fetched = [];
  const files = new Map();
  for (const row of rows) {
    const name = `/d/${bucketOf(row[0], parts)}.json`;
    files.set(name, [...(files.get(name) || []), row]);
  }
  const fetchJson = async (url) => {
    fetched.push(url);
    if (url.includes("/t")) {
      const titles = {};
      for (const row of rows) (titles[row[2]] ||= []).push(row[0]);
      return titles; // every key in every title part: the worker keeps only those it asked for
    }
    return files.get(url) || [];
  };
  return { fetchJson, fetched };
}

test("ranking with the rows of the best-scored pages equals ranking with all rows", async () => {
  for (let round = 0; round < 60; round++) {
    const { rows, found, random } = generated(round + 1, 20 + round * 7);
    const all = new Map(rows.map((row) => [row[0], docRow(row, TYPES, WEIGHTS)]));
    const boosted = new Set(random() < 0.5 ? [`k${Math.floor(random() * 10)}`] : []);
    const titled = rows.filter((row) => boosted.has(row[2])).map((row) => row[0]);
    for (const want of [10, 20]) {
      const docs = new Map();
      const need = async (ids) => { for (const id of ids) docs.set(id, all.get(id)); };
      const top = await topRanked(found, boosted, want, docs, need, titled, 1, Infinity);
      assert.deepEqual(top, order(found, "", boosted, all).slice(0, want), `round ${round}, ${want}`);
    }
  }
});

test("the first page of a large result loads only some parts; filters, dates and facets load them all", async () => {
  // Pagefind's scores of a large result: nearly all different.
  const { rows, found } = generated(99, 4000, 1e-6);
  const parts = 32;
  const { fetchJson, fetched } = rowsServed(rows, parts);
  const store = new DocRows({ url: "/d/", parts, totals: [[1, 2, 0], [3, 0]] }, FACETS, WEIGHTS, fetchJson);
  const all = new Map(rows.map((row) => [row[0], docRow(row, TYPES, WEIGHTS)]));
  const first = await store.page(found, selection(FACETS, {}), "", new Set(), 1, 10);
  const exact = order(found, "", new Set(), all).slice(0, 10);
  // A third of the pages weighs 0.5 and a third 0.8 here, and the scores are dense: the order may differ
  // from the exact one only below the pages that outrank every page not loaded.
  const settled = exact.filter((id, i) => first.shown[i] === id).length;
  assert.ok(settled >= 5, `${settled} of the first 10 as ranked with all rows`);
  assert.equal(first.total, found.size);
  // At most four times the pages shown are ranked (docrows.js RANKED_PER_SHOWN), whatever the size.
  assert.ok(new Set(fetched).size <= 40, `fetched ${fetched.length} parts`);
  assert.ok(!store.has([...found.keys()]));
  const chosen = selection(FACETS, { year: ["2024"] });
  const narrowed = await store.page(found, chosen, "date", new Set(), 2, 10);
  const expected = order(new Map([...found].filter(([id]) => all.get(id).values[1][0] === 1)), "date", new Set(), all);
  assert.deepEqual(narrowed.shown, expected.slice(10, 20));
  assert.equal(narrowed.total, expected.length);
  assert.ok(store.has([...found.keys()]));
  assert.deepEqual(facetCounts(FACETS, store.docs, [...found.keys()], chosen), facetCounts(FACETS, all, [...found.keys()], chosen));
  assert.deepEqual(totalFacets(FACETS, [[1, 2, 0], [3, 0]]).map((f) => f.values.map((v) => v.label)), [["政策文件", "目录事项"], ["2025"]]);
});

test("a part that failed to load is tried again", async () => {
  let failures = 1;
  const store = new DocRows({ url: "/d/", parts: 1, totals: [] }, FACETS, WEIGHTS, async () => {
    if (failures-- > 0) throw new Error("offline");
    return [["a", 20250101, "k", [[0], [0]]]];
  });
  await assert.rejects(store.need(["a"]));
  await store.need(["a"]);
  assert.equal(store.docs.get("a").weight, 1);
  // One part: the title keys are read from the rows (no title part is written).
  assert.deepEqual(await store.titled(new Set(["k"])), ["a"]);
});
