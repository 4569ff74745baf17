/* The build-time query data (sitegen/search/querydata.py) indexed for the search worker: the indexer's
 * words and multi-word terms with their frequencies and pinyin, the synonyms both ways, and each page's
 * facet row. Pure: the worker fetches the JSON and keeps the result (tests/js/). */

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
  const types = raw.facets[0][2];
  const docs = new Map(raw.docs.map(([id, date, key, values]) => {
    const weight = values[0].length ? raw.weights[types[values[0][0]]] || 1 : 1;
    return [id, { id, date, key, values, weight }];
  }));
  const byFreq = [...words.values()].sort((a, b) => b.freq - a.freq);
  // The vocabulary in the shape of a pinyin table part, read together with the loaded parts.
  const vocabularyPart = { f: {}, i: {} };
  for (const entry of entries) {
    (vocabularyPart.f[entry.syl.join("")] ||= []).push([entry.text, entry.freq]);
    if (entry.text.length > 1) (vocabularyPart.i[entry.syl.map((s) => s[0]).join("")] ||= []).push([entry.text, entry.freq]);
  }
  return {
    raw, words, terms, entries, reverse, docs, byFreq, vocabularyPart, logTotal,
    // A character the site never has as a word of its own costs more than any word it has.
    unknownCost: logTotal + 2,
    maxWord: Math.max(1, ...raw.words.map((w) => w[0].length)),
    latin: new Set(raw.latin),
  };
}
