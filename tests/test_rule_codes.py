"""One case per rule and per kind of bad input: each names the code, the file and the line it expects.

A case plants one problem in an otherwise valid inline site and runs the same checks as
``sitegen check`` (load and plan). The expected line is given as a number or as a piece of text
whose first line in the file is meant; every reported problem must carry a bilingual message and
a bilingual fix.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from sitegen.build import ConfigError, plan
from sitegen.diagnostics.core import BuildFailed, Diagnostic, Diagnostics, Severity
from sitegen.outputs.nginx import PLACEHOLDER_ROOT
from tests import attachmentfiles as make
from tests.portalfactory import ZERO, consultation, event, package, report_data, write_report
from tests.sitefactory import CATALOG, CONFIG, REVIEW, SiteFactory
from tests.test_selfcontained import STATS_SCRIPT, theme_with


def resident_id(first17: str) -> str:
    """Test data: a resident ID with its ISO 7064 MOD 11-2 check digit (independent of sitegen)."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=False)) % 11]


ID_NUMBER = resident_id("32010219900307123")
MOBILE = "13912345678"
CARD = "6222021234567890128"  # Luhn-valid, UnionPay prefix


def run_checks(factory: SiteFactory, **kwargs) -> Diagnostics:
    """What ``sitegen check`` reports for the site."""
    try:
        plan(factory.load(**kwargs))
    except (BuildFailed, ConfigError) as exc:
        return exc.diagnostics
    raise AssertionError("the site was expected to have at least one error")


def diagnostics_of(factory: SiteFactory) -> Diagnostics:
    try:
        loaded = factory.load()
        plan(loaded)
        return loaded.diagnostics
    except (BuildFailed, ConfigError) as exc:
        return exc.diagnostics


def write_config(factory: SiteFactory, **changes) -> Path:
    config = {**copy.deepcopy(CONFIG), **changes}
    config = {k: v for k, v in config.items() if v is not None}
    return factory.write("site.yaml", yaml.safe_dump(config, allow_unicode=True, sort_keys=False))


def write_catalog(factory: SiteFactory, edit: Callable[[dict], None]) -> Path:
    catalog = copy.deepcopy(CATALOG)
    edit(catalog)
    return factory.write("catalogs/main.yaml", yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False))


def add_theme(factory: SiteFactory) -> None:
    """Inline sites check without a theme; building them needs the default one."""
    import shutil

    from tests.conftest import PROJECT

    shutil.copytree(PROJECT / "themes", factory.root / "themes", dirs_exist_ok=True)


def leaf(catalog: dict, index: int = 0) -> dict:
    return catalog["nodes"][0]["children"][0]["children"][index]


@dataclass
class Case:
    code: str
    setup: Callable[[SiteFactory], object]
    path: str
    line: int | str | None  # a number, the text whose first line is meant, or None for whole-file problems
    warning: bool = False


def symlink_out(factory: SiteFactory) -> None:
    outside = factory.root.parent / f"outside-{factory.root.name}.md"
    outside.write_text("---\ntitle: 外部\n---\n", encoding="utf-8")
    (factory.root / "content/policies/leak.md").symlink_to(outside)


def symlinked_folder_out(factory: SiteFactory) -> None:
    outside = factory.root.parent / f"folder-{factory.root.name}"
    outside.mkdir()
    (outside / "b.md").write_text("---\ntitle: 外部\n---\n", encoding="utf-8")
    (factory.root / "content/policies/linked").symlink_to(outside, target_is_directory=True)


def symlinked_image(factory: SiteFactory) -> None:
    outside = factory.root.parent / f"secret-{factory.root.name}.png"
    outside.write_bytes(b"\x89PNG secret")
    (factory.root / "content/policies/chart.png").symlink_to(outside)
    factory.policy("a", body="正文。\n\n![示意图](chart.png)\n")


def symlinked_attachment(factory: SiteFactory) -> None:
    outside = factory.root.parent / f"secret-{factory.root.name}.pdf"
    outside.write_bytes(b"%PDF secret")
    (factory.root / "content/policies/list.pdf").symlink_to(outside)
    factory.policy("a", attachments=[{"title": "名单", "file": "list.pdf"}])


def two_policies(factory: SiteFactory, **first) -> None:
    factory.policy("a", **first)
    factory.policy("b")


def attachment_named(name: str, content: bytes = b"%PDF-1.4") -> Callable[[SiteFactory], None]:
    def setup(factory: SiteFactory) -> None:
        factory.write(f"content/policies/{name}", content)
        factory.policy("a", attachments=[{"title": "附件", "file": name}])

    return setup


def report(edit: Callable[[dict], object] = lambda data: None, **changes) -> Callable[[SiteFactory], None]:
    """A setup writing the balanced 2024 annual report of tests/portalfactory.py, bent by ``changes`` and ``edit``."""

    def setup(factory: SiteFactory) -> None:
        data = report_data(**changes)
        edit(data)
        write_report(factory, data)

    return setup


def carried_over_differs(factory: SiteFactory) -> None:
    report()(factory)
    report(
        lambda d: d["applications"].update(carried_over=ZERO, received=[6, 1, 0, 0, 0, 0]),
        year=2025,
        published=dt.date(2026, 1, 20),
    )(factory)


def repealed_without_replacement(factory: SiteFactory) -> None:
    factory.policy(
        "a",
        written=dt.date(2024, 3, 1),
        published=dt.date(2024, 3, 5),
        validity="repealed",
        review={**REVIEW, "date": dt.date(2024, 3, 4)},
    )
    report()(factory)


