/* The search engine of the search page, run in a dedicated module worker.
 *
 * Pagefind splits Chinese queries in the page with the browser's word segmenter, which disagrees
 * with the segmenter that built the index, so words and phrases can go missing. Inside a worker
 * Pagefind has no page language and leaves the query alone; this file splits it itself into the
 * indexer's own words (from the build-time query data), reads pinyin, adds plain-language synonyms,
 * corrects typos, and combines several Pagefind searches into one ranked result set. Facet counts,
 * filters and date sorting use the per-page rows of the query data, so that only the fragments of
 * the results on screen are downloaded.
 */

const PAGE_SIZE = 10;
// Readings of initials whose costs (negative log likelihood) differ by at most this are shown together.
const CLOSE_READING = 1;
// A query finding at most this many pages may be a typo that happens to occur; its correction must find
// this many times more pages to be shown first.
const FEW_RESULTS = 3;
// Queries whose matched pages are kept, so that filters, sorting and paging need no new search.
const CACHE_SIZE = 30;
const CORRECTION_MARGIN = 4;
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const PIECES = new RegExp(`[${HAN}]+|[a-z0-9]+`, "gu");
const HAN_ONLY = new RegExp(`^[${HAN}]+$`, "u");
const LATIN_ONLY = /^[a-z]+$/;
const FUZZY = [[/^zh/, "z"], [/^ch/, "c"], [/^sh/, "s"], [/ing$/, "in"], [/eng$/, "en"], [/ang$/, "an"]];

let pagefind = null;
let data = null;
let chars = null;
let ready = null;
let readings = null; // search-readings.js
const loadedParts = new Map(); // pinyin table parts by prefix (promises)
const known = new Map(); // Pagefind result objects by page id, to load fragments from
const cache = new Map(); // matched pages by query, so that filters, sorting and paging need no new search

/* ---------- query data ---------- */

function indexData(raw) {
  const words = new Map();
  const entries = [];
  for (const [text, freq, syl] of raw.words) {
    const entry = { text, freq, syl: syl.split(" "), word: true };
    words.set(text, entry);
    entries.push(entry);
  }
  const terms = new Map();
  for (const [text, freq, syl] of raw.terms) {
    if (!words.has(text)) {
      const entry = { text, freq, syl: syl.split(" "), word: false };
      terms.set(text, entry);
      entries.push(entry);
    }
  }
  const byFull = new Map();
  const byInitials = new Map();
  for (const entry of entries) {
    if (entry.text.length < 2) continue;
    keep(byFull, entry.syl.join(""), entry);
    keep(byInitials, entry.syl.map((s) => s[0]).join(""), entry);
  }
  const reverse = new Map();
  for (const [word, official] of Object.entries(raw.synonyms)) {
    for (const term of official) reverse.set(term, [...(reverse.get(term) || []), word]);
  }
  const types = raw.facets[0][2];
  const docs = new Map(raw.docs.map(([id, date, key, values]) => {
    const weight = values[0].length ? raw.weights[types[values[0][0]]] || 1 : 1;
    return [id, { id, date, key, values, weight }];
  }));
  const byFreq = [...words.values()].sort((a, b) => b.freq - a.freq);
  const vocabularyPart = { f: {}, i: {} };
  for (const entry of entries) {
    (vocabularyPart.f[entry.syl.join("")] ||= []).push([entry.text, entry.freq]);
    if (entry.text.length > 1) (vocabularyPart.i[entry.syl.map((s) => s[0]).join("")] ||= []).push([entry.text, entry.freq]);
  }
  return {
    raw, words, terms, entries, byFull, byInitials, reverse, docs, byFreq, vocabularyPart,
    logTotal: Math.log(raw.total),
    maxWord: Math.max(1, ...raw.words.map((w) => w[0].length)),
    latin: new Set(raw.latin),
  };
}

function keep(map, key, entry) {
  const old = map.get(key);
  if (!old || old.freq < entry.freq) map.set(key, entry);
}

function cost(entry) {
  return data.logTotal - Math.log(entry.freq);
}

/* ---------- understanding a query ---------- */

