"""定时发布: the one gate that keeps a document out of every output until its publication date.

A document whose ``published`` date is after the build date is *scheduled*: it is checked like any
other document but is not part of the public view, so no page, listing, count, feed, sitemap entry,
export, search record or elder page can show it. A build on or after the date publishes it; a
nightly scheduled build (docs/deploy.md) makes that happen without anyone touching the content.

The build date is the calendar date in Beijing (UTC+8), where the portals' editors work: a build at
07:00 Beijing time (23:00 UTC the day before) already publishes what is due that day.
``SOURCE_DATE_EPOCH`` fixes the date for tests and reproducible builds. Preview tools (``serve
--drafts``) reuse :func:`scheduled` to show what is waiting.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BEIJING = dt.timezone(dt.timedelta(hours=8), "UTC+8")


def build_date(now: dt.datetime | None = None) -> dt.date:
    """Today in Beijing, or the Beijing date of SOURCE_DATE_EPOCH so that tests and reproducible builds agree."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if now is None and epoch and epoch.isdigit():
        now = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return (now or dt.datetime.now(dt.UTC)).astimezone(BEIJING).date()


def is_due(published: dt.date | None, today: dt.date | None) -> bool:
    """True when a document with this publication date may be published by a build on ``today``."""
    return published is None or today is None or published <= today


@dataclass(frozen=True)
class Scheduled:
    """A public, reviewed document that a later build will publish."""

    kind: str
    id: str
    title: str
    source: str
    due: dt.date  # the first build date that publishes it
    waits_for: str = ""  # the scheduled policy an interpretation or consultation waits for


def scheduled(documents: list, today: dt.date, rel: Callable[[Path], str] = str) -> list[Scheduled]:
    """Every public document the gate holds back on ``today``, soonest first.

    An interpretation of a scheduled policy is held back with it (its page would link to a page that
    does not exist yet), so it is due on the later of the two dates.
    """
    policies = {d.id: d for d in documents if d.kind == "policy"}
    found: list[Scheduled] = []
    for doc in documents:
        if not doc.is_public:
            continue
        due, waits = doc.published, ""
        parent = policies.get(getattr(doc, "policy", None) or "") if doc.kind == "interpretation" else None
        held = parent is not None and parent.is_public and not is_due(parent.published, today)
        if held and parent is not None and (due is None or parent.published > due):
            due, waits = parent.published, parent.id
        if not is_due(due, today):
            found.append(Scheduled(doc.kind, doc.id, doc.title, rel(doc.source), due, waits))
    return sorted(found, key=lambda s: (s.due, s.kind, s.id))
