"""The per-page rows of the query data, split into parts the search worker loads only for the pages it ranks.

Each indexed page has one row ``[id, date, title key, facet values]`` (querydata.py doc_table). Shipped in
the query data itself they made the first search download about 68 bytes per page before anything else: 245
KB of gzip at 10,000 pages, and without bound beyond. Here they are split into parts of at most
ROWS_PER_PART rows by a hash of the page id, and the pages' title keys into parts by the key, so that:

- the worker ranks a query's pages by loading the rows of its best-scored pages only (the type weights
  are at most 1, so a page Pagefind scores lower cannot overtake a loaded one that outranks its score);
- a query that is a page's title finds that page through one part of the title keys;
- filters, date order and facet counts load the parts of the pages found (after the first results);
- the counts of the facets over all pages (the search page without a query) are in the manifest.

The manifest in the query data has a fixed size whatever the number of pages: the folder (named by a hash
of all parts, so every name changes with the content) and the number of parts. search/docrows.js in the
theme mirrors :func:`bucket_of`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sitegen.store.staging import StagedOutput

# Rows per part at most: a part of 128 rows is about 5-8 KB raw, 2 KB gzip, the cost of one extra page
# the worker ranks; smaller parts would cost more requests than bytes on a phone's round trips.
ROWS_PER_PART = 128
# Up to this many pages the rows are one part, which the worker loads at once beside the query data: a first
# query ranks at least 14 pages, which on a small site touch nearly every part of 128 rows, one request each
# (measured at 1,374 pages: 16 parts, +18 requests and +1.5 s on the throttled phone). At most this many rows
# is also about what 14 parts of a large site hold, so a first query loads about the same whatever the size.
ONE_PART_PAGES = 2048
FOLDER = "search/docs"


def fnv1a(text: str) -> int:
    """FNV-1a over the code points of the text (docrows.js fnv1a mirrors it)."""
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def part_count(pages: int) -> int:
    """One part for a small site, else the smallest power of two of parts holding the pages at ROWS_PER_PART
    each (a power of two, so that a bucket is the low bits of a hash)."""
    count = 1
    while count * ROWS_PER_PART < pages and pages > ONE_PART_PAGES:
        count *= 2
    return count


def bucket_of(page_id: str, parts: int) -> int:
    return fnv1a(page_id) & (parts - 1)


def title_bucket(key: str, parts: int) -> int:
    """The part of a title key: the key is already an FNV-1a hash (querydata.py title_key)."""
    return int(key, 16) & (parts - 1)


def facet_totals(facets: list[list[Any]], rows: list[list[Any]]) -> list[list[int]]:
    """The number of pages with each value of each facet, for the search page without a query."""
    totals = [[0] * len(values) for _, _, values in facets]
    for row in rows:
        for f, values in enumerate(row[3]):
            for value in values:
                totals[f][value] += 1
    return totals


def split_rows(rows: list[list[Any]]) -> dict[str, bytes]:
    """File name in the folder -> content: ``<n>.json`` the rows of bucket n (in page order), ``t<n>.json``
    the title keys of bucket n (key -> page ids) when there are several parts."""
    parts = part_count(len(rows))
    buckets: list[list[list[Any]]] = [[] for _ in range(parts)]
    titles: list[dict[str, list[str]]] = [{} for _ in range(parts)]
    for row in rows:
        buckets[bucket_of(row[0], parts)].append(row)
        titles[title_bucket(row[2], parts)].setdefault(row[2], []).append(row[0])
    files = {}
    for n in range(parts):
        files[f"{n}.json"] = _encode(buckets[n])
        # One part holds every row and its title key: the worker reads the titles from it (docrows.js titled).
        if parts > 1:
            files[f"t{n}.json"] = _encode(dict(sorted(titles[n].items())))
    return files


def write_doc_rows(
    out: StagedOutput, facets: list[list[Any]], rows: list[list[Any]]
) -> tuple[dict[str, Any], list[str]]:
    """Write the parts; returns the manifest for the query data and the site-absolute names written."""
    files = split_rows(rows)
    digest = hashlib.sha256()
    for name, data in sorted(files.items()):
        digest.update(name.encode() + b"\0" + data + b"\0")
    folder = f"{FOLDER}.{digest.hexdigest()[:10]}"
    written = []
    for name, data in sorted(files.items()):
        out.write(f"{folder}/{name}", data)
        written.append(f"/{folder}/{name}")
    manifest = {"url": f"/{folder}/", "parts": part_count(len(rows)), "pages": len(rows)}
    return {**manifest, "totals": facet_totals(facets, rows)}, written


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
