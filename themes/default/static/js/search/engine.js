/* The search engine of the search page, run in a dedicated module worker (index.js is its entry).
 *
 * This module holds the state (Pagefind, the query data, loaded table parts, the result cache) and the
 * steps that ask Pagefind; the pure parts are modules of their own, tested in Node (tests/js/):
 * vocabulary.js (the query data indexed), query.js (splitting a query into the indexer's words),
 * readings.js (pinyin and initials), typos.js (corrections), ranking.js (combining, filters, facets,
 * order), quick.js (plain Pagefind's first answer; the shape of a result), excerpt.js, suggest.js and
 * cache.js. The folder is published as one content-hashed folder
 * (sitegen/render/templates.py hashed_assets), so these relative imports resolve.
 *
 * Facet counts, filters and ranking use the per-page rows of the query data, so that only the fragments
 * of the results on screen are downloaded; the rows are loaded in parts, for the pages ranked (docrows.js).
 */
import { BoundedCache } from "./cache.js";
import { DocRows, fetchJson } from "./docrows.js";
import { combine, facetCounts, rescored, selection } from "./ranking.js";
import * as readings from "./readings.js";
import { HAN_ONLY, alternatives, normalise, phraseQueries, sequences, titleKey, tokens, wordwise } from "./query.js";
import { PAGEFIND_OPTIONS, PAGE_SIZE, resultOf } from "./quick.js";
import { suggestions } from "./suggest.js";
import { FEW_RESULTS, corrections, preferCorrection, readingsOf, sameSound, suspects, typoIndex } from "./typos.js";
import { indexData } from "./vocabulary.js";

// Queries whose matched pages are kept, so that filters, sorting and paging need no new search.
const CACHE_SIZE = 30;
// Other readings of initials offered (您是不是要找) beside the likeliest one, and searched with it.
const OTHER_READINGS = 3;
const SEARCHED_READINGS = 5;
// Readings of initials (the table's likeliest) looked up in the index: only those that occur are kept.
const CHECKED_READINGS = 6;
// Initials read word by word (readings.js readWordByWord) when none of those occurs: this many letters at
// least and at most (an abbreviation or code of few letters is too ambiguous), complete readings checked
// as phrases a batch at a time.
const WORD_BY_WORD_LETTERS = [4, 8];
const WORD_BY_WORD_BATCH = 8;
const WORD_BY_WORD_BATCHES = 3;
const ALL = "\u0000all";
// Pinyin readings of a mistyped token looked up in the site's pinyin table (polyphonic characters have several).
const TYPO_SOUNDS = 4;
// Same-sounding phrases of the site tried as corrections of a token, before the noisy channel's (at most 2).
const SAME_SOUND_TRIES = 3;

let pagefind = null;
let data = null;
let rows = null; // the per-page rows, loaded in parts (docrows.js)
let typos = null; // the typo index, built when a query first needs it
let ready = null;
const loadedParts = new Map(); // pinyin table parts by prefix (promises)
const pageSets = new Map(); // pages holding all the words of a text (promises of Sets), by text
const known = new Map(); // Pagefind result objects by page id, to load fragments from
// Pages of the main shards that the delta index replaces (sitegen/search/shards.py): never a result.
let superseded = new Set();
// Each delta page's id -> the shard entry it supersedes ("" for a page new to the index).
let replaces = new Map();
let merged = false; // more than one Pagefind index (shards or a delta)
const cache = new BoundedCache(CACHE_SIZE);

/* ---------- asking Pagefind ---------- */

async function run(term) {
  const search = await pagefind.search(term);
  const results = rescored(search.results, superseded, replaces);
  for (const result of results) known.set(result.id, result);
  return results;
}

/* Pages containing the token as written, whatever the indexer split it into. */
async function phrase(token) {
  const sets = await Promise.all(phraseQueries(token, data).map((q) => run(`"${q}"`)));
  return new Set(sets.flat().map((r) => r.id));
}

