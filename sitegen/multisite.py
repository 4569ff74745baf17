"""Several sites from one repository (站群): find every site of a folder and build them in parallel.

Each site is built by its own ``sitegen build`` process (its own cache, output, dashboard, spare tree and
nginx configuration, all beside its site.yaml), so one site's failure or interruption leaves the others'
published folders as they were. The cores are shared out: with N sites building at once, each gets
``cores // N`` render workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sitegen.parallel import worker_count


@dataclass(frozen=True)
class SiteRun:
    config: Path
    returncode: int
    output: str  # what its build printed, stdout and stderr together


def find_sites(folder: Path) -> list[Path]:
    """The site.yaml of every site in ``folder``: ``folder/*/site.yaml``, in name order."""
    return sorted(path for path in Path(folder).glob("*/site.yaml") if path.is_file())


def build_sites(configs: list[Path], options: list[str], jobs: int | None = None) -> list[SiteRun]:
    """Build each configuration with ``sitegen build --config C *options``, several at once."""
    cores = worker_count(jobs)
    at_once = max(1, min(len(configs), cores))
    per_site = max(1, cores // at_once)
    env = {**os.environ, "NO_COLOR": "1"}

    def run(config: Path) -> SiteRun:
        argv = [sys.executable, "-m", "sitegen", "build", "--config", str(config), "--jobs", str(per_site), *options]
        done = subprocess.run(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, check=False
        )
        return SiteRun(config, done.returncode, done.stdout.decode("utf-8", "replace"))

    with ThreadPoolExecutor(max_workers=at_once) as pool:
        return list(pool.map(run, configs))
