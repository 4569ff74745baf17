"""Which feeds the site has and what each holds: the plan that pages (their <link rel="alternate">) and the
feed writer share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sitegen.model.records import Consultation, Document
from sitegen.model.site import PublicSite

FEED_SIZE = 50


@dataclass(frozen=True)
class Feed:
    path: str  # output path, e.g. /feeds/policies.xml
    title: str
    page: str  # the HTML page the feed follows
    entries: list[Document]


def updated(doc: Document) -> dt.date:
    """When a document last changed on the site: a consultation changes again when its feedback appears."""
    if isinstance(doc, Consultation) and doc.feedback is not None:
        return doc.feedback.published
    return doc.published


def _newest(docs: list[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (updated(d), d.kind, d.id), reverse=True)[:FEED_SIZE]


def feeds(site: PublicSite) -> list[Feed]:
    everything = [*site.policies, *site.interpretations, *site.consultations, *site.events, *site.reports]
    result = [
        Feed("/feeds/all.xml", "全部更新", "/", _newest(everything)),
        Feed("/feeds/policies.xml", "政策文件", "/policies/", _newest(list(site.policies))),
        Feed("/feeds/interpretations.xml", "政策解读", "/interpretations/", _newest(list(site.interpretations))),
        Feed("/feeds/consultations.xml", "意见征集", "/consultations/", _newest(list(site.consultations))),
    ]
    for topic in site.config.topics:
        members = [p for p in site.policies if topic.name in p.topics]
        result.append(Feed(f"/feeds/topics/{topic.slug}.xml", f"主题：{topic.name}", topic.url, _newest(members)))
    for agency in site.config.agencies:
        members = [d for d in everything if getattr(d, "issuer", "") == agency.name]
        result.append(Feed(f"/feeds/agencies/{agency.slug}.xml", f"发文机关：{agency.name}", agency.url, _newest(members)))
    return result


SECTION_FEEDS = {"policies": "/policies/", "interpretations": "/interpretations/", "consultations": "/consultations/"}


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
