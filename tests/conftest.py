from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.build import build

PROJECT = Path(__file__).resolve().parent.parent
# The demo is built as of this date, so that date-dependent output is the same on every run.
BUILD_DATE = dt.date(2026, 11, 20)
SOURCE_DATE_EPOCH = str(int(dt.datetime(2026, 11, 20, tzinfo=dt.UTC).timestamp()))


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal, built once per test session with its search index."""
    out = tmp_path_factory.mktemp("demo") / "_site"
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    build(PROJECT / "site.yaml", out, today=BUILD_DATE)
    return out


@pytest.fixture
def factory(tmp_path: Path):
    from tests.sitefactory import SiteFactory

    return SiteFactory(tmp_path)


def soup_of(site: Path, url: str) -> BeautifulSoup:
    path = site / url.lstrip("/")
    if url.endswith("/"):
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".pf_meta": "application/octet-stream",
    }

    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path, headers: dict[str, str] | None = None):
    """Serve a folder on 127.0.0.1 in a thread, with extra response headers; returns (base URL, server)."""

    class Handler(_QuietHandler):
        def end_headers(self) -> None:
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

    handler = functools.partial(Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def site_url(demo_site: Path):
    """The built demo portal served over HTTP on localhost."""
    base, server = serve(demo_site)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
