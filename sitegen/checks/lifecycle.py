"""立改废: amended and repealed policies point to their successors, without cycles; periodic review dates."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.codes import SG130, SG131, SG132, SG133, SG134
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    for policy in model.policies.values():
        if policy.validity == "amended" and not policy.amended_by:
            diags.report(SG130, policy.source, line=policy.line_of("validity"))
        if policy.validity == "repealed" and not policy.replaced_by:
            diags.report(SG131, policy.source, line=policy.line_of("validity"))
        if policy.validity == "in_force" and (policy.amended_by or policy.replaced_by):
            diags.report(
                SG132,
                policy.source,
                line=policy.line_of("validity") or policy.line_of("amended_by") or policy.line_of("replaced_by"),
            )
        if policy.review_by and policy.review_by < today and policy.validity == "in_force":
            diags.report(SG133, policy.source, line=policy.line_of("review_by"), review_by=policy.review_by)
    reported: set[str] = set()
    for start in sorted(model.policies):
        chain, current = [start], start
        while True:
            step = model.policies.get(current)
            successor = step and (step.amended_by or step.replaced_by)
            if not successor or successor not in model.policies:
                break
            if successor in chain:
                cycle = chain[chain.index(successor) :] + [successor]
                key = min(cycle)
                if key not in reported:
                    reported.add(key)
                    first = model.policies[key]
                    diags.report(
                        SG134,
                        first.source,
                        line=first.line_of("amended_by") or first.line_of("replaced_by"),
                        cycle=cycle,
                    )
                break
            chain.append(successor)
            current = successor
