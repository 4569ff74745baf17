"""``sitegen serve``: build, serve on 127.0.0.1, rebuild on every change, reload the browser.

The watcher polls the configuration and every folder it names (content, catalogs, theme) by stat
twice a second; a change triggers an incremental build once the files have been quiet for a
moment. The server adds one first-party script to each HTML page it sends (never to the files on
disk, so the built site stays exactly what ``sitegen build`` makes); the script polls a small state
URL, reloads the page after each successful build, and shows a failed build's report over the
page, as the terminal does. Ctrl-C stops the server cleanly.

With search on, a build's pages are shown before its search index is updated: once every page is
written into the build's stage, the server sends pages from there (a note on each says that search
follows) and the browser reloads; the finished build reloads it again. Only the search index and
query data (``/pagefind/``, ``/search/``) keep coming from the published site until then.

``--drafts`` (先审后发: the reviewer sees the page before approving it) builds every document, withheld,
on-request, unreviewed and scheduled ones too, into ``.sitegen-drafts/`` beside site.yaml, never into the
site's output folder or its reports, so ``sitegen build`` is unaffected. The server marks each draft page
with a 草稿·未发布 banner, each link to one in the listings, and every page and file as noindex.
"""

from __future__ import annotations

import functools
import html as markup
import http.server
import json
import os
import re
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.build import BuildResult, ConfigError, build, read_config
from sitegen.diagnostics.core import BuildFailed
from sitegen.engine.incremental import input_roots
from sitegen.engine.progress import BuildProgress
from sitegen.model.config import SiteConfig, site_suffix
from sitegen.search.pagefind import SearchIndexError
from sitegen.store.cache import CACHE_DIR

CLIENT = Path(__file__).resolve().parent / "livereload"
PREFIX = "/__sitegen__/"
TAG = f'<script src="{PREFIX}reload.js" defer></script><link rel="stylesheet" href="{PREFIX}reload.css">'
POLL_SECONDS = 0.5
QUIET_SECONDS = 0.3  # wait for an editor to finish saving several files
DRAFTS_DIR = ".sitegen-drafts"
NOINDEX = '<meta name="robots" content="noindex, nofollow">'
# Served from the last published site while a build's pages are shown early: its search is not ready yet.
SEARCH_PATHS = ("/pagefind/", "/search/")
EARLY_NOTE = (
    '<div class="sitegen-draft-banner" role="status">本页已更新；站内搜索正在更新，稍后即可搜到本次修改。'
    '<span lang="en">Page updated; search follows in a moment.</span></div>'
)


@dataclass
class ServeState:
    """What the browser script polls: a build counter and the last failure, if any."""

    version: int = 0
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    drafting: bool = False  # --drafts: mark drafts and keep every page out of search engines
    drafts: dict[str, str] = field(default_factory=dict)  # page URL -> why it is not public
    early: Path | None = None  # a running build's stage, whose pages are shown before its search index is ready

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "error": self.error}, ensure_ascii=False).encode("utf-8")

    def built(self, drafts: dict[str, str] | None = None) -> None:
        with self.lock:
            self.version += 1
            self.error = None
            self.drafts = dict(drafts or {})
            self.early = None

    def failed(self, report: str) -> None:
        with self.lock:
            self.error = report
            self.early = None

    def pages_ready(self, stage: Path) -> None:
        with self.lock:
            self.early = stage
            self.version += 1


