// Pure parts of the search worker (themes/default/static/js/search/): query splitting, typo correction,
// ranking, the bounded result cache, excerpts and suggestions, on a small hand-made query data.
import test from "node:test";
import assert from "node:assert/strict";
import { BoundedCache } from "../../themes/default/static/js/search/cache.js";
import { excerpt } from "../../themes/default/static/js/search/excerpt.js";
import { alternatives, normalise, phraseQueries, segmentations, sequences, titleKey, tokens, withJoinedEnds, wordwise }
  from "../../themes/default/static/js/search/query.js";
import { combine, facetCounts, order, passes, selection } from "../../themes/default/static/js/search/ranking.js";
import { suggestions } from "../../themes/default/static/js/search/suggest.js";
import { corrections, fuzzy, preferCorrection, sameSound, suspects, typoIndex } from "../../themes/default/static/js/search/typos.js";
import { indexData } from "../../themes/default/static/js/search/vocabulary.js";

const raw = {
  total: 10000,
  words: [
    ["政务", 300, "zheng wu"], ["公开", 400, "gong kai"], ["社会", 500, "she hui"], ["救助", 80, "jiu zhu"],
    ["最低", 60, "zui di"], ["生活", 300, "sheng huo"], ["保障", 200, "bao zhang"], ["零部件", 5, "ling bu jian"],
    ["行政", 250, "xing zheng"], ["务", 3, "wu"], ["零", 2, "ling"], ["部", 40, "bu"], ["低保", 50, "di bao"],
    ["办法", 150, "ban fa"], ["暂行", 30, "zan xing"],
  ],
  terms: [["政务公开", 120, "zheng wu gong kai"], ["社会救助", 40, "she hui jiu zhu"]],
  synonyms: { 低保: ["最低生活保障"] },
  facets: [["type", "类型", ["政策文件", "政策解读"]], ["year", "年份", ["2024", "2025"]]],
  docs: [["a", 20240101, titleKey("社会救助暂行办法"), [[0], [0]]], ["b", 20250301, "x", [[1], [1]]],
    ["c", 20250101, "y", [[0], [1]]]],
  weights: { 政策文件: 1, 政策解读: 0.5 },
  latin: ["zwgk"],
  popular: [],
};
const vocab = indexData(raw);

test("vocabulary: one-character words by their initial, commonest first", () => {
  assert.deepEqual(vocab.vocabularyPart.c.b, [["部", 40]]);
  assert.deepEqual(vocab.vocabularyPart.c.w, [["务", 3]]);
  assert.equal(vocab.vocabularyPart.c.z, undefined);
});

test("normalise folds width and case and turns punctuation into spaces", () => {
  assert.equal(normalise("  ＺＷＧＫ，社会救助！ "), "zwgk 社会救助");
  assert.equal(normalise(undefined), "");
});

test("segmentation prefers the site's frequent words and keeps the whole token as an option", () => {
  const found = segmentations("政务公开", vocab);
  assert.deepEqual(found[0], ["政务", "公开"]);
  assert.ok(found.some((w) => w.length === 1 && w[0] === "政务公开"));
  assert.deepEqual(sequences("社会救助 ", vocab)[0], ["社会", "救助"]);
  assert.deepEqual(sequences("abc12", vocab), [["abc12"]]);
});

test("single characters at the ends are also joined into one piece", () => {
  assert.deepEqual(withJoinedEnds([["零", "部", "公开"]]), [["零", "部", "公开"], ["零部", "公开"]]);
  assert.deepEqual(withJoinedEnds([["政务", "零", "部"]]), [["政务", "零", "部"], ["政务", "零部"]]);
  assert.deepEqual(withJoinedEnds([["政务", "公开"]]), [["政务", "公开"]]);
});

test("phrase queries include words holding the query's first and last word", () => {
  const queries = phraseQueries("政务公开", vocab);
  assert.ok(queries.includes("政务 公开"));
  // 零 部 split apart by the query's segmentation may be the start of the indexed word 零部件.
  assert.ok(phraseQueries("零部", vocab).includes("零部件"));
});

test("synonyms work both ways", () => {
  assert.deepEqual(alternatives("低保", vocab), ["低保", "最低生活保障"]);
  assert.deepEqual(alternatives("最低生活保障", vocab), ["最低生活保障", "低保"]);
  // The longest table word in the token is used first.
  const longer = indexData({ ...raw, synonyms: { 低保: ["最低生活保障"], 低保金: ["救助金"] } });
  assert.deepEqual(alternatives("低保金", longer), ["低保金", "救助金", "最低生活保障金"]);
});

test("a phrase on no page is split into words, the citizen's words of the synonym table kept whole", () => {
  assert.deepEqual(wordwise(["社会救助低保"], vocab), ["社会救助", "低保"]);
  assert.deepEqual(wordwise(["低保的办法", "abc"], vocab), ["低保", "办法", "abc"]);
  // The official side of the table counts as a word even where the site's words would split it.
  assert.deepEqual(wordwise(["最低生活保障暂行办法"], vocab), ["最低生活保障", "暂行", "办法"]);
  // A question word goes, with the character after it (怎么领, 怎么办).
  assert.deepEqual(wordwise(["低保怎么领"], vocab), ["低保"]);
  assert.deepEqual(wordwise(["低保在哪办"], vocab), ["低保"]);
  assert.deepEqual(wordwise(["如何", "社会救助办法"], vocab), ["社会救助", "办法"]);
  // A leftover single character means a typo more likely than a phrase: no split.
  assert.equal(wordwise(["社会就助"], vocab), null);
  // Nothing to split.
  assert.equal(wordwise(["政务公开"], vocab), null);
});

