"""Split a Markdown source into its YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.diagnostics.codes import SG020, SG021, SG022, SG023, SG024, SG025
from sitegen.diagnostics.core import Diagnostics
from sitegen.diagnostics.registry import Phrase
from sitegen.load.sources import SourceText
from sitegen.load.yamlfaults import full_width_key
from sitegen.load.yamlio import LineMap, YamlProblem, load_yaml

MAX_FRONT_MATTER_CHARS = 64 * 1024


@dataclass(frozen=True)
class Parsed:
    meta: LineMap
    body: str
    body_line: int  # 1-based line of the body's first line in the file


def parse(source: SourceText, diags: Diagnostics) -> Parsed | None:
    text = source.text
    path = source.path
    if not text.strip():
        diags.report(SG020, path, line=1)
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        diags.report(SG021, path, line=1)
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        diags.report(SG022, path, line=1)
        return None
    yaml_text = "\n".join(lines[1:end])
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        diags.report(SG023, path, line=2, limit=MAX_FRONT_MATTER_CHARS)
        return None
    try:
        meta = load_yaml(yaml_text, line_offset=1)
    except YamlProblem as exc:
        diags.report(SG024, path, line=exc.line, column=exc.column, problem=exc)
        return None
    if meta is None:
        meta = LineMap()
        meta.line, meta.key_lines = 2, {}
    if not isinstance(meta, LineMap):
        fault = full_width_key(yaml_text)
        if fault is not None:  # "issuer：示例区" alone is a string, not a mapping: name the colon
            problem = YamlProblem(
                fault.line + 2, (fault.column or 0) + 1, *_yaml_error(fault.what), fault.fix.zh, fault.fix.en
            )
            diags.report(SG024, path, line=problem.line, column=problem.column, problem=problem)
            return None
        diags.report(SG025, path, line=2)
        return None
    return Parsed(meta, "\n".join(lines[end + 1 :]), end + 2)


def _yaml_error(what: Phrase) -> tuple[str, str]:
    return f"YAML 格式错误：{what.zh}", f"Invalid YAML: {what.en}"
