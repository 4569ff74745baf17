"""What PyYAML's error means for a webmaster: the common faults in hand-written YAML, named, at their own line.

PyYAML reports where its parser gave up, in English ("found character '\\t' that cannot start any token",
"could not find expected ':'"), often a line after the real cause: a full-width colon (``issuer：…``) is
reported on the next line, an unclosed quote where the file ends. :func:`explain` looks at the text around
that place for the usual causes (a tab, a full-width colon, an unclosed quote or bracket, a missing colon,
a value with ": " in it, uneven indentation, a key written twice) and says which, where, and how to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from sitegen.diagnostics.registry import Phrase


@dataclass(frozen=True)
class Fault:
    """A translated YAML error: 0-based line and column in the YAML text, what is wrong and the fix."""

    line: int
    column: int | None
    what: Phrase
    fix: Phrase


# A key written with a full-width colon: ``issuer：…`` (no ASCII colon before it, so it is no value's text).
_FULL_WIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:：#'\"\[\]{},&*!|>%@`-][^\s:：]{0,40}?)\s*：")
# A key without any colon: ``issuer 示例区``; an ASCII word first, so that a continued Chinese value is no key.
_NO_COLON_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]{0,40})(\s+)(?=\S)(?:(?!:\s|:$|\s#).)*$")
_QUOTED_START = re.compile(r"^\s*(?:-\s+)?[^\s:#][^:]*:\s+([\"'])")


def _tab(lines: list[str], last: int) -> Fault | None:
    for number in range(last, -1, -1):
        indent = re.match(r"^[ \t]*", lines[number])
        if indent and "\t" in indent.group(0):
            column = indent.group(0).index("\t")
            return Fault(
                number,
                column,
                Phrase(
                    f"这一行第 {column + 1} 列有制表符（Tab），YAML 的缩进不能用制表符。",
                    f"This line has a Tab character (制表符) at column {column + 1}; YAML indentation cannot use tabs.",
                ),
                Phrase(
                    "把制表符换成空格：同一层级的字段左侧用相同数量的空格对齐（编辑器可设置“用空格代替 Tab”）。",
                    "Replace the tab with spaces: keys of one level line up with the same number of spaces "
                    '(set the editor to "insert spaces for tabs").',
                ),
            )
    return None


def _full_width_colon(lines: list[str], number: int) -> Fault | None:
    found = _FULL_WIDTH_KEY.match(lines[number])
    if found:
        key = found.group(2)
        column = lines[number].index("：", found.start(2))
        return Fault(
            number,
            column,
            Phrase(
                f"“{key}：”用了中文全角冒号“：”，YAML 只认英文冒号“:”。",
                f'"{key}：" uses the full-width colon "："; YAML needs the ASCII colon ":".',
            ),
            Phrase(
                f"把全角冒号“：”改为英文冒号加一个空格，例如 {key}: ……",
                f'Replace the full-width colon "：" with an ASCII colon and a space, e.g. {key}: ...',
            ),
        )
    return None


def _unclosed_quote(lines: list[str], last: int) -> Fault | None:
    for number in range(0, last + 1):
        found = _QUOTED_START.match(lines[number])
        if not found:
            continue
        quote, rest = found.group(1), lines[number][found.end() :]
        closed = re.search(r'(?<!\\)"' if quote == '"' else r"'(?!')", rest.replace("''", ""))
        if closed is None:
            return Fault(
                number,
                found.start(1),
                Phrase(
                    f"第 {found.start(1) + 1} 列的引号 {quote} 没有闭合（引号未闭合）。",
                    f"The quote {quote} at column {found.start(1) + 1} is never closed (unclosed quote).",
                ),
                Phrase(
                    f"在值的末尾补上 {quote}；值中要用引号时用中文引号“”。",
                    f"Add the closing {quote} at the end of the value; inside a value use Chinese quotes “”.",
                ),
            )
    return None


def _missing_colon(lines: list[str], number: int, before: int | None = None) -> Fault | None:
    found = _NO_COLON_KEY.match(lines[number] if before is None else lines[number][:before])
    if not found:
        return None
    key = found.group(2)
    return Fault(
        number,
        found.end(2),
        Phrase(
            f"“{key}”后缺少英文冒号“:”，这一行不是“字段: 值”的形式。",
            f'The key "{key}" has no colon ":" after it; write "key: value".',
        ),
        Phrase(
            f"在字段名后加英文冒号和一个空格，例如 {key}: ……",
            f"Add a colon and a space after the key, e.g. {key}: ...",
        ),
    )


def _previous(lines: list[str], number: int) -> int | None:
    for before in range(number - 1, -1, -1):
        if lines[before].strip() and not lines[before].lstrip().startswith("#"):
            return before
    return None


def _indentation(number: int, column: int | None) -> Fault:
    return Fault(
        number,
        column,
        Phrase(
            "这一行的缩进与同一层级的其他行不一致（缩进错误）。",
            "The indentation of this line does not match the other lines of its level (bad indentation).",
        ),
        Phrase(
            "同一层级的字段左侧对齐（用相同数量的空格）；下一级比上一级多缩进两个空格。",
            "Line up keys of one level with the same number of spaces; indent a sub-level by two more.",
        ),
    )


def _colon_in_value(number: int, column: int) -> Fault:
    return Fault(
        number,
        column,
        Phrase(
            "这一行的值里有“: ”（英文冒号加空格），YAML 把它当成了新的字段。",
            'The value on this line contains ": " (colon and space), which YAML reads as another key.',
        ),
        Phrase(
            '用英文双引号把整个值括起来，例如 title: "关于……: ……的通知"；或改用中文冒号“：”。',
            'Put the whole value in double quotes, e.g. title: "...: ..."; or use the Chinese colon "：".',
        ),
    )


def _duplicate(lines: list[str], number: int, column: int, key: str, offset: int) -> Fault:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:")
    first = next((i for i in range(number) if pattern.match(lines[i])), None)
    where_zh = f"（第一次在第 {first + 1 + offset} 行）" if first is not None else ""
    where_en = f" (first on line {first + 1 + offset})" if first is not None else ""
    return Fault(
        number,
        column,
        Phrase(f"字段“{key}”写了两次{where_zh}。", f'The key "{key}" is given twice{where_en}.'),
        Phrase("删除其中一处，只保留正确的值。", "Delete one of them and keep the right value."),
    )


def _bracket(number: int, column: int, opening: str) -> Fault:
    closing = {"[": "]", "{": "}"}[opening]
    return Fault(
        number,
        column,
        Phrase(
            f"第 {column + 1} 列的“{opening}”没有对应的“{closing}”（括号未闭合）。",
            f'The "{opening}" at column {column + 1} is never closed with "{closing}" (unclosed bracket).',
        ),
        Phrase(
            f"在同一行末尾补上“{closing}”，各项之间用英文逗号分隔。",
            f'Add the "{closing}" at the end of the line; separate the items with ASCII commas.',
        ),
    )


def explain(text: str, error: yaml.MarkedYAMLError, offset: int = 0) -> Fault | None:
    """The likely real cause of ``error`` in ``text`` (whose first line is line ``offset + 1`` of its file), or
    None when it is none of the common faults."""
    lines = text.split("\n") or [""]
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    mark, start = error.problem_mark, error.context_mark
    if mark is None:
        return None
    last = min(mark.line, len(lines) - 1)
    at = lines[last][mark.column : mark.column + 1]
    if (
        at == "\t"
        or "\t" in lines[last][: len(lines[last]) - len(lines[last].lstrip())]
        or "tab" in problem
        or "'\\t'" in problem
    ):
        return _tab(lines, last)
    duplicate = re.fullmatch(r"duplicate key (['\"])(.*)\1", problem)
    if duplicate:
        return _duplicate(lines, last, mark.column, duplicate.group(2), offset)
    # The real cause is often on the line before the one where PyYAML gave up.
    near = [n for n in (last, _previous(lines, last), start.line if start else None) if n is not None]
    fault = _unclosed_quote(lines, last) or next(filter(None, (_full_width_colon(lines, n) for n in near)), None)
    if fault is not None:
        return fault
    if start is not None and "simple key" in context:
        previous = _previous(lines, start.line)
        return (
            _missing_colon(lines, start.line)
            or (_missing_colon(lines, previous) if previous is not None else None)
            or _indentation(start.line, None)
        )
    if "flow sequence" in context or "flow mapping" in context:
        assert start is not None  # a flow collection's context is where it opens
        return _bracket(start.line, start.column, "[" if "sequence" in context else "{")
    if problem.startswith("mapping values are not allowed"):  # "here" (Python) or "in this context" (libyaml)
        before = _previous(lines, last)
        if before is not None and (fault := _missing_colon(lines, before)):
            return fault
        if fault := _missing_colon(lines, last, lines[last].find(":")):
            return fault
        if ":" in lines[last][: mark.column]:
            return _colon_in_value(last, mark.column)
        return _indentation(last, None)
    if "block end" in problem or "expected key" in problem or "expected '-'" in problem or "block" in context:
        return _indentation(last, None)
    return None


def full_width_key(text: str) -> Fault | None:
    """A key written with a full-width colon in YAML that loaded as something else than a mapping (a front
    matter of one line ``issuer：示例区`` is a string to PyYAML)."""
    lines = text.split("\n")
    return next(filter(None, (_full_width_colon(lines, n) for n in range(len(lines)))), None)