CASES: list[Case] = [
    # site.yaml (configuration errors stop before anything else)
    Case("SG002", lambda f: f.write("site.yaml", "title: 测试\nagencies: [\n"), "site.yaml", 3),
    Case("SG003", lambda f: f.write("site.yaml", "- 测试\n- 区\n"), "site.yaml", 1),
    Case("SG005", lambda f: write_config(f, descripton="说明"), "site.yaml", "descripton:", warning=True),
    Case("SG006", lambda f: write_config(f, page_size=3), "site.yaml", "page_size:"),
    Case("SG006", lambda f: write_config(f, topics=[{"slug": "../etc", "name": "逃逸"}]), "site.yaml", "topics:"),
    Case("SG007", lambda f: write_config(f, agencies=None), "site.yaml", 1),
    Case("SG550", lambda f: write_config(f, agencies="../shared/agencies.yaml"), "site.yaml", "agencies:"),
    Case("SG551", lambda f: write_config(f, catalog_order=["mian"]), "site.yaml", "catalog_order:", warning=True),
    # reading files
    Case("SG010", symlink_out, "content/policies/leak.md", None),
    Case("SG010", symlinked_folder_out, "content/policies/linked", None),
    Case("SG010", symlinked_image, "content/policies/a.md", None),
    Case("SG010", symlinked_attachment, "content/policies/a.md", "attachments:"),
    Case(
        "SG012",
        lambda f: f.write("content/policies/big.md", "---\ntitle: 大\n---\n" + "字" * 1_800_000),
        "content/policies/big.md",
        None,
    ),
    Case(
        "SG013",
        lambda f: f.write("content/policies/a.md", b"\xef\xbb\xbf" + f.policy("a").read_bytes()),
        "content/policies/a.md",
        1,
        warning=True,
    ),
    Case(
        "SG014",
        lambda f: f.write("content/policies/a.md", "---\ntitle: 通知\n".encode() + "正文".encode("gbk")),
        "content/policies/a.md",
        3,
    ),
    Case(
        "SG015",
        lambda f: f.write("content/policies/a.md", f.policy("a").read_bytes().replace(b"\n", b"\r\n")),
        "content/policies/a.md",
        1,
        warning=True,
    ),
    Case(
        "SG016",
        lambda f: f.write("content/policies/a.md", "---\ntitle: 通知\n---\n正文\x00\n"),
        "content/policies/a.md",
        4,
    ),
    # front matter
    Case("SG020", lambda f: f.write("content/policies/a.md", "\n  \n"), "content/policies/a.md", 1),
    Case("SG021", lambda f: f.write("content/policies/a.md", "title: 通知\n正文\n"), "content/policies/a.md", 1),
    Case("SG022", lambda f: f.write("content/policies/a.md", "---\ntitle: 通知\n正文\n"), "content/policies/a.md", 1),
    Case(
        "SG023",
        lambda f: f.write("content/policies/a.md", "---\ntitle: " + "长" * 70_000 + "\n---\n"),
        "content/policies/a.md",
        2,
    ),
    Case(
        "SG024",
        lambda f: f.write("content/policies/a.md", "---\ntitle: 通知\nissuer: [甲\n---\n"),
        "content/policies/a.md",
        3,  # the line of the "[" that is never closed, not where the parser gave up
    ),
    Case(
        "SG024",
        lambda f: f.write(
            "content/policies/a.md",
            "---\n"
            + "".join(
                f"{n}: &{n} [{', '.join(['*' + chr(ord(n) - 1)] * 9) if n != 'a' else 'x'}]\n" for n in "abcdefgh"
            )
            + "---\n",
        ),
        "content/policies/a.md",
        2,
    ),
    Case(
        "SG024",
        lambda f: f.write("content/policies/a.md", "---\ntitle: " + "[" * 300 + "]" * 300 + "\n---\n"),
        "content/policies/a.md",
        2,
    ),
    Case("SG025", lambda f: f.write("content/policies/a.md", "---\n- 标题\n---\n"), "content/policies/a.md", 2),
    Case("SG031", lambda f: f.policy("a", issuerr="测试区人民政府"), "content/policies/a.md", "issuerr:", warning=True),
    Case("SG032", lambda f: f.policy("a", published="2024-13-45"), "content/policies/a.md", "published:"),
    Case("SG032", lambda f: f.policy("a", catalog="010101"), "content/policies/a.md", "catalog:"),
    Case("SG032", lambda f: f.policy("a", id="../../etc"), "content/policies/a.md", "id:"),
    Case("SG032", lambda f: f.policy("a", title="通知\x1b[31m"), "content/policies/a.md", "title:"),
    Case("SG032", lambda f: f.policy("a", review="已审核"), "content/policies/a.md", "review:"),
    Case(
        "SG032",
        lambda f: f.policy("a", interpretation_required="是"),
        "content/policies/a.md",
        "interpretation_required:",
    ),
    Case("SG032", lambda f: f.policy("a", disclosure="公开"), "content/policies/a.md", "disclosure:"),
    Case(
        "SG032",
        lambda f: f.write("content/policies/a b.md", f.policy("a").read_text("utf-8")),
        "content/policies/a b.md",
        1,
    ),
    Case("SG033", lambda f: f.policy("a", title=None), "content/policies/a.md", 2),
    Case(
        "SG040",
        lambda f: f.policy("a", attachments=[{"title": "附件", "file": "missing.pdf"}]),
        "content/policies/a.md",
        "attachments:",
    ),
    Case(
        "SG040",
        lambda f: f.policy("a", attachments=[{"title": "附件", "file": "../../site.yaml"}]),
        "content/policies/a.md",
        "attachments:",
    ),
    Case("SG041", attachment_named("tool.exe"), "content/policies/a.md", "attachments:"),
    # catalogs
    Case(
        "SG045",
        lambda f: write_catalog(f, lambda c: leaf(c).update(responsable="甲")),
        "catalogs/main.yaml",
        "responsable:",
        warning=True,
    ),
    Case(
        "SG046",
        lambda f: write_catalog(f, lambda c: leaf(c).update(channels="政府网站")),
        "catalogs/main.yaml",
        "channels: 政府网站",
    ),
    Case("SG047", lambda f: write_catalog(f, lambda c: leaf(c).pop("title")), "catalogs/main.yaml", "'010101'"),
    Case("SG050", lambda f: f.write("catalogs/main.yaml", "title: 目录\nnodes: {\n"), "catalogs/main.yaml", 3),
    Case("SG051", lambda f: f.write("catalogs/main.yaml", "- 目录\n"), "catalogs/main.yaml", 1),
    Case("SG052", lambda f: write_catalog(f, lambda c: c.update(nodes="01")), "catalogs/main.yaml", "nodes:"),
    Case(
        "SG053",
        lambda f: f.write(
            "catalogs/extra.yaml", "title: 目录\nowner: 区政府\nnodes:\n  - code: 0102\n    title: 数字\n"
        ),
        "catalogs/extra.yaml",
        4,
    ),
    Case(
        "SG054",
        lambda f: f.write(
            "catalogs/zz.yaml", "title: 目录\nowner: 区政府\nnodes:\n  - code: '010101'\n    title: 重复\n"
        ),
        "catalogs/zz.yaml",
        4,
    ),
    Case(
        "SG055",
        lambda f: write_catalog(f, lambda c: c["nodes"][0].update(basis="条例")),
        "catalogs/main.yaml",
        "code: '01'",
        warning=True,
    ),
    Case("SG056", lambda f: write_catalog(f, lambda c: leaf(c).pop("basis")), "catalogs/main.yaml", "'010101'"),
    Case("SG057", lambda f: (f.root / "catalogs/main.yaml").unlink(), "catalogs", None),
    # linking
    Case(
        "SG060",
        lambda f: (f.policy("a"), f.write("content/policies/2025/a.md", f.policy("a").read_text("utf-8"))),
        "content/policies/a.md",
        1,
    ),
    Case(
        "SG061",
        lambda f: (f.policy("a", index_no="X/1"), f.policy("b", index_no="X/1")),
        "content/policies/b.md",
        "index_no:",
    ),
    Case("SG062", lambda f: f.policy("a", issuer="测试区政府办"), "content/policies/a.md", "issuer:"),
    Case("SG063", lambda f: f.policy("a", topics=["不存在"]), "content/policies/a.md", "topics:"),
    # Markdown bodies
    Case(
        "SG070",
        lambda f: f.policy("a", body="第一段。\n\n[点我](javascript:alert(1))\n"),
        "content/policies/a.md",
        "javascript:",
    ),
    Case(
        "SG071",
        lambda f: (f.write("content/policies/chart.png", b"\x89PNG"), f.policy("a", body="说明。\n\n![](chart.png)\n")),
        "content/policies/a.md",
        "![](chart.png)",
    ),
    Case(
        "SG072",
        lambda f: f.policy("a", body="## 一、总则\n\n见[第二章](#第二章)。\n"),
        "content/policies/a.md",
        "见[第二章]",
    ),
    Case("SG073", lambda f: f.policy("a", body="见[配置](../../site.yaml)。\n"), "content/policies/a.md", "见[配置]"),
    Case("SG074", lambda f: f.policy("a", body="见[文件](nothing.md)。\n"), "content/policies/a.md", "见[文件]"),
    Case(
        "SG075",
        lambda f: (f.policy("a", body="正文。\n\n见[内部文件](b.md)。\n"), f.policy("b", disclosure="withheld")),
        "content/policies/a.md",
        "见[内部文件]",
    ),
    Case(
        "SG075",
        # (A link to a policy that is not public only because it lacks its review is not reported: the
        # policy's own SG110 is the cause; see tests/test_errors_cascade.py.)
        lambda f: (f.policy("a", body="见[依申请公开文件](b.md)。\n"), f.policy("b", disclosure="on_request")),
        "content/policies/a.md",
        "见[依申请公开文件]",
    ),
    Case(
        "SG076",
        lambda f: f.policy("a", body="正文。\n\n<script>alert(1)</script>\n"),
        "content/policies/a.md",
        "<script>",
        warning=True,
    ),
    Case(
        "SG077",
        lambda f: f.policy("a", body="正文。\n\n见[旧地址](/policies/nothing/)。\n"),
        "content/policies/a.md",
        "见[旧地址]",
    ),
    Case(
        "SG078",
        lambda f: f.policy("a", body="正文。\n\n![示意图](missing.png)\n"),
        "content/policies/a.md",
        "![示意图]",
    ),
    Case(
        "SG079",
        lambda f: (f.policy("a", body="正文。\n\n见[第二章](b.md#第二章)。\n"), f.policy("b", body="## 第一章\n")),
        "content/policies/a.md",
        "见[第二章]",
    ),
    Case(
        "SG080",
        lambda f: (f.write("content/policies/index.html", "<p>x</p>"), f.policy("a", body="见[网页](index.html)。\n")),
        "content/policies/index.html",
        None,
    ),
    Case("SG081", lambda f: f.policy("a", body="1. " * 2000 + "x\n"), "content/policies/a.md", "1. 1. 1."),
    Case(
        "SG082",
        lambda f: f.policy("a", body="正文。\n\n![示意图](https://other.example/a.png)\n"),
        "content/policies/a.md",
        "![示意图]",
    ),
    Case(
        "SG580",
        lambda f: (
            f.write(
                "content/policies/chart.svg",
                '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n',
            ),
            f.policy("a", body="![示意图](chart.svg)\n"),
        ),
        "content/policies/chart.svg",
        2,
    ),
    # references (a public page never points to a hidden one)
    Case("SG101", lambda f: f.policy("a", catalog=["999999"]), "content/policies/a.md", "catalog:"),
    Case("SG102", lambda f: f.policy("a", catalog=["0101"]), "content/policies/a.md", "catalog:"),
    Case("SG103", lambda f: f.policy("page"), "content/policies/page.md", 1),
    Case(
        "SG104",
        lambda f: f.policy("a", validity="repealed", replaced_by="nothing"),
        "content/policies/a.md",
        "replaced_by:",
    ),
    Case(
        "SG105",
        lambda f: (f.policy("a", validity="amended", amended_by="b"), f.policy("b", disclosure="on_request")),
        "content/policies/a.md",
        "amended_by:",
    ),
    Case(
        "SG105",
        lambda f: (
            f.policy("a", validity="repealed", replaced_by="b"),
            f.policy("b", review=None, disclosure="withheld"),
        ),
        "content/policies/a.md",
        "replaced_by:",
    ),
    Case("SG106", lambda f: f.interpretation("i", "missing"), "content/interpretations/i.md", "policy:"),
    Case(
        "SG107",
        lambda f: (f.policy("a", disclosure="withheld"), f.interpretation("i", "a")),
        "content/interpretations/i.md",
        "policy:",
    ),
    # 先审后发
    Case("SG110", lambda f: f.policy("a", review=None), "content/policies/a.md", "disclosure:"),
    Case(
        "SG111",
        lambda f: f.policy("a", review={"date": dt.date(2025, 3, 5), "by": "保密审查小组"}),
        "content/policies/a.md",
        "review:",
    ),
    Case(
        "SG112",
        lambda f: f.policy("a", written=dt.date(2025, 12, 1), published=dt.date(2027, 6, 1)),
        "content/policies/a.md",
        "published:",
        warning=True,
    ),
    # 三同步
    Case(
        "SG120",
        lambda f: f.policy("a", no_interpretation_reason=None),
        "content/policies/a.md",
        "interpretation_required:",
    ),
    Case(
        "SG121",
        lambda f: f.policy("a", interpretation_required=True, no_interpretation_reason=None),
        "content/policies/a.md",
        "title:",
    ),
    Case(
        "SG122",
        lambda f: (
            f.policy("a", interpretation_required=True, no_interpretation_reason=None),
            f.interpretation("i", "a", published=dt.date(2025, 3, 10)),
        ),
        "content/interpretations/i.md",
        "published:",
        warning=True,
    ),
    Case(
        "SG123",
        lambda f: (
            f.policy("a"),
            f.write("content/interpretations/chart.png", b"\x89PNG"),
            f.interpretation("i", "a", form="chart", body="说明。\n\n![图解](chart.png)\n"),
        ),
        "content/interpretations/i.md",
        "![图解]",
        warning=True,
    ),
    # 立改废
    Case("SG130", lambda f: f.policy("a", validity="amended"), "content/policies/a.md", "validity:", warning=True),
    Case("SG131", lambda f: f.policy("a", validity="repealed"), "content/policies/a.md", "validity:", warning=True),
    Case(
        "SG132",
        lambda f: two_policies(f, validity="in_force", amended_by="b"),
        "content/policies/a.md",
        "validity:",
        warning=True,
    ),
    Case(
        "SG133",
        lambda f: f.policy("a", review_by=dt.date(2025, 6, 1)),
        "content/policies/a.md",
        "review_by:",
        warning=True,
    ),
    Case(
        "SG134",
        lambda f: (
            f.policy("a", validity="amended", amended_by="b"),
            f.policy("b", validity="repealed", replaced_by="a"),
        ),
        "content/policies/a.md",
        "amended_by:",
    ),
    # catalog consistency
    Case("SG140", lambda f: f.policy("a", catalog=[]), "content/policies/a.md", "catalog:"),
    Case(
        "SG090",
        lambda f: (f.policy("a", body="正文。\n\n详见[点击这里](b.md)。\n"), f.policy("b")),
        "content/policies/a.md",
        "[点击这里]",
        warning=True,
    ),
    Case("SG141", lambda f: f.policy("a"), "catalogs/main.yaml", "'010102'", warning=True),
    # 去标识化
    Case(
        "SG150",
        lambda f: f.policy("a", body=f"第一段。\n\n申请人身份证号{ID_NUMBER}。\n"),
        "content/policies/a.md",
        "申请人身份证号",
    ),
    Case("SG150", attachment_named(f"张三{ID_NUMBER}.pdf"), "content/policies/a.md", "file: 张三"),
    Case(
        "SG150",
        lambda f: f.policy("a", body="持身份证（号码 320102900307123）办理。\n"),
        "content/policies/a.md",
        "持身份证",
    ),
    Case(
        "SG151", lambda f: f.policy("a", title=f"关于联系人（手机 {MOBILE}）的通知"), "content/policies/a.md", "title:"
    ),
    Case("SG151", lambda f: write_config(f, contact={"phone": "139-1234-5678"}), "site.yaml", "phone:"),
    Case(
        "SG152",
        lambda f: write_catalog(f, lambda c: leaf(c).update(content=f"补贴发放至卡号 {CARD}")),
        "catalogs/main.yaml",
        "补贴发放至卡号",
    ),
    Case(
        "SG153",
        lambda f: f.policy("a", allow_personal_data=[{"value": MOBILE, "reason": "法定公示"}]),
        "content/policies/a.md",
        "allow_personal_data:",
        warning=True,
    ),
    # attachments (tests/test_attachment_privacy.py covers every hiding place)
    Case(
        "SG400",
        attachment_named("名单.xlsx", make.workbook("hidden_sheet", ID_NUMBER)),
        "content/policies/名单.xlsx",
        None,
    ),
    Case("SG401", attachment_named("名单.docx", make.word("comment", MOBILE)), "content/policies/名单.docx", None),
    Case("SG402", attachment_named("名单.csv", f"卡号\n{CARD}\n".encode()), "content/policies/名单.csv", None),
    Case(
        "SG403",
        attachment_named("通知.docx", make.word(author="张三")),
        "content/policies/通知.docx",
        None,
        warning=True,
    ),
    Case("SG404", attachment_named("名单.xlsx", b"PK\x03\x04 truncated"), "content/policies/名单.xlsx", None),
    Case("SG405", attachment_named("名单.pdf", make.encrypted_pdf()), "content/policies/名单.pdf", None),
    Case("SG406", attachment_named("材料.zip", make.archive({"a.txt": b"-"})), "content/policies/材料.zip", None),
    Case("SG407", attachment_named("名单.docx", make.zip_bomb(megabytes=8)), "content/policies/名单.docx", None),
    Case(
        "SG408", attachment_named("扫描件.pdf", make.scanned_pdf()), "content/policies/扫描件.pdf", None, warning=True
    ),
    Case("SG409", attachment_named("名单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), "content/policies/名单.xls", None),
    Case("SG410", attachment_named("名单.jpg", b"\xff\xd8\xff"), "content/policies/名单.jpg", None, warning=True),
    Case(
        "SG411",
        lambda f: (
            f.write("content/policies/a.csv", b"-"),
            f.policy(
                "a",
                attachments=[{"title": "表", "file": "a.csv"}],
                allow_personal_data=[{"value": MOBILE, "reason": "法定公示", "attachment": "a.csv"}],
            ),
        ),
        "content/policies/a.md",
        "allow_personal_data:",
        warning=True,
    ),
    # 发文字号 and 索引号 (tests/test_identifiers.py has the scenarios)
    Case(
        "SG420",
        lambda f: (
            f.policy("a", doc_number="测政发〔2025〕3号"),
            f.policy("b", doc_number="测政发[2025]3号", published=dt.date(2025, 3, 4)),
        ),
        "content/policies/b.md",
        "doc_number:",
    ),
    Case(
        "SG421",
        lambda f: f.policy("a", doc_number="测政发〔2025〕03号"),
        "content/policies/a.md",
        "doc_number:",
        warning=True,
    ),
    Case("SG422", lambda f: f.policy("a", index_no="abc"), "content/policies/a.md", "index_no:"),
    Case("SG423", lambda f: f.policy("a"), "content/policies/a.md", 1, warning=True),
    # annual reports: reading
    Case(
        "SG300",
        lambda f: f.write("content/reports/2024.yaml", "year: 2024\nissuer: [测试区\n"),
        "content/reports/2024.yaml",
        2,  # the line of the "[" that is never closed, not the end of the file
    ),
    Case("SG300", lambda f: f.write("content/reports/2024.yaml", "- 2024\n"), "content/reports/2024.yaml", 1),
    Case("SG301", report(titel="年度报告"), "content/reports/2024.yaml", "titel:", warning=True),
    Case("SG302", report(published="2025-13-01"), "content/reports/2024.yaml", "published:"),
    Case("SG302", report(lambda d: d["proactive"].update(fees=-1)), "content/reports/2024.yaml", "fees:"),
    Case("SG303", report(lambda d: d.pop("published")), "content/reports/2024.yaml", 1),
    Case("SG303", report(lambda d: d["proactive"].pop("fees")), "content/reports/2024.yaml", "rules:"),
    Case(
        "SG304", report(lambda d: d["applications"].update(granted=[4, 1, 0])), "content/reports/2024.yaml", "granted:"
    ),
    Case(
        "SG304",
        report(lambda d: d["applications"]["withheld"].pop("inquiry")),
        "content/reports/2024.yaml",
        "state_secret:",
    ),
    Case(
        "SG305",
        report(lambda d: d["applications"].update(grantd=ZERO)),
        "content/reports/2024.yaml",
        "grantd:",
        warning=True,
    ),
    # annual reports: arithmetic, the policy library, last year and the date
    Case(
        "SG310",
        report(lambda d: d["applications"].update(received=[5, 1, 0, 0, 0, 0, 7])),
        "content/reports/2024.yaml",
        "received:",
    ),
    Case(
        "SG310",
        report(lambda d: d["appeals"].update(review=[1, 1, 0, 0, 1])),
        "content/reports/2024.yaml",
        "  review: [",
    ),
    Case(
        "SG311",
        report(lambda d: d["applications"].update(carried_forward=[0, 1, 0, 0, 0, 0])),
        "content/reports/2024.yaml",
        "carried_forward:",
    ),
    Case("SG312", carried_over_differs, "content/reports/2025.yaml", "carried_over:", warning=True),
    Case(
        "SG313",
        report(lambda d: d["proactive"].update(normative={"issued": 9, "repealed": 9, "in_force": 9})),
        "content/reports/2024.yaml",
        "normative:",
    ),
    Case("SG314", repealed_without_replacement, "content/reports/2024.yaml", "normative_catalog:", warning=True),
    Case(
        "SG315",
        report(lambda d: d["proactive"].update(normative_catalog="9999")),
        "content/reports/2024.yaml",
        "normative_catalog:",
    ),
    Case(
        "SG316",
        report(published=dt.date(2024, 12, 30), review={**REVIEW, "date": dt.date(2024, 12, 1)}),
        "content/reports/2024.yaml",
        "published:",
    ),
    Case("SG317", report(published=dt.date(2025, 3, 1)), "content/reports/2024.yaml", "published:", warning=True),
    # consultations (they open 2025-11-01 and close 2025-11-30; the checks run on 2026-01-01)
    Case(
        "SG320", lambda f: consultation(f, "c", closes=dt.date(2025, 10, 31)), "content/consultations/c.md", "closes:"
    ),
    Case("SG321", lambda f: consultation(f, "c", email=None), "content/consultations/c.md", "title:"),
    Case(
        "SG322",
        lambda f: consultation(
            f, "c", feedback={"date": dt.date(2025, 12, 5), "received": 5, "adopted": 2, "not_adopted": 1}
        ),
        "content/consultations/c.md",
        "feedback:",
    ),
    Case(
        "SG323",
        lambda f: consultation(f, "c", feedback={"date": dt.date(2025, 11, 20), "received": 0}),
        "content/consultations/c.md",
        "feedback:",
    ),
    Case("SG324", lambda f: consultation(f, "c"), "content/consultations/c.md", "closes:", warning=True),
    Case("SG325", lambda f: consultation(f, "c", policy="missing"), "content/consultations/c.md", "policy:"),
    Case(
        "SG325",
        lambda f: (consultation(f, "c", policy="a"), f.policy("a", disclosure="withheld")),
        "content/consultations/c.md",
        "policy:",
    ),
    Case(
        "SG326",
        lambda f: consultation(f, "c", closes=dt.date(2025, 11, 10)),
        "content/consultations/c.md",
        "closes:",
        warning=True,
    ),
    Case("SG331", lambda f: consultation(f, "c", phone="0539-99999999"), "content/consultations/c.md", "phone:"),
    # open days
    Case("SG330", lambda f: event(f, "e", ends="2025-12-10 08:00"), "content/events/e.md", "ends:"),
    Case("SG331", lambda f: event(f, "e", phone="0539-87654321"), "content/events/e.md", "phone:"),
    Case(
        "SG332",
        lambda f: event(f, "e", published=dt.date(2025, 12, 20)),
        "content/events/e.md",
        "published:",
        warning=True,
    ),
    # identity files and 表述规范
    Case("SG453", lambda f: write_config(f, logo="static/missing.svg"), "site.yaml", "logo:"),
    Case(
        "SG460",
        lambda f: f.policy("a", body="全体干部要再接再励，按步就班推进。\n"),
        "content/policies/a.md",
        "再接再励",
        warning=True,
    ),
    Case("SG460", lambda f: f.policy("a", title="关于既往不究的通知"), "content/policies/a.md", "title:", warning=True),
    Case(
        "SG461",
        lambda f: (
            write_config(f, words={"corrections": {"测试区政府办": "测试区人民政府办公室"}}),
            f.policy("a", body="由测试区政府办负责。\n"),
        ),
        "content/policies/a.md",
        "测试区政府办",
        warning=True,
    ),
    Case(
        "SG462",
        lambda f: (write_config(f, words={"forbidden": ["某某领导"]}), f.policy("a", body="某某领导指出。\n")),
        "content/policies/a.md",
        "某某领导",
        warning=True,
    ),
    Case(
        "SG463",
        lambda f: (
            write_config(f, leaders=[{"name": "李明", "title": "区长"}]),
            f.policy("a", body="副区长李明出席。\n"),
        ),
        "content/policies/a.md",
        "李明",
        warning=True,
    ),
    # URLs that never break
    Case("SG450", lambda f: f.policy("a", aliases=["/policies/"]), "content/policies/a.md", "aliases:"),
    Case(
        "SG450",
        lambda f: (f.policy("a", aliases=["/old/"]), f.policy("b", aliases=["/old/"])),
        "content/policies/b.md",
        "aliases:",
    ),
    # policy packages and the Q&A library
    Case(
        "SG500",
        lambda f: (f.policy("a"), package(f, "p", policies=["a", "missing"])),
        "content/packages/p.md",
        "- missing",
    ),
    Case(
        "SG500",
        lambda f: (f.policy("a"), package(f, "p", policies=["a"], interpretations=["nope"])),
        "content/packages/p.md",
        "- nope",
    ),
    Case(
        "SG501",
        lambda f: (f.policy("a"), f.policy("b", disclosure="withheld"), package(f, "p", policies=["a", "b"])),
        "content/packages/p.md",
        "- b",
    ),
    Case(
        "SG502",
        lambda f: (f.policy("a"), package(f, "p", policies=["a"], catalog_items=["9999"])),
        "content/packages/p.md",
        "9999",
    ),
    Case(
        "SG502",
        lambda f: (f.policy("a"), package(f, "p", policies=["a"], catalog_items=["01"])),
        "content/packages/p.md",
        "- '01'",
    ),
    Case("SG503", lambda f: package(f, "p"), "content/packages/p.md", "title:"),
    Case(
        "SG510",
        lambda f: (f.policy("a"), f.interpretation("i", "a", form="qa", body="答：没有问题标题。\n")),
        "content/interpretations/i.md",
        "form:",
        warning=True,
    ),
    Case(
        "SG511",
        lambda f: (
            f.policy("a"),
            f.interpretation("i", "a", form="qa", body="### 问：甲？\n\n### 问：乙？\n\n答：乙。\n"),
        ),
        "content/interpretations/i.md",
        "问：甲",
        warning=True,
    ),
]


def expected_line(root: Path, case: Case) -> int | None:
    if case.line is None or isinstance(case.line, int):
        return case.line
    lines = (root / case.path).read_text(encoding="utf-8", errors="replace").split("\n")
    return next(number for number, text in enumerate(lines, 1) if case.line in text)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}-{i}" for i, c in enumerate(CASES)])
def test_each_problem_is_reported_with_code_file_line_and_fix(factory, case: Case):
    case.setup(factory)
    diags = diagnostics_of(factory)
    found = [d for d in diags.items if d.code == case.code]
    assert found, f"{case.code} not reported; got {[(d.code, d.path, d.line) for d in diags.items]}"
    line = expected_line(factory.root, case)
    matching = [d for d in found if d.path == case.path and d.line == line]
    assert matching, f"expected {case.path}:{line}, got {[(d.path, d.line) for d in found]}"
    diag = matching[0]
    assert diag.severity is (Severity.WARNING if case.warning else Severity.ERROR)
    assert_bilingual(diag)


def assert_bilingual(diag: Diagnostic) -> None:
    assert diag.zh and diag.en and diag.fix_zh and diag.fix_en, diag
    # Chinese sentences in the Chinese message and fix, English sentences in the English ones.
    assert any("\u4e00" <= ch <= "\u9fff" for ch in diag.zh) and any("\u4e00" <= ch <= "\u9fff" for ch in diag.fix_zh)
    assert re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", diag.en) and re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", diag.fix_en)


