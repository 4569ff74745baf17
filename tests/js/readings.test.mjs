// Pure parts of the search worker: reading pinyin and initials (node --test tests/js/).
import test from "node:test";
import assert from "node:assert/strict";
import { partsFor, readLetters, tableLookup } from "../../themes/default/static/js/search/readings.js";

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
