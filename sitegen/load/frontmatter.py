"""Split a Markdown source into its YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.diagnostics.core import Diagnostics
from sitegen.load.sources import SourceText
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
        diags.add(
            "SG020", path, "文件是空的。", "The file is empty.", line=1,
            fix_zh="写入以 --- 开头的前置元数据和正文，或删除该文件。",
            fix_en="Add front matter starting with --- and a body, or delete the file.",
        )
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        diags.add(
            "SG021", path, "文件缺少前置元数据：第一行必须是 ---。",
            "The front matter is missing: the first line must be ---.", line=1,
            fix_zh="在文件开头加入以 --- 开始、以 --- 结束的 YAML 元数据块。",
            fix_en="Start the file with a YAML block between two --- lines.",
        )
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        diags.add(
            "SG022", path, "前置元数据没有结束：找不到第二个 --- 行。",
            "The front matter is not closed: no second --- line.", line=1,
            fix_zh="在元数据最后一行之后单独加一行 ---。",
            fix_en="Add a line with only --- after the last front matter line.",
        )
        return None
    yaml_text = "\n".join(lines[1:end])
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        diags.add(
            "SG023", path, f"前置元数据过长（超过 {MAX_FRONT_MATTER_CHARS} 个字符）。",
            f"The front matter is too long (over {MAX_FRONT_MATTER_CHARS} characters).", line=2,
            fix_zh="元数据只写字段，正文写在第二个 --- 之后。",
            fix_en="Keep only fields in the front matter; put the text after the closing ---.",
        )
        return None
    try:
        meta = load_yaml(yaml_text, line_offset=1)
    except YamlProblem as exc:
        diags.add("SG024", path, exc.zh, exc.en, line=exc.line, column=exc.column, fix_zh=exc.fix_zh, fix_en=exc.fix_en)
        return None
    if meta is None:
        meta = LineMap()
        meta.line, meta.key_lines = 2, {}
    if not isinstance(meta, LineMap):
        diags.add(
            "SG025", path, "前置元数据必须是“字段: 值”形式的映射。",
            "The front matter must be a mapping of 'key: value' lines.", line=2,
            fix_zh="每行写成 字段: 值，例如 title: 关于……的通知。",
            fix_en="Write one 'key: value' per line, e.g. title: ...",
        )
        return None
    return Parsed(meta, "\n".join(lines[end + 1 :]), end + 2)
