"""The Jinja2 environment of a theme: autoescaped, strict about undefined names."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import jinja2

from sitegen.model.config import SiteConfig
from sitegen.model.records import Attachment
from sitegen.render.elder import elder_url


def cn_date(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


# A title that already carries its own label: 附件2：…, 附件 3 …, 附件一、…, 附件：…
_OWN_LABEL = re.compile(r"^\s*附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:、.．\s]")


def attachment_labels(attachments: list[Attachment]) -> list[tuple[Attachment, str]]:
    """Each attachment with the text its link shows: titles are shown as written, and numbered
    (附件1：…, or 附件：… for a single one) only when none of them is already labelled, so that a
    title written as 附件2：… never becomes 附件1：附件2：…."""
    if any(_OWN_LABEL.match(a.title) for a in attachments):
        return [(a, a.title.strip()) for a in attachments]
    if len(attachments) == 1:
        return [(attachments[0], f"附件：{attachments[0].title}")]
    return [(a, f"附件{number}：{a.title}") for number, a in enumerate(attachments, 1)]


def hashed_assets(static_dir: Path) -> dict[str, str]:
    """Map each static file to a content-hashed name, so that browsers may cache it for a year."""
    names: dict[str, str] = {}
    if static_dir.is_dir():
        for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
            relative = path.relative_to(static_dir).as_posix()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            stem, dot, suffix = relative.rpartition(".")
            names[relative] = f"assets/{stem}.{digest}.{suffix}" if dot else f"assets/{relative}.{digest}"
    return names


def strict_environment(folder: Path) -> jinja2.Environment:
    """Templates of ``folder``: escaped, a missing variable is an error (never an empty gap on a page)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cn_date"] = cn_date
    return env


def environment(config: SiteConfig, assets: dict[str, str]) -> jinja2.Environment:
    env = strict_environment(config.theme_dir / "templates")
    env.filters["file_size"] = file_size
    env.filters["attachment_labels"] = attachment_labels

    def asset(name: str) -> str:
        return "/" + assets[name]

    env.globals.update(site=config, asset=asset, elder_url=elder_url)
    return env
