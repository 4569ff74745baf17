"""Pinyin and initials for every word and phrase of the indexed text, in parts loaded on demand.

A citizen types ``shehui jiuzhu``, ``shehuijiuzhu``, ``shjz`` or ``shehui救助`` for 社会救助, which may
occur on a single page. The query data's vocabulary is capped (it is downloaded with the first query), so
this table holds what the cap leaves out: every indexed word and every run of two or three adjacent words
(at most :data:`MAX_PHRASE_CHARS` characters), keyed by its toneless pinyin (``shehuijiuzhu``) and by
its initials (``shjz``), with the number of pages containing it. Per key only the likeliest few texts
are kept (by that page count), so the table grows with the site's distinct keys, not with its pages.

The table is cut by key prefix into parts of about :data:`PART_BYTES` each (a prefix grows a letter
until its part is small enough), and the search worker downloads only the parts of the letters a query
starts its words with. Each part is ``{key: [[text, pages], ...]}``, sorted; the manifest in the query
data maps each prefix to its file.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable

# Phrases of 2 or 3 adjacent words up to this length enter the table (initials of 4-6 characters and full
# pinyin of longer names are read from them; longer queries are read as several of them).
MAX_PHRASE_CHARS = 8
MAX_PHRASE_WORDS = 3
# Phrases keyed by their initials, at most (the likeliest first: most pages, then a fixed pseudo-random
# order); phrases keyed by full pinyin only when on 2 pages or more (a single-page phrase's full pinyin is
# read from its words). Together these bound the table however large the site grows.
MAX_INITIALS_PHRASES = 400_000
MIN_FULL_PHRASE_PAGES = 2
MAX_FULL_PHRASES = 150_000
# Texts kept per key, likeliest first: a full-pinyin key is rarely ambiguous, initials often are.
PER_FULL_KEY = 3
PER_INITIALS_KEY = 6
# Target size of one part (uncompressed JSON); a part whose prefix cannot grow further may be larger.
PART_BYTES = 48_000
MAX_PREFIX = 4


def phrases(runs: list[list[str]]) -> set[str]:
    """The adjacent-word phrases of one page's word runs (words joined by U+200B, to keep boundaries)."""
    found: set[str] = set()
    for run in runs:
        for i in range(len(run) - 1):
            size = len(run[i])
            for j in range(i + 1, min(len(run), i + MAX_PHRASE_WORDS)):
                size += len(run[j])
                if size > MAX_PHRASE_CHARS:
                    break
                found.add("\u200b".join(run[i : j + 1]))
    return found


class ReadingTable:
    """Collects words and phrases with their page counts and writes the keyed parts."""

    def __init__(self, syllables: Callable[[str], list[str]], stop: Iterable[str] = ()):
        self._syllables = syllables
        self.stop = set(stop)
        self._cache: dict[str, list[str]] = {}

    def read(self, word: str) -> list[str]:
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._syllables(word)
        return found

    def table(self, words: Counter, grams: Counter) -> dict[str, dict[str, list[list]]]:
        """``{"f": {full pinyin: [[text, pages], ...]}, "i": {initials: [...]}}`` over every word (counted by
        occurrences) and phrase (counted by pages)."""
        candidates: dict[str, dict[str, dict[str, int]]] = {"f": {}, "i": {}}
        chosen = [(g, n) for g, n in grams.items() if self.meaningful(g.split("\u200b"))]
        chosen.sort(key=lambda item: (-item[1], hashlib.blake2b(item[0].encode(), digest_size=8).digest()))
        items: Iterable[tuple[str, int, list[str]]] = (
            *((w, n, [w]) for w, n in words.items()),
            *((g.replace("\u200b", ""), n, g.split("\u200b")) for g, n in chosen[:MAX_INITIALS_PHRASES]),
        )
        for number, (text, count, parts) in enumerate(items):
            syllables = [s for part in parts for s in self.read(part)]
            if len(syllables) != len(text) or not all(s.isascii() and s.isalpha() for s in syllables):
                continue  # a character without a reading (rare, or not Han)
            phrase_rank = number - len(words)  # negative for words; phrases come most frequent first
            full = len(parts) == 1 or (count >= MIN_FULL_PHRASE_PAGES and phrase_rank < MAX_FULL_PHRASES)
            keys = [("f", "".join(syllables))] if full else []
            if len(text) >= 2:
                keys.append(("i", "".join(s[0] for s in syllables)))
            for kind, key in keys:
                best = candidates[kind].setdefault(key, {})
                best[text] = max(best.get(text, 0), count)
        table: dict[str, dict[str, list[list]]] = {}
        for kind, limit in (("f", PER_FULL_KEY), ("i", PER_INITIALS_KEY)):
            table[kind] = {
                key: [[t, n] for t, n in sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]]
                for key, best in sorted(candidates[kind].items())
            }
        return table

    def meaningful(self, words: list[str]) -> bool:
        """A phrase that neither starts nor ends with a function word (的, 和, 按照 ...) nor holds one alone."""
        return (
            words[0] not in self.stop
            and words[-1] not in self.stop
            and not any(len(w) == 1 and w in self.stop for w in words)
        )


def split_parts(
    table: dict[str, dict[str, list[list]]], letters: set[str] | None = None
) -> dict[str, dict[str, dict[str, list[list]]]]:
    """prefix -> part (``{"f": ..., "i": ...}`` restricted to keys with that prefix): the shortest prefixes
    whose parts stay under PART_BYTES; a key belongs to the part of its longest listed prefix. Each first
    letter is split on its own, so ``letters`` (when given) restricts the result to the parts of those."""
    keys = sorted(
        {(key, kind) for kind, entries in table.items() for key in entries if letters is None or key[0] in letters}
    )
    parts: dict[str, dict[str, dict[str, list[list]]]] = {}

    def size(members: list[tuple[str, str]]) -> int:
        return sum(len(k) + 8 + sum(len(t) * 3 + 8 for t, _ in table[kind][k]) for k, kind in members)

    def place(prefix: str, members: list[tuple[str, str]]) -> None:
        if len(prefix) >= MAX_PREFIX or size(members) <= PART_BYTES:
            rest = members
        else:
            rest = [m for m in members if len(m[0]) <= len(prefix)]
            longer: dict[str, list[tuple[str, str]]] = {}
            for member in members:
                if len(member[0]) > len(prefix):
                    longer.setdefault(member[0][: len(prefix) + 1], []).append(member)
            for sub, sub_members in sorted(longer.items()):
                place(sub, sub_members)
        if rest:
            part: dict[str, dict[str, list[list]]] = {"f": {}, "i": {}}
            for key, kind in rest:
                part[kind][key] = table[kind][key]
            parts[prefix] = part

    by_letter: dict[str, list[tuple[str, str]]] = {}
    for member in keys:
        by_letter.setdefault(member[0][0], []).append(member)
    for letter, members in sorted(by_letter.items()):
        place(letter, members)
    return dict(sorted(parts.items()))


def encode(part: dict[str, dict[str, list[list]]]) -> bytes:
    return json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def part_name(prefix: str, data: bytes) -> str:
    return f"search/py/{prefix}.{hashlib.sha256(data).hexdigest()[:10]}.json"
