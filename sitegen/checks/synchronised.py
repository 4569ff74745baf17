"""三同步: policies are interpreted, and the interpretation is published with the policy."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.core import Diagnostics
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
    interpreted: dict[str, list] = {}
    for interp in model.interpretations.values():
        if interp.is_public:
            interpreted.setdefault(interp.policy, []).append(interp)
    for policy in model.policies.values():
        if not policy.is_public:
            continue
        if not policy.interpretation_required:
            if not policy.no_interpretation_reason:
                diags.add("SG120", policy.source, "interpretation_required 为 false 时必须写明不解读的理由。",
                          "interpretation_required: false needs a no_interpretation_reason.",
                          line=policy.line_of("interpretation_required"),
                          fix_zh="加入 no_interpretation_reason: ……", fix_en="Add no_interpretation_reason: ...")
            continue
        if not interpreted.get(policy.id):
            diags.add("SG121", policy.source, "该政策文件需要解读（三同步），但没有已公开的解读。",
                      "This policy needs an interpretation (三同步) but has no published one.",
                      line=policy.line_of("title"),
                      fix_zh="在 content/interpretations/ 中发布解读，或设置 interpretation_required: false 并写明理由。",
                      fix_en="Publish an interpretation, or set interpretation_required: false with a reason.")
    for policy_id, interps in interpreted.items():
        policy = model.policies.get(policy_id)
        if policy is None or not policy.is_public:
            continue
        first = min(interps, key=lambda i: (i.published, i.id))
        late = working_days_between(policy.published, first.published)
        if late > MAX_WORKING_DAYS_LATE:
            diags.add("SG122", first.source,
                      f"解读晚于政策文件 {late} 个工作日发布（三同步要求同步发布，最迟 {MAX_WORKING_DAYS_LATE} 个工作日）。",
                      f"The interpretation was published {late} working days after its policy "
                      f"(三同步 allows {MAX_WORKING_DAYS_LATE}).",
                      line=first.line_of("published"), fix_zh="与政策文件同步发布解读。",
                      fix_en="Publish interpretations together with their policy.", warning=True)
