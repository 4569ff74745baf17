"""Search quality of the demo portal, measured in real Chromium.

Runs every query below on the search page (/search/?q=...&type=..., exactly as a citizen would) and
on plain Pagefind (its JavaScript API with its defaults), and prints recall@10 and MRR per kind of
query and overall, then the bytes a typical query downloads. The expected documents of each query
were chosen from the documents' subjects, not from either engine's output.

Usage: python benchmarks/search_quality.py [--site DIR] [--verbose]
(without --site the demo is built into a temporary folder first).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from sitegen.search.pagefind_bundle import fragments  # noqa: E402 (the project is put on sys.path first)
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, SOURCE_DATE_EPOCH, serve  # noqa: E402

P, INTERP, C = "/policies/", "/interpretations/", "/catalog/"
LOWINCOME = [P + "2025-lowincome-rules/", P + "2024-lowincome-rules/"]
HOUSING_FUND = [P + "2024-housing-fund/", P + "2025-housing-fund-amendment/"]
HUKOU = [P + "2024-hukou/", INTERP + "2024-hukou-wd/"]
ALLOWANCE = [P + "2025-elderly-allowance/", INTERP + "2025-elderly-allowance-tj/"]
BUSINESS = [P + "2024-business-environment/", INTERP + "2024-business-environment-jd/"]
RENEWAL = [P + "2024-city-renewal/", P + "2026-city-renewal-projects/"]
ASSISTANCE = [P + "2025-temporary-assistance/", INTERP + "2025-temporary-assistance-sp/"]
TEKUN = [P + "2026-tekun/", INTERP + "2026-tekun-jd/"]
OPEN_GOV = [P + "2026-open-government-tasks/", P + "2024-open-government-plan/"]
SCHOOL = [P + "2024-school-enrollment/", P + "2026-school-enrollment/"]
CHILDCARE = [P + "2026-childcare-subsidy/", INTERP + "2026-childcare-subsidy-wd/"]
FAMILY_DOCTOR = [P + "2024-family-doctor/", INTERP + "2024-family-doctor-jd/"]
WASTE = [P + "2024-waste-sorting/", INTERP + "2024-waste-sorting-tj/"]
MEDICAL = [P + "2024-medical-insurance/", P + "2026-medical-insurance/"]
RENTAL = [P + "2025-rental-housing/", INTERP + "2025-rental-housing-wd/"]
MEAL = [P + "2024-elderly-meal/", INTERP + "2024-elderly-meal-sp/"]
DISCLOSURE = [P + "2025-disclosure-application/", "/pages/guide/"]

# (kind, search parameters, documents that must be found)
QUERIES: list[tuple[str, dict[str, str], list[str]]] = [
    # Exact terms as they appear in the documents.
    ("exact", {"q": "低保"}, LOWINCOME),
    ("exact", {"q": "公积金"}, HOUSING_FUND),
    ("exact", {"q": "落户"}, HUKOU),
    ("exact", {"q": "高龄津贴"}, ALLOWANCE),
    ("exact", {"q": "营商环境"}, BUSINESS),
    ("exact", {"q": "城市更新"}, RENEWAL),
    ("exact", {"q": "临时救助"}, ASSISTANCE),
    ("exact", {"q": "特困人员"}, TEKUN),
    ("exact", {"q": "托育"}, CHILDCARE),
    ("exact", {"q": "家庭医生"}, FAMILY_DOCTOR),
    ("exact", {"q": "垃圾分类"}, WASTE),
    ("exact", {"q": "幼儿园"}, [P + "2025-preschool/", INTERP + "2025-preschool-jd/"]),
    ("exact", {"q": "民间投资"}, [P + "2025-private-investment/", INTERP + "2025-private-investment-jd/"]),
    ("exact", {"q": "食品摊贩"}, [P + "2024-food-vendors/", INTERP + "2024-food-vendors-wd/"]),
    ("exact", {"q": "数据共享"}, [P + "2024-data-sharing/"]),
    # Long official terms, names of documents, document numbers, quoted phrases.
    ("long", {"q": "最低生活保障工作实施细则"}, LOWINCOME),
    ("long", {"q": "城乡居民基本医疗保险"}, MEDICAL),
    ("long", {"q": "保障性租赁住房"}, RENTAL),
    (
        "long",
        {"q": "轻微违法行为不予行政处罚"},
        [P + "2025-inclusive-supervision/", INTERP + "2025-inclusive-supervision-jd/"],
    ),
    (
        "long",
        {"q": "养老服务设施布局专项规划"},
        [P + "2026-elderly-facilities-plan/", INTERP + "2026-elderly-facilities-plan-tj/"],
    ),
    ("long", {"q": "国民经济和社会发展第十五个五年规划纲要"}, [P + "2026-15th-plan/", INTERP + "2026-15th-plan-jd/"]),
    ("long", {"q": "政府信息公开工作年度报告"}, [P + "2025-annual-report/"]),
    ("long", {"q": "灵活就业人员住房公积金缴存使用管理办法"}, HOUSING_FUND),
    ("long", {"q": "示例区人民政府信息公开指南"}, ["/pages/guide/"]),
    ("long", {"q": "示政办发〔2025〕12号"}, [P + "2025-lowincome-rules/"]),
    ("long", {"q": '"政务公开"'}, OPEN_GOV),
    ("long", {"q": "高效办成一件事"}, [P + "2025-one-thing/", INTERP + "2025-one-thing-sp/"]),
    ("long", {"q": "政务公开工作要点"}, [P + "2026-open-government-tasks/"]),
    # Full pinyin, with or without spaces.
    ("pinyin", {"q": "zuidi shenghuo baozhang"}, LOWINCOME),
    ("pinyin", {"q": "gongjijin"}, HOUSING_FUND),
    ("pinyin", {"q": "luohu"}, HUKOU),
    ("pinyin", {"q": "gaoling jintie"}, ALLOWANCE),
    ("pinyin", {"q": "yingshanghuanjing"}, BUSINESS),
    ("pinyin", {"q": "chengshi gengxin"}, RENEWAL),
    ("pinyin", {"q": "linshijiuzhu"}, ASSISTANCE),
    ("pinyin", {"q": "zhengwu gongkai"}, OPEN_GOV),
    ("pinyin", {"q": "yiwu jiaoyu"}, SCHOOL),
    ("pinyin", {"q": "tuoyu"}, CHILDCARE),
    ("pinyin", {"q": "laonian zhucan"}, MEAL),
    # Initials.
    ("initials", {"q": "zwgk"}, OPEN_GOV),
    ("initials", {"q": "zfxxgk"}, DISCLOSURE),
    ("initials", {"q": "zdshbz"}, LOWINCOME),
    ("initials", {"q": "gljt"}, ALLOWANCE),
    ("initials", {"q": "yshj"}, BUSINESS),
    ("initials", {"q": "csgx"}, RENEWAL),
    ("initials", {"q": "tkry"}, TEKUN),
    ("initials", {"q": "zfgjj"}, HOUSING_FUND),
    ("initials", {"q": "ywjy"}, SCHOOL),
    # Citizens' words for official terms.
    ("synonym", {"q": "五保户"}, TEKUN),
    ("synonym", {"q": "医保"}, MEDICAL),
    ("synonym", {"q": "户口"}, HUKOU),
    ("synonym", {"q": "保租房"}, RENTAL),
    ("synonym", {"q": "老年食堂"}, MEAL),
    ("synonym", {"q": "高龄补贴"}, ALLOWANCE),
    ("synonym", {"q": "托儿所"}, CHILDCARE),
    ("synonym", {"q": "上学"}, SCHOOL),
    ("synonym", {"q": "旧改"}, RENEWAL),
    ("synonym", {"q": "摆摊"}, [P + "2024-food-vendors/"]),
    ("synonym", {"q": "罚款"}, [P + "2025-inclusive-supervision/"]),
    ("synonym", {"q": "申请公开"}, DISCLOSURE),
    # Homophone typos.
    ("typo", {"q": "证务公开"}, OPEN_GOV),
    ("typo", {"q": "低宝"}, LOWINCOME),
    ("typo", {"q": "高龄津帖"}, ALLOWANCE),
    ("typo", {"q": "营商环竟"}, BUSINESS),
    ("typo", {"q": "城市更心"}, RENEWAL),
    ("typo", {"q": "临时就助"}, ASSISTANCE),
    ("typo", {"q": "特困人原"}, TEKUN),
    ("typo", {"q": "住房公基金"}, HOUSING_FUND),
    ("typo", {"q": "义务教预"}, SCHOOL),
    ("typo", {"q": "落护"}, HUKOU),
    ("typo", {"q": "家庭医声"}, FAMILY_DOCTOR),
    ("typo", {"q": "垃圾分累"}, WASTE),
    # Filters, with and without words.
    (
        "filter",
        {"q": "低保", "type": "政策解读"},
        [INTERP + "2025-lowincome-rules-wd/", INTERP + "2025-lowincome-rules-jd/", INTERP + "2024-lowincome-rules-wd/"],
    ),
    ("filter", {"q": "公积金", "validity": "现行有效"}, [P + "2025-housing-fund-amendment/"]),
    (
        "filter",
        {"q": "义务教育", "year": "2026"},
        [P + "2026-school-enrollment/", INTERP + "2026-school-enrollment-tj/", INTERP + "2026-school-enrollment-wd/"],
    ),
    (
        "filter",
        {"q": "医疗保险", "year": "2026"},
        [P + "2026-medical-insurance/", INTERP + "2026-medical-insurance-jd/"],
    ),
    (
        "filter",
        {"q": "补贴", "issuer": "示例区人力资源和社会保障局"},
        [P + "2024-employment-subsidy/", P + "2025-employment-subsidy-adjust/"],
    ),
    ("filter", {"q": "规划", "type": "政策文件"}, [P + "2026-15th-plan/", P + "2026-elderly-facilities-plan/"]),
    (
        "filter",
        {"type": "政策文件", "validity": "已废止"},
        [P + "2024-lowincome-rules/", P + "2024-lowincome-standard/"],
    ),
    (
        "filter",
        {"type": "政策文件", "issuer": "示例区民政局", "year": "2025"},
        [P + "2025-elderly-allowance/", P + "2025-lowincome-standard/", P + "2025-temporary-assistance/"],
    ),
    (
        "filter",
        {"type": "政策文件", "topic": "科技、教育"},
        [P + "2024-school-enrollment/", P + "2025-campus-food/", P + "2025-preschool/", P + "2026-school-enrollment/"],
    ),
]

PLAIN = """async ([q, filters]) => {
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(q, { filters, sort: q === null ? { date: "desc" } : {} });
  const top = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return top.map((d) => d.url);
}"""
PLAIN_COUNT = """async (q) => (await (await import("/pagefind/pagefind.js")).search(q)).results.length"""


def ours(page, base: str, params: dict[str, str]) -> list[str]:
    page.goto(f"{base}/search/?{urlencode(params)}")
    ours_status(page)
    return [a.get_attribute("href") for a in page.query_selector_all("#search-results h3 a")][:10]


def plain(page, params: dict[str, str]) -> list[str]:
    filters = {k: v for k, v in params.items() if k != "q"}
    return page.evaluate(PLAIN, [params.get("q"), filters])


def substrings(site: Path, count: int = 60, seed: int = 7) -> list[tuple[str, int]]:
    """Random pieces (2 to 6 characters) of the indexed Chinese text, with the number of pages containing
    each: a check of exact phrases that no one tuned anything on."""
    texts = [f.content.replace("\u200b", "") for f in fragments(site / "pagefind")]
    runs = [run for text in texts for run in re.findall("[\u4e00-\u9fff]{2,}", text)]
    chosen: dict[str, int] = {}
    rng = random.Random(seed)
    while len(chosen) < count:
        run = rng.choice(runs)
        size = rng.randint(2, 6)
        if len(run) >= size:
            start = rng.randint(0, len(run) - size)
            piece = run[start : start + size]
            chosen[piece] = sum(piece in text for text in texts)
    return sorted(chosen.items())


def found_count(page, base: str, piece: str) -> int:
    page.goto(f"{base}/search/?{urlencode({'q': piece, 'literal': '1'})}")
    status = ours_status(page)
    partial = "没有找到完整包含" in (page.text_content("#search-notice") or "")
    match = re.search(r"找到 (\d+) 条", status)
    return int(match.group(1)) if match and not partial else 0


def ours_status(page) -> str:
    page.wait_for_function(
        "() => { const s = document.getElementById('search-status').textContent; return s && !s.startsWith('正在'); }",
        timeout=30000,
    )
    return page.text_content("#search-status")


def scores(found: list[str], expected: list[str]) -> tuple[float, float]:
    recall = sum(url in found for url in expected) / len(expected)
    ranks = [found.index(url) + 1 for url in expected if url in found]
    return recall, (1 / min(ranks) if ranks else 0.0)


def measure_bytes(browser, base: str, query: str) -> None:
    """What a first query downloads with an empty cache, and what a second one adds."""
    from playwright.sync_api import Error

    context = browser.new_context(locale="zh-CN")
    sizes: list[tuple[str, int, int]] = []

    def record(response) -> None:
        try:
            body = response.body()
        except Error:  # redirects and aborted requests have no body
            return
        sizes.append((response.url.replace(base, ""), len(body), len(gzip.compress(body, mtime=0))))

    context.on("response", record)
    page = context.new_page()
    ours(page, base, {"q": query})
    first = list(sizes)
    page.fill("#search-q", "公积金")
    page.press("#search-q", "Enter")
    page.wait_for_function("() => document.getElementById('search-status').textContent.includes('公积金')")
    page.wait_for_timeout(300)
    second = sizes[len(first) :]
    context.close()
    # Plain Pagefind for the same query, from another page of the site (its HTML and CSS left out).
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/pages/about/")
    sizes.clear()
    context.on("response", record)
    plain(page, {"q": query})
    baseline = list(sizes)
    context.close()

    def group(url: str) -> str:
        if url.startswith("/pagefind/fragment/"):
            return "Pagefind fragments (results shown)"
        if url.startswith("/pagefind/index/"):
            return "Pagefind index chunks"
        if url.startswith("/pagefind/"):
            return "Pagefind runtime (JS, WebAssembly, entry, meta)"
        if url.startswith(("/search/query-data", "/search/pinyin-chars")):
            return "query data (words, pinyin, synonyms, facets)"
        return "search page (HTML, CSS, JS)"

    for title, rows in (
        (f"First query “{query}” (empty cache)", first),
        ("Second query “公积金” (same page)", second),
        (f"Plain Pagefind, first query “{query}” with 10 results", baseline),
    ):
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for url, raw, packed in rows:
            entry = totals[group(url)]
            entry[0] += 1
            entry[1] += raw
            entry[2] += packed
        print(f"\n{title}")
        print(f"  {'part':50} {'files':>5} {'bytes':>9} {'gzip':>9}")
        for name, (count, raw, packed) in sorted(totals.items()):
            print(f"  {name:50} {count:5d} {raw:9,d} {packed:9,d}")
        print(
            f"  {'total':50} {sum(v[0] for v in totals.values()):5d} "
            f"{sum(v[1] for v in totals.values()):9,d} {sum(v[2] for v in totals.values()):9,d}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the demo)")
    parser.add_argument("--verbose", action="store_true", help="print every query and what each engine found")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            import os

            from sitegen.build import build

            os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
            site = Path(tmp) / "_site"
            build(PROJECT / "site.yaml", site, today=dt.date(2026, 11, 20))
        base, server = serve(site)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(locale="zh-CN")
                other = browser.new_page(locale="zh-CN")
                other.goto(f"{base}/pages/about/")
                table: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
                started = time.monotonic()
                for kind, params, expected in QUERIES:
                    for engine, found in (("sitegen", ours(page, base, params)), ("pagefind", plain(other, params))):
                        recall, rr = scores(found, expected)
                        table[engine][kind].append((recall, rr))
                        table[engine]["overall"].append((recall, rr))
                        if args.verbose or (engine == "sitegen" and recall < 1):
                            print(f"  [{engine}] {kind} {params}: recall {recall:.2f}, RR {rr:.2f}; found {found}")
                seconds = time.monotonic() - started
                kinds = list(dict.fromkeys(k for k, _, _ in QUERIES)) + ["overall"]
                print(f"\n{len(QUERIES)} queries, {seconds:.1f} s for both engines\n")
                print(f"{'kind':10} {'n':>3}  {'recall@10':>9} {'MRR':>6}   {'Pagefind recall@10':>18} {'MRR':>6}")
                for kind in kinds:
                    ours_rows, plain_rows = table["sitegen"][kind], table["pagefind"][kind]

                    def avg(rows: list[tuple[float, float]], i: int) -> float:
                        return sum(r[i] for r in rows) / len(rows)

                    print(
                        f"{kind:10} {len(ours_rows):3d}  {avg(ours_rows, 0):9.3f} {avg(ours_rows, 1):6.3f}"
                        f"   {avg(plain_rows, 0):18.3f} {avg(plain_rows, 1):6.3f}"
                    )
                pieces = substrings(site)
                exact = {"sitegen": 0, "pagefind": 0}
                for piece, containing in pieces:
                    exact["sitegen"] += found_count(page, base, piece) == containing
                    exact["pagefind"] += other.evaluate(PLAIN_COUNT, f'"{piece}"') == containing
                print(
                    f"\nRandom pieces of the text ({len(pieces)}): found exactly the pages containing them: "
                    f"sitegen {exact['sitegen']}, Pagefind (quoted) {exact['pagefind']}"
                )
                measure_bytes(browser, base, "最低生活保障")
                browser.close()
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
