"""Safe YAML loading that keeps line numbers and refuses hostile input.

Mappings are loaded as :class:`LineMap`, a dict that remembers the line of each key, so that a
wrong value deep in a catalog can be reported at its own line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from sitegen.diagnostics.core import Diagnostics
from sitegen.diagnostics.registry import Code, Message
from sitegen.load.sources import read_text
from sitegen.load.yamlfaults import explain
from sitegen.model.values import LineMap

try:  # The C loader is about 6x faster; fall back when libyaml is missing.
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader  # type: ignore[misc, assignment]

# A document whose aliases expand beyond this many nodes is an alias bomb ("billion laughs").
MAX_EXPANDED_NODES = 200_000


class _Loader(_BaseLoader):
    line_offset = 0


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "unhashable key", key_node.start_mark)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1 + loader.line_offset
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    # 2024-13-45 matches YAML's timestamp pattern but is no date: keep the text so that the
    # field check can say which field holds an impossible date.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> object:
    # Python refuses to convert integers of more than 4300 digits (a ValueError deep in PyYAML).
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        raise YamlProblem(
            node.start_mark.line + 1 + loader.line_offset,
            node.start_mark.column + 1,
            f"数字过长（{len(str(node.value))} 位），无法读取。",
            f"The number is too long ({len(str(node.value))} digits) to read.",
            '如需保留这串数字，请加引号写成文本，例如 "123…"。',
            'To keep the digits, quote them as text, e.g. "123…".',
        ) from None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


@dataclass
class YamlProblem(Exception):
    """A YAML document that cannot be loaded, with its place and a bilingual explanation."""

    line: int | None
    column: int | None
    zh: str
    en: str
    fix_zh: str
    fix_en: str


def _expanded_size(node: yaml.Node, memo: dict[int, int], line_offset: int, depth: int = 0) -> int:
    if depth > 200:
        raise YamlProblem(
            node.start_mark.line + 1 + line_offset,
            None,
            "YAML 嵌套层级过深。",
            "The YAML is nested too deeply.",
            "减少嵌套层级。",
            "Flatten the structure.",
        )
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # guards against recursive aliases while counting
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo, line_offset, depth + 1) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(
            _expanded_size(k, memo, line_offset, depth + 1) + _expanded_size(v, memo, line_offset, depth + 1)
            for k, v in node.value
        )
    memo[key] = size
    return size


_FIX_SYNTAX_ZH = "检查该行的缩进、冒号后的空格和引号是否成对；含有冒号、#、〔〕等符号的值请用英文双引号括起来。"
_FIX_SYNTAX_EN = (
    "Check the indentation, the space after each colon and that quotes are paired; "
    'quote values that contain ":", "#" or brackets with double quotes.'
)


def load_yaml(text: str, line_offset: int = 0) -> object:
    """Load one YAML document; raise :class:`YamlProblem` with a 1-based line on failure."""
    loader = _Loader(text)
    loader.line_offset = line_offset
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, {}, line_offset) > MAX_EXPANDED_NODES:
            raise YamlProblem(
                node.start_mark.line + 1 + line_offset,
                None,
                f"YAML 别名（&/*）展开后超过 {MAX_EXPANDED_NODES} 个节点，疑似“别名炸弹”，已拒绝加载。",
                f"The YAML aliases (&/*) expand to more than {MAX_EXPANDED_NODES} nodes (an alias bomb); refused.",
                "不要用锚点和别名嵌套复制内容，直接写出需要的值。",
                "Do not nest anchors and aliases; write the values out.",
            )
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        fault = explain(text, exc, line_offset)
        if fault is not None:
            raise YamlProblem(
                fault.line + 1 + line_offset,
                None if fault.column is None else fault.column + 1,
                f"YAML 格式错误：{fault.what.zh}",
                f"Invalid YAML: {fault.what.en}",
                fault.fix.zh,
                fault.fix.en,
            ) from None
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        problem = (exc.problem or exc.context or "").strip()
        raise YamlProblem(
            line,
            column,
            f"YAML 格式错误：{problem}。",
            f"Invalid YAML: {problem}.",
            _FIX_SYNTAX_ZH,
            _FIX_SYNTAX_EN,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(
            None,
            None,
            f"YAML 格式错误：{exc}。",
            f"Invalid YAML: {exc}.",
            _FIX_SYNTAX_ZH,
            _FIX_SYNTAX_EN,
        ) from None
    except RecursionError:
        raise YamlProblem(
            None,
            None,
            "YAML 嵌套层级过深。",
            "The YAML is nested too deeply.",
            "减少嵌套层级。",
            "Flatten the structure.",
        ) from None
    finally:
        loader.dispose()


def read_mapping(path: Path, diags: Diagnostics, syntax: Code | Message, not_mapping: Code | Message) -> LineMap | None:
    """The YAML file ``path`` as a :class:`LineMap`; None after reporting an unreadable file, a YAML error
    (``syntax``, at its line and column) or a document that is not a mapping (``not_mapping``, at line 1)."""
    source = read_text(path, diags)
    if source is None:
        return None
    try:
        raw = load_yaml(source.text)
    except YamlProblem as exc:
        diags.report(syntax, path, line=exc.line, column=exc.column, problem=exc)
        return None
    if not isinstance(raw, LineMap):
        diags.report(not_mapping, path, line=1)
        return None
    return raw
