"""Errors come before warnings: in the terminal, in ``--format json`` and in the ``serve`` overlay (issue 18,
item 3). Before, diagnostics were sorted by file only, so warnings in catalogs/ came before errors in content/."""

from __future__ import annotations

import json
import subprocess
import sys

from sitegen.cli.serve import ServeState, _rebuild
from sitegen.diagnostics.core import Severity
from tests.sitefactory import SiteFactory


def _site(factory: SiteFactory) -> None:
    """An error in the last file by name, warnings in earlier files (catalogs/, policy ``a``)."""
    factory.policy("a")  # catalog item 010102 has no content: SG141 in catalogs/main.yaml; SG423 on a.md
    factory.policy("z", issuer="不存在的机关")


def _order(text: str) -> list[str]:
    return [label for line in text.splitlines() for label in ("错误 error", "警告 warning") if f": {label} [" in line]


def test_errors_come_first_in_text_json_and_the_serve_overlay(factory):
    _site(factory)
    diags = factory.diagnostics()
    assert diags.errors and diags.warnings
    text = diags.format(colour=False)
    labels = _order(text)
    assert labels == sorted(labels, key=lambda label: label != "错误 error"), text
    assert text.index("== 错误 errors ==") < text.index("== 警告 warnings ==")

    severities = [d["severity"] for d in json.loads(diags.to_json())["diagnostics"]]
    assert severities == sorted(severities, key=lambda s: s != Severity.ERROR.value)
    assert severities[0] == "error"

    state = ServeState()
    _rebuild(factory.root / "site.yaml", factory.root / "_serve", state, search=False)
    assert state.error is not None
    overlay = _order(state.error)
    assert overlay and overlay == sorted(overlay, key=lambda label: label != "错误 error"), state.error


def test_the_check_command_prints_errors_first(factory):
    _site(factory)
    run = subprocess.run(
        [sys.executable, "-m", "sitegen", "check", "--config", str(factory.root / "site.yaml")],
        capture_output=True,
        text=True,
        cwd=factory.root,
    )
    labels = _order(run.stderr)
    assert "错误 error" in labels and "警告 warning" in labels, run.stderr
    assert labels == sorted(labels, key=lambda label: label != "错误 error"), run.stderr
