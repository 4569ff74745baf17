"""The search index in shards: Pagefind indexes of bounded size that Pagefind merges at query time.

One Pagefind run over a 10,000-page site takes about a minute of CPU and 2.6 GB, and a one-page
edit would pay all of it again. Instead the searchable pages are split by a stable hash of their
URL into ``count`` shards (a power of two chosen from the number of pages, kept while it stays
within a factor of two of the ideal), each indexed by its own Pagefind process:

- memory is bounded by the shard size, not the site size;
- shards are indexed in parallel, and during a full build each starts as soon as its pages are
  written, while the other pages are still rendering;
- a build re-indexes only the shards whose pages were added, removed, or changed in what
  Pagefind reads (the page's ``data-pagefind-body`` text and every ``data-pagefind-*`` tag);
  a change elsewhere on a page (the policy title shown beside an interpretation, a listing)
  leaves its shard alone, and unchanged shards are published as they were.

Layout in the output folder::

    pagefind/                       Pagefind's bundle (pagefind.js, UI, WebAssembly) and shard 0's index
    pagefind/shards/NN/             the index of shard NN (entry, meta, index, fragment, filter)
    pagefind/delta/                 the delta index, after an incremental build only (see below)
    pagefind/sitegen-shards.json    {"shards": ["shards/01/", ...]}: the search page loads
                                    pagefind.js and calls mergeIndex() for each listed folder;
                                    with a delta, "delta/" is listed last and "superseded" lists
                                    the page ids of the main-shard entries it replaces

A site small enough for one shard has exactly the layout of a single Pagefind run and an empty list.

The delta index (incremental builds only). Re-indexing a 2,500-page shard for one edited page costs
Pagefind about 7 s. Instead, an incremental build indexes the pages that changed or were added since
their shard was last indexed into one small extra index, ``pagefind/delta/``, merged last like a shard.
Their older entries in the main shards are *superseded*: the manifest and the query data list their
Pagefind page ids, and the search page drops them from every result list (the query data leaves them
out of its counts and rows), so what can be found is what a clean build would find. The delta is folded
back into the main shards (their shards re-indexed, the delta emptied) when it grows beyond
:func:`delta_bound` pages, by every ``--clean`` build (which has no earlier index), and at once when a
page that a main shard holds stops being searchable: a withdrawn or deleted page's words must leave
the published index, not just the results. The main shards of a ``--clean`` build never have a delta,
so clean builds stay byte-identical.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from sitegen.search.pagefind import SearchIndexError, pagefind_binary
from sitegen.search.pagefind_bundle import BundleError, canonicalise, fragments
from sitegen.store.staging import StagedOutput

BUNDLE = "pagefind"
SHARDS = f"{BUNDLE}/shards"
MANIFEST = f"{BUNDLE}/sitegen-shards.json"
# Files of one index (the rest of a Pagefind output is the shared bundle: scripts, UI, WebAssembly).
INDEX_FOLDERS = ("index", "fragment", "filter")
INDEX_FILES = ("pagefind-entry.json",)
INDEX_SUFFIX = ".pf_meta"
# Pages per shard that the shard count aims at. Measured on the synthetic portal (benchmarks/README.md,
# "Search index shards"): at 10,000 pages one index needs 2.6 GB; four shards need 0.7 GB each and cost
# a query 38 % more bytes, sixteen cost 160 % more. Splitting also changes how Pagefind segments a
# Chinese query (it uses each shard's own word list), so results drift as shards shrink. A shard
# therefore stays large: memory and parallelism decide, not the cost of re-indexing one edit.
PAGES_PER_SHARD = 2500
DELTA = f"{BUNDLE}/delta"
# The delta holds at most this share of the searchable pages (and at least DELTA_MIN_PAGES) before it is
# folded back. Every build with a change re-indexes the whole delta, each query fetches its meta and
# word chunks besides the shards', and ranking inside it uses its own statistics; at 2 % the delta's
# re-index costs about 2 % of a shard's, a query downloads the delta's few small files besides the
# shards' (benchmarks/README.md, "Delta search index"), and the superseded list stays small.
DELTA_SHARE = 0.02
DELTA_MIN_PAGES = 10
_DELTA_KEY = -1  # the delta's key among the shard numbers of running Pagefind processes


def _work_name(shard: int) -> str:
    """The name of a shard's (or the delta's) input and output folders in the build's work folder."""
    return "delta" if shard == _DELTA_KEY else f"{shard:02d}"


