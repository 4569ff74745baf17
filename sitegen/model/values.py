"""Typed values: each converter turns a YAML value into a Python value or explains why not (FieldError).

Pure functions, no I/O: the records declare their fields with them (:mod:`sitegen.model.spec`), and the
loaders apply them (:func:`sitegen.load.fields.apply_schema`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sitegen.model.urls import alias_problem, normalise, scheme


class LineMap(dict):
    """A mapping that knows the 1-based line of itself and of each of its keys (as YAML loading makes it)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class FieldError(Exception):
    def __init__(self, zh: str, en: str, fix_zh: str = "", fix_en: str = ""):
        super().__init__(en)
        self.zh, self.en, self.fix_zh, self.fix_en = zh, en, fix_zh, fix_en


Converter = Callable[[Any], Any]

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def describe(value: Any, english: bool = False) -> str:
    """What YAML made of ``value``, in one language (each message line is in one language)."""
    if value is None:
        name = ("空值", "nothing")
    elif isinstance(value, bool):
        name = ("布尔值", "a boolean")
    elif isinstance(value, (int, float)):
        name = ("数字", "a number")
    elif isinstance(value, list):
        name = ("列表", "a list")
    elif isinstance(value, dict):
        name = ("映射", "a mapping")
    elif isinstance(value, dt.date):
        name = ("日期", "a date")
    else:
        name = ("文本", "text")
    return name[english]


def text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        hint = "（YAML 会把 yes/no/on/off 读成布尔值）" if isinstance(value, bool) else ""
        raise FieldError(
            f"应为文本，实际是{describe(value)}{hint}。",
            f"Expected text, got {describe(value, english=True)}.",
            "用英文双引号把值括起来。",
            "Put the value in double quotes.",
        )
    if isinstance(value, float):
        raise FieldError(
            "应为文本，实际是小数：YAML 会把 1.10 读成 1.1。",
            "Expected text, got a decimal number (YAML reads 1.10 as 1.1).",
            "用英文双引号把值括起来。",
            "Put the value in double quotes.",
        )
    result = str(value).strip()
    if not result:
        raise FieldError("不能为空。", "Must not be empty.", "填写内容或删除该字段。", "Fill it in or remove the key.")
    if _CONTROL.search(result):
        # YAML escapes such as "\0" or "\e" would put invisible characters into pages and file names.
        raise FieldError(
            "含有不可见的控制字符。",
            "Contains invisible control characters.",
            "删除值中的 \\0、\\e 等转义字符。",
            'Remove escapes such as "\\0" or "\\e" from the value.',
        )
    return result


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                raise FieldError(
                    f"“{value}”不是有效日期（月份或日期超出范围）。",
                    f'"{value}" is not a valid date (month or day out of range).',
                    "按 YYYY-MM-DD 写出真实存在的日期，例如 2024-03-15。",
                    "Write a real date as YYYY-MM-DD, e.g. 2024-03-15.",
                ) from None
    raise FieldError(
        f"应为日期（YYYY-MM-DD），实际是“{value}”。",
        f'Expected a date (YYYY-MM-DD), got "{value}".',
        "按 YYYY-MM-DD 填写，例如 2024-03-15，不要加引号以外的文字。",
        "Write the date as YYYY-MM-DD, e.g. 2024-03-15.",
    )


def date_time(value: Any) -> dt.datetime:
    """A local date and time, written YYYY-MM-DD HH:MM (YAML needs seconds to read it as a timestamp)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?", value.strip())
        if match:
            try:
                year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
                return dt.datetime(year, month, day, hour, minute, second)
            except ValueError:
                pass
    raise FieldError(
        f"应为日期和时间（YYYY-MM-DD HH:MM），实际是“{value}”。",
        f'Expected a date and time (YYYY-MM-DD HH:MM), got "{value}".',
        "按 YYYY-MM-DD HH:MM 填写，例如 2026-12-05 09:30。",
        "Write it as YYYY-MM-DD HH:MM, e.g. 2026-12-05 09:30.",
    )


def count(value: Any) -> int:
    """A whole number of things, zero or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FieldError(
            f"应为 0 或正整数，实际是“{value}”。",
            f'Expected a whole number of 0 or more, got "{value}".',
            "填写不带单位的整数，例如 12。",
            "Write a plain whole number, e.g. 12.",
        )
    return value


