"""What the query data derives from the whole site, remembered between builds: pinyin readings and terms.

The query data reads every indexed word, every frequent term and every character of the site in
pinyin. pypinyin's dictionaries take about a second of CPU to load and a reading costs tens of
microseconds, so an edit that adds no new word should not pay either: :class:`QueryMemo` answers from
the readings an earlier build stored (keyed by the exact text and pypinyin's version, since a phrase's
reading is not always the sum of its characters') and loads pypinyin only for a text it has not seen.

The frequent terms are counted over an evenly spread sample of the pages (about 0.7 s of CPU at 2,000
documents); the memo keeps the counts of the last sample (:class:`sitegen.search.terms.GramCounts`), which
the next build updates by the sampled pages that changed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.search.popular import TitleCounts
from sitegen.search.readingstate import TableState
from sitegen.search.terms import GramCounts


def pypinyin_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pypinyin")
    except PackageNotFoundError:
        return "unknown"


@dataclass
class QueryMemo:
    """Readings by text, the last character table by the characters it was made for, and the counts of the last
    sample of pages the terms were counted in."""

    FORMAT = 3  # bumped whenever the fields change: a memo of another format is not read

    version: str = ""
    layout: int = FORMAT  # the FORMAT it was made in
    readings: dict[str, list[str]] = field(default_factory=dict)
    chars: tuple[str, dict[str, str]] = ("", {})
    grams: GramCounts | None = None
    table: TableState | None = None  # the last pinyin table (sitegen/search/readingstate.py)
    titles: TitleCounts | None = None  # how many titles hold each candidate popular term (search/popular.py)
    title_keys: dict[str, str] = field(default_factory=dict)  # querydata.py title_key by title
    used: set[str] = field(default_factory=set)

    @classmethod
    def restore(cls, stored: object, version: str) -> QueryMemo:
        """The stored memo when it was made with this pypinyin, else an empty one."""
        # The layout is read from the instance: an older memo has no such field, and the class default would answer.
        if isinstance(stored, QueryMemo) and stored.version == version and vars(stored).get("layout") == cls.FORMAT:
            stored.used = set()
            return stored
        return cls(version)

    def reading(self, text: str, read: Callable[[str], list[str]]) -> list[str]:
        self.used.add(text)
        found = self.readings.get(text)
        if found is None:
            found = self.readings[text] = read(text)
        return found

    def char_table(self, chars: set[str], make: Callable[[set[str]], dict[str, str]]) -> dict[str, str]:
        key = hashlib.sha256("".join(sorted(chars)).encode("utf-8")).hexdigest()
        if self.chars[0] != key:
            self.chars = (key, make(chars))
        return self.chars[1]

    def sampled_terms(self, texts: list[str], min_pages: int) -> Counter:
        """The terms of the sampled pages' word runs (``texts``), from the last sample's counts and the difference."""
        self.grams = GramCounts.of(texts, min_pages) if self.grams is None else self.grams.updated(texts, min_pages)
        return self.grams.terms()

    def kept(self) -> QueryMemo:
        """The memo holding only what this build read (so that it does not grow with every word ever indexed)."""
        readings = {t: r for t, r in self.readings.items() if t in self.used}
        return QueryMemo(
            self.version, self.layout, readings, self.chars, self.grams, self.table, self.titles, self.title_keys
        )