/* Pages holding every one of the words that any searchable page holds, with Pagefind's scores. Pagefind
 * leaves out a word its index lacks, index by index; over several indexes (shards, and the delta whose
 * superseded entries still hold their old words) the result would depend on how the pages are split
 * between them. So each word is looked up alone, and only pages holding all the words found are kept:
 * what one index of all searchable pages would return. */
async function allWords(words) {
  if (!words.length) return [];
  if (!merged || words.length < 2) return run(words.join(" "));
  const sets = await Promise.all(words.map((word) => run(word)));
  const present = sets.filter((set) => set.length).map((set) => new Set(set.map((r) => r.id)));
  if (!present.length) return [];
  const keep = present.reduce((a, b) => new Set([...a].filter((id) => b.has(id))));
  return (await run(words.filter((_, i) => sets[i].length).join(" "))).filter((r) => keep.has(r.id));
}

/* Ranked pages for one reading of the query: every token as a phrase, ranked by Pagefind's score. */
async function match(tokenList) {
  const sets = await Promise.all(tokenList.map(phrase));
  const words = tokenList.flatMap((t) => sequences(t, data)[0] || []);
  const ranked = await allWords(words);
  const scores = new Map(ranked.map((r) => [r.id, r.score]));
  const found = new Map();
  if (sets.length && sets.every((s) => s.size)) {
    for (const id of sets.reduce((a, b) => new Set([...a].filter((x) => b.has(x))))) {
      found.set(id, scores.get(id) || 0.001);
    }
  }
  return { found, empty: tokenList.filter((_, i) => !sets[i].size), ranked };
}

/* Latin letters typed for Chinese, read with the site's pinyin table (loaded in parts) and the query
 * data's vocabulary: the k likeliest readings, best first. */
async function fromPinyin(letters, k = 4) {
  // Most queries are one word or phrase of the table: the part holding the whole key is enough. Only when
  // it lacks the key are the parts of every other starting letter loaded, to read the letters as several.
  // The terms (read with the table, as phrases of the site) travel with the part.
  const [first] = await Promise.all([
    loadParts(readings.partsFor(letters, partPrefixes()).filter((p) => letters.startsWith(p)).slice(-1)), withTerms()]);
  const whole = readings.tableLookup([data.vocabularyPart, ...first]);
  const parts = whole("f", letters).length || whole("i", letters).length ? first : await allParts(letters);
  return readings.readLetters(letters, readings.tableLookup([data.vocabularyPart, ...parts]), data.raw.total, k);
}

function partPrefixes() {
  return Object.keys(data.raw.readings || {});
}

function loadParts(list) {
  const manifest = data.raw.readings || {};
  return Promise.all(list.map((prefix) => {
    if (!loadedParts.has(prefix)) {
      loadedParts.set(prefix, fetch(manifest[prefix]).then((r) => (r.ok ? r.json() : { f: {}, i: {} })));
    }
    return loadedParts.get(prefix);
  }));
}

/* Every part a word of the letters may start in. */
function allParts(letters) {
  return loadParts(readings.partsFor(letters, partPrefixes()));
}

/* Pages holding every word of a text, or with `before` the two texts side by side (one phrase query of
 * their words): prunes readings read word by word. */
function pagesOf(text, before = "") {
  const key = `${before}\u0000${text}`;
  if (!pageSets.has(key)) {
    const words = [before, text].filter(Boolean).flatMap((t) => sequences(t, data)[0] || [t]);
    const query = before ? `"${words.join(" ")}"` : words.join(" ");
    pageSets.set(key, run(query).then((results) => new Set(results.map((r) => r.id))));
  }
  return pageSets.get(key);
}

/* Letters typed as a query, read as Chinese. Initials are ambiguous by nature, so their likeliest readings
 * are looked up in the index as phrases and only those that occur are kept, most pages first (`pages`;
 * understand() shows the results of several together). When none occurs, the letters are read word by word,
 * keeping only readings whose words occur on a common page (readings.js readWordByWord), and those are
 * checked as phrases: this reaches phrases the table does not hold (代表的意见 typed dbdyj). */
