/* Reading Latin letters typed for Chinese: full pinyin (shehuijiuzhu, ü typed v), initials (shjz) or a mix.
 * Pure functions, no state: the search worker passes a lookup over the pinyin table (sitegen/search/readings.py)
 * and tests run them in Node (tests/js/). */

const MAX_SEGMENT = 30;
// An initials segment is far more ambiguous than a full syllable: each one costs this much more.
const INITIALS_PENALTY = 2;
// Every segment costs a little, so that one known phrase beats the same letters read as several words.
const SEGMENT_PENALTY = 1;
// A single letter read as a one-character word (的, 本, 五) is more ambiguous still.
const SINGLE_PENALTY = 2;
// Partial readings kept per position of the letters when they are read word by word against the index.
const LATTICE_BEAM = 16;
// Words or phrases tried per stretch of letters there, likeliest first (each costs index look-ups).
const WORD_OPTIONS = 5;
// Results shown on the first page: the readings of ambiguous initials share them (interleave).
const FIRST_PAGE = 10;

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

/* Ways to read letters[i, i + len) as one word or phrase: [text, step cost, initials?]. Kind "c" (one-letter
 * words by their initial, vocabulary.js) is read only with `singles`, as it makes almost any letters readable. */
function options(lookup, key, logTotal, singles) {
  const found = [];
  const add = (text, count, penalty, initials) =>
    found.push([text, logTotal - Math.log(Math.max(1, count)) + SEGMENT_PENALTY + penalty, initials]);
  for (const [text, count] of lookup("f", key)) add(text, count, 0, 0);
  if (key.length >= 2) for (const [text, count] of lookup("i", key)) add(text, count, INITIALS_PENALTY, 1);
  if (key.length === 1 && singles) for (const [text, count] of lookup("c", key) || []) add(text, count, INITIALS_PENALTY + SINGLE_PENALTY, 1);
  return found;
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
      for (const [text, step, initials] of options(lookup, letters.slice(i, i + len), logTotal, false)) {
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

/* Initials read word by word against the index, for letters none of whose likeliest readings occurs (a
 * phrase the table does not hold: longer than its phrases, or with a one-letter word, 代表的意见 typed
 * dbdyj). Each word or phrase a stretch of letters may stand for (kind "c" included) is looked up with
 * `pagesOf(text)` (async -> Set of page ids), and each pair of consecutive ones with `adjacent(a, b)` (pages
 * holding them side by side); a partial reading is kept only while some page holds each of its pairs: the
 * search space is pruned by what occurs, not only by the table's costs. Returns the complete readings
 * [{ text, cost, initials, together }] cheapest first (`together`: pages holding every pair, not yet
 * checked as one phrase). */
export async function readWordByWord(letters, lookup, total, pagesOf, adjacent, beam = LATTICE_BEAM) {
  const logTotal = Math.log(Math.max(2, total));
  const states = Array.from({ length: letters.length + 1 }, () => new Map());
  states[0].set("", { text: "", cost: 0, pages: null, last: "" });
  for (let i = 0; i < letters.length; i++) {
    const here = [...states[i].values()].sort((a, b) => a.cost - b.cost).slice(0, beam);
    if (!here.length) continue;
    for (let len = 1; len <= Math.min(MAX_SEGMENT, letters.length - i); len++) {
      const likeliest = options(lookup, letters.slice(i, i + len), logTotal, true).sort((a, b) => a[1] - b[1]);
      for (const [text, step] of likeliest.slice(0, WORD_OPTIONS)) {
        const alone = await pagesOf(text);
        if (!alone.size) continue;
        for (const state of here) {
          // Pages holding the word too, then (asked only if there are any) those holding the pair side by side.
          let both = state.pages ? new Set([...state.pages].filter((id) => alone.has(id))) : alone;
          if (both.size && state.last) {
            const pair = await adjacent(state.last, text);
            both = new Set([...both].filter((id) => pair.has(id)));
          }
          const next = { text: state.text + text, cost: state.cost + step, pages: both, last: text };
          const known = states[i + len].get(next.text);
          if (both.size && (!known || known.cost > next.cost)) states[i + len].set(next.text, next);
        }
      }
    }
  }
  return [...states[letters.length].values()]
    .sort((a, b) => a.cost - b.cost || (a.text < b.text ? -1 : 1))
    .map((s) => ({ text: s.text, cost: s.cost, initials: true, together: s.pages.size }));
}

/* The first page of results for ambiguous initials: `readings` are [{ ids }] (each reading's pages, best
 * first), and a reading is taken to be meant in proportion to its pages. Each slot of the first page goes
 * where it adds most to what the reader finds: a page to a reading none of whose pages is shown yet (so
 * that every reading's best page comes early, likeliest first), else to the reading whose share of pages
 * shown is cheapest to raise (a reading of 57 pages before one of 33, so the likeliest keeps most of the
 * page). After the first page, the readings' remaining pages follow, likeliest reading first. A page of
 * several readings counts for each. Returns page ids in order. */
export function interleave(readings) {
  const sets = readings.map((r) => new Set(r.ids));
  const total = readings.reduce((sum, r) => sum + r.ids.length, 0) || 1;
  const shown = readings.map(() => 0);
  const next = readings.map(() => 0);
  const placed = new Set();
  const order = [];
  const gain = (id, slot) => readings.reduce((sum, r, i) => {
    if (!sets[i].has(id)) return sum;
    const share = r.ids.length / total;
    const wanted = Math.min(FIRST_PAGE, r.ids.length);
    return sum + share * ((shown[i] < wanted ? 1 / wanted : 0) + (shown[i] ? 0 : 1 / slot));
  }, 0);
  while (order.length < FIRST_PAGE) {
    let best = null;
    readings.forEach((r, i) => {
      while (next[i] < r.ids.length && placed.has(r.ids[next[i]])) next[i]++;
      if (next[i] >= r.ids.length) return;
      const id = r.ids[next[i]];
      const value = gain(id, order.length + 1);
      if (!best || value > best.value + 1e-12) best = { id, value };
    });
    if (!best) break;
    placed.add(best.id);
    order.push(best.id);
    readings.forEach((_, i) => { if (sets[i].has(best.id)) shown[i]++; });
  }
  for (const r of readings) for (const id of r.ids) if (!placed.has(id)) { placed.add(id); order.push(id); }
  return order;
}
