"""SVG images published beside a page must be pictures only.

An SVG is a document: opened on its own address (a reader following the image, a search engine) it
runs its scripts with this site's origin, and it may load content from elsewhere. The text sanitiser
never sees the file, so the file itself is checked before it is copied: scripts and embedded HTML,
event attributes, javascript:/data:/outside links, and DTD entity declarations (entity bombs) are
refused. The check is deliberately textual and strict: a picture needs none of these.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sitegen.diagnostics.codes import SG580
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.records import Document

_ACTIVE: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"<!(?:DOCTYPE|ENTITY)", re.I), "文档类型或实体声明", "a DOCTYPE or entity declaration"),
    (
        re.compile(r"<\s*(?:[\w-]+:)?(?:script|foreignObject|iframe|object|embed|handler|listener)\b", re.I),
        "脚本或嵌入的网页",
        "a script or embedded HTML",
    ),
    (re.compile(r"[\s\"'/]on[a-z]+\s*=", re.I), "事件属性（on…=）", "an event attribute (on…=)"),
    (
        re.compile(r"(?:href|src)\s*=\s*[\"']?\s*(?:javascript:|vbscript:|data:|[a-z][a-z0-9+.-]*://|//)", re.I),
        "脚本链接或外部链接",
        "a script link or an outside link",
    ),
    (
        re.compile(r"url\(\s*[\"']?\s*(?:javascript:|data:|[a-z][a-z0-9+.-]*://|//)|@import", re.I),
        "样式中的外部引用",
        "an outside reference in its style",
    ),
]


def active_content(text: str) -> tuple[int, str, str] | None:
    """The first active construct in an SVG's text: (1-based line, what in Chinese, what in English)."""
    for number, line in enumerate(text.split("\n"), 1):
        plain = html.unescape(line)  # &#106;avascript: is javascript:
        for pattern, zh, en in _ACTIVE:
            if pattern.search(line) or pattern.search(plain):
                return number, zh, en
    return None


def check_svg(doc: Document, path: Path, diags: Diagnostics) -> None:
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return  # the copy reports it
    found = active_content(text)
    if found is not None:
        line, zh, en = found
        published_by = diags.rel(doc.source)
        diags.report(SG580, path, line=line, name=path.name, published_by=published_by, what=zh, what_en=en)
