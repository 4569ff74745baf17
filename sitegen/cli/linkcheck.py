"""`sitegen linkcheck`: every external link of the built site, checked over the network (错链断链).

Never part of ``build``: a build must not depend on other sites being up. Each distinct URL is asked
with HEAD, and with GET when HEAD is refused (405, 501 and the other statuses servers give for a HEAD
they do not implement); redirects are followed and reported; timeouts, refused connections and 5xx
answers are retried. At most ``concurrency`` requests run at once. The report (``linkcheck.html`` and
``linkcheck.json``) goes beside the dashboard; exit code 1 when a link is broken.
"""

from __future__ import annotations

import html
import http.client
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

USER_AGENT = "sitegen-linkcheck/1.0 (+https://www.gov.cn)"
HEAD_REFUSED = {400, 403, 405, 406, 501}  # answers to HEAD that a GET may not give
RETRIED = {429, 500, 502, 503, 504}
_EXTERNAL = re.compile(r'\s(?:href|src)="(https?://[^"\s]+)"', re.IGNORECASE)


@dataclass
class LinkResult:
    url: str
    pages: list[str]
    status: int | None = None
    final_url: str = ""
    redirects: list[str] = field(default_factory=list)
    error: str = ""
    method: str = "HEAD"
    attempts: int = 0

    @property
    def broken(self) -> bool:
        return self.status is None or self.status >= 400

    @property
    def state(self) -> str:
        return "broken" if self.broken else ("redirected" if self.redirects else "ok")


def external_links(output: Path, own: str = "") -> dict[str, list[str]]:
    """URL -> the pages of the standard edition that link to it (the elder edition has the same links).

    Links to the site's own base URL (canonical links, feeds) are internal: ``audit`` checks those offline.
    """
    found: dict[str, list[str]] = {}
    for page in sorted(output.rglob("*.html")):
        relative = page.relative_to(output).as_posix()
        if relative.startswith("elder/"):
            continue
        for url in _EXTERNAL.findall(page.read_text(encoding="utf-8", errors="replace")):
            url = html.unescape(url)
            if own and (url == own or url.startswith(own + "/")):
                continue
            pages = found.setdefault(url, [])
            where = "/" + relative.removesuffix("index.html")
            if where not in pages:
                pages.append(where)
    return dict(sorted(found.items()))


class _Recorder(urllib.request.HTTPRedirectHandler):
    def __init__(self) -> None:
        self.hops: list[str] = []

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        self.hops.append(f"{code} {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _ask(url: str, method: str, timeout: float) -> tuple[int, str, list[str]]:
    recorder = _Recorder()
    opener = urllib.request.build_opener(recorder)
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)
            return response.status, response.geturl(), recorder.hops
    except urllib.error.HTTPError as exc:
        return exc.code, exc.geturl() or url, recorder.hops


def check_link(url: str, pages: list[str], timeout: float, retries: int) -> LinkResult:
    result = LinkResult(url, pages)
    for attempt in range(retries + 1):
        result.attempts = attempt + 1
        try:
            result.method = "HEAD"
            status, final, hops = _ask(url, "HEAD", timeout)
            if status in HEAD_REFUSED:
                result.method = "GET"
                status, final, hops = _ask(url, "GET", timeout)
            result.status, result.final_url, result.redirects, result.error = status, final, hops, ""
            if status not in RETRIED:
                return result
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            result.status, result.error = None, f"{type(reason).__name__}: {reason}"
        if attempt < retries:
            time.sleep(min(2.0, 0.25 * 2**attempt))
    return result


def check_links(
    links: dict[str, list[str]], timeout: float = 10.0, retries: int = 2, concurrency: int = 8
) -> list[LinkResult]:
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        futures = [pool.submit(check_link, url, pages, timeout, retries) for url, pages in links.items()]
        return [future.result() for future in futures]


def write_report(results: list[LinkResult], folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "checked": len(results),
        "broken": sum(r.broken for r in results),
        "redirected": sum(r.state == "redirected" for r in results),
        "links": [{**asdict(r), "state": r.state} for r in results],
    }
    json_path = folder / "linkcheck.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    rows = "".join(
        f"<tr><td>{'失效 broken' if r.broken else ('重定向 redirected' if r.redirects else '正常 ok')}</td>"
        f"<td>{r.status or html.escape(r.error)}</td><td><code>{html.escape(r.url)}</code>"
        + (f"<br>→ <code>{html.escape(r.final_url)}</code>" if r.redirects else "")
        + f"</td><td>{'<br>'.join(html.escape(p) for p in r.pages[:5])}</td></tr>"
        for r in sorted(results, key=lambda r: (not r.broken, r.state != "redirected", r.url))
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>外部链接检查 External links</title></head>
<body><main><h1>外部链接检查 External link check</h1>
<p>共 {data["checked"]} 个外部链接：{data["broken"]} 个失效，{data["redirected"]} 个重定向。/ {data["checked"]} links,
{data["broken"]} broken, {data["redirected"]} redirected.</p>
<table><caption>检查结果 / results</caption><thead><tr><th scope="col">状态 state</th><th scope="col">应答 answer</th>
<th scope="col">链接 link</th><th scope="col">所在页面 pages</th></tr></thead><tbody>{rows}</tbody></table>
</main></body></html>
"""
    html_path = folder / "linkcheck.html"
    html_path.write_text(page, encoding="utf-8")
    return html_path, json_path


def run_linkcheck(
    config_path: Path,
    output: Path | None,
    reports: Path | None,
    *,
    timeout: float = 10.0,
    retries: int = 2,
    concurrency: int = 8,
) -> int:
    """The command: 0 when every external link answers, 1 when one is broken, 2 when the site is not built."""
    from sitegen.build import read_config

    config, _ = read_config(config_path)
    target = Path(output) if output else config.output_dir
    if not (target / "index.html").is_file():
        print(
            f"网站尚未生成：{target}。请先运行 sitegen build。\n"
            f"The site is not built in {target}; run sitegen build first.",
            file=sys.stderr,
        )
        return 2
    folder = Path(reports) if reports else target.parent / "_reports"
    links = external_links(target, config.base_url)
    results = check_links(links, timeout, retries, concurrency)
    html_path, _ = write_report(results, folder)
    for result in results:
        if result.broken or result.redirects:
            label = "失效 broken" if result.broken else "重定向 redirected"
            answer = result.status or result.error
            print(
                f"{label}: {result.url} ({answer})"
                + (f" → {result.final_url}" if result.redirects else "")
                + f"  [{', '.join(result.pages[:3])}]"
            )
    broken = sum(r.broken for r in results)
    print(
        f"外部链接 {len(results)} 个，失效 {broken} 个 / {len(results)} external links, {broken} broken → "
        f"{os.path.relpath(html_path)}"
    )
    return 1 if broken else 0
