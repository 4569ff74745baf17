"""`sitegen linkcheck` against a local server answering 200, 301, 404, 500, HEAD-refused and never."""

from __future__ import annotations

import http.server
import json
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


class Handler(http.server.BaseHTTPRequestHandler):
    heads: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def answer(self, body: bool) -> None:
        if self.path == "/never":
            time.sleep(30)  # accepts the connection, never answers in time
            return
        if self.path == "/flaky" and self.command == "HEAD":
            Handler.heads.append(self.path)
            if Handler.heads.count("/flaky") == 1:
                self.send_response(503)
                self.end_headers()
                return
        code = {"/ok": 200, "/flaky": 200, "/moved": 301, "/gone": 404, "/error": 500, "/get-only": 200}.get(
            self.path, 404
        )
        if self.path == "/get-only" and self.command == "HEAD":
            code = 405
        self.send_response(code)
        if code == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802
        self.answer(False)

    def do_GET(self) -> None:  # noqa: N802
        self.answer(True)


@pytest.fixture
def remote():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def run(factory, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        check=False,
        args=[sys.executable, "-m", "sitegen", "linkcheck", *args],
        cwd=factory.root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )


def test_broken_links_are_reported_and_fail(factory, remote):
    paths = ["ok", "moved", "gone", "error", "never", "get-only", "flaky"]
    body = "".join(f"- [链接{p}]({remote}/{p})\n" for p in paths)
    factory.policy("a", body=f"参考网站：\n\n{body}")
    factory.build()
    started = time.monotonic()
    done = run(factory, "--timeout", "1", "--retries", "1", "--concurrency", "4")
    assert time.monotonic() - started < 60
    assert done.returncode == 1, done.stderr
    report = json.loads((factory.root / "_reports" / "linkcheck.json").read_text(encoding="utf-8"))
    states = {link["url"].rsplit("/", 1)[1]: link for link in report["links"]}
    assert {name: link["state"] for name, link in states.items()} == {
        "ok": "ok",
        "moved": "redirected",
        "gone": "broken",
        "error": "broken",
        "never": "broken",
        "get-only": "ok",
        "flaky": "ok",
    }
    assert states["moved"]["final_url"] == f"{remote}/ok" and states["moved"]["redirects"] == [f"301 {remote}/ok"]
    assert states["gone"]["status"] == 404 and states["error"]["status"] == 500
    assert states["error"]["attempts"] == 2  # a 5xx is retried
    assert states["never"]["status"] is None and "timed out" in states["never"]["error"]
    assert states["get-only"]["method"] == "GET"
    assert states["flaky"]["attempts"] == 2
    assert all(link["pages"] == ["/policies/a/"] for link in report["links"])
    assert f"失效 broken: {remote}/gone (404)" in done.stdout
    assert (factory.root / "_reports" / "linkcheck.html").is_file()
    assert not (factory.root / "_site" / "linkcheck.html").exists()  # never inside the published site


def test_all_links_answering_exits_0(factory, remote):
    factory.policy("a", body=f"见[网站]({remote}/ok)。\n")
    factory.build()
    done = run(factory, "--timeout", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 external links, 0 broken" in done.stdout


def test_unbuilt_site_is_a_usage_error(factory):
    factory.policy("a")
    factory.build()
    done = run(factory, "--output", str(factory.root / "nowhere"))
    assert done.returncode == 2 and "sitegen build" in done.stderr
