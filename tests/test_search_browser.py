"""The search page in real Chromium, served with the site's strict Content Security Policy."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from sitegen.search.pagefind_bundle import fragments
from tests.conftest import serve

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'; "
    "img-src 'self' data:; connect-src 'self'"
)


@pytest.fixture(scope="session")
def search_url(demo_site):
    """The demo served with the CSP header the deployment uses (inline scripts and styles are refused)."""
    base, server = serve(demo_site, {"Content-Security-Policy": CSP})
    yield base
    server.shutdown()


@pytest.fixture
def problems(page):
    """Console errors and CSP violations of the page and its worker (the favicon request aside)."""
    found: list[str] = []
    page.on(
        "console",
        lambda m: (
            found.append(m.text) if m.type == "error" and "favicon" not in (m.location or {}).get("url", "") else None
        ),
    )
    page.on("pageerror", lambda e: found.append(str(e)))
    page.on("worker", lambda w: w.on("console", lambda m: found.append(m.text) if m.type == "error" else None))
    return found


def settle(page) -> str:
    page.wait_for_selector('#search-results[aria-busy="false"]', state="attached", timeout=30000)
    return page.text_content("#search-status")


def open_search(page, base: str, query: str) -> str:
    page.goto(f"{base}/search/?{query}")
    return settle(page)


def result_urls(page) -> list[str]:
    return [a.get_attribute("href") for a in page.query_selector_all("#search-results h3 a")]


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def total(status: str) -> int:
    match = re.search(r"找到 (\d+) 条", status)
    assert match, status
    return int(match.group(1))


@pytest.mark.parametrize(
    ("query", "expected", "notice"),
    [
        # exact term, and the example: a quoted word the two splitters disagree on
        (
            "q=" + quote("高龄津贴"),
            ["/policies/2025-elderly-allowance/", "/interpretations/2025-elderly-allowance-tj/"],
            "",
        ),
        ("q=" + quote('"人民政府"'), ["/policies/2026-powers-list/"], ""),
        # long official term, and a document number (〔〕 and all)
        ("q=" + quote("国民经济和社会发展第十五个五年规划纲要"), ["/policies/2026-15th-plan/"], ""),
        ("q=" + quote("示政办发〔2025〕12号"), ["/policies/2025-lowincome-rules/"], ""),
        # full pinyin with and without spaces, initials
        ("q=zhengwu+gongkai", ["/policies/2026-open-government-tasks/"], "拼音“zhengwu gongkai”已按“政务公开”搜索"),
        ("q=gaolingjintie", ["/policies/2025-elderly-allowance/"], "已按“高龄津贴”搜索"),
        (
            "q=zwgk",
            ["/policies/2026-open-government-tasks/", "/policies/2024-open-government-plan/"],
            "已按“政务公开”搜索",
        ),
        # plain language: the citizen's word is absent from the policy, the official term is there
        ("q=" + quote("五保户"), ["/policies/2026-tekun/"], "同时搜索了：特困人员"),
        ("q=" + quote("开放日"), ["/policies/2025-gov-affairs-key-tasks/"], "同时搜索了：政府开放活动"),
        # homophone typos
        ("q=" + quote("证务公开"), ["/policies/2026-open-government-tasks/"], "已为您显示“政务公开”的结果"),
        ("q=" + quote("临时就助"), ["/policies/2025-temporary-assistance/"], "已为您显示“临时救助”的结果"),
    ],
)
def test_every_query_kind_finds_its_documents(page, search_url, problems, query, expected, notice):
    status = open_search(page, search_url, query)
    found = result_urls(page)
    assert total(status) >= len(expected)
    for url in expected:
        assert url in found, (query, found)
    assert notice in page.text_content("#search-notice")
    assert problems == []


def test_a_word_finds_every_page_that_contains_it(page, search_url, demo_site):
    texts = [f.content.replace("\u200b", "") for f in fragments(demo_site / "pagefind")]
    for word in ("救助", "营商环境", "人民政府", "公开招聘", "住房公积"):
        containing = sum(word in text for text in texts)
        status = open_search(page, search_url, f"q={quote(word)}&literal=1")
        assert total(status) == containing, word


def test_exact_title_ranks_first(page, search_url):
    title = "示例区民政局关于印发《示例区养老服务设施布局专项规划（2026—2035年）》的通知"
    open_search(page, search_url, "q=" + quote(title))
    assert result_urls(page)[0] == "/policies/2026-elderly-facilities-plan/"
    open_search(page, search_url, "q=" + quote("特困人员认定"))
    assert result_urls(page)[0] == "/catalog/510103/"


def test_results_show_type_issuer_date_and_a_highlighted_excerpt(page, search_url):
    open_search(page, search_url, "q=" + quote("高龄津贴"))
    item = page.query_selector('#search-results li:has(a[href="/policies/2025-elderly-allowance/"])')
    assert item.query_selector("h3 a").text_content() == "示例区民政局关于调整80周岁以上老年人高龄津贴发放标准的通知"
    meta = item.query_selector(".doc-meta").text_content()
    assert "政策文件" in meta and "示例区民政局" in meta and "2025-09-12" in meta
    marks = [m.text_content() for m in page.query_selector_all("#search-results mark")]
    assert "高龄津贴" in marks


def test_the_count_is_announced(page, search_url):
    status = open_search(page, search_url, "q=" + quote("低保"))
    region = page.query_selector("#search-status")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    shown = len(result_urls(page))
    assert shown == min(10, total(status)) and "低保" in status
    status = open_search(page, search_url, "q=" + quote("没有这个词语的内容xyz"))
    assert "没有找到" in status and result_urls(page) == []


def test_filters_narrow_the_results_and_stay_in_the_address_bar(page, search_url):
    before = total(open_search(page, search_url, "q=" + quote("低保")))
    label = page.query_selector('#search-filters label:has-text("政策解读")')
    count = int(re.search(r"（(\d+)）", label.text_content()).group(1))
    assert 0 < count < before
    page.check('#search-filters input[name="type"][value="政策解读"]')
    status = settle(page)
    assert params(page)["type"] == ["政策解读"] and params(page)["q"] == ["低保"]
    assert total(status) == count
    assert all(tag.text_content() == "政策解读" for tag in page.query_selector_all("#search-results .tag"))
    # The address is the whole state: reloading it gives the same page.
    page.reload()
    assert total(settle(page)) == count
    assert page.is_checked('#search-filters input[name="type"][value="政策解读"]')
    page.go_back()
    assert total(settle(page)) == before


def test_a_deep_link_with_every_filter(page, search_url):
    link = (
        "q="
        + quote("标准")
        + "&type="
        + quote("政策文件")
        + "&topic="
        + quote("社会保障")
        + "&issuer="
        + quote("示例区民政局")
        + "&year=2025&validity="
        + quote("现行有效")
    )
    status = open_search(page, search_url, link)
    assert set(result_urls(page)) == {
        "/policies/2025-elderly-allowance/",
        "/policies/2025-lowincome-standard/",
        "/policies/2025-temporary-assistance/",
    }, status
    for key, value in (
        ("type", "政策文件"),
        ("topic", "社会保障"),
        ("issuer", "示例区民政局"),
        ("year", "2025"),
        ("validity", "现行有效"),
    ):
        assert page.is_checked(f'#search-filters input[name="{key}"][value="{value}"]')


def test_filters_alone_browse_the_site(page, search_url):
    status = open_search(page, search_url, "type=" + quote("政策文件") + "&validity=" + quote("已废止"))
    assert total(status) == 2
    assert set(result_urls(page)) == {"/policies/2024-lowincome-rules/", "/policies/2024-lowincome-standard/"}


def dates(page) -> list[str]:
    return [t.get_attribute("datetime") for t in page.query_selector_all("#search-results time")]


def test_sorting_by_date_is_kept_in_the_address_bar(page, search_url):
    open_search(page, search_url, "q=" + quote("最低生活保障"))
    page.select_option("#search-sort", "date")
    settle(page)
    assert params(page)["sort"] == ["date"]
    newest = dates(page)
    assert len(newest) == 10 and newest == sorted(newest, reverse=True)
    page.select_option("#search-sort", "date-asc")
    settle(page)
    assert params(page)["sort"] == ["date-asc"]
    oldest = dates(page)
    assert oldest == sorted(oldest) and oldest[0] < newest[-1]


def focus_by_tab(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only(page, search_url):
    page.goto(f"{search_url}/search/")
    settle(page)
    focus_by_tab(page, "#search-q")
    page.keyboard.type("低保")
    page.keyboard.press("Enter")
    settle(page)
    assert params(page)["q"] == ["低保"]
    focus_by_tab(page, '#search-filters input[value="政策文件"]')
    page.keyboard.press("Space")
    settle(page)
    assert params(page)["type"] == ["政策文件"]
    assert page.evaluate("document.activeElement.value") == "政策文件", "focus stays on the filter"
    focus_by_tab(page, '#search-pages a[aria-label^="下一页"]')
    page.keyboard.press("Enter")
    settle(page)
    assert params(page)["page"] == ["2"]
    assert page.evaluate("document.activeElement.id") == "results-title"
    focus_by_tab(page, "#search-results h3 a")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")


def test_an_empty_box_suggests_and_typing_suggests(page, search_url):
    status = open_search(page, search_url, "")
    assert "热门搜索" in page.text_content("#search-popular") and "请输入关键词" in status
    popular = [a.text_content() for a in page.query_selector_all("#search-popular .popular-terms a")]
    topics = [a.text_content() for a in page.query_selector_all("#search-popular .popular-topics a")]
    assert "最低生活保障" in popular and any(t.startswith("社会保障") for t in topics)
    page.focus("#search-q")
    page.keyboard.type("zw")
    page.wait_for_selector("#search-suggest:not([hidden]) a")
    assert "政务公开" in [a.text_content() for a in page.query_selector_all("#search-suggest a")]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('#search-suggest') !== null")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "search-q" and page.is_hidden("#search-suggest")


def test_a_typo_correction_can_be_refused(page, search_url):
    open_search(page, search_url, "q=" + quote("证务公开"))
    page.click("#search-notice a")
    status = settle(page)
    assert params(page)["literal"] == ["1"] and params(page)["q"] == ["证务公开"]
    assert "已为您显示" not in page.text_content("#search-notice")
    assert "政务公开" not in status


def test_header_and_home_search_boxes_submit_to_the_search_page(page, search_url):
    page.goto(f"{search_url}/")
    page.fill("#home-q", "公积金")
    page.press("#home-q", "Enter")
    assert total(settle(page)) > 0 and params(page)["q"] == ["公积金"]
    page.goto(f"{search_url}/policies/2025-lowincome-rules/")
    page.fill("#header-q", "dibao")
    page.press("#header-q", "Enter")
    settle(page)
    assert "/policies/2025-lowincome-rules/" in result_urls(page)


def test_elder_mode_keeps_search_working(page, search_url):
    open_search(page, search_url, "q=" + quote("医保"))
    page.click('a[data-mode="elder"]')
    assert "simple" in page.get_attribute("html", "class")
    page.fill("#search-q", "户口")
    page.press("#search-q", "Enter")
    assert total(settle(page)) > 0 and page.is_visible("#search-filters")


def test_without_javascript_the_page_explains_itself(browser, search_url):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{search_url}/search/?q=" + quote("低保"))
    assert page.is_visible("#no-js-note") and page.is_hidden("#search-app")
    assert page.query_selector('#no-js-note a[href="/catalog/"]') and page.query_selector(
        '#no-js-note a[href="/policies/"]'
    )
    context.close()


def held_query_data(page) -> list:
    """Hold the query data's response until the test lets it go (a slow phone, deterministically)."""
    held: list = []
    page.route(re.compile(r"/search/query-data\.[0-9a-f]+\.json$"), lambda route: held.append(route))
    return held


