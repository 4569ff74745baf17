"""Query data from cached per-page summaries equals query data summarised from scratch, byte for byte."""

from __future__ import annotations

import hashlib
import json
import pickle
import random
from pathlib import Path

from sitegen.model.config import SiteConfig
from sitegen.search import querydata
from sitegen.search.pagefind_bundle import Fragment, fragments, write_packed
from sitegen.search.pagetext import PageText, PageTexts, ShardText, add_up, page_text, runs, summarise
from sitegen.search.querydata import write_query_files
from sitegen.search.querymemo import QueryMemo
from sitegen.store import cbor

ZW = "\u200b"
# Real words and function words, so that terms, phrases, stop words and pinyin readings all occur.
WORDS = [
    "政务",
    "公开",
    "社会",
    "救助",
    "最低",
    "生活",
    "保障",
    "托",
    "育",
    "服务",
    "示例",
    "区",
    "人民政府",
    "办公室",
    "通知",
    "印发",
    "关于",
    "实施",
    "方案",
    "养老",
    "补贴",
    "高龄",
    "津贴",
    "医疗",
    "保险",
    "就业",
    "创业",
    "的",
    "和",
    "与",
    "按照",
    "住房",
    "公积金",
    "教育",
    "行",
]
LATIN = ("pdf", "excel", "ofd", "x", "word")


class FakeStage:
    """What write_query_files uses of a StagedOutput: the stage folder, ``write`` and ``live_digest``."""

    def __init__(self, stage: Path):
        self.stage = stage
        self.files: dict[str, bytes] = {}

    def write(self, relative: str, data: str | bytes) -> None:
        assert relative not in self.files
        self.files[relative] = data.encode("utf-8") if isinstance(data, str) else data

    def live_digest(self, relative: str) -> str | None:
        return None  # no published folder: every file is written


def random_page(rng: random.Random, number: int) -> dict:
    parts = []
    for _ in range(rng.randint(0, 12)):
        run = ZW.join(rng.choice(WORDS) for _ in range(rng.randint(1, 7)))
        parts.append(run + rng.choice(["。", "，", " ", " 2026 ", f" {rng.choice(LATIN)} ", ZW + ZW]))
    title = "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))
    return {
        "url": f"/p/{number}/",
        "content": "".join(parts),
        "meta": {"title": rng.choice([title, " " + title + " 第2版", ""]), "date": f"2026-0{rng.randint(1, 9)}-01"},
        "filters": {"type": [rng.choice(["政策文件", "政策解读"])], "year": [str(rng.randint(2020, 2026))]},
    }


def write_bundle(folder: Path, pages: list[dict]) -> None:
    """A Pagefind 1.5 index folder as far as query data reads it: entry, meta and fragments."""
    (folder / "fragment").mkdir(parents=True)
    listed = []
    for page in pages:
        payload = json.dumps(page, ensure_ascii=False).encode("utf-8")
        name = "zh-cn_" + hashlib.sha256(payload).hexdigest()[:12]
        write_packed(folder / "fragment" / f"{name}.pf_fragment", payload)
        listed.append([name, len(page["content"])])
    meta = cbor.encode(["1.5.2", listed, [], [], [], []])
    meta_hash = "zh-cn_" + hashlib.sha256(meta).hexdigest()[:13]  # the entry names the meta by content, as Pagefind's
    write_packed(folder / f"pagefind.{meta_hash}.pf_meta", meta)
    entry = {"version": "1.5.2", "languages": {"zh-cn": {"hash": meta_hash, "wasm": None, "page_count": 1}}}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")


def query_files(
    stage: Path, bundles: list[str], memo: dict, pages: PageTexts, pinyin: QueryMemo | None = None
) -> dict[str, bytes]:
    out = FakeStage(stage)
    config = SiteConfig(
        root=stage,
        path=stage / "site.yaml",
        title="示例区人民政府",
        short_title="示例区",
        description="",
        base_url="https://example.org/",
        agencies=[],
        topics=[],
    )
    write_query_files(out, config, bundles, memo, pages, pinyin)  # type: ignore[arg-type]
    return out.files


def test_a_summary_adds_back_to_what_the_page_says():
    rng = random.Random(5)
    for number in range(300):
        page = random_page(rng, number)
        fragment = Fragment("id", page["url"], page["content"], page["meta"], page["filters"])
        text = page_text(fragment)
        found = runs(page["content"])
        assert text.run_lists() == found
        assert text.words() == [w for run in found for w in run]
        assert pickle.loads(pickle.dumps(text)) == text
        one = summarise([fragment], 1)
        assert add_up([text], 1) == one and one.sample == [found] and list(one.words) == list(add_up([text]).words)


