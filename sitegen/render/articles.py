"""Policy text cut into articles and numbered items (units), for the old-versus-new comparison.

A unit starts at a numbered paragraph (第X条, 第X章, 一、, （一）, 1.) and holds the sentences that
follow it; a heading, a signature, a date or （此件公开发布） stands alone. In a text of articles,
（一） and 1. are the items of an article (款、项), not units of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_CN = "一二三四五六七八九十百千零〇两"
_NUMBER = rf"[{_CN}\d]+"
# The numbering that starts a unit, most specific first; group 1 is the label as written.
_MARKERS = (
    ("article", re.compile(rf"^(第{_NUMBER}条)[\s　]*")),
    ("chapter", re.compile(rf"^(第{_NUMBER}[编章节])[\s　]*")),
    ("section", re.compile(rf"^([{_CN}]+、)[\s　]*")),
    ("item", re.compile(rf"^([（(][{_CN}]+[)）])[\s　]*")),
    ("point", re.compile(r"^(\d+[.．、](?!\d)|[（(]\d+[)）])[\s　]*")),
)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_HEADING = re.compile(r"^#{1,6}\s+")
_LIST = re.compile(r"^\s*[-*+]\s+")
HEADING = "\x1e"  # marks a heading line in the output of plain()
# A paragraph that continues an article ends like a sentence; a signature, a date or （此件公开发布） does not.
_SENTENCE_END = tuple("。；：;:！？")


@dataclass(frozen=True)
class Unit:
    """An article or numbered item: its number as written (may be empty) and its paragraphs, number removed."""

    kind: str  # article, chapter, section, item, point, or text (no number)
    label: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def start_of(unit: Unit) -> str:
    text = unit.paragraphs[0]
    return f"“{text[:14]}…”" if len(text) > 15 else f"“{text}”" if text else ""


def plain(markdown_text: str) -> list[str]:
    """The paragraphs of a Markdown body as plain text: headings, links and emphasis reduced to their words.

    A heading keeps a leading ``HEADING`` character so that :func:`units` can tell it from a paragraph.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", markdown_text.replace("\r\n", "\n")):
        lines: list[str] = []
        for raw in block.split("\n"):
            heading = bool(_HEADING.match(raw.strip()))
            line = _HEADING.sub("", raw.strip())
            line = _LIST.sub("", line)
            line = _EMPHASIS.sub("", _TAG.sub("", _LINK.sub(r"\1", line))).strip()
            if not line or set(line) <= set("|-: "):
                continue
            # A heading, or a numbered line inside a block (a Markdown list), starts a paragraph of its own.
            if lines and (heading or _marker(line)[0] != "text"):
                paragraphs.append("".join(lines))
                lines = []
            lines.append(HEADING + line if heading else line)
            if heading:
                paragraphs.append(lines.pop())
        if lines:
            paragraphs.append("".join(lines))
    return paragraphs


def _marker(paragraph: str) -> tuple[str, str, str]:
    for kind, pattern in _MARKERS:
        found = pattern.match(paragraph)
        if found and found.end() < len(paragraph) or (found and kind in ("chapter", "article")):
            return kind, found.group(1), paragraph[found.end() :]
    return "text", "", paragraph


def units(paragraphs: Sequence[str]) -> list[Unit]:
    """Paragraphs grouped into units: a numbered paragraph with the unnumbered sentences that follow it."""
    marked = [(p.startswith(HEADING), *_marker(p.lstrip(HEADING))) for p in paragraphs]
    # In a text of articles, （一） and 1. are the items of an article (款、项), not units of their own.
    articles = any(kind == "article" for _, kind, _, _ in marked)
    found: list[tuple[str, str, list[str]]] = []
    for paragraph, (heading, kind, label, rest) in zip(paragraphs, marked, strict=True):
        paragraph = paragraph.lstrip(HEADING)
        if articles and kind not in ("article", "chapter", "text"):
            kind, label, rest = "text", "", paragraph
        # Chapters and unnumbered headings stand alone; signatures and dates are no part of an article.
        continues = (
            kind == "text"
            and not heading
            and found
            and found[-1][0] not in ("text", "chapter", "heading")
            and paragraph.endswith(_SENTENCE_END)
        )
        if continues:
            found[-1][2].append(rest)
        else:
            found.append(("heading" if heading and kind == "text" else kind, label, [rest]))
    return [Unit(kind, label, tuple(p for p in parts if p) or ("",)) for kind, label, parts in found]
