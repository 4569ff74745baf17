"""The search index in shards: merged at query time, re-indexed only where Pagefind would see a change."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from benchmarks import corpus
from sitegen.build import build
from sitegen.search import shards
from sitegen.search.shards import search_view, shard_of
from tests.conftest import PROJECT, serve


def query(site: Path, words: str) -> dict:
    out = subprocess.run(
        ["node", str(PROJECT / "benchmarks" / "pagefind_query.mjs"), str(site), words, "/pagefind/", "50"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout)


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def sharded(tmp_path, monkeypatch):
    monkeypatch.setattr(shards, "PAGES_PER_SHARD", 10)
    return corpus.generate(tmp_path / "site", 30, seed=11)


def test_shards_are_merged_at_query_time_and_only_changed_shards_are_reindexed(sharded, tmp_path):
    site = sharded.root / "_site"
    first = build(sharded.config, today=corpus.TODAY)
    listed = json.loads((site / "pagefind" / "sitegen-shards.json").read_text(encoding="utf-8"))["shards"]
    count = len(listed) + 1
    assert count >= 4 and first.reindexed == list(range(count))
    for folder in ["pagefind/", *(f"pagefind/{s}" for s in listed)]:
        assert (site / folder / "pagefind-entry.json").is_file()

    policy = sorted((p for p in sharded.policies if p.public and not p.interpreted), key=lambda p: p.id)[0]
    page = f"policies/{policy.id}/index.html"
    source = sharded.root / policy.relative
    source.write_text(source.read_text(encoding="utf-8") + "\nzqxjv2026 是一个只在这里出现的词。\n", encoding="utf-8")
    edited = build(sharded.config, today=corpus.TODAY)
    # The policy's page, and the search page: it names the query data, rebuilt with the delta index.
    # No shard is re-indexed: the edited page goes into the delta, which supersedes its shard entry.
    assert edited.rendered == 2 and edited.reindexed == [] and edited.delta == (page,)
    found = query(site, "zqxjv2026")
    assert found["count"] == 1 and found["top"] == [f"/policies/{policy.id}/"]

    every = query(site, "示例省")["count"]
    clean = tmp_path / "clean"
    build(sharded.config, clean, today=corpus.TODAY, clean=True)
    assert query(clean, "示例省")["count"] == every > 10
    assert not (clean / "pagefind" / "delta").exists()

    # Edits beyond the delta's bound fold it back into the shards it came from.
    others = sorted((p for p in sharded.policies if p.public and p is not policy), key=lambda p: p.id)
    bound = shards.delta_bound(len(sharded.policies) * 3)
    for other in others[: bound + 1]:
        source = sharded.root / other.relative
        source.write_text(source.read_text(encoding="utf-8") + "\n折叠测试。\n", encoding="utf-8")
    folded = build(sharded.config, today=corpus.TODAY)
    assert folded.delta == () and folded.reindexed and not (site / "pagefind" / "delta").exists()
    build(sharded.config, clean, today=corpus.TODAY, clean=True)
    # Everything, index shards and query data included, equals a clean build's.
    incremental, fresh = site_files(site), site_files(clean)
    assert sorted(incremental) == sorted(fresh)
    assert [name for name in fresh if fresh[name] != incremental[name]] == []


def test_a_change_pagefind_does_not_read_leaves_the_shard_alone():
    before = (
        '<html lang="zh-CN"><head><meta data-pagefind-filter="type[content]" content="政策解读"></head><body>'
        "<nav>导航</nav><article data-pagefind-body><h1>标题</h1>"
        '<nav data-pagefind-ignore><a href="/p/">旧的政策标题</a></nav><p>正文<img src="a.png" alt="图"></p>'
        "</article><footer>页脚</footer></body></html>"
    )
    elsewhere = before.replace("旧的政策标题", "新的政策标题").replace("页脚", "新页脚").replace("导航", "新导航")
    assert search_view(before) == search_view(elsewhere)
    for changed in (
        before.replace("正文", "新正文"),
        before.replace('alt="图"', 'alt="新图"'),
        before.replace("政策解读", "政策文件"),
        before.replace('lang="zh-CN"', 'lang="en"'),
    ):
        assert search_view(changed) != search_view(before)


def test_the_search_page_finds_pages_in_every_shard(sharded, page):
    """The real search page in Chromium, under the deployed CSP, merges every shard into one result list."""
    from tests.test_search_browser import CSP, open_search, result_urls

    site = sharded.root / "_site"
    build(sharded.config, today=corpus.TODAY)
    count = len(json.loads((site / "pagefind" / "sitegen-shards.json").read_text(encoding="utf-8"))["shards"]) + 1
    chosen: dict[int, corpus.Doc] = {}
    for policy in sorted((p for p in sharded.policies if p.public), key=lambda p: p.id):
        chosen.setdefault(shard_of(f"policies/{policy.id}/index.html", count), policy)
    assert len(chosen) >= 3
    for policy in chosen.values():
        source = sharded.root / policy.relative
        source.write_text(source.read_text(encoding="utf-8") + "\n分片检索词 qwvzk 出现在这里。\n", encoding="utf-8")
    build(sharded.config, today=corpus.TODAY)
    base, server = serve(site, {"Content-Security-Policy": CSP})
    try:
        open_search(page, base, "q=qwvzk")
        assert sorted(result_urls(page)) == sorted(f"/policies/{p.id}/" for p in chosen.values())
    finally:
        server.shutdown()


def test_a_configuration_change_rebuilds_the_query_data(sharded, tmp_path):
    """Synonyms live in site.yaml, not in the index: the query data follows them though no shard changes."""
    site = sharded.root / "_site"
    build(sharded.config, today=corpus.TODAY)
    with open(sharded.config, "a", encoding="utf-8") as handle:
        handle.write("synonyms:\n  办证难: [证照办理]\n")
    edited = build(sharded.config, today=corpus.TODAY)
    assert edited.reindexed == []
    clean = tmp_path / "clean"
    build(sharded.config, clean, today=corpus.TODAY, clean=True)
    incremental, fresh = site_files(site), site_files(clean)
    assert sorted(incremental) == sorted(fresh)
    assert [name for name in fresh if fresh[name] != incremental[name]] == []
