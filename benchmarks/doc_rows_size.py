"""Size of the per-page rows of the query data at any number of pages, whole and in parts (search/docrows.py).

Calls the builder directly: the rows of a built site (its Pagefind bundle, through querydata.py doc_table) are
the model; for N pages, rows are drawn from them (dates and facet values as the site has them) with new page
ids in Pagefind's format and new title keys (every page its own title: the most the parts can hold). Prints the
bytes the query data carried before (every row, up front), the manifest it carries now, the parts (raw and gzip),
and what a first query loads: the parts of the pages ranked (docrows.js: 14 pages when the order settles
at once, at most 40 for a page of 10 results) and one title part.

Usage: python benchmarks/doc_rows_size.py --site DIR/_site [--pages 10000,100000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from sitegen.diagnostics.core import Diagnostics  # noqa: E402
from sitegen.load.config import load_config  # noqa: E402
from sitegen.search.docrows import bucket_of, part_count, split_rows, title_bucket  # noqa: E402
from sitegen.search.pagefind_bundle import fragments  # noqa: E402
from sitegen.search.querydata import doc_table  # noqa: E402


def rows_like(model: list[list], pages: int, seed: int) -> list[list]:
    rng = random.Random(seed)
    return [
        [f"zh-cn_{rng.getrandbits(28):07x}", row[1], f"{rng.getrandbits(32):08x}", row[3]]
        for row in (rng.choice(model) for _ in range(pages))
    ]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0)) if data else 0


def report(rows: list[list], seed: int) -> None:
    whole = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()
    files = split_rows(rows)
    parts = part_count(len(rows))
    row_parts = [files[f"{n}.json"] for n in range(parts)]
    title_parts = [files.get(f"t{n}.json", b"") for n in range(parts)]  # none when there is one part
    manifest = {"url": "/search/docs.0123456789/", "parts": parts, "pages": len(rows), "totals": [[0] * 12] * 5}
    rng = random.Random(seed)
    first = []  # part numbers a first query loads, for 14 and 40 ranked pages of a random result
    for ranked in (14, 40):
        chosen = rng.sample(rows, min(ranked, len(rows)))
        first.append({bucket_of(row[0], parts) for row in chosen})
    title = title_parts[title_bucket(rows[0][2], parts)] if rows else b""
    print(
        f"{len(rows):>7} pages: before, every row up front {len(whole) / 1024:8.1f} KB raw"
        f" {gz(whole) / 1024:7.1f} KB gzip"
        f" | now up front (manifest) {len(json.dumps(manifest))} B | {parts} parts of rows:"
        f" median {statistics.median(map(len, row_parts)) / 1024:.1f} KB raw"
        f" {statistics.median(map(gz, row_parts)) / 1024:.1f} KB gzip (max {max(map(gz, row_parts)) / 1024:.1f}),"
        f" title parts median {statistics.median(map(gz, title_parts)) / 1024:.1f} KB gzip"
    )
    for ranked, loaded in zip((14, 40), first, strict=True):
        size = sum(gz(row_parts[n]) for n in loaded) + gz(title)
        print(
            f"         first query ranking {ranked} pages: {len(loaded)} row parts"
            f"{' + 1 title part' if parts > 1 else ' (titles read from the rows)'}"
            f" = {size / 1024:.1f} KB gzip"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True, help="a built site (its pagefind/ folder is read)")
    parser.add_argument("--pages", default="1000,10000,100000")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pages = fragments(args.site / "pagefind")
    config = load_config(args.site.parent / "site.yaml", Diagnostics())
    assert config is not None, "the site's site.yaml does not load"
    _, model = doc_table(pages, config)
    print(f"model: {len(model)} rows of {args.site}")
    report(model, args.seed)
    for count in (int(n) for n in args.pages.split(",")):
        report(rows_like(model, count, args.seed + count), args.seed)


if __name__ == "__main__":
    main()
