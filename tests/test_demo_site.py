"""End to end: build the demo portal and inspect every page type with BeautifulSoup."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.conftest import PROJECT, soup_of

HIDDEN_MARKERS = ("不予公开测试", "依申请公开测试")


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def hidden_sources() -> list[tuple[Path, dict]]:
    found = []
    for path in sorted((PROJECT / "content").rglob("*.md")):
        meta = front_matter(path)
        if meta.get("disclosure") not in ("public", "主动公开") or not meta.get("review"):
            found.append((path, meta))
    return found


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/catalog/",
        "/policies/",
        "/interpretations/",
        "/topics/",
        "/agencies/",
        "/search/",
        "/404.html",
        "/pages/guide/",
        "/pages/about/",
    ],
)
def test_fixed_urls_exist(demo_site, url):
    soup = soup_of(demo_site, url)
    assert soup.h1 is not None


def test_every_page_has_the_common_structure(demo_site):
    config = yaml.safe_load((PROJECT / "site.yaml").read_text(encoding="utf-8"))
    for path in html_files(demo_site):
        soup = soup_of(demo_site, "/" + path.relative_to(demo_site).as_posix())
        where = path.relative_to(demo_site)
        assert soup.html["lang"] == "zh-CN", where
        assert len(soup.find_all("h1")) == 1, where
        assert soup.find("main", id="main") is not None, where
        assert soup.find("header") and soup.find("footer") and soup.find("nav"), where
        skip = soup.find("a", class_="skip-link")
        assert skip is not None and skip["href"] == "#main" and skip.get_text() == "跳到主要内容", where
        footer = soup.find("footer").get_text()
        for key in ("site_code", "icp", "police_record"):
            assert config[key] in footer, (where, key)
        if path not in (demo_site / "index.html", demo_site / "elder" / "index.html"):  # home pages of both editions
            crumbs = soup.find("nav", attrs={"aria-label": "面包屑导航"})
            assert crumbs is not None and crumbs.find(attrs={"aria-current": "page"}) is not None, where


def test_every_internal_link_resolves(demo_site):
    for path in html_files(demo_site):
        soup = soup_of(demo_site, "/" + path.relative_to(demo_site).as_posix())
        for tag, attr in (("a", "href"), ("img", "src"), ("link", "href"), ("script", "src")):
            for element in soup.find_all(tag):
                url = element.get(attr)
                if not url or urlsplit(url).scheme or url.startswith("#"):
                    continue
                target_path = unquote(urlsplit(url).path)
                if not target_path:
                    continue
                if not target_path.startswith("/"):
                    target_path = "/" + (path.parent.relative_to(demo_site) / target_path).as_posix()
                target = demo_site / target_path.lstrip("/")
                if target_path.endswith("/"):
                    target = target / "index.html"
                assert target.exists(), f"{path.relative_to(demo_site)} links to missing {url}"


def test_policy_page_has_the_metadata_block(demo_site):
    pages = sorted((demo_site / "policies").glob("*/index.html"))
    policy_pages = [p for p in pages if p.parent.name not in ("page", "year", "validity")]
    assert len(policy_pages) >= 30
    for path in policy_pages:
        soup = soup_of(demo_site, f"/policies/{path.parent.name}/")
        table = soup.find("table", class_="metadata")
        assert table.caption.get_text() == "信息索引"
        labels = [th.get_text() for th in table.find_all("th")]
        assert labels == ["索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "有效性"]
        assert all(th.get("scope") == "row" for th in table.find_all("th"))
        assert table.find("td").get_text().strip(), "索引号 must never be empty"


def test_policies_and_interpretations_link_both_ways(demo_site):
    interp_pages = sorted((demo_site / "interpretations").glob("*/index.html"))
    interp_pages = [p for p in interp_pages if p.parent.name != "page"]
    assert len(interp_pages) >= 20
    forms = set()
    for path in interp_pages:
        url = f"/interpretations/{path.parent.name}/"
        soup = soup_of(demo_site, url)
        forms.add(soup.find(class_="kicker").get_text(strip=True))
        policy_link = soup.find("nav", class_="policy-link").find("a")
        policy = soup_of(demo_site, policy_link["href"])
        back = policy.find("nav", attrs={"aria-labelledby": "interp-title"})
        assert back is not None and back.find("a", href=url) is not None, f"{policy_link['href']} lacks {url}"
    assert forms == {"文字解读", "图解", "视频解读", "问答"}


def test_catalog_index_links_every_item_to_its_documents(demo_site):
    soup = soup_of(demo_site, "/catalog/")
    items = soup.find_all("li", class_="catalog-item")
    assert len(items) >= 25
    with_docs = 0
    for item in items:
        heading = item.find(re.compile("^h[3-6]$"))
        count = int(re.search(r"（(\d+) 件）", heading.get_text()).group(1))
        links = item.find(class_="item-docs").find_all("a")
        assert len(links) == count
        with_docs += bool(links)
        assert item.find("table", class_="elements") is not None
    assert with_docs >= 20


def test_catalog_item_page_lists_elements_and_documents(demo_site):
    soup = soup_of(demo_site, "/catalog/")
    item = soup.find("li", class_="catalog-item")
    node = soup_of(demo_site, item.find("a")["href"])
    labels = [th.get_text() for th in node.find("table", class_="elements").find_all("th")]
    for label in ("公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "责任单位"):
        assert label in labels


def test_amended_and_repealed_policies_show_a_banner_linking_the_successor(demo_site):
    seen = set()
    for path in sorted((PROJECT / "content" / "policies").rglob("*.md")):
        meta = front_matter(path)
        if meta.get("validity") in ("amended", "repealed") and meta.get("disclosure") == "public":
            soup = soup_of(demo_site, f"/policies/{meta.get('id', path.stem)}/")
            banner = soup.find(class_="status-banner")
            successor = meta.get("amended_by") or meta.get("replaced_by")
            assert banner is not None and banner.find("a", href=f"/policies/{successor}/") is not None
            seen.add(meta["validity"])
    assert seen == {"amended", "repealed"}


def test_merged_cell_work_table_renders(demo_site):
    found = False
    for path in sorted((demo_site / "policies").glob("*/index.html")):
        soup = soup_of(demo_site, "/" + path.relative_to(demo_site).as_posix())
        for table in soup.select(".doc-body table"):
            if table.find(attrs={"rowspan": True}) and table.caption and table.find("th", scope="col"):
                region = table.parent
                assert region["role"] == "region" and region["tabindex"] == "0"
                found = True
    assert found


def test_attachments_say_type_and_size_and_exist(demo_site):
    links = []
    for path in html_files(demo_site):
        if path.parts[-3] in ("policies", "interpretations"):
            soup = soup_of(demo_site, "/" + path.relative_to(demo_site).as_posix())
            links += [(path, a) for a in soup.select(".attachments a")]
    assert len(links) >= 6
    for _path, a in links:
        assert re.search(r"（(PDF|Word|Excel|OFD|WPS)，\d+(\.\d)? (B|KB|MB)）$", a.get_text()), a.get_text()
        assert (demo_site / a["href"].lstrip("/")).is_file()


def test_listing_and_facet_pages_exist(demo_site):
    soup = soup_of(demo_site, "/policies/")
    facets = soup.find("nav", class_="facets")
    hrefs = [a["href"] for a in facets.find_all("a")]
    assert any(h.startswith("/topics/") for h in hrefs)
    assert any(h.startswith("/agencies/") for h in hrefs)
    assert any(h.startswith("/policies/year/") for h in hrefs)
    assert any(h.startswith("/policies/validity/") for h in hrefs)
    for href in hrefs:
        assert soup_of(demo_site, href).h1 is not None
    year_pages = [h for h in hrefs if h.startswith("/policies/year/")]
    assert len(year_pages) >= 3


def test_non_public_documents_appear_nowhere(demo_site):
    hidden = hidden_sources()
    assert len(hidden) >= 3, "the demo must include non-public items"
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(demo_site.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv", ".txt", ".ics", ".atom", ".rss")
    ]
    for path, meta in hidden:
        doc_id = meta.get("id", path.stem)
        for text in texts:
            assert meta["title"] not in text
            assert f"/{doc_id}/" not in text
        assert not any(p.name == doc_id for p in demo_site.rglob("*"))
    for marker in HIDDEN_MARKERS:
        assert not any(marker in text for text in texts)


def test_output_is_deterministic(demo_site, tmp_path):
    import datetime as dt

    from sitegen.build import build

    again = tmp_path / "_site"
    build(PROJECT / "site.yaml", again, today=dt.date(2026, 11, 20))
    first = {p.relative_to(demo_site): p.read_bytes() for p in demo_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