def test_every_code_in_the_package_has_a_case():
    from sitegen.diagnostics.codes import all_codes

    codes = {code.id for code in all_codes()}
    # SG001 (no site.yaml), SG004/SG008/SG009 (theme and output folders) and SG011 (unreadable
    # file) need other set-ups, and SG180/SG181 (the written pages) and SG182 (the nginx
    # configuration) are found only by a build: each has its own test below.
    # SG451 and SG452 compare two builds (tests/test_aliases.py).
    covered = {c.code for c in CASES} | {
        "SG001",
        "SG004",
        "SG008",
        "SG009",
        "SG011",
        "SG180",
        "SG181",
        "SG182",
        "SG451",
        "SG452",
    }
    assert codes - covered == set()
    assert covered - codes == set()


def test_missing_site_yaml_is_a_config_error(tmp_path):
    from sitegen.build import load

    with pytest.raises(ConfigError) as info:
        load(tmp_path / "site.yaml")
    error = info.value.diagnostics.errors[0]
    assert (error.code, error.path, error.line) == ("SG001", "site.yaml", None)
    assert error.fix_zh and error.fix_en


def test_unreadable_file_is_reported(tmp_path):
    from sitegen.load.sources import read_text

    diags = Diagnostics(tmp_path)
    (tmp_path / "folder.md").mkdir()
    assert read_text(tmp_path / "folder.md", diags) is None
    assert [(d.code, d.path) for d in diags.items] == [("SG011", "folder.md")]
    assert diags.items[0].fix_en


