"""What the query data needs of one indexed page, summarised once per page content and remembered.

Summarising a shard for the query data (:func:`sitegen.search.querydata.summarise`) reads every page's
indexed text and counts its words and adjacent-word phrases; for a 2,000-page shard that is seconds of
CPU, and an edit re-indexes the whole shard. Most of it is per page: the word runs, the phrases and the
latin words depend only on the page's own text. :class:`PageText` holds exactly that, keyed by a digest
of the page's fragment file (Pagefind's stored copy of what it indexed: text, meta and filters), so an
edit summarises only the pages whose indexed content changed and adds up the others from the cache.

The record keeps its lists as joined strings: adding a page back is a few C-level ``split`` calls and
``Counter.update`` over the pieces, in the same order as summarising the text, so the sums (and the
order in which words are first seen, which ``most_common`` ties depend on) are those of a full pass.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.search.pagefind_bundle import Fragment, fragment_paths, read_fragment
from sitegen.search.readings import phrases

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_BREAK = "\u200b"  # between the indexer's words, in Pagefind's fragments and in phrases
_LATIN_WORD = re.compile("[a-z]{2,}")
# The indexer's words are separated by U+200B; anything not Han (punctuation, digits, spaces) ends a run.
_RUN = re.compile(f"[{HAN}]+(?:\u200b+[{HAN}]+)*")
# Pages whose word runs the query data's frequent terms are counted in (sitegen/search/querydata.py).
TERM_SAMPLE = 400
# Bumped whenever what a record holds changes meaning (records are cached by page content only).
VERSION = 1


def runs(content: str) -> list[list[str]]:
    """The indexer's Han words in runs of adjacent words (a run stops at anything that is not Han)."""
    return [[w for w in run.split(WORD_BREAK) if w] for run in _RUN.findall(content)]


def _split(text: str, separator: str) -> list[str]:
    return text.split(separator) if text else []


@dataclass(frozen=True)
class PageText:
    """One page's share of the query data. Words never hold U+200B or a line break, phrases never hold a
    line break and latin words never a space, so the joined strings split back exactly."""

    runs: str  # the word runs: words joined by U+200B, runs by "\n"
    grams: str  # the page's adjacent-word phrases (each once, sorted), joined by "\n"
    latin: str  # latin words in text order, with repeats, joined by " "
    page: Fragment  # the page without its text

    def words(self) -> list[str]:
        """Every Han word of the page in text order, with repeats."""
        return _split(self.runs.replace("\n", WORD_BREAK), WORD_BREAK)

    def run_lists(self) -> list[list[str]]:
        return [run.split(WORD_BREAK) for run in _split(self.runs, "\n")]

    def phrase_list(self) -> list[str]:
        return _split(self.grams, "\n")

    def latin_words(self) -> list[str]:
        return _split(self.latin, " ")


def page_text(fragment: Fragment) -> PageText:
    found = runs(fragment.content)
    return PageText(
        "\n".join(WORD_BREAK.join(run) for run in found),
        "\n".join(sorted(phrases(found))),
        " ".join(_LATIN_WORD.findall(fragment.content.lower())),
        Fragment(fragment.id, fragment.url, "", fragment.meta, fragment.filters),
    )


def content_key(packed: bytes) -> str:
    """The cache key of a fragment file's bytes (the page's indexed content, meta and filters)."""
    return f"{hashlib.sha256(packed).hexdigest()}:{VERSION}"


class PageTexts:
    """Page summaries by :func:`content_key`: those an earlier build made (``lookup``) and those this one made.

    ``used`` collects the keys of the pages read so far, so that the owner can keep exactly the current
    pages' records; ``made`` holds the records to store."""

    def __init__(self, lookup: Callable[[str], PageText | None] = lambda key: None):
        self._lookup = lookup  # an earlier build's record (from the build cache), None when there is none
        self.made: dict[str, PageText] = {}
        self.used: set[str] = set()

    def bundle(self, bundle: Path) -> tuple[list[str], list[PageText]]:
        """The keys and summaries of every page of one Pagefind index folder, in Pagefind's page order."""
        keys, found = [], []
        for path in fragment_paths(bundle):
            key, text = self.page(path)
            keys.append(key)
            found.append(text)
        return keys, found

    def page(self, path: Path) -> tuple[str, PageText]:
        """The key and summary of the page of one fragment file: summarised only when no build did before."""
        packed = path.read_bytes()
        key = content_key(packed)
        text = self.made.get(key) or self._lookup(key)
        if not isinstance(text, PageText):  # none stored, or a damaged record
            text = self.made[key] = page_text(read_fragment(path, packed))
        else:
            # Pagefind names a fragment after its content; the id is the name, so take today's.
            text = _renamed(text, path.stem)
        self.used.add(key)
        return key, text

    def stale(self, stored: Iterable[str]) -> set[str]:
        """The stored keys that no page read by this build has."""
        return set(stored) - self.used


