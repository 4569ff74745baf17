"""长辈版 / reading modes: with JavaScript (in place, remembered, no flash) and without (elder edition, :target)."""

from __future__ import annotations

import json

from sitegen.render.elder import elder_page
from tests.a11y_support import ELDER, remember_mode

POLICY = "/policies/2025-gov-affairs-key-tasks/"


def classes(page) -> set[str]:
    return set(page.evaluate("document.documentElement.className").split())


def font_px(page, selector: str = "body") -> float:
    return float(page.eval_on_selector(selector, "e => getComputedStyle(e).fontSize").removesuffix("px"))


def stored(page) -> str | None:
    return page.evaluate("localStorage.getItem('sitegen-mode')")


def test_elder_mode_with_javascript_applies_in_place_and_persists(page, site_url):
    page.goto(site_url + POLICY)
    assert classes(page) == set() and font_px(page) == 16
    elder = page.locator(".mode-switch a[data-mode=elder]")
    assert elder.get_attribute("role") == "button" and elder.get_attribute("aria-pressed") == "false"
    elder.click()
    assert page.url == site_url + POLICY, "with JavaScript the mode changes without leaving the page"
    assert classes(page) == {"simple", "text-large"} and font_px(page) == 20 and font_px(page, ".doc-body p") == 20
    assert elder.get_attribute("aria-pressed") == "true"
    for mode, px in (("text-larger", 24), ("text-largest", 28), ("text-large", 20)):
        page.click(f".mode-switch a[data-mode={mode}]")
        assert font_px(page) == px and "simple" in classes(page)
    page.click(".main-nav a[href='/catalog/']")
    page.wait_for_url(site_url + "/catalog/")
    assert classes(page) == {"simple", "text-large"}, "the choice persists across navigation"
    assert page.locator(".mode-switch a[data-mode=elder]").get_attribute("aria-pressed") == "true"
    page.click(".mode-switch a[data-mode=standard]")
    assert classes(page) == set() and stored(page) == ""
    page.reload()
    assert classes(page) == set() and font_px(page) == 16


def test_mode_buttons_work_from_the_keyboard(page, site_url):
    page.goto(site_url + POLICY)
    page.focus(".mode-switch a[data-mode=contrast]")
    page.keyboard.press("Space")
    assert classes(page) == {"contrast"}
    page.keyboard.press("Enter")
    assert classes(page) == set()
    header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert header == "rgb(164, 22, 26)"


def test_the_mode_is_on_html_before_the_body_exists(browser, site_url):
    """No flash: the stored mode is applied by a synchronous script in <head>, before any content is parsed."""
    context = browser.new_context()
    remember_mode(context, ELDER)
    context.add_init_script("""
        window.__classAtBody = null;
        new MutationObserver((records, observer) => {
            if (document.body) { window.__classAtBody = document.documentElement.className; observer.disconnect(); }
        }).observe(document, {childList: true, subtree: true});
    """)
    page = context.new_page()
    for url in ("/", POLICY, "/catalog/"):
        page.goto(site_url + url)
        assert set(page.evaluate("window.__classAtBody").split()) == {"simple", "text-large"}, url
    script = page.locator("head script[src*='mode']")
    assert script.get_attribute("defer") is None and script.get_attribute("async") is None
    context.close()


def test_elder_mode_without_javascript_is_a_static_edition_that_persists(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + POLICY)
    page.click(".mode-switch a[data-mode=elder]")
    page.wait_for_url(site_url + "/elder" + POLICY)
    assert classes(page) == {"simple", "text-large"} and font_px(page) == 20
    assert page.locator(".mode-switch a[data-mode=elder]").get_attribute("aria-current") == "true"
    page.click(".breadcrumbs a[href='/elder/policies/']")
    page.wait_for_url(site_url + "/elder/policies/")
    page.click(".doc-list a >> nth=0")
    assert page.url.startswith(site_url + "/elder/policies/") and font_px(page) == 20
    page.goto(site_url + "/elder" + POLICY)
    page.click(".mode-switch a[data-mode=standard]")
    page.wait_for_url(site_url + POLICY)
    assert classes(page) == set() and font_px(page) == 16
    context.close()


def test_contrast_and_sizes_without_javascript_apply_to_the_page_by_target(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + POLICY)
    page.click(".mode-switch a[data-mode=contrast]")
    assert page.url.endswith("#mode-contrast")
    header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert header == "rgb(0, 0, 0)"
    page.click(".mode-switch a[data-mode=text-largest]")
    assert font_px(page) == 28
    context.close()


def test_elder_edition_with_javascript_remembers_the_choice_and_leaves_by_the_standard_link(page, site_url):
    page.goto(site_url + "/elder/catalog/")
    assert set(stored(page).split()) == {"simple", "text-large"}
    page.click(".mode-switch a[data-mode=contrast]")
    assert page.url == site_url + "/elder/catalog/" and classes(page) == {"simple", "text-large", "contrast"}
    page.click(".mode-switch a[data-mode=standard]")
    page.wait_for_url(site_url + "/catalog/")
    assert classes(page) == set() and stored(page) == ""


def test_elder_edition_is_complete_and_not_searched_twice(demo_site):
    standard = sorted(
        p.relative_to(demo_site) for p in demo_site.rglob("*.html") if p.parts[len(demo_site.parts)] != "elder"
    )
    elder = sorted(p.relative_to(demo_site / "elder") for p in (demo_site / "elder").rglob("*.html"))
    assert standard == elder
    indexed = sum("data-pagefind-body" in (demo_site / p).read_text(encoding="utf-8") for p in standard)
    entry = json.loads((demo_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert [lang["page_count"] for lang in entry["languages"].values()] == [indexed]


def test_elder_page_links_stay_in_the_edition_and_files_stay_put():
    html = (
        '<!DOCTYPE html><html lang="zh-CN"><head><link rel="stylesheet" href="/assets/css/site.1.css">'
        '<link rel="canonical" href="https://www.example.gov.cn/policies/a/"></head><body>'
        '<a href="/elder/policies/a/" data-mode="elder">长辈版</a>'
        '<a data-edition="standard" href="/policies/a/" data-mode="standard">标准版</a>'
        '<a href="/">首页</a><a href="/catalog/0101/#c-010101">事项</a><a href="/404.html">404</a>'
        '<a href="#main">本页</a><a href="https://example.org/x/">外部</a><a href="/policies/a/form.pdf">附件</a>'
        '<img src="images/chart.svg" alt="图"><form action="/search/"></form></body></html>'
    )
    out = elder_page(html, "/policies/a/")
    assert out.startswith('<!DOCTYPE html><html class="simple text-large" data-edition="elder" lang="zh-CN">')
    for expected in (
        'href="/assets/css/site.1.css"',
        'href="https://www.example.gov.cn/policies/a/"',
        'href="/elder/policies/a/" data-mode="elder" aria-current="true">',
        'data-edition="standard" href="/policies/a/"',
        'href="/elder/"',
        'href="/elder/catalog/0101/#c-010101"',
        'href="/elder/404.html"',
        'href="#main"',
        'href="https://example.org/x/"',
        'href="/policies/a/form.pdf"',
        'src="/policies/a/images/chart.svg"',
        'action="/elder/search/"',
    ):
        assert expected in out, expected
    assert 'href="/form.pdf"' in elder_page('<html><a href="form.pdf">表</a></html>', "/404.html")