function normalise(text) {
  return (text || "").normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, " ").trim();
}

function titleKey(text) {
  let hash = 0x811c9dc5;
  for (const char of text.normalize("NFKC").toLowerCase()) {
    if (/[\p{L}\p{N}]/u.test(char)) hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/* The k cheapest ways to split Han text into the indexer's words (a unigram model of the corpus). */
function segmentations(text, k = 2) {
  const best = [[{ cost: 0, words: [] }]];
  for (let i = 1; i <= text.length; i++) {
    const options = [];
    for (let len = 1; len <= Math.min(i, data.maxWord); len++) {
      const word = text.slice(i - len, i);
      const entry = data.words.get(word);
      if (!entry && len > 1) continue;
      const step = entry ? cost(entry) : data.logTotal + 2;
      for (const path of best[i - len]) options.push({ cost: path.cost + step, words: [...path.words, word] });
    }
    best[i] = options.sort((a, b) => a.cost - b.cost).slice(0, k);
  }
  const found = best[text.length].map((path) => path.words);
  if (text.length > 1 && !found.some((words) => words.length === 1)) found.push([text]);
  return found;
}

/* Latin letters typed for Chinese: full pinyin (zhengwugongkai), initials (zwgk) or a mix, read with the
 * site's pinyin table (loaded in parts, search-readings.js) and the query data's vocabulary. Returns the
 * likeliest readings, best first. */
async function fromPinyin(letters) {
  const manifest = data.raw.readings || {};
  const prefixes = Object.keys(manifest);
  const load = (list) => Promise.all(list.map((prefix) => {
    if (!loadedParts.has(prefix)) {
      loadedParts.set(prefix, fetch(manifest[prefix]).then((r) => (r.ok ? r.json() : { f: {}, i: {} })));
    }
    return loadedParts.get(prefix);
  }));
  // Most queries are one word or phrase of the table: the part holding the whole key is enough. Only when
  // it lacks the key are the parts of every other starting letter loaded, to read the letters as several.
  const first = await load(readings.partsFor(letters, prefixes).filter((p) => letters.startsWith(p)).slice(-1));
  const whole = readings.tableLookup([data.vocabularyPart, ...first]);
  const parts = whole("f", letters).length || whole("i", letters).length
    ? first : await load(readings.partsFor(letters, prefixes));
  return readings.readLetters(letters, readings.tableLookup([data.vocabularyPart, ...parts]), data.raw.total);
}

/* Tokens of a query: its space-separated parts, pinyin read as Chinese unless told otherwise. Letters that
 * are also a word of the site (zwgk in an e-mail address) are kept as an alternative of their reading. */
async function tokens(query, pinyin) {
  const parts = query.split(" ").filter(Boolean);
  const found = [];
  const readingsFound = [];
  const literals = new Map();
  const others = new Map(); // token -> other likely readings (您是不是要找)
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i];
    if (pinyin && LATIN_ONLY.test(part)) {
      // Consecutive pinyin words belong together: "zhengwu gongkai".
      let j = i;
      while (j + 1 < parts.length && LATIN_ONLY.test(parts[j + 1])) j++;
      const letters = parts.slice(i, j + 1).join("");
      const options = letters.length > 1 ? await fromPinyin(letters) : [];
      if (options.length) {
        const han = options[0].text;
        readingsFound.push([parts.slice(i, j + 1).join(" "), han]);
        if (data.latin.has(letters)) literals.set(han, letters);
        // Initials are ambiguous: the next likeliest readings are offered (and searched after this one).
        const near = options.slice(1).filter((o) => o.cost <= options[0].cost + 8);
        if (options[0].initials && near.length) {
          others.set(han, near.map((o) => ({ text: o.text, close: o.cost - options[0].cost <= CLOSE_READING })));
        }
        found.push(han);
        i = j;
        continue;
      }
    }
    if (pinyin && /[a-z]/.test(part) && HAN_ONLY.test(part.replace(/[a-z]+/g, ""))) {
      const pieces = part.match(/[a-z]+|[^a-z]+/g);
      const out = [];
      for (const piece of pieces) {
        const options = /^[a-z]+$/.test(piece) && piece.length > 1 ? await fromPinyin(piece) : [];
        if (options.length) readingsFound.push([piece, options[0].text]);
        out.push(options.length ? options[0].text : piece);
      }
      part = out.join("");
    }
    found.push(part);
  }
  return { tokens: found, readings: readingsFound, literals, others };
}

