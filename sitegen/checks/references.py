"""References by id between documents and to the catalog must resolve, and never from public to hidden."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.core import Diagnostics
from sitegen.model.pagespec import RESERVED_POLICY_IDS
from sitegen.model.site import SiteModel


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    for doc in model.documents():
        for code in doc.catalog:
            node = model.nodes.get(code)
            if node is None:
                diags.add("SG101", doc.source, f"目录编码“{code}”不存在。", f'The catalog code "{code}" does not exist.',
                          line=doc.line_of("catalog"), fix_zh="使用 catalogs/ 中已有的事项编码（注意加引号）。",
                          fix_en="Use an item code from catalogs/ (quoted).")
            elif not node.is_item:
                diags.add("SG102", doc.source, f"目录编码“{code}”（{node.title}）不是最末级事项。",
                          f'The catalog code "{code}" ({node.title}) is not a leaf item.',
                          line=doc.line_of("catalog"), fix_zh="挂接到其下级的具体事项。",
                          fix_en="Attach the document to one of its leaf items.")
    for policy in model.policies.values():
        if policy.id in RESERVED_POLICY_IDS:
            diags.add("SG103", policy.source, f"标识“{policy.id}”是保留字，会与政策文件库的列表页冲突。",
                      f'The id "{policy.id}" is reserved for the library\'s listing pages.',
                      line=policy.line_of("id") or 1, fix_zh="换一个标识。", fix_en="Choose another id.")
        for key in ("amended_by", "replaced_by"):
            target_id = getattr(policy, key)
            if not target_id:
                continue
            target = model.policies.get(target_id)
            if target is None:
                diags.add("SG104", policy.source, f"{key} 指向的政策文件“{target_id}”不存在。",
                          f'{key} points to the policy "{target_id}", which does not exist.',
                          line=policy.line_of(key), fix_zh="填写新文件的标识（文件名）。",
                          fix_en="Give the id (file name) of the new policy.")
            elif policy.is_public and not target.is_public:
                diags.add("SG105", policy.source, f"{key} 指向的政策文件“{target_id}”未主动公开。",
                          f'{key} points to the policy "{target_id}", which is not public.',
                          line=policy.line_of(key), fix_zh="先公开新文件，或删除该字段。",
                          fix_en="Publish the new policy first, or remove the key.")
    for interp in model.interpretations.values():
        policy = model.policies.get(interp.policy)
        if policy is None:
            diags.add("SG106", interp.source, f"解读对应的政策文件“{interp.policy}”不存在。",
                      f'The interpreted policy "{interp.policy}" does not exist.',
                      line=interp.line_of("policy"), fix_zh="填写政策文件的标识（文件名，不含 .md）。",
                      fix_en="Give the policy's id (its file name without .md).")
        elif interp.is_public and not policy.is_public:
            diags.add("SG107", interp.source, f"公开的解读对应的政策文件“{interp.policy}”未主动公开。",
                      f'A public interpretation belongs to the non-public policy "{interp.policy}".',
                      line=interp.line_of("policy"), fix_zh="解读的公开属性应与政策文件一致。",
                      fix_en="An interpretation cannot be more public than its policy.")
