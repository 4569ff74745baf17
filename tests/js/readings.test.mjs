// Pure parts of the search worker: reading pinyin and initials (node --test tests/js/).
import test from "node:test";
import assert from "node:assert/strict";
import { interleave, partsFor, readLetters, readWordByWord, tableLookup } from "../../themes/default/static/js/search/readings.js";

const table = {
  f: {
    shehui: [["社会", 500]], jiuzhu: [["救助", 80], ["旧址", 2]], shenghuo: [["生活", 300]], lv: [["绿", 5]],
    lvse: [["绿色", 40]], jianzhu: [["建筑", 60]], shehuijiuzhu: [["社会救助", 30]], zan: [["暂", 10]],
  },
  i: { sh: [["社会", 500], ["生活", 300]], jz: [["救助", 80], ["建筑", 60]], shjz: [["社会救助", 30], ["生活救助", 4]] },
};
const lookup = tableLookup([table]);

test("full pinyin, spaced or not, reads the site's phrase", () => {
  assert.equal(readLetters("shehuijiuzhu", lookup, 10000)[0].text, "社会救助");
  assert.equal(readLetters("lvsejianzhu", lookup, 10000)[0].text, "绿色建筑");
});

test("initials read the likeliest phrase first and keep the others", () => {
  const found = readLetters("shjz", lookup, 10000);
  assert.equal(found[0].text, "社会救助");
  assert.ok(found[0].initials);
  assert.ok(found.some((r) => r.text === "生活救助"));
});

test("letters nothing reads give no reading", () => {
  assert.deepEqual(readLetters("qqqq", lookup, 10000), []);
});

test("parts: the longest listed prefix of every position", () => {
  assert.deepEqual(partsFor("shjz", ["s", "sh", "j", "h", "z"]), ["h", "j", "sh", "z"]);
  assert.deepEqual(partsFor("ab", ["x"]), []);
});

test("lookup merges parts, keeping the larger count", () => {
  const merged = tableLookup([table, { f: { jiuzhu: [["救助", 90]] }, i: {} }]);
  assert.deepEqual(merged("f", "jiuzhu"), [["救助", 90], ["旧址", 2]]);
});

/* A tiny index: which pages hold each word, and which hold each pair side by side. */
const pagesWith = { 代表: ["p1", "p2", "p3"], 的: ["p1", "p2", "p3", "p4"], 意见: ["p1", "p3", "p4"], 地: ["p2", "p4"],
  低: ["p3"], 依据: ["p4"], 等: ["p1", "p2"] };
const side = { "代表 的": ["p1", "p3"], "的 意见": ["p1", "p4"], "代表 地": ["p2"], "地 依据": ["p4"], "的 依据": ["p4"] };
const index = {
  pagesOf: async (text) => new Set(pagesWith[text] || []),
  adjacent: async (a, b) => new Set(side[`${a} ${b}`] || []),
};
const words = tableLookup([{
  f: {}, i: { db: [["代表", 90]], yj: [["意见", 80], ["依据", 60]] },
  c: { d: [["的", 900], ["地", 300], ["等", 200], ["低", 10]] },
}]);

test("word by word: one-letter words are read, and a reading is kept only while its pairs occur", async () => {
  const found = await readWordByWord("dbdyj", words, 10000, index.pagesOf, index.adjacent);
  const texts = found.map((r) => r.text);
  assert.equal(texts[0], "代表的意见");
  assert.equal(found[0].together, 1); // p1 holds 代表的 and 的意见
  // 代表的依据: no page holds 代表的 and 的依据; 代表地依据: 代表地 and 地依据 on different pages
  assert.ok(!texts.includes("代表的依据") && !texts.includes("代表地依据"), texts);
  // the usual reading does not use one-letter words
  assert.deepEqual(readLetters("dbdyj", words, 10000), []);
});

test("word by word: letters no page can hold give nothing", async () => {
  assert.deepEqual(await readWordByWord("dbqq", words, 10000, index.pagesOf, index.adjacent), []);
});

const ids = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

test("interleave: the likeliest reading keeps most of the first page, the next one's best page comes second", () => {
  const order = interleave([{ ids: ids("a", 57) }, { ids: ids("b", 33) }]);
  assert.deepEqual(order.slice(0, 3), ["a0", "b0", "a1"]);
  assert.equal(order.slice(0, 10).filter((id) => id.startsWith("a")).length, 9);
  assert.equal(order.length, 90);
});

test("interleave: rare readings each show their best page early; a far likelier reading is not interrupted", () => {
  assert.deepEqual(interleave([{ ids: ["a1", "a2", "a3"] }, { ids: ["c1", "c2"] }, { ids: ["b1"] }]),
    ["a1", "c1", "b1", "a2", "a3", "c2"]);
  const order = interleave([{ ids: ids("a", 300) }, { ids: ["b0", "b1"] }]);
  assert.ok(order.slice(0, 10).every((id) => id.startsWith("a")));
  assert.deepEqual(order.slice(300), ["b0", "b1"]);
});

test("interleave: a page holding two readings counts for both and is listed once", () => {
  assert.deepEqual(interleave([{ ids: ["x", "a"] }, { ids: ["x", "b"] }]), ["x", "a", "b"]);
});
