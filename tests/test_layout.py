"""Layout that survives: 320 px reflow (WCAG 1.4.10), text spacing (1.4.12), 200 % text (1.4.4), print."""

from __future__ import annotations

import pytest

from tests.a11y_support import (
    ELDER_LARGEST,
    PAGE_TYPES,
    STANDARD,
    open_page,
    remember_mode,
)

# The WCAG 1.4.12 test values, as a reader's own style sheet would force them.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""

# Elements whose content is cut off: overflow hidden or clipped, and content larger than the box.
CLIPPED = """() => [...document.querySelectorAll('body *')].filter(e => {
    const s = getComputedStyle(e);
    if (e.closest('.visually-hidden, .mode-targets') || s.display === 'none') return false;
    const hides = [s.overflowX, s.overflowY].some(v => v === 'hidden' || v === 'clip');
    return hides && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
}).map(e => e.outerHTML.slice(0, 100))"""

WIDER_THAN_SCREEN = """() => document.documentElement.scrollWidth"""


@pytest.mark.parametrize("mode", [STANDARD, ELDER_LARGEST], ids=["standard", "elder-largest"])
def test_no_page_type_scrolls_sideways_at_320_px(browser, site_url, mode):
    context = browser.new_context(locale="zh-CN", viewport={"width": 320, "height": 640})
    remember_mode(context, mode)
    page = context.new_page()
    wide = {}
    for name, url in PAGE_TYPES.items():
        open_page(page, site_url + url)
        if (width := page.evaluate(WIDER_THAN_SCREEN)) > 320:
            wide[name] = width
    # The merged-cell work table is wider than the screen, so it must scroll inside its own region.
    page.goto(site_url + PAGE_TYPES["policy with merged cells and attachments"])
    region = page.locator(".doc-body .table-scroll").first
    assert region.evaluate("r => r.scrollWidth > r.clientWidth && r.clientWidth <= 320")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    context.close()
    assert wide == {}


@pytest.mark.parametrize(
    ("width", "extra_css"),
    [
        (1280, TEXT_SPACING),
        (320, TEXT_SPACING),
        (1280, "html { font-size: 200% !important; }"),
    ],
    ids=["spacing-desktop", "spacing-320", "text-200%"],
)
def test_text_spacing_and_200_percent_text_lose_nothing(browser, site_url, width, extra_css):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    for name in (
        "home",
        "catalog index",
        "policy library",
        "policy with merged cells and attachments",
        "text interpretation",
    ):
        open_page(page, site_url + PAGE_TYPES[name])
        page.add_style_tag(content=extra_css)
        clipped = page.evaluate(CLIPPED)
        width_now = page.evaluate(WIDER_THAN_SCREEN)
        if clipped or width_now > width:
            problems[name] = (width_now, clipped)
    context.close()
    assert problems == {}


def test_print_shows_the_document_and_no_navigation(page, site_url):
    page.goto(site_url + PAGE_TYPES["policy with merged cells and attachments"])
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(['.mode-bar', '.site-header .search-form', '.main-nav',
        '.breadcrumbs', '.site-footer', '.related-box', '.brand-title', 'h1', '.metadata', '.doc-body table',
        '.attachments'].map(s => [s, getComputedStyle(document.querySelector(s)).display !== 'none']))""")
    assert shown == {
        ".mode-bar": False,
        ".site-header .search-form": False,
        ".main-nav": False,
        ".breadcrumbs": False,
        ".site-footer": False,
        ".related-box": False,
        ".brand-title": True,
        "h1": True,
        ".metadata": True,
        ".doc-body table": True,
        ".attachments": True,
    }
    assert page.evaluate("getComputedStyle(document.querySelector('.table-scroll')).overflowX") == "visible"