async function readQuery(letters) {
  const found = await fromPinyin(letters, CHECKED_READINGS);
  const [fewest, most] = WORD_BY_WORD_LETTERS;
  const wordByWord = letters.length >= fewest && letters.length <= most && !data.latin.has(letters);
  if (found.length ? !found[0].initials : !wordByWord) return found;
  const occurring = async (list) => {
    const sizes = await Promise.all(list.map(async (r) => (await phrase(r.text)).size));
    return list.map((r, i) => ({ ...r, pages: sizes[i] })).filter((r) => r.pages);
  };
  let kept = await occurring(found);
  if (!kept.length && wordByWord) {
    const lookup = readings.tableLookup([data.vocabularyPart, ...(await allParts(letters))]);
    const tried = new Set(found.map((r) => r.text));
    const wider = (await readings.readWordByWord(letters, lookup, data.raw.total, pagesOf, (a, b) => pagesOf(b, a))).filter((r) => !tried.has(r.text));
    for (let batch = 0; batch < WORD_BY_WORD_BATCHES && !kept.length; batch++) {
      kept = await occurring(wider.slice(batch * WORD_BY_WORD_BATCH, (batch + 1) * WORD_BY_WORD_BATCH));
    }
  }
  return kept.length ? kept.sort((a, b) => b.pages - a.pages || a.cost - b.cost) : found;
}

/* The site's multi-word terms are a file of their own (sitegen/search/querydata.py): reading letters,
 * typos, suggestions and word-by-word splitting need them, a Chinese query that finds its pages does not,
 * so a phone does not download them for it. */
let termsLoading = null;
async function withTerms() {
  if (data.raw.terms || !data.raw.termsUrl) return;
  termsLoading ||= fetchJson(data.raw.termsUrl);
  const terms = await termsLoading;
  if (!data.raw.terms) data = indexData({ ...data.raw, terms });
}

async function typoIndexFor(charsUrl) {
  await withTerms();
  if (!typos) typos = typoIndex(await (await fetch(charsUrl)).json(), data);
  return typos;
}

/* Likely corrections of a Han token, best first: first the site's own phrases that sound the same (the
 * token's pinyin read with the pinyin table, so the whole phrase is the context), then the cheapest
 * rewrites with a similar-sounding or similar-looking word (typos.js corrections). */
async function fixes(token, index) {
  const read = [];
  for (const syllables of readingsOf(token, index).slice(0, TYPO_SOUNDS)) read.push(...(await fromPinyin(syllables.join(""))));
  return [...new Set([...sameSound(token, read).slice(0, SAME_SOUND_TRIES), ...corrections(token, data, index)])];
}

/* ---------- one query, all readings ---------- */

/* The pages of a token list and of each combination of its tokens' synonym alternatives (at most a few). */
async function withSynonyms(list, literals = new Map()) {
  let combos = [[]];
  for (const token of list) {
    const options = literals.has(token) ? [...alternatives(token, data), literals.get(token)] : alternatives(token, data);
    combos = combos.flatMap((c) => options.map((a) => [...c, a])).slice(0, 8);
  }
  const results = await Promise.all(combos.map(match));
  // Pages with the citizen's own words come first; pages found only through synonyms follow them.
  const found = combine(results.map((r) => r.found));
  const expanded = combos.slice(1).filter((_, i) => results[i + 1].found.size).map((c) => c.join(" "));
  const marks = combos.filter((_, i) => results[i].found.size).flat();
  return { found, expanded, marks, results };
}

