"""The converters of site.yaml's own keys (declared in :mod:`sitegen.model.config`): pure, no I/O.

Each turns a YAML value into the value :class:`~sitegen.model.config.SiteConfig` keeps, or explains why it
cannot (:class:`~sitegen.model.values.FieldError`). Files and folders are resolved by the loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.model import values as v
from sitegen.model.records import Agency, Topic

# Inside a quoted nginx string these would end the string or start a variable.
UNQUOTABLE_ROOT = re.compile(r'["$\\\x00-\x1f\x7f]')

ORG_CODE = "000000000000000000"
INDEX_TEMPLATE = "{org_code}/{year}-{seq:05d}"
CONTACT = ("address", "postcode", "phone")  # every key the theme may show exists, even if site.yaml omits it


def usable_root(path: str) -> bool:
    """True when ``path`` is absolute and can be written as a quoted nginx ``root``."""
    return path.startswith("/") and not UNQUOTABLE_ROOT.search(path)


@dataclass(frozen=True)
class IndexNo:
    """``index_no``: how document index numbers (索引号) are made."""

    org_code: str = ORG_CODE
    template: str = INDEX_TEMPLATE


def _slug_list(kind_zh: str, kind_en: str, cls: type) -> v.Converter:
    def convert(value: Any) -> list:
        if not isinstance(value, list):
            raise v.FieldError(
                f"{kind_zh}应为列表。",
                f"{kind_en} must be a list.",
                "每项写成 {slug: ..., name: ...}。",
                "Write each entry as {slug: ..., name: ...}.",
            )
        items = []
        for entry in value:
            entry = v.check_mapping(entry, kind_zh, kind_en)
            slug, name = v.identifier(entry.get("slug")), v.text(entry.get("name"))
            items.append(cls(slug=slug, name=name))
        for attr in ("slug", "name"):
            seen = [getattr(i, attr) for i in items]
            dupes = sorted({s for s in seen if seen.count(s) > 1})
            if dupes:
                raise v.FieldError(
                    f"{kind_zh}中“{dupes[0]}”重复。",
                    f'{kind_en}: "{dupes[0]}" is listed twice.',
                    "删除重复项。",
                    "Remove the duplicate.",
                )
        return items

    return convert


agencies = _slug_list("发文机关列表", "agencies", Agency)
topics = _slug_list("主题分类列表", "topics", Topic)


def site_url(value: Any) -> str:
    """The site's address, without a trailing slash (pages append their own paths)."""
    return v.web_url(value).rstrip("/")


def _string_map(value: Any) -> dict[str, str]:
    mapping = v.check_mapping(value, "该字段", "The field")
    return {str(k): v.text(val) for k, val in mapping.items()}


def default_contact() -> dict[str, str]:
    return dict.fromkeys(CONTACT, "")


def contact(value: Any) -> dict[str, str]:
    return {**default_contact(), **_string_map(value)}


def synonyms(value: Any) -> dict[str, list[str]]:
    """`群众用语: [规范用语, …]`, flat or grouped by area as in sitegen/data/synonyms.yaml (`住房: {装修: [...]}`)."""
    mapping = v.check_mapping(value, "同义词表", "The synonym table")
    table: dict[str, list[str]] = {}
    for key, val in mapping.items():
        group = val if isinstance(val, dict) else {key: val}
        for word, terms in group.items():
            table[v.text(word)] = v.text_list(terms)
    return table


def index_no(value: Any) -> IndexNo:
    mapping = _string_map(value)
    template = mapping.get("template", INDEX_TEMPLATE)
    try:
        template.format(org_code="X", year=2024, seq=1)
    except (KeyError, ValueError, IndexError) as exc:
        raise v.FieldError(
            f"索引号模板无效：{exc}。",
            f"Invalid index number template: {exc}.",
            "只能使用 {org_code}、{year}、{seq} 三个占位符。",
            "Use only the placeholders {org_code}, {year} and {seq}.",
        ) from None
    return IndexNo(mapping.get("org_code", ORG_CODE), template)


def deploy_root(value: Any) -> str:
    path = v.text(value)
    if not usable_root(path):
        raise v.FieldError(
            '应为服务器上网站目录的绝对路径（以 / 开头），且不能含有 " $ \\ 或控制字符。',
            "Must be the absolute path of the site folder on the server (starting with /), "
            'without " $ \\ or control characters.',
            "例如 /var/www/portal。",
            "For example /var/www/portal.",
        )
    return path


def page_size(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 5 <= value <= 1000:
        raise v.FieldError(
            "应为 5 到 1000 之间的整数。",
            "Must be a whole number from 5 to 1000.",
            "例如 page_size: 50。",
            "For example page_size: 50.",
        )
    return value


def folder(value: Any) -> Path:
    """A folder of the project, relative to site.yaml (the loader resolves it against the project root)."""
    return Path(v.text(value))
