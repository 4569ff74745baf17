"""The site configuration (site.yaml): a typed schema; every problem is collected with its line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sitegen.diagnostics.codes import CONFIG_KEYS, SG001, SG002, SG003, SG550
from sitegen.diagnostics.core import Diagnostics
from sitegen.diagnostics.registry import Phrase
from sitegen.load import fields as f
from sitegen.load.portal_settings import SCHEMA as PORTAL_SCHEMA
from sitegen.load.portal_settings import settings as portal_settings
from sitegen.load.sources import read_text
from sitegen.load.yamlio import LineMap, YamlProblem, load_yaml, read_mapping
from sitegen.model.config import SiteConfig, site_suffix
from sitegen.model.records import Agency, Topic

# Inside a quoted nginx string these would end the string or start a variable.
UNQUOTABLE_ROOT = re.compile(r'["$\\\x00-\x1f\x7f]')


def usable_root(path: str) -> bool:
    """True when ``path`` is absolute and can be written as a quoted nginx ``root``."""
    return path.startswith("/") and not UNQUOTABLE_ROOT.search(path)


def _slug_list(kind_zh: str, kind_en: str, cls: type) -> f.Converter:
    def convert(value: Any) -> list:
        if not isinstance(value, list):
            raise f.FieldError(
                f"{kind_zh}应为列表。",
                f"{kind_en} must be a list.",
                "每项写成 {slug: ..., name: ...}。",
                "Write each entry as {slug: ..., name: ...}.",
            )
        items = []
        for entry in value:
            entry = f.check_mapping(entry, kind_zh, kind_en)
            slug, name = f.identifier(entry.get("slug")), f.text(entry.get("name"))
            items.append(cls(slug=slug, name=name))
        for attr in ("slug", "name"):
            seen = [getattr(i, attr) for i in items]
            dupes = sorted({s for s in seen if seen.count(s) > 1})
            if dupes:
                raise f.FieldError(
                    f"{kind_zh}中“{dupes[0]}”重复。",
                    f'{kind_en}: "{dupes[0]}" is listed twice.',
                    "删除重复项。",
                    "Remove the duplicate.",
                )
        return items

    return convert


def _string_map(value: Any) -> dict[str, str]:
    mapping = f.check_mapping(value, "该字段", "The field")
    return {str(k): f.text(v) for k, v in mapping.items()}


def _synonyms(value: Any) -> dict[str, list[str]]:
    mapping = f.check_mapping(value, "同义词表", "The synonym table")
    return {f.text(k): f.text_list(v) for k, v in mapping.items()}


def _index_no(value: Any) -> dict[str, str]:
    mapping = _string_map(value)
    template = mapping.get("template", "{org_code}/{year}-{seq:05d}")
    try:
        template.format(org_code="X", year=2024, seq=1)
    except (KeyError, ValueError, IndexError) as exc:
        raise f.FieldError(
            f"索引号模板无效：{exc}。",
            f"Invalid index number template: {exc}.",
            "只能使用 {org_code}、{year}、{seq} 三个占位符。",
            "Use only the placeholders {org_code}, {year} and {seq}.",
        ) from None
    return mapping


def _deploy_root(value: Any) -> str:
    path = f.text(value)
    if not usable_root(path):
        raise f.FieldError(
            '应为服务器上网站目录的绝对路径（以 / 开头），且不能含有 " $ \\ 或控制字符。',
            "Must be the absolute path of the site folder on the server (starting with /), "
            'without " $ \\ or control characters.',
            "例如 /var/www/portal。",
            "For example /var/www/portal.",
        )
    return path


def _page_size(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 5 <= value <= 1000:
        raise f.FieldError(
            "应为 5 到 1000 之间的整数。",
            "Must be a whole number from 5 to 1000.",
            "例如 page_size: 50。",
            "For example page_size: 50.",
        )
    return value


SCHEMA: dict[str, f.Field] = {
    "title": f.Field(f.text, required=True),
    "short_title": f.Field(f.text),
    "description": f.Field(f.text),
    "base_url": f.Field(f.web_url, required=True),
    "site_code": f.Field(f.text),
    "icp": f.Field(f.text),
    "police_record": f.Field(f.text),
    "police_record_code": f.Field(f.text),
    "sponsor": f.Field(f.text),
    "contact": f.Field(_string_map),
    "index_no": f.Field(_index_no),
    "public_phones": f.Field(f.text_list),
    "agencies": f.Field(_slug_list("发文机关列表", "agencies", Agency), required=True),
    "topics": f.Field(_slug_list("主题分类列表", "topics", Topic), required=True),
    "synonyms": f.Field(_synonyms),
    "page_size": f.Field(_page_size),
    "content_dir": f.Field(f.text),
    "catalogs_dir": f.Field(f.text),
    "theme_dir": f.Field(f.text),
    "output_dir": f.Field(f.text),
    "deploy_root": f.Field(_deploy_root),
    "catalog_order": f.Field(f.text_list),
    **PORTAL_SCHEMA,
}


# Lists a site may take from a shared file (a multi-site repository's agencies, say): `agencies: ../agencies.yaml`.
SHARED_LISTS = ("agencies", "topics")


def _include_shared_lists(raw: LineMap, path: Path, diags: Diagnostics) -> list[Path]:
    """Replace ``key: FILE`` (a YAML file holding the list, relative to site.yaml) by the list it holds."""
    included = []
    for key in SHARED_LISTS:
        name = raw.get(key)
        if not isinstance(name, str) or not name.endswith((".yaml", ".yml")):
            continue
        shared = (path.parent / name).resolve()
        source = read_text(shared, Diagnostics(diags.root)) if shared.is_file() else None
        problem = None if source is not None else ("找不到或无法读取", "does not exist or cannot be read")
        if source is not None:
            try:
                raw[key] = load_yaml(source.text)
                included.append(shared)
            except YamlProblem as exc:
                problem = (f"第 {exc.line} 行有语法错误：{exc.zh}", f"has a syntax error at line {exc.line}: {exc.en}")
        if problem is not None:
            diags.report(
                SG550, path, line=raw.line_of(key), key=key, name=name, config=path.name, problem=Phrase(*problem)
            )
            raw[key] = []
    return included


def load_config(path: Path, diags: Diagnostics) -> SiteConfig | None:
    """Load site.yaml; report problems to ``diags`` (config errors exit with 2) and return None on failure."""
    if not path.is_file():
        diags.report(SG001, path, path=path)
        return None
    raw = read_mapping(path, diags, SG002, SG003)
    if raw is None:
        return None
    included = _include_shared_lists(raw, path, diags)
    values = f.apply_schema(raw, SCHEMA, path, diags, codes=CONFIG_KEYS)
    if values is None:
        return None
    root = path.parent.resolve()
    index = values.pop("index_no", {})
    # Every key the theme may show exists, so that a short contact block is not a template error.
    values["contact"] = {"address": "", "postcode": "", "phone": "", **values.get("contact", {})}
    config = SiteConfig(
        root=root,
        path=path.resolve(),
        title=values["title"],
        short_title=values.get("short_title", values["title"]),
        description=values.get("description", ""),
        base_url=values["base_url"].rstrip("/"),
        org_code=index.get("org_code", "000000000000000000"),
        index_template=index.get("template", "{org_code}/{year}-{seq:05d}"),
        **{
            k: v
            for k, v in values.items()
            if k
            in (
                "site_code",
                "icp",
                "police_record",
                "police_record_code",
                "sponsor",
                "contact",
                "public_phones",
                "agencies",
                "topics",
                "synonyms",
                "page_size",
                "deploy_root",
                "catalog_order",
            )
        },
        output_dir=Path("_site" + site_suffix(path)),
        included=included,
        lines=dict(raw.key_lines),
    )
    config.portal = portal_settings(values, root, config.path, dict(raw.key_lines), diags)
    if diags.errors:
        return None
    for key in ("content_dir", "catalogs_dir", "theme_dir", "output_dir"):
        if key in values:
            setattr(config, key, Path(values[key]))
        resolved = (root / getattr(config, key)).resolve()
        setattr(config, key, resolved)
    return config
