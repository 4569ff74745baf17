"""``sitegen import``: GB/T 9704 Word files become drafts with every part of the layout, and publish once reviewed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sitegen.cli.main import main
from sitegen.load.docxlayout import parse_date
from tests import gbdocx
from tests.sitefactory import SiteFactory


@pytest.fixture
def factory(tmp_path: Path) -> SiteFactory:
    site = SiteFactory(tmp_path)
    site.config["agencies"] = [
        *site.config["agencies"],
        {"slug": "zc", "name": "周村区人民政府办公室"},
        {"slug": "bgs", "name": "八公山区人民政府办公室"},
    ]
    site.write("site.yaml", yaml.safe_dump(site.config, allow_unicode=True, sort_keys=False))
    return site


def run_import(factory: SiteFactory, data: bytes, capsys, *args: str) -> tuple[Path, dict, str, str]:
    source = factory.root / "incoming" / "文件.docx"
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(data)
    assert main(["import", str(source), "--config", str(factory.root / "site.yaml"), *args]) == 0
    out, err = capsys.readouterr()
    path = Path(out.strip().splitlines()[-1])
    text = path.read_text(encoding="utf-8")
    _, meta, body = text.split("---\n", 2)
    return path, yaml.safe_load(meta), body, err


@pytest.mark.parametrize(
    "text, date",
    [
        ("二〇二四年七月一日", dt.date(2024, 7, 1)),
        ("二〇二四年十二月三十一日", dt.date(2024, 12, 31)),
        ("二○二四年十月二十日", dt.date(2024, 10, 20)),
        ("2024年7月1日", dt.date(2024, 7, 1)),
        ("２０２４年７月１日", dt.date(2024, 7, 1)),
        ("二〇二四年二月三十日", None),
        ("2024年7月1日印发", None),
    ],
)
def test_dates(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


def test_formal_layout(factory: SiteFactory, capsys) -> None:
    path, meta, body, err = run_import(factory, gbdocx.work_plan(), capsys)
    assert meta["title"] == gbdocx.PLAN_TITLE
    assert meta["doc_number"] == "周政办字〔2024〕9号"
    assert meta["issuer"] == "周村区人民政府办公室"
    assert meta["written"] == dt.date(2024, 7, 1)
    assert meta["addressees"] == gbdocx.PLAN_ADDRESSEES
    assert meta["disclosure"] == "withheld" and meta["review"] is None
    assert meta["index_no"].startswith("TESTORG/2024-")
    text = path.read_text(encoding="utf-8")
    assert "# 附注：（此件公开发布）" in text and "# 版记：抄送：区委各部门" in text
    assert "附件说明中的“2024年周村区政务公开工作方案”" in text  # no file beside it: a comment, not an attachment
    assert "## 附件：2024年周村区政务公开工作方案" in body
    assert "### 一、总体要求" in body and "#### （一）以政务公开助推重点工作落实" in body
    assert "**（二）做好政策公开与解读回应。**加强" in body
    assert "（1）各部门制发的行政规范性文件" in body
    assert "![政务公开工作流程图：起草、审核、发布、解读](" in body
    assert '<td rowspan="2">政策文件库动态更新</td>' in body
    assert "区政协办公室" not in body and "印发" not in body.split("\n")[-2]  # 版记 is not body text
    assert "没有替代文字" in err and "附件“2024年周村区政务公开工作方案”的文件" in err
    assert len(list(path.parent.glob("*.png"))) == 2


def test_web_copy_with_task_table(factory: SiteFactory, capsys) -> None:
    _, meta, body, err = run_import(factory, gbdocx.key_tasks(), capsys)
    assert meta["title"] == "八公山区人民政府办公室关于印发2024年度政务公开重点工作清单的通知"
    assert meta["doc_number"] is None and "未能确定 could not determine: 发文字号" in err
    assert (meta["issuer"], meta["written"]) == ("八公山区人民政府办公室", dt.date(2024, 5, 29))
    assert meta["addressees"] == "各镇人民政府、各街道办事处，区政府各部门，各直属机构"
    assert "## 附件：八公山区2024年度政务公开重点工作清单" in body
    assert '<td colspan="4">一、围绕服务经济和保障民生抓好主动公开</td>' in body
    assert '<td rowspan="2">各镇人民政府、各街道办事处</td>' in body
    assert "（皖政务办〔2024〕2号）" in body


def test_tracked_changes_as_accepted(factory: SiteFactory, capsys) -> None:
    _, meta, _, _ = run_import(factory, gbdocx.tracked_title(), capsys)
    assert meta["title"] == "关于做好2024年防汛工作的通知"


def test_attachment_beside_the_word_file_is_attached(factory: SiteFactory, capsys) -> None:
    (factory.root / "incoming").mkdir()
    (factory.root / "incoming" / "2024年周村区政务公开工作方案.pdf").write_bytes(
        __import__("tests.attachmentfiles", fromlist=["pdf"]).pdf(["Work plan"])
    )
    path, meta, _, _ = run_import(factory, gbdocx.work_plan(), capsys)
    name = "2024年周村区政务公开工作方案"
    assert meta["attachments"] == [{"title": name, "file": f"{name}.pdf"}]
    assert (path.parent / "2024年周村区政务公开工作方案.pdf").is_file()


def test_two_files_get_two_numbers(factory: SiteFactory, capsys) -> None:
    for name, data in (("a.docx", gbdocx.work_plan()), ("b.docx", gbdocx.key_tasks())):
        factory.write(f"incoming/{name}", data)
    assert (
        main(
            [
                "import",
                str(factory.root / "incoming/a.docx"),
                str(factory.root / "incoming/b.docx"),
                "--config",
                str(factory.root / "site.yaml"),
            ]
        )
        == 0
    )
    paths = [Path(line) for line in capsys.readouterr().out.split()]
    numbers = {yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])["index_no"] for p in paths}
    assert len(paths) == 2 and len(numbers) == 2


@pytest.mark.parametrize(
    "name, data",
    [
        ("bad.docx", b"PK\x03\x04 not really"),
        ("old.doc", b"\xd0\xcf\x11\xe0"),
        ("bomb.docx", __import__("tests.attachmentfiles", fromlist=["x"]).zip_bomb()),
    ],
)
def test_bad_files_are_refused_with_a_message(factory: SiteFactory, capsys, name: str, data: bytes) -> None:
    factory.write(f"incoming/{name}", data)
    assert main(["import", str(factory.root / "incoming" / name), "--config", str(factory.root / "site.yaml")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and name in err


def test_import_never_publishes_and_review_does(factory: SiteFactory, capsys) -> None:
    """The walk-through of docs/import.md: import, check the draft, review, publish."""
    path, meta, _, _ = run_import(factory, gbdocx.work_plan(), capsys)
    factory.build()
    page = factory.root / "_site/policies" / path.stem / "index.html"
    assert not page.exists()
    text = path.read_text(encoding="utf-8")
    text = text.replace("disclosure: withheld", "disclosure: public")
    text = text.replace("review:\n", "review: {date: 2024-07-02, by: 区政府办公室保密审查小组}\n")
    text = text.replace("catalog: []", 'catalog: ["010101"]').replace("topics: []", "topics: [综合政务]")
    text = text.replace(f"published: {meta['published']}", "published: 2024-07-03")
    text = text.replace(
        "disclosure: public", "interpretation_required: false\nno_interpretation_reason: 工作方案\ndisclosure: public"
    )
    path.write_text(text, encoding="utf-8")
    factory.build()
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert html.h1.get_text(strip=True) == gbdocx.PLAN_TITLE
    assert html.select_one(".addressees").get_text() == gbdocx.PLAN_ADDRESSEES + "："
    assert [h.get_text() for h in html.select(".doc-body h3")][:2] == ["一、总体要求", "二、工作任务"]
    assert html.select_one(".doc-body td[rowspan='2']").get_text() == "政策文件库动态更新"
    assert html.select_one(".doc-body img")["alt"].startswith("政务公开工作流程图")
    assert "周政办字〔2024〕9号" in html.get_text()


def test_interpretation(factory: SiteFactory, capsys) -> None:
    factory.policy("p1")
    path, meta, body, _ = run_import(factory, gbdocx.key_tasks(), capsys, "--kind", "interpretation", "--policy", "p1")
    assert path.parent.parent.name == "interpretations"
    assert (meta["policy"], meta["form"], meta["disclosure"]) == ("p1", "text", "withheld")
    factory.write("incoming/x.docx", gbdocx.key_tasks())
    assert (
        main(
            [
                "import",
                str(factory.root / "incoming/x.docx"),
                "--kind",
                "interpretation",
                "--config",
                str(factory.root / "site.yaml"),
            ]
        )
        == 2
    )  # which policy it explains is required


def test_automatic_numbering_is_reported(factory: SiteFactory, capsys) -> None:
    import docx

    document = docx.Document(__import__("io").BytesIO(gbdocx.key_tasks()))
    document.add_paragraph("自动编号的一项", style="List Number")
    buffer = __import__("io").BytesIO()
    document.save(buffer)
    _, _, _, err = run_import(factory, buffer.getvalue(), capsys)
    assert "Word 自动编号" in err


def test_each_attachment_its_own_section(factory: SiteFactory, capsys) -> None:
    _, meta, body, _ = run_import(factory, gbdocx.two_attachments(), capsys)
    assert "## 附件1：政府开放日活动安排\n\n### 一、活动时间" in body
    assert "## 附件2：政府开放活动计划安排报送表\n\n单位名称：" in body
    assert "附件：" not in body.split("## 附件1")[0]  # the 附件说明 is front matter, not body text
