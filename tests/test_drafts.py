"""``sitegen serve --drafts``: the reviewer sees every unpublished page, marked, and ``sitegen build`` never changes."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sitegen.build import build
from sitegen.cli.serve import DRAFTS_DIR, mark_drafts
from sitegen.diagnostics.core import BuildFailed
from tests.conftest import PROJECT
from tests.sitefactory import THEME, SiteFactory

TODAY = dt.date(2026, 1, 1)  # SiteFactory builds as of this day


def project(tmp_path: Path, unreviewed: bool = False) -> SiteFactory:
    factory = SiteFactory(tmp_path)
    factory.policy("public-one", title="已公开的通知")
    factory.policy("withheld-one", title="不予公开的通知", disclosure="withheld", review=None)
    factory.policy("on-request-one", title="依申请公开的通知", disclosure="on_request", review=None)
    factory.policy("scheduled-one", title="定时发布的通知", published=dt.date(2026, 2, 1))
    factory.build()  # writes site.yaml with the theme, as sitegen serve reads it
    if unreviewed:  # (after: sitegen build refuses it, SG110)
        factory.policy("unreviewed-one", title="尚未审核的通知", review=None)
    return factory


def drafts_build(factory: SiteFactory):
    root = factory.root
    return build(
        root / "site.yaml",
        root / DRAFTS_DIR / "site",
        reports=root / DRAFTS_DIR / "reports",
        today=TODAY,
        search=False,
        drafts=True,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_drafts_never_change_the_build(tmp_path: Path) -> None:
    factory = project(tmp_path)
    site, reports = snapshot(tmp_path / "_site"), snapshot(tmp_path / "_reports")
    assert "policies/withheld-one/index.html" not in site
    result = drafts_build(factory)
    assert set(result.drafts) == {"/policies/withheld-one/", "/policies/on-request-one/", "/policies/scheduled-one/"}
    assert result.drafts["/policies/scheduled-one/"].startswith("定时发布")
    preview = tmp_path / DRAFTS_DIR / "site"
    assert (preview / "policies/withheld-one/index.html").is_file()
    factory.build()  # incremental, after the drafts build
    assert snapshot(tmp_path / "_site") == site and snapshot(tmp_path / "_reports") == reports
    factory.build(output=tmp_path / "clean", clean=True)
    assert snapshot(tmp_path / "clean") == site  # byte for byte


def test_unreviewed_document_is_previewed_but_never_built(tmp_path: Path) -> None:
    factory = SiteFactory(tmp_path)
    factory.policy("a", review=None)
    factory.write("site.yaml", factory.root.joinpath("site.yaml").read_text() + f"theme_dir: {THEME}\n")
    result = drafts_build(factory)
    assert result.drafts == {"/policies/a/": "未经审核"}
    assert [d.code for d in result.diagnostics.warnings if d.code == "SG110"] == ["SG110"]
    with pytest.raises(BuildFailed):
        build(tmp_path / "site.yaml", tmp_path / "_site", today=TODAY, search=False)


def test_unreviewed_page_without_a_date_is_previewed(tmp_path: Path) -> None:
    # A page may omit its publication date (its review date stands in); unreviewed, it has neither.
    factory = SiteFactory(tmp_path)
    factory.policy("a")
    factory.write("content/pages/draft.md", "---\ntitle: 草稿页面\ndisclosure: public\n---\n正文。\n")
    factory.write("site.yaml", factory.root.joinpath("site.yaml").read_text() + f"theme_dir: {THEME}\n")
    result = drafts_build(factory)
    assert result.drafts == {"/pages/draft/": "未经审核"}
    html = (tmp_path / DRAFTS_DIR / "site/pages/draft/index.html").read_text(encoding="utf-8")
    assert "草稿页面" in html and 'name="PubDate"' not in html


def test_marking() -> None:
    page = '<html><head><title>t</title></head><body class="x"><a href="/policies/b/">B</a><a href="/policies/a/">A</a>'
    drafts = {"/policies/b/": "不予公开"}
    marked = mark_drafts(page, "/policies/b/", drafts)
    assert '<meta name="robots" content="noindex, nofollow"></head>' in marked
    banner = r'<body class="x"><div class="sitegen-draft-banner"[^>]*><strong>草稿·未发布</strong>（不予公开）'
    assert re.search(banner, marked)
    assert '<a href="/policies/b/"><span class="sitegen-draft-mark">草稿·未发布</span> B</a>' in marked
    assert '<a href="/policies/a/">A</a>' in marked
    assert "sitegen-draft-banner" in mark_drafts(page, "/elder/policies/b/index.html", drafts)
    assert "sitegen-draft-banner" not in mark_drafts(page, "/policies/a/", drafts)


def _other_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def test_drafts_preview_in_chromium(browser, tmp_path: Path) -> None:
    factory = project(tmp_path / "site", unreviewed=True)
    epoch = str(int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp()))
    with open(tmp_path / "serve.log", "w", encoding="utf-8") as log:  # the server keeps its own copy of the file
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sitegen",
                "serve",
                "--drafts",
                "--config",
                str(factory.root / "site.yaml"),
                "--port",
                "0",
                "--no-search",
            ],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONPATH": str(PROJECT)},
        )
    try:
        base = re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())
        page = browser.new_page()
        for doc, reason in (
            ("withheld-one", "不予公开"),
            ("on-request-one", "依申请公开"),
            ("unreviewed-one", "未经审核"),
            ("scheduled-one", "定时发布"),
        ):
            response = page.goto(f"{base.group(0)}policies/{doc}/")
            assert response.headers["x-robots-tag"] == "noindex, nofollow"
            banner = page.locator(".sitegen-draft-banner")
            expect(banner).to_be_visible()
            expect(banner).to_contain_text(f"草稿·未发布（{reason}")
            expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")
        page.goto(f"{base.group(0)}policies/public-one/")
        expect(page.locator(".sitegen-draft-banner")).to_have_count(0)
        page.goto(f"{base.group(0)}policies/")
        marked = page.locator("a:has(.sitegen-draft-mark)")
        expect(marked).to_have_count(4)
        expect(page.locator('a[href="/policies/public-one/"] .sitegen-draft-mark')).to_have_count(0)
        page.close()
        other = _other_address()
        if other is not None:  # listens on loopback only
            with pytest.raises(OSError):
                socket.create_connection((other, int(base.group(1))), timeout=2).close()
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=60)
    assert code == 0
    assert not (factory.root / "_site/policies/withheld-one").exists()
    assert not [p for p in (factory.root / "_site").rglob("*.html") if "草稿·未发布" in p.read_text("utf-8")]
