"""/sitemap.xml (a sitemap index over several files past 50,000 URLs) and /robots.txt."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from sitegen.model.pagespec import PageSpec
from sitegen.model.records import Document
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


def sitemap_files(base_url: str, specs: list[PageSpec], limit: int = MAX_URLS) -> dict[str, bytes]:
    """Output path -> content: one sitemap, or an index and numbered parts when there are over ``limit`` URLs."""
    entries = []
    for spec in specs:
        if spec.url in NOT_LISTED or spec.template in NOT_LISTED_TEMPLATES:  # redirects and 410 notices
            continue
        doc = spec.context.get("doc")
        changed = updated(doc) if isinstance(doc, Document) else None
        entries.append((base_url + spec.url, changed.isoformat() if changed else None))
    if len(entries) <= limit:
        return {"/sitemap.xml": _urlset(entries)}
    files: dict[str, bytes] = {}
    ET.register_namespace("", SITEMAP_NS)
    index = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for number, start in enumerate(range(0, len(entries), limit), 1):
        path = f"/sitemap-{number}.xml"
        files[path] = _urlset(entries[start : start + limit])
        ET.SubElement(ET.SubElement(index, f"{{{SITEMAP_NS}}}sitemap"), f"{{{SITEMAP_NS}}}loc").text = base_url + path
    files["/sitemap.xml"] = _xml(index)
    return files


def write_sitemap(out: StagedOutput, base_url: str, specs: list[PageSpec]) -> None:
    for path, data in sitemap_files(base_url, specs).items():
        out.write(path, data)
    out.write("/robots.txt", f"User-agent: *\nAllow: /\nDisallow: /pagefind/\n\nSitemap: {base_url}/sitemap.xml\n")
