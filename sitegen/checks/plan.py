"""Checks of the build's folders, the theme and the page plan (``sitegen check`` runs the plan checks too).

- the output and reports folders: publishing swaps the output folder whole, so it must not hold the
  project's sources, and the webmaster reports must never land in it (checked before anything is written);
- the theme, checked after the content so that an editor sees every content problem in one run;
- anchors of links into other documents, and copied files that would overwrite a page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from sitegen.checks.attachments import check_linked
from sitegen.diagnostics.codes import SG004, SG008, SG009, SG010_REFERENCED, SG077, SG078, SG079, SG080
from sitegen.diagnostics.core import Diagnostics
from sitegen.load.sources import inside
from sitegen.model.config import SiteConfig
from sitegen.model.pagespec import PageSpec
from sitegen.model.records import Document
from sitegen.store.folder import overlapping


def check_folders(config: SiteConfig, target: Path, reports: Path, diags: Diagnostics) -> bool:
    """The output and reports folders are safe to write; False after reporting why not."""
    clash = overlapping(
        target, [config.content_dir, config.catalogs_dir, config.theme_dir, config.path], ancestors_of=[config.root]
    )
    if clash is not None:
        diags.report(SG008, config.path, target=target, clash=clash)
    elif overlapping(reports, [target]) is not None:
        diags.report(SG009, config.path, reports=reports, target=target)
    else:
        return True
    return False


def check_theme(config: SiteConfig, diags: Diagnostics) -> bool:
    """The theme's templates exist; False after reporting that they do not."""
    if (config.theme_dir / "templates").is_dir():
        return True
    diags.report(SG004, config.path, templates=config.theme_dir / "templates")
    return False


class BodyLinks(Protocol):
    """What these checks read of a rendered body (a RenderedBody, or the facts a render worker kept)."""

    site_links: list[tuple[str, int | None]]
    assets: list[tuple[str, str]]

    @property
    def ids(self) -> set[str]: ...


def anchors_of(bodies: Mapping[str, BodyLinks], templates: Path) -> dict[str, set[str]]:
    """The ids on each document page: its body's, plus those the theme writes on pages."""
    theme_ids = {
        found
        for template in sorted(templates.rglob("*.html"))
        for found in re.findall(r'\bid="([^"{}]+)"', template.read_text("utf-8"))
    }
    return {url: theme_ids | body.ids for url, body in bodies.items()}


def check_anchors_and_files(
    documents: list[Document],
    bodies: Mapping[str, BodyLinks],
    specs: list[PageSpec],
    files: dict[str, Path],
    templates: Path,
    diags: Diagnostics,
) -> None:
    anchors = anchors_of(bodies, templates)
    for doc in documents:
        for href, line in bodies[doc.url].site_links:
            path, _, fragment = href.split("?")[0].partition("#")
            if fragment and path in anchors and unquote(fragment) not in anchors[path]:
                diags.report(SG079, doc.source, line=line, href=href, fragment=fragment)
    for relative in sorted(set(files) & {"/" + spec.output_path for spec in specs}):
        diags.report(SG080, files[relative], relative=relative)


def check_plan(
    config: SiteConfig,
    documents: list[Document],
    bodies: Mapping[str, BodyLinks],
    specs: list[PageSpec],
    diags: Diagnostics,
    today: dt.date,
) -> dict[str, Path]:
    """The files to copy beside the pages, after checking every link and file the bodies name."""
    files = _document_files(config, documents, bodies, diags, today)
    urls = {spec.url for spec in specs} | set(files)
    for doc in documents:
        for href, line in bodies[doc.url].site_links:
            path = href.split("#")[0].split("?")[0]
            if path and path not in urls and path.rstrip("/") + "/" not in urls:
                diags.report(SG077, doc.source, line=line, href=href)
    check_anchors_and_files(documents, bodies, specs, files, config.theme_dir / "templates", diags)
    return files


def _document_files(
    config: SiteConfig, documents: list[Document], bodies: Mapping[str, BodyLinks], diags: Diagnostics, today: dt.date
) -> dict[str, Path]:
    """Attachments and images of each public document, to be copied beside its page."""
    files: dict[str, Path] = {}
    for doc in documents:
        base = doc.url.lstrip("/")
        for attachment in getattr(doc, "attachments", []):
            files[base + attachment.name] = attachment.source
        for source, name in bodies[doc.url].assets:
            path = Path(source)
            if not inside(path, config.root):
                diags.report(SG010_REFERENCED, doc.source, path=diags.rel(path))
                continue
            if not path.is_file():
                diags.report(SG078, doc.source, path=diags.rel(path))
                continue
            files[base + name] = path
            check_linked(doc, path, config, diags, today)
    return {"/" + k: v for k, v in files.items()}