@pytest.mark.parametrize(
    "output, reports, code",
    [
        ("content", None, "SG008"),
        (".", None, "SG008"),
        ("..", None, "SG008"),
        ("content/_site", None, "SG008"),
        ("themes", None, "SG008"),
        ("_site", "_site/_reports", "SG009"),
        ("_site", "_site", "SG009"),
    ],
)
def test_output_folder_never_replaces_the_sources(factory, output, reports, code):
    from sitegen.build import build

    factory.policy("a")
    add_theme(factory)
    before = sorted(p.relative_to(factory.root) for p in factory.root.rglob("*"))
    with pytest.raises(ConfigError) as info:
        build(
            factory.root / "site.yaml",
            factory.root / output,
            reports=factory.root / reports if reports else None,
            today=dt.date(2026, 1, 1),
            search=False,
        )
    assert [d.code for d in info.value.diagnostics.errors] == [code]
    assert info.value.diagnostics.errors[0].path == "site.yaml"
    assert sorted(p.relative_to(factory.root) for p in factory.root.rglob("*")) == before


def test_missing_theme_is_a_config_error(factory, tmp_path):
    from sitegen.build import build

    factory.policy("a")
    with pytest.raises(ConfigError) as info:
        build(factory.root / "site.yaml", tmp_path / "out", today=dt.date(2026, 1, 1), search=False)
    error = info.value.diagnostics.errors[0]
    assert (error.code, error.path) == ("SG004", "site.yaml") and "theme_dir" in error.fix_en
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("code, planted", [("SG180", STATS_SCRIPT), ("SG181", '<p style="display:none">隐藏</p>')])
def test_problems_in_the_written_pages_name_the_first_page_and_its_line(factory, tmp_path, code, planted):
    """A template problem is reported once, at the first page that shows it and the line it is on there."""
    factory.policy("a")
    first = sorted(factory.build().output.rglob("*.html"))[0]
    # The planted markup takes the line where </body> was in the page built without it.
    line = first.read_text("utf-8").split("\n").index("</body>") + 1
    with pytest.raises(BuildFailed) as caught:
        factory.build(theme=theme_with(tmp_path, planted))
    [error] = caught.value.diagnostics.errors
    assert (error.code, error.path, error.line) == (code, first.relative_to(factory.root).as_posix(), line)
    assert_bilingual(error)


