from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitegen.build import build

PROJECT = Path(__file__).resolve().parent.parent
# The demo is built as of this date, so that date-dependent output is the same on every run.
BUILD_DATE = dt.date(2026, 11, 20)
SOURCE_DATE_EPOCH = str(int(dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc).timestamp()))


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal, built once per test session with its search index."""
    out = tmp_path_factory.mktemp("demo") / "_site"
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    build(PROJECT / "site.yaml", out, today=BUILD_DATE)
    return out


@pytest.fixture
def factory(tmp_path: Path):
    from tests.sitefactory import SiteFactory

    return SiteFactory(tmp_path)


def soup_of(site: Path, url: str) -> BeautifulSoup:
    path = site / url.lstrip("/")
    if url.endswith("/"):
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
