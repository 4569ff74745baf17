"""Attachment links show the title as written, the format and the size, and never a doubled 附件N label."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.model.records import Attachment
from sitegen.render.templates import attachment_labels
from tests.sitefactory import SiteFactory


def labels(*titles: str) -> list[str]:
    return [label for _, label in attachment_labels([Attachment(t, Path(t), t, 1, "PDF") for t in titles])]


@pytest.mark.parametrize(
    "titles, shown",
    [
        (["示例区补贴名单"], ["附件：示例区补贴名单"]),
        (["甲表", "乙表"], ["附件1：甲表", "附件2：乙表"]),
        (["附件2：乙表"], ["附件2：乙表"]),
        (["附件1：甲表", "附件2：乙表"], ["附件1：甲表", "附件2：乙表"]),
        (["附件2 乙表", "丙表"], ["附件2 乙表", "丙表"]),  # one labelled by hand: none is renumbered
        (["附件一、实施细则", "附件二、申请表"], ["附件一、实施细则", "附件二、申请表"]),
        (["附件：申请表"], ["附件：申请表"]),
        (["附件管理办法"], ["附件：附件管理办法"]),  # a title that merely starts with the word
    ],
)
def test_labels(titles: list[str], shown: list[str]) -> None:
    assert labels(*titles) == shown


def test_page_shows_title_format_and_size(tmp_path: Path) -> None:
    factory = SiteFactory(tmp_path)
    factory.write("content/policies/list.txt", "清单\n".encode() * (235 * 1024 // 7))
    factory.write("content/policies/form.csv", "项目,金额\n甲,1\n")
    factory.policy(
        "a",
        attachments=[
            {"title": "附件2：示例区补贴项目清单", "file": "list.txt"},
            {"title": "附件3：申请表", "file": "form.csv"},
        ],
    )
    factory.build()
    page = BeautifulSoup((tmp_path / "_site/policies/a/index.html").read_text("utf-8"), "html.parser")
    links = [a.get_text() for a in page.select(".attachments a")]
    assert links == ["附件2：示例区补贴项目清单（TXT，235 KB）", "附件3：申请表（CSV，20 B）"]
