"""sitegen serve in a real browser: an edit reloads the page, a failed build shows its report, Ctrl-C stops it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

from playwright.sync_api import expect

from benchmarks import corpus
from tests.conftest import PROJECT, SOURCE_DATE_EPOCH

WAIT_MS = 90_000  # a rebuild on a busy two-core machine


def test_serve_reloads_on_change_shows_errors_and_stops_on_ctrl_c(browser, tmp_path):
    site = corpus.generate(tmp_path / "site", 20, seed=3)
    policy = sorted((p for p in site.policies if p.public), key=lambda p: p.id)[0]
    source = site.root / policy.relative
    original = source.read_text(encoding="utf-8")
    with open(tmp_path / "serve.log", "w", encoding="utf-8") as log:  # the server keeps its own copy of the file
        process = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "serve", "--config", str(site.config), "--port", "0", "--no-search"],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONPATH": str(PROJECT)},
        )
    try:
        base = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline()).group(0)
        page = browser.new_page()
        page.goto(f"{base}policies/{policy.id}/")
        expect(page.locator("h1")).to_have_text(policy.title)

        source.write_text(original + "\n浏览器自动刷新后的新段落。\n", encoding="utf-8")
        expect(page.locator(".doc-body")).to_contain_text("浏览器自动刷新后的新段落", timeout=WAIT_MS)

        source.write_text(original + "\n[坏链接](../2017/no-such-policy.md)\n", encoding="utf-8")
        report = page.locator("#sitegen-serve-error")
        expect(report).to_contain_text("SG074", timeout=WAIT_MS)
        expect(report).to_have_attribute("role", "alert")
        expect(page.locator(".doc-body")).to_contain_text("浏览器自动刷新后的新段落")  # the last good build

        source.write_text(original + "\n修好以后的段落。\n", encoding="utf-8")
        expect(page.locator(".doc-body")).to_contain_text("修好以后的段落", timeout=WAIT_MS)
        expect(report).to_have_count(0)
        page.close()

        built = [p for p in (site.root / "_site").rglob("*") if p.is_file()]
        assert built and not [p for p in built if b"__sitegen__" in p.read_bytes()], "reload code leaked into the site"
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=60)
    assert code == 0
    assert "Preview stopped" in (tmp_path / "serve.log").read_text(encoding="utf-8")