def test_plain_results_come_first_and_the_engine_refines_them(page, search_url, problems):
    held = held_query_data(page)
    page.goto(f"{search_url}/search/?q={quote('低保')}")
    page.wait_for_selector('#search-results[data-stage="quick"] h3 a', timeout=30000)
    # Plain Pagefind answered before the query data was even asked for: it waits for the first results.
    status = page.text_content("#search-status")
    assert "正在进一步查找" in status and total(status) >= 1
    assert page.get_attribute("#search-results", "aria-busy") == "true"
    page.wait_for_timeout(200)
    assert len(held) == 1
    held[0].continue_()
    status = settle(page)
    assert page.get_attribute("#search-results", "data-stage") is None
    # The engine's answer replaced them: the synonym's pages are there and the page says so.
    assert "同时搜索了" in page.text_content("#search-notice") and total(status) >= 1
    assert problems == []


def test_refined_results_do_not_move_under_the_readers_finger(page, search_url, problems):
    held = held_query_data(page)
    page.goto(f"{search_url}/search/?q={quote('低保')}")
    page.wait_for_selector('#search-results[data-stage="quick"] h3 a', timeout=30000)
    first = result_urls(page)
    page.hover("#search-results h3 a")
    page.mouse.wheel(0, 120)  # the reader scrolls the first results
    page.wait_for_timeout(200)
    where = page.eval_on_selector("#search-results h3 a", "a => a.getBoundingClientRect().top")
    held[0].continue_()
    button = page.wait_for_selector("#search-notice button:not([disabled])", timeout=30000)
    assert result_urls(page) == first
    assert page.eval_on_selector("#search-results h3 a", "a => a.getBoundingClientRect().top") == where
    assert "更准确的结果" in page.text_content("#search-status")
    button.click()
    settle(page)
    assert result_urls(page) != first and "同时搜索了" in page.text_content("#search-notice")
    assert problems == []


def test_letters_get_no_plain_results_first(page, search_url):
    # Letters are read with the query data: plain Pagefind would show pages that happen to hold "zwgk".
    held = held_query_data(page)
    page.goto(f"{search_url}/search/?q=zwgk")
    page.wait_for_function("() => window.performance.getEntriesByType('resource').length > 8")
    page.wait_for_timeout(1500)
    assert len(held) == 1 and result_urls(page) == []
    held[0].continue_()
    settle(page)
    assert "政务公开" in page.text_content("#search-notice") and result_urls(page)


def test_a_query_fetches_only_the_query_data_it_needs(page, search_url):
    """The multi-word terms are a file of their own: a Chinese query that finds its pages never downloads
    them (nor the typo table); reading letters does."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))

    def files(stem: str) -> list[str]:
        return [path for path in fetched if re.fullmatch(rf"/search/{stem}\.[0-9a-f]+\.json", path)]

    status = open_search(page, search_url, "q=" + quote("最低生活保障"))
    assert total(status) >= 1 and len(files("query-data")) == 1
    assert files("query-terms") == [] and files("pinyin-chars") == []
    open_search(page, search_url, "q=zwgk")
    assert "政务公开" in page.text_content("#search-notice") and len(files("query-terms")) == 1
