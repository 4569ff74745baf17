/* Suggestions while typing: words and terms of the site that start with or hold the typed text, or whose
 * pinyin or initials start with the typed letters, frequent ones first; citizens' words of the synonym
 * dictionary too. Pure (tests/js/). */

import { LATIN_ONLY } from "./query.js";

const SHOWN = 8;

export function suggestions(text, vocab) {
  const scored = new Map();
  const offer = (value, score) => { if (value !== text && (scored.get(value) || -1) < score) scored.set(value, score); };
  for (const entry of vocab.entries) {
    if (entry.text.length < 2) continue;
    const bonus = entry.word ? 0 : 1;
    if (entry.text.startsWith(text)) offer(entry.text, Math.log(entry.freq) + bonus + 2);
    else if (text.length >= 2 && entry.text.includes(text)) offer(entry.text, Math.log(entry.freq) + bonus);
    else if (LATIN_ONLY.test(text)) {
      if (entry.syl.join("").startsWith(text)) offer(entry.text, Math.log(entry.freq) + bonus + 1);
      else if (entry.syl.map((s) => s[0]).join("").startsWith(text)) offer(entry.text, Math.log(entry.freq) + bonus);
    }
  }
  for (const word of Object.keys(vocab.raw.synonyms)) if (word.startsWith(text)) offer(word, 10);
  return [...scored].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SHOWN).map(([v]) => v);
}