def delta_bound(pages: int) -> int:
    return max(DELTA_MIN_PAGES, int(pages * DELTA_SHARE))


def page_url(page: str) -> str:
    """The URL Pagefind records for an output path (it drops a final ``index.html``)."""
    return "/" + (page[: -len("index.html")] if page.endswith("index.html") else page)


def shard_count(pages: int, previous: int | None) -> int:
    """A power of two near pages / PAGES_PER_SHARD; the previous count while within a factor of two of it."""
    ideal = max(1.0, pages / PAGES_PER_SHARD)
    if previous and previous / 2 <= ideal <= previous * 2:
        return previous  # re-sharding re-indexes everything: only when far off
    return 2 ** max(0, round(math.log2(ideal)))


def shard_of(url: str, count: int) -> int:
    return zlib.crc32(url.encode("utf-8")) % count


def shard_prefix(shard: int) -> str:
    return BUNDLE if shard == 0 else f"{SHARDS}/{shard:02d}"


@dataclass
class ShardState:
    """The shard layout of the published index: which pages (output paths) each shard holds."""

    count: int = 0
    members: dict[int, tuple[str, ...]] = field(default_factory=dict)  # what each main shard's index holds
    ids: dict[str, str] = field(default_factory=dict)  # URL -> Pagefind page id in the main shards
    delta: tuple[str, ...] = ()  # pages indexed in the delta (changed or added since their shard was)
    delta_ids: dict[str, str] = field(default_factory=dict)  # URL -> page id in the delta
    superseded: tuple[str, ...] = ()  # main-shard page ids the delta replaces: dropped from results


