// Pure parts of themes/default/static/js/readaloud.js, run with `node --test tests/js/` (tests/test_readaloud.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { chineseVoice, sentences } = require(path.join(__dirname, "../../themes/default/static/js/readaloud.js"));

test("a zh-CN voice is preferred to other Chinese voices, a local one to a remote one", () => {
  const voices = [
    { name: "English", lang: "en-US", localService: true },
    { name: "Cantonese", lang: "zh-HK", localService: true },
    { name: "Remote Mandarin", lang: "zh-CN", localService: false },
    { name: "Local Mandarin", lang: "zh_CN", localService: true },
  ];
  assert.equal(chineseVoice(voices).name, "Local Mandarin");
  assert.equal(chineseVoice([{ name: "Taiwan", lang: "zh-TW" }]).name, "Taiwan");
  assert.equal(chineseVoice([{ name: "cmn", lang: "cmn-Hans-CN" }, { name: "hk", lang: "zh-HK" }]).name, "cmn");
});

test("no Chinese voice means no voice (and so no button)", () => {
  assert.equal(chineseVoice([]), null);
  assert.equal(chineseVoice([{ name: "English", lang: "en-GB" }, { name: "Japanese", lang: "ja-JP" }]), null);
});

test("long text is cut at sentence ends, and nothing is lost", () => {
  const text = "第一条 为了规范管理，制定本办法。第二条 本办法适用于本区。".repeat(5);
  const pieces = sentences(text, 40);
  assert.ok(pieces.length > 1);
  assert.ok(pieces.every((p) => p.length <= 40), pieces);
  assert.equal(pieces.join("").replace(/\s/g, ""), text.replace(/\s/g, ""));
  assert.ok(pieces.every((p) => /[。；]$/.test(p)), pieces);
});

test("a sentence longer than the limit is split, and closing quotes stay with their sentence", () => {
  const long = "甲".repeat(250);
  assert.deepEqual(sentences(long, 100).map((p) => p.length), [100, 100, 50]);
  assert.deepEqual(sentences("他说：“可以。”然后离开。", 8), ["他说：“可以。”", "然后离开。"]);
  assert.deepEqual(sentences("   ", 10), []);
});
