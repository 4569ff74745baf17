"""The progress bar: shown only on a terminal outside CI, and only once a build has taken a while."""

from __future__ import annotations

import io
import sys

from sitegen.engine import progress
from sitegen.engine.progress import BuildProgress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_in_ci_and_in_pipes(monkeypatch):
    monkeypatch.setattr(sys, "stderr", _Terminal())
    monkeypatch.delenv("CI", raising=False)
    assert progress.wanted()
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted()
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert not progress.wanted()


def test_the_bar_appears_only_after_a_delay(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = BuildProgress(enabled=True)
    bar.phase("生成页面 rendering pages", 10)
    bar.advance(3)
    assert terminal.getvalue() == ""
    bar.started -= progress.SHOW_AFTER_SECONDS + 1
    bar.advance(3)
    bar.close()
    assert "rendering pages" in terminal.getvalue() and "6/10" in terminal.getvalue()
