"""The pinyin table (sitegen/search/readings.py) updated by what an edit changed, and its parts re-written only
where their content changed.

Making the table reads every indexed word and phrase, and its parts encode all of it: about half a second of
CPU at 1,000 documents for an edit that changes one page's counts. :class:`TableState` keeps, between builds
(in the query memo of the build cache), the counts the last table was made of, which texts each key holds
and the table itself; the next build compares the new counts with the stored ones (a set difference of the
two dicts' items, in C), reads the keys of the texts whose count changed, and makes only those keys' entries
again. The table is cut into parts by the first letter of the key (:func:`split_parts` places each letter on
its own), so a part of a letter no changed key starts with is published as it was, under the same name.

The result is the table :meth:`ReadingTable.table` makes from scratch: a key's entry is the same function
of the texts it holds. That holds while every meaningful phrase enters the table and ranks among the
:data:`MAX_FULL_PHRASES` most frequent, i.e. while there are at most that many phrases (a large site's
richest vocabulary); beyond, the caps rank all phrases against each other, and the table is made afresh.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sitegen.search.readings import (
    MAX_FULL_PHRASES,
    MAX_INITIALS_PHRASES,
    MAX_PHRASE_CHARS,
    MAX_PHRASE_WORDS,
    MIN_FULL_PHRASE_PAGES,
    PART_BYTES,
    PER_FULL_KEY,
    PER_INITIALS_KEY,
    ReadingTable,
    encode,
    part_name,
    split_parts,
)
from sitegen.store.staging import StagedOutput

WORD_BREAK = "\u200b"
Table = dict[str, dict[str, list[list]]]


def signature(stop: set[str]) -> tuple:
    """What a table's entries depend on besides the counts (a stored state made otherwise is not updated)."""
    limits = (MAX_FULL_PHRASES, MAX_INITIALS_PHRASES, MAX_PHRASE_CHARS, MAX_PHRASE_WORDS, MIN_FULL_PHRASE_PAGES)
    return (*limits, PER_FULL_KEY, PER_INITIALS_KEY, PART_BYTES, "".join(sorted(stop)))


@dataclass
class TableState:
    """The last table, what it was made of, and the names of its parts."""

    signature: tuple = ()
    counts: dict[str, int] = field(default_factory=dict)  # word or phrase (words joined by U+200B) -> count
    phrases: int = 0  # meaningful phrases among them
    holders: dict[str, set[str]] = field(default_factory=dict)  # "f" or "i" + key -> words and phrases with it
    table: Table = field(default_factory=lambda: {"f": {}, "i": {}})
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # first letter -> part prefix -> file name
    changed: set[str] = field(default_factory=set)  # first letters of the keys this build changed


class IncrementalTable:
    """A :class:`ReadingTable` that updates a :class:`TableState` instead of making the table afresh."""

    def __init__(self, reader: ReadingTable):
        self.reader = reader

    def update(self, state: TableState | None, words: Counter, grams: Counter) -> tuple[Table, TableState | None]:
        """The table of ``words`` and ``grams`` and the state to store (None when the caps rank the phrases,
        which this class does not follow: the table is then made afresh, as it is without a state)."""
        sig = signature(self.reader.stop)
        if state is None or state.signature != sig:
            state = TableState(sig)
            state.changed = {"*"}  # every part is new
        else:
            state.changed = set()
        counts = dict(words)
        counts.update(grams)  # words never hold U+200B and phrases always do: no text is both
        meaningful = self.reader.meaningful
        changed: set[str] = set()  # the words and meaningful phrases whose count changed, appeared or disappeared
        for text, _ in counts.items() ^ state.counts.items():  # a set operation in C; a changed count twice
            if WORD_BREAK in text:
                if not meaningful(text.split(WORD_BREAK)):
                    continue
                state.phrases += (text in counts) - (text in state.counts)
            changed.add(text)
        if state.phrases > MAX_FULL_PHRASES:
            return self.reader.table(words, grams), None
        touched: set[str] = set()
        for text in changed:
            present = text in counts
            for key in self.keys(text):
                holders = state.holders.setdefault(key, set())
                if present:
                    holders.add(text)
                else:
                    holders.discard(text)
                touched.add(key)
        state.counts = counts
        for key in touched:
            kind, found = key[0], key[1:]
            entry = self.entry(kind, state.holders.get(key, set()), counts)
            if entry:
                state.table[kind][found] = entry
            else:
                state.table[kind].pop(found, None)
                state.holders.pop(key, None)
            state.changed.add(found[0])
        return state.table, state

    def keys(self, text: str) -> list[str]:
        """The keys a word or phrase is listed under ("f" + full pinyin, "i" + initials), whether or not its
        count admits it under its full pinyin; none for a text with a character without a reading."""
        parts = text.split(WORD_BREAK)
        plain = "".join(parts)
        syllables = [s for part in parts for s in self.reader.read(part)]
        if len(syllables) != len(plain) or not all(s.isascii() and s.isalpha() for s in syllables):
            return []
        keys = ["f" + "".join(syllables)]
        if len(plain) >= 2:
            keys.append("i" + "".join(s[0] for s in syllables))
        return keys

    @staticmethod
    def entry(kind: str, holders: set[str], counts: dict[str, int]) -> list[list]:
        """One key's entry: its likeliest texts, as :meth:`ReadingTable.table` lists them."""
        best: dict[str, int] = {}
        for text in holders:
            count = counts[text]
            if kind == "f" and WORD_BREAK in text and count < MIN_FULL_PHRASE_PAGES:
                continue  # a phrase on a single page is read under its full pinyin from its words
            plain = text.replace(WORD_BREAK, "")
            best[plain] = max(best.get(plain, 0), count)
        limit = PER_FULL_KEY if kind == "f" else PER_INITIALS_KEY
        return [[t, n] for t, n in sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]]


def write_parts(out: StagedOutput, table: Table, state: TableState | None) -> dict[str, str]:
    """Write the table's parts; returns prefix -> site-absolute file name, by prefix. The parts of a letter no
    changed key starts with are published as the live folder has them (their names hash their content)."""
    names: dict[str, dict[str, str]] = {}
    redo: set[str] | None = None  # None: every letter
    if state is not None and "*" not in state.changed:
        redo = set(state.changed)
        for letter, parts in state.names.items():
            if letter not in redo and all(out.live_digest(name) is not None for name in parts.values()):
                for name in parts.values():
                    out.keep(name)
                names[letter] = parts
            else:
                redo.add(letter)
    for prefix, part in split_parts(table, redo).items():
        encoded = encode(part)
        name = part_name(prefix, encoded)
        out.write(name, encoded)
        names.setdefault(prefix[0], {})[prefix] = name
    if state is not None:
        state.names = names
    return {prefix: "/" + name for prefix, name in sorted(p for parts in names.values() for p in parts.items())}
