/* Reading Latin letters typed for Chinese: full pinyin (shehuijiuzhu, ü typed v), initials (shjz) or a mix.
 * Pure functions, no state: the search worker passes a lookup over the pinyin table (sitegen/search/readings.py)
 * and tests run them in Node (tests/js/). */

const MAX_SEGMENT = 30;
// An initials segment is far more ambiguous than a full syllable: each one costs this much more.
const INITIALS_PENALTY = 2;
// Every segment costs a little, so that one known phrase beats the same letters read as several words.
const SEGMENT_PENALTY = 1;

/* Prefixes of the table's parts (sorted manifest keys) needed to read `letters`: the longest listed
 * prefix of every suffix of the letters, since a word may start at any letter. */
export function partsFor(letters, prefixes) {
  const listed = new Set(prefixes);
  const needed = new Set();
  for (let i = 0; i < letters.length; i++) {
    for (let len = Math.min(8, letters.length - i); len >= 1; len--) {
      const prefix = letters.slice(i, i + len);
      if (listed.has(prefix)) {
        needed.add(prefix);
        break;
      }
    }
  }
  return [...needed].sort();
}

/* The k likeliest readings of `letters` as Han text. `lookup(kind, key)` returns [[text, count], ...] for
 * kind "f" (full pinyin) or "i" (initials); `total` is the count everything is measured against.
 * Returns [{ text, cost, initials }] cheapest first, distinct texts. */
export function readLetters(letters, lookup, total, k = 4) {
  const logTotal = Math.log(Math.max(2, total));
  const best = Array.from({ length: letters.length + 1 }, () => []);
  best[0] = [{ cost: 0, text: "", initials: 0 }];
  for (let i = 0; i < letters.length; i++) {
    if (!best[i].length) continue;
    for (let len = 1; len <= Math.min(MAX_SEGMENT, letters.length - i); len++) {
      const key = letters.slice(i, i + len);
      const options = [];
      for (const [text, count] of lookup("f", key)) options.push([text, count, 0]);
      if (len >= 2) for (const [text, count] of lookup("i", key)) options.push([text, count, 1]);
      for (const [text, count, initials] of options) {
        const step = logTotal - Math.log(Math.max(1, count)) + SEGMENT_PENALTY + initials * INITIALS_PENALTY;
        for (const path of best[i]) {
          offer(best[i + len], { cost: path.cost + step, text: path.text + text, initials: path.initials + initials }, k);
        }
      }
    }
  }
  return best[letters.length].map((p) => ({ text: p.text, cost: p.cost, initials: p.initials > 0 }));
}

function offer(list, path, k) {
  const same = list.findIndex((p) => p.text === path.text);
  if (same >= 0) {
    if (list[same].cost <= path.cost) return;
    list.splice(same, 1);
  }
  list.push(path);
  list.sort((a, b) => a.cost - b.cost || (a.text < b.text ? -1 : 1));
  if (list.length > k) list.pop();
}

/* A lookup over loaded parts ({ f: {key: [[text, count]]}, i: {...} }) and extra entries of the same shape. */
export function tableLookup(parts) {
  return (kind, key) => {
    const found = new Map();
    for (const part of parts) {
      for (const [text, count] of (part[kind] && part[kind][key]) || []) {
        found.set(text, Math.max(found.get(text) || 0, count));
      }
    }
    return [...found];
  };
}
