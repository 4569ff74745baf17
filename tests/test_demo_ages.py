"""The demo ages well: checked on any date of the next five years it gives no warning but the two it means to give.

A rule's outcome can change only where ``today`` crosses a date written in the content, so the demo is checked
on the day after each such date within five years of its pinned build date (plus a date each year); a few of
those dates go through ``sitegen check`` with SOURCE_DATE_EPOCH, as a webmaster's build on that day would.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys

import pytest

from sitegen.build import load, plan
from tests.conftest import BUILD_DATE, PROJECT

# The two deliberately empty catalog items (every catalog item with nothing in it warns SG141).
EXPECTED = [("SG141", "catalogs/district.yaml"), ("SG141", "catalogs/district.yaml")]
HORIZON = BUILD_DATE + dt.timedelta(days=5 * 366)


def content_dates() -> list[dt.date]:
    """Every date written in the demo's content and catalogs, as YYYY-MM-DD."""
    found: set[dt.date] = set()
    for folder in ("content", "catalogs"):
        for path in (PROJECT / folder).rglob("*"):
            if path.suffix in (".md", ".yaml", ".yml"):
                for y, m, d in re.findall(r"\b(20\d\d)-(\d\d)-(\d\d)\b", path.read_text(encoding="utf-8")):
                    found.add(dt.date(int(y), int(m), int(d)))
    return sorted(found)


def days_to_check() -> list[dt.date]:
    after = {day + dt.timedelta(days=1) for day in content_dates()}
    yearly = {BUILD_DATE.replace(year=BUILD_DATE.year + n) for n in range(6)}
    return sorted(day for day in after | yearly | {BUILD_DATE} if BUILD_DATE <= day <= HORIZON)


def warnings_on(day: dt.date) -> list[tuple[str, str]]:
    loaded = load(PROJECT / "site.yaml", today=day)
    plan(loaded)
    return [(d.code, d.path) for d in loaded.diagnostics.items]


def test_no_new_warning_on_any_date_of_the_next_five_years():
    days = days_to_check()
    assert len(days) > 10 and days[-1] > BUILD_DATE + dt.timedelta(days=4 * 365)
    changed = {day.isoformat(): found for day in days if (found := warnings_on(day)) != EXPECTED}
    assert changed == {}


@pytest.mark.parametrize("day", ["2026-12-02", "2027-06-30", "2031-11-19"])
def test_sitegen_check_on_a_later_day(day):
    epoch = int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONPATH": str(PROJECT)}
    done = subprocess.run(
        [sys.executable, "-m", "sitegen", "check", "--format", "json"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [(d["code"], d["path"]) for d in json.loads(done.stdout)["diagnostics"]] == EXPECTED


def test_feedback_dated_later_appears_on_its_date_not_before():
    """The demo's open consultations carry their feedback, scheduled: it is not published before its date."""
    before = load(PROJECT / "site.yaml", today=BUILD_DATE).site
    after = load(PROJECT / "site.yaml", today=dt.date(2027, 1, 8)).site
    scheduled = {c.id for c in after.consultations if c.feedback} - {c.id for c in before.consultations if c.feedback}
    assert scheduled == {"2026-renewal-compensation", "2026-livelihood-projects"}


def test_scheduled_feedback_is_nowhere_in_the_built_demo(demo_site):
    leaked = [
        path.relative_to(demo_site).as_posix()
        for path in demo_site.rglob("*")
        if path.is_file()
        and path.suffix in (".html", ".xml", ".json", ".csv", ".ics")
        and "共收到项目建议126条" in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert leaked == []
