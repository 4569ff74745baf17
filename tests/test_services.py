"""Policy packages (政策服务包) and the policy Q&A library (政策问答库): the demo's pages, their links, search."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

import pytest

from sitegen.render.qa import anchor_of, split_questions
from tests.conftest import soup_of
from tests.portalfactory import package
from tests.test_search_browser import open_search, problems, result_urls, search_url  # noqa: F401 - fixtures

PACKAGES = ("/packages/newborn/", "/packages/retirement/", "/packages/business-start/")


def internal_links(soup) -> set[str]:
    return {a["href"] for a in soup.select("main a[href^='/']")}


def exists(site: Path, href: str) -> bool:
    path = href.split("#")[0]
    target = site / path.lstrip("/")
    return (target / "index.html").is_file() if path.endswith("/") else target.is_file()


# ---------- packages ----------


def test_demo_has_three_packages_listed_on_their_page_and_the_home_page(demo_site: Path):
    listing = soup_of(demo_site, "/packages/")
    assert {a["href"] for a in listing.select(".package-cards h2 a")} == set(PACKAGES)
    assert "/packages/" in internal_links(soup_of(demo_site, "/"))
    assert "/qa/" in internal_links(soup_of(demo_site, "/"))


@pytest.mark.parametrize("url", PACKAGES)
def test_a_package_page_has_steps_and_links_that_resolve(demo_site: Path, url: str):
    page = soup_of(demo_site, url)
    steps = page.select(".package-steps > li")
    assert len(steps) >= 3
    for step in steps:
        assert step.find("h3").get_text().startswith("第")
        assert "办理地点" in step.get_text()
    links = internal_links(page)
    assert any(href.startswith("/policies/") for href in links)
    assert any(href.startswith("/interpretations/") for href in links)
    assert all(exists(demo_site, href) for href in links), [h for h in links if not exists(demo_site, h)]
    assert page.find("meta", attrs={"name": "search-type"})["content"] == "政策服务包"
    assert soup_of(demo_site, "/elder" + url).find(class_="package-steps") is not None


def test_each_listed_policy_links_back_to_its_packages(demo_site: Path):
    for url in PACKAGES:
        for href in [a["href"] for a in soup_of(demo_site, url).select("#pkg-policies + ul a")]:
            backlinks = {a["href"] for a in soup_of(demo_site, href).select("#packages-title + ul a")}
            assert url in backlinks, (href, url)


def test_packages_have_a_feed_and_appear_in_the_subscription_index(demo_site: Path):
    feed = ET.parse(demo_site / "feeds" / "packages.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == 3
    assert "/feeds/packages.xml" in {a["href"] for a in soup_of(demo_site, "/data/").find_all("a")}


def test_a_missing_id_in_a_package_is_an_error_at_its_line(factory):
    factory.policy("a")
    package(factory, "p", policies=["a", "gone"], interpretations=["also-gone"], catalog_items=["010101"])
    found = {(d.code, d.line) for d in factory.diagnostics().errors}
    lines = (factory.root / "content/packages/p.md").read_text("utf-8").split("\n")
    assert ("SG500", lines.index("- gone") + 1) in found
    assert ("SG500", lines.index("- also-gone") + 1) in found


def test_a_hidden_package_is_not_published(factory, tmp_path):
    factory.policy("a")
    package(factory, "p", policies=["a"], disclosure="on_request")
    out = tmp_path / "out"
    factory.build(out, search=False)
    assert not (out / "packages" / "p").exists()
    assert "p一件事" not in (out / "packages" / "index.html").read_text("utf-8")


# ---------- questions ----------


def test_questions_are_cut_from_the_rendered_body_with_their_answers():
    body = (
        '<h2 id="a">一、背景</h2><p>前言。</p><h3 id="q1">问：甲？</h3><p>答：是。</p><ul><li>一</li></ul>'
        '<h3 id="q2">2. 问:乙？</h3><p>否。</p><h2 id="b">二、联系</h2><p>电话。</p>'
    )
    assert split_questions(body) == [("甲？", "<p>是。</p><ul><li>一</li></ul>"), ("乙？", "<p>否。</p>")]
    assert anchor_of("x", "甲？") == anchor_of("x", "甲？") != anchor_of("x", "乙？")


def test_demo_library_has_every_question_once_with_stable_anchors_and_sources(demo_site: Path):
    library = soup_of(demo_site, "/qa/")
    entries = library.select("article.qa-entry")
    assert len(entries) >= 30
    ids = [entry["id"] for entry in entries]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"q-[A-Za-z0-9_-]+-[0-9a-f]{8}", i) for i in ids)
    for entry in entries:
        hrefs = [a["href"] for a in entry.select(".qa-source a")]
        assert any(h.startswith("/interpretations/") for h in hrefs)
        assert any(h.startswith("/policies/") for h in hrefs)
        assert all(exists(demo_site, h) for h in hrefs)
        assert entry.select_one(".qa-answer").get_text(strip=True)
    # A Q&A section inside a text interpretation is in the library too.
    assert any("/interpretations/2026-medical-insurance-jd/" in str(e) for e in entries)
    # The same questions, grouped by agency, lead to the entries.
    by_agency = {a["href"] for a in soup_of(demo_site, "/qa/agencies/").select(".qa-list a")}
    assert by_agency == {f"/qa/#{i}" for i in ids}


def test_each_question_page_is_indexed_as_its_entry_in_the_library(demo_site: Path):
    library_ids = {entry["id"] for entry in soup_of(demo_site, "/qa/").select("article.qa-entry")}
    pages = sorted((demo_site / "qa").glob("q-*/index.html"))
    assert len(pages) == len(library_ids)
    for path in pages:
        body = soup_of(demo_site, "/qa/" + path.parent.name + "/").find(attrs={"data-pagefind-body": True})
        assert body["data-pagefind-meta"] == f"url:/qa/#{path.parent.name}"
        assert path.parent.name in library_ids


# ---------- search in Chromium ----------


def test_search_finds_a_question_as_its_own_result_leading_to_its_anchor(page, search_url, problems):  # noqa: F811
    open_search(page, search_url, "q=" + quote("租房住可以在示例区落户吗"))
    urls = result_urls(page)
    questions = [u for u in urls if u.startswith("/qa/#")]
    assert questions, urls
    first = page.query_selector(f'#search-results h3 a[href="{questions[0]}"]')
    item = first.evaluate("a => a.closest('li, article').innerText")
    assert "合法稳定住所" in item  # the answer is the excerpt
    page.click(f'#search-results h3 a[href="{questions[0]}"]')
    page.wait_for_load_state()
    assert page.url.endswith(questions[0])
    assert (
        page.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
        == questions[0][len("/qa/#") :]
    )
    assert problems == []


def test_search_finds_a_package_with_its_own_type(page, search_url, problems):  # noqa: F811
    open_search(page, search_url, "q=" + quote("新生儿出生"))
    assert "/packages/newborn/" in result_urls(page)
    open_search(page, search_url, "q=" + quote("一件事") + "&type=" + quote("政策服务包"))
    assert set(result_urls(page)) == set(PACKAGES)
    assert problems == []
