"""URLs that never break: aliases answer 301 from real nginx and redirect in Chromium from the static page;
vanished pages are reported with the alias to add; withdrawn documents answer 410 without their title."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import serve
from tests.sitefactory import SiteFactory
from tests.test_nginx import fetch, free_port, running_nginx
from tests.test_rule_codes import assert_bilingual
from tests.test_scheduled import readable

SECRET_TITLE = "测试区人民政府关于撤回事项的通知"


def aliased_site(factory: SiteFactory) -> SiteFactory:
    factory.policy("new-id", aliases=["/art/2020/1/5/art_123_456.html", "/old/policy", "/旧栏目/文件/"])
    factory.policy("withdrawn-one", title=SECRET_TITLE, body="撤回前的正文内容。\n")
    return factory


def build_twice(factory: SiteFactory, tmp_path: Path, **options):
    """The first build publishes both documents; then one is withheld (撤回) and the site built again."""
    out = tmp_path / "www" / "_site"
    factory.build(out)
    factory.policy("withdrawn-one", title=SECRET_TITLE, body="撤回前的正文内容。\n", disclosure="withheld")
    return factory.build(out, **options), out


@pytest.fixture
def running(factory, tmp_path):
    """The built site served by nginx with the configuration the build wrote (only the port changed)."""
    result, out = build_twice(aliased_site(factory), tmp_path, search=False)
    port = free_port()
    text = result.server_config.read_text(encoding="utf-8")
    assert "    listen 80;\n" in text
    server_config = tmp_path / "site.nginx.conf"
    server_config.write_text(text.replace("    listen 80;\n", f"    listen 127.0.0.1:{port};\n"), encoding="utf-8")
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    with running_nginx(prefix, server_config, port):
        yield f"http://127.0.0.1:{port}", out, result


def test_aliases_answer_301_from_nginx(running):
    base, _, _ = running
    for old in (
        "/art/2020/1/5/art_123_456.html",
        "/old/policy/",
        "/old/policy",
        "/old/policy/index.html",
        "/%E6%97%A7%E6%A0%8F%E7%9B%AE/%E6%96%87%E4%BB%B6/",
    ):
        status, headers, _ = fetch(base, old)
        assert (status, headers["Location"]) == (301, "/policies/new-id/"), old
    status, headers, _ = fetch(base, "/elder/old/policy/")
    assert (status, headers["Location"]) == (301, "/elder/policies/new-id/")
    assert fetch(base, "/policies/new-id/")[0] == 200


def test_withdrawn_document_answers_410_without_its_title_or_content(running):
    base, out, _ = running
    for path in ("/policies/withdrawn-one/", "/policies/withdrawn-one", "/elder/policies/withdrawn-one/"):
        status, headers, body = fetch(base, path)
        text = body.decode("utf-8")
        assert status == 410, path
        assert "已撤回" in text and SECRET_TITLE not in text and "撤回前的正文" not in text
        assert headers["Content-Security-Policy"]  # the server's headers still apply
    # Without nginx, the static notice stands at the old URL; the document appears nowhere else.
    notice = (out / "policies" / "withdrawn-one" / "index.html").read_text(encoding="utf-8")
    assert "信息已撤回" in notice and 'name="robots" content="noindex"' in notice
    leaks = [
        p
        for p in out.rglob("*")
        if p.is_file() and p.suffix != ".gz" and SECRET_TITLE in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert leaks == []


def test_static_redirect_page_takes_chromium_to_the_document(factory, tmp_path, page):
    _, out = build_twice(aliased_site(factory), tmp_path, search=False)
    static = (out / "art/2020/1/5/art_123_456.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/policies/new-id/">' in static
    assert '<link rel="canonical" href="https://www.example.gov.cn/policies/new-id/">' in static
    assert '<a href="/policies/new-id/">' in static
    elder = (out / "elder/art/2020/1/5/art_123_456.html").read_text(encoding="utf-8")
    assert 'content="0; url=/elder/policies/new-id/"' in elder and '<a href="/elder/policies/new-id/">' in elder
    base, server = serve(out)
    try:
        page.goto(base + "/old/policy/")
        page.wait_for_url(base + "/policies/new-id/", timeout=10000)
        assert "new-id" in page.title()
        # With refresh disabled a reader still has the visible link.
        page.goto(base + "/art/2020/1/5/art_123_456.html", wait_until="commit")
    finally:
        server.shutdown()


def test_redirect_pages_stay_out_of_search_sitemap_and_feeds(factory, tmp_path):
    _, out = build_twice(aliased_site(factory), tmp_path, search=True)
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/old/policy/" not in sitemap and "art_123_456" not in sitemap and "withdrawn-one" not in sitemap
    assert "410.html" not in sitemap
    for feed in (out / "feeds").glob("*.xml"):
        assert "art_123_456" not in feed.read_text(encoding="utf-8")
    fragments = [readable(p.read_bytes()) for p in (out / "pagefind").rglob("*.pf_fragment")]
    assert fragments and any("/policies/new-id/" in text for text in fragments)
    assert not [text for text in fragments if "页面已迁移" in text or "已撤回" in text or "/old/policy" in text]
    for path in (out / "old/policy/index.html", out / "policies/withdrawn-one/index.html", out / "410.html"):
        assert "data-pagefind-body" not in path.read_text(encoding="utf-8")


def test_renamed_document_is_reported_with_the_exact_alias(factory, tmp_path):
    factory.policy("2024-plan", body="正文。\n")
    out = tmp_path / "_site"
    factory.build(out)
    source = factory.root / "content/policies/2024-plan.md"
    source.rename(factory.root / "content/policies/2024-housing-plan.md")  # the id follows the file name
    result = factory.build(out)
    found = [d for d in result.diagnostics.items if d.code == "SG451"]
    assert len(found) == 1 and found[0].path == "content/policies/2024-housing-plan.md" and found[0].line == 2
    assert "aliases: [/policies/2024-plan/]" in found[0].fix_zh and "aliases: [/policies/2024-plan/]" in found[0].fix_en
    assert_bilingual(found[0])
    # Following the advice silences it and the old URL redirects.
    text = (factory.root / "content/policies/2024-housing-plan.md").read_text(encoding="utf-8")
    (factory.root / "content/policies/2024-housing-plan.md").write_text(
        text.replace("---\n", "---\naliases: [/policies/2024-plan/]\n", 1), encoding="utf-8"
    )
    result = factory.build(out)
    assert not [d for d in result.diagnostics.items if d.code in ("SG451", "SG452")]
    assert "url=/policies/2024-housing-plan/" in (out / "policies/2024-plan/index.html").read_text(encoding="utf-8")


def test_deleted_document_is_reported_until_resolved(factory, tmp_path):
    factory.policy("keep")
    factory.policy("deleted", title="测试区人民政府关于已删除的通知")
    out = tmp_path / "_site"
    factory.build(out)
    (factory.root / "content/policies/deleted.md").unlink()
    for _ in range(2):  # the ledger remembers: the warning repeats until an alias or a withheld file answers it
        result = factory.build(out, clean=True)
        found = [d for d in result.diagnostics.items if d.code == "SG452"]
        assert len(found) == 1 and found[0].path == "content/policies/deleted.md"
        assert "/policies/deleted/" in found[0].zh and "disclosure: withheld" in found[0].fix_en
        assert_bilingual(found[0])


def test_alias_that_is_a_page_of_the_site_is_an_error(factory):
    factory.policy("a", aliases=["/policies/"])
    from tests.test_rule_codes import run_checks

    found = [d for d in run_checks(factory).items if d.code == "SG450"]
    assert found and found[0].path == "content/policies/a.md"


@pytest.mark.parametrize("bad", ["old/policy/", "/a b/", '/a"b', "/a/../b/", "/x?y=1", "//evil.example/"])
def test_alias_that_is_not_a_plain_path_is_refused(factory, bad):
    from tests.test_rule_codes import run_checks

    factory.policy("a", aliases=[bad])
    found = run_checks(factory).items
    assert any(d.path == "content/policies/a.md" and re.search("alias", d.en) for d in found), found
