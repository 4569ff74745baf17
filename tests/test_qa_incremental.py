"""The Q&A library in incremental builds: questions are kept between builds by what they are made of, and
an edit to one interpretation, or to what its body links to, shows exactly as a clean build shows it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.engine import session as session_module
from sitegen.render.compare import Comparison, compare_texts
from tests.conftest import PROJECT

TODAY = dt.date(2026, 11, 20)
QA_SOURCE = "content/interpretations/2026/2026-childcare-subsidy-wd.md"


def demo_copy(root: Path) -> Path:
    for name in ("content", "catalogs", "themes", "static"):
        shutil.copytree(PROJECT / name, root / name)
    shutil.copy(PROJECT / "site.yaml", root / "site.yaml")
    return root / "site.yaml"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_clean(config: Path, site: Path, clean: Path) -> None:
    build(config, clean, today=TODAY, search=False, clean=True)
    incremental, fresh = files_of(site), files_of(clean)
    assert sorted(incremental) == sorted(fresh)
    assert [name for name in fresh if fresh[name] != incremental[name]] == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_question_shows_in_the_library_as_in_a_clean_build(tmp_path: Path) -> None:
    config = demo_copy(tmp_path / "project")
    site = tmp_path / "project" / "_site"
    build(config, today=TODAY, search=False)
    edit(config.parent / QA_SOURCE, "问：家庭托育补贴需要自己申请吗？", "问：家庭托育补贴要到哪里自己申请？")
    result = build(config, today=TODAY, search=False)
    library = (site / "qa" / "index.html").read_text(encoding="utf-8")
    assert "家庭托育补贴要到哪里自己申请" in library and "家庭托育补贴需要自己申请吗" not in library
    assert 0 < result.rendered < sum(result.pages.values()) // 2, "an edit to one interpretation re-renders a few pages"
    assert_same_as_clean(config, site, tmp_path / "clean")


def test_a_renamed_linked_policy_reaches_the_linking_interpretation_as_in_a_clean_build(tmp_path: Path) -> None:
    config = demo_copy(tmp_path / "project")
    site = tmp_path / "project" / "_site"
    build(config, today=TODAY, search=False)
    source = config.parent / "content/interpretations/2026/2026-tekun-jd.md"
    target = config.parent / "content/policies/2025/2025-lowincome-standard.md"
    assert "2025/2025-lowincome-standard.md" in source.read_text(encoding="utf-8")
    # The linked policy's title is all that changes; the interpretation's own file stays as it was.
    edit(target, "title: 示例区民政局关于提高2025年", "title: 示例区民政局关于调整2025年")
    build(config, today=TODAY, search=False)
    assert_same_as_clean(config, site, tmp_path / "clean")


def test_an_edited_successor_changes_its_comparison_and_only_that_one_is_compared_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = demo_copy(tmp_path / "project")
    site = tmp_path / "project" / "_site"
    build(config, today=TODAY, search=False)
    compared: list[str] = []

    def counting(old: str, new: str) -> Comparison:
        compared.append(new)
        return compare_texts(old, new)

    monkeypatch.setattr(session_module, "compare_texts", counting)
    successor = config.parent / "content/policies/2025/2025-lowincome-rules.md"
    body = successor.read_text(encoding="utf-8").rstrip("\n")
    successor.write_text(body + "\n\n本办法新增的一段话用于新旧对照。\n", encoding="utf-8")
    build(config, today=TODAY, search=False)
    assert len(compared) == 1 and "本办法新增的一段话用于新旧对照" in compared[0]
    page = (site / "policies" / "2024-lowincome-rules" / "compare" / "index.html").read_text(encoding="utf-8")
    assert "本办法新增的一段话用于新旧对照" in page
    assert_same_as_clean(config, site, tmp_path / "clean")


def test_a_renamed_linked_policy_finds_again_only_the_questions_whose_body_links_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Questions are kept by the link targets their body looked up, not by the whole link table: a title edit or
    an added policy changes the table, and re-rendering every interpretation's body was 17 s at 10,000 documents."""
    config = demo_copy(tmp_path / "project")
    site = tmp_path / "project" / "_site"
    build(config, today=TODAY, search=False)
    found: list[str] = []
    real = session_module.find_questions

    def counting(interp, policy, body):  # type: ignore[no-untyped-def]
        found.append(interp.url)
        return real(interp, policy, body)

    monkeypatch.setattr(session_module, "find_questions", counting)
    build(config, today=TODAY, search=False)
    assert found == [], "nothing changed: every interpretation's questions are kept"
    target = config.parent / "content/policies/2025/2025-lowincome-standard.md"
    edit(target, "title: 示例区民政局关于提高2025年", "title: 示例区民政局关于调整2025年")
    build(config, today=TODAY, search=False)
    interpretations = len(list((site / "interpretations").glob("*/index.html")))
    assert "/interpretations/2026-tekun-jd/" in found, "the interpretation linking to the renamed policy"
    assert 0 < len(found) < interpretations // 2, (found, interpretations)
    assert_same_as_clean(config, site, tmp_path / "clean")
