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
import pickle
import random
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from benchmarks import corpus
from sitegen.build import build
from sitegen.diagnostics.core import Diagnostics
from sitegen.load.config import load_config
from sitegen.search import pagetext, popular, shards, terms
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


def test_popular_terms_from_remembered_title_counts_equal_a_full_count():
    """Titles edited, added and removed and candidate terms coming and going: the remembered counts, updated
    by the difference, hold what a full count over all titles finds, and so choose the same terms."""
    rng = random.Random(7)
    pieces = ["最低生活保障", "临时救助", "养老服务", "示例区", "民政局", "关于", "通知", "补贴", "标准", "托育机构"]
    agencies = ["示例区民政局", "示例区人民政府"]

    def title() -> str:
        return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))

    titles = [title() for _ in range(40)]
    vocabulary = ["最低生活", "生活保障", "临时救助", "养老服务", "补贴标准", "托育机构", "服务补贴", "示例区民政"]
    memo = popular.TitleCounts()
    for _ in range(30):
        for _ in range(rng.randint(0, 3)):
            titles[rng.randrange(len(titles))] = title()
        if rng.random() < 0.3:
            titles.append(title())
        if rng.random() < 0.3 and len(titles) > 10:
            del titles[rng.randrange(len(titles))]
        terms = rng.sample(vocabulary, rng.randint(2, len(vocabulary)))
        stored = pickle.loads(pickle.dumps(memo))
        chosen = popular.popular_terms(titles, terms, agencies, stored)
        assert chosen == popular.popular_terms(titles, terms, agencies)
        wanted = popular.candidates(terms, agencies)
        assert {t: n for t, n in stored.held.items() if n} == dict(popular.held(Counter(titles), wanted))
        memo = stored


def test_term_counts_updated_by_the_changed_sample_equal_a_fresh_count():
    """Sampled pages replaced, added, repeated and dropped: the counts updated in place (and the terms, reused
    while no recurring run changed) equal those counted afresh."""
    rng = random.Random(21)
    words = ["最低", "生活", "保障", "临时", "救助", "的", "养老", "服务", "托", "育", "机构", "补贴"]

    def page() -> str:
        runs = [[rng.choice(words) for _ in range(rng.randint(1, 6))] for _ in range(rng.randint(0, 6))]
        return terms.runs_text(runs)

    sample = [page() for _ in range(30)]
    counts = terms.GramCounts.of(sample, 3)
    reused = 0
    for _ in range(60):
        change = rng.random()
        if change < 0.5:
            sample[rng.randrange(len(sample))] = page()
        elif change < 0.7:
            sample.append(rng.choice(sample))  # two pages with the same runs
        elif change < 0.9 and len(sample) > 5:
            del sample[rng.randrange(len(sample))]
        counts = pickle.loads(pickle.dumps(counts))
        counts = counts.updated(list(sample), 3)
        reused += counts.found is not None
        fresh = terms.GramCounts.of(sample, 3)
        assert (counts.grams, counts.frequent) == (fresh.grams, fresh.frequent)
        assert counts.terms() == fresh.terms() == terms.sample_terms(sample, 3)
    assert reused


def reference_terms(page_runs: list[list[list[str]]]) -> Counter:
    """The terms as counted before they were kept between builds (the code of a2744da), for comparison."""
    pairs: Counter = Counter()  # adjacent word pairs -> number of sampled pages containing them
    for found in page_runs:
        pairs.update({pair for run in found for pair in pairwise(run)})
    # Only runs whose every pair recurs can recur: longer runs are counted inside stretches of recurring
    # pairs only (counting every run of a large site would take minutes and gigabytes).
    frequent = {pair for pair, count in pairs.items() if count >= terms.MIN_TERM_PAGES}
    grams: Counter = Counter({pair: count for pair, count in pairs.items() if pair in frequent})
    for found in page_runs:
        seen: set[tuple[str, ...]] = set()
        for run in found:
            start = 0
            for end in range(1, len(run) + 1):
                if end == len(run) or (run[end - 1], run[end]) not in frequent:
                    stretch = run[start:end]
                    for size in range(3, min(terms.MAX_TERM_WORDS + 1, len(stretch)) + 1):
                        seen.update(tuple(stretch[i : i + size]) for i in range(len(stretch) - size + 1))
                    start = end
        grams.update(seen)
    # A run that never occurs without the same neighbour is a piece of a longer term, not a term.
    pieces = {
        sub for gram, count in grams.items() if len(gram) > 2 for sub in (gram[1:], gram[:-1]) if grams[sub] == count
    }
    result: Counter = Counter()
    for gram, count in grams.items():
        text = "".join(gram)
        # A run starting with a lone character is a term only if all its words are lone characters: a word
        # the indexer did not know (托育 = 托 + 育), not a piece of a neighbour (区 + 人民政府).
        unknown_word = len(gram) <= 3 and all(len(w) == 1 for w in gram)
        if (
            count >= terms.MIN_TERM_PAGES
            and len(gram) <= terms.MAX_TERM_WORDS
            and len(text) <= terms.MAX_TERM_CHARS
            and (len(gram[0]) > 1 or unknown_word)
            and gram not in pieces
            and gram[0] not in terms.STOP
            and gram[-1] not in terms.STOP
            and not any(len(w) == 1 and w in terms.STOP for w in gram)
        ):
            result[text] = max(result[text], count)
    return result


def test_terms_equal_those_of_the_full_count_they_replace():
    """The counts kept between builds find the terms the earlier full count of the sample found (long runs,
    pieces of longer runs, lone characters and function words included)."""
    rng = random.Random(5)
    words = ["最低", "生活", "保障", "临时", "救助", "的", "和", "养老", "服务", "托", "育", "区", "人民政府", "机构"]
    for _ in range(40):
        # Recurring phrases of 2 to 6 words, so that long runs recur and shorter ones are pieces of them.
        phrases = [[rng.choice(words) for _ in range(rng.randint(2, 6))] for _ in range(rng.randint(3, 8))]
        sample = [
            [[w for _ in range(rng.randint(1, 3)) for w in rng.choice(phrases)] for _ in range(rng.randint(0, 4))]
            for _ in range(rng.randint(3, 25))
        ]
        found = terms.sample_terms([terms.runs_text(runs) for runs in sample])
        assert found == reference_terms(sample)
