"""Loading policy packages (政策服务包, ``content/packages/*.md``) and checking what they list.

A package gathers, for one life or business event (新生儿出生一件事, 企业开办一件事 ...), the steps a
citizen takes and the policies, interpretations and catalog items that apply. It is a Markdown document
like the others (front matter, a body for notes), goes through the same public gate and rules, and its
lists are references by id, checked here: a missing id is an error naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sitegen import fields as f
from sitegen.config import SiteConfig
from sitegen.content import COMMON, POLICY_SCHEMA, load_documents
from sitegen.diagnostics import Diagnostics
from sitegen.model import Document, PackageStep, PolicyPackage
from sitegen.site import SiteModel

_STEP_KEYS = ("title", "prepare", "where", "time_limit", "note")


def _step(value: Any) -> PackageStep:
    entry = f.check_mapping(value, "办事步骤", "A step")
    unknown = sorted(str(k) for k in entry if k not in _STEP_KEYS)
    if unknown:
        raise f.FieldError(
            f"办事步骤中的未知字段：{'、'.join(unknown)}。",
            f"Unknown keys in a step: {', '.join(unknown)}.",
            f"可用字段：{'、'.join(_STEP_KEYS)}。",
            f"Known keys: {', '.join(_STEP_KEYS)}.",
        )
    missing = [k for k in ("title", "where") if entry.get(k) is None]
    if missing:
        raise f.FieldError(
            f"办事步骤缺少 {'、'.join(missing)}。",
            f"A step lacks {', '.join(missing)}.",
            "写成 - {title: 步骤名称, prepare: [材料], where: 办理地点或渠道}。",
            "Write - {title: ..., prepare: [...], where: ...}.",
        )
    prepare = f.text_list(entry["prepare"]) if entry.get("prepare") is not None else []
    optional = {k: f.text(entry[k]) for k in ("time_limit", "note") if entry.get(k) is not None}
    return PackageStep(f.text(entry["title"]), prepare, f.text(entry["where"]), **optional)


def steps(value: Any) -> list[PackageStep]:
    if not isinstance(value, list) or not value:
        raise f.FieldError(
            "steps 应为非空列表，每项是一个办事步骤。",
            "steps must be a non-empty list of steps.",
            "写成 - {title: 步骤名称, prepare: [材料], where: 办理地点或渠道}。",
            "Write - {title: ..., prepare: [...], where: ...}.",
        )
    return [_step(item) for item in value]


PACKAGE_SCHEMA: dict[str, f.Field] = {
    **{k: v for k, v in COMMON.items() if k != "catalog"},  # a package lists catalog items; it is not one's content
    "summary": f.Field(f.text, required=True),
    "audience": f.Field(f.text, required=True),
    "published": f.Field(f.date, required=True),
    "issuer": f.Field(f.text),
    "topics": POLICY_SCHEMA["topics"],
    "steps": f.Field(steps, required=True),
    "policies": f.Field(f.text_list),
    "interpretations": f.Field(f.text_list),
    "catalog_items": f.Field(f.text_list),
}

KINDS: list[tuple[str, type[Document], dict[str, f.Field]]] = [("packages", PolicyPackage, PACKAGE_SCHEMA)]


def load_packages(config: SiteConfig, diags: Diagnostics) -> list[Document]:
    return load_documents(config, diags, KINDS)


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
