"""Atom feeds, with RSS 2.0 twins (政策订阅): all updates, policies, interpretations, consultations, each topic, each
issuer.

Feeds carry no build time: every date comes from the content, so two builds of the same content
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from typing import NamedTuple

from sitegen.model.kinds import KIND
from sitegen.model.records import Document, Policy
from sitegen.model.site import PublicSite
from sitegen.outputs.memo import OutputMemo, view_key
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


class Entry(NamedTuple):
    """What a feed shows of one document."""

    url: str
    title: str
    published: dt.date
    updated: dt.date
    author: str
    label: str
    topics: tuple[str, ...]
    summary: str


class FeedView(NamedTuple):
    """Everything a feed file shows: what its Atom and RSS text are made of (and its memo key, outputs/memo.py)."""

    base: str
    site_title: str
    title: str
    subtitle: str
    path: str
    page: str
    newest: dt.date
    author: str
    entries: tuple[Entry, ...]


def feed_view(feed: Feed, site: PublicSite, site_updated: dt.date | None = None) -> FeedView:
    """``site_updated``: :func:`_site_updated`, when the caller has it (an empty feed needs it)."""
    config = site.config
    entries = tuple(
        Entry(
            doc.url,
            doc.title,
            doc.published,
            updated(doc),
            getattr(doc, "issuer", "") or config.title,
            KIND[doc.kind].label,
            tuple(getattr(doc, "topics", [])),
            _summary(doc),
        )
        for doc in feed.entries
    )
    newest = max((entry.updated for entry in entries), default=None) or site_updated or _site_updated(site)
    return FeedView(
        config.base_url,
        config.title,
        feed.title,
        config.description or config.title,
        feed.path,
        feed.page,
        newest,
        config.sponsor or config.title,
        entries,
    )


def atom(feed: Feed, site: PublicSite) -> bytes:
    return atom_text(feed_view(feed, site))


def atom_text(view: FeedView) -> bytes:
    base = view.base
    xml = _Xml()
    xml.open(0, "feed", xmlns=ATOM, **{"xml:lang": "zh-CN"})
    xml.leaf(1, "id", base + view.path)
    xml.leaf(1, "title", f"{view.site_title}：{view.title}")
    xml.leaf(1, "subtitle", view.subtitle)
    xml.leaf(1, "link", rel="self", type="application/atom+xml", href=base + view.path)
    xml.leaf(1, "link", rel="alternate", type="text/html", href=base + view.page)
    xml.leaf(1, "updated", _timestamp(view.newest))
    xml.open(1, "author")
    xml.leaf(2, "name", view.author)
    xml.close(1, "author")
    xml.leaf(1, "rights", f"© {view.site_title}")
    for entry in view.entries:
        xml.open(1, "entry")
        xml.leaf(2, "id", base + entry.url)
        xml.leaf(2, "title", entry.title)
        xml.leaf(2, "link", rel="alternate", type="text/html", href=base + entry.url)
        xml.leaf(2, "published", _timestamp(entry.published))
        xml.leaf(2, "updated", _timestamp(entry.updated))
        xml.open(2, "author")
        xml.leaf(3, "name", entry.author)
        xml.close(2, "author")
        xml.leaf(2, "category", term=entry.label)
        for topic in entry.topics:
            xml.leaf(2, "category", term=topic)
        xml.leaf(2, "summary", entry.summary, type="text")
        xml.close(1, "entry")
    xml.close(0, "feed")
    return xml.bytes()


def rss_path(feed: Feed) -> str:
    return feed.path.removesuffix(".xml") + ".rss"


def rss(feed: Feed, site: PublicSite) -> bytes:
    """The same feed as RSS 2.0, for readers that know no Atom."""
    return rss_text(feed_view(feed, site))


def _rfc822(day: dt.date) -> str:
    return email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=CHINA))


def rss_text(view: FeedView) -> bytes:
    base = view.base
    xml = _Xml()
    xml.open(0, "rss", version="2.0")
    xml.open(1, "channel")
    for tag, text in (
        ("title", f"{view.site_title}：{view.title}"),
        ("link", base + view.page),
        ("description", view.subtitle),
        ("language", "zh-CN"),
    ):
        xml.leaf(2, tag, text)
    xml.leaf(2, "lastBuildDate", _rfc822(view.newest))
    for entry in view.entries:
        xml.open(2, "item")
        xml.leaf(3, "title", entry.title)
        xml.leaf(3, "link", base + entry.url)
        xml.leaf(3, "guid", base + entry.url, isPermaLink="true")
        xml.leaf(3, "pubDate", _rfc822(entry.updated))
        xml.leaf(3, "category", entry.label)
        xml.leaf(3, "description", entry.summary)
        xml.close(2, "item")
    xml.close(1, "channel")
    xml.close(0, "rss")
    return xml.bytes()


def _site_updated(site: PublicSite) -> dt.date:
    """An empty feed is as new as the newest content anywhere on the site."""
    dates = [updated(d) for d in in_feeds(site)]
    return max(dates, default=dt.date(2000, 1, 1))


def write_feeds(out: StagedOutput, site: PublicSite, memo: OutputMemo | None = None) -> None:
    """Every feed in both formats; ``memo`` keeps the files whose view is unchanged (a body edit changes none)."""
    memo = memo or OutputMemo()
    planned = feeds(site)
    site_updated = _site_updated(site) if any(not feed.entries for feed in planned) else None
    for feed in planned:
        view = feed_view(feed, site, site_updated)
        key = view_key((*view[:-1], *map(tuple, view.entries)))  # every field, as plain tuples
        memo.write(out, feed.path, view, atom_text, key)
        memo.write(out, rss_path(feed), view, rss_text, key)
