"""Consultations state how to comment, last long enough and publish their feedback; events are well-formed.

Contact numbers on both must be public office numbers (site.yaml public_phones), never a person's.
"""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.core import Diagnostics
from sitegen.model.records import Consultation, Document, Event
from sitegen.model.site import SiteModel

MIN_CONSULTATION_DAYS = 30  # 《重大行政决策程序暂行条例》第十五条: 一般不少于30日


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    for consultation in model.consultations.values():
        _check_consultation(consultation, model, diags, today)
    for event in model.events.values():
        _check_event(event, model, diags)


def _check_phone(doc: Document, phone: str | None, model: SiteModel, diags: Diagnostics) -> None:
    if phone and phone not in model.config.public_phones:
        diags.add("SG331", doc.source, f"联系电话“{phone}”不在 site.yaml 的 public_phones 中。",
                  f'The phone number "{phone}" is not listed under public_phones in site.yaml.',
                  line=doc.line_of("phone"),
                  fix_zh="只公开单位办公电话：使用已登记的号码，或先在 public_phones 中登记该号码。",
                  fix_en="Publish office numbers only: use a registered one, or add it to public_phones first.")


def _check_consultation(doc: Consultation, model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    if doc.closes < doc.opens:
        diags.add("SG320", doc.source, f"截止日期 {doc.closes} 早于开始日期 {doc.opens}。",
                  f"The consultation closes ({doc.closes}) before it opens ({doc.opens}).",
                  line=doc.line_of("closes"), fix_zh="核对 opens 和 closes。", fix_en="Check opens and closes.")
    elif (doc.closes - doc.opens).days + 1 < MIN_CONSULTATION_DAYS:
        diags.add("SG326", doc.source, f"征求意见期限只有 {(doc.closes - doc.opens).days + 1} 天，一般不少于 "
                  f"{MIN_CONSULTATION_DAYS} 日。", f"The consultation lasts {(doc.closes - doc.opens).days + 1} days; "
                  f"at least {MIN_CONSULTATION_DAYS} is the rule.", line=doc.line_of("closes"), warning=True,
                  fix_zh="延长征求意见期限，或在正文中说明缩短期限的理由。",
                  fix_en="Extend the period, or explain in the text why it is shorter.")
    if doc.disclosure == "public" and not doc.email and not doc.address:  # a draft may still lack it
        diags.add("SG321", doc.source, "没有写明提交意见的方式（email 或 address）。",
                  "The consultation does not say how to comment (email or address).", line=doc.line_of("title"),
                  fix_zh="填写 email（电子邮箱）和/或 address（通信地址）。", fix_en="Give an email and/or a postal address.")
    _check_phone(doc, doc.phone, model, diags)
    feedback = doc.feedback
    if feedback is not None:
        parts = feedback.adopted + feedback.partly_adopted + feedback.not_adopted
        if parts != feedback.received:
            diags.add("SG322", doc.source,
                      f"采纳情况不一致：采纳 {feedback.adopted}＋部分采纳 {feedback.partly_adopted}＋未采纳 "
                      f"{feedback.not_adopted}＝{parts}，收到意见 {feedback.received} 条。",
                      f"The feedback does not add up: {feedback.adopted} adopted + {feedback.partly_adopted} partly + "
                      f"{feedback.not_adopted} not adopted = {parts}, but {feedback.received} were received.",
                      line=doc.line_of("feedback"), fix_zh="核对各项条数。", fix_en="Check the counts.")
        if feedback.published <= doc.closes:
            diags.add("SG323", doc.source, f"采纳情况的日期 {feedback.published} 不晚于征集截止日期 {doc.closes}。",
                      f"The feedback is dated {feedback.published}, not after the consultation closed ({doc.closes}).",
                      line=doc.line_of("feedback"), fix_zh="征集结束后再公布采纳情况。", fix_en="Publish feedback after closing.")
    elif doc.is_public and doc.closes < today:
        diags.add("SG324", doc.source, f"意见征集已于 {doc.closes} 结束，尚未公布采纳情况。",
                  f"The consultation closed on {doc.closes} and its feedback has not been published.",
                  line=doc.line_of("closes"), warning=True,
                  fix_zh="加入 feedback: {date: …, received: …, adopted: …, not_adopted: …, items: […]}。",
                  fix_en="Add feedback: {date, received, adopted, not_adopted, items}.")
    if doc.policy:
        policy = model.policies.get(doc.policy)
        if policy is None or (doc.is_public and not policy.is_public):
            state_zh, state_en = ("不存在", "does not exist") if policy is None else ("未主动公开", "is not public")
            diags.add("SG325", doc.source, f"policy 指向的政策文件“{doc.policy}”{state_zh}。",
                      f'policy points to "{doc.policy}", which {state_en}.', line=doc.line_of("policy"),
                      fix_zh="填写据此出台并已公开的政策文件的标识，或删除该字段。",
                      fix_en="Give the id of the published policy adopted after the consultation, or remove the key.")


def _check_event(event: Event, model: SiteModel, diags: Diagnostics) -> None:
    if event.ends < event.starts:
        diags.add("SG330", event.source, f"结束时间 {event.ends:%Y-%m-%d %H:%M} 早于开始时间 {event.starts:%Y-%m-%d %H:%M}。",
                  f"The event ends ({event.ends:%Y-%m-%d %H:%M}) before it starts ({event.starts:%Y-%m-%d %H:%M}).",
                  line=event.line_of("ends"), fix_zh="核对 starts 和 ends。", fix_en="Check starts and ends.")
    if event.published > event.starts.date():
        diags.add("SG332", event.source, f"活动在 {event.starts:%Y-%m-%d} 开始，发布日期 {event.published} 却更晚。",
                  f"The event started on {event.starts:%Y-%m-%d} but was announced on {event.published}.",
                  line=event.line_of("published"), warning=True,
                  fix_zh="活动应提前发布，以便公众报名。", fix_en="Announce events in advance so that people can sign up.")
    _check_phone(event, event.phone, model, diags)
