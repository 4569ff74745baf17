"""先审后发: a public item must have been reviewed, and not after it was published."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.codes import SG110, SG111, SG112
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel

SCHEDULE_HORIZON_DAYS = 366


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    for doc in model.documents():
        if doc.disclosure != "public":
            continue
        if doc.review is None:
            diags.report(SG110, doc.source, line=doc.line_of("disclosure"))
        elif doc.published and doc.review.date > doc.published:
            diags.report(
                SG111, doc.source, line=doc.line_of("review"), review_date=doc.review.date, published=doc.published
            )
        # 定时发布 (sitegen.model.schedule) holds a future document back; a date over a year ahead is rather a typo.
        if doc.published and doc.published > today + dt.timedelta(days=SCHEDULE_HORIZON_DAYS):
            diags.report(SG112, doc.source, line=doc.line_of("published"), published=doc.published, today=today)
