"""The delta search index: after edits, the search page finds what a clean build's search page finds.

An incremental build indexes changed and added pages into a small delta index and lists their older
main-shard entries as superseded (sitegen/search/shards.py). Its index is not byte-identical to a clean
build's, so this test compares what searching finds: queries sampled by program from the pages' indexed
text (benchmarks/search_eval.py) plus the edited words, run through the real search worker in headless
Chromium against the incremental site and against a clean build of the same input.

Asserted for every query: the same set of all matching page URLs (every results page read, not just the
first ten) and the same mode (match, corrected, partial, none). Ranking within may differ, because Pagefind
scores the delta's pages with the delta's own statistics; the test prints how often the first ten differ
in order or in membership (docs/search.md, "增量索引").
"""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from benchmarks import corpus
from benchmarks.search_eval import Page, generate
from sitegen.build import build
from sitegen.search import shards
from sitegen.search.pagefind_bundle import fragments
from tests.conftest import serve
from tests.test_search_browser import CSP

# Runs in the page: starts the search page's own worker and asks it every query, reading all result pages.
ASK_ALL = """async (queries) => {
  const app = document.querySelector("[data-worker]");
  const worker = new Worker(app.getAttribute("data-worker"), { type: "module" });
  const replies = new Map();
  let calls = 0;
  worker.onmessage = (event) => {
    const { resolve, reject } = replies.get(event.data.id);
    if (event.data.error) reject(new Error(event.data.error)); else resolve(event.data.result);
  };
  const call = (type, args) => new Promise((resolve, reject) => {
    calls += 1;
    replies.set(calls, { resolve, reject });
    worker.postMessage({ id: calls, type, args });
  });
  await call("init", { pagefind: app.getAttribute("data-pagefind"), data: app.getAttribute("data-query-data") });
  const chars = app.getAttribute("data-pinyin-chars");
  const found = [];
  for (const q of queries) {
    const ask = (page) => call("search", { q, filters: {}, sort: "", page, literal: false, chars });
    const first = await ask(1);
    const all = first.results.map((r) => r.url);
    for (let page = 2; page <= first.pages; page++) all.push(...(await ask(page)).results.map((r) => r.url));
    found.push({ q, mode: first.mode, total: first.total, top: first.results.map((r) => r.url), all });
  }
  worker.terminate();
  return found;
}"""


def ask(page, site: Path, queries: list[str]) -> dict[str, dict]:
    base, server = serve(site, {"Content-Security-Policy": CSP})
    try:
        page.goto(f"{base}/search/")
        return {answer["q"]: answer for answer in page.evaluate(ASK_ALL, queries)}
    finally:
        server.shutdown()


def bundles(site: Path) -> list[Path]:
    return sorted(path.parent for path in (site / "pagefind").rglob("pagefind-entry.json"))


def indexed_pages(site: Path) -> list[Page]:
    return [Page(f.url, f.meta.get("title", ""), f.content) for b in bundles(site) for f in fragments(b)]


def published_text(site: Path) -> str:
    """Every file of the search index and query data, unpacked: what a visitor can download."""
    parts = []
    for path in sorted([*(site / "pagefind").rglob("*"), *(site / "search").rglob("*.json")]):
        if path.is_file() and path.suffix != ".gz":
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            parts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(parts)


def compare(incremental: dict[str, dict], clean: dict[str, dict]) -> tuple[int, int]:
    """Assert the same matching pages and mode for every query; returns (top ten in another order,
    top ten with other pages) counts."""
    order = members = 0
    for q, fresh in clean.items():
        mine = incremental[q]
        assert (q, mine["mode"], sorted(mine["all"])) == (q, fresh["mode"], sorted(fresh["all"]))
        assert mine["total"] == fresh["total"] == len(fresh["all"])
        order += mine["top"] != fresh["top"]
        if sorted(mine["top"]) != sorted(fresh["top"]):
            members += 1
            print(f"  {q!r} ({fresh['total']} pages): first ten differ in {set(mine['top']) ^ set(fresh['top'])}")
    return order, members


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(params=[2500, 30], ids=["one-shard", "shards"])
def site(request, tmp_path, monkeypatch):
    # One index (every site up to about 3,500 searchable pages), and a few shards with entries superseded in each.
    monkeypatch.setattr(shards, "PAGES_PER_SHARD", request.param)
    return corpus.generate(tmp_path / "site", 30, seed=5)


