"""三同步: policies are interpreted, and the interpretation is published with the policy."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.codes import SG120, SG121, SG122
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.records import Interpretation
from sitegen.model.site import SiteModel

MAX_WORKING_DAYS_LATE = 3


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days (Monday to Friday) after ``start`` up to and including ``end``."""
    days, current = 0, start
    while current < end:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    interpreted: dict[str, list[Interpretation]] = {}
    for interp in model.interpretations.values():
        if interp.is_public:
            interpreted.setdefault(interp.policy, []).append(interp)
    for policy in model.policies.values():
        if not policy.is_public:
            continue
        if not policy.interpretation_required:
            if not policy.no_interpretation_reason:
                diags.report(SG120, policy.source, line=policy.line_of("interpretation_required"))
            continue
        if not interpreted.get(policy.id):
            # An interpretation that failed to load is reported for itself, not here as well.
            diags.report(SG121, policy.source, line=policy.line_of("title"), about=f"interpretation-of:{policy.id}")
    for policy_id, interps in interpreted.items():
        interpreted_policy = model.policies.get(policy_id)
        if interpreted_policy is None or not interpreted_policy.is_public:
            continue
        first = min(interps, key=lambda i: (i.published, i.id))
        late = working_days_between(interpreted_policy.published, first.published)
        if late > MAX_WORKING_DAYS_LATE:
            diags.report(SG122, first.source, line=first.line_of("published"), late=late, allowed=MAX_WORKING_DAYS_LATE)
