"""Query understanding data for the search page, built from the Pagefind bundle and the site config.

The browser cannot segment Chinese the way the indexer did, has no pinyin dictionary and knows no
synonyms. This module ships those as small static JSON files with content-hashed names:

- the query data, loaded with the first search: the indexer's own words with their frequency and
  pinyin (to split a query into indexed words and to read pinyin), the synonym table, popular terms;
- one compact row per indexed page (facet values, date, title key) so that facet counts, filters and
  ranking work on any combination of searches without downloading the pages, in parts loaded only for
  the pages a query ranks (search/docrows.py);
- frequent multi-word terms (for pinyin, typos, suggestions), loaded only by a query that needs them;
- a character-to-pinyin table, loaded only when a query found nothing and may hold a typo.

Everything is derived from the indexed text (``Fragment.content`` keeps the indexer's word
boundaries as U+200B), so it never contains more than the public pages already show.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitegen.model.config import SiteConfig
from sitegen.model.kinds import search_types, search_weights
from sitegen.model.records import VALIDITY
from sitegen.search import popular
from sitegen.search.docrows import write_doc_rows
from sitegen.search.pagefind_bundle import Fragment, pagefind_start
from sitegen.search.pagetext import HAN, TERM_SAMPLE, PageTexts, ShardText, add_up, with_delta
from sitegen.search.querymemo import QueryMemo
from sitegen.search.readings import ReadingTable
from sitegen.search.readingstate import IncrementalTable, write_parts
from sitegen.search.terms import MIN_TERM_PAGES, STOP, runs_text, sample_terms
from sitegen.store.staging import StagedOutput

_HAN_WORD = re.compile(f"[{HAN}]+")
# Facets: URL parameter, legend on the search page, and the value order of each (config order).
FACETS = (("type", "类型"), ("topic", "主题分类"), ("issuer", "发文机关"), ("year", "发布年份"), ("validity", "有效性"))
# Ranking weight of a page type: catalog items and plain pages lead to the documents, which come first.
TYPE_WEIGHTS = search_weights()
# Size limits keep the file small on large sites; rarer words than these fall back to Pagefind alone.
MAX_WORDS = 20000
MAX_TERMS = 4000
PAGE_LANGUAGE = "zh-CN"  # <html lang> of every page (base.html): Pagefind indexes the pages under it


@dataclass(frozen=True)
class QueryFiles:
    """Site-absolute URLs of the query files; empty when the build made no search index."""

    data: str = ""
    chars: str = ""
    parts: tuple[str, ...] = ()  # the pinyin table's parts (search/readings.py) and the rows' (search/docrows.py)
    shards: tuple[str, ...] = ()  # index folders the worker merges before plain Pagefind's first answer
    superseded: tuple[str, ...] = ()  # entries the delta index replaces (search/shards.py), also for quick.js
    # Pagefind's index metadata and WebAssembly for the site's language: the search page preloads them.
    preload: tuple[str, ...] = ()
    terms: str = ""  # the multi-word terms, loaded only by the queries that need them (named in the data)


def syllables(text: str) -> str:
    """Toneless pinyin, syllables separated by spaces (ü written v, as typed on keyboards)."""
    # Imported on first use: loading pypinyin's dictionaries takes most of a no-op build's start-up.
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(text, style=Style.NORMAL, errors="ignore"))


def syllable_list(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, errors="ignore")


def title_key(title: str) -> str:
    """FNV-1a over the code points of the title without case, spaces or punctuation (query.js titleKey mirrors it)."""
    value = 0x811C9DC5
    for char in unicodedata.normalize("NFKC", title).lower():
        if unicodedata.category(char)[0] in "LN":
            value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return format(value, "08x")


def synonym_areas() -> dict[str, dict[str, list[str]]]:
    """The built-in plain-language table by area of the standard catalogue (sitegen/data/synonyms.yaml)."""
    text = resources.files("sitegen").joinpath("data/synonyms.yaml").read_text(encoding="utf-8")
    return {
        str(area): {str(k): [str(v) for v in values] for k, values in entries.items()}
        # libyaml's loader when PyYAML has it: the pure-Python one takes 0.5 s of every query-data build.
        for area, entries in yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)).items()
    }


def default_synonyms() -> dict[str, list[str]]:
    """The built-in table, citizen's word -> official terms (tests/test_synonyms_table.py: each word once)."""
    return {word: terms for entries in synonym_areas().values() for word, terms in entries.items()}


