"""Loading public consultations (意见征集) and government open days (政府开放活动) from content/.

Both are Markdown documents like policies: the body is the draft's explanation or the activity's
content, the front matter follows the schemas below and goes through the same gate and rules.
"""

from __future__ import annotations

import re
from typing import Any

from sitegen.load import fields as f
from sitegen.load.content import COMMON, POLICY_SCHEMA
from sitegen.model.records import FEEDBACK_RESULTS, Feedback, FeedbackItem

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


def email(value: Any) -> str:
    result = f.text(value)
    if not _EMAIL.match(result):
        raise f.FieldError(f"“{result}”不是有效的电子邮箱地址。", f'"{result}" is not a valid e-mail address.',
                           "写成 zwgk@shiliqu.gov.cn 的形式。", "Write it like zwgk@example.gov.cn.")
    return result


def _feedback_item(value: Any) -> FeedbackItem:
    entry = f.check_mapping(value, "反馈意见条目", "A feedback item")
    if entry.get("opinion") is None or entry.get("result") is None:
        raise f.FieldError("每条反馈须有 opinion（意见摘要）和 result（采纳情况）。",
                           "Each feedback item needs opinion and result.",
                           "写成 - {opinion: 意见摘要, result: 采纳}。", "Write - {opinion: ..., result: adopted}.")
    result = f.enum(FEEDBACK_RESULTS)(entry["result"])
    reason = f.text(entry["reason"]) if entry.get("reason") is not None else None
    if result != "adopted" and reason is None:
        raise f.FieldError(f"意见“{f.text(entry['opinion'])[:20]}”{FEEDBACK_RESULTS[result]}，须说明理由（reason）。",
                           "An opinion that was not (fully) adopted needs a reason.",
                           "加入 reason: 未采纳的理由。", "Add reason: why it was not adopted.")
    return FeedbackItem(f.text(entry["opinion"]), result, reason)


def _feedback(value: Any) -> Feedback:
    mapping = f.check_mapping(value, "采纳情况 feedback", "feedback")
    missing = [k for k in ("date", "received") if mapping.get(k) is None]
    if missing:
        raise f.FieldError(f"采纳情况缺少 {'、'.join(missing)}。", f"The feedback lacks {', '.join(missing)}.",
                           "写成 feedback: {date: 反馈日期, received: 收到意见条数, adopted: …, not_adopted: …}。",
                           "Write feedback: {date: ..., received: ..., adopted: ..., not_adopted: ...}.")
    unknown = sorted(set(mapping) - {"date", "received", "adopted", "partly_adopted", "not_adopted", "summary", "items"})
    if unknown:
        raise f.FieldError(f"采纳情况中的未知字段：{'、'.join(map(str, unknown))}。", f"Unknown feedback keys: {unknown}.",
                           "可用字段：date、received、adopted、partly_adopted、not_adopted、summary、items。",
                           "Known keys: date, received, adopted, partly_adopted, not_adopted, summary, items.")
    items = mapping.get("items") or []
    if not isinstance(items, list):
        raise f.FieldError("items 应为列表。", "items must be a list.")
    return Feedback(
        published=f.date(mapping["date"]),
        received=f.count(mapping["received"]),
        adopted=f.count(mapping.get("adopted", 0)),
        partly_adopted=f.count(mapping.get("partly_adopted", 0)),
        not_adopted=f.count(mapping.get("not_adopted", 0)),
        summary=f.text(mapping["summary"]) if mapping.get("summary") is not None else None,
        items=[_feedback_item(item) for item in items],
    )


CONSULTATION_SCHEMA: dict[str, f.Field] = {
    **COMMON,
    "issuer": f.Field(f.text, required=True),
    "opens": f.Field(f.date, required=True),
    "closes": f.Field(f.date, required=True),
    "published": f.Field(f.date),  # when announced ahead of opening; defaults to opens
    "index_no": f.Field(f.text),
    "topics": POLICY_SCHEMA["topics"],
    "email": f.Field(email),
    "address": f.Field(f.text),
    "phone": f.Field(f.text),
    "policy": f.Field(f.identifier),
    "attachments": POLICY_SCHEMA["attachments"],
    "feedback": f.Field(_feedback),
}

EVENT_SCHEMA: dict[str, f.Field] = {
    **COMMON,
    "issuer": f.Field(f.text, required=True),
    "published": f.Field(f.date, required=True),
    "starts": f.Field(f.date_time, required=True),
    "ends": f.Field(f.date_time, required=True),
    "location": f.Field(f.text, required=True),
    "audience": f.Field(f.text, required=True),
    "registration": f.Field(f.text),  # the national form allows none
    "contact": f.Field(f.text, required=True),
    "phone": f.Field(f.text, required=True),
    "index_no": f.Field(f.text),
    "topics": POLICY_SCHEMA["topics"],
    "attachments": POLICY_SCHEMA["attachments"],
}