def test_after_edits_the_search_page_finds_what_a_clean_build_finds(site, tmp_path, page):
    output, clean = site.root / "_site", tmp_path / "clean"
    policies = sorted((p for p in site.policies if p.public and not p.interpreted), key=lambda p: p.id)
    body, titled, withdrawn = policies[0], policies[1], policies[2]
    # Words only these pages hold, to follow them through the edits.
    for doc, words in ((body, "旧版独有词 qzoldmark"), (withdrawn, "撤回独有词 qzwithdrawn")):
        path = site.root / doc.relative
        path.write_text(path.read_text(encoding="utf-8") + f"\n{words}。\n", encoding="utf-8")
    first = build(site.config, today=corpus.TODAY)
    count = len(first.reindexed)
    assert (count == 1) == (shards.PAGES_PER_SHARD > 100) and first.delta == ()

    # A body edit (words removed and added), a title edit and an added policy.
    edit(site.root / body.relative, "旧版独有词 qzoldmark", "新版独有词 qznewmark")
    new_title = "关于调整示例区增量索引测试事项的通知"
    edit(site.root / titled.relative, f"title: {corpus.q(titled.title)}", f"title: {corpus.q(new_title)}")
    added = corpus.new_policy(site, 1, seed=5)
    edited = build(site.config, today=corpus.TODAY)
    policy_page = "policies/{}/index.html".format
    assert edited.reindexed == []
    assert {policy_page(body.id), policy_page(titled.id)} <= set(edited.delta)
    assert any(page.startswith("policies/") and "-added-" in page for page in edited.delta)
    # The body's old words are still in its main shard (the delta's point), only superseded ...
    assert "qzoldmark" in published_text(output)
    build(site.config, clean, today=corpus.TODAY, clean=True)

    pages = indexed_pages(clean)
    rng = random.Random(14)
    sampled = [query["q"] for query in generate(pages, 4, seed=14)]
    titles = [p.title for p in rng.sample(pages, 8) if p.title]
    words = ["qznewmark", "qzoldmark", "新版独有词", "旧版独有词", new_title, "增量索引测试", "qzwithdrawn"]
    queries = list(dict.fromkeys([*words, *titles, *sampled]))
    assert len(queries) >= 40

    found_clean = ask(page, clean, queries)
    found = ask(page, output, queries)
    # ... and never found: the search page drops superseded entries.
    assert found["qzoldmark"]["all"] == [] and found["qznewmark"]["all"] == [f"/policies/{body.id}/"]
    assert f"/policies/{titled.id}/" in found[new_title]["top"][:1]
    order, members = compare(found, found_clean)
    print(
        f"\nafter edits: {len(queries)} queries, same matching pages; first ten in another order {order}, "
        f"with other pages {members}"
    )

    # Withdrawn from disclosure: a page a main shard holds, and the added page (held by the delta only).
    edit(site.root / withdrawn.relative, "disclosure: public", "disclosure: withheld")
    edit(added, "disclosure: public", "disclosure: withheld")
    gone = build(site.config, today=corpus.TODAY)
    # Its shard is re-indexed at once: a withdrawn page's words must leave the published index, not just
    # the results (a superseded entry would keep them in the shard's word chunks and fragment).
    assert gone.reindexed == [shards.shard_of(policy_page(withdrawn.id), count)]
    assert not any("-added-" in page for page in gone.delta)
    assert "qzwithdrawn" not in published_text(output)
    assert all(f"/policies/{withdrawn.id}/" != p.url and "-added-" not in p.url for p in indexed_pages(output))
    build(site.config, clean, today=corpus.TODAY, clean=True)
    found_clean = ask(page, clean, queries)
    found = ask(page, output, queries)
    assert found["qzwithdrawn"]["all"] == []
    order, members = compare(found, found_clean)
    print(f"after withdrawals: first ten in another order {order}, with other pages {members}")
