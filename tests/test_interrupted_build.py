"""Nothing is lost: a build killed or interrupted while writing pages leaves the published site as it was.

The build runs as a real ``python -m sitegen build`` process over a site made large enough
(1,200 extra policies) that rendering takes seconds; the test waits until the staged output
folder holds files, so the signal lands in the middle of writing, and then checks the old site
byte for byte.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sitefactory import SiteFactory
from tests.test_rule_codes import add_theme

ROOT = Path(__file__).resolve().parent.parent
BULK = 1200
MIDWAY_FILES = 40


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(target: Path) -> list[str]:
    """Stages and work folders of builds; not the spare, the previous site kept for incremental builds."""
    return sorted(
        p.name
        for p in target.parent.iterdir()
        if p.name.startswith(f".{target.name}.sitegen-") and p.name != f".{target.name}.sitegen-spare"
    )


def start_build(site: SiteFactory, target: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitegen",
            "build",
            "--config",
            str(site.root / "site.yaml"),
            "--output",
            str(target),
            "--no-search",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def wait_until_midway(process: subprocess.Popen, stage: Path) -> int:
    """Block until the build has written some pages; returns how many files the stage holds."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the build ended before it could be interrupted: {process.communicate()}")
        count = sum(len(files) for _, _, files in os.walk(stage)) if stage.is_dir() else 0
        if count >= MIDWAY_FILES:
            return count
        time.sleep(0.01)
    raise AssertionError("the build never started writing")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    """A small site with a published _site, and a large batch of policies ready to be added."""
    site = SiteFactory(tmp_path_factory.mktemp("interrupted"))
    add_theme(site)
    site.policy("a", title="测试区人民政府关于第一版的通知")
    target = site.root / "_site"
    done = start_build(site, target)
    _, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    bulk = site.root / "content" / "policies" / "bulk"
    bulk.mkdir()
    text = (site.root / "content/policies/a.md").read_text("utf-8")
    body = "\n\n".join(
        f"## 第{n}条\n\n" + "本办法所称政府信息，是指行政机关在履行行政管理职能过程中制作或者获取的信息。" * 3
        for n in range(1, 8)
    )
    for n in range(BULK):
        (bulk / f"bulk-{n:04d}.md").write_text(text.replace("第一版", f"批量{n}") + body, encoding="utf-8")
    return site, target


def test_sigkill_midway_leaves_the_published_site_intact_and_the_next_run_cleans_up(project):
    site, target = project
    before = snapshot(target)
    site.policy("a", title="测试区人民政府关于第二版的通知")  # what a completed build would publish
    process = start_build(site, target)
    stage = target.parent / f".{target.name}.sitegen-tmp-{process.pid}"
    written = wait_until_midway(process, stage)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert written >= MIDWAY_FILES and stage.is_dir(), "the kill must land while pages are being written"
    assert snapshot(target) == before
    assert "第二版" not in (target / "policies/a/index.html").read_text("utf-8")

    # The next run (without the large batch, to stay quick) publishes and removes the killed build's stage.
    shutil.move(site.root / "content/policies/bulk", site.root / "bulk-aside")
    try:
        again = start_build(site, target)
        _, err = again.communicate(timeout=300)
        assert again.returncode == 0, err
    finally:
        shutil.move(site.root / "bulk-aside", site.root / "content/policies/bulk")
    assert leftovers(target) == []
    assert "第二版" in (target / "policies/a/index.html").read_text("utf-8")


def test_ctrl_c_midway_stops_cleanly_and_changes_nothing(project):
    site, target = project
    before = snapshot(target)
    site.policy("a", title="测试区人民政府关于第三版的通知")
    process = start_build(site, target)
    stage = target.parent / f".{target.name}.sitegen-tmp-{process.pid}"
    wait_until_midway(process, stage)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "已中断，原网站未改动。Interrupted; the published site was left unchanged." in err
    assert "Traceback" not in err + out
    assert snapshot(target) == before
    assert leftovers(target) == []  # an interrupted build removes its own stage at once
