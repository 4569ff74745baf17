"""图解 interpretations: a chart is read by blind citizens only through its text alternative, so it must be full."""

from __future__ import annotations

import datetime as dt
import html
import re

from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel

# A chart's alt text states every point of the chart; a caption-length one ("图解") says nothing.
MIN_CHART_ALT = 30
_IMAGES = re.compile(r"!\[([^\]]*)\]\(|<img\b[^>]*?\balt=\"([^\"]*)\"")


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    for interp in model.interpretations.values():
        if interp.form != "chart" or not interp.is_public:
            continue
        for offset, text in enumerate(interp.body.split("\n")):
            for match in _IMAGES.finditer(text):
                alt = html.unescape(match.group(1) if match.group(1) is not None else match.group(2)).strip()
                if alt and len(alt) < MIN_CHART_ALT:
                    diags.add("SG123", interp.source, f"图解图片的替代文本只有 {len(alt)} 个字（“{alt}”），视障读者无法获知图中内容。",
                              f"The chart's alt text has only {len(alt)} characters; blind readers cannot learn what it shows.",
                              line=interp.body_line + offset, column=match.start() + 1,
                              fix_zh=f"在替代文本中写出图中的全部要点（至少 {MIN_CHART_ALT} 个字），并附“图解文字版”。",
                              fix_en=f"State every point of the chart in its alt text (at least {MIN_CHART_ALT} characters).",
                              warning=True)