def _renamed(text: PageText, page_id: str) -> PageText:
    if text.page.id == page_id:
        return text
    page = text.page
    return PageText(text.runs, text.grams, text.latin, Fragment(page_id, page.url, "", page.meta, page.filters))


@dataclass
class ShardText:
    """What the query data needs of one index shard: counts that add up over shards, the word runs of an
    evenly spread sample of its pages, and its pages without their text. A build keeps this per shard,
    so that an edit re-reads only the shard it re-indexed."""

    words: Counter
    latin: Counter
    titles: list[str]  # without white space
    sample: list[list[list[str]]]
    pages: list[Fragment]
    grams: Counter = field(default_factory=Counter)  # adjacent-word phrase -> pages (sitegen/search/readings.py)
    page_keys: list[str] = field(default_factory=list)  # the pages' summary keys (sitegen/search/pagetext.py)
    sample_key: str = ""  # a digest of the sample's word runs


def summarise(pages: list[Fragment], sample_size: int = TERM_SAMPLE) -> ShardText:
    return add_up([page_text(page) for page in pages], sample_size)


def sample_step(pages: int, sample_size: int) -> int:
    """Every how many pages one is sampled (page 0, step, 2 * step ...)."""
    return max(1, pages // max(1, sample_size))


def add_up(pages: list[PageText], sample_size: int = TERM_SAMPLE, step: int | None = None) -> ShardText:
    """A shard's :class:`ShardText` from its pages' summaries (sitegen/search/pagetext.py), in page order;
    ``step`` overrides the sampling interval (the delta index samples as densely as the main shards)."""
    text = ShardText(Counter(), Counter(), [], [], [])
    # Terms are frequent by definition, so an evenly spread sample of a large site finds them.
    step = step or sample_step(len(pages), sample_size)
    sampled = hashlib.sha256()
    for number, page in enumerate(pages):
        text.latin.update(page.latin_words())
        text.words.update(page.words())
        text.grams.update(page.phrase_list())
        if number % step == 0:
            text.sample.append(page.run_lists())
            sampled.update(page.runs.encode("utf-8") + b"\0")
        text.titles.append(re.sub(r"\s+", "", page.page.meta.get("title", "")))
        text.pages.append(page.page)
    text.sample_key = sampled.hexdigest()
    return text


def without(part: ShardText, removed: dict[str, PageText], sample_size: int) -> ShardText:
    """``part`` (added up with ``sample_size``) less the pages in ``removed`` (by page id): what the query data
    counts of a main shard whose superseded entries the search page drops (sitegen/search/shards.py)."""
    removed = {page_id: text for page_id, text in removed.items() if page_id in {page.id for page in part.pages}}
    if not removed:
        return part
    step = sample_step(len(part.pages), sample_size)
    words, latin, grams = Counter(part.words), Counter(part.latin), Counter(part.grams)
    for text in removed.values():
        words.subtract(text.words())
        latin.subtract(text.latin_words())
        grams.subtract(text.phrase_list())
    keep = [i for i, page in enumerate(part.pages) if page.id not in removed]
    sampled = hashlib.sha256(part.sample_key.encode("ascii"))
    for page_id in sorted(removed):
        sampled.update(b"\0" + page_id.encode("utf-8"))
    return ShardText(
        +words,  # unary plus drops the words no page has any more
        +latin,
        [part.titles[i] for i in keep],
        [runs for number, runs in enumerate(part.sample) if part.pages[number * step].id not in removed],
        [part.pages[i] for i in keep],
        +grams,
        [part.page_keys[i] for i in keep] if len(part.page_keys) == len(part.pages) else [],
        sampled.hexdigest(),
    )


def with_delta(
    stage: Path,
    bundles: list[str],
    parts: list[ShardText],
    folder: str,
    superseded: frozenset[str],
    pages: PageTexts,
    sample: int,
) -> tuple[list[ShardText], dict[str, str]]:
    """The main shards' parts without their superseded pages, and the delta index's part after them: the
    counts and rows of exactly the pages the search page can find (sitegen/search/shards.py); and each delta
    page's id with the id of the entry it supersedes ("" for a page new to the index), by which the search
    page scores a delta page as its shard would (Pagefind scores each index with its own statistics)."""
    removed = {}
    for bundle, part in zip(bundles, parts, strict=True):
        for page in part.pages:
            if page.id in superseded:
                # From the page summaries (its shard's pages are among them): an edit re-reads no unchanged page.
                removed[page.id] = pages.page(stage / bundle / "fragment" / f"{page.id}.pf_fragment")[1]
    kept = [without(part, removed, sample) for part in parts]
    indexed = {page.id for part in kept for page in part.pages}
    # A page edited back to the text its shard holds has the same id there: its shard entry stands.
    texts = [text for text in pages.bundle(stage / folder)[1] if text.page.id not in indexed]
    step = sample_step(len(parts[0].pages), sample) if parts else 1
    stale = {page.url: page.id for part in parts for page in part.pages if page.id in superseded}
    replaces = {text.page.id: stale.get(text.page.url, "") for text in texts}
    return [*kept, add_up(texts, sample, step)], replaces
