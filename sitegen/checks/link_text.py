"""Links say where they lead: a link whose whole text is 点击这里, 详情 or the like means nothing when a
screen reader lists the links of a page, or to a reader who skims (WCAG 2.4.4, GB/T 37668)."""

from __future__ import annotations

import datetime as dt
import re

from sitegen.diagnostics.codes import SG090
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel

VAGUE = {
    "点击这里",
    "点击此处",
    "点此",
    "点击",
    "这里",
    "此处",
    "请点击",
    "更多",
    "详情",
    "查看",
    "链接",
    "下载",
    "click here",
    "here",
    "more",
    "link",
    "download",
}
# Markdown links [text](target) and raw HTML anchors, the two ways a body can hold a link.
_LINKS = re.compile(r"(?<!!)\[([^\]\n]*)\]\([^)\n]*\)|<a\b[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return re.sub(r"[\s*_`：:。，,.!！>》\-]+", " ", _TAGS.sub("", text)).strip().lower()


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    for doc in model.documents():
        if not doc.is_public:
            continue
        for match in _LINKS.finditer(doc.body):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            if _plain(text) in VAGUE or not _plain(text):
                line = doc.body_line + doc.body.count("\n", 0, match.start())
                shown = text.strip() or "（空）"
                diags.report(SG090, doc.source, line=line, shown=shown)
