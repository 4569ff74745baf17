"""Loading the disclosure catalogs (主动公开事项目录) from catalogs/*.yaml."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from sitegen.diagnostics.codes import (
    CATALOG_KEYS,
    SG050,
    SG051,
    SG052,
    SG052_NODE,
    SG053,
    SG054,
    SG055,
    SG056,
    SG057,
    SG551,
)
from sitegen.diagnostics.core import Diagnostics
from sitegen.diagnostics.registry import Phrase
from sitegen.load import fields as f
from sitegen.load.sources import find_files
from sitegen.load.yamlio import LineMap, read_mapping
from sitegen.model.config import SiteConfig
from sitegen.model.records import Catalog, CatalogNode

# The elements every catalog item (事项) states, in display order, with their Chinese names.
ELEMENTS: dict[str, str] = {
    "content": "公开内容",
    "basis": "公开依据",
    "time_limit": "公开时限",
    "subject": "公开主体",
    "channels": "公开渠道和载体",
    "audience": "公开对象",
    "mode": "公开方式",
    "level": "公开层级",
    "responsible": "责任单位",
}

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")

CATALOG_SCHEMA = {
    "title": f.Field(f.text, required=True),
    "owner": f.Field(f.text, required=True),
    "updated": f.Field(f.date),
    "nodes": f.Field(lambda v: v, required=True),
}

NODE_SCHEMA = {
    "code": f.Field(f.text, required=True),
    "title": f.Field(f.text, required=True),
    "children": f.Field(lambda v: v),
    **{key: f.Field(f.text_list if key == "channels" else f.text) for key in ELEMENTS},
}


def catalog_code(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise f.FieldError(
            f"目录编码“{value}”被 YAML 读成了数字，开头的 0 会丢失。",
            f"The code {value} was read as a number, which drops leading zeros.",
            f'用英文双引号括起来：code: "{value}"。',
            f'Quote it: code: "{value}".',
        )
    code = f.text(value)
    if not CODE_PATTERN.match(code):
        raise f.FieldError(
            f"目录编码“{code}”只能包含字母、数字、- 和 _。",
            f'The code "{code}" may contain only letters, digits, "-" and "_".',
            '改为例如 "010101" 的编码。',
            'Use a code such as "010101".',
        )
    return code


class _CatalogReader:
    def __init__(self, path: Path, catalog_id: str, nodes: dict[str, CatalogNode], diags: Diagnostics):
        self.path, self.catalog_id, self.nodes, self.diags = path, catalog_id, nodes, diags

    def read_list(self, raw: Any, parent: str | None, line: int) -> list[str]:
        if not isinstance(raw, list) or not raw:
            self.diags.report(SG052, self.path, line=line)
            return []
        codes = []
        for entry in raw:
            code = self.read_node(entry, parent, line)
            if code is not None:
                codes.append(code)
        return codes

    def read_node(self, raw: Any, parent: str | None, line: int) -> str | None:
        if not isinstance(raw, LineMap):
            self.diags.report(SG052_NODE, self.path, line=line)
            return None
        try:
            code = catalog_code(raw.get("code"))
        except f.FieldError as exc:
            self.diags.report(SG053, self.path, line=raw.line_of("code"), problem=exc)
            return None
        values = f.apply_schema(raw, NODE_SCHEMA, self.path, self.diags, codes=CATALOG_KEYS)
        if values is None:
            return None
        if code in self.nodes:
            other = self.nodes[code]
            self.diags.report(
                SG054,
                self.path,
                line=raw.line_of("code"),
                code=code,
                other=self.diags.rel(other.source),
                other_line=other.line,
            )
            return None
        node = CatalogNode(
            code=code, title=values["title"], source=self.path, line=raw.line, catalog_id=self.catalog_id, parent=parent
        )
        self.nodes[code] = node
        if values.get("children") is not None:
            node.children = self.read_list(values["children"], code, raw.line_of("children"))
            stray = [k for k in ELEMENTS if k in values]
            if stray:
                self.diags.report(SG055, self.path, line=raw.line, code=code, stray=stray)
        else:
            missing = [k for k in ELEMENTS if k not in values]
            if missing:
                self.diags.report(
                    SG056,
                    self.path,
                    line=raw.line,
                    code=code,
                    title=node.title,
                    labelled=[f"{k}（{ELEMENTS[k]}）" for k in missing],
                    missing=missing,
                )
            node.elements = {k: values[k] for k in ELEMENTS if k in values}
        return code


def _in_order(config: SiteConfig, catalogs: list[Catalog], diags: Diagnostics) -> list[Catalog]:
    """site.yaml's catalog_order first, then the site's own catalog (owner: the site's title), then the rest by
    file name: a district's portal shows its own catalog before its bureaus' (file-name order put 民政局 first)."""
    ids = [c.id for c in catalogs]
    for wanted in config.catalog_order:
        if wanted not in ids:
            close = difflib.get_close_matches(wanted, ids, n=1)
            hint = Phrase(f"，是否应为 {close[0]}", f"; did you mean {close[0]}") if close else Phrase("", "")
            diags.report(SG551, config.path, line=config.lines.get("catalog_order"), wanted=wanted, hint=hint, ids=ids)
    rank = {catalog_id: n for n, catalog_id in enumerate(config.catalog_order)}
    return sorted(catalogs, key=lambda c: (rank.get(c.id, len(rank)), c.owner != config.title, c.id))


def _codes_in(path: Path) -> list[str]:
    """``catalog:CODE`` for each item code written in a catalog file that failed to load, read line by line."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return []
    return [f"catalog:{code}" for code in re.findall(r"""^[\s-]*code\s*[:：]\s*["']?(\w+)""", text, re.M)]


def load_catalogs(config: SiteConfig, diags: Diagnostics) -> tuple[list[Catalog], dict[str, CatalogNode]]:
    catalogs: list[Catalog] = []
    nodes: dict[str, CatalogNode] = {}
    paths = find_files(config.catalogs_dir, "*.yaml", config.root, diags) + find_files(
        config.catalogs_dir, "*.yml", config.root, diags
    )
    for path in sorted(paths):
        raw = read_mapping(path, diags, SG050, SG051)
        values = f.apply_schema(raw, CATALOG_SCHEMA, path, diags, codes=CATALOG_KEYS) if raw is not None else None
        if raw is None or values is None:
            # Its error is reported; a document filed under one of its items is not wrong because of it.
            diags.unloadable(path, _codes_in(path))
            continue
        catalog_id = path.stem
        reader = _CatalogReader(path, catalog_id, nodes, diags)
        roots = reader.read_list(values["nodes"], None, raw.line_of("nodes"))
        catalogs.append(Catalog(catalog_id, values["title"], values["owner"], path, values.get("updated"), roots))
    catalogs = _in_order(config, catalogs, diags)
    if not catalogs and not diags.errors:
        diags.report(SG057, config.catalogs_dir)
    return catalogs, nodes
