"""A policy package's lists are references by id: each must resolve, and a public package lists only public
documents. A missing id is an error naming the file and the line of the item."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.diagnostics.codes import SG500, SG501, SG502, SG502_NOT_LEAF, SG503
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
                    diags.report(SG500, package.source, line=line, key=key, label=label, id=doc_id, about=doc_id)
                elif package.is_public and not target.is_public:
                    diags.report(SG501, package.source, line=line, label=label, id=doc_id, about=target.source)
        for code in package.catalog_items:
            node = model.nodes.get(code)
            if node is None or not node.is_item:
                line = item_line(package.source, package.line_of("catalog_items"), code)
                if node is None:
                    diags.report(SG502, package.source, line=line, code=code)
                else:
                    diags.report(SG502_NOT_LEAF, package.source, line=line, code=code, title=node.title)
        if not (package.policies or package.interpretations or package.catalog_items):
            diags.report(SG503, package.source, line=package.line_of("title"))