test("tokens read consecutive pinyin words together and pinyin mixed with Han", async () => {
  const read = async (letters) => ({ zhengwugongkai: [{ text: "政务公开", cost: 1, initials: false }],
    shehui: [{ text: "社会", cost: 1, initials: false }],
    zwgk: [{ text: "政务公开", cost: 2, initials: true }, { text: "政务观看", cost: 2.5, initials: true }] })[letters] || [];
  const spaced = await tokens("zhengwu gongkai", true, read, vocab);
  assert.deepEqual(spaced.tokens, ["政务公开"]);
  assert.deepEqual(spaced.readings, [["zhengwu gongkai", "政务公开"]]);
  const mixed = await tokens("shehui救助", true, read, vocab);
  assert.deepEqual(mixed.tokens, ["社会救助"]);
  const initials = await tokens("zwgk", true, read, vocab);
  assert.equal(initials.literals.get("政务公开"), "zwgk");
  assert.deepEqual(initials.others.get("政务公开"), [{ text: "政务观看", close: true }]);
  assert.deepEqual((await tokens("zwgk", false, read, vocab)).tokens, ["zwgk"]);
});

test("typos: a homophone is corrected to the site's word", () => {
  const index = typoIndex({ zheng: "政证正", wu: "务物", gong: "公工", kai: "开" }, vocab);
  assert.equal(corrections("证务公开", vocab, index)[0], "政务公开");
  assert.equal(fuzzy("zhang"), "zan");
  assert.deepEqual([...suspects(["证务公开", "政务公开", "abc"], vocab)], ["证务公开"]);
  assert.ok(preferCorrection(1, 4) && !preferCorrection(2, 7));
});

test("typos: the site's same-sounding phrase with one character changed is a correction", () => {
  const read = [
    { text: "同时验收", cost: 9, initials: false }, { text: "同石验收", cost: 5, initials: false },
    { text: "铜石眼手", cost: 1, initials: false }, { text: "同时验", cost: 0, initials: false },
    { text: "同事验收", cost: 7, initials: true }, { text: "同时验收", cost: 12, initials: false },
  ];
  assert.deepEqual(sameSound("同石验收", read), ["同时验收"]);
  // Two changes are allowed from six characters on, never three.
  assert.deepEqual(sameSound("管理德原责则", [{ text: "管理的原则则", cost: 1 }, { text: "管里的原则则", cost: 0 }]),
    ["管理的原则则"]);
});

test("ranking: own words before synonyms, title matches first, filters and facets", () => {
  const found = combine([new Map([["b", 1]]), new Map([["a", 5], ["b", 9]])]);
  assert.deepEqual([...found.keys()], ["b", "a"]);
  assert.equal(found.get("b"), 1);
  assert.deepEqual(order(found, "", new Set(), vocab.docs), ["b", "a"]);
  assert.deepEqual(order(found, "", new Set([titleKey("社会救助暂行办法")]), vocab.docs), ["a", "b"]);
  assert.deepEqual(order(new Map([["a", 1], ["b", 1], ["c", 1]]), "date", new Set(), vocab.docs), ["b", "c", "a"]);
  const chosen = selection(raw.facets, { year: ["2025"] });
  assert.ok(passes(vocab.docs.get("b"), chosen, -1) && !passes(vocab.docs.get("a"), chosen, -1));
  const [types, years] = facetCounts(raw.facets, vocab.docs, ["a", "b", "c"], chosen);
  assert.deepEqual(types.values.map((v) => [v.label, v.count]), [["政策文件", 1], ["政策解读", 1]]);
  assert.deepEqual(years.values.map((v) => [v.label, v.count, v.selected]), [["2024", 1, false], ["2025", 2, true]]);
});

test("ranking: a page with the citizen's own word comes first, whatever the scores and page types", () => {
  // Generated cases: Pagefind scores over six orders of magnitude, own pages of the lowest weight (0.5).
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let round = 0; round < 300; round++) {
    const own = new Map([["b", 10 ** (-6 + 7 * random())]]); // b: 政策解读, weight 0.5
    const readings = [own];
    for (let i = 0; i < 1 + Math.floor(random() * 5); i++) readings.push(new Map([[`s${i}`, 10 ** (-6 + 8 * random())]]));
    const merged = combine(readings);
    assert.equal(order(merged, "", new Set(), vocab.docs)[0], "b");
  }
  // Among synonym readings, the table's first official term leads at equal Pagefind scores.
  const merged = combine([new Map(), new Map([["x", 2]]), new Map([["y", 2]])]);
  assert.ok(merged.get("x") > merged.get("y"));
});

test("the result cache keeps the most recently used queries", () => {
  const cache = new BoundedCache(2);
  cache.set("a", 1);
  cache.set("b", 2);
  assert.equal(cache.get("a"), 1);
  cache.set("c", 3);
  assert.equal(cache.get("b"), undefined);
  assert.deepEqual([cache.get("a"), cache.get("c"), cache.length], [1, 3, 2]);
  for (let i = 0; i < 100; i++) cache.set(`q${i}`, i);
  assert.equal(cache.length, 2);
});

test("excerpts start after the page's heading and mark the matches", () => {
  const parts = excerpt("社会救助暂行办法 第一条 为了加强社会救助，保障公民的基本生活。", "社会救助暂行办法", ["社会救助"]);
  assert.deepEqual(parts.filter(([, marked]) => marked).map(([t]) => t), ["社会救助"]);
  assert.ok(!parts[0][0].startsWith("社会救助暂行办法"));
});

test("suggestions: prefixes, pinyin and initials of the site's words", () => {
  assert.equal(suggestions("政务", vocab)[0], "政务公开");
  assert.ok(suggestions("shehuij", vocab).includes("社会救助"));
  assert.ok(suggestions("zwg", vocab).includes("政务公开"));
  assert.ok(suggestions("低", vocab).includes("低保"));
});