def test_placeholder_nginx_root_is_reported_at_its_line(factory):
    factory.policy("a")
    result = factory.build(factory.root / "site$1")
    [warning] = [d for d in result.diagnostics.items if d.code == "SG182"]
    assert (warning.path, warning.severity) == ("site$1.nginx.conf", Severity.WARNING)
    lines = result.server_config.read_text("utf-8").split("\n")
    assert lines[warning.line - 1].strip() == f'root "{PLACEHOLDER_ROOT}";'
    assert_bilingual(warning)


def test_all_problems_of_a_run_are_reported_together_grouped_by_file(factory):
    factory.policy("a", issuer="不存在的机关", published="2024-13-45")
    factory.policy("b", catalog=["999999"], body=f"联系电话 {MOBILE}\n")
    factory.write("content/policies/c.md", "---\ntitle: 未结束\n")
    diags = diagnostics_of(factory)
    groups: dict[str, list] = {}
    for path, group in diags.by_file():
        groups.setdefault(path, []).extend(group)
    assert set(groups) >= {"content/policies/a.md", "content/policies/b.md", "content/policies/c.md"}
    assert {d.code for d in groups["content/policies/b.md"]} >= {"SG101", "SG151"}
    text = diags.format(colour=False)
    # Each file is a heading followed by its own problems, in file order.
    assert (
        text.index("content/policies/a.md\n")
        < text.index("content/policies/b.md\n")
        < text.index("content/policies/c.md\n")
    )
    # Errors come before warnings: a file is named once among the errors (and once more among the warnings).
    errors = text.split("== 警告 warnings ==")[0]
    assert errors.count("content/policies/b.md\n") == 1