class _SearchView(HTMLParser):
    """What Pagefind reads from a page: tags with data-pagefind-* attributes anywhere, and the
    markup and text inside data-pagefind-body outside data-pagefind-ignore."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0  # open elements
        self.body_at: int | None = None  # depth of the data-pagefind-body element
        self.ignore_at: int | None = None

    def _inside(self) -> bool:
        return self.body_at is not None and self.ignore_at is None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "html" or any(name.startswith("data-pagefind") for name in names):
            self.parts.append(f"<{tag} {sorted(attrs, key=lambda a: (a[0], a[1] or ''))}>")
        elif self._inside():
            self.parts.append(f"<{tag} {attrs}>")
        if tag in self.VOID:
            return
        self.depth += 1
        if "data-pagefind-body" in names and self.body_at is None:
            self.body_at = self.depth
        if "data-pagefind-ignore" in names and self.ignore_at is None and self.body_at is not None:
            self.ignore_at = self.depth

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self._inside():
            self.parts.append(f"</{tag}>")
        if self.ignore_at == self.depth:
            self.ignore_at = None
        if self.body_at == self.depth:
            self.body_at = None
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self._inside():
            self.parts.append(data)


def search_view(html: str) -> str:
    parser = _SearchView()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


class SearchShards:
    """Plans, runs and publishes the shards (and the delta) of one build."""

    def __init__(self, out: StagedOutput, previous: ShardState | None, workers: int):
        self.out = out
        self.previous = previous or ShardState()
        self.workers = max(1, workers)
        self.work = out.work
        self.state = ShardState()
        self.dirty: set[int] = set()
        self.delta: set[str] = set()  # pages for the delta index
        self.delta_dirty = False  # the delta index must be rebuilt
        self._assigned: dict[str, int] = {}
        self._current: dict[int, tuple[str, ...]] = {}
        self._waiting: dict[int, set[str]] = {}  # dirty shard -> pages not yet staged
        self._queue: list[int] = []
        self._running: dict[int, subprocess.Popen] = {}
        self._done: set[int] = set()

    def plan(self, pages: list[str]) -> dict[str, int]:
        """Assign searchable pages (output paths) to shards; returns page -> shard."""
        self.state.count = shard_count(len(pages), self.previous.count or None) if pages else 0
        assigned = self._assigned = {page: shard_of(page, self.state.count) for page in pages}
        members: dict[int, list[str]] = {s: [] for s in range(self.state.count)}
        for page, shard in assigned.items():
            members[shard].append(page)
        self._current = {s: tuple(sorted(m)) for s, m in members.items()}
        previous = self.previous
        for shard, pages_of in self._current.items():
            published = self.out.live_digest(f"{shard_prefix(shard)}/pagefind-entry.json") is not None
            indexed = previous.members.get(shard)
            if previous.count != self.state.count or indexed is None or not published:
                self.dirty.add(shard)
            elif not set(indexed) <= set(pages_of):
                self.dirty.add(shard)  # a page the shard holds is gone: its words must leave the index
        self.state.members = {
            s: self._current[s] if s in self.dirty else previous.members[s] for s in range(self.state.count)
        }
        if previous.delta and self.out.live_digest(f"{DELTA}/pagefind-entry.json") is None:
            self.delta_dirty = True
        for page in pages:
            shard = assigned[page]
            if shard in self.dirty:
                continue
            if page in previous.delta or page not in self.state.members[shard]:
                self.delta.add(page)
        self._waiting = {s: set(self._current[s]) for s in self.dirty}
        return assigned

    def staged(self, page: str, shard: int) -> None:
        """A page of the site is in the stage: start its shard once the shard is complete."""
        waiting = self._waiting.get(shard)
        if waiting is not None:
            waiting.discard(page)
            if not waiting:
                self._start(shard)

    def changed(self, page: str, shard: int) -> None:
        """A searchable page's file changed: index it again (in the delta) if Pagefind would see the change."""
        if shard in self.dirty:
            return
        old = self.out.target / page
        new = self.out.stage / page
        try:
            same = search_view(old.read_text(encoding="utf-8")) == search_view(new.read_text(encoding="utf-8"))
        except OSError:
            same = False
        if same:
            return
        if page in self.state.members[shard] and page_url(page) not in self.previous.ids:
            self.dirty.add(shard)  # its entry in the shard is unknown, so it could not be superseded
            return
        self.delta.add(page)
        self.delta_dirty = True

    def poll(self) -> None:
        """Start queued shards whose turn has come (call while other work goes on)."""
        self._pump()

    def _start(self, shard: int) -> None:
        if shard not in self._queue and shard not in self._running and shard not in self._done:
            self._queue.append(shard)
        self._pump()

    def _pump(self, block: bool = False) -> None:
        """Reap finished Pagefind runs and start queued ones, at most one per core."""
        for shard, process in list(self._running.items()):
            if block or process.poll() is not None:
                _, stderr = process.communicate()
                del self._running[shard]
                if process.returncode != 0:
                    raise SearchIndexError(f"Pagefind 建立索引失败 / Pagefind failed (shard {shard}):\n{stderr}")
                self._done.add(shard)
                break
        while self._queue and len(self._running) < self.workers:
            shard = self._queue.pop(0)
            self._running[shard] = self._launch(shard)

    def _launch(self, shard: int) -> subprocess.Popen:
        source = self.work / f"in-{_work_name(shard)}"
        if source.exists():
            shutil.rmtree(source)
        for page in sorted(self.delta) if shard == _DELTA_KEY else self.state.members[shard]:
            link = source / page
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(self.out.stage / page, link)  # Pagefind reads the staged pages through links
        output = self.work / f"out-{_work_name(shard)}"
        return subprocess.Popen(
            [str(pagefind_binary()), "--site", str(source), "--output-path", str(output), "--silent"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def _fold_if_large(self) -> None:
        """Fold the delta into its pages' shards when it holds more than :func:`delta_bound` pages."""
        if len(self.delta) > delta_bound(len(self._assigned)):
            for page in self.delta:
                self.dirty.add(self._assigned[page])
        folded = {page for page in self.delta if self._assigned[page] in self.dirty}
        for shard in self.dirty:
            self.state.members[shard] = self._current[shard]
        if folded:
            self.delta -= folded
            self.delta_dirty = True
        if self.delta != set(self.previous.delta):
            self.delta_dirty = True
        if not self.delta:
            self.delta_dirty = False

    def finish(self) -> ShardState:
        """Index every dirty shard not yet indexed (and the delta), then publish them and the shard list."""
        self._fold_if_large()
        for shard in sorted(self.dirty):
            self._start(shard)
        if self.delta_dirty:
            self._start(_DELTA_KEY)
        while self._running or self._queue:
            self._pump(block=True)
        ids: dict[str, str] = {}
        for shard in range(self.state.count):
            urls = {page_url(page) for page in self.state.members[shard]}
            if shard in self.dirty:
                ids.update(self._publish(shard))
            else:
                self._keep(shard_prefix(shard))
                ids.update((url, page) for url, page in self.previous.ids.items() if url in urls)
        self.state.ids = ids
        self.state.delta = tuple(sorted(self.delta))
        if self.delta_dirty:
            self.state.delta_ids = self._publish(_DELTA_KEY)
        elif self.delta:
            self._keep(DELTA)
            self.state.delta_ids = dict(self.previous.delta_ids)
        delta_ids = self.state.delta_ids
        in_delta = [page_url(page) for page in self.state.delta]
        self.state.superseded = tuple(sorted(ids[u] for u in in_delta if u in ids and ids[u] != delta_ids.get(u)))
        listed = [f"shards/{s:02d}/" for s in range(1, self.state.count)]
        manifest: dict[str, list[str]] = {"shards": listed}
        if self.delta:
            manifest = {"shards": [*listed, "delta/"], "superseded": list(self.state.superseded)}
        self.out.write(MANIFEST, json.dumps(manifest, indent=1) + "\n")
        shutil.rmtree(self.work, ignore_errors=True)
        return self.state

    def _publish(self, shard: int) -> dict[str, str]:
        """Adopt a finished index into the stage; returns its pages' ids by URL."""
        output = self.work / f"out-{_work_name(shard)}"
        try:
            canonicalise(output)  # Pagefind writes some files in hash-map order: equal input, equal bytes
            ids = {page.url: page.id for page in fragments(output)}
        except BundleError as exc:
            raise SearchIndexError(f"Pagefind 索引文件格式无法识别 / unexpected Pagefind output: {exc}") from None
        if shard != 0:
            for entry in list(output.iterdir()):
                if entry.name not in INDEX_FOLDERS + INDEX_FILES and not entry.name.endswith(INDEX_SUFFIX):
                    (shutil.rmtree if entry.is_dir() else os.unlink)(entry)
            self.out.adopt(output, DELTA if shard == _DELTA_KEY else shard_prefix(shard))
            return ids
        for entry in sorted(output.iterdir()):
            self.out.adopt(entry, f"{BUNDLE}/{entry.name}")
        return ids

    def _keep(self, prefix: str) -> None:
        for relative in self.out.live_files(prefix + "/"):
            if prefix == BUNDLE and (relative.startswith((SHARDS + "/", DELTA + "/")) or relative == MANIFEST):
                continue
            if not self.out.keep(relative):
                raise SearchIndexError(f"search index lost a file: {relative}")

    def bundles(self) -> list[str]:
        """The output folders of every shard's index, shard 0 first."""
        return [shard_prefix(shard) for shard in range(self.state.count)]

    def index_changed(self) -> bool:
        """Whether the published index differs from the last build's (its query data must follow)."""
        return bool(self.dirty) or self.delta_dirty or self.state.delta != self.previous.delta

    def delta_bundle(self) -> str | None:
        """The delta index's output folder, when the published index has one."""
        return DELTA if self.delta else None

    def abort(self) -> None:
        for process in self._running.values():
            process.kill()
            process.wait()
        self._running.clear()
        shutil.rmtree(self.work, ignore_errors=True)