def text_list(value: Any) -> list[str]:
    if isinstance(value, str):
        raise FieldError(
            f"应为列表，实际是文本“{value}”。",
            f'Expected a list, got the text "{value}".',
            f"写成列表：[{value}]，或每项一行、以“- ”开头。",
            f"Write a list: [{value}], or one item per line starting with '- '.",
        )
    if not isinstance(value, list):
        raise FieldError(
            f"应为列表，实际是{describe(value)}。",
            f"Expected a list, got {describe(value, english=True)}.",
            "写成 [甲, 乙] 形式的列表。",
            "Write a list such as [a, b].",
        )
    return [text(item) for item in value]


def web_url(value: Any) -> str:
    """An absolute http or https address, such as a site's own base URL."""
    result = text(value)
    try:
        host = urlsplit(result).hostname
    except ValueError:
        host = None
    if scheme(result) not in ("http", "https") or not host or normalise(result) != result or '"' in result:
        raise FieldError(
            f"“{result}”不是有效的网址：只能使用 http:// 或 https:// 开头的完整地址。",
            f'"{result}" is not a valid address: use a full http:// or https:// URL.',
            "例如 https://www.example.gov.cn。",
            "For example https://www.example.gov.cn.",
        )
    return result


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldError(
            f"应为 true 或 false，实际是“{value}”。",
            f'Expected true or false, got "{value}".',
            "填写 true 或 false。",
            "Write true or false.",
        )
    return value


def identifier(value: Any) -> str:
    result = text(value)
    if not ID_PATTERN.match(result):
        raise FieldError(
            f"标识“{result}”不合规：只能使用英文字母、数字、连字符和下划线，且不能含有 / 或 ..。",
            f'The id "{result}" is not URL-safe: use only letters, digits, "-" and "_", no "/" or "..".',
            "改为例如 2024-housing-fund 的形式。",
            "Use a form like 2024-housing-fund.",
        )
    return result


@dataclass(frozen=True)
class Choice:
    """One of ``labels``: the English value or its Chinese label is accepted; the English value is kept."""

    labels: dict[str, str]

    def __call__(self, value: Any) -> str:
        aliases = {**{k: k for k in self.labels}, **{v: k for k, v in self.labels.items()}}
        if isinstance(value, str) and value.strip() in aliases:
            return aliases[value.strip()]
        allowed = "、".join(f"{k}（{self.labels[k]}）" for k in self.labels)
        raise FieldError(
            f"取值“{value}”无效，可选：{allowed}。",
            f'Invalid value "{value}"; allowed: {allowed}.',
            f"从以下值中选择一个：{allowed}。",
            f"Choose one of: {allowed}.",
        )


def enum(labels: dict[str, str]) -> Choice:
    """Accept the English value or its Chinese label; return the English value."""
    return Choice(labels)


def check_mapping(value: Any, what_zh: str, what_en: str) -> LineMap:
    if not isinstance(value, LineMap):
        raise FieldError(
            f"{what_zh}应为映射，实际是{describe(value)}。",
            f"{what_en} must be a mapping, got {describe(value, english=True)}.",
            "按“字段: 值”分行书写。",
            "Write one 'key: value' per line.",
        )
    return value


def aliases(value: Any) -> list[str]:
    """aliases: old URL paths of a document, each answered with a redirect to its page."""
    paths = text_list([value] if isinstance(value, str) and value.startswith("/") else value)
    for path in paths:
        problem = alias_problem(path)
        if problem:
            raise FieldError(
                f"旧地址“{path[:80]}”不能用作别名：应以 / 开头，不含空格、引号、$ ; {{ }} ? # < > 和 ..。",
                f'The old URL "{path[:80]}" cannot be an alias: {problem}.',
                "只写旧地址的路径部分，例如 aliases: [/zwgk/2020/art_1.html, /old/policy/]。",
                "Give the path only, e.g. aliases: [/zwgk/2020/art_1.html, /old/policy/].",
            )
    # /old/page and /old/page/ are one folder: its redirect page is /old/page/index.html.
    return list(dict.fromkeys(p if p.endswith("/") or "." in p.rsplit("/", 1)[-1] else p + "/" for p in paths))
