"""Several sites from one repository (站群): nothing of one site's build lands in another's."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from sitegen.build import build
from tests.conftest import PROJECT
from tests.sitefactory import CONFIG, SiteFactory

TODAY = dt.date(2026, 1, 1)


def two_configs_in_one_folder(root: Path) -> SiteFactory:
    factory = SiteFactory(root)
    shutil.copytree(PROJECT / "themes", root / "themes")
    factory.policy("a")
    other = {**CONFIG, "title": "另一区人民政府", "base_url": "https://www.other.gov.cn"}
    factory.write("other.yaml", yaml.safe_dump(other, allow_unicode=True, sort_keys=False))
    return factory


def test_two_sites_in_one_folder_keep_their_own_output_dashboard_cache_and_server_config(tmp_path):
    two_configs_in_one_folder(tmp_path)
    first = build(tmp_path / "site.yaml", today=TODAY, search=False)
    second = build(tmp_path / "other.yaml", today=TODAY, search=False)
    assert (first.output, second.output) == (tmp_path / "_site", tmp_path / "_site-other")
    assert (first.report, second.report) == (tmp_path / "_reports/index.html", tmp_path / "_reports-other/index.html")
    assert first.server_config != second.server_config
    assert "另一区" not in first.report.read_text(encoding="utf-8")
    assert "另一区" in second.report.read_text(encoding="utf-8")
    assert (tmp_path / ".sitegen-cache").is_dir() and (tmp_path / ".sitegen-cache-other").is_dir()
    assert "另一区" not in (tmp_path / "_site/index.html").read_text(encoding="utf-8")
    again = build(tmp_path / "site.yaml", today=TODAY, search=False)
    assert again.up_to_date and "另一区" not in again.report.read_text(encoding="utf-8")


def test_a_dashboard_written_over_is_written_again(tmp_path):
    """Before per-site dashboards the first site said "up to date" and kept the other site's dashboard."""
    two_configs_in_one_folder(tmp_path)
    first = build(tmp_path / "site.yaml", today=TODAY, search=False)
    build(tmp_path / "other.yaml", tmp_path / "_site-other", reports=tmp_path / "_reports", today=TODAY, search=False)
    again = build(tmp_path / "site.yaml", today=TODAY, search=False)
    assert not again.up_to_date
    assert again.report == first.report and "另一区" not in again.report.read_text(encoding="utf-8")


def multisite_layout(root: Path) -> list[Path]:
    """The layout of docs/multisite.md: a shared theme and agencies list, a folder per site."""
    shutil.copytree(PROJECT / "themes", root / "themes")
    (root / "agencies.yaml").write_text(yaml.safe_dump(CONFIG["agencies"], allow_unicode=True), encoding="utf-8")
    configs = []
    for name, title in (("district", "测试区人民政府"), ("civil-affairs", "测试区民政局")):
        factory = SiteFactory(root / "sites" / name)
        factory.policy("a")
        config = {**CONFIG, "title": title, "agencies": "../../agencies.yaml", "theme_dir": "../../themes/default"}
        configs.append(factory.write("site.yaml", yaml.safe_dump(config, allow_unicode=True, sort_keys=False)))
    return configs


def test_every_site_of_a_repository_builds_in_one_command(tmp_path):
    configs = multisite_layout(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(PROJECT)}
    done = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "--sites", str(tmp_path / "sites"), "--no-search"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 个网站成功 sites built, 0 个失败 failed" in done.stdout
    for config, title in zip(configs, ("测试区人民政府", "测试区民政局"), strict=False):
        site = config.parent
        assert title in (site / "_site/index.html").read_text(encoding="utf-8")
        assert title in (site / "_reports/index.html").read_text(encoding="utf-8")
        assert (site / "_site.nginx.conf").is_file() and (site / ".sitegen-cache").is_dir()
        # The shared agencies list is read: the agency pages exist.
        assert (site / "_site/agencies/gov/index.html").is_file()


def test_a_changed_shared_list_rebuilds_the_sites(tmp_path):
    config = multisite_layout(tmp_path)[0]
    assert not build(config, today=TODAY, search=False).up_to_date
    assert build(config, today=TODAY, search=False).up_to_date
    agencies = [*CONFIG["agencies"], {"slug": "new", "name": "测试区新设局"}]
    (tmp_path / "agencies.yaml").write_text(yaml.safe_dump(agencies, allow_unicode=True), encoding="utf-8")
    result = build(config, today=TODAY, search=False)
    assert not result.up_to_date and (result.output / "agencies/new/index.html").is_file()


def test_a_missing_sites_folder_is_a_usage_error(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "--sites", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )
    assert done.returncode == 2 and "docs/multisite.md" in done.stderr
