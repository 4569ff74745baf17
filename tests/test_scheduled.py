"""定时发布: a document dated after the build date is in no output file until a build on or after that date."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.model.schedule import build_date
from tests.portalfactory import consultation, event
from tests.sitefactory import THEME, SiteFactory

MARK = "禁发标记词"  # appears only in the scheduled documents
DUE = dt.date(2026, 3, 16)
ROOT = Path(__file__).resolve().parent.parent


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def readable(data: bytes) -> str:
    """A file's text, unpacking gzip streams (precompressed pages, Pagefind's index chunks)."""
    start = data.find(b"\x1f\x8b")
    if start != -1:
        with contextlib.suppress(OSError, EOFError):  # not a gzip stream after all
            data = gzip.decompress(data[start:])
    return data.decode("utf-8", "replace")


def mentions(folder: Path) -> list[str]:
    """Every output file that names a scheduled document (its mark, its id or its title)."""
    needles = (MARK, "embargoed-plan", "embargoed-reading", "embargoed-consult", "禁发计划")
    return sorted(name for name, data in files_of(folder).items() if any(n in readable(data) for n in needles))


def site(tmp_path: Path, *, scheduled: bool) -> SiteFactory:
    factory = SiteFactory(tmp_path)
    factory.config = {**factory.config, "theme_dir": str(THEME)}
    factory.write("site.yaml", __import__("yaml").safe_dump(factory.config, allow_unicode=True, sort_keys=False))
    factory.policy("ordinary", body="普通正文。\n")
    if scheduled:
        factory.policy(
            "embargoed-plan",
            body=f"{MARK}：本计划在发布日前保密。\n",
            title="测试区禁发计划",
            written=dt.date(2026, 3, 1),
            published=DUE,
            review={"date": dt.date(2026, 3, 2), "by": "保密审查小组"},
            keywords=[MARK],
        )
        # Due earlier than its policy: held back with it.
        factory.interpretation(
            "embargoed-reading", "embargoed-plan", body=f"{MARK}解读。\n", published=DUE - dt.timedelta(days=3)
        )
        consultation(
            factory, "embargoed-consult", body=f"{MARK}征求意见。\n", opens=DUE, closes=DUE + dt.timedelta(days=30)
        )
        event(
            factory,
            "embargoed-event",
            body=f"## 活动内容\n\n{MARK}。\n",
            title="禁发计划开放日",
            published=DUE + dt.timedelta(days=1),
            starts="2026-04-10 09:00",
            ends="2026-04-10 11:00",
        )
    return factory


def test_before_its_date_the_output_is_that_of_a_site_without_it(tmp_path):
    """Byte for byte, search index included: no page, listing, count, feed, sitemap, export or elder page differs."""
    today = DUE - dt.timedelta(days=1)
    with_it = site(tmp_path / "with", scheduled=True)
    without = site(tmp_path / "without", scheduled=False)
    first = build(
        with_it.root / "site.yaml", tmp_path / "out-with", today=today, search=True, reports=tmp_path / "reports-with"
    )
    build(
        without.root / "site.yaml",
        tmp_path / "out-without",
        today=today,
        search=True,
        reports=tmp_path / "reports-without",
    )
    assert mentions(tmp_path / "out-with") == []
    a, b = files_of(tmp_path / "out-with"), files_of(tmp_path / "out-without")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    # The webmaster sees what is waiting, and when (the dashboard is outside the site).
    assert [(s.id, s.due) for s in first.scheduled] == [
        ("embargoed-consult", DUE),
        ("embargoed-reading", DUE),
        ("embargoed-plan", DUE),
        ("embargoed-event", DUE + dt.timedelta(days=1)),
    ]
    dashboard = first.report.read_text(encoding="utf-8")
    assert "定时发布" in dashboard and "测试区禁发计划" in dashboard and "2026-03-16" in dashboard


def test_on_its_date_it_is_in_every_kind_of_output(tmp_path):
    factory = site(tmp_path, scheduled=True)
    build(factory.root / "site.yaml", tmp_path / "out", today=DUE, search=True)
    found = mentions(tmp_path / "out")
    for expected in (
        "policies/embargoed-plan/index.html",
        "elder/policies/embargoed-plan/index.html",
        "interpretations/embargoed-reading/index.html",
        "consultations/embargoed-consult/index.html",
        "policies/index.html",
        "index.html",
        "sitemap.xml",
        "feeds/all.xml",
        "data/policies.json",
    ):
        assert expected in found, expected
    assert any(name.startswith("pagefind/") for name in found), "the search index"
    assert "events/embargoed-event/index.html" not in found  # due one day later


@pytest.mark.parametrize("seed", range(3))
def test_presence_follows_the_date_in_random_builds(tmp_path, seed):
    """Property: for random build dates around the due date, the document is published iff due <= today."""
    rng = random.Random(seed)
    factory = site(tmp_path, scheduled=True)
    for step in range(3):
        today = DUE + dt.timedelta(days=rng.randint(-40, 40))
        out = tmp_path / f"out-{step}"
        result = build(factory.root / "site.yaml", out, today=today, search=False)
        page = out / "policies" / "embargoed-plan" / "index.html"
        assert page.exists() == (today >= DUE), today
        assert any("embargoed-plan" in readable(data) for data in files_of(out).values()) == (today >= DUE)
        assert ("embargoed-plan" in {s.id for s in result.scheduled}) == (today < DUE)


def test_an_incremental_build_notices_the_date_passing(tmp_path):
    """The cache must not answer "up to date" when a scheduled document has become due, and must not keep it after."""
    factory = site(tmp_path, scheduled=True)
    out = tmp_path / "_site"
    config = factory.root / "site.yaml"
    build(config, out, today=DUE - dt.timedelta(days=1), search=False)
    again = build(config, out, today=DUE - dt.timedelta(days=1), search=False)
    assert again.up_to_date and not (out / "policies/embargoed-plan/index.html").exists()
    due = build(config, out, today=DUE, search=False)
    assert not due.up_to_date and (out / "policies/embargoed-plan/index.html").exists()
    clean = tmp_path / "clean"
    build(config, clean, today=DUE, search=False, clean=True)
    a, b = files_of(out), files_of(clean)
    assert sorted(a) == sorted(b) and [n for n in a if a[n] != b[n]] == []
    # Back-dated build (e.g. a rollback of the clock): it disappears again.
    build(config, out, today=DUE - dt.timedelta(days=2), search=False)
    assert mentions(out) == []


def test_build_date_is_the_date_in_beijing():
    # 2026-03-15 17:00 UTC is 01:00 on 16 March in Beijing: that day's documents are due.
    assert build_date(dt.datetime(2026, 3, 15, 17, 0, tzinfo=dt.UTC)) == DUE
    assert build_date(dt.datetime(2026, 3, 15, 15, 59, tzinfo=dt.UTC)) == DUE - dt.timedelta(days=1)


def test_the_build_summary_lists_what_is_scheduled(tmp_path):
    factory = site(tmp_path, scheduled=True)
    epoch = str(int(dt.datetime(2026, 3, 10, 4, 0, tzinfo=dt.UTC).timestamp()))
    shutil.rmtree(factory.root / "_site", ignore_errors=True)
    run = subprocess.run(
        check=False,
        args=[sys.executable, "-m", "sitegen", "build", "--no-search", "--config", str(factory.root / "site.yaml")],
        capture_output=True,
        text=True,
        cwd=factory.root,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": epoch},
    )
    assert run.returncode == 0, run.stderr
    assert "定时发布 scheduled: 4" in run.stdout
    assert "2026-03-16  content/policies/embargoed-plan.md  测试区禁发计划" in run.stdout
