"""The per-page rows in parts (sitegen/search/docrows.py): every row once, in the part of its id's hash, the
title keys in the part of the key, parts bounded whatever the number of pages, and the hash the worker uses."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.search.docrows import (
    ONE_PART_PAGES,
    ROWS_PER_PART,
    bucket_of,
    facet_totals,
    part_count,
    split_rows,
    title_bucket,
)
from sitegen.search.querydata import title_key

ROOT = Path(__file__).resolve().parent.parent


def generated_rows(count: int, seed: int) -> list[list]:
    rng = random.Random(seed)
    return [
        [
            f"zh-cn_{rng.getrandbits(28):07x}",
            20250101 + rng.randrange(300),
            title_key(f"标题{rng.randrange(count)}"),
            [[rng.randrange(3)], [rng.randrange(5)], [], [rng.randrange(2)], []],
        ]
        for _ in range(count)
    ]


@pytest.mark.parametrize("count", [0, 1, ROWS_PER_PART + 1, ONE_PART_PAGES, ONE_PART_PAGES + 1, 5000])
def test_every_row_is_in_its_part_once_and_parts_are_bounded(count: int):
    rows = generated_rows(count, count)
    files = split_rows(rows)
    parts = part_count(count)
    if count <= ONE_PART_PAGES:
        assert parts == 1, "a small site's rows are one part, loaded at once"
    else:
        assert parts & (parts - 1) == 0 and ROWS_PER_PART / 2 < count / parts <= ROWS_PER_PART
    found = []
    for n in range(parts):
        part = json.loads(files[f"{n}.json"])
        assert all(bucket_of(row[0], parts) == n for row in part)
        found.extend(part)
        titles = json.loads(files.get(f"t{n}.json", "{}"))
        assert all(title_bucket(key, parts) == n for key in titles)
    assert sorted(found) == sorted(rows)
    # Rows are spread evenly enough that no part is far above its share.
    assert parts == 1 or all(len(json.loads(files[f"{n}.json"])) <= 2 * ROWS_PER_PART for n in range(parts))
    if parts == 1:
        assert "t0.json" not in files, "one part: the worker reads the title keys from the rows"
        return
    titled = {(key, page) for n in range(parts) for key, ids in json.loads(files[f"t{n}.json"]).items() for page in ids}
    assert titled == {(row[2], row[0]) for row in rows}


def test_same_rows_same_bytes():
    rows = generated_rows(500, 1)
    assert split_rows(rows) == split_rows(json.loads(json.dumps(rows)))


def test_facet_totals_count_every_page_of_each_value():
    rows = generated_rows(400, 2)
    facets = [
        ["type", "", ["a", "b", "c"]],
        ["topic", "", list("vwxyz")],
        ["issuer", "", []],
        ["year", "", ["1", "2"]],
        ["validity", "", []],
    ]
    totals = facet_totals(facets, rows)
    assert totals[0] == [sum(1 for r in rows if r[3][0] == [i]) for i in range(3)]
    assert sum(totals[1]) == len(rows) and totals[2] == []


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_worker_places_ids_and_keys_in_the_same_parts():
    rows = generated_rows(200, 3) + [["zh-cn_ü中文", 0, title_key("社会救助暂行办法"), [[], [], [], [], []]]]
    module = ROOT / "themes/default/static/js/search/docrows.js"
    script = (
        f"import {{ bucketOf, titleBucket }} from {json.dumps(module.as_uri())};"
        f"const rows = {json.dumps(rows)};"
        "console.log(JSON.stringify(rows.map(([id, , key]) => [bucketOf(id, 64), titleBucket(key, 64)])));"
    )
    printed = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(printed.stdout) == [[bucket_of(row[0], 64), title_bucket(row[2], 64)] for row in rows]
