"""What the accessibility tests share: one page of every type of the demo portal, and the reading modes."""

from __future__ import annotations

import json

# One page of every type the demo portal has (the search page is tested with results).
PAGE_TYPES = {
    "home": "/",
    "catalog index": "/catalog/",
    "catalog group": "/catalog/51/",
    "catalog item": "/catalog/510101/",
    "policy library": "/policies/",
    "library years": "/policies/year/",
    "library by year": "/policies/year/2025/",
    "library validity states": "/policies/validity/",
    "library by validity": "/policies/validity/amended/",
    "topic": "/topics/social-security/",
    "topic index": "/topics/",
    "agency": "/agencies/civil-affairs/",
    "agency index": "/agencies/",
    "policy with merged cells and attachments": "/policies/2025-gov-affairs-key-tasks/",
    "amended policy": "/policies/2024-housing-fund/",
    "comparison of versions": "/policies/2024-housing-fund/compare/",
    "policy packages": "/packages/",
    "policy package": "/packages/newborn/",
    "Q&A library": "/qa/",
    "Q&A library by agency": "/qa/agencies/",
    "question": "/qa/q-2024-hukou-wd-c59995b1/",
    "interpretation list": "/interpretations/",
    "text interpretation": "/interpretations/2025-gov-affairs-key-tasks-jd/",
    "chart interpretation": "/interpretations/2025-lowincome-rules-tj/",
    "video interpretation": "/interpretations/2025-one-thing-sp/",
    "qa interpretation": "/interpretations/2025-lowincome-rules-wd/",
    "search with results": "/search/?q=最低生活保障",
    "plain page": "/pages/guide/",
    "plain page index": "/pages/",
    "consultation list": "/consultations/",
    "event list": "/events/",
    "report list": "/reports/",
    "data and feeds": "/data/",
    "404": "/404.html",
}

# Reading modes as mode.js stores them: the classes it puts on <html>.
STANDARD = ""
ELDER = "simple text-large"
ELDER_LARGEST = "simple text-largest"
CONTRAST = "contrast"


def open_page(page, url: str) -> None:
    """Load a page; a search page also waits for the network to settle, so that its results are shown."""
    page.goto(url, wait_until="networkidle" if "?q=" in url else "load")


def remember_mode(context, classes: str) -> None:
    """Make every page of a browser context open as if the reader had chosen ``classes`` before."""
    context.add_init_script(f"try {{ localStorage.setItem('sitegen-mode', {json.dumps(classes)}); }} catch (e) {{}}")


def luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The WCAG contrast ratio of two sRGB colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
