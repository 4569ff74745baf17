"""Questions of the interpretations (the Q&A library's source): a 问答 interpretation needs question headings,
and each question needs an answer. The heading pattern is declared here, once; sitegen.render.qa cuts the
rendered bodies with it."""

from __future__ import annotations

import datetime as dt
import re

from sitegen.diagnostics.codes import SG510, SG511
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel

# The text of a heading that opens a question: 问：…, with an optional number (1. 问：…).
QUESTION = re.compile(r"^\s*(?:\d+[.．、]\s*)?问\s*[：:]\s*(.+)$", re.DOTALL)
_MD_HEADING = re.compile(r"^(#{2,6})\s+(.*)$")


def markdown_questions(body: str) -> list[tuple[int, int, str, bool]]:
    """(line offset in the body, heading level, question, has an answer) of each question heading in Markdown."""
    lines = body.split("\n")
    headings = [
        (i, len(m.group(1)), m.group(2).strip())
        for i, line in enumerate(lines)
        if (m := _MD_HEADING.match(line.strip()))
    ]
    found = []
    for index, (offset, level, text) in enumerate(headings):
        match = QUESTION.match(text)
        if not match:
            continue
        end = next((o for o, lv, _ in headings[index + 1 :] if lv <= level), len(lines))
        answered = any(line.strip() for line in lines[offset + 1 : end])
        found.append((offset, level, match.group(1).strip(), answered))
    return found


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    """A 问答 interpretation feeds the Q&A library only through question headings; each needs an answer."""
    for interp in model.interpretations.values():
        questions = markdown_questions(interp.body)
        if interp.form == "qa" and not questions:
            diags.report(SG510, interp.source, line=interp.line_of("form"))
        for offset, _, question, answered in questions:
            if not answered:
                diags.report(SG511, interp.source, line=interp.body_line + offset, question=question[:30])