def test_personal_data_reports_are_masked(factory):
    factory.policy("a", body=f"身份证号{ID_NUMBER}，手机{MOBILE}，银行卡{CARD}。\n")
    diags = diagnostics_of(factory)
    found = {d.code: d for d in diags.errors if d.code in ("SG150", "SG151", "SG152")}
    assert set(found) == {"SG150", "SG151", "SG152"}
    assert "3201**********" + ID_NUMBER[-4:] in found["SG150"].zh
    assert "139****5678" in found["SG151"].en
    assert "6222***********0128" in found["SG152"].zh
    everything = diags.to_json() + diags.format(colour=False)
    for secret in (ID_NUMBER, MOBILE, CARD):
        assert secret not in everything
    # The column points at the number itself.
    line = (factory.root / "content/policies/a.md").read_text("utf-8").split("\n")[found["SG150"].line - 1]
    assert line[found["SG150"].column - 1 :].startswith(ID_NUMBER)


def test_allowance_lets_one_specific_value_through(factory):
    factory.policy(
        "a",
        body=f"法定公示：联系人手机 {MOBILE}；其他人 13800001111。\n",
        allow_personal_data=[{"value": MOBILE, "reason": "《条例》要求公示联系方式"}],
    )
    diags = diagnostics_of(factory)
    personal = [d for d in diags.items if d.code.startswith("SG15")]
    assert [(d.code, d.zh.count("138****1111")) for d in personal] == [("SG151", 1)]