def test_incremental_query_data_equals_a_clean_summary_byte_for_byte(tmp_path, monkeypatch):
    """Edit, add, remove and reorder random pages over many builds; every build's query files, made from
    the cached summaries of the unchanged pages, equal those of a build that summarised every page."""
    monkeypatch.setattr(querydata, "TERM_SAMPLE", 16)  # a sample smaller than a shard, as on large sites
    monkeypatch.setattr(querydata, "MIN_TERM_PAGES", 2)
    rng = random.Random(14)
    site = [random_page(rng, n) for n in range(60)]
    stored: dict[str, bytes] = {}  # the build cache: pickled summaries by key
    memo: dict[str, ShardText] = {}
    pinyin = pickle.dumps(QueryMemo("v1"))
    compared = 0
    for build in range(12):
        for _ in range(rng.randint(1, 4)):
            change = rng.random()
            if change < 0.5:
                site[rng.randrange(len(site))] = random_page(rng, rng.randrange(10**6))
            elif change < 0.7:
                site.append(random_page(rng, 1000 + build))
            elif change < 0.85 and len(site) > 20:
                del site[rng.randrange(len(site))]
            else:
                rng.shuffle(site)
        count = rng.choice([1, 1, 2, 3])
        stage = tmp_path / f"build{build}"
        bundles = ["pagefind", *(f"pagefind/shards/{n:02d}" for n in range(1, count))]
        for number, bundle in enumerate(bundles):
            write_bundle(stage / bundle, site[number::count])

        cached = PageTexts(lambda key: pickle.loads(stored[key]) if key in stored else None)
        readings = QueryMemo.restore(pickle.loads(pinyin), "v1")
        incremental = query_files(stage, bundles, memo, cached, readings)
        pinyin = pickle.dumps(readings.kept())
        clean = query_files(stage, bundles, {}, PageTexts())
        assert incremental.keys() == clean.keys()
        assert [name for name in clean if clean[name] != incremental[name]] == []
        compared += len(clean)
        if build:
            assert len(cached.made) < len(site)  # most pages came from the cache
        for key in cached.stale(stored):
            del stored[key]
        stored.update({key: pickle.dumps(text) for key, text in cached.made.items()})
        assert set(stored) == cached.used
    assert compared > 12 * 3


def test_a_damaged_record_is_summarised_again(tmp_path):
    rng = random.Random(3)
    write_bundle(tmp_path / "pagefind", [random_page(rng, n) for n in range(10)])
    clean = query_files(tmp_path, ["pagefind"], {}, PageTexts())
    damaged = PageTexts(lambda key: "not a summary")
    assert query_files(tmp_path, ["pagefind"], {}, damaged) == clean
    assert len(damaged.made) == 10 and all(isinstance(t, PageText) for t in damaged.made.values())


def test_the_demo_index_summarised_per_page_matches(demo_site):
    pages = fragments(demo_site / "pagefind")
    keys, texts = PageTexts().bundle(demo_site / "pagefind")
    assert len(set(keys)) == len(pages) > 50
    added, summarised = add_up(texts, 40), summarise(pages, 40)
    assert added == summarised and list(added.words) == list(summarised.words)


def test_remembered_readings_need_no_pypinyin(tmp_path, monkeypatch):
    """A build whose words were all read before, and whose sampled pages are the same, answers from the memo
    and writes the same files."""
    rng = random.Random(9)
    write_bundle(tmp_path / "pagefind", [random_page(rng, n) for n in range(30)])
    memo = QueryMemo("v1")
    first = query_files(tmp_path, ["pagefind"], {}, PageTexts(), memo)
    kept = QueryMemo.restore(pickle.loads(pickle.dumps(memo.kept())), "v1")
    assert kept.readings and kept.chars[1]

    def refuse(*args: object) -> None:
        raise AssertionError("pypinyin was asked")

    monkeypatch.setattr(querydata, "syllable_list", refuse)
    monkeypatch.setattr(querydata, "char_table", refuse)
    monkeypatch.setattr(querydata, "sample_terms", refuse)  # the same sample: the same terms
    assert query_files(tmp_path, ["pagefind"], {}, PageTexts(), kept) == first
    assert QueryMemo.restore(kept, "v2").readings == {}  # another pypinyin reads afresh
