/* Splitting a query the way the indexer split the text. Pagefind splits Chinese queries with the browser's
 * word segmenter, which disagrees with the one that built the index, so the worker splits them itself into
 * the indexer's own words (the vocabulary of vocabulary.js) and asks Pagefind for phrases. Pure functions:
 * the worker passes the vocabulary and, for pinyin, an async reader (tests/js/). */

const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const PIECES = new RegExp(`[${HAN}]+|[a-z0-9]+`, "gu");
export const HAN_ONLY = new RegExp(`^[${HAN}]+$`, "u");
export const LATIN_ONLY = /^[a-z]+$/;
// Readings of initials whose costs (negative log likelihood) differ by at most this are shown together.
const CLOSE_READING = 1;
// Other readings of initials up to this much costlier than the best are offered (您是不是要找).
const NEAR_READING = 8;

export function normalise(text) {
  return (text || "").normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, " ").trim();
}

/* FNV-1a over the code points of a title without case, spaces or punctuation: the query data names each
 * page's title this way (sitegen/search/querydata.py title_key mirrors it), so that a query that is a
 * title ranks that page first. */
export function titleKey(text) {
  let hash = 0x811c9dc5;
  for (const char of text.normalize("NFKC").toLowerCase()) {
    if (/[\p{L}\p{N}]/u.test(char)) hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/* The k cheapest ways to split Han text into the indexer's words (a unigram model of the site's text). */
export function segmentations(text, vocab, k = 2) {
  const best = [[{ cost: 0, words: [] }]];
  for (let i = 1; i <= text.length; i++) {
    const options = [];
    for (let len = 1; len <= Math.min(i, vocab.maxWord); len++) {
      const word = text.slice(i - len, i);
      const entry = vocab.words.get(word);
      if (!entry && len > 1) continue;
      const step = entry ? entry.cost : vocab.unknownCost;
      for (const path of best[i - len]) options.push({ cost: path.cost + step, words: [...path.words, word] });
    }
    best[i] = options.sort((a, b) => a.cost - b.cost).slice(0, k);
  }
  const found = best[text.length].map((path) => path.words);
  if (text.length > 1 && !found.some((words) => words.length === 1)) found.push([text]);
  return found;
}

/* Word sequences a token may have been indexed as: each combination of its pieces' segmentations. */
export function sequences(token, vocab) {
  let found = [[]];
  for (const piece of token.match(PIECES) || []) {
    const options = HAN_ONLY.test(piece) ? segmentations(piece, vocab, 2) : [[piece]];
    found = found.flatMap((head) => options.map((tail) => [...head, ...tail])).slice(0, 4);
  }
  return found.filter((words) => words.length);
}

/* Single characters at either end of a split may be one piece of an indexed word (零 部 of 零部件, or
 * 政 务 of 行政 + 务): the sequences again with each end's run of single characters joined. */
export function withJoinedEnds(list) {
  const found = [...list];
  for (const words of list) {
    let start = 0;
    while (start < words.length - 1 && words[start].length === 1) start++;
    let end = words.length;
    while (end > start + 1 && words[end - 1].length === 1) end--;
    const head = start > 1 ? [words.slice(0, start).join("")] : words.slice(0, start);
    const tail = words.length - end > 1 ? [words.slice(end).join("")] : words.slice(end);
    const joined = [...head, ...words.slice(start, end), ...tail];
    if (joined.length !== words.length) found.push(joined);
  }
  return found;
}

/* The most frequent indexed words other than `word` that pass `test` (hold it at their start, end ...). */
export function holders(word, test, limit, vocab) {
  const found = [];
  for (const entry of vocab.byFreq) {
    if (entry.text !== word && test(entry.text)) found.push(entry.text);
    if (found.length === limit) break;
  }
  return found;
}

/* Pagefind phrase queries that together find every page containing the token as written, whatever the
 * indexer split it into: the token's first word may be the end of an indexed word and its last word the
 * start of one (index chunks are ordered by word, so words sharing a beginning usually cost no extra
 * download). */
export function phraseQueries(token, vocab) {
  const queries = new Set();
  for (const words of withJoinedEnds(sequences(token, vocab))) {
    const first = words[0];
    const last = words[words.length - 1];
    if (words.length === 1) {
      queries.add(first);
      const test = first.length > 1 ? (t) => t.includes(first) : (t) => t.startsWith(first);
      for (const w of holders(first, test, 6, vocab)) queries.add(w);
      continue;
    }
    const firsts = [first, ...holders(first, (t) => t.endsWith(first), 5, vocab)];
    const lasts = [last, ...holders(last, (t) => t.startsWith(last), 12, vocab)];
    for (const f of firsts) for (const l of lasts) queries.add([f, ...words.slice(1, -1), l].join(" "));
  }
  return [...queries];
}

/* Plain-language alternatives of one token: citizens' words and official terms find each other. The table's
 * words found in the token are used longest first (孩子读书 before 孩子 and 读书), so that the few alternatives
 * kept are the most specific. */
export function alternatives(token, vocab) {
  const found = [token];
  const held = Object.entries(vocab.raw.synonyms).filter(([word]) => token.includes(word));
  for (const [word, official] of held.sort((a, b) => b[0].length - a[0].length)) {
    for (const term of official) found.push(token.split(word).join(term));
  }
  for (const word of vocab.reverse.get(token) || []) found.push(word);
  return [...new Set(found)].slice(0, 6);
}

// Characters of everyday phrasing that documents do not put next to the word they follow (得了大病, 买的房).
const FILLERS = new Set("的了得地着过吗呢啊吧么呀哪");
// Question words of a citizen's question (老人补贴怎么领): dropped with the one character that follows them.
const QUESTION = ["在哪里", "去哪里", "能不能", "有没有", "怎么", "怎样", "如何", "哪里", "哪儿", "在哪", "去哪", "什么", "多少",
  "是否"]; // longest first
// The longest piece word-by-word splitting looks up.
const LONGEST_PIECE = 8;

/* A citizen's phrase split into words each searched on its own (装修房子 -> 装修 房子), for when the phrase
 * as written is on no page: forward longest match over the site's words and terms and both sides of the
 * synonym table (so that a citizen's word the site never uses stays whole), filler characters and question
 * words dropped (老人补贴怎么领 -> 老人补贴).
 * null when splitting changes nothing or leaves a single character (then the token is likelier a typo). */
export function wordwise(list, vocab) {
  const known = (w) => vocab.words.has(w) || vocab.terms.has(w) || w in vocab.raw.synonyms || vocab.reverse.has(w);
  const out = [];
  for (const token of list) {
    if (!HAN_ONLY.test(token)) {
      out.push(token);
      continue;
    }
    let asked = false;
    for (let i = 0; i < token.length;) {
      const question = QUESTION.find((q) => token.startsWith(q, i));
      let size = Math.min(LONGEST_PIECE, token.length - i);
      while (size > 1 && !known(token.slice(i, i + size))) size--;
      if (question) size = question.length;
      const piece = token.slice(i, i + size);
      i += size;
      const skip = question || (size === 1 && (FILLERS.has(piece) || asked));
      asked = Boolean(question);
      if (skip) continue;
      if (size === 1) return null;
      out.push(piece);
    }
  }
  return out.length && out.join(" ") !== list.join(" ") ? out : null;
}

/* Tokens of a normalised query: its space-separated parts, Latin letters read as Chinese by `read`
 * (async letters -> readings, best first, as readLetters of readings.js) unless `pinyin` is false.
 * Consecutive pinyin words belong together ("zhengwu gongkai"); letters that are also a word of the site
 * (zwgk in an e-mail address) are kept as an alternative of their reading (`literals`); the next likeliest
 * readings of initials are returned as `others` (token -> [{ text, close }]). */
export async function tokens(query, pinyin, read, vocab) {
  const parts = query.split(" ").filter(Boolean);
  const found = [];
  const readingsFound = [];
  const literals = new Map();
  const others = new Map();
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i];
    if (pinyin && LATIN_ONLY.test(part)) {
      let j = i;
      while (j + 1 < parts.length && LATIN_ONLY.test(parts[j + 1])) j++;
      const letters = parts.slice(i, j + 1).join("");
      const options = letters.length > 1 ? await read(letters) : [];
      if (options.length) {
        const han = options[0].text;
        readingsFound.push([parts.slice(i, j + 1).join(" "), han]);
        if (vocab.latin.has(letters)) literals.set(han, letters);
        // Readings found in the index (o.pages, engine.js) are all kept; others only when nearly as likely.
        const near = options.slice(1).filter((o) => o.pages || o.cost <= options[0].cost + NEAR_READING);
        if (options[0].initials && near.length) {
          others.set(han, near.map((o) => ({ text: o.text, close: o.cost - options[0].cost <= CLOSE_READING })));
        }
        found.push(han);
        i = j;
        continue;
      }
    }
    if (pinyin && /[a-z]/.test(part) && HAN_ONLY.test(part.replace(/[a-z]+/g, ""))) {
      // Pinyin mixed with Han characters (shehui救助): each run of letters read on its own.
      const out = [];
      for (const piece of part.match(/[a-z]+|[^a-z]+/g)) {
        const options = LATIN_ONLY.test(piece) && piece.length > 1 ? await read(piece) : [];
        if (options.length) readingsFound.push([piece, options[0].text]);
        out.push(options.length ? options[0].text : piece);
      }
      part = out.join("");
    }
    found.push(part);
  }
  return { tokens: found, readings: readingsFound, literals, others };
}
