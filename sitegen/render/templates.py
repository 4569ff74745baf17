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


# A static folder holding this file is a package of ES modules that import one another by relative path.
MODULE_ENTRY = "index.js"


def hashed_assets(static_dir: Path) -> dict[str, str]:
    """Map each static file to a content-hashed name, so that browsers may cache it for a year.

    The files of a folder of ES modules (one holding ``index.js``) keep their names inside a folder named
    by the digest of all of them (``js/search/query.js`` -> ``assets/js/search.<digest>/query.js``): a
    module's relative imports then still resolve, and a change to any module renames them all."""
    names: dict[str, str] = {}
    if not static_dir.is_dir():
        return names
    files = sorted(p for p in static_dir.rglob("*") if p.is_file())
    packages = sorted({p.parent for p in files if p.name == MODULE_ENTRY and p.parent != static_dir})
    for package in packages:
        members = [p for p in files if p.is_relative_to(package)]
        digest = hashlib.sha256()
        for path in members:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        folder = f"assets/{package.relative_to(static_dir).as_posix()}.{digest.hexdigest()[:10]}"
        for path in members:
            names[path.relative_to(static_dir).as_posix()] = f"{folder}/{path.relative_to(package).as_posix()}"
    for path in files:
        relative = path.relative_to(static_dir).as_posix()
        if relative in names:
            continue
        digest_text = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        stem, dot, suffix = relative.rpartition(".")
        names[relative] = f"assets/{stem}.{digest_text}.{suffix}" if dot else f"assets/{relative}.{digest_text}"
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

    def modules(entry: str) -> list[str]:
        """Every module of the folder holding ``entry`` (hashed_assets), for modulepreload hints."""
        folder = entry.rpartition("/")[0] + "/"
        return ["/" + assets[name] for name in sorted(assets) if name.startswith(folder) and name.endswith(".js")]

    env.globals.update(site=config, asset=asset, modules=modules, elder_url=elder_url)
    return env
