// Plain Pagefind's first answer (quick.js): which queries get one, and its shape, on a stand-in Pagefind.
import test from "node:test";
import assert from "node:assert/strict";
import { PAGE_SIZE, eligible, quick, resultOf } from "../../themes/default/static/js/search/quick.js";

test("Chinese queries are answered quickly; letters (pinyin, initials) and empty queries are not", () => {
  assert.equal(eligible("最低生活保障"), true);
  assert.equal(eligible(" 低保  申请 "), true);
  assert.equal(eligible("zwgk"), false);
  assert.equal(eligible("shehui救助"), false);
  assert.equal(eligible("ＺＷＧＫ"), false); // full-width letters are letters after NFKC
  assert.equal(eligible("2024"), false);
  assert.equal(eligible(""), false);
});

function fakePagefind(count, searched) {
  const results = Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    data: async () => ({ url: `/p/${i}/`, content: `标题${i} 正文说明最低生活保障的申请条件。`,
      meta: { title: `标题${i}`, type: "政策文件", date: "2024-01-02", ...(i === 0 ? { url: "/qa/#q0" } : {}) } }),
  }));
  return { search: async (q) => { searched.push(q); return { results }; } };
}

test("the quick answer is the first page of Pagefind's results, as the engine shapes them", async () => {
  const searched = [];
  const answer = await quick(fakePagefind(23, searched), "  最低生活保障 ");
  assert.deepEqual(searched, ["最低生活保障"]);
  assert.equal(answer.mode, "quick");
  assert.equal(answer.total, 23);
  assert.equal(answer.pages, 3);
  assert.equal(answer.results.length, PAGE_SIZE);
  assert.equal(answer.results[0].url, "/qa/#q0"); // a question names its Q&A entry
  assert.equal(answer.results[1].url, "/p/1/");
  assert.ok(answer.results[1].excerpt.some(([text, marked]) => marked && text === "最低生活保障"));
  for (const key of ["readings", "alternatives", "expanded", "facets"]) assert.deepEqual(answer[key], []);
});

test("a result without meta falls back to its URL", () => {
  const r = resultOf({ url: "/x/", content: "" }, []);
  assert.equal(r.title, "/x/");
  assert.deepEqual([r.type, r.issuer, r.date, r.validity], ["", "", "", ""]);
});

test("entries the delta index supersedes are never a quick result (sitegen/search/shards.py)", async () => {
  const answer = await quick(fakePagefind(12, []), "最低生活保障", ["p1", "p3"]);
  assert.equal(answer.total, 10);
  assert.equal(answer.pages, 1);
  assert.ok(!answer.results.some((r) => r.url === "/p/1/" || r.url === "/p/3/"));
  assert.ok(answer.results.some((r) => r.url === "/p/11/"));
});
