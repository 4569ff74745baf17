"""Small things a citizen sees: the favicon, the footer on short pages, the catalog order, a 390 px phone."""

from __future__ import annotations

import struct

import pytest
import yaml

from sitegen.build import read_config
from sitegen.load.catalog import load_catalogs
from tests.conftest import soup_of
from tests.sitefactory import CATALOG, SiteFactory

PHONE = {"width": 390, "height": 844}


def test_the_site_has_a_favicon_and_every_page_names_it(demo_site):
    icon = (demo_site / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", icon[:6])
    assert (reserved, kind, count) == (0, 1, 1) and icon[22:30] == b"\x89PNG\r\n\x1a\n"
    for url in ("/", "/policies/", "/elder/policies/"):
        assert soup_of(demo_site, url).find("link", rel="icon")["href"] == "/favicon.ico"


@pytest.mark.parametrize("url", ["/pages/", "/agencies/"])
def test_the_footer_sits_at_the_bottom_of_a_short_page(browser, site_url, url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1200})
    page = context.new_page()
    page.goto(site_url + url)
    bottom, height, scroll = page.evaluate(
        "[document.querySelector('.site-footer').getBoundingClientRect().bottom, innerHeight,"
        " document.documentElement.scrollHeight]"
    )
    context.close()
    assert scroll <= height, "the page is not short at this size"
    assert abs(bottom - height) <= 1, f"a band of {height - bottom:.0f} px below the footer"


def test_the_demo_lists_its_own_catalog_first(demo_site):
    titles = [h2.get_text(strip=True) for h2 in soup_of(demo_site, "/catalog/").select("main h2[id^=cat-]")]
    assert titles[0].startswith("示例区人民政府") and titles[1].startswith("示例区民政局")


def two_catalogs(factory: SiteFactory) -> None:
    """The site's own catalog in z-own.yaml (sorts last by name), a bureau's in a-bureau.yaml."""
    (factory.root / "catalogs/main.yaml").unlink()
    factory.write("catalogs/z-own.yaml", yaml.safe_dump(CATALOG, allow_unicode=True))
    text = yaml.safe_dump(CATALOG, allow_unicode=True).replace("code: '01", "code: '02")
    bureau = {**yaml.safe_load(text), "title": "测试区民政局主动公开事项目录", "owner": "测试区民政局"}
    assert bureau["nodes"][0]["code"] == "02"
    factory.write("catalogs/a-bureau.yaml", yaml.safe_dump(bureau, allow_unicode=True))


def catalog_ids(factory: SiteFactory, **config) -> tuple[list[str], list]:
    if config:
        data = {**factory.config, **config}
        factory.write("site.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    config, diags = read_config(factory.root / "site.yaml")
    catalogs, _ = load_catalogs(config, diags)
    assert not diags.errors, diags.errors
    return [c.id for c in catalogs], [d for d in diags.items if d.code == "SG551"]


def test_the_sites_own_catalog_comes_first_unless_site_yaml_orders_them(factory):
    two_catalogs(factory)
    assert catalog_ids(factory) == (["z-own", "a-bureau"], [])
    assert catalog_ids(factory, catalog_order=["a-bureau"]) == (["a-bureau", "z-own"], [])
    ids, unknown = catalog_ids(factory, catalog_order=["a-bureu", "z-own"])
    assert ids == ["z-own", "a-bureau"]
    assert [(d.path, d.line) for d in unknown] == [("site.yaml", unknown[0].line)] and unknown[0].line
    assert "a-bureau" in unknown[0].zh and "did you mean a-bureau" in unknown[0].en


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def rows(page, selector: str) -> int:
    """How many rows the visible elements matching ``selector`` take."""
    return page.evaluate(f"""new Set([...document.querySelectorAll({selector!r})].filter(e => e.offsetParent)
        .map(e => Math.round(e.getBoundingClientRect().top))).size""")


@pytest.mark.parametrize("url", ["/", "/agencies/civil-affairs/", "/policies/2025-gov-affairs-key-tasks/"])
def test_a_390_px_phone_shows_content_after_one_row_of_modes_and_one_of_menu(phone, site_url, url):
    phone.goto(site_url + url)
    assert rows(phone, ".mode-switch a") == 1
    menu = phone.evaluate("document.querySelector('.main-nav').getBoundingClientRect().height")
    assert menu <= 48, f"the menu takes {menu:.0f} px"
    # Before: two rows of modes and two of menu, the header alone 314 px high.
    assert phone.evaluate("document.querySelector('.site-header').getBoundingClientRect().bottom") <= 240
    assert phone.evaluate("document.querySelector('main h1').getBoundingClientRect().top") < 400
    # The menu is one tap away, without JavaScript too (a <details>).
    phone.click(".nav-compact summary")
    assert phone.locator(".nav-compact a[href='/catalog/']").is_visible()


def test_the_home_page_has_one_search_box_and_its_hint_fits(phone, site_url):
    phone.goto(site_url + "/")
    visible = phone.evaluate(
        "[...document.querySelectorAll('input[type=search]')].filter(i => i.offsetParent).map(i => i.id)"
    )
    assert visible == ["home-q"]
    text, inner = phone.evaluate("""(() => { const i = document.querySelector('#home-q'), s = getComputedStyle(i);
        const c = document.createElement('canvas').getContext('2d'); c.font = s.font;
        return [c.measureText(i.placeholder).width,
                i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)]; })()""")
    assert text <= inner, f"the hint is cut: {text:.0f} px of text in {inner:.0f} px"
