"""`sitegen audit`: a site aged past each freshness window yields the veto item and exit 1; a fresh one exits 0."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.portalfactory import event, line_of, report_data, write_report
from tests.sitefactory import REVIEW, SiteFactory, front_matter

ROOT = Path(__file__).resolve().parent.parent
LATEST = dt.date(2026, 3, 2)  # the newest policy of the site below
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#c00"/></svg>'


def leaf(code: str, title: str) -> dict:
    return {
        "code": code,
        "title": title,
        "content": title,
        "basis": "《条例》第二十条",
        "time_limit": "20个工作日内",
        "subject": "测试区人民政府",
        "channels": ["政府网站"],
        "audience": "全社会",
        "mode": "主动公开",
        "level": "区级",
        "responsible": "测试区人民政府办公室",
    }


COLUMNS = {"01": "政策文件", "02": "通知公告", "03": "财政信息", "04": "人事信息", "05": "政务公开工作"}


@pytest.fixture
def portal(factory: SiteFactory) -> SiteFactory:
    """Five first-level columns, each with one policy dated LATEST; every identifier and required page present."""
    factory.write("static/badge.svg", SVG)
    factory.config.update(
        {
            "badge": {"image": "static/badge.svg", "link": "https://bszs.conac.cn/sitename?id=1"},
            "error_report": "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=0000000001",
        }
    )
    catalog = {
        "title": "测试区主动公开事项目录",
        "owner": "测试区人民政府",
        "nodes": [
            {"code": code, "title": title, "children": [leaf(code + "01", title + "事项")]}
            for code, title in COLUMNS.items()
        ],
    }
    factory.write("catalogs/main.yaml", yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False))
    for code in COLUMNS:
        factory.policy(
            f"p{code}",
            catalog=[code + "01"],
            published=LATEST,
            written=LATEST,
            review={"date": LATEST, "by": "保密审查小组"},
        )
    factory.interpretation("r01", "p01", published=LATEST, review={"date": LATEST, "by": "保密审查小组"})
    for page_id, title in (
        ("guide", "测试区人民政府信息公开指南"),
        ("rules", "测试区政府信息公开制度"),
        ("about", "关于本网站"),
        ("accessibility", "无障碍声明"),
    ):
        factory.write(
            f"content/pages/{page_id}.md",
            front_matter(
                {"title": title, "disclosure": "public", "review": REVIEW, "published": dt.date(2025, 3, 3)}, "正文。\n"
            ),
        )
    write_report(
        factory,
        report_data(
            year=2025, published=dt.date(2026, 1, 20), review={"date": dt.date(2026, 1, 15), "by": "保密审查小组"}
        ),
    )
    return factory


def audit(factory: SiteFactory, today: dt.date, *extra: str) -> tuple[int, dict]:
    """Build as of ``today`` and run `sitegen audit --format json` as a webmaster would, on that date."""
    factory.build(today=today)
    epoch = str(int(dt.datetime(today.year, today.month, today.day, 4, tzinfo=dt.UTC).timestamp()))
    run = subprocess.run(
        check=False,
        args=[sys.executable, "-m", "sitegen", "audit", "--format", "json", *extra],
        cwd=factory.root,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": epoch},
    )
    assert run.returncode in (0, 1), run.stderr
    return run.returncode, json.loads(run.stdout)


def rules(report: dict, level: str) -> list[str]:
    return [item["rule"].split(" ", 1)[1] for item in report["items"] if item["level"] == level]


def test_fresh_site_passes(portal):
    code, report = audit(portal, LATEST + dt.timedelta(days=3))
    assert code == 0 and report["veto"] is False
    assert rules(report, "veto") == [] and report["score"] == 100, report["items"]
    for item in report["items"]:
        assert set(item) == {"level", "points", "rule", "zh", "en", "path"}


def test_home_page_older_than_two_weeks_is_a_veto(portal):
    code, report = audit(portal, LATEST + dt.timedelta(days=15))
    assert code == 1 and report["veto"] is True
    assert rules(report, "veto") == ["单项否决·首页不更新"]
    # 14 days is still in time.
    assert audit(portal, LATEST + dt.timedelta(days=14))[0] == 0


def test_five_stale_columns_are_a_veto(portal):
    event(
        portal, "fresh", published=LATEST + dt.timedelta(days=190), starts="2026-09-20 09:00", ends="2026-09-20 11:00"
    )  # keeps the home page fresh, belongs to no column
    code, report = audit(portal, LATEST + dt.timedelta(days=190))
    assert code == 1 and rules(report, "veto") == ["单项否决·栏目不更新"]
    assert rules(report, "deduction").count("栏目不更新") == 7  # five catalog columns, the library, interpretations
    # A yearly window for three of them (人事、规划计划类) brings the count under five: no veto.
    portal.config["audit"] = {"columns": {"03": "plan", "04": "plan", "05": 365}}
    code, report = audit(portal, LATEST + dt.timedelta(days=190))
    assert code == 0 and rules(report, "deduction").count("栏目不更新") == 4


def test_five_empty_columns_are_a_veto(portal):
    for code in list(COLUMNS)[1:]:
        (portal.root / f"content/policies/p{code}.md").unlink()
    catalog = yaml.safe_load((portal.root / "catalogs/main.yaml").read_text(encoding="utf-8"))
    catalog["nodes"] += [
        {"code": f"0{n}", "title": f"栏目{n}", "children": [leaf(f"0{n}01", f"事项{n}")]} for n in range(6, 9)
    ]
    portal.write("catalogs/main.yaml", yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False))
    code, report = audit(portal, LATEST)
    assert code == 1 and rules(report, "veto") == ["单项否决·空白栏目"]


def test_missing_identifiers_and_entries_are_deducted(portal):
    del portal.config["badge"], portal.config["error_report"]
    del portal.config["site_code"]
    (portal.root / "content/pages/guide.md").unlink()
    (portal.root / "content/reports/2025.yaml").unlink()
    code, report = audit(portal, LATEST + dt.timedelta(days=3))
    assert code == 0
    found = [(i["rule"].split(" ", 1)[1], i["points"]) for i in report["items"] if i["level"] == "deduction"]
    assert ("政务公开·政府信息公开指南", 2) in found and ("政务公开·年度报告", 2) in found
    assert [f for f in found if f[0] == "网站标识"] == [("网站标识", 1)] * 3
    assert report["score"] == 100 - 2 - 2 - 3 - sum(p for r, p in found if r == "可用性·错链断链")
    assert any(
        r == "可用性·错链断链" and "/pages/guide/" in i["zh"]
        for i in report["items"]
        for r in [i["rule"].split(" ", 1)[1]]
    )


def test_serious_wording_error_is_a_veto_and_a_typo_a_deduction(portal):
    portal.config["leaders"] = [{"name": "王示范", "title": "区长"}]
    portal.policy(
        "p01",
        catalog=["0101"],
        published=LATEST,
        written=LATEST,
        review={"date": LATEST, "by": "组"},
        body="我们要再接再励。\n\n副区长王示范出席会议。\n",
    )
    code, report = audit(portal, LATEST)
    assert code == 1 and rules(report, "veto") == ["单项否决·严重表述错误"]
    veto = next(i for i in report["items"] if i["level"] == "veto")
    source = portal.root / "content/policies/p01.md"
    assert veto["path"] == f"content/policies/p01.md:{line_of(source, '副区长王示范')}"
    typo = next(i for i in report["items"] if i["rule"].endswith("错别字"))
    assert typo["path"] == f"content/policies/p01.md:{line_of(source, '再接再励')}" and "再接再厉" in typo["zh"]


def test_text_report_names_rule_points_and_score(portal):
    portal.build(today=LATEST + dt.timedelta(days=20))
    epoch = str(int(dt.datetime(2026, 3, 22, 4, tzinfo=dt.UTC).timestamp()))
    run = subprocess.run(
        check=False,
        args=[sys.executable, "-m", "sitegen", "audit"],
        cwd=portal.root,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": epoch},
    )
    assert run.returncode == 1
    assert "单项否决 veto items（1）" in run.stdout and "国办秘函〔2019〕19号 单项否决·首页不更新" in run.stdout
    assert "得分 score: 100 / 100" in run.stdout


def test_dashboard_shows_the_audit(portal):
    result = portal.build(today=LATEST + dt.timedelta(days=15))
    dashboard = result.report.read_text(encoding="utf-8")
    assert "网站检查模拟" in dashboard and "单项否决·首页不更新" in dashboard
