"""A policy package's lists are references by id: each must resolve, and a public package lists only public
documents. A missing id is an error naming the file and the line of the item."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.diagnostics.core import Diagnostics
from sitegen.model.records import Document
from sitegen.model.site import SiteModel


def item_line(path: Path, key_line: int | None, item: str) -> int | None:
    """The line of one list item: the first line from its key on that names it (block or flow list)."""
    if key_line is None:
        return None
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError:
        return key_line
    for number in range(key_line, len(lines) + 1):
        if item in lines[number - 1]:
            return number
    return key_line


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    """Every id a package lists exists; a public package lists only public documents."""
    tables: dict[str, tuple[str, dict[str, Document]]] = {
        "policies": ("政策文件", model.policies),  # type: ignore[dict-item]
        "interpretations": ("政策解读", model.interpretations),  # type: ignore[dict-item]
    }
    for package in model.packages.values():
        for key, (label, table) in tables.items():
            for doc_id in getattr(package, key):
                line = item_line(package.source, package.line_of(key), doc_id)
                target = table.get(doc_id)
                if target is None:
                    diags.add(
                        "SG500",
                        package.source,
                        f"{key} 列出的{label}“{doc_id}”不存在。",
                        f'{key} lists "{doc_id}", which is not an existing {key[:-1].replace("ie", "y")}.',
                        line=line,
                        fix_zh=f"填写{label}的标识（文件名，不含 .md）。",
                        fix_en="Give the document's id (its file name without .md).",
                    )
                elif package.is_public and not target.is_public:
                    diags.add(
                        "SG501",
                        package.source,
                        f"公开的服务包列出了未主动公开的{label}“{doc_id}”。",
                        f'A public package lists "{doc_id}", which is not public.',
                        line=line,
                        fix_zh="删除该项，或先公开该文件。",
                        fix_en="Remove it, or publish the document first.",
                    )
        for code in package.catalog_items:
            node = model.nodes.get(code)
            if node is None or not node.is_item:
                line = item_line(package.source, package.line_of("catalog_items"), code)
                what = "不存在" if node is None else f"（{node.title}）不是最末级事项"
                diags.add(
                    "SG502",
                    package.source,
                    f"catalog_items 中的目录编码“{code}”{what}。",
                    f'The catalog code "{code}" in catalog_items '
                    f"{'does not exist' if node is None else 'is not a leaf item'}.",
                    line=line,
                    fix_zh="使用 catalogs/ 中最末级事项的编码（加引号）。",
                    fix_en="Use a leaf item code from catalogs/ (quoted).",
                )
        if not (package.policies or package.interpretations or package.catalog_items):
            diags.add(
                "SG503",
                package.source,
                "服务包没有列出任何政策文件、解读或目录事项。",
                "The package lists no policy, interpretation or catalog item.",
                line=package.line_of("title"),
                fix_zh="在 policies、interpretations 或 catalog_items 中列出相关内容。",
                fix_en="List the related documents under policies, interpretations or catalog_items.",
            )
