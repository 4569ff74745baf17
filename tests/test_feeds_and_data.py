"""Subscriptions and open data: Atom feeds, JSON exports with their schemas, CSV, sitemap, robots.txt, meta tags."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

import feedparser
import jsonschema
import pytest

from sitegen.model.pagespec import PageSpec
from sitegen.outputs.sitemap import SITEMAP_NS, sitemap_files
from tests.conftest import PROJECT, soup_of
from tests.test_demo_site import html_files

BASE = "https://www.shiliqu.gov.cn"


def local(url: str) -> str:
    assert url.startswith(BASE), url
    return url[len(BASE) :]


def exists(site, url: str) -> bool:
    path = site / local(url).lstrip("/")
    return (path / "index.html").is_file() if url.endswith("/") else path.is_file()


def test_every_feed_parses_as_atom_and_its_entries_exist(demo_site):
    feeds = sorted((demo_site / "feeds").rglob("*.xml"))
    assert len(feeds) >= 4 + 10 + 10  # all, policies, interpretations, consultations, topics, agencies
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.title.startswith("示例区人民政府：")
        assert exists(demo_site, parsed.feed.link)
        updated = [e.updated_parsed for e in parsed.entries]
        assert updated == sorted(updated, reverse=True)
        if parsed.entries:
            assert parsed.feed.updated_parsed == updated[0]  # the newest content, not the build time
        for entry in parsed.entries:
            assert exists(demo_site, entry.link) and entry.id == entry.link and entry.title and entry.author


def test_every_feed_has_an_rss_twin_with_the_same_entries(demo_site):
    for path in sorted((demo_site / "feeds").rglob("*.xml")):
        atom = feedparser.parse(path.read_bytes())
        rss = feedparser.parse(path.with_suffix(".rss").read_bytes())
        assert not rss.bozo and rss.version == "rss20", path
        assert [e.link for e in rss.entries] == [e.link for e in atom.entries]
        assert [e.published_parsed for e in rss.entries] == [e.updated_parsed for e in atom.entries]


def test_topic_and_issuer_feeds_hold_only_their_documents(demo_site):
    topic = feedparser.parse((demo_site / "feeds" / "topics" / "social-security.xml").read_bytes())
    assert topic.entries
    for entry in topic.entries:
        assert "社会保障" in [t.term for t in entry.tags]
    issuer = feedparser.parse((demo_site / "feeds" / "agencies" / "civil-affairs.xml").read_bytes())
    assert issuer.entries and {e.author for e in issuer.entries} == {"示例区民政局"}
    kinds = {e.tags[0].term for e in issuer.entries}
    assert {"政策文件", "政策解读"} <= kinds


def test_all_updates_feed_covers_every_kind(demo_site):
    parsed = feedparser.parse((demo_site / "feeds" / "all.xml").read_bytes())
    kinds = {e.tags[0].term for e in parsed.entries}
    assert {"政策文件", "政策解读", "意见征集", "政府开放活动"} <= kinds


@pytest.mark.parametrize(
    "url, feeds",
    [
        ("/", {"/feeds/all.xml"}),
        ("/policies/", {"/feeds/all.xml", "/feeds/policies.xml"}),
        ("/interpretations/", {"/feeds/all.xml", "/feeds/interpretations.xml"}),
        ("/topics/social-security/", {"/feeds/all.xml", "/feeds/topics/social-security.xml"}),
        ("/agencies/civil-affairs/", {"/feeds/all.xml", "/feeds/agencies/civil-affairs.xml"}),
        ("/consultations/", {"/feeds/all.xml", "/feeds/consultations.xml"}),
    ],
)
def test_feeds_are_discoverable(demo_site, url, feeds):
    links = soup_of(demo_site, url).find_all("link", rel="alternate", type="application/atom+xml")
    assert {link["href"] for link in links} == feeds
    for link in links:
        assert link["title"] and (demo_site / link["href"].lstrip("/")).is_file()


@pytest.mark.parametrize("name", ["policies", "catalog"])
def test_json_exports_validate_against_their_published_schemas(demo_site, name):
    schema = json.loads((demo_site / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((demo_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert data["$schema"] == schema["$id"] == f"{BASE}/data/{name}.schema.json"
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(data)] == []
    broken = json.loads(json.dumps(data))
    key = "policies" if name == "policies" else "catalogs"
    broken[key][0].pop("title")
    assert not validator.is_valid(broken), "the schema must reject a record without a title"


def test_policies_json_has_every_public_policy_with_relations(demo_site):
    data = json.loads((demo_site / "data" / "policies.json").read_text(encoding="utf-8"))
    pages = {p.parent.name for p in (demo_site / "policies").glob("*/index.html")} - {"page", "year", "validity"}
    assert {p["id"] for p in data["policies"]} == pages and data["count"] == len(pages)
    by_id = {p["id"]: p for p in data["policies"]}
    repealed = by_id["2024-lowincome-rules"]
    assert repealed["validity"] == "repealed" and repealed["replaced_by"]["id"] == "2025-lowincome-rules"
    assert {"id": "2024-lowincome-rules", "url": f"{BASE}/policies/2024-lowincome-rules/"} in by_id[
        "2025-lowincome-rules"
    ]["amends_or_replaces"]
    for policy in data["policies"]:
        for interp in policy["interpretations"]:
            assert exists(demo_site, interp["url"])
        for attachment in policy["attachments"]:
            assert exists(demo_site, attachment["url"])
    assert by_id["2026-childcare-subsidy"]["consultations"] == [f"{BASE}/consultations/2026-childcare-subsidy/"]


def test_catalog_json_links_every_item_to_its_documents(demo_site):
    data = json.loads((demo_site / "data" / "catalog.json").read_text(encoding="utf-8"))
    items = []

    def walk(nodes):
        for node in nodes:
            if "children" in node:
                walk(node["children"])
            else:
                items.append(node)

    for catalog in data["catalogs"]:
        walk(catalog["nodes"])
    assert len(items) >= 25
    for item in items:
        page = soup_of(demo_site, local(item["url"]))
        linked = {a["href"] for a in page.select(".item-docs a")}
        assert {local(d["url"]) for d in item["documents"]} == linked
        assert set(item["elements"]) >= {"content", "basis", "time_limit", "subject", "channels"}


def test_policy_csv_opens_in_spreadsheets(demo_site):
    raw = (demo_site / "data" / "policies.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8 Chinese
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["索引号", "标题", "发文字号"]
    data = json.loads((demo_site / "data" / "policies.json").read_text(encoding="utf-8"))
    assert [r[1] for r in rows[1:]] == [p["title"] for p in data["policies"]]
    assert all(r[6] in ("现行有效", "已修改", "已废止", "已失效") for r in rows[1:])


def test_sitemap_lists_every_page_and_robots_points_to_it(demo_site):
    root = ET.parse(demo_site / "sitemap.xml").getroot()
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    locs = {u.find(f"{{{SITEMAP_NS}}}loc").text for u in root}
    pages = set()
    for path in html_files(demo_site):
        relative = path.relative_to(demo_site).as_posix()
        if relative.startswith("elder/"):
            continue  # the elder edition points to the standard pages as canonical; it is not listed twice
        if '<meta name="robots" content="noindex">' in path.read_text(encoding="utf-8"):
            continue  # redirect stubs of old addresses (aliases) and withdrawal notices are not pages to list
        pages.add("/" + relative[: -len("index.html")] if relative.endswith("index.html") else "/" + relative)
    assert {local(u) for u in locs} == pages - {"/404.html", "/search/"}
    lastmods = {local(u.find(f"{{{SITEMAP_NS}}}loc").text): u.find(f"{{{SITEMAP_NS}}}lastmod") for u in root}
    assert lastmods["/policies/2026-childcare-subsidy/"].text == "2026-07-17"
    robots = (demo_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}/sitemap.xml" in robots


def test_a_large_site_gets_a_sitemap_index():
    specs = [PageSpec(f"/p/{n}/", "page.html", str(n), [], "pages") for n in range(25)]
    files = sitemap_files(BASE, specs, limit=10)
    assert sorted(files) == ["/sitemap-1.xml", "/sitemap-2.xml", "/sitemap-3.xml", "/sitemap.xml"]
    index = ET.fromstring(files["/sitemap.xml"])
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    assert [s[0].text for s in index] == [f"{BASE}/sitemap-{n}.xml" for n in (1, 2, 3)]
    counts = [len(ET.fromstring(files[f"/sitemap-{n}.xml"])) for n in (1, 2, 3)]
    assert counts == [10, 10, 5]


ARTICLE_TAGS = {
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "Keywords",
    "Url",
}


@pytest.mark.parametrize(
    "url, column",
    [
        ("/policies/2026-childcare-subsidy/", "政策文件库"),
        ("/interpretations/2026-childcare-subsidy-wd/", "政策解读"),
        ("/consultations/2026-childcare-subsidy/", "意见征集"),
        ("/events/2026-civil-affairs-open-day/", "政府开放活动"),
        ("/reports/2025/", "政府信息公开工作年度报告"),
        ("/pages/guide/", "示例区人民政府信息公开指南"),
    ],
)
def test_article_pages_carry_the_government_meta_tags(demo_site, url, column):
    soup = soup_of(demo_site, url)
    meta = {}
    for tag in soup.find_all("meta", attrs={"name": True}):
        # Search filters repeat their meta name once per value (a policy has several topics).
        if tag["name"] in ARTICLE_TAGS | {"description"}:
            assert tag["name"] not in meta, f"duplicate meta {tag['name']} on {url}"
        meta[tag["name"]] = tag["content"]
    assert set(meta) >= ARTICLE_TAGS and "description" in meta
    assert meta["ColumnName"] == column and meta["Url"] == BASE + url
    assert meta["ArticleTitle"] == soup.h1.get_text() and meta["PubDate"][:2] == "20"
    assert all(meta[name].strip() for name in ARTICLE_TAGS)


def test_every_page_has_column_name_keywords_url_and_description(demo_site):
    for path in html_files(demo_site):
        soup = soup_of(demo_site, "/" + path.relative_to(demo_site).as_posix())
        names = [m["name"] for m in soup.find_all("meta", attrs={"name": True})]
        # Search filter metas repeat once per value (several topics); every other name is unique.
        unique = [n for n in names if not n.startswith("search-")]
        assert len(unique) == len(set(n.lower() for n in unique)), path
        for name in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "Keywords", "Url", "description"):
            assert name in names, (path, name)


def test_footer_links_to_the_new_sections(demo_site):
    footer = soup_of(demo_site, "/").find("footer")
    hrefs = {a["href"] for a in footer.find_all("a")}
    assert {"/consultations/", "/events/", "/reports/", "/data/"} <= hrefs
    data = soup_of(demo_site, "/data/")
    for a in data.select("main a"):
        assert (demo_site / a["href"].lstrip("/")).exists(), a["href"]


def test_exports_are_reproducible(demo_site, tmp_path):
    """Feeds, data, sitemap and calendars have no build timestamps (Pagefind aside, the site is byte-identical)."""
    import datetime as dt

    from sitegen.build import build

    again = tmp_path / "_site"
    build(PROJECT / "site.yaml", again, today=dt.date(2026, 11, 20), search=False)
    for pattern in ("feeds/**/*.xml", "feeds/**/*.rss", "data/*", "sitemap.xml", "robots.txt", "events/**/*.ics"):
        for path in demo_site.glob(pattern):
            assert path.read_bytes() == (again / path.relative_to(demo_site)).read_bytes(), path


def _elementtree_atom(feed, site) -> bytes:
    """The feed as ElementTree wrote it before feeds.py wrote strings (kept to compare the bytes)."""
    from sitegen.model.kinds import KIND
    from sitegen.outputs.feeds import ATOM, _site_updated, _summary, _timestamp
    from sitegen.render.feedplan import updated

    config, base = site.config, site.config.base_url
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
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
        sub(sub(entry, "author"), "name", getattr(doc, "issuer", "") or config.title)
        sub(entry, "category", term=KIND[doc.kind].label)
        for topic in getattr(doc, "topics", []):
            sub(entry, "category", term=topic)
        sub(entry, "summary", _summary(doc), type="text")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _elementtree_rss(feed, site) -> bytes:
    import datetime as dt
    import email.utils

    from sitegen.model.kinds import KIND
    from sitegen.outputs.feeds import CHINA, _site_updated, _summary
    from sitegen.render.feedplan import updated

    config, base = site.config, site.config.base_url

    def rfc822(day):
        return email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=CHINA))

    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    for tag, text in (
        ("title", f"{config.title}：{feed.title}"),
        ("link", base + feed.page),
        ("description", config.description or config.title),
        ("language", "zh-CN"),
    ):
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


def test_feeds_are_the_bytes_elementtree_writes():
    """Feeds are written as strings for speed; they must stay byte for byte what ElementTree wrote, also for
    titles with markup characters, line breaks and tabs, and for empty feeds."""
    import dataclasses

    from sitegen.build import load
    from sitegen.outputs.feeds import atom, rss
    from sitegen.render.feedplan import Feed, feeds

    site = load(PROJECT / "site.yaml").site
    every = list(feeds(site))
    hostile = [dataclasses.replace(doc, title=f"<b>\"{doc.title}\" & 'x'\r\n\t </b>") for doc in every[0].entries[:5]]
    every += [Feed('/feeds/x&<"y\n.xml', 'A & <B>\t"', '/p?a=1&b="2"', hostile), Feed("/feeds/empty.xml", "", "/", [])]
    assert len(every) > 20
    for feed in every:
        assert atom(feed, site) == _elementtree_atom(feed, site), feed.path
        assert rss(feed, site) == _elementtree_rss(feed, site), feed.path
