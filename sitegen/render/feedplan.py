"""Which feeds the site has and what each holds: the plan that pages (their <link rel="alternate">) and the
feed writer share."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from typing import overload

from sitegen.model.kinds import KINDS
from sitegen.model.records import Consultation, Dated, Document
from sitegen.model.site import PublicSite

FEED_SIZE = 50


@dataclass(frozen=True)
class Feed:
    path: str  # output path, e.g. /feeds/policies.xml
    title: str
    page: str  # the HTML page the feed follows
    entries: list[Dated]


@overload
def updated(doc: Dated) -> dt.date: ...
@overload
def updated(doc: Document) -> dt.date | None: ...
def updated(doc: Document) -> dt.date | None:
    """When a document last changed on the site: a consultation changes again when its feedback appears.

    None only for a page that gives no publication date."""
    if isinstance(doc, Consultation) and doc.feedback is not None:
        return doc.feedback.published
    return doc.published


def _newest(docs: Iterable[Dated]) -> list[Dated]:
    # nlargest is sorted(..., reverse=True)[:n] (as documented) without sorting the whole site for every feed.
    return heapq.nlargest(FEED_SIZE, docs, key=lambda d: (updated(d), d.kind, d.id))


def in_feeds(site: PublicSite) -> list[Dated]:
    """The documents of every kind that the site-wide and agency feeds carry."""
    return [doc for kind in KINDS if kind.in_feeds for doc in site.listed[kind.name]]


def feeds(site: PublicSite) -> list[Feed]:
    everything = in_feeds(site)
    result = [Feed("/feeds/all.xml", "全部更新", "/", _newest(everything))]
    for kind in KINDS:
        if kind.feed:
            result.append(
                Feed(f"/feeds/{kind.section}.xml", kind.label, f"/{kind.section}/", _newest(site.listed[kind.name]))
            )
    # One pass groups the documents of every topic and agency (a pass per topic and agency was 50 passes).
    by_topic: dict[str, list[Dated]] = {topic.name: [] for topic in site.config.topics}
    for policy in site.policies:
        for name in dict.fromkeys(policy.topics):
            if name in by_topic:
                by_topic[name].append(policy)
    by_issuer: dict[str, list[Dated]] = {agency.name: [] for agency in site.config.agencies}
    for doc in everything:
        issuer = getattr(doc, "issuer", "")
        if issuer in by_issuer:
            by_issuer[issuer].append(doc)
    for topic in site.config.topics:
        members = by_topic[topic.name]
        result.append(Feed(f"/feeds/topics/{topic.slug}.xml", f"主题：{topic.name}", topic.url, _newest(members)))
    for agency in site.config.agencies:
        by_agency = by_issuer[agency.name]
        result.append(
            Feed(f"/feeds/agencies/{agency.slug}.xml", f"发文机关：{agency.name}", agency.url, _newest(by_agency))
        )
    return result


SECTION_FEEDS = {kind.section: f"/{kind.section}/" for kind in KINDS if kind.feed}


def feed_links(by_page: dict[str, tuple[str, str]], site_title: str, section: str, url: str) -> list[tuple[str, str]]:
    """The feeds a page advertises with <link rel="alternate">: the whole site, its section and its own listing.

    ``by_page`` maps the URL of the page each feed follows to the feed's title and path.
    """
    chosen = [by_page["/"]]
    if section in SECTION_FEEDS:
        chosen.append(by_page[SECTION_FEEDS[section]])
    if url in by_page and by_page[url] not in chosen:
        chosen.append(by_page[url])
    return [(f"{site_title}：{title}", path) for title, path in chosen]
