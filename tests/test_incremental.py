"""Incremental builds: after any edit, the output equals a clean build's, and only what changed is redone."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from benchmarks import corpus
from sitegen.build import build
from sitegen.diagnostics.core import BuildFailed
from sitegen.store.cache import CACHE_DIR, DATABASE

TODAY = corpus.TODAY


@pytest.fixture
def portal(tmp_path: Path) -> corpus.Corpus:
    """A 40-document portal with five items per listing page, so that listings paginate."""
    site = corpus.generate(tmp_path / "site", 40, seed=7)
    with open(site.config, "a", encoding="utf-8") as handle:
        handle.write("page_size: 5\n")
    return site


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_clean(site: corpus.Corpus, tmp_path: Path, name: str) -> None:
    clean = tmp_path / f"clean-{name}"
    result = build(site.config, clean, today=TODAY, search=False, clean=True)
    assert result.rendered == sum(result.pages.values())
    incremental, fresh = files_of(site.root / "_site"), files_of(clean)
    assert sorted(incremental) == sorted(fresh)
    assert [k for k in fresh if fresh[k] != incremental[k]] == []


def build_site(site: corpus.Corpus, **options):
    return build(site.config, today=TODAY, search=False, **options)


def a_policy(site: corpus.Corpus) -> corpus.Doc:
    """A public policy that no other document names (so that deleting it breaks no link)."""
    texts = [p.read_text(encoding="utf-8") for p in (site.root / "content").rglob("*.md")]
    free = sorted(
        (p for p in site.policies if p.public and not p.interpreted and sum(p.id in text for text in texts) == 0),
        key=lambda p: p.id,
    )
    return free[len(free) // 2]


def test_edits_rebuild_only_what_changed_and_match_a_clean_build(portal, tmp_path):
    first = build_site(portal)
    total = sum(first.pages.values())
    assert first.rendered == total

    again = build_site(portal)
    assert again.up_to_date and again.rendered == 0

    policy = a_policy(portal)
    path = portal.root / policy.relative
    path.write_text(path.read_text(encoding="utf-8") + "\n新增一段正文。\n", encoding="utf-8")
    body = build_site(portal)
    assert body.rendered == 1, "a body edit changes the document's page and nothing that lists it"
    assert "新增一段正文" in (portal.root / "_site" / "policies" / policy.id / "index.html").read_text(encoding="utf-8")
    assert_same_as_clean(portal, tmp_path, "body")

    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(f'title: "{policy.title}"', 'title: "示例省人民政府关于改过标题的通知"'), encoding="utf-8"
    )
    title = build_site(portal)
    assert 1 < title.rendered < total, "a title shows in listings and catalog pages, not everywhere"
    assert_same_as_clean(portal, tmp_path, "title")

    corpus.new_policy(portal, 1, seed=7)
    added = build_site(portal)
    assert added.rendered > 1
    assert (portal.root / "_site" / "policies" / f"{TODAY.year}-added-0001" / "index.html").is_file()
    assert_same_as_clean(portal, tmp_path, "added")

    path.unlink()
    deleted = build_site(portal)
    assert deleted.rendered > 0
    assert not (portal.root / "_site" / "policies" / policy.id).exists()
    assert_same_as_clean(portal, tmp_path, "deleted")


def test_a_template_edit_rebuilds_the_pages_that_use_it(portal, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parent.parent / "themes" / "default", theme)
    config = portal.config.read_text(encoding="utf-8")
    portal.config.write_text(
        "\n".join(line for line in config.splitlines() if not line.startswith("theme_dir"))
        + f'\ntheme_dir: "{theme}"\n',
        encoding="utf-8",
    )
    first = build_site(portal)
    template = theme / "templates" / "interpretation.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace("解读的政策文件", "所解读的政策文件"), encoding="utf-8"
    )
    second = build_site(portal)
    assert second.rendered == first.pages["interpretation.html"]
    assert_same_as_clean(portal, tmp_path, "template")


def test_a_configuration_edit_rebuilds_every_page_that_shows_it(portal, tmp_path):
    """The site title reaches pages as a template global: Jinja's own name tracker leaves globals out."""
    first = build_site(portal)
    config = portal.config.read_text(encoding="utf-8")
    title = next(line for line in config.splitlines() if line.startswith("title:"))
    portal.config.write_text(config.replace(title, "title: 改名后的人民政府"), encoding="utf-8")
    second = build_site(portal)
    assert second.rendered == sum(first.pages.values())
    assert_same_as_clean(portal, tmp_path, "config")


def test_a_failed_build_leaves_the_site_and_the_next_build_is_right(portal, tmp_path):
    build_site(portal)
    before = files_of(portal.root / "_site")
    policy = a_policy(portal)
    path = portal.root / policy.relative
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "\n[断开的链接](../2017/no-such-file.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_site(portal)
    assert "SG074" in {d.code for d in failure.value.diagnostics.errors}
    assert files_of(portal.root / "_site") == before
    path.write_text(good + "\n修正后的正文。\n", encoding="utf-8")
    assert build_site(portal).rendered == 1
    assert_same_as_clean(portal, tmp_path, "after-failure")


def test_a_hand_edited_output_file_is_restored(portal, tmp_path):
    build_site(portal)
    page = portal.root / "_site" / "policies" / a_policy(portal).id / "index.html"
    page.write_text("tampered", encoding="utf-8")
    result = build_site(portal)
    assert not result.up_to_date and result.rendered == 1
    assert_same_as_clean(portal, tmp_path, "restored")


@pytest.mark.parametrize("damage", ["garbage", "other-version"])
def test_a_corrupt_or_foreign_cache_is_discarded(portal, tmp_path, damage):
    build_site(portal)
    database = portal.root / CACHE_DIR / DATABASE
    if damage == "garbage":
        for name in (DATABASE, DATABASE + "-wal", DATABASE + "-shm"):
            (portal.root / CACHE_DIR / name).unlink(missing_ok=True)
        database.write_bytes(b"not a database" * 100)
    else:
        with sqlite3.connect(database) as db:
            db.execute("UPDATE kv SET value = 'an older sitegen' WHERE key = 'code'")
    result = build_site(portal)
    assert result.rendered == sum(result.pages.values())
    assert_same_as_clean(portal, tmp_path, damage)


def test_clean_ignores_the_cache(portal):
    build_site(portal)
    result = build_site(portal, clean=True)
    assert not result.up_to_date and result.rendered == sum(result.pages.values())


def test_parallel_and_serial_output_are_identical(portal, tmp_path):
    serial = build(portal.config, tmp_path / "serial", today=TODAY, search=False, jobs=1)
    parallel = build(portal.config, tmp_path / "parallel", today=TODAY, search=False, jobs=2, clean=True)
    assert serial.rendered == parallel.rendered > 40
    assert files_of(tmp_path / "serial") == files_of(tmp_path / "parallel")


def test_the_previous_site_is_never_written_through_a_shared_file(portal):
    """The spare tree hard-links unchanged files of the live one: a build must replace, never rewrite."""
    build_site(portal)
    path = portal.root / a_policy(portal).relative
    path.write_text(path.read_text(encoding="utf-8") + "\n第一次修改。\n", encoding="utf-8")
    build_site(portal)
    published = files_of(portal.root / "_site")
    path.write_text(path.read_text(encoding="utf-8") + "\n第二次修改。\n", encoding="utf-8")
    assert build_site(portal).rendered == 1
    assert files_of(portal.root / "._site.sitegen-spare") == published
