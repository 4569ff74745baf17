"""Questions of the interpretations (the Q&A library's source): a 问答 interpretation needs question headings,
and each question needs an answer. The heading pattern is declared here, once; sitegen.render.qa cuts the
rendered bodies with it."""

from __future__ import annotations

import datetime as dt
import re

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
            diags.add(
                "SG510",
                interp.source,
                "问答形式的解读中没有“### 问：……”格式的问题标题，问答库收录不到它的问题。",
                "A Q&A interpretation has no question heading (### 问：...): the Q&A library cannot list it.",
                line=interp.line_of("form"),
                warning=True,
                fix_zh="每个问题写成一个以“问：”开头的标题（如 ### 问：……），答案写在标题下面。",
                fix_en="Write each question as a heading starting with 问： (e.g. ### 问：...), the answer below.",
            )
        for offset, _, question, answered in questions:
            if not answered:
                diags.add(
                    "SG511",
                    interp.source,
                    f"问题“{question[:30]}”下面没有答案。",
                    f'The question "{question[:30]}" has no answer below it.',
                    line=interp.body_line + offset,
                    warning=True,
                    fix_zh="在问题标题下写出答案（以“答：”开头），或删除该问题。",
                    fix_en="Write the answer under the question heading (starting with 答：), or remove it.",
                )
