"""The catalog promises what is published: every public policy belongs to an item, items have content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.diagnostics.codes import SG140, SG141
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    attached: set[str] = set()
    hidden: dict[str, Path] = {}  # an item's non-public document: if it has errors, the item waits for it
    for doc in model.documents():
        if doc.is_public:
            attached.update(doc.catalog)
        else:
            for code in doc.catalog:
                hidden.setdefault(code, doc.source)
    for policy in model.policies.values():
        if policy.is_public and not policy.catalog:
            diags.report(SG140, policy.source, line=policy.line_of("catalog"))
    for code in sorted(model.nodes):
        node = model.nodes[code]
        if node.is_item and code not in attached:
            about = hidden.get(code, f"catalog:{code}")
            diags.report(SG141, node.source, line=node.line, code=code, title=node.title, about=about)