def test_allowance_in_one_document_does_not_cover_another(factory):
    factory.policy("a", body=f"手机 {MOBILE}\n", allow_personal_data=[{"value": MOBILE, "reason": "法定公示"}])
    factory.policy("b", body=f"手机 {MOBILE}\n")
    errors = [d for d in diagnostics_of(factory).errors if d.code == "SG151"]
    assert [d.path for d in errors] == ["content/policies/b.md"]


def test_allowance_needs_a_reason(factory):
    factory.policy("a", body=f"手机 {MOBILE}\n", allow_personal_data=[{"value": MOBILE}])
    error = next(d for d in diagnostics_of(factory).errors if d.code == "SG032")
    assert "allow_personal_data" in error.en


def test_personal_data_in_withheld_documents_is_not_reported(factory):
    factory.policy("a")
    factory.policy("b", disclosure="withheld", body=f"申请人身份证号{ID_NUMBER}\n")
    assert not any(d.code.startswith("SG15") for d in diagnostics_of(factory).items)


def test_public_phones_from_site_yaml_pass(factory):
    write_config(factory, public_phones=["139 1234 5678"])
    factory.policy("a", body=f"咨询电话：{MOBILE}（工作日）\n")
    assert not any(d.code.startswith("SG15") for d in diagnostics_of(factory).items)


