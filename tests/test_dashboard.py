"""The webmaster dashboard: outside the published site, correct against the content, accessible, deterministic."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from sitegen.build import build
from tests.conftest import PROJECT
from tests.test_demo_site import front_matter
from tests.test_rule_codes import add_theme


def dashboard_of(site: Path) -> Path:
    return site.parent / "_reports" / "index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def table(page: BeautifulSoup, caption_start: str) -> list[list[str]]:
    found = next(t for t in page.find_all("table") if t.caption.get_text().startswith(caption_start))
    return [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in found.tbody.find_all("tr")]


def public_demo_documents() -> list[tuple[Path, dict]]:
    docs = []
    for path in sorted((PROJECT / "content").rglob("*.md")):
        meta = front_matter(path)
        if meta.get("disclosure") in ("public", "主动公开") and meta.get("review"):
            docs.append((path, meta))
    return docs


def leaf_items() -> dict[str, dict]:
    items = {}

    def walk(nodes: list[dict]) -> None:
        for node in nodes:
            if node.get("children"):
                walk(node["children"])
            else:
                items[str(node["code"])] = node

    for path in sorted((PROJECT / "catalogs").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text("utf-8"))["nodes"])
    return items


def test_dashboard_is_written_beside_the_site_and_never_inside(demo_site):
    report = dashboard_of(demo_site)
    assert report.is_file()
    assert not report.resolve().is_relative_to(demo_site.resolve())
    for path in demo_site.rglob("*.html"):
        assert "网站管理报表" not in path.read_text("utf-8"), path


def test_coverage_per_unit_matches_the_catalog_and_the_content(demo_site):
    page = soup(dashboard_of(demo_site))
    items = leaf_items()
    documents = public_demo_documents()
    attached = {str(code) for _, meta in documents for code in meta.get("catalog", [])}
    expected: dict[str, list[int]] = {}
    for code, node in items.items():
        unit = node.get("responsible") or node.get("subject")
        counts = expected.setdefault(unit, [0, 0])
        counts[0] += 1
        counts[1] += code in attached
    rows = {row[0]: [int(row[1]), int(row[2])] for row in table(page, "各责任单位目录覆盖情况")}
    assert rows == expected
    empty = {row[0] for row in table(page, "没有已公开内容的事项")}
    assert empty == {code for code in items if code not in attached} == {"010102", "080102"}


def test_policies_without_interpretations_and_monthly_counts(demo_site):
    page = soup(dashboard_of(demo_site))
    documents = public_demo_documents()
    policies = {meta.get("id", p.stem): meta for p, meta in documents if "/policies/" in p.as_posix()}
    interpretations = [
        meta for p, meta in documents if "/interpretations/" in p.as_posix() and meta["policy"] in policies
    ]
    interpreted = {meta["policy"] for meta in interpretations}
    listed = {row[0] for row in table(page, "没有解读的政策文件")}
    assert listed == {meta["title"] for pid, meta in policies.items() if pid not in interpreted}
    assert len(listed) >= 3

    monthly = table(page, "每月发布量")
    per_month = Counter(f"{m['published']:%Y-%m}" for m in [*policies.values(), *interpretations])
    assert {row[0]: int(row[3]) for row in monthly if int(row[3])} == dict(per_month)
    assert monthly[0][0] == min(per_month) and monthly[-1][0] == max(per_month)
    assert (
        len(monthly)
        == (int(max(per_month)[:4]) - int(min(per_month)[:4])) * 12
        + int(max(per_month)[5:])
        - int(min(per_month)[5:])
        + 1
    )  # empty months are shown too
    svg = page.find("svg")
    assert svg["role"] == "img" and svg.find("title").get_text() and svg.find("desc").get_text()
    assert len(svg.find_all("g")) == len(monthly)


def test_warnings_are_all_listed(demo_site):
    page = soup(dashboard_of(demo_site))
    listed = page.find("section", attrs={"aria-labelledby": "warnings"}).get_text()
    assert listed.count("[SG141]") == 2 and "catalogs/district.yaml:24" in listed


def test_dashboard_is_self_contained(demo_site):
    text = dashboard_of(demo_site).read_text("utf-8")
    page = BeautifulSoup(text, "html.parser")
    assert page.find("script") is None and page.find("link") is None and page.find("img") is None
    assert page.html["lang"] == "zh-CN" and len(page.find_all("h1")) == 1
    for attr in ("href", "src"):
        for element in page.find_all(attrs={attr: True}):
            assert element[attr].startswith("#"), element
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)", text)


def test_stale_and_late_items_are_reported(factory, tmp_path):
    add_theme(factory)
    factory.policy("old", review_by=dt.date(2025, 6, 1), title="测试区人民政府关于过期清理的通知")
    factory.policy("changed", validity="amended", title="测试区人民政府关于已修改无后继的通知")
    factory.policy(
        "late",
        interpretation_required=True,
        no_interpretation_reason=None,
        title="测试区人民政府关于解读较晚的通知",
        published=dt.date(2025, 3, 3),
    )
    factory.interpretation("late-jd", "late", published=dt.date(2025, 3, 17), title="迟到的解读")
    build(factory.root / "site.yaml", tmp_path / "_site", today=dt.date(2026, 1, 1), search=False)
    page = soup(tmp_path / "_reports" / "index.html")
    stale = {row[0]: row[2] for row in table(page, "需要清理的政策文件")}
    assert set(stale) == {"测试区人民政府关于过期清理的通知", "测试区人民政府关于已修改无后继的通知"}
    assert "2025年6月1日" in stale["测试区人民政府关于过期清理的通知"]
    late = table(page, "晚于政策文件")
    assert late == [["测试区人民政府关于解读较晚的通知", "迟到的解读", "2025年3月3日", "2025年3月17日", "10"]]


def test_dashboard_is_deterministic(factory, tmp_path):
    add_theme(factory)
    factory.policy("a")
    factory.policy("b", validity="amended")
    outputs = []
    for name in ("one", "two"):
        build(factory.root / "site.yaml", tmp_path / name / "_site", today=dt.date(2026, 1, 1), search=False)
        outputs.append((tmp_path / name / "_reports" / "index.html").read_bytes())
    assert outputs[0] == outputs[1]
    assert "2026年1月1日".encode() in outputs[0]


def test_custom_reports_folder(factory, tmp_path):
    add_theme(factory)
    factory.policy("a")
    result = build(
        factory.root / "site.yaml",
        tmp_path / "_site",
        reports=tmp_path / "admin" / "reports",
        today=dt.date(2026, 1, 1),
        search=False,
    )
    assert result.report == tmp_path / "admin" / "reports" / "index.html" and result.report.is_file()
    assert not (tmp_path / "_reports").exists()


def test_dashboard_passes_axe(demo_site, page):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(dashboard_of(demo_site).resolve().as_uri())
    page.click("summary")  # the data table too
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    assert violations == []
