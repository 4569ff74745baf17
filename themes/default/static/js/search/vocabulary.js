/* The build-time query data (sitegen/search/querydata.py) indexed for the search worker: the indexer's
 * words and multi-word terms with their frequencies and pinyin, the synonyms both ways, and each page's
 * facet row. Pure: the worker fetches the JSON and keeps the result (tests/js/). */

import { docRow } from "./docrows.js";

// One-character words kept per initial letter, commonest first, for reading a letter as a word of its own.
const SINGLES_PER_LETTER = 8;

export function indexData(raw) {
  const logTotal = Math.log(raw.total);
  const words = new Map();
  const entries = [];
  // cost: the word's negative log likelihood under a unigram model of the site's text.
  const entryOf = (text, freq, syl, word) => ({ text, freq, syl: syl.split(" "), word, cost: logTotal - Math.log(freq) });
  for (const [text, freq, syl] of raw.words) {
    const entry = entryOf(text, freq, syl, true);
    words.set(text, entry);
    entries.push(entry);
  }
  const terms = new Map();
  // The terms come in a file of their own, loaded when a query needs them (engine.js withTerms).
  for (const [text, freq, syl] of raw.terms || []) {
    if (!words.has(text)) {
      const entry = entryOf(text, freq, syl, false);
      terms.set(text, entry);
      entries.push(entry);
    }
  }
  const reverse = new Map();
  for (const [word, official] of Object.entries(raw.synonyms)) {
    for (const term of official) reverse.set(term, [...(reverse.get(term) || []), word]);
  }
  // The published query data names the parts of the rows (docrows.js loads them); a list is indexed here.
  const types = raw.facets[0][2];
  const docs = new Map(Array.isArray(raw.docs) ? raw.docs.map((row) => [row[0], docRow(row, types, raw.weights)]) : []);
  const byFreq = [...words.values()].sort((a, b) => b.freq - a.freq);
  // The vocabulary in the shape of a pinyin table part, read together with the loaded parts.
  // "c": one-character words by their initial (readings.js reads them only word by word, against the index).
  const vocabularyPart = { f: {}, i: {}, c: {} };
  for (const entry of entries) {
    (vocabularyPart.f[entry.syl.join("")] ||= []).push([entry.text, entry.freq]);
    if (entry.text.length > 1) (vocabularyPart.i[entry.syl.map((s) => s[0]).join("")] ||= []).push([entry.text, entry.freq]);
    else if (entry.word && entry.syl.length === 1 && entry.syl[0]) (vocabularyPart.c[entry.syl[0][0]] ||= []).push([entry.text, entry.freq]);
  }
  for (const [letter, list] of Object.entries(vocabularyPart.c)) {
    vocabularyPart.c[letter] = list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SINGLES_PER_LETTER);
  }
  return {
    raw, words, terms, entries, reverse, docs, byFreq, vocabularyPart, logTotal,
    // A character the site never has as a word of its own costs more than any word it has.
    unknownCost: logTotal + 2,
    maxWord: Math.max(1, ...raw.words.map((w) => w[0].length)),
    latin: new Set(raw.latin),
  };
}
