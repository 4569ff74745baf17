"""URLs that never break: aliases redirect old addresses, withdrawn documents answer 410 Gone.

- ``aliases: [/old/url/, ...]`` in a document's front matter (Hugo's name) gives each old URL a
  static redirect page (meta refresh, canonical link, a visible link) for any host, and a 301 in the
  generated nginx configuration. Redirect pages are not searchable and not in the sitemap or feeds.
- The build keeps a ledger of the document pages it published (``published.json`` in the reports
  folder, beside the dashboard: keep it between builds, e.g. as a CI cache). When a page of the
  ledger is gone, the build warns and names the alias to add (SG451) or asks what happened (SG452).
- A document that was published and is now withheld (公开属性 changed, 撤回) keeps its URL: the page
  says the information was withdrawn, without its title or content, and nginx answers 410.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sitegen.diagnostics.codes import SG450, SG451, SG452
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.pagespec import PageSpec
from sitegen.model.records import Document
from sitegen.model.site import PublicSite, SiteModel
from sitegen.render.elder import elder_url

REDIRECT_TEMPLATE = "redirect.html"
GONE_TEMPLATE = "gone.html"
GONE_PAGE = "/410.html"  # what nginx shows with a 410
LEDGER = "published.json"
NOT_LISTED_TEMPLATES = frozenset({REDIRECT_TEMPLATE, GONE_TEMPLATE})


def published_documents(site: PublicSite) -> list[Document]:
    return [*site.policies, *site.interpretations, *site.pages, *site.consultations, *site.events, *site.reports]


def redirect_specs(site: PublicSite, taken: set[str], diags: Diagnostics) -> list[PageSpec]:
    """One redirect page per alias of a published document; an alias that is a page of the site, or the alias of
    another document, is an error (SG450)."""
    owner: dict[str, Document] = {}
    specs: list[PageSpec] = []
    for doc in sorted(published_documents(site), key=lambda d: d.url):
        for alias in doc.aliases:
            other = owner.get(alias)
            clash = (
                "本站页面 a page of the site"
                if alias in taken or alias.rstrip("/") + "/" in taken
                else (diags.rel(other.source) if other else "")
            )
            if clash:
                diags.report(SG450, doc.source, line=doc.line_of("aliases"), alias=alias, clash=clash)
                continue
            owner[alias] = doc
            specs.append(
                PageSpec(
                    alias,
                    REDIRECT_TEMPLATE,
                    "页面已迁移",
                    [],
                    "",
                    {"target": doc.url, "label": doc.title},
                    searchable=False,
                )
            )
    return specs


def gone_specs(gone: list[str]) -> list[PageSpec]:
    """The withdrawal notice at each withdrawn URL (for hosts without the nginx rules) and at /410.html."""
    if not gone:
        return []
    return [PageSpec(url, GONE_TEMPLATE, "信息已撤回", [], "", {}, searchable=False) for url in [*gone, GONE_PAGE]]


def nginx_rules(site: PublicSite, gone: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(old URL, new URL) for every alias, elder edition included, and the withdrawn URL prefixes."""
    moves = [(alias, doc.url) for doc in published_documents(site) for alias in doc.aliases]
    moves += [(elder_url(old), elder_url(new)) for old, new in moves]
    return sorted(set(moves)), sorted({*gone, *(elder_url(url) for url in gone)})


def relative_sources(docs: Iterable[Document], diags: Diagnostics) -> dict[int, str]:
    """``diags.rel(doc.source)`` by ``id(doc)``, asked once per folder: its path work, twice per document, was
    0.08 s a build at 1,000 documents. (``rel`` of a file is its folder's, resolved, and the file's name.)"""
    prefixes: dict[Path, str] = {}
    found: dict[int, str] = {}
    for doc in docs:
        folder = doc.source.parent
        if folder not in prefixes:
            prefixes[folder] = diags.rel(folder / "_").removesuffix("_")
        found[id(doc)] = prefixes[folder] + doc.source.name
    return found


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    source: str
    title: str
    withdrawn: bool = False


class Ledger:
    """What earlier builds published, by URL: the memory behind SG451, SG452 and 410 Gone."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / LEDGER
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            self.entries = {url: Entry(**fields) for url, fields in raw.get("pages", {}).items()}
        except (OSError, ValueError, TypeError):
            self.entries = {}

    def compare(self, model: SiteModel, site: PublicSite, diags: Diagnostics) -> list[str]:
        """Warn about vanished pages and return the withdrawn URLs; the ledger then holds this build's state."""
        live = {doc.url: doc for doc in published_documents(site)}
        aliased = {alias for doc in live.values() for alias in doc.aliases}
        by_key = {(doc.kind, doc.id): doc for doc in model.documents()}
        sources = relative_sources(live.values(), diags)  # project-relative: the ledger moves to CI
        by_source = {sources[id(doc)]: doc for doc in live.values()}
        by_title = {(doc.kind, doc.title): doc for doc in live.values()}
        gone: list[str] = []
        entries: dict[str, Entry] = {}
        for url, entry in sorted(self.entries.items()):
            if url in live or url in aliased:
                continue
            still = by_key.get((entry.kind, entry.id))
            if still is not None and still.url == url and still.is_public:
                entries[url] = entry  # 定时发布 moved later (or the clock back): not yet due again, not withdrawn
                continue
            if still is not None and still.url == url:
                # The document is there but no longer public: 撤回.
                entries[url] = Entry(entry.kind, entry.id, entry.source, entry.title, withdrawn=True)
                gone.append(url)
                continue
            entries[url] = Entry(entry.kind, entry.id, entry.source, entry.title)
            successor = by_source.get(entry.source) or by_title.get((entry.kind, entry.title))
            if successor is not None:
                diags.report(
                    SG451,
                    successor.source,
                    line=successor.line_of("title") or 1,
                    url=url,
                    title=entry.title,
                    target=successor.url,
                )
            else:
                diags.report(SG452, (diags.root or Path()) / entry.source, url=url, title=entry.title)
        for url, doc in live.items():
            entries[url] = Entry(doc.kind, doc.id, sources[id(doc)], doc.title)
        self.entries = entries
        return gone

    def save(self) -> None:
        """Write atomically, sorted, so that the file is the same for the same site."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"pages": {url: vars(entry) for url, entry in sorted(self.entries.items())}}
        temporary = self.path.with_name(f".{LEDGER}.tmp-{os.getpid()}")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, self.path)
