"""An edited stylesheet reaches every page on an incremental build: pages depend on the template globals."""

from __future__ import annotations

import datetime as dt
import re
import shutil

from sitegen.build import build
from tests.conftest import PROJECT
from tests.sitefactory import SiteFactory


def test_a_changed_stylesheet_is_linked_from_every_page(tmp_path):
    factory = SiteFactory(tmp_path / "site")
    shutil.copytree(PROJECT / "themes", factory.root / "themes")
    factory.policy("a")
    config, out = factory.root / "site.yaml", tmp_path / "out"
    build(config, out, today=dt.date(2026, 1, 1), search=False)
    css = factory.root / "themes/default/static/css/site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { letter-spacing: 0.01em; }\n", encoding="utf-8")
    build(config, out, today=dt.date(2026, 1, 1), search=False)
    linked = {
        (page.relative_to(out).as_posix(), href)
        for page in out.rglob("*.html")
        for href in re.findall(r'href="/(assets/[^"]+)"', page.read_text(encoding="utf-8"))
    }
    missing = sorted((page, href) for page, href in linked if not (out / href).is_file())
    assert linked and missing == []
