"""docs/rules.md, generated from the diagnostic registry.

    python -m sitegen.diagnostics.docs > docs/rules.md

tests/test_rules_doc.py fails when the committed file differs from what this prints, so a code is
documented by declaring it (sitegen/diagnostics/codes/), never by editing the Markdown.
"""

from __future__ import annotations

import sys

from sitegen.diagnostics.codes import all_codes
from sitegen.diagnostics.registry import ERROR, EXIT_CONFIG, SECTIONS, Code

HEAD = (
    "<!-- Generated from sitegen/diagnostics/codes/ by: python -m sitegen.diagnostics.docs > docs/rules.md -->\n"
    "# 检查规则 / Rules and diagnostic codes\n"
    "\n"
    "`sitegen check` 和 `sitegen build` 读取全部内容后一次性报告所有问题（包括全部链接问题），先列错误、后列警告，\n"
    "各自按文件分组。每个问题都有固定编号\n"
    "（`SGnnn`）、文件、行号（能确定时还有列号）、中英文说明和修改建议。编号不会改变含义，可以在 CI 中按编号过滤。\n"
    "\n"
    "`sitegen check` and `sitegen build` read everything, then report every problem at once (every link problem\n"
    "included), errors first, then warnings, each grouped by file.\n"
    "Each has a stable code (`SGnnn`), the file, the line (and column where known), a Chinese and an English\n"
    "message, and a fix. A code never changes its meaning.\n"
    "\n"
    "一个文件无法读取（编码、YAML 格式、字段取值错误）时只报告这个原因一次：引用它的文件（解读、服务包、意见征集、\n"
    "`replaced_by`、正文链接、目录事项；目录文件无法读取时，归入其事项的文档）不再各报一个“不存在”，而是在该文件下\n"
    "注明“另有 N 个文件引用本文件”。不公开只因自身有错误（如缺少审核记录）的文档同样处理。YAML 常见错误（制表符、\n"
    "全角冒号、引号或括号未闭合、缺少冒号、值中含“: ”、缩进不一致、字段重复）报告在出错的那一行，并说明改法。\n"
    "\n"
    "A file that cannot be loaded (encoding, YAML, a wrong value) is reported once, for that cause: what refers to\n"
    "it (interpretations, packages, consultations, `replaced_by`, links in bodies, catalog items; for a catalog\n"
    'file, the documents filed under its items) gets no "does not exist" of its own; a note on the file lists\n'
    "them. The same holds for a document that is not public only because of an error of its own (no review).\n"
    'The common YAML faults (a tab, a full-width colon, an unclosed quote or bracket, a missing colon, ": " in a\n'
    "value, uneven indentation, a key given twice) are named at their own line, with the fix.\n"
    "\n"
    "- **错误 error**：构建停止，已发布的网站保持不变。退出码 1；{config_codes}（配置和目录设置）退出码 2。\n"
    "  Errors stop the build and leave the published site untouched; exit code 1, or 2 for {config_codes}.\n"
    "- **警告 warning**：照常构建，列在报告和管理报表（`_reports/index.html`）中；`--strict` 把警告当作错误。\n"
    "  Warnings do not stop the build; they are listed in the report and the dashboard; `--strict` makes them errors.\n"
    "- 报告格式 / formats：终端上彩色文本，`--format json` 供 CI 使用（`errors`、`warnings`、`diagnostics[]`，每项含\n"
    "  `code`、`severity`、`path`、`line`、`column`、`zh`、`en`、`fix_zh`、`fix_en`，错误在前；\n"
    "  `skipped`：无法读取的文件 → 因它而未检查引用的文件）。\n"
    "- sitegen 自身的意外错误不会显示 Python 调用栈，而是给出“内部错误 internal error”提示和退出码 1；设置\n"
    '  `SITEGEN_DEBUG=1` 可查看详细信息。An unexpected failure inside sitegen prints "internal error" (exit 1), '
    "never a\n"
    "  traceback; `SITEGEN_DEBUG=1` shows the details.\n"
    "\n"
    "个人信息的报告只显示遮蔽后的号码（如 `3201**********1234`），报告本身不会扩散个人信息。\n"
    "Personal-data reports show only the masked number, so that logs do not spread it.\n"
    "\n"
)

_TABLE_HEAD = "| 编号 Code | 级别 | 含义 / Meaning | 示例 / Example | 修改 / Fix |\n| --- | --- | --- | --- | --- |\n"


def _row(code: Code) -> str:
    severity = "错误" if code.severity is ERROR else "警告"
    return f"| {code.id} | {severity} | {code.doc.meaning} | {code.doc.example} | {code.doc.fix} |\n"


def _span(codes: list[str]) -> str:
    """Consecutive codes as ranges: `SG001`–`SG009`、`SG550`–`SG551`."""
    runs: list[list[str]] = []
    for code in codes:
        if runs and int(code[2:]) == int(runs[-1][-1][2:]) + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
    return "、".join(f"`{run[0]}`–`{run[-1]}`" if len(run) > 1 else f"`{run[0]}`" for run in runs)


def rules_markdown() -> str:
    """The whole of docs/rules.md."""
    config_codes = sorted(code.id for code in all_codes() if code.exit_code == EXIT_CONFIG)
    parts = [HEAD.format(config_codes=_span(config_codes))]
    for section in SECTIONS:
        parts.append(f"## {section.title}\n\n")
        if section.intro:
            parts.append(section.intro + "\n\n")
        if section.codes:
            parts.append(_TABLE_HEAD + "".join(_row(code) for code in section.codes) + "\n")
        if section.outro:
            parts.append(section.outro + "\n\n")
    return "".join(parts).rstrip("\n") + "\n"


def main() -> None:
    sys.stdout.buffer.write(rules_markdown().encode("utf-8"))


if __name__ == "__main__":
    main()
