"""Screenshots of key pages at desktop and 320 px width, in standard and elder modes, for a person to look at.

Usage: python scripts/screenshots.py [SITE_DIR] [OUT_DIR]   (defaults: _site, _screenshots)
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = {"home": "/", "catalog": "/catalog/", "policy": None, "search": "/search/?q=最低生活保障"}
WIDTHS = {"desktop": 1280, "mobile": 320}
MODES = ["standard", "elder", "contrast"]


def first_policy(site: Path) -> str:
    policy = sorted((site / "policies").glob("*/index.html"))
    for path in policy:
        if "<table" in path.read_text(encoding="utf-8") and path.parent.name not in ("page", "year", "validity"):
            return f"/policies/{path.parent.name}/"
    return "/policies/"


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "_site").resolve()
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "_screenshots")
    out.mkdir(exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = {**PAGES, "policy": first_policy(site)}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width_name, width in WIDTHS.items():
            for mode in MODES:
                context = browser.new_context(viewport={"width": width, "height": 900})
                context.add_init_script(f"try{{localStorage.setItem('sitegen-mode','{mode}')}}catch(e){{}}")
                page = context.new_page()
                for name, url in pages.items():
                    page.goto(base + url, wait_until="networkidle")
                    path = out / f"{name}-{width_name}-{mode}.png"
                    page.screenshot(path=str(path), full_page=width_name == "mobile")
                    print(path)
                context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
