"""Keyboard only: from the top of a policy page through the skip link, header, reading modes and search
to the content, with a focus ring of at least 3:1 against what surrounds it at every step."""

from __future__ import annotations

import re

import pytest

from tests.a11y_support import (
    CONTRAST,
    ELDER,
    PAGE_TYPES,
    STANDARD,
    contrast,
    remember_mode,
)

POLICY = PAGE_TYPES["policy with merged cells and attachments"]

# What has focus, and how its focus ring looks against the first opaque background behind it.
FOCUSED = """() => {
    const e = document.activeElement, s = getComputedStyle(e);
    let bg = 'rgb(255, 255, 255)';
    for (let a = e.parentElement; a; a = a.parentElement) {
        const c = getComputedStyle(a).backgroundColor;
        if (c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0)')) { bg = c; break; }
    }
    return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, mode: e.dataset.mode || '',
            text: (e.innerText || e.value || '').trim().slice(0, 20), inMain: !!e.closest('main'),
            outline: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, bg: bg};
}"""


def rgb(css: str) -> tuple[float, ...]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", css)[:3])


def tab_until_main(page, limit: int = 40) -> list[dict]:
    steps = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        steps.append(page.evaluate(FOCUSED))
        if steps[-1]["inMain"]:
            return steps
    pytest.fail(f"the content was not reached in {limit} presses of Tab: {[s['text'] or s['tag'] for s in steps]}")


@pytest.mark.parametrize("mode", [STANDARD, ELDER, CONTRAST], ids=["standard", "elder", "contrast"])
def test_tab_order_reaches_the_content_with_visible_focus(browser, site_url, mode):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    remember_mode(context, mode)
    page = context.new_page()
    page.goto(site_url + POLICY)
    steps = tab_until_main(page)
    order = [s["text"] if s["mode"] or s["cls"] == "skip-link" else s["id"] or s["tag"] for s in steps]
    assert order[0] == "跳到主要内容"
    assert order.index("长辈版") < order.index("header-q") < len(order) - 1, order
    assert [s["mode"] for s in steps if s["mode"]] == [
        "elder",
        "contrast",
        "standard",
        "text-large",
        "text-larger",
        "text-largest",
    ]
    weak = [
        (s["text"] or s["tag"], s["outline"], s["width"], round(contrast(rgb(s["color"]), rgb(s["bg"])), 2))
        for s in steps
        if s["outline"] == "none" or s["width"] < 2 or contrast(rgb(s["color"]), rgb(s["bg"])) < 3
    ]
    context.close()
    assert weak == []


def test_skip_link_moves_focus_to_the_content(page, site_url):
    page.goto(site_url + POLICY)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0, "the skip link shows on focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["inMain"]
