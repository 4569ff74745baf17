"""``sitegen serve`` shows an edited page as soon as it is written, before the search index follows."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
import urllib.request

from benchmarks import corpus
from sitegen.cli import serve
from sitegen.search.pagefind_bundle import fragments

WORD = "提前显示检验词"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def indexed(site) -> bool:
    return any(
        WORD in f.content.replace("\u200b", "")
        for b in site.glob("pagefind/**/pagefind-entry.json")
        for f in fragments(b.parent)
    )


def test_the_edited_page_is_served_before_the_search_index_is_updated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime.combine(corpus.TODAY, dt.time(), dt.UTC).timestamp())))
    made = corpus.generate(tmp_path / "site", 12, seed=3)
    site = (made.root / "_site").resolve()
    state = serve.ServeState()
    assert serve._rebuild(made.config, None, state, True) is not None
    handler = functools.partial(serve._Handler, directory=str(site), state=state)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        policy = sorted((p for p in made.policies if p.public), key=lambda p: p.id)[0]
        url = f"http://127.0.0.1:{server.server_address[1]}/policies/{policy.id}/"
        assert WORD not in fetch(url)
        source = made.root / policy.relative
        source.write_text(source.read_text(encoding="utf-8") + f"\n{WORD}。\n", encoding="utf-8")

        seen: dict[str, object] = {}
        announce = state.pages_ready

        def pages_ready(stage):
            announce(stage)
            seen["version"] = state.version
            seen["page"] = fetch(url)
            seen["search"] = fetch(f"http://127.0.0.1:{server.server_address[1]}/search/")
            seen["indexed"] = indexed(site)

        state.pages_ready = pages_ready  # type: ignore[method-assign]
        before = state.version
        assert serve._rebuild(made.config, None, state, True) is not None
        # While the index was still being built: the new page, a note that search follows, a reload, and
        # the published search page and index (still without the word).
        assert WORD in str(seen["page"]) and "站内搜索正在更新" in str(seen["page"])
        assert seen["version"] == before + 1 and seen["indexed"] is False
        assert "站内搜索正在更新" not in str(seen["search"])
        # Once the build is published: the page without the note, and the word searchable.
        page = fetch(url)
        assert WORD in page and "站内搜索正在更新" not in page
        assert state.early is None and state.version == before + 2 and indexed(site)
    finally:
        server.shutdown()
