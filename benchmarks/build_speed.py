#!/usr/bin/env python3
"""Build speed: sitegen against Hugo + Pagefind on the same synthetic portal.

    python benchmarks/build_speed.py --docs 10000 [--seed 1] [--repeat 3] [--workdir DIR]

Generates a reproducible corpus of ``--docs`` documents (benchmarks/corpus.py), then runs each
row ``--repeat`` times and prints the median. Per row: wall time; peak resident memory of the
whole process tree (the sum over all descendants, sampled from /proc every 0.1 s, so a spike
shorter than that can be missed); the CPU time of the process and all its descendants (from
``wait4``: on a busy machine the fairer comparison); the peak of the largest single process (exact: the kernel's
``ru_maxrss`` of the waited-for tree, from ``wait4``); site pages per second of wall time; and
the ratio of the wall time to the Hugo + Pagefind row. The peer is measured twice: as the issue
defines it (a minimal Hugo layout; Pagefind indexes whole pages) and with the main content marked
(``data-pagefind-body``), which indexes the same text sitegen indexes. Every command is a fresh process, so
sitegen's rows include Python's start-up. Nothing here is asserted: it prints numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpus_module  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.1
SERVE_SETTLE_SECONDS = 3.0
SERVE_TIMEOUT_SECONDS = 600


@dataclass
class Sample:
    wall: float
    cpu: float  # user + system seconds of the process and every descendant it waited for
    tree_rss: int  # bytes
    largest_rss: int  # bytes
    failed: str = ""  # why the command failed (the peer can run out of memory at 100,000 pages)


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append(int(name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(parents.get(pid, []))
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def _tree_cpu(root: int) -> float:
    """CPU seconds of a running process, the children it waited for, and its live descendants."""
    total = 0
    for pid in _descendants(root):
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None, check: bool = True) -> Sample:
    """Run ``command`` to completion; raise when it fails, unless ``check`` is false."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_rss(pid) for pid in _descendants(process.pid)))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read()  # drained while it runs, so a chatty tool never blocks
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    failed = ""
    if process.returncode != 0:
        failed = f"exit {process.returncode}: {' '.join(command[:2])} {stderr.decode(errors='replace')[-300:]}"
        if check:
            raise SystemExit(f"command failed: {failed}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, peak, usage.ru_maxrss * 1024, failed)


def combine(*samples: Sample) -> Sample:
    """Commands run one after the other: times add up, memory peaks do not."""
    return Sample(
        sum(s.wall for s in samples),
        sum(s.cpu for s in samples),
        max(s.tree_rss for s in samples),
        max(s.largest_rss for s in samples),
        "; ".join(s.failed for s in samples if s.failed),
    )


def count_pages(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*.html") if "pagefind" not in p.relative_to(folder).parts)


class Bench:
    def __init__(self, corpus: corpus_module.Corpus, seed: int):
        self.corpus = corpus
        self.seed = seed
        self.env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "SOURCE_DATE_EPOCH": str(int(dt.datetime.combine(corpus_module.TODAY, dt.time(), dt.UTC).timestamp())),
        }
        self.env.pop("CI", None)
        self.site = corpus.root / "_site"
        public = sorted((p for p in corpus.policies if p.public), key=lambda p: p.id)
        self.edited = public[len(public) // 2]  # a mid-aged policy: neither the newest nor the oldest
        self.added = 0

    def sitegen(self, *extra: str) -> Sample:
        return measure(
            [sys.executable, "-m", "sitegen", "build", "--config", str(self.corpus.config), *extra], REPO, self.env
        )

    def peer(self, hugo: Path) -> Sample:
        shutil.rmtree(hugo / "public", ignore_errors=True)
        shutil.rmtree(hugo / "resources", ignore_errors=True)
        import pagefind_bin_extended

        built = measure(["hugo", "--quiet", "--destination", "public"], hugo, check=False)
        if built.failed:
            return built
        indexed = measure([pagefind_bin_extended.get_executable(), "--site", "public", "--silent"], hugo, check=False)
        return combine(built, indexed)

    def cold(self) -> Sample:
        for path in (
            self.site,
            self.corpus.root / "_reports",
            self.corpus.root / ".sitegen-cache",
            self.corpus.root / "._site.sitegen-spare",
        ):
            shutil.rmtree(path, ignore_errors=True)
        return self.sitegen()

    def edit_body(self, marker: int) -> Sample:
        path = self.corpus.root / self.edited.relative
        path.write_text(path.read_text(encoding="utf-8") + f"\n本通知由基准测试第{marker}次修改。\n", encoding="utf-8")
        return self.sitegen()

    def edit_title(self, marker: int) -> Sample:
        path = self.corpus.root / self.edited.relative
        text = path.read_text(encoding="utf-8")
        head, rest = text.split("\ntitle: ", 1)
        title, rest = rest.split("\n", 1)
        new_title = title.rstrip('"').split("（第")[0] + f"（第{marker}次修订）" + ('"' if title.endswith('"') else "")
        path.write_text(f"{head}\ntitle: {new_title}\n{rest}", encoding="utf-8")
        return self.sitegen()

    def serve_edit(self, marker: int) -> Sample:
        """``sitegen serve`` running, one body edit: wall is the time from saving the file until the server
        sends the edited page (what a browser polling for the reload would show); CPU and memory are the
        server's (and its children's) over that time."""
        command = [sys.executable, "-m", "sitegen", "serve", "--config", str(self.corpus.config), "--port", "0"]
        process = subprocess.Popen(
            command, cwd=REPO, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        try:
            port = None
            while port is None:
                line = process.stdout.readline()
                if not line:
                    return Sample(0, 0, 0, 0, f"sitegen serve exited {process.wait()}")
                found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                port = int(found.group(1)) if found else None
            threading.Thread(target=process.stdout.read, daemon=True).start()  # never let the pipe fill
            time.sleep(SERVE_SETTLE_SECONDS)  # the watcher takes its first picture of the inputs after starting
            url = f"http://127.0.0.1:{port}/policies/{self.edited.id}/"
            text = f"本通知由基准测试第{marker}次修改。"
            cpu_before = _tree_cpu(process.pid)
            path = self.corpus.root / self.edited.relative
            path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
            started = time.perf_counter()
            peak_tree = peak_largest = 0
            while True:
                pids = _descendants(process.pid)
                sizes = [_rss(pid) for pid in pids]
                peak_tree, peak_largest = max(peak_tree, sum(sizes)), max(peak_largest, max(sizes, default=0))
                try:
                    with urllib.request.urlopen(url, timeout=5) as response:
                        if text in response.read().decode("utf-8", errors="replace"):
                            break
                except OSError:
                    pass
                if time.perf_counter() - started > SERVE_TIMEOUT_SECONDS:
                    return Sample(0, 0, 0, 0, f"the edit did not show within {SERVE_TIMEOUT_SECONDS} s")
                time.sleep(SAMPLE_SECONDS / 2)
            wall = time.perf_counter() - started
            return Sample(wall, _tree_cpu(process.pid) - cpu_before, peak_tree, peak_largest)
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def add_policy(self) -> Sample:
        self.added += 1
        corpus_module.new_policy(self.corpus, self.added, self.seed)
        return self.sitegen()


ROWS = [
    ("peer", "Hugo + Pagefind extended, cold (the peer: whole pages indexed)"),
    ("peer-body", "Hugo + Pagefind extended, cold, main content only (data-pagefind-body)"),
    ("cold", "sitegen cold build (empty cache), search index included"),
    ("noop", "sitegen rebuild, nothing changed"),
    ("first", "sitegen first change after a cold build (one body edit; makes the spare copy)"),
    ("body", "sitegen rebuild after editing one policy's body"),
    ("title", "sitegen rebuild after changing one policy's title"),
    ("add", "sitegen rebuild after adding one policy"),
    ("serve", "sitegen serve: one body edit saved until the server sends the edited page"),
]


def run(args: argparse.Namespace) -> None:
    root = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix=f"sitegen-bench-{args.docs}-"))
    if root.exists() and any(root.iterdir()):
        if not (root / "hugo" / "config.toml").is_file():
            raise SystemExit(f"{root} is not empty and holds no earlier benchmark corpus; refusing to delete it")
        shutil.rmtree(root)
    print(f"生成语料 generating {args.docs} documents (seed {args.seed}) in {root} …", file=sys.stderr, flush=True)
    corpus = corpus_module.generate(root, args.docs, args.seed)
    bench = Bench(corpus, args.seed)
    samples: dict[str, list[Sample]] = {key: [] for key, _ in ROWS}
    for repeat in range(1, args.repeat + 1):
        print(f"第 {repeat}/{args.repeat} 轮 round {repeat}/{args.repeat}", file=sys.stderr, flush=True)
        if args.peer:
            samples["peer"].append(bench.peer(corpus.hugo))
            samples["peer-body"].append(bench.peer(corpus.hugo_body))
        samples["cold"].append(bench.cold())
        samples["noop"].append(bench.sitegen())
        samples["first"].append(bench.edit_body(repeat * 10))
        samples["body"].append(bench.edit_body(repeat * 10 + 1))
        samples["title"].append(bench.edit_title(repeat))
        samples["add"].append(bench.add_policy())
        if args.serve:
            samples["serve"].append(bench.serve_edit(repeat * 10 + 2))
    pages = count_pages(bench.site)
    peer_pages = count_pages(corpus.hugo_body / "public") if args.peer else 0
    markdown = sum(p.stat().st_size for p in (root / "content").rglob("*.md"))
    print(
        f"\n语料 corpus: {args.docs} documents ({len(corpus.policies)} policies, {len(corpus.interpretations)} "
        f"interpretations), {len(corpus.items)} catalog items, {markdown / 1e6:.1f} MB of Markdown; "
        f"sitegen {pages} pages, Hugo {peer_pages} pages; {os.cpu_count()} cores; median of {args.repeat}\n"
    )
    print(table(samples, pages, peer_pages))
    print()
    print(targets(samples, args.docs))
    if not args.keep and not args.workdir:
        shutil.rmtree(root, ignore_errors=True)


def table(samples: dict[str, list[Sample]], pages: int, peer_pages: int) -> str:
    peer_runs = [s for s in samples["peer"] if not s.failed]
    peer = statistics.median(s.wall for s in peer_runs) if peer_runs else None
    lines = [
        "| row | wall s | CPU s | peak RSS, process tree MB | peak RSS, largest process MB | pages/s | × peer |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, label in ROWS:
        runs = [s for s in samples[key] if not s.failed]
        if not samples[key]:
            lines.append(f"| {label} | not run (--no-{key.split('-')[0]}) | | | | | |")
            continue
        if not runs:
            lines.append(f"| {label} | failed: {samples[key][0].failed.strip()} | | | | | |")
            continue
        wall = statistics.median(s.wall for s in runs)
        cpu = statistics.median(s.cpu for s in runs)
        tree = statistics.median(s.tree_rss for s in runs) / 1e6
        largest = statistics.median(s.largest_rss for s in runs) / 1e6
        count = peer_pages if key.startswith("peer") else pages
        ratio = f"{wall / peer:.2f}" if peer else "—"
        lines.append(
            f"| {label} | {wall:.2f} | {cpu:.1f} | {tree:.0f} | {largest:.0f} | {count / wall:.0f} | {ratio} |"
        )
    return "\n".join(lines)


def _median(samples: list[Sample], field_name: str) -> float | None:
    runs = [getattr(s, field_name) for s in samples if not s.failed]
    return statistics.median(runs) if runs else None


def targets(samples: dict[str, list[Sample]], docs: int) -> str:
    """Issue 14's targets against this run: which hold, and by how much the others miss."""
    small = docs <= 2000
    peer_wall, peer_largest = _median(samples["peer"], "wall"), _median(samples["peer"], "largest_rss")
    checks = [
        ("cold build, search included, ≤ 1.0× the peer", "cold", "wall", peer_wall, "× peer"),
        (f"nothing changed < {0.5 if small else 1.0} s", "noop", "wall", 0.5 if small else 1.0, "s"),
        (f"one body edited, search updated < {2.0 if small else 3.0} s", "body", "wall", 2.0 if small else 3.0, "s"),
        ("title edited < 5 s", "title", "wall", 5.0, "s"),
        ("policy added < 5 s", "add", "wall", 5.0, "s"),
        ("serve: edited page shown < 2 s after saving", "serve", "wall", 2.0, "s"),
        (
            "largest process ≤ 0.55× the peer's",
            "cold",
            "largest_rss",
            0.55 * peer_largest if peer_largest else None,
            "× peer",
        ),
    ]
    lines = ["| target | measured | holds |", "| --- | ---: | --- |"]
    for label, key, field_name, limit, unit in checks:
        value = _median(samples[key], field_name)
        if value is None or limit is None:
            lines.append(f"| {label} | not measured | — |")
            continue
        if unit == "× peer":
            base = peer_wall if field_name == "wall" else peer_largest
            shown = f"{value / base:.2f}× ({value / 1e6:.0f} MB)" if field_name != "wall" else f"{value / base:.2f}×"
        else:
            shown = f"{value:.2f} s"
        verdict = "yes" if value <= limit else f"no ({value / limit:.1f}× the target)"
        lines.append(f"| {label} | {shown} | {verdict} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="documents in the corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per row; the median is reported")
    parser.add_argument("--workdir", help="where to generate the corpus (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpus and outputs")
    parser.add_argument(
        "--no-peer",
        dest="peer",
        action="store_false",
        help="skip Hugo + Pagefind (at 100,000 documents one Pagefind run needs more memory than a 24 GB machine has)",
    )
    parser.add_argument(
        "--no-serve",
        dest="serve",
        action="store_false",
        help="skip the sitegen serve row (an edit while the preview server runs)",
    )
    run(parser.parse_args())


if __name__ == "__main__":
    main()
