"""The structured values of documents (review record, attachments, allowances, consultation feedback) and
the converters that read them from front matter. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.model.values import FieldError, check_mapping, count, date, enum, text, text_list


@dataclass(frozen=True)
class Review:
    date: dt.date
    by: str


@dataclass(frozen=True)
class Attachment:
    title: str
    source: Path
    name: str  # output file name, beside the document's page
    size: int
    kind: str  # PDF, Word, Excel, OFD ...


@dataclass(frozen=True)
class Allowance:
    """An editor's explicit permission to publish one specific personal-data match."""

    value: str
    reason: str
    attachment: str | None = None  # the file name of the attachment it applies to; None: the document's text


# What came of a consultation's comments (采纳情况). The labels are the site's words.
FEEDBACK_RESULTS = {"adopted": "采纳", "partly_adopted": "部分采纳", "not_adopted": "未采纳"}


@dataclass(frozen=True)
class FeedbackItem:
    opinion: str  # a summary of the comment, never the commenter
    result: str  # a key of FEEDBACK_RESULTS
    reason: str | None = None  # why it was not (fully) adopted

    @property
    def result_label(self) -> str:
        return FEEDBACK_RESULTS[self.result]


@dataclass(frozen=True)
class Feedback:
    """采纳情况: what came of the comments, published after the consultation closed."""

    published: dt.date
    received: int
    adopted: int
    partly_adopted: int
    not_adopted: int
    summary: str | None
    items: list[FeedbackItem]


def review(value: Any) -> Review:
    mapping = check_mapping(value, "审核记录 review", "review")
    missing = [k for k in ("date", "by") if mapping.get(k) is None]
    if missing:
        raise FieldError(
            f"审核记录缺少 {'、'.join(missing)}。",
            f"The review lacks {', '.join(missing)}.",
            "写成 review: {date: 2024-03-01, by: 区政府办公室保密审查小组}。",
            "Write review: {date: 2024-03-01, by: <reviewing unit>}.",
        )
    return Review(date=date(mapping["date"]), by=text(mapping["by"]))


