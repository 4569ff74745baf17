/* Correcting typos (homophones and similar-looking characters) with a noisy-channel model: the cheapest
 * rewrite of the query's Han text into the site's words, each corrected word paying a price for how far
 * it is from what was typed. Pure functions: the worker passes the vocabulary (vocabulary.js) and the
 * character-to-pinyin table, fetched only when a query may hold a typo (tests/js/). */

import { HAN_ONLY } from "./query.js";

const FUZZY = [[/^zh/, "z"], [/^ch/, "c"], [/^sh/, "s"], [/ing$/, "in"], [/eng$/, "en"], [/ang$/, "an"]];
// Prices of one corrected character: same pinyin, similar pinyin (z/zh, in/ing ...), any character in
// a word of three or more (a similar-looking or mistyped one).
const SAME_SOUND = 3;
const SIMILAR_SOUND = 4.5;
const OTHER_CHARACTER = 6;
// A query finding at most this many pages may be a typo that happens to occur; its correction must find
// this many times more pages to be shown first.
export const FEW_RESULTS = 3;
export const CORRECTION_MARGIN = 4;

/* The typo index over the vocabulary's entries, from the character table ({syllable: "chars"}). */
export function typoIndex(table, vocab) {
  const readings = new Map();
  for (const [syllable, list] of Object.entries(table)) {
    for (const char of list) readings.set(char, [...(readings.get(char) || []), syllable]);
  }
  const byPinyin = new Map();
  const byFuzzy = new Map();
  const byPattern = new Map();
  for (const entry of vocab.entries) {
    if (entry.text.length < 2) continue;
    add(byPinyin, entry.syl.join(" "), entry);
    add(byFuzzy, entry.syl.map(fuzzy).join(" "), entry);
    if (entry.text.length >= 3) {
      for (let i = 0; i < entry.text.length; i++) add(byPattern, entry.text.slice(0, i) + "?" + entry.text.slice(i + 1), entry);
    }
  }
  return { readings, byPinyin, byFuzzy, byPattern };
}

function add(map, key, entry) {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

export function fuzzy(syllable) {
  return FUZZY.reduce((s, [pattern, to]) => s.replace(pattern, to), syllable);
}

/* Every pinyin reading of the text (at most 32), or none if a character has no known reading. */
export function readingsOf(text, index) {
  let found = [[]];
  for (const char of text) {
    const options = index.readings.get(char);
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
export function nearby(span, index) {
  const found = new Map();
  const offer = (entry, price) => {
    const diff = differing(entry.text, span);
    if (diff && entry.text.length === span.length) {
      const total = price * diff;
      if (!found.has(entry.text) || found.get(entry.text).price > total) found.set(entry.text, { entry, price: total });
    }
  };
  for (const syllables of readingsOf(span, index)) {
    for (const entry of index.byPinyin.get(syllables.join(" ")) || []) offer(entry, SAME_SOUND);
    for (const entry of index.byFuzzy.get(syllables.map(fuzzy).join(" ")) || []) offer(entry, SIMILAR_SOUND);
  }
  if (span.length >= 3) {
    for (let i = 0; i < span.length; i++) {
      for (const entry of index.byPattern.get(span.slice(0, i) + "?" + span.slice(i + 1)) || []) offer(entry, OTHER_CHARACTER);
    }
  }
  return [...found.values()];
}

/* The cheapest rewrites of Han text with one or two corrected words, cheapest first. */
export function corrections(text, vocab, index) {
  const best = Array.from({ length: text.length + 1 }, () => [null, null, null]);
  best[0][0] = { cost: 0, text: "" };
  for (let i = 1; i <= text.length; i++) {
    for (let len = 1; len <= Math.min(i, 8); len++) {
      const span = text.slice(i - len, i);
      const entry = vocab.words.get(span) || vocab.terms.get(span);
      const options = [];
      if (entry || len === 1) options.push({ text: span, step: entry ? entry.cost : vocab.unknownCost, edits: 0 });
      if (len >= 2) for (const n of nearby(span, index)) options.push({ text: n.entry.text, step: n.entry.cost + n.price, edits: 1 });
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

/* Readings of the site's pinyin table (readLetters of readings.js, for the token's own pinyin) that are
 * the token with at most a third of its characters (at least one) changed: a homophone typo read back in
 * the context of the whole phrase (橡社会公布 is xiangshehuigongbu, which the site writes 向社会公布).
 * Cheapest first, distinct. */
export function sameSound(token, readings) {
  const most = Math.max(1, Math.floor(token.length / 3));
  const found = readings.filter((r) => !r.initials && r.text.length === token.length)
    .filter((r) => { const n = differing(r.text, token); return n >= 1 && n <= most; })
    .sort((a, b) => a.cost - b.cost);
  return [...new Set(found.map((r) => r.text))];
}

/* Han tokens of two or more characters that are neither a word nor a term of the site: a query of them
 * finding a few pages may still be a typo. */
export function suspects(list, vocab) {
  return new Set(list.filter((t) => HAN_ONLY.test(t) && t.length >= 2 && !vocab.words.has(t) && !vocab.terms.has(t)));
}

/* Whether a correction finding `corrected` pages is shown first, before the `typed` query's pages. */
export function preferCorrection(typed, corrected) {
  return corrected >= CORRECTION_MARGIN * typed;
}
