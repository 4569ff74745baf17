"""The build-speed benchmark runs end to end at a small size and prints its table (timings are never asserted)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT


def test_build_speed_benchmark_prints_every_row(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(PROJECT / "benchmarks" / "build_speed.py"),
            "--docs",
            "60",
            "--repeat",
            "1",
            "--workdir",
            str(tmp_path / "bench"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| row |"))
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("| "):
            break  # the targets table follows after a blank line
        rows.append(line)
    assert [row.split(" | ")[0] for row in rows] == [
        "| Hugo + Pagefind extended, cold (the peer: whole pages indexed)",
        "| Hugo + Pagefind extended, cold, main content only (data-pagefind-body)",
        "| sitegen cold build (empty cache), search index included",
        "| sitegen rebuild, nothing changed",
        "| sitegen first change after a cold build (one body edit; makes the spare copy)",
        "| sitegen rebuild after editing one policy's body",
        "| sitegen rebuild after changing one policy's title",
        "| sitegen rebuild after adding one policy",
        "| sitegen serve: one body edit saved until the server sends the edited page",
    ]
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert all(float(value) > 0 for value in cells[1:]), row
    assert "60 documents" in result.stdout
    assert "| serve: edited page shown < 2 s after saving |" in result.stdout
