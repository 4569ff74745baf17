"""References by id between documents and to the catalog must resolve, and never from public to hidden."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.codes import SG101, SG102, SG103, SG104, SG105, SG106, SG107
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.pagespec import RESERVED_POLICY_IDS
from sitegen.model.site import SiteModel


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    for doc in model.documents():
        for code in doc.catalog:
            node = model.nodes.get(code)
            if node is None:
                diags.report(SG101, doc.source, line=doc.line_of("catalog"), code=code, about=f"catalog:{code}")
            elif not node.is_item:
                diags.report(SG102, doc.source, line=doc.line_of("catalog"), code=code, title=node.title)
    for policy in model.policies.values():
        if policy.id in RESERVED_POLICY_IDS:
            diags.report(SG103, policy.source, line=policy.line_of("id") or 1, id=policy.id)
        for key in ("amended_by", "replaced_by"):
            target_id = getattr(policy, key)
            if not target_id:
                continue
            target = model.policies.get(target_id)
            if target is None:
                diags.report(
                    SG104, policy.source, line=policy.line_of(key), key=key, target_id=target_id, about=target_id
                )
            elif policy.is_public and not target.is_public:
                diags.report(
                    SG105, policy.source, line=policy.line_of(key), key=key, target_id=target_id, about=target.source
                )
    for interp in model.interpretations.values():
        target = model.policies.get(interp.policy)
        if target is None:
            diags.report(SG106, interp.source, line=interp.line_of("policy"), policy=interp.policy, about=interp.policy)
        elif interp.is_public and not target.is_public:
            diags.report(SG107, interp.source, line=interp.line_of("policy"), policy=interp.policy, about=target.source)
