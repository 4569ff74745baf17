"""Atom feeds, with RSS 2.0 twins (政策订阅): all updates, policies, interpretations, consultations, each topic and each issuer.

Feeds carry no build time: every date comes from the content, so two builds of the same content
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from xml.etree import ElementTree as ET

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


def atom(feed: Feed, site: PublicSite) -> bytes:
    config = site.config
    base = config.base_url
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    root = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "zh-CN"})
    sub(root, "id", base + feed.path)
    sub(root, "title", f"{config.title}：{feed.title}")
    sub(root, "subtitle", config.description or config.title)
    sub(root, "link", rel="self", type="application/atom+xml", href=base + feed.path)
    sub(root, "link", rel="alternate", type="text/html", href=base + feed.page)
    newest = max((updated(d) for d in feed.entries), default=None) or _site_updated(site)
    sub(root, "updated", _timestamp(newest))
    author = sub(root, "author")
    sub(author, "name", config.sponsor or config.title)
    sub(root, "rights", f"© {config.title}")
    for doc in feed.entries:
        entry = sub(root, "entry")
        sub(entry, "id", base + doc.url)
        sub(entry, "title", doc.title)
        sub(entry, "link", rel="alternate", type="text/html", href=base + doc.url)
        sub(entry, "published", _timestamp(doc.published))
        sub(entry, "updated", _timestamp(updated(doc)))
        entry_author = sub(entry, "author")
        sub(entry_author, "name", getattr(doc, "issuer", "") or config.title)
        sub(entry, "category", term=KIND[doc.kind].label)
        for topic in getattr(doc, "topics", []):
            sub(entry, "category", term=topic)
        sub(entry, "summary", _summary(doc), type="text")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def rss_path(feed: Feed) -> str:
    return feed.path.removesuffix(".xml") + ".rss"


def rss(feed: Feed, site: PublicSite) -> bytes:
    """The same feed as RSS 2.0, for readers that know no Atom."""
    config = site.config
    base = config.base_url

    def rfc822(day: dt.date) -> str:
        return email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=CHINA))

    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    for tag, text in (("title", f"{config.title}：{feed.title}"), ("link", base + feed.page),
                      ("description", config.description or config.title), ("language", "zh-CN")):
        ET.SubElement(channel, tag).text = text
    newest = max((updated(d) for d in feed.entries), default=None) or _site_updated(site)
    ET.SubElement(channel, "lastBuildDate").text = rfc822(newest)
    for doc in feed.entries:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = doc.title
        ET.SubElement(item, "link").text = base + doc.url
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = base + doc.url
        ET.SubElement(item, "pubDate").text = rfc822(updated(doc))
        ET.SubElement(item, "category").text = KIND[doc.kind].label
        ET.SubElement(item, "description").text = _summary(doc)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _site_updated(site: PublicSite) -> dt.date:
    """An empty feed is as new as the newest content anywhere on the site."""
    dates = [updated(d) for d in in_feeds(site)]
    return max(dates, default=dt.date(2000, 1, 1))


def write_feeds(out: StagedOutput, site: PublicSite) -> None:
    for feed in feeds(site):
        out.write(feed.path, atom(feed, site))
        out.write(rss_path(feed), rss(feed, site))