/* Plain-language alternatives of one token: citizens' words and official terms find each other. */
function alternatives(token) {
  const found = [token];
  for (const [word, official] of Object.entries(data.raw.synonyms)) {
    if (token.includes(word)) for (const term of official) found.push(token.split(word).join(term));
  }
  for (const word of data.reverse.get(token) || []) found.push(word);
  return [...new Set(found)].slice(0, 6);
}

/* ---------- running Pagefind ---------- */

async function run(term) {
  const search = await pagefind.search(term);
  for (const result of search.results) known.set(result.id, result);
  return search.results;
}

function wordsOf(piece, k) {
  return HAN_ONLY.test(piece) ? segmentations(piece, k) : [[piece]];
}

/* Word sequences a token may have been indexed as: each combination of its pieces' segmentations. */
function sequences(token) {
  let found = [[]];
  for (const piece of token.match(PIECES) || []) {
    const options = wordsOf(piece, 2);
    found = found.flatMap((head) => options.map((tail) => [...head, ...tail])).slice(0, 4);
  }
  return found.filter((words) => words.length);
}

/* Indexed words that hold a word of the query at their start, end or anywhere. */
function holders(word, test, limit) {
  const found = [];
  for (const entry of data.byFreq) {
    if (entry.text !== word && test(entry.text)) found.push(entry.text);
    if (found.length === limit) break;
  }
  return found;
}

/* Pages containing the token as written, whatever the indexer split it into: the query's first word
 * may be the end of an indexed word and its last word the start of one (index chunks are ordered by
 * word, so words sharing a beginning usually cost no extra download). */
async function phrase(token) {
  const queries = new Set();
  for (const words of withJoinedEnds(sequences(token))) {
    const first = words[0];
    const last = words[words.length - 1];
    if (words.length === 1) {
      queries.add(first);
      const test = first.length > 1 ? (t) => t.includes(first) : (t) => t.startsWith(first);
      for (const w of holders(first, test, 6)) queries.add(w);
      continue;
    }
    const firsts = [first, ...holders(first, (t) => t.endsWith(first), 5)];
    const lasts = [last, ...holders(last, (t) => t.startsWith(last), 12)];
    for (const f of firsts) for (const l of lasts) queries.add([f, ...words.slice(1, -1), l].join(" "));
  }
  const sets = await Promise.all([...queries].map((q) => run(`"${q}"`)));
  return new Set(sets.flat().map((r) => r.id));
}

/* Single characters at either end of a split may be one piece of an indexed word (零 部 of 零部件, or
 * 政 务 of 行政 + 务): the sequences again with each end's run of single characters joined. */
function withJoinedEnds(list) {
  const found = [...list];
  for (const words of list) {
    let start = 0;
    while (start < words.length - 1 && words[start].length === 1) start++;
    let end = words.length;
    while (end > start + 1 && words[end - 1].length === 1) end--;
    const joined = [...(start > 1 ? [words.slice(0, start).join("")] : words.slice(0, start)), ...words.slice(start, end),
      ...(words.length - end > 1 ? [words.slice(end).join("")] : words.slice(end))];
    if (joined.length !== words.length) found.push(joined);
  }
  return found;
}

/* Ranked pages for one reading of the query: every token as a phrase, ranked by Pagefind's score. */
async function match(tokenList) {
  const sets = await Promise.all(tokenList.map(phrase));
  const words = tokenList.flatMap((t) => sequences(t)[0] || []);
  const ranked = words.length ? await run(words.join(" ")) : [];
  const scores = new Map(ranked.map((r) => [r.id, r.score]));
  const found = new Map();
  if (sets.length && sets.every((s) => s.size)) {
    for (const id of sets.reduce((a, b) => new Set([...a].filter((x) => b.has(x))))) {
      found.set(id, scores.get(id) || 0.001);
    }
  }
  return { found, empty: tokenList.filter((_, i) => !sets[i].size), ranked };
}