class _ServeProgress(BuildProgress):
    """The build's progress bar, which also tells the server when the pages are written."""

    def __init__(self, state: ServeState):
        super().__init__()
        self.state = state

    def pages_ready(self, stage: Path) -> None:
        self.state.pages_ready(stage)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def __init__(self, *args, state: ServeState, **kwargs):
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, *args: object) -> None:
        pass  # the terminal is for build reports

    def end_headers(self) -> None:
        if self.state.drafting:  # attachments and feeds too, not only pages
            self.send_header("X-Robots-Tag", "noindex, nofollow")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        path = self.path.split("?")[0]
        if path == PREFIX + "state":
            self._send(200, "application/json", self.state.as_json(), cache=False)
        elif path in (PREFIX + "reload.js", PREFIX + "reload.css"):
            name = path.removeprefix(PREFIX)
            kind = "text/javascript" if name.endswith(".js") else "text/css"
            self._send(200, kind, (CLIENT / name).read_bytes(), cache=False)
        elif self._html(path):
            self._send_html(path)
        else:
            super().do_GET()

    def translate_path(self, path: str) -> str:
        """A running build's page once it is written (see the module's note), else the published file."""
        published = super().translate_path(path)
        with self.state.lock:
            early = self.state.early
        if early is None or path.split("?")[0].startswith(SEARCH_PATHS):
            return published
        candidate = early / os.path.relpath(published, self.directory)
        return str(candidate) if candidate.exists() else published

    def _file(self, path: str) -> Path | None:
        local = Path(self.translate_path(path))
        if local.is_dir():
            local = local / "index.html"
        return local if local.is_file() else None

    def _html(self, path: str) -> bool:
        local = self._file(path)
        return local is None or local.suffix == ".html"

    def _send_html(self, path: str) -> None:
        local = self._file(path)
        if local is not None and Path(self.translate_path(path)).is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return
        status = 200
        if local is None:
            status, local = 404, Path(self.directory) / "404.html"

        def read(file: Path) -> str:
            return file.read_text(encoding="utf-8") if file.is_file() else "<!DOCTYPE html><title>404</title>"

        try:
            html = read(local)
        except OSError:  # the build committed its stage meanwhile: the page is published now
            local = Path(super().translate_path(path))
            html = read(local)
        if not local.is_relative_to(self.directory):  # shown early, from the running build
            html = re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + EARLY_NOTE, html, count=1)
        html = html.replace("</head>", TAG + "</head>", 1) if "</head>" in html else TAG + html
        if self.state.drafting:
            with self.state.lock:
                drafts = dict(self.state.drafts)
            html = mark_drafts(html, path, drafts)
        self._send(status, "text/html; charset=utf-8", html.encode("utf-8"), cache=False)

    def _send(self, status: int, kind: str, body: bytes, cache: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if not cache:
            self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def mark_drafts(html: str, path: str, drafts: dict[str, str]) -> str:
    """A page of the drafts preview: noindex, a banner when it is a draft, a mark on every link to a draft."""
    html = html.replace("</head>", NOINDEX + "</head>", 1) if "</head>" in html else NOINDEX + html
    page = path.removeprefix("/elder") if path.startswith("/elder/") else path
    page = page if page.endswith("/") else page.rsplit("/", 1)[0] + "/"
    reason = drafts.get(page)
    if reason is not None:
        banner = (
            '<div class="sitegen-draft-banner" role="note"><strong>草稿·未发布</strong>'
            f"（{markup.escape(reason)}）"
            '：本页仅供审核预览，不会出现在正式网站上。<span lang="en">Draft, not published: a preview '
            "for review only.</span></div>"
        )
        html, count = re.subn(r"(<body\b[^>]*>)", lambda m: m.group(1) + banner, html, count=1)
        if not count:
            html = banner + html
    if drafts:
        urls = "|".join(re.escape(url) for url in sorted(drafts, key=len, reverse=True))
        link = re.compile(rf'(<a\b[^>]*\bhref="(?:/elder)?(?:{urls})"[^>]*>)')
        html = link.sub(lambda m: m.group(1) + '<span class="sitegen-draft-mark">草稿·未发布</span> ', html)
    return html


def _signature(config: SiteConfig, skip: list[Path]) -> dict[str, tuple[int, int, int]]:
    """(mtime, size, inode) of every input file: the cheap test for "did anything change"."""
    found: dict[str, tuple[int, int, int]] = {}
    skipped = {os.fspath(p) for p in skip}
    for root in input_roots(config):
        for folder, dirs, files in os.walk(root) if root.is_dir() else [(str(root.parent), [], [root.name])]:
            dirs[:] = [d for d in dirs if not d.startswith(".") and os.path.join(folder, d) not in skipped]
            for name in files:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _rebuild(
    config_path: Path, output: Path | None, state: ServeState, search: bool, reports: Path | None = None
) -> BuildResult | None:
    from sitegen.cli.report import build_summary, print_report

    try:
        result = build(
            config_path, output, search=search, progress=_ServeProgress(state), reports=reports, drafts=state.drafting
        )
    except (BuildFailed, ConfigError) as exc:
        print_report(exc.diagnostics)
        state.failed(exc.diagnostics.format(colour=False))
        _say("构建失败，浏览器中显示的仍是上一次成功构建的网站。Build failed; the browser keeps the last good site.")
        return None
    except SearchIndexError as exc:
        state.failed(str(exc))
        _say(str(exc))
        return None
    except KeyboardInterrupt:
        raise
    except Exception:  # noqa: BLE001 - a broken template must not stop the preview
        report = traceback.format_exc()
        state.failed(report)
        _say(report)
        return None
    print_report(result.diagnostics)
    _say(build_summary(result))
    if state.drafting:
        _say(
            f"草稿预览：{len(result.drafts)} 个未公开的页面带有“草稿·未发布”标记。"
            f"Drafts preview: {len(result.drafts)} unpublished page(s) marked."
        )
    state.built(result.drafts)
    return result


def serve(config_path: Path, port: int, output: Path | None = None, search: bool = True, drafts: bool = False) -> int:
    config, _ = read_config(config_path)
    reports = None
    if drafts:  # never the site's own output or reports: a drafts build must not be deployable by mistake
        output, reports = config.root / DRAFTS_DIR / "site", config.root / DRAFTS_DIR / "reports"
    target = (Path(output) if output else config.output_dir).resolve()
    state = ServeState(drafting=drafts)
    _rebuild(config_path, output, state, search, reports)
    target.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Handler, directory=str(target), state=state)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览地址 serving at http://127.0.0.1:{server.server_address[1]}/ （Ctrl-C 停止 to stop）", flush=True)
    skip = [target, config.root / (CACHE_DIR + site_suffix(config.path)), config.root / DRAFTS_DIR]
    seen = _signature(config, skip)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = _signature(config, skip)
            if now == seen:
                continue
            time.sleep(QUIET_SECONDS)
            seen = _signature(config, skip)
            _say("检测到修改，重新生成 change detected, rebuilding …")
            _rebuild(config_path, output, state, search, reports)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the shutdown short
        _say("\n已停止预览。Preview stopped.")
    finally:
        server.shutdown()
        server.server_close()
    return 0
