"""Generated search evaluation: queries sampled by program from a built site's indexed text.

For each site (see benchmarks/eval_sites.py) a fixed seed picks pages uniformly and phrases inside them
along the indexer's word boundaries (so a phrase used by a single page is as likely as a frequent one),
then turns each phrase into a query of one kind:

==================  ==================================================================================
exact               a 2-4 character phrase as written
substring           any 2-6 Han characters of the text, ignoring word boundaries ("grep versus search")
long                a 7-14 character phrase
title               a page's whole title
pinyin-spaced       the phrase's toneless pinyin, a space between words (``shehui jiuzhu``)
pinyin-unspaced     the same without spaces (``shehuijiuzhu``)
pinyin-mixed        one word in pinyin, the rest in Han characters (``shehui救助``)
initials            the initials of a 4-6 character phrase (``shjz``)
typo                a 3-6 character phrase with one character replaced by a common homophone that makes
                    a string found nowhere on the site (``社会就助``)
typo-found          the same, but the typo happens to occur on 1-3 pages, and the phrase meant on at least
                    4 times as many: the query finds some, wrong, pages (expected: the phrase's pages)
==================  ==================================================================================

Expected = every page whose indexed text (or title) contains the phrase. recall@10 = share of
min(10, expected) found in the first ten results; MRR = 1 / rank of the first expected page.
A hand-written set (benchmarks/search_hand_queries.yaml) is scored the same way and reported apart.

Usage::

    python benchmarks/search_eval.py --work /tmp/s13eval [--sites regs-tune,corpus] [--per-kind 40]
        [--engines ours,plain] [--hand] [--verbose KIND] [--json OUT]

Queries run in Node through the very worker module the site ships (benchmarks/search_eval.mjs). To try a
change to the worker's JavaScript alone without rebuilding, set ``SEARCH_MODULES`` to a folder of modules
(``themes/default/static/js/search`` of a checkout); ``--kinds initials,typo`` scores only those kinds, with
the same queries as a full run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.eval_sites import SITES, make  # noqa: E402
from sitegen.search.pagefind_bundle import fragments  # noqa: E402

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
KINDS = (
    "exact",
    "substring",
    "long",
    "title",
    "pinyin-spaced",
    "pinyin-unspaced",
    "pinyin-mixed",
    "initials",
    "typo",
    "typo-found",
)
# typo-found: the typo occurs on at most this many pages, the phrase meant on at least this many times more.
RARE_TYPO_PAGES = 3
TYPO_MARGIN = 4
# Single characters that make a phrase read as a fragment when they open or close it (grammar, not tuning).
EDGE = set("的了和与及或在对为等是于将由从按把被并而且其之以所也就都但个各经已此该本条款项第")


class Page:
    def __init__(self, url: str, title: str, content: str):
        self.url = url
        self.title = re.sub(r"\s+", "", title)
        self.text = content.replace("\u200b", "").lower() + "\n" + self.title
        self.runs = [
            [w for w in run.split("\u200b") if w] for run in re.findall(f"[{HAN}]+(?:\u200b+[{HAN}]+)*", content)
        ]


def load_pages(site: Path) -> list[Page]:
    """The indexed pages, each under the URL its search result links to: a question page names its entry in the
    Q&A library (data-pagefind-meta url), so expected and found URLs agree for both engines."""
    return [Page(f.meta.get("url") or f.url, f.meta.get("title", ""), f.content) for f in fragments(site / "pagefind")]


def _pinyin(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, errors="ignore", v_to_u=False)


def homophones() -> dict[str, list[str]]:
    """Toneless syllable -> common characters (GB 2312 level 1) read that way (first reading only)."""
    from pypinyin import Style, pinyin

    table: dict[str, list[str]] = defaultdict(list)
    for first in range(0xB0, 0xD8):
        for second in range(0xA1, 0xFF):
            try:
                char = bytes([first, second]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            table[pinyin(char, style=Style.NORMAL)[0][0]].append(char)
    return table


def phrase(
    rng: random.Random, pages: list[Page], low: int, high: int, min_words: int = 1
) -> tuple[str, list[str]] | None:
    """A run of whole indexed words of low..high characters from a random page, with its words."""
    page = rng.choice(pages)
    runs = [run for run in page.runs if len("".join(run)) >= low and len(run) >= min_words]
    if not runs:
        return None
    run = rng.choice(runs)
    start = rng.randrange(len(run))
    words: list[str] = []
    for word in run[start:]:
        if len("".join(words + [word])) > high:
            break
        words.append(word)
        if len("".join(words)) >= low and len(words) >= min_words and rng.random() < 0.5:
            break
    text = "".join(words)
    if not (low <= len(text) <= high) or len(words) < min_words or text[0] in EDGE or text[-1] in EDGE:
        return None
    return text, words


def typo_found(typo: str, meant: str, texts: list[str]) -> bool:
    """The typo occurs on 1 to RARE_TYPO_PAGES pages and the phrase meant on TYPO_MARGIN times as many."""
    pages = sum(typo in t for t in texts)
    return 1 <= pages <= RARE_TYPO_PAGES and sum(meant in t for t in texts) >= TYPO_MARGIN * pages


def generate(pages: list[Page], per_kind: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    chars = homophones()
    texts = [p.text for p in pages]
    queries: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, q: str, target: str) -> bool:
        if (kind, q) in seen:
            return False
        expected = [p.url for p in pages if target in p.text]
        if not expected:
            return False
        seen.add((kind, q))
        queries.append({"kind": kind, "q": q, "target": target, "expected": expected})
        return True

    for kind in KINDS:
        made = tries = 0
        while made < per_kind and tries < per_kind * 200:
            tries += 1
            if kind == "title":
                page = rng.choice(pages)
                made += bool(page.title) and add(kind, page.title, page.title)
                continue
            if kind == "substring":
                page = rng.choice(pages)
                runs = [r for r in ("".join(run) for run in page.runs) if len(r) >= 2]
                if runs:
                    run = rng.choice(runs)
                    size = rng.randint(2, min(6, len(run)))
                    start = rng.randint(0, len(run) - size)
                    made += add(kind, run[start : start + size], run[start : start + size])
                continue
            low, high, min_words = {
                "exact": (2, 4, 1),
                "long": (7, 14, 2),
                "initials": (4, 6, 1),
                "typo": (3, 6, 1),
                "typo-found": (3, 6, 1),
                "pinyin-mixed": (3, 6, 2),
            }.get(kind, (2, 6, 1))
            found = phrase(rng, pages, low, high, min_words)
            if not found:
                continue
            text, words = found
            if kind in ("exact", "long"):
                made += add(kind, text, text)
            elif kind == "pinyin-spaced":
                made += add(kind, " ".join("".join(_pinyin(w)) for w in words), text)
            elif kind == "pinyin-unspaced":
                made += add(kind, "".join(_pinyin(text)), text)
            elif kind == "pinyin-mixed":
                at = rng.randrange(len(words))
                mixed = "".join("".join(_pinyin(w)) if i == at else w for i, w in enumerate(words))
                made += add(kind, mixed, text)
            elif kind == "initials":
                made += add(kind, "".join(s[0] for s in _pinyin(text)), text)
            elif kind in ("typo", "typo-found"):
                at = rng.randrange(len(text))
                syllables = _pinyin(text[at])
                options = [c for c in chars.get(syllables[0] if syllables else "", []) if c != text[at]]
                if not options:
                    continue
                if kind == "typo-found":
                    # Only replacements that happen to occur somewhere (rare when drawn at random).
                    options = [c for c in options if typo_found(text[:at] + c + text[at + 1 :], text, texts)]
                    if not options:
                        continue
                typo = text[:at] + rng.choice(options) + text[at + 1 :]
                if kind == "typo" and any(typo in t for t in texts):
                    continue
                made += add(kind, typo, text)
    return queries


def hand_queries(pages: list[Page], name: str = "search_hand_queries.yaml") -> list[dict]:
    """A hand-written set; its rows are grouped by "kind" (or by "area" for the plain-language set)."""
    import yaml

    data = yaml.safe_load((PROJECT / "benchmarks" / name).read_text(encoding="utf-8"))
    out = []
    for item in data["queries"]:
        targets = item["find"] if isinstance(item["find"], list) else [item["find"]]
        expected = [p.url for p in pages if any(t in p.text for t in targets)]
        if expected:
            kind = item.get("kind") or item["area"]
            out.append({"kind": kind, "q": item["q"], "target": "|".join(targets), "expected": expected})
    return out


def run(site: Path, engine: str, queries: list[dict]) -> tuple[dict, list[dict]]:
    script = str(PROJECT / "benchmarks" / "search_eval.mjs")
    done = subprocess.run(
        ["node", "--experimental-detect-module", script, str(site), engine],
        input=json.dumps([q["q"] for q in queries]),
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if len(lines) != len(queries) + 1:
        raise SystemExit(f"search_eval.mjs failed on {site} ({engine}):\n{done.stderr[-3000:]}")
    return lines[0]["startup"], lines[1:]


def score(query: dict, top: list[str]) -> tuple[float, float]:
    expected = set(query["expected"])
    found = [url for url in top[:10] if url in expected]
    recall = len(found) / min(10, len(expected))
    rank = next((i for i, url in enumerate(top[:10], 1) if url in expected), 0)
    return recall, (1 / rank if rank else 0.0)


def report(title: str, queries: list[dict], results: dict[str, list[dict]], verbose: str = "") -> dict:
    table: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
    for engine, answers in results.items():
        for query, answer in zip(queries, answers, strict=True):
            r, m = score(query, answer["top"])
            table[query["kind"]][engine].append((r, m))
            table["overall"][engine].append((r, m))
            if verbose and engine == "ours" and verbose in (query["kind"], "all") and r < 1:
                print(
                    f"  MISS {query['kind']} {query['q']!r} -> {query['target']} r={r:.2f} "
                    f"expected={len(query['expected'])} mode={answer.get('mode')} "
                    f"readings={answer.get('readings')} corrected={answer.get('corrected')} top={answer['top'][:3]}"
                )
    engines = list(results)
    print(f"\n### {title}\n")
    print("| kind | queries | " + " | ".join(f"{e} recall@10 | {e} MRR" for e in engines) + " |")
    print("| --- | ---: | " + " | ".join("---: | ---:" for _ in engines) + " |")
    summary = {}
    for kind in [*dict.fromkeys(q["kind"] for q in queries), "overall"]:
        cells = []
        for engine in engines:
            values = table[kind][engine]
            recall = sum(v[0] for v in values) / len(values)
            mrr = sum(v[1] for v in values) / len(values)
            summary.setdefault(kind, {})[engine] = (round(recall, 3), round(mrr, 3), len(values))
            cells.append(f"{recall:.3f} | {mrr:.3f}")
        name = f"**{kind}**" if kind == "overall" else kind
        print(f"| {name} | {len(table[kind][engines[0]])} | " + " | ".join(cells) + " |")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path("/tmp/sitegen-search-eval"))
    parser.add_argument("--sites", default=",".join(SITES))
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--engines", default="ours,plain")
    parser.add_argument("--hand", action="store_true", help="also score the hand-written set")
    parser.add_argument(
        "--plain", action="store_true", help="score only the held-out plain-language set (search_plain_queries.yaml)"
    )
    parser.add_argument("--no-build", action="store_true", help="use the sites already built in --work")
    parser.add_argument("--verbose", default="", help="print the misses of one kind (or 'all')")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--kinds", default="", help="only these kinds (comma-separated; same queries as a full run)")
    args = parser.parse_args()
    everything = {}
    for name in args.sites.split(","):
        site = args.work / name / "_site" if args.no_build else make(name, args.work)
        pages = load_pages(site)
        generated = [] if args.plain else generate(pages, args.per_kind, args.seed)
        if args.kinds:
            generated = [q for q in generated if q["kind"] in args.kinds.split(",")]
        sets = [] if args.plain else [("generated", generated)]
        if args.plain:
            sets.append(("plain-language", hand_queries(pages, "search_plain_queries.yaml")))
        if args.hand:
            sets.append(("hand-written", hand_queries(pages)))
        for label, queries in sets:
            results = {}
            for engine in args.engines.split(","):
                _startup, results[engine] = run(site, engine, queries)
            everything[f"{name} {label}"] = report(
                f"{name}: {label} ({len(pages)} pages)", queries, results, args.verbose
            )
    if args.json:
        args.json.write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
