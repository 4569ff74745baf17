"""The query data of an incremental build equals the query data made from scratch, byte for byte, and an edit
re-reads only the pages it changed.

Random sequences of body edits, title edits, added policies and withdrawals on a generated portal, each
followed by an incremental build (the engine's cache: page summaries, shard summaries, the pinyin memo
and the sample's term counts). After every build:

- the published query files (query data, terms, character table, every pinyin part) are byte-identical
  to the files :func:`write_query_files` makes from the published index with nothing remembered; with the
  delta index the index itself differs from a clean build's (sitegen/search/shards.py), so this is the
  clean computation over the same index;
- when the delta is folded after every build, there is no delta, and the query files are byte-identical
  to those of a ``--clean`` build of the same input.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from benchmarks import corpus
from sitegen.build import build
from sitegen.diagnostics.core import Diagnostics
from sitegen.load.config import load_config
from sitegen.search import pagetext, shards, terms
from sitegen.search.pagefind_bundle import Fragment
from sitegen.search.pagetext import PageText, PageTexts
from sitegen.search.querydata import write_query_files
from sitegen.search.querymemo import QueryMemo
from tests.test_pagetext import FakeStage

SEED_WORDS = ["养老服务", "补贴标准", "社会救助", "托育机构", "住房公积金", "政务公开", "高龄津贴", "就业创业"]


def published_query_files(site: Path) -> dict[str, bytes]:
    """Every query file the site publishes (not the compressed copies)."""
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted((site / "search").rglob("*.json"))
        if path.is_file()
    }


def fresh_query_files(site: Path, config_path: Path) -> dict[str, bytes]:
    """The query files of the published index, made with nothing remembered (no memo, no cached summary)."""
    config = load_config(config_path, Diagnostics())
    assert config is not None
    manifest = json.loads((site / shards.MANIFEST).read_text(encoding="utf-8"))
    listed = manifest["shards"]
    bundles = [shards.BUNDLE, *(f"{shards.BUNDLE}/{name.rstrip('/')}" for name in listed if name != "delta/")]
    has_delta = "delta/" in listed
    delta = (shards.DELTA, frozenset(manifest["superseded"])) if has_delta else (None, frozenset())
    out = FakeStage(site)
    write_query_files(out, config, bundles, {}, PageTexts(), QueryMemo(), delta)  # type: ignore[arg-type]
    return out.files


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def referenced(site: corpus.Corpus, doc: corpus.Doc) -> bool:
    """Whether another document names this one (it cannot be withdrawn alone: an error of the disclosure rules)."""
    return any(
        doc.id in path.read_text(encoding="utf-8")
        for path in (site.root / "content").rglob("*.md")
        if path != site.root / doc.relative
    )


def random_changes(site: corpus.Corpus, rng: random.Random, step: int, withdrawn: set[str]) -> list[str]:
    """One to three random changes to the site's public policies; returns what was done (for the failure)."""
    done = []
    public = sorted(doc.id for doc in site.policies if doc.public and doc.id not in withdrawn)
    for number in range(rng.randint(1, 3)):
        chosen = rng.choice(public)
        doc = next(d for d in site.policies if d.id == chosen)
        path = site.root / doc.relative
        change = rng.random()
        if change < 0.45:
            words = "".join(rng.sample(SEED_WORDS, 3))
            path.write_text(path.read_text(encoding="utf-8") + f"\n第{step}次修改：{words}。\n", encoding="utf-8")
            done.append(f"body {doc.id}")
        elif change < 0.65:
            replace(path, f"title: {corpus.q(doc.title)}", f"title: {corpus.q(doc.title + '（修订）')}")
            doc.title += "（修订）"
            done.append(f"title {doc.id}")
        elif change < 0.85:
            corpus.new_policy(site, step * 10 + number, seed=step)
            done.append("added")
        elif len(public) > 10 and not doc.interpreted and not referenced(site, doc):
            replace(path, "disclosure: public", "disclosure: withheld")
            withdrawn.add(doc.id)
            done.append(f"withdrawn {doc.id}")
    return done


@pytest.mark.parametrize("folded", [False, True], ids=["delta", "folded"])
def test_incremental_query_files_equal_a_clean_computation(tmp_path, monkeypatch, folded):
    monkeypatch.setattr(shards, "PAGES_PER_SHARD", 30)  # a few shards, and sample pages in each
    if folded:  # the delta is folded back at every build: the index is a clean build's
        monkeypatch.setattr(shards, "DELTA_MIN_PAGES", 0)
        monkeypatch.setattr(shards, "DELTA_SHARE", 0.0)
    site = corpus.generate(tmp_path / "site", 24, seed=11)
    output, clean = site.root / "_site", tmp_path / "clean"
    build(site.config, today=corpus.TODAY)
    rng = random.Random(14 + folded)
    withdrawn: set[str] = set()
    deltas = 0
    for step in range(5):
        done = random_changes(site, rng, step, withdrawn)
        result = build(site.config, today=corpus.TODAY)
        deltas += bool(result.delta)
        published = published_query_files(output)
        assert published == fresh_query_files(output, site.config), done
        if folded:
            assert result.delta == ()
            build(site.config, clean, today=corpus.TODAY, clean=True)
            assert published == published_query_files(clean), done
    assert folded or deltas >= 3  # the delta's query data was compared, not only the main shards'


def test_an_edit_rereads_only_the_changed_pages(tmp_path, monkeypatch):
    """One policy body edited: one page summarised (its new text), and the sample's term counts updated by at
    most its old and new runs; no other page's text is read again, though the delta changes every build."""
    site = corpus.generate(tmp_path / "site", 24, seed=3)
    build(site.config, today=corpus.TODAY)
    policy = next(doc for doc in site.policies if doc.public and not doc.interpreted)
    path = site.root / policy.relative
    summarised: list[str] = []
    grams: list[str] = []
    real_page_text, real_page_grams = pagetext.page_text, terms.page_grams

    def page_text(fragment: Fragment) -> PageText:
        summarised.append(fragment.url)
        return real_page_text(fragment)

    def page_grams(text: str) -> set[str]:
        grams.append(text)
        return real_page_grams(text)

    monkeypatch.setattr(pagetext, "page_text", page_text)
    monkeypatch.setattr(terms, "page_grams", page_grams)
    for step in range(3):
        summarised.clear()
        grams.clear()
        path.write_text(path.read_text(encoding="utf-8") + f"\n第{step}次修改：政务公开。\n", encoding="utf-8")
        result = build(site.config, today=corpus.TODAY)
        assert result.delta == (f"policies/{policy.id}/index.html",)
        assert summarised == [f"/policies/{policy.id}/"]
        assert len(grams) <= 2  # the page's old and new runs, when the page is sampled
        assert published_query_files(site.root / "_site") == fresh_query_files(site.root / "_site", site.config)
