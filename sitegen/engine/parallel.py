"""Rendering pages in worker processes.

The parent loads and checks the whole site once, then forks one worker per core: the workers
inherit the site model, the Jinja environment and the page list (copy-on-write, nothing is
pickled), and render batches of pages by index. Each page's Markdown body is converted in the
worker that renders the page (a :class:`~sitegen.fingerprint.DeferredBody`), written straight to
its staged path and dropped, so no process ever holds the whole site's HTML. A worker returns
only small facts per page: the digest of the bytes written, the tables the template read, and the
body's diagnostics, links and files. Batches are handed out as workers free up, so both cores
stay busy to the end; a build with only a few pages to render skips the pool altogether.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from sitegen.checks.selfcontained import Problem, page_problems
from sitegen.diagnostics.core import Diagnostic
from sitegen.engine.fingerprint import DeferredBody, recording
from sitegen.model.pagespec import PageSpec
from sitegen.outputs.precompress import gzip_copy
from sitegen.render.elder import copy_loads_what_page_loads, elder_page
from sitegen.store.inputs import digest_bytes
from sitegen.store.staging import replace_file

# Below this many pages a pool costs more (fork, IPC) than it saves.
POOL_THRESHOLD = 40


@dataclass(frozen=True)
class OutputFile:
    """One file a page job writes, with its gzip copy; the digests are of the staged files now."""

    path: str
    current: str | None  # an equal file is not rewritten
    gz_path: str
    gz_current: str | None


@dataclass(frozen=True)
class PageJob:
    index: int  # into the page list
    page: OutputFile
    elder: OutputFile  # the page's elder edition (长辈版), derived from the same HTML


@dataclass(frozen=True)
class Written:
    digest: str
    gz_digest: str | None  # None: gzip would not make the file smaller, so there is no copy
    problems: list[Problem]  # what the page loads from elsewhere or runs inline (SG180, SG181)


@dataclass
class BodyFacts:
    """What the build needs of a rendered body once its HTML is written: never the HTML itself."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    site_links: list[tuple[str, int | None]] = field(default_factory=list)
    assets: list[tuple[str, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)  # element ids in the body: targets of links with #fragments


@dataclass
class PageOutcome:
    index: int
    page: Written
    elder: Written
    reads: frozenset
    body: BodyFacts | None
    key: str | None = None  # the page's input fingerprint, when the worker was asked for it


def worker_count(jobs: int | None = None) -> int:
    return max(1, jobs or os.cpu_count() or 1)


_task: Callable[[int], Any] | None = None


def _run_task(indices: list[int]) -> list[Any]:
    assert _task is not None
    return [_task(i) for i in indices]


def fork_map(task: Callable[[int], Any], count: int, workers: int) -> list[Any]:
    """``[task(i) for i in range(count)]``, split over forked workers that inherit ``task`` and its data."""
    if workers <= 1 or count < POOL_THRESHOLD:
        return [task(i) for i in range(count)]
    global _task
    size = max(1, min(100, count // (workers * 8)))
    chunks = [list(range(i, min(i + size, count))) for i in range(0, count, size)]
    _task = task
    try:
        with _pool(workers) as pool:
            results = [item for chunk in pool.map(_run_task, chunks) for item in chunk]
            pool.close()
            pool.join()
        return results
    finally:
        _task = None
        gc.unfreeze()


def render_one(
    specs: list[PageSpec], env: jinja2.Environment, job: PageJob, fingerprint: Callable[[PageSpec], str] | None = None
) -> PageOutcome:
    spec = specs[job.index]
    bodies = [value for value in spec.context.values() if isinstance(value, DeferredBody)]
    with recording() as reads:
        html = env.get_template(spec.template).render(page=spec, **spec.context)
        for body in bodies:
            body.rendered  # noqa: B018 - a theme that hides the body must not hide its link errors
    page = _write(job.page, html)
    # The copy is checked only when the page has problems or the copy could add one: half of the check's work.
    elder = _write(
        job.elder,
        elder_page(html, spec.url),
        check=bool(page.problems) or not copy_loads_what_page_loads(html, spec.url),
    )
    facts = None
    if bodies:
        rendered = bodies[0].rendered
        facts = BodyFacts(list(rendered.diagnostics), list(rendered.site_links), list(rendered.assets), rendered.ids)
    for body in bodies:
        body.release()
    key = fingerprint(spec) if fingerprint is not None else None
    return PageOutcome(job.index, page, elder, frozenset(reads), facts, key)


def _write(output: OutputFile, html: str, check: bool = True) -> Written:
    """Write a page and its gzip copy where they changed; checked here, in parallel, for what it loads."""
    data = html.encode("utf-8")
    digest = digest_bytes(data)
    if digest != output.current:
        replace_file(Path(output.path), lambda tmp: tmp.write_bytes(data))
    gz_digest = output.gz_current
    if digest != output.current or gz_digest is None:
        packed = gzip_copy(data)
        gz_digest = None if packed is None else digest_bytes(packed)
        if packed is not None and gz_digest != output.gz_current:
            replace_file(Path(output.gz_path), lambda tmp: tmp.write_bytes(packed))
    return Written(digest, gz_digest, page_problems(html) if check else [])


_work: tuple | None = None


def _render_batch(batch: list[int]) -> list[PageOutcome]:
    assert _work is not None
    specs, env, jobs, fingerprint = _work
    return [render_one(specs, env, jobs[i], fingerprint) for i in batch]


def _quiet_worker() -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides what to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(workers: int):
    """A pool of forked workers; the parent's objects are frozen out of the collector first, so that
    garbage collection in a worker does not write to (and so copy) every page it inherited."""
    gc.freeze()
    return multiprocessing.get_context("fork").Pool(workers, initializer=_quiet_worker)


def render_pages(
    specs: list[PageSpec],
    env: jinja2.Environment,
    jobs: list[PageJob],
    workers: int,
    fingerprint: Callable[[PageSpec], str] | None = None,
) -> Iterator[PageOutcome]:
    """Render ``jobs`` (in any order), yielding each page's outcome as soon as it is written;
    ``fingerprint``, when given, is computed by the worker too (a full build has nothing to compare it with
    before rendering, so it need not hold up the start)."""
    if workers <= 1 or len(jobs) < POOL_THRESHOLD:
        for job in jobs:
            yield render_one(specs, env, job, fingerprint)
        return
    global _work
    size = max(1, min(50, len(jobs) // (workers * 8)))
    batches = [list(range(i, min(i + size, len(jobs)))) for i in range(0, len(jobs), size)]
    _work = (specs, env, jobs, fingerprint)
    try:
        with _pool(workers) as pool:
            for outcomes in pool.imap_unordered(_render_batch, batches):
                yield from outcomes
            pool.close()
            pool.join()
    finally:
        _work = None
        gc.unfreeze()
