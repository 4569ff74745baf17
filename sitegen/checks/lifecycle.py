"""立改废: amended and repealed policies point to their successors, without cycles; periodic review dates."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    for policy in model.policies.values():
        if policy.validity == "amended" and not policy.amended_by:
            diags.add("SG130", policy.source, "有效性为“已修改”，但没有 amended_by 指向修改后的文件。",
                      'The policy is "amended" but has no amended_by pointing to the amending policy.',
                      line=policy.line_of("validity"), fix_zh="加入 amended_by: 新文件标识。",
                      fix_en="Add amended_by: <id of the new policy>.", warning=True)
        if policy.validity == "repealed" and not policy.replaced_by:
            diags.add("SG131", policy.source, "有效性为“已废止”，但没有 replaced_by 指向替代文件。",
                      'The policy is "repealed" but has no replaced_by pointing to its replacement.',
                      line=policy.line_of("validity"), fix_zh="加入 replaced_by: 新文件标识（若无替代文件可忽略）。",
                      fix_en="Add replaced_by: <id of the new policy> (ignore when nothing replaced it).", warning=True)
        if policy.validity == "in_force" and (policy.amended_by or policy.replaced_by):
            diags.add("SG132", policy.source, "文件已被修改或替代，有效性却仍为“现行有效”。",
                      'The policy has a successor but is still marked "in_force".',
                      line=policy.line_of("validity") or policy.line_of("amended_by") or policy.line_of("replaced_by"),
                      fix_zh="把 validity 改为 amended 或 repealed。", fix_en="Set validity to amended or repealed.",
                      warning=True)
        if policy.review_by and policy.review_by < today and policy.validity == "in_force":
            diags.add("SG133", policy.source, f"定期清理日期 {policy.review_by} 已过，请评估文件是否继续有效。",
                      f"The periodic review date {policy.review_by} has passed; check whether the policy is still valid.",
                      line=policy.line_of("review_by"), fix_zh="清理后更新 review_by 或有效性。",
                      fix_en="After the review, update review_by or the validity.", warning=True)
    reported: set[str] = set()
    for start in sorted(model.policies):
        chain, current = [start], start
        while True:
            policy = model.policies.get(current)
            successor = policy and (policy.amended_by or policy.replaced_by)
            if not successor or successor not in model.policies:
                break
            if successor in chain:
                cycle = chain[chain.index(successor):] + [successor]
                key = min(cycle)
                if key not in reported:
                    reported.add(key)
                    first = model.policies[key]
                    diags.add("SG134", first.source, f"修改/废止关系形成了循环：{' → '.join(cycle)}。",
                              f"The amended_by/replaced_by links form a cycle: {' -> '.join(cycle)}.",
                              line=first.line_of("amended_by") or first.line_of("replaced_by"),
                              fix_zh="新文件不能被旧文件替代；检查 amended_by/replaced_by。",
                              fix_en="A newer policy cannot be replaced by an older one; check the links.")
                break
            chain.append(successor)
            current = successor
