"""Checks of the build's folders, the theme and the page plan (``sitegen check`` runs the plan checks too).

- the output and reports folders: publishing swaps the output folder whole, so it must not hold the
  project's sources, and the webmaster reports must never land in it (checked before anything is written);
- the theme, checked after the content so that an editor sees every content problem in one run;
- anchors of links into other documents, and copied files that would overwrite a page.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from sitegen.checks.attachments import check_linked
from sitegen.diagnostics.codes import SG004, SG008, SG009, SG010_REFERENCED, SG077, SG078, SG079, SG080
from sitegen.diagnostics.core import Diagnostics
from sitegen.diagnostics.registry import NO_HINT, Phrase, close_hint
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
    sources = {doc.url: doc.source for doc in documents}
    for doc in documents:
        for href, line in bodies[doc.url].site_links:
            path = href.split("#")[0].split("?")[0]
            if path and path not in urls and path.rstrip("/") + "/" not in urls:
                diags.report(SG077, doc.source, line=line, href=href, hint=_page_hint(path, urls, doc, sources))
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
                line, hint = _missing_file(doc, path, documents)
                diags.report(SG078, doc.source, line=line, path=diags.rel(path), hint=hint)
                continue
            files[base + name] = path
            check_linked(doc, path, config, diags, today)
    return {"/" + k: v for k, v in files.items()}


def _as_link(target: Path, doc: Document) -> str:
    """How ``doc``'s text links to ``target``: relative to its folder."""
    return Path(os.path.relpath(target, doc.source.parent)).as_posix()


def _page_hint(path: str, urls: set[str], doc: Document, sources: Mapping[str, Path]) -> Phrase:
    """The page the link probably meant; a document's page as its source file, which is how to link it."""
    close = difflib.get_close_matches(path, sorted(urls), n=1, cutoff=0.6)
    if not close:
        return NO_HINT
    found = sources.get(close[0])
    meant = _as_link(found, doc) if found is not None else close[0]
    return Phrase(f"，是否应为 {meant}", f"; did you mean {meant}")


def _missing_file(doc: Document, path: Path, documents: list[Document]) -> tuple[int | None, Phrase]:
    """The body line that names the missing file, and what was probably meant: a document written by its id
    without .md (``[通知](2025-lowincome-rules)``), or the closest file in that folder."""
    lines = doc.body.split("\n")
    # [..](x), <x>, src="x": the name whole, up to the end of the address
    link = re.compile(rf"""(?:\]\(|<|=\s*["']?)(?:[^)"'>\s]*/)?{re.escape(path.name)}(?=[)#?"'>\s]|$)""")
    index = next((i for i, text in enumerate(lines) if link.search(text)), None)
    if index is None:
        index = next((i for i, text in enumerate(lines) if path.name in text), None)
    line = None if index is None else doc.body_line + index
    same_id = [other.source for other in documents if other.id == path.name.removesuffix(".md")]
    if same_id:  # the document at that very path first: ids of different kinds may be the same
        written = path.with_name(path.name + ".md")
        meant = _as_link(written if written in same_id else same_id[0], doc)
        return line, Phrase(
            f"，是否应为 {meant}（链接文档要写源文件，含 .md）", f"; did you mean {meant} (.md included)"
        )
    siblings = [p.name for p in path.parent.iterdir() if p.is_file()] if path.parent.is_dir() else []
    return line, close_hint(path.name, siblings)