async function understand(query, literal, charsUrl, pinyin = true) {
  const { tokens: list, readings: readingList, literals, others } = await tokens(query, pinyin, readQuery, data);
  const synonyms = await withSynonyms(list, literals);
  const { expanded, marks, results } = synonyms;
  let { found } = synonyms;
  // Other readings of the letters that occur: offered, and their pages shown with the likeliest reading's
  // (readings.js interleave: each reading's best page early, the likeliest keeping most of the first page).
  const otherReadings = [];
  for (const [han, options] of others) {
    for (const { text } of options) otherReadings.push(list.join(" ").split(han).join(text));
  }
  const searched = otherReadings.slice(0, SEARCHED_READINGS);
  if (searched.length) {
    const extra = await Promise.all(searched.map((text) => match(text.split(" "))));
    await rows.need([found, ...extra.map((e) => e.found)].flatMap((pages) => [...pages.keys()]));
    const weight = (id) => (rows.docs.get(id) || { weight: 1 }).weight;
    const ranked = (pages) => [...pages.keys()].sort((a, b) => pages.get(b) * weight(b) - pages.get(a) * weight(a) || (a < b ? -1 : 1));
    const lists = [found, ...extra.map((e) => e.found)].filter((pages) => pages.size).map((pages) => ({ ids: ranked(pages) }));
    const ids = readings.interleave(lists.sort((a, b) => b.ids.length - a.ids.length));
    // Scores that order.js's type weights turn back into this order.
    found = new Map(ids.map((id, i) => [id, (ids.length - i) / weight(id)]));
    marks.push(...searched.flatMap((text, i) => (extra[i].found.size ? text.split(" ") : [])));
  }
  const outcome = { found, mode: "match", readings: readingList, expanded, marks, keys: [query, list.join("")],
    alternatives: otherReadings.slice(0, OTHER_READINGS).map((a) => a.replace(/ /g, "")) };
  if (found.size && found.size <= FEW_RESULTS && !literal && !readingList.length) {
    const fixed = await fewResults(list, found, charsUrl);
    if (fixed) return { ...outcome, ...fixed };
  }
  if (found.size || !list.length) return outcome;
  // Letters read as pinyin that find nothing may be meant as they are (an abbreviation, a code).
  if (readingList.length) return understand(query, literal, charsUrl, false);
  // A citizen's phrase on no page (装修房子): its words, each with its synonyms, on one page together.
  if (!literal) await withTerms();
  const words = literal ? null : wordwise(list, data);
  if (words) {
    const split = await withSynonyms(words);
    if (split.found.size) {
      return { ...outcome, found: split.found, expanded: [words.join(" "), ...split.expanded], marks: split.marks,
        keys: [query] };
    }
  }
  if (!literal && list.some((t) => HAN_ONLY.test(t))) {
    const index = await typoIndexFor(charsUrl);
    const empty = new Set(results[0].empty);
    const options = await Promise.all(list.map(async (t) => {
      const found = empty.has(t) && HAN_ONLY.test(t) ? await fixes(t, index) : [];
      return found.length ? found : [t];
    }));
    for (let attempt = 0; attempt < Math.max(...options.map((o) => o.length)); attempt++) {
      const candidate = options.map((o) => o[Math.min(attempt, o.length - 1)]);
      if (candidate.join(" ") === list.join(" ")) continue;
      const corrected = await match(candidate);
      if (corrected.found.size) {
        return { ...outcome, found: corrected.found, mode: "corrected", corrected: candidate.join(" "), marks: candidate,
          keys: [candidate.join("")] };
      }
    }
  }
  // Nothing contains the words together as typed: show what Pagefind finds for the words.
  const partial = new Map(results[0].ranked.map((r) => [r.id, r.score]));
  return { ...outcome, found: partial, mode: partial.size ? "partial" : "none",
    marks: list.flatMap((t) => sequences(t, data)[0] || []) };
}

/* A typo can also be a string a page or two happen to hold, so that the query finds a few wrong pages.
 * When a Han token is neither a word nor a term of the site, its likeliest correction is searched too;
 * if that finds several times more pages, its pages come first (the page says so and offers the query
 * as typed), otherwise they follow the typed query's pages (同时搜索了). */
async function fewResults(list, found, charsUrl) {
  await withTerms();
  const suspect = suspects(list, data);
  if (!suspect.size) return null;
  const index = await typoIndexFor(charsUrl);
  const candidate = await Promise.all(list.map(async (t) => (suspect.has(t) ? (await fixes(t, index))[0] || t : t)));
  if (candidate.join(" ") === list.join(" ")) return null;
  const corrected = await match(candidate);
  if (!corrected.found.size) return null;
  const merged = new Map(found);
  if (preferCorrection(found.size, corrected.found.size)) {
    for (const [id, score] of found) merged.set(id, score * 1e-3);
    for (const [id, score] of corrected.found) merged.set(id, score);
    return { found: merged, mode: "corrected", corrected: candidate.join(" "), marks: [...candidate, ...list],
      keys: [candidate.join("")] };
  }
  for (const [id, score] of corrected.found) if (!merged.has(id)) merged.set(id, score * 1e-3);
  return { found: merged, expanded: [candidate.join(" ")], marks: [...list, ...candidate] };
}

