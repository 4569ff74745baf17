"""Search in Chromium on a site nobody tuned for: a corpus.py portal with its own seed, queries made by
program from its indexed text (each kind of query the issue names), expected = every page holding the
phrase. Also the phone layout: at 390 px the first result shows without scrolling past the filters."""

from __future__ import annotations

import random
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from benchmarks.corpus import generate
from sitegen.build import build
from sitegen.search.pagefind_bundle import fragments
from sitegen.search.querydata import STOP, syllable_list
from tests.conftest import BUILD_DATE, serve
from tests.test_search_browser import CSP, open_search, result_urls


@pytest.fixture(scope="module")
def unseen(tmp_path_factory):
    root = tmp_path_factory.mktemp("unseen")
    generate(root, 60, seed=4242)
    # placeholder PDFs (the attachment checks refuse them) and random document numbers that may repeat
    for number, path in enumerate(sorted((root / "content").rglob("*.md"))):
        text = re.sub(r"attachments:\n  - \{[^\n]*\}\n", "", path.read_text(encoding="utf-8"))
        text = re.sub(r'(doc_number: "[^"〔]*〔\d{4}〕)\d+号"', lambda m, n=number: f'{m.group(1)}{n + 1}号"', text)
        path.write_text(text, encoding="utf-8")
    out = root / "_site"
    build(root / "site.yaml", out, today=BUILD_DATE)
    base, server = serve(out, {"Content-Security-Policy": CSP})
    yield out, base
    server.shutdown()


def phrases(site: Path, count: int) -> list[tuple[str, list[str], set[str]]]:
    """Phrases of two adjacent indexed words (4 characters, no function word) with the pages holding them."""
    pages = list(fragments(site / "pagefind"))
    texts = {p.url: p.content.replace("\u200b", "") for p in pages}
    rng = random.Random(7)
    found: dict[str, tuple[list[str], set[str]]] = {}
    while len(found) < count:
        page = rng.choice(pages)
        runs = [[w for w in run.split("\u200b") if w] for run in re.findall("[\u4e00-\u9fff\u200b]+", page.content)]
        pairs = [
            (a, b)
            for run in runs
            for a, b in zip(run, run[1:], strict=False)
            if len(a) == 2 and len(b) == 2 and a not in STOP and b not in STOP
        ]
        if pairs:
            a, b = rng.choice(pairs)
            found[a + b] = ([a, b], {url for url, text in texts.items() if a + b in text})
    return [(text, words, urls) for text, (words, urls) in sorted(found.items())]


def typo_of(text: str, texts: list[str], rng: random.Random) -> str | None:
    """The phrase with one character replaced by a common homophone, making a string no page holds."""
    from benchmarks.search_eval import homophones

    table = homophones()
    for at in rng.sample(range(len(text)), len(text)):
        options = [c for c in table.get((syllable_list(text[at]) or [""])[0], []) if c != text[at]]
        for char in rng.sample(options, len(options)):
            typo = text[:at] + char + text[at + 1 :]
            if not any(typo in t for t in texts):
                return typo
    return None


def test_each_kind_of_query_finds_the_pages_holding_the_phrase(page, unseen):
    site, base = unseen
    misses = []
    texts = [p.content.replace("\u200b", "") for p in fragments(site / "pagefind")]
    rng = random.Random(13)
    for text, words, expected in phrases(site, 6):
        syllables = [syllable_list(w) for w in words]
        queries = {
            "exact": text,
            "pinyin spaced": " ".join("".join(s) for s in syllables),
            "pinyin unspaced": "".join("".join(s) for s in syllables),
            "pinyin mixed": "".join(syllables[0]) + words[1],
            "initials": "".join(s[0] for part in syllables for s in part),
        }
        typo = typo_of(text, texts, rng)
        if typo:
            queries["typo"] = typo
        for kind, query in queries.items():
            open_search(page, base, "q=" + quote(query))
            found = set(result_urls(page))
            if not found & expected:
                misses.append((kind, query, text))
    assert len(misses) <= 2, misses  # initials of a rare pair may honestly read as a likelier phrase


@pytest.mark.parametrize(
    ("width", "height", "edition"),
    [(390, 844, ""), (320, 568, ""), (390, 844, "/elder")],
    ids=["390", "320", "elder-390"],
)
def test_on_a_phone_the_first_result_shows_before_the_filters(browser, unseen, width, height, edition):
    """Also at 320 x 568 (WCAG's reflow width on the smallest common phone screen) and in the elder edition's
    larger type at 390 px (at 320 px its 20 px type puts the first result at about 1.6 screens: docs/search.md)."""
    site, base = unseen
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": width, "height": height},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    tab = context.new_page()
    try:
        open_search(tab, base + edition, "q=" + quote("实施"))
        first = tab.query_selector("#search-results h3 a")
        assert first is not None
        box = first.bounding_box()
        assert box and box["y"] + box["height"] <= height, box
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"
        assert not tab.is_visible("#search-filters")
        toggle = tab.locator("#search-filter-toggle")
        # The facet counts may come after the results (search/docrows.js): the button comes with them.
        toggle.wait_for(state="visible")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true" and tab.is_visible("#search-filters")
        # on a wide screen the filters are always there and the button is not
        tab.set_viewport_size({"width": 1280, "height": 900})
        assert tab.is_visible("#search-filters") and not tab.is_visible("#search-filter-toggle")
    finally:
        context.close()
