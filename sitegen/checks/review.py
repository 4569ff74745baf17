"""先审后发: a public item must have been reviewed, and not after it was published."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel


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
        if doc.published and doc.published > today:
            diags.add("SG112", doc.source, f"发布日期 {doc.published} 晚于今天（{today}）。",
                      f"The publication date {doc.published} is after today ({today}).",
                      line=doc.line_of("published"), fix_zh="到发布日期再合并该文件，或更正日期。",
                      fix_en="Merge the file on its publication date, or correct the date.", warning=True)
