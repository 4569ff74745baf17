"""Frequent multi-word terms of the query data (政务公开 = 政务 + 公开), counted in a sample of the pages and
kept up to date between builds by the difference of the sample.

A term is a run of 2 to :data:`MAX_TERM_WORDS` adjacent indexed words found on at least
:data:`MIN_TERM_PAGES` sampled pages whose every adjacent pair is itself that frequent, that is not a
piece of a longer term (never seen without the same neighbour) and neither starts nor ends with a
function word. Everything here is a sum over the sampled pages of "the runs of words this page holds",
filtered by the total: so an edit that changes a sampled page (every edit does, since the delta index's
pages are sampled) subtracts the page's old runs and adds its new ones (:class:`GramCounts`) instead
of counting the whole sample again (0.6 s of CPU at 1,000 documents, more with a richer vocabulary).
Only runs counted on at least :data:`MIN_TERM_PAGES` pages can become a term or mark a piece of one, so
the filter reads only those, and the result does not depend on the order of the pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

WORD_BREAK = "\u200b"  # between the words of a run, as in the indexer's fragments (sitegen/search/pagetext.py)
# Function words and characters that never start or end a meaningful term.
STOP = set("的了和与及或在对为等是于将由从按把被并而且其之以所也就都但个各请经已此该本起内日月年号")
STOP |= {"关于", "可以", "进一步", "有关", "以及", "通过", "按照", "根据", "其中", "我们", "你们", "如何", "什么"}
MAX_TERM_CHARS = 8
MAX_TERM_WORDS = 4
MIN_TERM_PAGES = 3
# A sample that changed in more than this share of its pages is counted afresh (cheaper than the difference).
RECOUNT_SHARE = 0.5


def runs_text(runs: list[list[str]]) -> str:
    """One page's word runs as one string (words joined by U+200B, runs by a line break): a compact, exact
    key of what the page adds to the counts (words hold neither character)."""
    return "\n".join(WORD_BREAK.join(run) for run in runs)


def page_grams(text: str) -> set[str]:
    """Every run of 2 to MAX_TERM_WORDS + 1 adjacent words of a page (words joined by U+200B), each once: a run
    one word longer than a term tells whether a term is a piece of it."""
    found: set[str] = set()
    for line in text.split("\n"):
        run = line.split(WORD_BREAK)
        # zip over shifted copies, each made once per run (a run may be hundreds of words long): the joins run
        # in C, several times faster than slicing in Python.
        shifted = [run[i:] for i in range(min(len(run), MAX_TERM_WORDS + 1))]
        for size in range(2, len(shifted) + 1):
            found.update(map(WORD_BREAK.join, zip(*shifted[:size], strict=False)))
    return found


@dataclass
class GramCounts:
    """The sampled pages (their :func:`runs_text`, with how many sampled pages hold each) and, over them, the
    number of pages holding each run of words; ``frequent`` holds the runs on ``min_pages`` pages or more."""

    min_pages: int = MIN_TERM_PAGES
    sample: Counter = field(default_factory=Counter)
    grams: Counter = field(default_factory=Counter)
    frequent: dict[str, int] = field(default_factory=dict)
    found: Counter | None = None  # the terms of ``frequent``, while it has not changed

    @classmethod
    def of(cls, texts: Iterable[str], min_pages: int) -> GramCounts:
        counts = cls(min_pages, Counter(texts))
        for text, copies in counts.sample.items():
            if copies == 1:
                counts.grams.update(page_grams(text))  # counted in C: most pages are unique
            else:
                for gram in page_grams(text):
                    counts.grams[gram] += copies
        counts.frequent = {gram: n for gram, n in counts.grams.items() if n >= min_pages}
        return counts

    def updated(self, texts: list[str], min_pages: int) -> GramCounts:
        """The counts of the sample ``texts``: these, changed in place by the pages that left and joined the
        sample (each build reads the memo afresh from the build cache and stores it only after its commit,
        so a failed build leaves the stored counts as they were)."""
        sample = Counter(texts)
        if sample == self.sample and min_pages == self.min_pages:
            return self
        gone, joined = self.sample - sample, sample - self.sample
        changed = sum(gone.values()) + sum(joined.values())
        if min_pages != self.min_pages or changed > RECOUNT_SHARE * max(1, sum(sample.values())):
            return GramCounts.of(texts, min_pages)
        grams, frequent = self.grams, self.frequent
        touched: set[str] = set()
        for pages, sign in ((gone, -1), (joined, 1)):
            for text, copies in pages.items():
                found = page_grams(text)
                touched |= found
                for gram in found:
                    grams[gram] += sign * copies
        for gram in touched:
            count = grams[gram]
            if count <= 0:
                del grams[gram]
            if count >= min_pages:
                if frequent.get(gram) != count:
                    frequent[gram] = count
                    self.found = None
            elif frequent.pop(gram, None) is not None:
                self.found = None
        self.sample = sample
        return self

    def terms(self) -> Counter:
        """The terms; an edit that changes no recurring run's count (most edits) reuses the last ones."""
        if self.found is None:
            self.found = terms_of(self.frequent, self.min_pages)
        return Counter(self.found)


def terms_of(frequent: dict[str, int], min_pages: int) -> Counter:
    """The terms (text -> pages) among the runs counted on at least ``min_pages`` pages."""
    split = {gram: tuple(gram.split(WORD_BREAK)) for gram in frequent}
    pairs = {words for words in split.values() if len(words) == 2}
    # A longer run counts only where every adjacent pair in it recurs (a run inside a stretch of such pairs).
    grams = {
        words: frequent[gram]
        for gram, words in split.items()
        if len(words) == 2 or all(pair in pairs for pair in pairwise(words))
    }
    # A run that never occurs without the same neighbour is a piece of a longer term, not a term.
    pieces = {
        sub
        for gram, count in grams.items()
        if len(gram) > 2
        for sub in (gram[1:], gram[:-1])
        if grams.get(sub) == count
    }
    terms: Counter = Counter()
    for gram, count in sorted(grams.items()):
        text = "".join(gram)
        # A run starting with a lone character is a term only if all its words are lone characters: a word
        # the indexer did not know (托育 = 托 + 育), not a piece of a neighbour (区 + 人民政府).
        unknown_word = len(gram) <= 3 and all(len(w) == 1 for w in gram)
        if (
            count >= min_pages
            and len(gram) <= MAX_TERM_WORDS
            and len(text) <= MAX_TERM_CHARS
            and (len(gram[0]) > 1 or unknown_word)
            and gram not in pieces
            and gram[0] not in STOP
            and gram[-1] not in STOP
            and not any(len(w) == 1 and w in STOP for w in gram)
        ):
            terms[text] = max(terms[text], count)
    return terms


def sample_terms(texts: Iterable[str], min_pages: int = MIN_TERM_PAGES) -> Counter:
    """Multi-word terms (text -> pages) counted afresh in the sampled pages' :func:`runs_text`."""
    return GramCounts.of(texts, min_pages).terms()