def attachments(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        raise FieldError(
            "附件应为列表，每项含 title 和 file。",
            "attachments must be a list of {title, file}.",
            "写成 - {title: 附件名称, file: 文件名.pdf}。",
            "Write - {title: ..., file: name.pdf}.",
        )
    items = []
    for entry in value:
        entry = check_mapping(entry, "附件", "An attachment")
        items.append({"title": text(entry.get("title")), "file": text(entry.get("file"))})
    return items


def allowances(value: Any) -> list[Allowance]:
    if not isinstance(value, list):
        raise FieldError(
            "应为列表，每项含 value 和 reason。",
            "Must be a list of {value, reason}.",
            "写成 - {value: 完整号码, reason: 公开的法律依据}；附件中的号码再加 attachment: 文件名。",
            "Write - {value: <the number>, reason: <legal basis>}, plus attachment: <file name> for "
            "a number inside an attachment.",
        )
    result = []
    for entry in value:
        entry = check_mapping(entry, "豁免项", "An allowance")
        attachment = entry.get("attachment")
        result.append(
            Allowance(
                value=text(entry.get("value")),
                reason=text(entry.get("reason")),
                attachment=text(attachment) if attachment is not None else None,
            )
        )
    return result


_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


def email(value: Any) -> str:
    result = text(value)
    if not _EMAIL.match(result):
        raise FieldError(
            f"“{result}”不是有效的电子邮箱地址。",
            f'"{result}" is not a valid e-mail address.',
            "写成 zwgk@shiliqu.gov.cn 的形式。",
            "Write it like zwgk@example.gov.cn.",
        )
    return result


def _feedback_item(value: Any) -> FeedbackItem:
    entry = check_mapping(value, "反馈意见条目", "A feedback item")
    if entry.get("opinion") is None or entry.get("result") is None:
        raise FieldError(
            "每条反馈须有 opinion（意见摘要）和 result（采纳情况）。",
            "Each feedback item needs opinion and result.",
            "写成 - {opinion: 意见摘要, result: 采纳}。",
            "Write - {opinion: ..., result: adopted}.",
        )
    result = enum(FEEDBACK_RESULTS)(entry["result"])
    reason = text(entry["reason"]) if entry.get("reason") is not None else None
    if result != "adopted" and reason is None:
        raise FieldError(
            f"意见“{text(entry['opinion'])[:20]}”{FEEDBACK_RESULTS[result]}，须说明理由（reason）。",
            "An opinion that was not (fully) adopted needs a reason.",
            "加入 reason: 未采纳的理由。",
            "Add reason: why it was not adopted.",
        )
    return FeedbackItem(text(entry["opinion"]), result, reason)


def feedback(value: Any) -> Feedback:
    mapping = check_mapping(value, "采纳情况 feedback", "feedback")
    missing = [k for k in ("date", "received") if mapping.get(k) is None]
    if missing:
        raise FieldError(
            f"采纳情况缺少 {'、'.join(missing)}。",
            f"The feedback lacks {', '.join(missing)}.",
            "写成 feedback: {date: 反馈日期, received: 收到意见条数, adopted: …, not_adopted: …}。",
            "Write feedback: {date: ..., received: ..., adopted: ..., not_adopted: ...}.",
        )
    unknown = sorted(
        set(mapping) - {"date", "received", "adopted", "partly_adopted", "not_adopted", "summary", "items"}
    )
    if unknown:
        raise FieldError(
            f"采纳情况中的未知字段：{'、'.join(map(str, unknown))}。",
            f"Unknown feedback keys: {unknown}.",
            "可用字段：date、received、adopted、partly_adopted、not_adopted、summary、items。",
            "Known keys: date, received, adopted, partly_adopted, not_adopted, summary, items.",
        )
    items = mapping.get("items") or []
    if not isinstance(items, list):
        raise FieldError("items 应为列表。", "items must be a list.")
    return Feedback(
        published=date(mapping["date"]),
        received=count(mapping["received"]),
        adopted=count(mapping.get("adopted", 0)),
        partly_adopted=count(mapping.get("partly_adopted", 0)),
        not_adopted=count(mapping.get("not_adopted", 0)),
        summary=text(mapping["summary"]) if mapping.get("summary") is not None else None,
        items=[_feedback_item(item) for item in items],
    )


@dataclass(frozen=True)
class PackageStep:
    """One step of a life or business event (办事步骤): what to do, what to prepare, and where."""

    title: str
    prepare: list[str]  # 准备材料
    where: str  # 办理地点或渠道
    time_limit: str | None = None  # 办理时限
    note: str | None = None


_STEP_KEYS = ("title", "prepare", "where", "time_limit", "note")


def _step(value: Any) -> PackageStep:
    entry = check_mapping(value, "办事步骤", "A step")
    unknown = sorted(str(k) for k in entry if k not in _STEP_KEYS)
    if unknown:
        raise FieldError(
            f"办事步骤中的未知字段：{'、'.join(unknown)}。",
            f"Unknown keys in a step: {', '.join(unknown)}.",
            f"可用字段：{'、'.join(_STEP_KEYS)}。",
            f"Known keys: {', '.join(_STEP_KEYS)}.",
        )
    missing = [k for k in ("title", "where") if entry.get(k) is None]
    if missing:
        raise FieldError(
            f"办事步骤缺少 {'、'.join(missing)}。",
            f"A step lacks {', '.join(missing)}.",
            "写成 - {title: 步骤名称, prepare: [材料], where: 办理地点或渠道}。",
            "Write - {title: ..., prepare: [...], where: ...}.",
        )
    prepare = text_list(entry["prepare"]) if entry.get("prepare") is not None else []
    optional = {k: text(entry[k]) for k in ("time_limit", "note") if entry.get(k) is not None}
    return PackageStep(text(entry["title"]), prepare, text(entry["where"]), **optional)


def package_steps(value: Any) -> list[PackageStep]:
    if not isinstance(value, list) or not value:
        raise FieldError(
            "steps 应为非空列表，每项是一个办事步骤。",
            "steps must be a non-empty list of steps.",
            "写成 - {title: 步骤名称, prepare: [材料], where: 办理地点或渠道}。",
            "Write - {title: ..., prepare: [...], where: ...}.",
        )
    return [_step(item) for item in value]
