"""The catalog promises what is published: every public policy belongs to an item, items have content."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import SiteModel


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    attached: set[str] = set()
    for doc in model.documents():
        if doc.is_public:
            attached.update(doc.catalog)
    for policy in model.policies.values():
        if policy.is_public and not policy.catalog:
            diags.add("SG140", policy.source, "主动公开的政策文件没有挂接到任何目录事项。",
                      "A public policy is attached to no catalog item.", line=policy.line_of("catalog"),
                      fix_zh="在 catalog 中填写至少一个事项编码。", fix_en="List at least one item code under catalog.")
    for code in sorted(model.nodes):
        node = model.nodes[code]
        if node.is_item and code not in attached:
            diags.add("SG141", node.source, f"目录事项“{code} {node.title}”还没有已公开的内容。",
                      f'The catalog item "{code} {node.title}" has no published content yet.',
                      line=node.line, fix_zh="发布该事项的内容，或调整目录。",
                      fix_en="Publish content for the item, or revise the catalog.", warning=True)
