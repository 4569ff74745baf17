#!/usr/bin/env python3
"""Search shards: what splitting the Pagefind index costs a query, and what it saves a rebuild.

    python benchmarks/search_shards.py --docs 10000 [--seed 1] [--shards 1,4,8,16,32] [--workdir DIR]

Builds the synthetic portal once without a search index, then indexes its searchable pages the
way sitegen does (pages split by URL hash, one Pagefind process per shard, two at a time) for
each shard count, and reports per count:
- the full index: wall time and the CPU of all Pagefind processes;
- one shard: median wall time and CPU (what a one-page edit re-indexes) and peak memory;
- per query (a first-time visitor, in Node: pagefind.js, mergeIndex for every shard, the top 10
  results loaded): bytes and requests, and the result count and top-10 overlap against one index;
- quality against a plain ground truth (the pages whose HTML contains every word of the query):
  recall and precision of the whole result list, averaged over the queries.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import build_speed  # noqa: E402
import corpus as corpus_module  # noqa: E402

from sitegen.search.pagefind import pagefind_binary  # noqa: E402
from sitegen.search.shards import INDEX_FILES, INDEX_FOLDERS, INDEX_SUFFIX, shard_of  # noqa: E402

QUERY = Path(__file__).resolve().parent / "pagefind_query.mjs"
QUERIES = [
    "最低生活保障",
    "城市更新",
    "住房公积金",
    "义务教育招生入学",
    "高龄津贴",
    "食品安全",
    "就业创业补贴",
    "养老服务设施",
    "非物质文化遗产保护",
    "示例省民政厅",
    "示例省人力资源和社会保障厅",
    "实施意见",
    "通知",
    "管理办法",
    "补助标准",
    "老旧小区改造",
    "养老服务 补贴",
    "残疾人两项补贴",
    "营商环境 民间投资",
    "政务公开工作",
]


def searchable(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "pagefind" not in p.relative_to(site).parts and b"data-pagefind-body" in p.read_bytes()
    )


def index(site: Path, pages: list[str], count: int, work: Path) -> tuple[float, list[build_speed.Sample]]:
    """Index ``pages`` in ``count`` shards into site/pagefind; returns the wall time and each shard's run."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    for page in pages:
        link = work / f"in-{shard_of(page, count):02d}" / page
        link.parent.mkdir(parents=True, exist_ok=True)
        os.link(site / page, link)

    def one(shard: int) -> build_speed.Sample:
        return build_speed.measure(
            [
                str(pagefind_binary()),
                "--site",
                str(work / f"in-{shard:02d}"),
                "--output-path",
                str(work / f"out-{shard:02d}"),
                "--silent",
            ],
            work,
        )

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        samples = list(pool.map(one, range(count)))
    wall = time.perf_counter() - started
    for shard in range(count):
        output = work / f"out-{shard:02d}"
        if shard == 0:
            shutil.move(output, site / "pagefind")
            continue
        for entry in output.iterdir():
            if entry.name not in INDEX_FOLDERS + INDEX_FILES and not entry.name.endswith(INDEX_SUFFIX):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        shutil.move(output, site / "pagefind" / "shards" / f"{shard:02d}")
    (site / "pagefind" / "sitegen-shards.json").write_text(
        json.dumps({"shards": [f"shards/{s:02d}/" for s in range(1, count)]}), encoding="utf-8"
    )
    shutil.rmtree(work, ignore_errors=True)
    return wall, samples


def ask(site: Path, words: str, top: int = 10) -> dict:
    out = subprocess.run(
        ["node", str(QUERY), str(site), words, "/pagefind/", str(top)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def containing(site: Path, pages: list[str]) -> dict[str, set[str]]:
    """For each query, the pages whose HTML contains every word of it: a plain ground truth for recall."""
    texts = {"/" + page.removesuffix("index.html"): (site / page).read_text(encoding="utf-8") for page in pages}
    return {q: {url for url, text in texts.items() if all(word in text for word in q.split())} for q in QUERIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shards", default="1,4,8,16,32")
    parser.add_argument("--workdir")
    args = parser.parse_args()
    root = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix=f"sitegen-shards-{args.docs}-"))
    if root.exists() and any(root.iterdir()) and not (root / "hugo" / "config.toml").is_file():
        raise SystemExit(f"{root} is not empty and holds no earlier benchmark corpus; refusing to delete it")
    shutil.rmtree(root, ignore_errors=True)
    print(f"生成语料 generating {args.docs} documents in {root} …", file=sys.stderr, flush=True)
    site_corpus = corpus_module.generate(root, args.docs, args.seed)
    bench = build_speed.Bench(site_corpus, args.seed)
    bench.sitegen("--no-search")
    site = bench.site
    pages = searchable(site)
    counts = [int(c) for c in args.shards.split(",")]
    truth = containing(site, pages)
    rows, baseline = [], {}
    for count in counts:
        print(f"{count} 个分片 shards …", file=sys.stderr, flush=True)
        wall, samples = index(site, pages, count, root / "work")
        answers = {q: ask(site, q) for q in QUERIES}
        found = {q: set(ask(site, q, top=1_000_000)["top"]) for q in QUERIES}
        if count == counts[0]:
            baseline = answers
        overlap = statistics.mean(
            len(set(a["top"]) & set(baseline[q]["top"])) / max(1, len(set(baseline[q]["top"])))
            for q, a in answers.items()
        )
        same_count = sum(a["count"] == baseline[q]["count"] for q, a in answers.items())
        recall = statistics.mean(len(found[q] & truth[q]) / len(truth[q]) for q in QUERIES if truth[q])
        precision = statistics.mean(len(found[q] & truth[q]) / len(found[q]) for q in QUERIES if found[q])
        rows.append(
            (
                count,
                len(pages) / count,
                wall,
                sum(s.cpu for s in samples),
                statistics.median(s.wall for s in samples),
                statistics.median(s.cpu for s in samples),
                max(s.largest_rss for s in samples) / 1e6,
                statistics.mean(a["bytes"] for a in answers.values()) / 1e3,
                statistics.mean(a["requests"] for a in answers.values()),
                overlap,
                same_count,
                recall,
                precision,
            )
        )
    print(
        f"\n{args.docs} documents, {len(pages)} searchable pages, {len(QUERIES)} queries; overlap and counts "
        f"against {counts[0]} shard(s)\n"
    )
    print(
        "| shards | pages/shard | full index wall s | full index CPU s | one shard wall s | one shard CPU s "
        "| shard peak MB | KB per query | requests per query | top-10 overlap | same result count "
        "| recall | precision |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r[0]} | {r[1]:.0f} | {r[2]:.1f} | {r[3]:.1f} | {r[4]:.2f} | {r[5]:.2f} | {r[6]:.0f} | {r[7]:.0f} "
            f"| {r[8]:.1f} | {r[9]:.2f} | {r[10]}/{len(QUERIES)} | {r[11]:.2f} | {r[12]:.2f} |"
        )


if __name__ == "__main__":
    main()
