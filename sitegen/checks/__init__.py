"""The disclosure rules. Each module checks one rule over the whole model and reports diagnostics.

Codes are stable and documented in docs/rules.md.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from sitegen.checks import (
    attachments,
    charts,
    coverage,
    editorial,
    identifiers,
    lifecycle,
    link_text,
    packages,
    participation,
    privacy,
    qa,
    references,
    reports,
    review,
    synchronised,
)
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel

RULES = [
    references.check,
    review.check,
    privacy.check,
    attachments.check,
    synchronised.check,
    charts.check,
    lifecycle.check,
    coverage.check,
    identifiers.check,
    link_text.check,
    reports.check,
    participation.check,
    packages.check,
    qa.check,
    editorial.check,
]


def run_rules(model: SiteModel, diags: Diagnostics, today: dt.date, scans: privacy.CleanTexts | None = None) -> None:
    """Every rule in order; the personal-data rule skips the texts ``scans`` knows to be clean."""
    scan = partial(privacy.check, scans=scans)
    for rule in RULES:
        (scan if rule is privacy.check else rule)(model, diags, today)