/* ---------- typo correction ---------- */

async function loadChars(url) {
  if (!chars) {
    const table = await (await fetch(url)).json();
    const readings = new Map();
    for (const [syllable, list] of Object.entries(table)) {
      for (const char of list) readings.set(char, [...(readings.get(char) || []), syllable]);
    }
    const byPinyin = new Map();
    const byFuzzy = new Map();
    const byPattern = new Map();
    for (const entry of data.entries) {
      if (entry.text.length < 2) continue;
      add(byPinyin, entry.syl.join(" "), entry);
      add(byFuzzy, entry.syl.map(fuzzy).join(" "), entry);
      if (entry.text.length >= 3) {
        for (let i = 0; i < entry.text.length; i++) add(byPattern, entry.text.slice(0, i) + "?" + entry.text.slice(i + 1), entry);
      }
    }
    chars = { readings, byPinyin, byFuzzy, byPattern };
  }
  return chars;
}

function add(map, key, entry) {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function fuzzy(syllable) {
  return FUZZY.reduce((s, [pattern, to]) => s.replace(pattern, to), syllable);
}

function readingsOf(text) {
  let found = [[]];
  for (const char of text) {
    const options = chars.readings.get(char);
    if (!options) return [];
    found = found.flatMap((head) => options.map((s) => [...head, s])).slice(0, 32);
  }
  return found;
}

function differing(a, b) {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i] !== b[i];
  return n;
}

/* Vocabulary entries a span may have been meant as, with the price of that correction. */
function nearby(span) {
  const found = new Map();
  const offer = (entry, price) => {
    const diff = differing(entry.text, span);
    if (diff && entry.text.length === span.length) {
      const total = price * diff;
      if (!found.has(entry.text) || found.get(entry.text).price > total) found.set(entry.text, { entry, price: total });
    }
  };
  for (const syllables of readingsOf(span)) {
    for (const entry of chars.byPinyin.get(syllables.join(" ")) || []) offer(entry, 3);
    for (const entry of chars.byFuzzy.get(syllables.map(fuzzy).join(" ")) || []) offer(entry, 4.5);
  }
  if (span.length >= 3) {
    for (let i = 0; i < span.length; i++) {
      for (const entry of chars.byPattern.get(span.slice(0, i) + "?" + span.slice(i + 1)) || []) offer(entry, 6);
    }
  }
  return [...found.values()];
}

/* The cheapest rewrite of Han text with one or two corrected words (noisy channel, unigram model). */
function corrections(text) {
  const best = Array.from({ length: text.length + 1 }, () => [null, null, null]);
  best[0][0] = { cost: 0, text: "" };
  for (let i = 1; i <= text.length; i++) {
    for (let len = 1; len <= Math.min(i, 8); len++) {
      const span = text.slice(i - len, i);
      const entry = data.words.get(span) || data.terms.get(span);
      const options = [];
      if (entry || len === 1) options.push({ text: span, step: entry ? cost(entry) : data.logTotal + 2, edits: 0 });
      if (len >= 2) for (const n of nearby(span)) options.push({ text: n.entry.text, step: cost(n.entry) + n.price, edits: 1 });
      for (let e = 0; e < 3; e++) {
        const prev = best[i - len][e];
        if (!prev) continue;
        for (const o of options) {
          const edits = e + o.edits;
          const total = prev.cost + o.step;
          if (edits < 3 && (!best[i][edits] || total < best[i][edits].cost)) best[i][edits] = { cost: total, text: prev.text + o.text };
        }
      }
    }
  }
  return [best[text.length][1], best[text.length][2]].filter(Boolean).sort((a, b) => a.cost - b.cost).map((b) => b.text);
}

/* ---------- one query, all readings ---------- */

let charsUrlOf = null; // the character table's URL (given with each search)

