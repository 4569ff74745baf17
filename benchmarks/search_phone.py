"""What one search costs on a throttled phone: sitegen's search page against plain Pagefind.

Serves a built site the way the nginx configuration does (each file's precompressed ``.gz`` copy when the
browser accepts gzip), opens it in Chromium as a 390 x 844 phone with the issue's profile applied through
the DevTools protocol (400 kbit/s both ways, 400 ms round trip, CPU slowed 4x), empty cache, and measures
for each query: the time from navigation to the first result link on screen, bytes over the wire (encoded)
and requests, for

- ``sitegen``: ``/search/?q=...`` (the page, its CSS and scripts, the worker, the query data, pinyin parts,
  Pagefind and the fragments of the results shown);
- ``plain``: a minimal page that imports ``/pagefind/pagefind.js``, searches and shows the top 10 titles
  (Pagefind's JavaScript API with its defaults, which is less than its UI would load).

Usage: python benchmarks/search_phone.py --site DIR [--queries 低保,zwgk,...]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
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
    def log_message(self, *args) -> None:  # noqa: D102
        pass

    def send_head(self):  # type: ignore[override]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        gz = path + ".gz"
        if "gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(gz):
            handle = open(gz, "rb")  # noqa: SIM115
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
            self.end_headers()
            return handle
        return super().send_head()


def measure(browser, url: str, selector: str) -> dict:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=3
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8},
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    sizes: list[int] = []  # bytes of each finished request (the worker's included), headers and encoded body

    def finished(request) -> None:
        size = request.sizes()
        sizes.append(size["responseBodySize"] + size["responseHeadersSize"])

    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfinished", finished)
    start = time.monotonic()
    page.goto(url)
    page.wait_for_selector(selector, state="visible", timeout=120_000)
    first = time.monotonic() - start
    page.wait_for_load_state("networkidle")
    context.close()
    return {"seconds": first, "bytes": sum(sizes), "requests": len(requests)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--queries", default="最低生活保障,公积金,zwgk,shehui jiuzhu")
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
                ours = measure(browser, f"{base}/search/?q={quote(query)}", "#search-results h3 a")
                try:
                    plain = measure(browser, f"{base}/plain-search.html?q={quote(query)}", "#out a")
                except Exception:  # plain Pagefind finds nothing for pinyin: no link ever shows
                    plain = {"seconds": float("nan"), "bytes": 0, "requests": 0}
                rows.append((query, ours, plain))
            browser.close()
        server.shutdown()
    print(
        "| query | sitegen first results s | sitegen KB | sitegen requests | plain Pagefind s | plain KB "
        "| plain requests |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for query, ours, plain in rows:
        print(
            f"| `{query}` | {ours['seconds']:.1f} | {ours['bytes'] / 1024:.0f} | {ours['requests']} | "
            f"{plain['seconds']:.1f} | {plain['bytes'] / 1024:.0f} | {plain['requests']} |"
        )
    print(f"median sitegen {statistics.median(r[1]['seconds'] for r in rows):.1f} s")


if __name__ == "__main__":
    main()