/* ---------- messages ---------- */

async function allPages() {
  if (!cache.has(ALL)) {
    const results = await run(null);
    cache.set(ALL, { found: new Map(results.map((r) => [r.id, 0])), mode: "browse", readings: [], expanded: [], marks: [],
      keys: [] });
  }
  return cache.get(ALL);
}

async function outcomeOf(query, literal, charsUrl) {
  if (!query) return allPages();
  const key = `${literal ? 1 : 0}\u0000${query}`;
  const outcome = cache.get(key) || await understand(query, literal, charsUrl);
  cache.set(key, outcome);
  return outcome;
}

async function search({ q, filters, sort, page, literal, chars: charsUrl }) {
  await ready;
  const query = normalise(q);
  const outcome = await outcomeOf(query, literal, charsUrl);
  const chosen = selection(data.raw.facets, filters || {});
  const ids = [...outcome.found.keys()];
  const boosted = new Set(outcome.keys.filter(Boolean).map(titleKey));
  const found = await rows.page(outcome.found, chosen, query ? sort : sort || "date", boosted, page, PAGE_SIZE);
  const results = await Promise.all(found.shown.map(async (id) => resultOf(await known.get(id).data(), outcome.marks)));
  return {
    query, mode: outcome.mode, corrected: outcome.corrected || "", readings: outcome.readings,
    alternatives: outcome.alternatives || [],
    expanded: outcome.expanded, total: found.total, page: found.page, pages: found.pages, pageSize: PAGE_SIZE, results,
    facets: rows.has(ids) ? facetCounts(data.raw.facets, rows.docs, ids, chosen) : null, popular: data.raw.popular,
  };
}

/* Facet counts need the rows of all the pages found, the first results do not: when "search" answered
 * null, search.js asks for them with "facets". */
async function facets({ q, filters, literal, chars: charsUrl }) {
  await ready;
  const ids = [...(await outcomeOf(normalise(q), literal, charsUrl)).found.keys()];
  await rows.need(ids);
  return facetCounts(data.raw.facets, rows.docs, ids, selection(data.raw.facets, filters || {}));
}

async function suggest({ q }) {
  await ready;
  const text = normalise(q).replace(/ /g, "");
  if (!text) {
    return { popular: data.raw.popular, facets: rows.totals(data.raw.facets), items: [] };
  }
  await withTerms();
  return { items: suggestions(text, data) };
}

/* Start-up: `loading` holds what index.js started on the first message (Pagefind, configured and with the
 * shards it was given merged, and the query data), so that they travel while this module and its imports
 * are still loading. */
async function init({ loading }) {
  ready = (async () => {
    const [module, raw] = await Promise.all([loading.pagefind, loading.data.then((r) => {
      if (!r.ok) throw new Error(`query data: HTTP ${r.status}`);
      return r.json();
    })]);
    pagefind = module;
    // A large site's index is split into shards of bounded size (sitegen/shards.py): search them all as one.
    // After an incremental build the last one is the delta, whose pages supersede their shard entries.
    superseded = new Set(raw.superseded || []);
    replaces = new Map(raw.replaces || []);
    merged = (raw.shards || []).length > 0;
    for (const shard of raw.shards || []) {
      if (!loading.merged.has(shard)) await pagefind.mergeIndex(shard, PAGEFIND_OPTIONS);
    }
    data = indexData(raw);
    rows = new DocRows(raw.docs, raw.facets, raw.weights, fetchJson);
    // Letters on arrival will be read with the terms: they start loading now, not one round trip later.
    if (/[a-z]/.test(normalise(loading.q || ""))) withTerms().catch(() => {});
  })();
  await ready;
  return { ok: true };
}

export const handlers = { init, search, suggest, facets };