async function understand(query, literal, charsUrl, pinyin = true) {
  charsUrlOf = charsUrl;
  const { tokens: list, readings: readingList, literals, others } = await tokens(query, pinyin);
  // One reading per combination of synonym alternatives (at most a few).
  let combos = [[]];
  for (const token of list) {
    const options = literals.has(token) ? [...alternatives(token), literals.get(token)] : alternatives(token);
    combos = combos.flatMap((c) => options.map((a) => [...c, a])).slice(0, 8);
  }
  const results = await Promise.all(combos.map(match));
  const found = new Map();
  results.forEach((r, i) => {
    // Pages with the citizen's own words come first; pages found only through synonyms follow them.
    const weight = i === 0 ? 1 : 0.01;
    for (const [id, score] of r.found) found.set(id, Math.max(found.get(id) || 0, score * weight));
  });
  const expanded = combos.slice(1).filter((_, i) => results[i + 1].found.size).map((c) => c.join(" "));
  const marks = combos.filter((_, i) => results[i].found.size).flat();
  // Other likely readings of the letters: offered, and their pages listed after the likeliest reading's.
  const otherReadings = [];
  for (const [han, options] of others) {
    for (const { text, close } of options) otherReadings.push({ text: list.join(" ").split(han).join(text), close });
  }
  for (const { text, close } of otherReadings.slice(0, 3)) {
    const extra = await match(text.split(" "));
    // A reading nearly as likely shares the first page of results; a less likely one follows them.
    for (const [id, score] of extra.found) if (!found.has(id)) found.set(id, score * (close ? 0.5 : 1e-4));
  }
  const outcome = { found, mode: "match", readings: readingList, expanded, marks, keys: [query, list.join("")],
    alternatives: otherReadings.slice(0, 3).map((a) => a.text.replace(/ /g, "")) };
  if (found.size && found.size <= FEW_RESULTS && !literal && !readingList.length) {
    const fixed = await fewResults(list, found);
    if (fixed) return { ...outcome, ...fixed };
  }
  if (found.size || !list.length) return outcome;
  // Letters read as pinyin that find nothing may be meant as they are (an abbreviation, a code).
  if (readingList.length) return understand(query, literal, charsUrl, false);
  if (!literal && list.some((t) => HAN_ONLY.test(t))) {
    await loadChars(charsUrl);
    const empty = new Set(results[0].empty);
    const options = list.map((t) => {
      const fixes = empty.has(t) && HAN_ONLY.test(t) ? corrections(t) : [];
      return fixes.length ? fixes : [t];
    });
    for (let attempt = 0; attempt < Math.max(...options.map((o) => o.length)); attempt++) {
      const candidate = options.map((o) => o[Math.min(attempt, o.length - 1)]);
      if (candidate.join(" ") === list.join(" ")) continue;
      const corrected = await match(candidate);
      if (corrected.found.size) {
        return { ...outcome, found: corrected.found, mode: "corrected", corrected: candidate.join(" "), marks: candidate, keys: [candidate.join("")] };
      }
    }
  }
  // Nothing contains the words together as typed: show what Pagefind finds for the words.
  const partial = new Map(results[0].ranked.map((r) => [r.id, r.score]));
  return { ...outcome, found: partial, mode: partial.size ? "partial" : "none", marks: list.flatMap((t) => sequences(t)[0] || []) };
}

/* A typo can also be a string a page or two happen to hold, so that the query finds a few wrong pages.
 * When a Han token is neither a word nor a term of the site, its likeliest correction is searched too;
 * if that finds several times more pages, its pages come first (the page says so and offers the query
 * as typed), otherwise they follow the typed query's pages (同时搜索了). */
async function fewResults(list, found) {
  const suspects = new Set(list.filter((t) => HAN_ONLY.test(t) && t.length >= 2 && !data.words.has(t) && !data.terms.has(t)));
  if (!suspects.size) return null;
  await loadChars(charsUrlOf);
  const candidate = list.map((t) => (suspects.has(t) ? corrections(t)[0] || t : t));
  if (candidate.join(" ") === list.join(" ")) return null;
  const corrected = await match(candidate);
  if (!corrected.found.size) return null;
  const merged = new Map(found);
  if (corrected.found.size >= CORRECTION_MARGIN * found.size) {
    for (const [id, score] of found) merged.set(id, score * 1e-3);
    for (const [id, score] of corrected.found) merged.set(id, score);
    return { found: merged, mode: "corrected", corrected: candidate.join(" "), marks: [...candidate, ...list],
      keys: [candidate.join("")] };
  }
  for (const [id, score] of corrected.found) if (!merged.has(id)) merged.set(id, score * 1e-3);
  return { found: merged, expanded: [candidate.join(" ")], marks: [...list, ...candidate] };
}