def test_check_reports_problems_that_only_the_page_plan_finds(factory, tmp_path):
    """``sitegen check`` runs the page-level checks too, so it never passes a site that fails to build."""
    from sitegen.cli.main import main

    factory.policy("a", body="正文。\n\n见[旧地址](/policies/nothing/)。\n")
    assert main(["check", "--config", str(factory.root / "site.yaml")]) == 1


def test_unknown_key_in_site_yaml_suggests_the_right_one(factory):
    write_config(factory, page_szie=20)
    warning = next(d for d in diagnostics_of(factory).warnings if d.code == "SG005")
    assert "page_size" in warning.zh and 'Did you mean "page_size"' in warning.en


def test_empty_required_value_says_so(factory):
    factory.policy("a", attachments=[{"title": "附件", "file": None}])
    error = next(d for d in diagnostics_of(factory).errors if d.code == "SG032")
    assert "空值" in error.zh and "nothing" in error.en


def test_symlinked_attachment_and_image_are_never_copied(factory, tmp_path):
    """The refusal is real: a build of a site with an outside symlink fails and publishes nothing."""
    from sitegen.build import build

    symlinked_image(factory)
    add_theme(factory)
    out = tmp_path / "out"
    with pytest.raises(BuildFailed):
        build(factory.root / "site.yaml", out, today=dt.date(2026, 1, 1), search=False)
    assert not out.exists()
    assert not list(tmp_path.glob(".out.sitegen-*"))


def test_a_symlinked_folder_is_refused_by_name_or_read_when_it_stays_inside(factory, tmp_path):
    """Path.rglob skipped every symlinked folder silently: its documents just did not appear."""
    from sitegen.build import build

    add_theme(factory)
    factory.policy("a")
    symlinked_folder_out(factory)
    with pytest.raises(BuildFailed) as failed:
        build(factory.root / "site.yaml", tmp_path / "out", today=dt.date(2026, 1, 1), search=False)
    assert [(d.code, d.path) for d in failed.value.diagnostics.errors] == [("SG010", "content/policies/linked")]
    # Linked inside the project instead: its documents are published like any others.
    (factory.root / "content/policies/linked").unlink()
    kept = factory.root / "kept"
    kept.mkdir()
    factory.policy("b").rename(kept / "b.md")
    (factory.root / "content/policies/linked").symlink_to(kept, target_is_directory=True)
    build(factory.root / "site.yaml", tmp_path / "out", today=dt.date(2026, 1, 1), search=False)
    assert (tmp_path / "out/policies/b/index.html").is_file()


def test_file_names_are_never_followed_outside_content(factory):
    os.symlink("/etc", factory.root / "content/policies/etc")
    factory.policy("a", body="见[口令](etc/passwd)。\n")
    codes = {d.code for d in diagnostics_of(factory).errors}
    assert "SG010" in codes


def test_documents_after_a_too_deeply_nested_one_still_render(factory):
    factory.policy("a", body="- " * 3000 + "x\n")
    factory.policy("b", body="见[文件](nothing.md)。\n")
    codes = [(d.code, d.path) for d in diagnostics_of(factory).errors]
    assert ("SG081", "content/policies/a.md") in codes and ("SG074", "content/policies/b.md") in codes
