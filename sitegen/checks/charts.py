"""图解 interpretations: a chart is read by blind citizens only through its text alternative, so it must be full."""

from __future__ import annotations

import datetime as dt
import html
import re

from sitegen.diagnostics.codes import SG123
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
                    diags.report(
                        SG123,
                        interp.source,
                        line=interp.body_line + offset,
                        column=match.start() + 1,
                        length=len(alt),
                        alt=alt,
                        minimum=MIN_CHART_ALT,
                    )