/* ---------- filters, facets, sorting, paging ---------- */

function selection(filters) {
  return data.raw.facets.map(([key, , labels]) => new Set((filters[key] || []).map((v) => labels.indexOf(v)).filter((i) => i >= 0)));
}

function passes(doc, chosen, skip) {
  return chosen.every((set, f) => f === skip || !set.size || (doc && doc.values[f].some((i) => set.has(i))));
}

function facetCounts(ids, chosen) {
  return data.raw.facets.map(([key, legend, labels], f) => {
    const counts = new Array(labels.length).fill(0);
    for (const id of ids) {
      const doc = data.docs.get(id);
      if (doc && passes(doc, chosen, f)) for (const i of doc.values[f]) counts[i]++;
    }
    const values = labels.map((label, i) => ({ label, count: counts[i], selected: chosen[f].has(i) }))
      .filter((v) => v.count || v.selected);
    return { key, legend, values };
  });
}

function order(found, sort, keys) {
  const boosted = new Set(keys.filter(Boolean).map(titleKey));
  const rank = (id) => {
    const doc = data.docs.get(id) || { weight: 1 };
    return (boosted.has(doc.key) ? 1e6 : 0) + found.get(id) * doc.weight;
  };
  const date = (id) => (data.docs.get(id) || { date: 0 }).date;
  const ids = [...found.keys()];
  if (sort === "date") return ids.sort((a, b) => date(b) - date(a) || rank(b) - rank(a) || (a < b ? -1 : 1));
  if (sort === "date-asc") return ids.sort((a, b) => date(a) - date(b) || rank(b) - rank(a) || (a < b ? -1 : 1));
  return ids.sort((a, b) => rank(b) - rank(a) || date(b) - date(a) || (a < b ? -1 : 1));
}

function excerpt(content, title, marks) {
  const lower = content.toLowerCase();
  const text = lower.length === content.length ? lower : content;
  // The page's own heading opens its content (after a label or a status line): start after it.
  const heading = title ? text.indexOf(title.toLowerCase()) : -1;
  const skip = heading >= 0 && heading < 200 ? heading + title.length : 0;
  let at = -1;
  for (const from of [skip, 0]) {
    for (const mark of marks) {
      const i = text.indexOf(mark, from);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at >= 0) break;
  }
  const start = at < 0 ? skip : Math.max(skip > at ? 0 : skip, at - 30);
  const end = Math.min(content.length, start + 110);
  const parts = [];
  let pos = start;
  const sorted = [...new Set(marks)].filter(Boolean).sort((a, b) => b.length - a.length);
  while (pos < end) {
    let next = -1;
    let size = 0;
    for (const mark of sorted) {
      const i = text.indexOf(mark, pos);
      if (i >= 0 && i < end && (next < 0 || i < next)) { next = i; size = mark.length; }
    }
    if (next < 0) { parts.push([content.slice(pos, end), false]); break; }
    if (next > pos) parts.push([content.slice(pos, next), false]);
    parts.push([content.slice(next, next + size), true]);
    pos = next + size;
  }
  if (start > 0 && parts.length) parts[0][0] = "…" + parts[0][0].replace(/^[.\s]+/, "");
  if (end < content.length && parts.length) parts[parts.length - 1][0] += "…";
  return parts;
}

async function allPages() {
  if (!cache.has("\u0000all")) {
    const results = await run(null);
    cache.set("\u0000all", { found: new Map(results.map((r) => [r.id, 0])), mode: "browse", readings: [], expanded: [], marks: [], keys: [] });
  }
  return cache.get("\u0000all");
}

