"""What one search costs on a throttled phone: sitegen's search page against plain Pagefind.

Serves a built site the way the nginx configuration does (each file's precompressed ``.gz`` copy when the
browser accepts gzip, nginx's cache lifetimes), opens it in Chromium as a 390 x 844 phone with the issue's
profile applied through the DevTools protocol (400 kbit/s both ways, 400 ms round trip, CPU slowed 4x),
empty cache, and measures
for each query: the time from navigation to the first result link on screen, bytes over the wire (encoded)
and requests, for

- ``sitegen``: ``/search/?q=...`` (the page, its CSS and scripts, the worker, the query data, pinyin parts,
  Pagefind and the fragments of the results shown);
- ``plain``: a minimal page that imports ``/pagefind/pagefind.js``, searches and shows the top 10 titles
  (Pagefind's JavaScript API with its defaults, which is less than its UI would load).

"first results" is the first result link on screen (plain Pagefind's answer, when the page shows it first);
"refined" is the engine's answer (the results no longer aria-busy).

Usage: python benchmarks/search_phone.py --site DIR [--queries 低保,zwgk,...] [--detail]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from sitegen.outputs.nginx import HASHED_PATHS, IMMUTABLE, REVALIDATE  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PLAIN_PAGE = """<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>plain</title><ol id="out"></ol>
<script type="module">
const q = new URLSearchParams(location.search).get("q");
const pagefind = await import("/pagefind/pagefind.js");
const shards = await (await fetch("/pagefind/sitegen-shards.json")).json().catch(() => ({ shards: [] }));
for (const shard of shards.shards || []) await pagefind.mergeIndex("/pagefind/" + shard);
const search = await pagefind.search(q);
const top = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
document.getElementById("out").innerHTML = top.map((d) => `<li><a href="${d.url}">${d.meta.title}</a></li>`).join("");
</script></html>
"""


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves like the generated nginx configuration: precompressed ``.gz`` files, its Cache-Control
    lifetimes (content-hashed files for a year, the rest revalidated) and ETags answered with 304."""

    # As nginx: Chromium revalidates with an ETag only when the response came over HTTP/1.1.
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # noqa: D102
        pass

    def send_head(self):  # type: ignore[override]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()
        gz = path + ".gz"
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(gz)
        served = gz if zipped else path
        stat = os.stat(served)
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        route = self.path.split("?")[0]
        lifetime = IMMUTABLE if any(re.search(p, route) for p in HASHED_PATHS) else REVALIDATE
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", lifetime)
            self.end_headers()
            return None
        handle = open(served, "rb")  # noqa: SIM115
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", lifetime)
        self.end_headers()
        return handle


def measure(browser, url: str, selector: str, final: str = "") -> dict:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=3
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    # A new context starts with an empty cache (a first visit); the cache stays on, as on a phone, so that
    # what the page preloads is what its worker then reads.
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8},
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    rows: list[tuple[float, int, str]] = []  # each finished request (the worker's included): when, bytes, what
    start = time.monotonic()

    def finished(request) -> None:
        size = request.sizes()
        rows.append(
            (
                time.monotonic() - start,
                size["responseBodySize"] + size["responseHeadersSize"],
                request.url.split("/", 3)[-1],
            )
        )

    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfinished", finished)
    page.goto(url)
    page.wait_for_selector(selector, state="visible", timeout=120_000)
    first = time.monotonic() - start
    if final:
        page.wait_for_selector(final, state="attached", timeout=120_000)
    done = time.monotonic() - start
    page.wait_for_load_state("networkidle")
    context.close()
    return {"seconds": first, "final": done, "bytes": sum(r[1] for r in rows), "requests": len(requests), "rows": rows}


def waterfall(name: str, result: dict) -> None:
    print(f"\n{name}: first results {result['seconds']:.2f} s, final {result['final']:.2f} s")
    for at, size, what in sorted(result["rows"]):
        print(f"{at:6.2f} s {size / 1024:6.1f} KB  {what[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--queries", default="最低生活保障,公积金,zwgk,shehui jiuzhu")
    parser.add_argument("--detail", action="store_true", help="print every request: when it finished, its bytes")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(args.site, site, symlinks=True)
        (site / "plain-search.html").write_text(PLAIN_PAGE, encoding="utf-8")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in args.queries.split(","):
                ours = measure(
                    browser,
                    f"{base}/search/?q={quote(query)}",
                    "#search-results h3 a",
                    '#search-results[aria-busy="false"]',
                )
                try:
                    plain = measure(browser, f"{base}/plain-search.html?q={quote(query)}", "#out a")
                except Exception:  # plain Pagefind finds nothing for pinyin: no link ever shows
                    plain = {"seconds": float("nan"), "final": float("nan"), "bytes": 0, "requests": 0, "rows": []}
                if args.detail:
                    waterfall(f"sitegen {query}", ours)
                    waterfall(f"plain {query}", plain)
                rows.append((query, ours, plain))
            browser.close()
        server.shutdown()
    print(
        "| query | sitegen first results s | refined s | sitegen KB | sitegen requests | plain Pagefind s | plain KB "
        "| plain requests |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for query, ours, plain in rows:
        print(
            f"| `{query}` | {ours['seconds']:.1f} | {ours['final']:.1f} | {ours['bytes'] / 1024:.0f} "
            f"| {ours['requests']} | {plain['seconds']:.1f} | {plain['bytes'] / 1024:.0f} | {plain['requests']} |"
        )
    print(f"median sitegen {statistics.median(r[1]['seconds'] for r in rows):.1f} s")


if __name__ == "__main__":
    main()