def synonym_table(config: SiteConfig) -> dict[str, list[str]]:
    """The built-in table extended by site.yaml ``synonyms`` (a site's terms come after the built-in ones)."""
    table = default_synonyms()
    for word, terms in config.synonyms.items():
        table[word] = list(dict.fromkeys([*table.get(word, []), *terms]))
    return {word: terms for word, terms in sorted(table.items()) if terms}


@dataclass
class Vocabulary:
    words: Counter  # indexed Han word -> occurrences in all pages
    terms: Counter  # multi-word term -> number of pages containing it
    latin: Counter  # latin word (pdf, excel ...) -> occurrences


def vocabulary(parts: list[ShardText], memo: QueryMemo | None = None) -> Vocabulary:
    words: Counter = sum((part.words for part in parts), Counter())
    latin: Counter = sum((part.latin for part in parts), Counter())
    texts = [runs_text(found) for part in parts for found in part.sample]
    # The memo updates the last build's counts by the sampled pages that changed (sitegen/search/terms.py).
    terms = memo.sampled_terms(texts, MIN_TERM_PAGES) if memo is not None else sample_terms(texts, MIN_TERM_PAGES)
    return Vocabulary(words, terms, latin)


def top(counts: Counter, limit: int) -> list[tuple[str, int]]:
    """The ``limit`` most frequent entries, ties by text, in text order: the same whatever order the counts
    were added up in (an incremental build adds them up in another order than a clean one)."""
    return sorted(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit])


def _ordered(values: set[str], order: list[str]) -> list[str]:
    return [v for v in order if v in values] + sorted(values - set(order))


def doc_table(
    pages: list[Fragment], config: SiteConfig, key_of: Callable[[str], str] = title_key
) -> tuple[list[list[Any]], list[list[Any]]]:
    """Facet definitions ``[param, legend, values]`` and one row per page ``[id, date, title key, values]``."""
    seen: dict[str, set[str]] = {key: set() for key, _ in FACETS}
    for page in pages:
        for key, _ in FACETS:
            seen[key].update(page.filters.get(key, []))
    orders = {
        "type": search_types(),
        "topic": [t.name for t in config.topics],
        "issuer": [a.name for a in config.agencies],
        "year": sorted(seen["year"], reverse=True),
        "validity": list(VALIDITY.values()),
    }
    facets = [[key, legend, _ordered(seen[key], orders[key])] for key, legend in FACETS]
    index = {key: {v: i for i, v in enumerate(values)} for key, _, values in facets}
    rows = []
    for page in pages:
        date = page.meta.get("date", "")
        rows.append(
            [
                page.id,
                int(date.replace("-", "")) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else 0,
                key_of(page.meta.get("title", "")),
                [[index[key][v] for v in page.filters.get(key, [])] for key, _ in FACETS],
            ]
        )
    return facets, rows


def popular_terms(titles: list[str], vocab: Vocabulary, config: SiteConfig, memo: QueryMemo | None = None) -> list[str]:
    """Topical multi-word terms that several page titles share (sitegen/search/popular.py)."""
    agencies = [a.name for a in config.agencies]
    if memo is None:
        return popular.popular_terms(titles, vocab.terms, agencies)
    memo.titles = memo.titles or popular.TitleCounts()
    return popular.popular_terms(titles, vocab.terms, agencies, memo.titles)


def query_data(
    parts: list[ShardText], config: SiteConfig, shards: Sequence[str] = (), memo: QueryMemo | None = None
) -> dict[str, Any]:
    memo = memo or QueryMemo()

    def syllables(text: str) -> str:
        return " ".join(memo.reading(text, syllable_list))

    vocab = vocabulary(parts, memo)
    pages = [page for part in parts for page in part.pages]
    known, memo.title_keys = memo.title_keys, {}

    def key_of(title: str) -> str:
        # Remembered by title: the key reads the title character by character in Python (0.2 s at 10,000 pages).
        key = memo.title_keys[title] = known.get(title) or title_key(title)
        return key

    facets, docs = doc_table(pages, config, key_of)
    words = top(vocab.words, MAX_WORDS)
    terms = top(vocab.terms, MAX_TERMS)
    return {
        "version": 1,
        "facets": facets,
        "docs": docs,
        # [word, occurrences, pinyin]: the units the indexer split the text into.
        "words": [[w, n, syllables(w)] for w, n in words],
        # [term, pages, pinyin]: recurring runs of several words (政务公开 = 政务 + 公开).
        "terms": [[t, n, syllables(t)] for t, n in terms],
        "latin": sorted(w for w, n in vocab.latin.items() if n >= 2),
        "synonyms": synonym_table(config),
        "popular": popular_terms([title for part in parts for title in part.titles], vocab, config, memo),
        "weights": TYPE_WEIGHTS,
        "total": sum(n for _, n in words),
        # The index folders to merge into the first one (a large site's index is split into shards).
        "shards": list(shards),
    }


