"""A progress bar for builds that take more than a moment: rich on a terminal, nothing in CI or a pipe."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

# A build that ends sooner never shows a bar: the summary line says enough.
SHOW_AFTER_SECONDS = 2.0


def wanted() -> bool:
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("1", "true", "yes")


class BuildProgress:
    """Phases with a count of done items; drawn (without a background thread) once the build is slow."""

    def __init__(self, enabled: bool | None = None):
        self.enabled = wanted() if enabled is None else enabled
        self.started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._phase = ("", 0)
        self._done = 0
        self._drawn = 0.0

    def phase(self, name: str, total: int) -> None:
        self._phase = (name, total)
        self._done = 0
        if self._bar is not None:
            assert self._task is not None  # made with the bar
            self._bar.update(self._task, description=name, total=total, completed=0)
        self._draw(force=True)

    def pages_ready(self, stage: Path) -> None:
        """Every page of the build is written in ``stage``; the search index and the last checks follow.
        ``sitegen serve`` shows the pages from there at once (the build may still fail its checks)."""

    def advance(self, count: int = 1) -> None:
        self._done += count
        self._draw()

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._bar is None:
            if now - self.started < SHOW_AFTER_SECONDS:
                return
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                auto_refresh=False,
            )
            self._bar.start()
            name, total = self._phase
            self._task = self._bar.add_task(name, total=total)
        if force or now - self._drawn > 0.1:
            assert self._task is not None
            self._bar.update(self._task, completed=self._done)
            self._bar.refresh()
            self._drawn = now

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
