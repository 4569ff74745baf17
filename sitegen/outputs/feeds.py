"""Atom feeds, with RSS 2.0 twins (政策订阅): all updates, policies, interpretations, consultations, each topic, each
issuer.

Feeds carry no build time: every date comes from the content, so two builds of the same content
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils

from sitegen.model.kinds import KIND
from sitegen.model.records import Document, Policy
from sitegen.model.site import PublicSite
from sitegen.render.feedplan import Feed, feeds, in_feeds, updated
from sitegen.store.staging import StagedOutput

ATOM = "http://www.w3.org/2005/Atom"
CHINA = dt.timezone(dt.timedelta(hours=8))


def _timestamp(day: dt.date) -> str:
    return dt.datetime(day.year, day.month, day.day, tzinfo=CHINA).isoformat()


def _summary(doc: Document) -> str:
    parts = [KIND[doc.kind].label]
    if isinstance(doc, Policy):
        parts += [doc.doc_number or "", doc.validity_label]
    parts.append(getattr(doc, "issuer", ""))
    return "｜".join(p for p in parts if p)


class _Xml:
    """Writes what ElementTree writes after ``ET.indent`` (two spaces a level, ``<empty />``), as plain
    strings: building and serialising some 50,000 elements with ElementTree cost about a second a build,
    edits included (tests/test_feeds_and_data.py compares the bytes with ElementTree's)."""

    def __init__(self) -> None:
        self.parts = ["<?xml version='1.0' encoding='utf-8'?>\n"]

    @staticmethod
    def _attributes(attrs: dict[str, str]) -> str:
        return "".join(f' {name}="{_escape_attribute(value)}"' for name, value in attrs.items())

    def open(self, depth: int, tag: str, **attrs: str) -> None:
        self.parts.append(f"{'  ' * depth}<{tag}{self._attributes(attrs)}>\n")

    def close(self, depth: int, tag: str) -> None:
        self.parts.append(f"{'  ' * depth}</{tag}>" + ("\n" if depth else ""))

    def leaf(self, depth: int, tag: str, text: str | None = None, **attrs: str) -> None:
        head = f"{'  ' * depth}<{tag}{self._attributes(attrs)}"
        self.parts.append(f"{head}>{_escape_text(text)}</{tag}>\n" if text else f"{head} />\n")

    def bytes(self) -> bytes:
        return "".join(self.parts).encode("utf-8") + b"\n"


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value: str) -> str:
    return (
        _escape_text(value).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")
    )


def atom(feed: Feed, site: PublicSite) -> bytes:
    config = site.config
    base = config.base_url
    xml = _Xml()
    xml.open(0, "feed", xmlns=ATOM, **{"xml:lang": "zh-CN"})
    xml.leaf(1, "id", base + feed.path)
    xml.leaf(1, "title", f"{config.title}：{feed.title}")
    xml.leaf(1, "subtitle", config.description or config.title)
    xml.leaf(1, "link", rel="self", type="application/atom+xml", href=base + feed.path)
    xml.leaf(1, "link", rel="alternate", type="text/html", href=base + feed.page)
    newest = max((updated(d) for d in feed.entries), default=None) or _site_updated(site)
    xml.leaf(1, "updated", _timestamp(newest))
    xml.open(1, "author")
    xml.leaf(2, "name", config.sponsor or config.title)
    xml.close(1, "author")
    xml.leaf(1, "rights", f"© {config.title}")
    for doc in feed.entries:
        xml.open(1, "entry")
        xml.leaf(2, "id", base + doc.url)
        xml.leaf(2, "title", doc.title)
        xml.leaf(2, "link", rel="alternate", type="text/html", href=base + doc.url)
        xml.leaf(2, "published", _timestamp(doc.published))
        xml.leaf(2, "updated", _timestamp(updated(doc)))
        xml.open(2, "author")
        xml.leaf(3, "name", getattr(doc, "issuer", "") or config.title)
        xml.close(2, "author")
        xml.leaf(2, "category", term=KIND[doc.kind].label)
        for topic in getattr(doc, "topics", []):
            xml.leaf(2, "category", term=topic)
        xml.leaf(2, "summary", _summary(doc), type="text")
        xml.close(1, "entry")
    xml.close(0, "feed")
    return xml.bytes()


def rss_path(feed: Feed) -> str:
    return feed.path.removesuffix(".xml") + ".rss"


def rss(feed: Feed, site: PublicSite) -> bytes:
    """The same feed as RSS 2.0, for readers that know no Atom."""
    config = site.config
    base = config.base_url

    def rfc822(day: dt.date) -> str:
        return email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=CHINA))

    xml = _Xml()
    xml.open(0, "rss", version="2.0")
    xml.open(1, "channel")
    for tag, text in (
        ("title", f"{config.title}：{feed.title}"),
        ("link", base + feed.page),
        ("description", config.description or config.title),
        ("language", "zh-CN"),
    ):
        xml.leaf(2, tag, text)
    newest = max((updated(d) for d in feed.entries), default=None) or _site_updated(site)
    xml.leaf(2, "lastBuildDate", rfc822(newest))
    for doc in feed.entries:
        xml.open(2, "item")
        xml.leaf(3, "title", doc.title)
        xml.leaf(3, "link", base + doc.url)
        xml.leaf(3, "guid", base + doc.url, isPermaLink="true")
        xml.leaf(3, "pubDate", rfc822(updated(doc)))
        xml.leaf(3, "category", KIND[doc.kind].label)
        xml.leaf(3, "description", _summary(doc))
        xml.close(2, "item")
    xml.close(1, "channel")
    xml.close(0, "rss")
    return xml.bytes()


def _site_updated(site: PublicSite) -> dt.date:
    """An empty feed is as new as the newest content anywhere on the site."""
    dates = [updated(d) for d in in_feeds(site)]
    return max(dates, default=dt.date(2000, 1, 1))


def write_feeds(out: StagedOutput, site: PublicSite) -> None:
    for feed in feeds(site):
        out.write(feed.path, atom(feed, site))
        out.write(rss_path(feed), rss(feed, site))