def char_table(extra: set[str]) -> dict[str, str]:
    """Syllable -> characters read that way: the 3,755 common characters (GB 2312 level 1) and the site's own."""
    from pypinyin import Style, pinyin

    chars = set(extra)
    for first in range(0xB0, 0xD8):
        for second in range(0xA1, 0xFF):
            try:
                chars.add(bytes([first, second]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    table: dict[str, list[str]] = {}
    for char in sorted(chars):
        if _HAN_WORD.fullmatch(char):
            for readings in pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore"):
                for reading in readings:
                    table.setdefault(reading, []).append(char)
    return {reading: "".join(table[reading]) for reading in sorted(table)}


def _write_hashed(out: StagedOutput, stem: str, value: Any) -> str:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    name = f"search/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.json"
    out.write(name, data)
    return "/" + name


def write_query_files(
    out: StagedOutput,
    config: SiteConfig,
    bundles: list[str],
    memo: dict[str, ShardText],
    pages: PageTexts,
    pinyin: QueryMemo | None = None,
    delta: tuple[str | None, frozenset[str]] = (None, frozenset()),
) -> QueryFiles:
    """Write both files beside the index in the staged output; returns their URLs for the search page.

    ``bundles`` are the output folders of the index shards, the first holding Pagefind's scripts.
    ``memo`` holds each shard's :class:`ShardText` by its index entry (which names every page it
    holds by content); on return it holds exactly the current shards'. A shard not in the memo is
    added up from its pages' summaries, of which ``pages`` makes only those not made before.
    """
    sample = TERM_SAMPLE // len(bundles)
    parts = []
    keys = []
    for bundle in bundles:
        entry = (Path(out.stage) / bundle / "pagefind-entry.json").read_bytes()
        key = f"{hashlib.sha256(entry).hexdigest()}:{sample}:grams"
        if key in memo:
            pages.used.update(memo[key].page_keys)
        else:
            page_keys, texts = pages.bundle(Path(out.stage) / bundle)
            memo[key] = add_up(texts, sample)
            memo[key].page_keys = page_keys
        parts.append(memo[key])
        keys.append(key)
    for stale in set(memo) - set(keys):
        del memo[stale]
    pinyin = pinyin or QueryMemo()
    shards = [f"/{bundle}/" for bundle in bundles[1:]]
    if delta[0] is not None:
        parts, replaces = with_delta(Path(out.stage), bundles, parts, delta[0], delta[1], pages, sample)
        shards.append(f"/{delta[0]}/")
    data = query_data(parts, config, shards, pinyin)
    if delta[0] is not None:
        data.update(superseded=sorted(delta[1]), replaces=sorted(replaces.items()))
    words = sum((part.words for part in parts), Counter())
    reader = ReadingTable(lambda text: pinyin.reading(text, syllable_list), STOP)
    # Updated from the last build's table by the counts that changed (sitegen/search/readingstate.py).
    table, pinyin.table = IncrementalTable(reader).update(pinyin.table, words, sum((p.grams for p in parts), Counter()))
    pinyin.used.update(words)  # the table holds readings of words this build did not read: keep them
    data["readings"] = write_parts(out, table, pinyin.table)
    written = list(data["readings"].values())
    chars = {c for w, _, _ in data["words"] for c in w} | {c for t in data["synonyms"] for c in t}
    data["docs"], rows = write_doc_rows(out, data["facets"], data["docs"])
    data["termsUrl"] = terms = _write_hashed(out, "query-terms", data.pop("terms"))
    return QueryFiles(
        _write_hashed(out, "query-data", data),
        _write_hashed(out, "pinyin-chars", pinyin.char_table(chars, char_table)),
        (*written, *rows),
        tuple(shards),
        tuple(sorted(delta[1])) if delta[0] is not None else (),
        pagefind_start(Path(out.stage) / bundles[0], PAGE_LANGUAGE),
        terms,
    )
