"""Identity and mourning: logo, 党政机关网站标识 and 我为政府网站找错 on every page; greyscale pages on mourning
days."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from tests.conftest import serve
from tests.sitefactory import SiteFactory

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48">'
    '<circle cx="24" cy="24" r="22" fill="#c00000"/></svg>'
)
BADGE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 55 66"><rect width="55" height="66" fill="#c8161d"/></svg>'
)
MOURNING_DAY = dt.date(2026, 4, 4)


@pytest.fixture
def identified(factory: SiteFactory) -> SiteFactory:
    factory.write("static/logo.svg", LOGO)
    factory.write("static/badge.svg", BADGE)
    factory.config.update(
        {
            "logo": "static/logo.svg",
            "badge": {"image": "static/badge.svg", "link": "https://bszs.conac.cn/sitename?method=show&id=1"},
            "error_report": "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=0000000001",
            "mourning": [{"from": MOURNING_DAY, "to": MOURNING_DAY, "reason": "全国哀悼日"}],
        }
    )
    factory.policy("a")
    return factory


def test_logo_badge_and_error_link_are_on_every_page_of_both_editions(identified, tmp_path):
    out = tmp_path / "out"
    identified.build(out)
    assert (out / "identity/logo.svg").read_text(encoding="utf-8") == LOGO
    assert (out / "identity/badge.svg").read_text(encoding="utf-8") == BADGE
    pages = [p for p in out.rglob("index.html") if "<footer" in p.read_text(encoding="utf-8")]
    assert len(pages) > 10 and any(p.is_relative_to(out / "elder") for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<img class="brand-logo" src="/identity/logo.svg"' in html
        assert (
            '<a class="conac-badge" href="https://bszs.conac.cn/sitename?method=show&amp;id=1" '
            'aria-label="党政机关网站标识：验证本站身份">'
            '<img src="/identity/badge.svg" alt="党政机关网站标识"'
        ) in html
        assert ">我为政府网站找错</a>" in html
        assert "mourning" not in html  # not a mourning day


def test_a_changed_logo_is_published_by_an_incremental_build(identified, tmp_path):
    out = tmp_path / "out"
    identified.build(out)
    identified.write("static/logo.svg", LOGO.replace("#c00000", "#003399"))
    result = identified.build(out)
    assert not result.up_to_date and "#003399" in (out / "identity/logo.svg").read_text(encoding="utf-8")


def header_pixels(browser, url: str) -> list[tuple[int, int, int]]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1000, "height": 700}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(url)
    shot = tab.locator("header.site-header").screenshot()
    context.close()
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    return [image.getpixel((x, y)) for y in range(image.height) for x in range(image.width)]


def coloured(pixels: list[tuple[int, int, int]]) -> int:
    return sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 24)


@pytest.mark.parametrize("edition", ["", "/elder"])
def test_pages_built_on_a_mourning_day_are_grey_without_javascript(identified, tmp_path, browser, edition):
    normal, mourning = tmp_path / "normal", tmp_path / "mourning"
    identified.build(normal, today=MOURNING_DAY - dt.timedelta(days=1))
    identified.build(mourning, today=MOURNING_DAY)
    assert '<body class="section-home mourning">' in (mourning / "index.html").read_text(encoding="utf-8")
    for folder, grey in ((normal, False), (mourning, True)):
        base, server = serve(folder)
        try:
            pixels = header_pixels(browser, f"{base}{edition}/")
        finally:
            server.shutdown()
        if grey:
            assert coloured(pixels) == 0
        else:
            assert coloured(pixels) > len(pixels) // 10  # the blue header and the red logo


def test_the_day_after_the_range_is_in_colour_again(identified, tmp_path):
    out = tmp_path / "out"
    identified.build(out, today=MOURNING_DAY + dt.timedelta(days=1))
    assert "mourning" not in (out / "index.html").read_text(encoding="utf-8")
