"""/sitemap.xml (a sitemap index over several files past 50,000 URLs) and /robots.txt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree as ET

from sitegen.model.pagespec import PageSpec
from sitegen.model.records import Document
from sitegen.outputs.memo import OutputMemo
from sitegen.outputs.redirects import NOT_LISTED_TEMPLATES
from sitegen.render.feedplan import updated
from sitegen.store.staging import StagedOutput

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000  # the sitemaps.org limit per file
NOT_LISTED = {"/404.html", "/search/"}


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _urlset(entries: list[tuple[str, str | None]]) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for loc, lastmod in entries:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = loc
        if lastmod:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    return _xml(root)


def sitemap_entries(base_url: str, specs: list[PageSpec]) -> list[tuple[str, str | None]]:
    """Each listed page's address and last change: everything the sitemap shows."""
    entries = []
    for spec in specs:
        if spec.url in NOT_LISTED or spec.template in NOT_LISTED_TEMPLATES:  # redirects and 410 notices
            continue
        doc = spec.context.get("doc")
        changed = updated(doc) if isinstance(doc, Document) else None
        entries.append((base_url + spec.url, changed.isoformat() if changed else None))
    return entries


def _index(view: tuple[str, int]) -> bytes:
    base_url, parts = view
    ET.register_namespace("", SITEMAP_NS)
    index = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for number in range(1, parts + 1):
        loc = base_url + f"/sitemap-{number}.xml"
        ET.SubElement(ET.SubElement(index, f"{{{SITEMAP_NS}}}sitemap"), f"{{{SITEMAP_NS}}}loc").text = loc
    return _xml(index)


def _views(base_url: str, specs: list[PageSpec], limit: int) -> list[tuple[str, object, Callable[[Any], bytes]]]:
    """Output path, view and renderer of each sitemap file: one, or an index and numbered parts past ``limit``."""
    entries = sitemap_entries(base_url, specs)
    if len(entries) <= limit:
        return [("/sitemap.xml", entries, _urlset)]
    parts = [entries[start : start + limit] for start in range(0, len(entries), limit)]
    views: list[tuple[str, object, Callable[[Any], bytes]]] = [
        (f"/sitemap-{number}.xml", part, _urlset) for number, part in enumerate(parts, 1)
    ]
    return [*views, ("/sitemap.xml", (base_url, len(parts)), _index)]


def sitemap_files(base_url: str, specs: list[PageSpec], limit: int = MAX_URLS) -> dict[str, bytes]:
    """Output path -> content: one sitemap, or an index and numbered parts when there are over ``limit`` URLs."""
    return {path: render(view) for path, view, render in _views(base_url, specs, limit)}


def write_sitemap(out: StagedOutput, base_url: str, specs: list[PageSpec], memo: OutputMemo | None = None) -> None:
    """The sitemap files (kept by ``memo`` while their entries are unchanged) and robots.txt."""
    memo = memo or OutputMemo()
    for path, view, render in _views(base_url, specs, MAX_URLS):
        memo.write(out, path, view, render)
    out.write("/robots.txt", f"User-agent: *\nAllow: /\nDisallow: /pagefind/\n\nSitemap: {base_url}/sitemap.xml\n")
