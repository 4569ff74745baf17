"""语音朗读 in Chromium with a stubbed speech engine that records what it is asked to say.

The stub replaces the browser's speechSynthesis before any page script runs; the page is served
with the site's Content-Security-Policy, so the script must work without inline code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_search_browser import CSP, problems, search_url  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parent.parent

STUB = """
(() => {
  const config = window.__speechConfig || {};
  window.__spoken = [];
  window.__events = [];
  window.__listeners = [];
  let voices = %(voices)s;
  class FakeUtterance {
    constructor(text) { this.text = text; this.onend = null; this.onerror = null; }
  }
  const synth = {
    getVoices() { return voices; },
    speak(u) {
      window.__spoken.push(u.text);
      window.__events.push("speak");
      window.__pending = u;
      if (!%(hold)s) { setTimeout(() => u.onend && u.onend({}), 0); }
    },
    cancel() { window.__events.push("cancel"); },
    pause() { window.__events.push("pause"); },
    resume() { window.__events.push("resume"); },
    addEventListener(type, fn) { window.__listeners.push(fn); },
  };
  window.__setVoices = (list) => { voices = list; window.__listeners.forEach((fn) => fn()); };
  %(install)s
})();
"""
MANDARIN = [{"name": "Fake Mandarin", "lang": "zh-CN", "localService": True, "voiceURI": "fake", "default": True}]
ENGLISH = [{"name": "Fake English", "lang": "en-US", "localService": True, "voiceURI": "en", "default": True}]
INSTALL = (
    "Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});"
    "window.SpeechSynthesisUtterance = FakeUtterance;"
)
REMOVE = (
    "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"
    "window.SpeechSynthesisUtterance = undefined;"
)
START = "button.read-aloud-button[data-action=start]"
PAUSE = "button.read-aloud-button[data-action=pause]"


def stub(page, voices=MANDARIN, hold=False, install=INSTALL) -> None:
    page.add_init_script(STUB % {"voices": json.dumps(voices), "hold": json.dumps(hold), "install": install})


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_all(page) -> list[str]:
    page.click(START)
    page.wait_for_function(
        "() => document.querySelector('.read-aloud [aria-live]').textContent.includes('朗读结束')", timeout=30000
    )
    return page.evaluate("window.__spoken")


@pytest.mark.parametrize(
    "url", ["/policies/2025-gov-affairs-key-tasks/", "/elder/packages/newborn/", "/policies/2024-housing-fund/compare/"]
)
def test_reads_the_main_content_in_order_and_nothing_else(page, search_url, problems, url):  # noqa: F811
    stub(page)
    page.goto(search_url + url)
    spoken = read_all(page)
    main = squeeze(page.inner_text("main"))
    outside = squeeze(
        page.evaluate(
            "[...document.querySelectorAll('header, footer, .breadcrumbs, main nav')].map(e => e.innerText).join('\\n')"
        )
    )
    # The title comes first (after a kicker such as 政策服务包 above it).
    assert squeeze(page.inner_text("h1")) in [squeeze(t) for t in spoken[:2]]
    position = 0
    for text in spoken:
        found = main.find(squeeze(text), position)
        assert found >= 0, f"not in the main content, or out of order: {text!r}"
        position = found
    said = squeeze("".join(spoken))
    for footer_text in ("网站标识码", "主办单位", "跳到主要内容"):
        assert footer_text not in said
    # Navigation inside the main content (related documents, the page's own links) is not read either.
    for nav_text in page.evaluate("[...document.querySelectorAll('main nav li')].map(e => e.innerText.trim())"):
        if nav_text and squeeze(nav_text) not in main.replace(squeeze(nav_text), "", 1):
            assert squeeze(nav_text) not in said, nav_text
    # Every visible paragraph of the main content is read.
    for paragraph in page.evaluate(
        "[...document.querySelectorAll('main p')].filter(p => p.offsetParent && "
        "!p.closest('nav, .read-aloud')).map(p => p.innerText)"
    ):
        assert squeeze(paragraph) in said, paragraph
    assert outside and not any(squeeze(t) in outside and squeeze(t) not in main for t in spoken)
    assert problems == []


def test_pause_resume_and_stop_by_keyboard_are_announced_and_highlighted(page, search_url, problems):  # noqa: F811
    stub(page, hold=True)
    page.goto(search_url + "/policies/2025-lowincome-rules/")
    page.focus(START)
    page.keyboard.press("Enter")
    status = ".read-aloud [aria-live='polite']"
    assert "开始朗读" in page.text_content(status)
    assert page.evaluate("document.querySelector('.reading-now') === document.querySelector('main h1')")
    assert page.evaluate("document.activeElement.dataset.action") == "pause"
    page.keyboard.press("Space")
    assert page.get_attribute(PAUSE, "aria-pressed") == "true"
    assert page.text_content(PAUSE) == "继续"
    assert "已暂停" in page.text_content(status)
    page.keyboard.press("Enter")
    assert page.get_attribute(PAUSE, "aria-pressed") == "false"
    assert "继续朗读" in page.text_content(status)
    page.keyboard.press("Escape")
    assert "已停止" in page.text_content(status)
    assert page.evaluate("document.querySelectorAll('.reading-now').length") == 0
    assert page.evaluate("document.activeElement.dataset.action") == "start"
    assert page.evaluate("window.__events") == ["cancel", "speak", "pause", "resume", "cancel"]
    assert problems == []


def test_the_highlighted_paragraph_is_scrolled_into_view(page, search_url):  # noqa: F811
    stub(page, hold=True)
    page.emulate_media(reduced_motion="reduce")  # scrolled at once, not smoothly
    page.goto(search_url + "/policies/2025-lowincome-rules/")
    page.click(START)
    # The engine finishes 40 utterances: the reader is far down the page.
    page.evaluate("() => { for (let i = 0; i < 40; i++) window.__pending.onend({}); }")
    top, bottom, height, scrolled = page.evaluate(
        "(() => { const r = document.querySelector('.reading-now').getBoundingClientRect();"
        " return [r.top, r.bottom, innerHeight, scrollY]; })()"
    )
    assert scrolled > 0
    assert 0 <= top < height and bottom > 0


@pytest.mark.parametrize(
    ("voices", "install"), [(ENGLISH, INSTALL), (MANDARIN, REMOVE)], ids=["no Chinese voice", "no speech synthesis"]
)
def test_no_button_without_a_chinese_voice_or_speech_synthesis(page, search_url, voices, install):  # noqa: F811
    stub(page, voices=voices, install=install)
    page.goto(search_url + "/elder/policies/2025-lowincome-rules/")
    page.wait_for_load_state("load")
    assert page.query_selector(".read-aloud") is None


def test_the_button_appears_when_a_chinese_voice_arrives_later(page, search_url):  # noqa: F811
    stub(page, voices=[])
    page.goto(search_url + "/elder/")
    assert page.query_selector(".read-aloud") is None
    page.evaluate(f"window.__setVoices({json.dumps(MANDARIN)})")
    assert page.is_visible(START)


def test_every_elder_page_type_offers_read_aloud(page, search_url, demo_site):  # noqa: F811
    stub(page)
    for url in ("/elder/", "/elder/qa/", "/elder/packages/", "/elder/interpretations/2024-hukou-wd/"):
        page.goto(search_url + url)
        assert page.is_visible(START), url
        assert page.get_attribute(START, "aria-label") == "朗读本页正文"
    assert "js/readaloud." in (demo_site / "elder" / "index.html").read_text("utf-8")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_pure_functions_pass_their_node_tests():
    result = subprocess.run(["node", "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
