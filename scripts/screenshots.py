"""Screenshots of key pages at desktop and 320 px width, in the reading modes, for a person to look at.

The modes are set as a reader's earlier choice would be (localStorage, read by mode.js before the
first paint); "elder-nojs" shows the static elder edition (/elder/...) with JavaScript switched off.

Usage: python scripts/screenshots.py [SITE_DIR] [OUT_DIR]   (defaults: _site, _screenshots)
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = {
    "home": "/",
    "catalog": "/catalog/",
    "policy": "/policies/2025-gov-affairs-key-tasks/",
    "library": "/policies/",
    "search": "/search/?q=最低生活保障",
}
WIDTHS = {"desktop": 1280, "mobile": 320}
# The reading modes as mode.js stores them in localStorage (classes on <html>).
MODES = {"standard": "", "elder": "simple text-large", "contrast": "contrast", "elder-nojs": None}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "_site").resolve()
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "_screenshots")
    out.mkdir(exist_ok=True)
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width_name, width in WIDTHS.items():
            for mode, classes in MODES.items():
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, java_script_enabled=classes is not None
                )
                context.add_init_script(f"try {{ localStorage.setItem('sitegen-mode', '{classes}') }} catch (e) {{}}")
                page = context.new_page()
                for name, url in PAGES.items():
                    page.goto(base + ("/elder" if classes is None else "") + url, wait_until="networkidle")
                    path = out / f"{name}-{width_name}-{mode}.png"
                    page.screenshot(path=str(path), full_page=width_name == "mobile")
                    print(path)
                context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
