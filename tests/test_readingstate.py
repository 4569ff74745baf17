"""The pinyin table updated by changed counts (sitegen/search/readingstate.py) equals the table made afresh,
and its unchanged parts are published as they were."""

from __future__ import annotations

import pickle
import random
from collections import Counter

import pytest

from sitegen.search import readings, readingstate
from sitegen.search.querydata import STOP, syllable_list
from sitegen.search.readings import ReadingTable, encode, part_name, phrases, split_parts
from sitegen.search.readingstate import IncrementalTable, TableState, write_parts

# Words that share readings and initials (公开/公开, 社会/社保 ...), polyphonic characters (行, 重) and function
# words, so that keys hold several texts, phrases are dropped as meaningless and single-page phrases occur.
WORDS = "政务 公开 社会 救助 社保 生活 保障 行 银行 重点 重庆 的 和 按照 就业 创业 教育 住房 公积金 养老 服务 高龄 津贴"
WORDS += " 示例 区 人民政府 人民 政府 办公室 通知 实施 方案 托 育 机构 医疗 保险 补贴 标准 申请 条件 公示 公式"
VOCABULARY = WORDS.split()


class Stage:
    """A stage over the last build's files: ``write`` records, ``keep`` carries a live file over."""

    def __init__(self, live: dict[str, bytes]):
        self.live = live
        self.files: dict[str, bytes] = {}
        self.kept: list[str] = []

    def write(self, relative: str, data: bytes) -> None:
        assert relative not in self.files
        self.files[relative] = data

    def live_digest(self, relative: str) -> str | None:
        return "digest" if relative in self.live else None

    def keep(self, relative: str) -> bool:
        assert relative not in self.files
        self.files[relative] = self.live[relative]
        self.kept.append(relative)
        return True


def random_site(rng: random.Random, pages: int) -> list[list[list[str]]]:
    return [
        [[rng.choice(VOCABULARY) for _ in range(rng.randint(1, 6))] for _ in range(rng.randint(0, 8))]
        for _ in range(pages)
    ]


def counts(site: list[list[list[str]]]) -> tuple[Counter, Counter]:
    words: Counter = Counter()
    grams: Counter = Counter()
    for runs in site:
        words.update(w for run in runs for w in run)
        grams.update(phrases(runs))
    return words, grams


def fresh_files(words: Counter, grams: Counter) -> dict[str, bytes]:
    table = ReadingTable(syllable_list, STOP).table(words, grams)
    return {part_name(prefix, encode(part)): encode(part) for prefix, part in split_parts(table).items()}


@pytest.mark.parametrize("cap", [None, 40], ids=["under-the-caps", "capped"])
def test_updated_tables_equal_fresh_tables_over_random_edits(monkeypatch, cap):
    if cap is not None:  # the caps rank the phrases: the state gives way to the full table
        for module in (readings, readingstate):
            monkeypatch.setattr(module, "MAX_FULL_PHRASES", cap)
    monkeypatch.setattr(readings, "PART_BYTES", 400)  # several parts per letter
    rng = random.Random(14)
    site = random_site(rng, 40)
    state: TableState | None = None
    live: dict[str, bytes] = {}
    updated = 0
    for build in range(25):
        for _ in range(rng.randint(1, 3)):
            change = rng.random()
            if change < 0.6:
                site[rng.randrange(len(site))] = random_site(rng, 1)[0]
            elif change < 0.8:
                site.append(random_site(rng, 1)[0])
            elif len(site) > 5:
                del site[rng.randrange(len(site))]
        words, grams = counts(site)
        stored = pickle.loads(pickle.dumps(state))  # as the build cache keeps it
        updated += stored is not None
        table, state = IncrementalTable(ReadingTable(syllable_list, STOP)).update(stored, words, grams)
        assert table == ReadingTable(syllable_list, STOP).table(words, grams)
        out = Stage(live)
        listed = write_parts(out, table, state)
        fresh = fresh_files(words, grams)
        assert out.files == fresh
        assert sorted(listed.values()) == sorted("/" + name for name in fresh)
        assert list(listed) == sorted(listed)
        if state is not None and build:
            # Only the letters of changed keys are encoded again; the other parts come from the live folder.
            assert {name.split("/")[-1][0] for name in out.files if name not in out.kept} <= state.changed
        live = out.files
    assert (state is None) == (cap is not None) and (updated > 20) == (cap is None)


def test_a_state_made_otherwise_is_not_updated(monkeypatch):
    words, grams = counts(random_site(random.Random(3), 20))
    _, state = IncrementalTable(ReadingTable(syllable_list, STOP)).update(None, words, grams)
    assert state is not None and "*" in state.changed
    monkeypatch.setattr(readingstate, "PER_FULL_KEY", 1)
    monkeypatch.setattr(readings, "PER_FULL_KEY", 1)
    table, again = IncrementalTable(ReadingTable(syllable_list, STOP)).update(state, words, grams)
    assert again is not None and "*" in again.changed
    assert table == ReadingTable(syllable_list, STOP).table(words, grams)
