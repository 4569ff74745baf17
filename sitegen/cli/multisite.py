"""Several sites from one repository (站群): find every site of a folder and build them in parallel.

Each site is built by its own ``sitegen build`` process (its own cache, output, dashboard, spare tree and
nginx configuration, all beside its site.yaml), so one site's failure or interruption leaves the others'
published folders as they were. The cores are shared out: with N sites building at once, each gets
``cores // N`` render workers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sitegen.engine.parallel import worker_count


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


def build_sites_command(args: argparse.Namespace) -> int:
    """``sitegen build --sites DIR``: every site of DIR, in parallel; the exit code of the worst."""
    configs = find_sites(args.sites)
    if args.output or args.reports:
        print(
            "用法错误 usage error: --sites 不能与 --output、--reports 同用，"
            "每个网站的输出目录写在各自的 site.yaml 中 / "
            "--sites cannot be combined with --output or --reports: each site names its output in its site.yaml",
            file=sys.stderr,
        )
        return 2
    if not configs:
        print(
            f"用法错误 usage error: 没有找到 {args.sites}/*/site.yaml / no {args.sites}/*/site.yaml found "
            "（站群的目录结构见 docs/multisite.md / the layout of several sites: docs/multisite.md）",
            file=sys.stderr,
        )
        return 2
    options = [
        flag for flag, on in (("--strict", args.strict), ("--no-search", args.no_search), ("--clean", args.clean)) if on
    ]
    print(
        f"并行生成 {len(configs)} 个网站 building {len(configs)} sites: " + "、".join(c.parent.name for c in configs),
        flush=True,
    )
    runs = build_sites(configs, options, args.jobs)
    for run in runs:
        status = "成功 ok" if run.returncode == 0 else f"失败 failed（退出码 exit code {run.returncode}）"
        print(f"\n== {run.config} — {status}\n{run.output.rstrip()}", flush=True)
    failed = [run for run in runs if run.returncode]
    print(f"\n{len(runs) - len(failed)} 个网站成功 sites built, {len(failed)} 个失败 failed")
    return max((run.returncode for run in runs), default=0)
