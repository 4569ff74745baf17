"""Consultations state how to comment, last long enough and publish their feedback; events are well-formed.

Contact numbers on both must be public office numbers (site.yaml public_phones), never a person's.
"""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.codes import (
    SG320,
    SG321,
    SG322,
    SG323,
    SG324,
    SG325,
    SG325_NOT_PUBLIC,
    SG326,
    SG330,
    SG331,
    SG332,
)
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
        diags.report(SG331, doc.source, line=doc.line_of("phone"), phone=phone)


def _check_consultation(doc: Consultation, model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    if doc.closes < doc.opens:
        diags.report(SG320, doc.source, line=doc.line_of("closes"), closes=doc.closes, opens=doc.opens)
    elif (doc.closes - doc.opens).days + 1 < MIN_CONSULTATION_DAYS:
        diags.report(
            SG326,
            doc.source,
            line=doc.line_of("closes"),
            days=(doc.closes - doc.opens).days + 1,
            minimum=MIN_CONSULTATION_DAYS,
        )
    if doc.disclosure == "public" and not doc.email and not doc.address:  # a draft may still lack it
        diags.report(SG321, doc.source, line=doc.line_of("title"))
    _check_phone(doc, doc.phone, model, diags)
    feedback = doc.feedback
    if feedback is not None:
        parts = feedback.adopted + feedback.partly_adopted + feedback.not_adopted
        if parts != feedback.received:
            diags.report(
                SG322,
                doc.source,
                line=doc.line_of("feedback"),
                adopted=feedback.adopted,
                partly_adopted=feedback.partly_adopted,
                not_adopted=feedback.not_adopted,
                parts=parts,
                received=feedback.received,
            )
        if feedback.published <= doc.closes:
            diags.report(
                SG323, doc.source, line=doc.line_of("feedback"), published=feedback.published, closes=doc.closes
            )
    elif doc.is_public and doc.closes < today:
        diags.report(SG324, doc.source, line=doc.line_of("closes"), closes=doc.closes)
    if doc.policy:
        policy = model.policies.get(doc.policy)
        if policy is None or (doc.is_public and not policy.is_public):
            diags.report(
                SG325 if policy is None else SG325_NOT_PUBLIC,
                doc.source,
                line=doc.line_of("policy"),
                policy=doc.policy,
                about=doc.policy if policy is None else policy.source,
            )


def _check_event(event: Event, model: SiteModel, diags: Diagnostics) -> None:
    if event.ends < event.starts:
        diags.report(SG330, event.source, line=event.line_of("ends"), ends=event.ends, starts=event.starts)
    if event.published > event.starts.date():
        diags.report(
            SG332, event.source, line=event.line_of("published"), starts=event.starts, published=event.published
        )
    _check_phone(event, event.phone, model, diags)