async function search({ q, filters, sort, page, literal, chars: charsUrl }) {
  await ready;
  const query = normalise(q);
  const key = `${literal ? 1 : 0}\u0000${query}`;
  let outcome;
  if (!query) outcome = await allPages();
  else {
    outcome = cache.get(key) || await understand(query, literal, charsUrl);
    // Most recently used last; the oldest query goes once the cache is full (a long session stays small).
    cache.delete(key);
    cache.set(key, outcome);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
  }
  const chosen = selection(filters || {});
  const ids = [...outcome.found.keys()];
  const kept = new Map(ids.filter((id) => passes(data.docs.get(id), chosen, -1)).map((id) => [id, outcome.found.get(id)]));
  const sorted = order(kept, query ? sort : sort || "date", outcome.keys);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page || 1), pages);
  const shown = sorted.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const results = await Promise.all(shown.map(async (id) => {
    const fragment = await known.get(id).data();
    const meta = fragment.meta || {};
    return {
      // A question page names its entry in the Q&A library as its result (data-pagefind-meta="url:...").
      url: meta.url || fragment.url, title: meta.title || fragment.url, type: meta.type || "", issuer: meta.issuer || "",
      date: meta.date || "", validity: meta.validity || "",
      excerpt: excerpt(fragment.content || "", meta.title || "", outcome.marks.map(normalise)),
    };
  }));
  return {
    query, mode: outcome.mode, corrected: outcome.corrected || "", readings: outcome.readings,
    alternatives: outcome.alternatives || [],
    expanded: outcome.expanded, total: sorted.length, page: current, pages, pageSize: PAGE_SIZE, results,
    facets: facetCounts(ids, chosen), popular: data.raw.popular,
  };
}

/* ---------- suggestions while typing ---------- */

async function suggest({ q }) {
  await ready;
  const text = normalise(q).replace(/ /g, "");
  if (!text) return { popular: data.raw.popular, facets: facetCounts([...data.docs.keys()], selection({})), items: [] };
  const scored = new Map();
  const offer = (value, score) => { if (value !== text && (scored.get(value) || -1) < score) scored.set(value, score); };
  for (const entry of data.entries) {
    if (entry.text.length < 2) continue;
    const bonus = entry.word ? 0 : 1;
    if (entry.text.startsWith(text)) offer(entry.text, Math.log(entry.freq) + bonus + 2);
    else if (text.length >= 2 && entry.text.includes(text)) offer(entry.text, Math.log(entry.freq) + bonus);
    else if (LATIN_ONLY.test(text)) {
      if (entry.syl.join("").startsWith(text)) offer(entry.text, Math.log(entry.freq) + bonus + 1);
      else if (entry.syl.map((s) => s[0]).join("").startsWith(text)) offer(entry.text, Math.log(entry.freq) + bonus);
    }
  }
  for (const word of Object.keys(data.raw.synonyms)) if (word.startsWith(text)) offer(word, 10);
  const items = [...scored].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8).map(([v]) => v);
  return { items };
}

/* ---------- messages ---------- */

async function init({ pagefind: pagefindUrl, data: dataUrl, readings: readingsUrl }) {
  ready = (async () => {
    const [module, readingsModule, raw] = await Promise.all([import(pagefindUrl), import(readingsUrl), fetch(dataUrl).then((r) => {
      if (!r.ok) throw new Error(`query data: HTTP ${r.status}`);
      return r.json();
    })]);
    pagefind = module;
    readings = readingsModule;
    // Policies are long; BM25's usual length normalisation (0.75) would rank any short catalog entry above them.
    const options = { baseUrl: "/", ranking: { pageLength: 0.2 } };
    await pagefind.options(options);
    // A large site's index is split into shards of bounded size (sitegen/shards.py): search them all as one.
    for (const shard of raw.shards || []) await pagefind.mergeIndex(shard, options);
    data = indexData(raw);
  })();
  await ready;
  return { ok: true };
}

const handlers = { init, search, suggest };

self.addEventListener("message", async (event) => {
  const { id, type, args } = event.data;
  try {
    self.postMessage({ id, result: await handlers[type](args) });
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
