"""先审后发: a public item must have been reviewed, and not after it was published."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel

SCHEDULE_HORIZON_DAYS = 366


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    for doc in model.documents():
        if doc.disclosure != "public":
            continue
        if doc.review is None:
            diags.add("SG110", doc.source, "主动公开的内容没有审核记录（先审后发），不能发布。",
                      "Public content has no review record (review before publication); it cannot be published.",
                      line=doc.line_of("disclosure"),
                      fix_zh="完成保密审查后加入 review: {date: 审核日期, by: 审核单位}。",
                      fix_en="After the confidentiality review, add review: {date: ..., by: <reviewing unit>}.")
        elif doc.published and doc.review.date > doc.published:
            diags.add("SG111", doc.source,
                      f"审核日期 {doc.review.date} 晚于发布日期 {doc.published}：先发后审不符合规定。",
                      f"Reviewed on {doc.review.date}, after publication on {doc.published}: review must come first.",
                      line=doc.line_of("review"), fix_zh="核对审核日期和发布日期。",
                      fix_en="Check the review and publication dates.")
        # 定时发布 (sitegen.schedule) holds a future document back; a date more than a year ahead is rather a typo.
        if doc.published and doc.published > today + dt.timedelta(days=SCHEDULE_HORIZON_DAYS):
            diags.add("SG112", doc.source, f"发布日期 {doc.published} 在一年以后（今天是 {today}），该文件将定时发布，可能是日期写错。",
                      f"The publication date {doc.published} is more than a year after today ({today}); the document "
                      "is scheduled that far ahead, which is probably a typo.",
                      line=doc.line_of("published"), fix_zh="核对发布日期；定时发布的文件在该日期之前不会出现在网站上。",
                      fix_en="Check the date; a scheduled document appears nowhere on the site before it.", warning=True)
