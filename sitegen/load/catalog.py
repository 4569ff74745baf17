"""Loading the disclosure catalogs (主动公开事项目录) from catalogs/*.yaml."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from sitegen.diagnostics.core import Diagnostics
from sitegen.load import fields as f
from sitegen.load.sources import find_files, read_text
from sitegen.load.yamlio import LineMap, YamlProblem, load_yaml
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
            f'The code {value} was read as a number, which drops leading zeros.',
            f'用英文双引号括起来：code: "{value}"。', f'Quote it: code: "{value}".',
        )
    code = f.text(value)
    if not CODE_PATTERN.match(code):
        raise f.FieldError(f"目录编码“{code}”只能包含字母、数字、- 和 _。",
                           f'The code "{code}" may contain only letters, digits, "-" and "_".',
                           '改为例如 "010101" 的编码。', 'Use a code such as "010101".')
    return code


class _CatalogReader:
    def __init__(self, path: Path, catalog_id: str, nodes: dict[str, CatalogNode], diags: Diagnostics):
        self.path, self.catalog_id, self.nodes, self.diags = path, catalog_id, nodes, diags

    def read_list(self, raw: Any, parent: str | None, line: int) -> list[str]:
        if not isinstance(raw, list) or not raw:
            self.diags.add("SG052", self.path, "nodes/children 应为非空列表。", "nodes/children must be a non-empty list.",
                           line=line, fix_zh="每个节点以“- code: ...”开头。", fix_en="Start each node with '- code: ...'.")
            return []
        codes = []
        for entry in raw:
            code = self.read_node(entry, parent, line)
            if code is not None:
                codes.append(code)
        return codes

    def read_node(self, raw: Any, parent: str | None, line: int) -> str | None:
        if not isinstance(raw, LineMap):
            self.diags.add("SG052", self.path, "目录节点应为映射（code、title……）。", "A catalog node must be a mapping (code, title, ...).",
                           line=line, fix_zh="每个节点以“- code: ...”开头，下一行写 title: ……",
                           fix_en="Start each node with '- code: ...' followed by 'title: ...'.")
            return None
        try:
            code = catalog_code(raw.get("code"))
        except f.FieldError as exc:
            self.diags.add("SG053", self.path, f"字段“code”：{exc.zh}", f'Field "code": {exc.en}',
                           line=raw.line_of("code"), fix_zh=exc.fix_zh, fix_en=exc.fix_en)
            return None
        values = f.apply_schema(raw, NODE_SCHEMA, self.path, self.diags, codes=("SG045", "SG046", "SG047"))
        if values is None:
            return None
        if code in self.nodes:
            other = self.nodes[code]
            self.diags.add("SG054", self.path, f"目录编码“{code}”重复（另见 {self.diags.rel(other.source)}:{other.line}）。",
                           f'The catalog code "{code}" is used twice (also at {self.diags.rel(other.source)}:{other.line}).',
                           line=raw.line_of("code"), fix_zh="每个目录节点使用唯一的编码。", fix_en="Give each node a unique code.")
            return None
        node = CatalogNode(code=code, title=values["title"], source=self.path, line=raw.line,
                           catalog_id=self.catalog_id, parent=parent)
        self.nodes[code] = node
        if values.get("children") is not None:
            node.children = self.read_list(values["children"], code, raw.line_of("children"))
            stray = [k for k in ELEMENTS if k in values]
            if stray:
                self.diags.add("SG055", self.path, f"节点“{code}”有下级节点，不应再写事项要素（{'、'.join(stray)}）。",
                               f'The node "{code}" has children, so it must not carry item elements ({", ".join(stray)}).',
                               line=raw.line, fix_zh="把要素写在最末级事项上。", fix_en="Put the elements on the leaf items.",
                               warning=True)
        else:
            missing = [k for k in ELEMENTS if k not in values]
            if missing:
                self.diags.add("SG056", self.path,
                               f"事项“{code} {node.title}”缺少要素：{'、'.join(f'{k}（{ELEMENTS[k]}）' for k in missing)}。",
                               f'The item "{code}" lacks the elements: {", ".join(missing)}.',
                               line=raw.line, fix_zh="按标准目录补齐全部公开要素。", fix_en="Fill in every catalog element.")
            node.elements = {k: values[k] for k in ELEMENTS if k in values}
        return code


def _in_order(config: SiteConfig, catalogs: list[Catalog], diags: Diagnostics) -> list[Catalog]:
    """site.yaml's catalog_order first, then the site's own catalog (owner: the site's title), then the rest by
    file name: a district's portal shows its own catalog before its bureaus' (file-name order put 民政局 first)."""
    ids = [c.id for c in catalogs]
    for wanted in config.catalog_order:
        if wanted not in ids:
            close = difflib.get_close_matches(wanted, ids, n=1)
            hint_zh, hint_en = (f"，是否应为 {close[0]}", f"; did you mean {close[0]}") if close else ("", "")
            diags.add("SG551", config.path, f"catalog_order 中的目录“{wanted}”不存在{hint_zh}。",
                      f'catalog_order names "{wanted}", which is not a catalog{hint_en}.',
                      line=config.lines.get("catalog_order"), warning=True,
                      fix_zh=f"写目录文件名（不含 .yaml），现有：{'、'.join(ids)}。",
                      fix_en=f"Use catalog file names without .yaml; there are: {', '.join(ids)}.")
    rank = {catalog_id: n for n, catalog_id in enumerate(config.catalog_order)}
    return sorted(catalogs, key=lambda c: (rank.get(c.id, len(rank)), c.owner != config.title, c.id))


def load_catalogs(config: SiteConfig, diags: Diagnostics) -> tuple[list[Catalog], dict[str, CatalogNode]]:
    catalogs: list[Catalog] = []
    nodes: dict[str, CatalogNode] = {}
    paths = find_files(config.catalogs_dir, "*.yaml", config.root, diags) + \
        find_files(config.catalogs_dir, "*.yml", config.root, diags)
    for path in sorted(paths):
        source = read_text(path, diags)
        if source is None:
            continue
        try:
            raw = load_yaml(source.text)
        except YamlProblem as exc:
            diags.add("SG050", path, exc.zh, exc.en, line=exc.line, column=exc.column, fix_zh=exc.fix_zh, fix_en=exc.fix_en)
            continue
        if not isinstance(raw, LineMap):
            diags.add("SG051", path, "目录文件必须是映射，包含 title、owner 和 nodes。",
                      "A catalog file must be a mapping with title, owner and nodes.", line=1,
                      fix_zh="参照 docs/content.md 中的目录示例书写。", fix_en="Follow the catalog example in docs/content.md.")
            continue
        values = f.apply_schema(raw, CATALOG_SCHEMA, path, diags, codes=("SG045", "SG046", "SG047"))
        if values is None:
            continue
        catalog_id = path.stem
        reader = _CatalogReader(path, catalog_id, nodes, diags)
        roots = reader.read_list(values["nodes"], None, raw.line_of("nodes"))
        catalogs.append(Catalog(catalog_id, values["title"], values["owner"], path, values.get("updated"), roots))
    catalogs = _in_order(config, catalogs, diags)
    if not catalogs and not diags.errors:
        diags.add("SG057", config.catalogs_dir, "没有找到任何公开事项目录（catalogs/*.yaml）。",
                  "No disclosure catalog (catalogs/*.yaml) was found.",
                  fix_zh="至少编写一个目录文件。", fix_en="Write at least one catalog file.")
    return catalogs, nodes
