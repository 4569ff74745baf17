"""The policy Q&A library (政策问答库): every question of the interpretations, as entries with stable anchors.

A question is a heading of an interpretation's body whose text starts with ``问：`` (or ``问:``), at any
level from ``##`` to ``####``; its answer is everything after it up to the next heading of the same or a
higher level. This holds for the whole body of a 问答 interpretation and for a Q&A section inside any
other interpretation (docs/services.md). The questions are cut from the body's rendered, sanitised HTML,
so an answer keeps its links, lists and tables exactly as the interpretation page shows them.

An entry's anchor is ``q-<interpretation id>-<crc32 of the question>``: it survives reordering and new
questions around it, and changes only when the question itself is reworded.
"""

from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass

from sitegen.checks.qa import QUESTION
from sitegen.model.records import Interpretation, Policy

# A heading that opens a question: <h3 id="...">问：…</h3>, with an optional number (1. 问：…).
_HEADING = re.compile(r"<h([2-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_ANSWER_LEAD = re.compile(r"^(\s*<p>)\s*答\s*[：:]\s*")


@dataclass(frozen=True)
class Question:
    anchor: str
    question: str  # plain text, without 问：
    answer_html: str  # sanitised HTML of the answer, 答： removed
    answer_text: str  # the answer as plain text (excerpts, feeds)
    interpretation: str  # id
    interpretation_title: str
    interpretation_url: str
    policy: str  # id
    policy_title: str
    policy_url: str
    issuer: str
    topic: str  # the policy's first topic, or 综合 when it has none
    published: str  # ISO date of the interpretation

    @property
    def url(self) -> str:
        return f"/qa/{self.anchor}/"

    @property
    def library_url(self) -> str:
        return f"/qa/#{self.anchor}"


def plain_text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAGS.sub(" ", fragment))).strip()


def anchor_of(interpretation_id: str, question: str) -> str:
    return f"q-{interpretation_id}-{zlib.crc32(question.encode('utf-8')):08x}"


def split_questions(body_html: str) -> list[tuple[str, str]]:
    """(question text, answer HTML) for every question heading of a rendered body, in order."""
    headings = list(_HEADING.finditer(body_html))
    found: list[tuple[str, str]] = []
    for index, heading in enumerate(headings):
        text = plain_text(heading.group(2))
        match = QUESTION.match(text)
        if not match:
            continue
        level = int(heading.group(1))
        end = len(body_html)
        for later in headings[index + 1 :]:
            if int(later.group(1)) <= level:
                end = later.start()
                break
        answer = _ANSWER_LEAD.sub(r"\1", body_html[heading.end() : end].strip(), count=1)
        found.append((match.group(1).strip(), answer))
    return found


def questions_of(interp: Interpretation, policy: Policy, body_html: str) -> list[Question]:
    topic = policy.topics[0] if policy.topics else "综合"
    result = []
    seen: set[str] = set()
    for question, answer in split_questions(body_html):
        anchor = anchor_of(interp.id, question)
        if anchor in seen:  # the same question twice in one interpretation: the first one is the entry
            continue
        seen.add(anchor)
        result.append(
            Question(
                anchor,
                question,
                answer,
                plain_text(answer),
                interp.id,
                interp.title,
                interp.url,
                policy.id,
                policy.title,
                policy.url,
                interp.issuer,
                topic,
                interp.published.isoformat() if interp.published else "",
            )
        )
    return result
