"""The disclosure gate on the real demo: planted leaks fail the build and the published site stays as it was."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from sitegen.cli.main import main
from tests.conftest import PROJECT
from tests.test_demo_site import hidden_sources
from tests.test_privacy import resident_id

ID_NUMBER = resident_id("37990219850612123")
HOUSING = "content/policies/2024/2024-housing-fund.md"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def demo_copy(tmp_path: Path, demo_site: Path) -> tuple[Path, Path]:
    """A copy of the demo project with its built site as the currently published one."""
    for name in ("content", "catalogs", "themes", "static"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    shutil.copy(PROJECT / "site.yaml", tmp_path / "site.yaml")
    shutil.copytree(demo_site, tmp_path / "_site")
    return tmp_path, tmp_path / "_site"


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text("utf-8")
    assert old in text, f"{relative} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, relative: str, needle: str) -> int:
    lines = (root / relative).read_text("utf-8").split("\n")
    return next(n for n, text in enumerate(lines, 1) if needle in text)


def add_withheld_copy(root: Path, title_prefix: str) -> None:
    """A new withheld document: a copy of a published one with its own title and no index number."""
    text = (root / HOUSING).read_text("utf-8").replace("disclosure: public", "disclosure: withheld")
    text = re.sub(r"^index_no: .*\n", "", text, flags=re.MULTILINE).replace("title: ", f"title: {title_prefix}", 1)
    (root / "content/policies/2024/2024-internal-note.md").write_text(text, encoding="utf-8")


def withhold_a_published_policy(root: Path) -> tuple[str, str, str]:
    edit(root, HOUSING, "disclosure: public", "disclosure: withheld")
    # Its interpretation is public and the amending policy links to it: both would now leak it.
    return "SG107", "content/interpretations/2024/2024-housing-fund-wd.md", "policy:"


def link_a_new_withheld_document(root: Path) -> tuple[str, str, str]:
    add_withheld_copy(root, "内部研究意见：")
    edit(
        root,
        "content/policies/2025/2025-budget.md",
        "二、部门预算公开情况",
        "另见[内部研究意见](../2024/2024-internal-note.md)。\n\n二、部门预算公开情况",
    )
    return "SG075", "content/policies/2025/2025-budget.md", "另见[内部研究意见]"


def remove_the_review(root: Path) -> tuple[str, str, str]:
    edit(root, HOUSING, "review: {date: 2024-04-10, by: 区住房和城乡建设局保密审查小组}\n", "")
    return "SG110", HOUSING, "disclosure:"


def plant_an_id_number(root: Path) -> tuple[str, str, str]:
    edit(
        root,
        "content/policies/2025/2025-budget.md",
        "二、部门预算公开情况",
        f"经办人：张某，身份证号 {ID_NUMBER}。\n\n二、部门预算公开情况",
    )
    return "SG150", "content/policies/2025/2025-budget.md", "经办人：张某"


@pytest.mark.parametrize(
    "plant", [withhold_a_published_policy, link_a_new_withheld_document, remove_the_review, plant_an_id_number]
)
def test_planted_leak_fails_the_build_and_changes_nothing(demo_copy, plant, capsys):
    root, site = demo_copy
    before = snapshot(site)
    code, path, needle = plant(root)
    assert main(["build", "--config", str(root / "site.yaml"), "--no-search"]) == 1
    err = capsys.readouterr().err
    line = line_of(root, path, needle)
    assert re.search(rf"^  {re.escape(path)}:{line}(:\d+)?: 错误 error \[{code}\]$", err, re.MULTILINE), err
    assert "构建失败，原网站未改动。Build failed; the published site was left unchanged." in err
    assert ID_NUMBER not in err
    assert snapshot(site) == before
    # No stage is left; the spare (the previous site, kept for incremental builds) may stay.
    assert not [p for p in root.iterdir() if p.name.startswith("._site.sitegen-") and p.name != "._site.sitegen-spare"]
    assert not (root / "_reports").exists()  # the dashboard follows successful builds only


def test_withheld_document_alone_builds_and_is_absent_everywhere(demo_copy, capsys):
    root, site = demo_copy
    add_withheld_copy(root, "内部研究意见甲乙丙：")
    assert main(["build", "--config", str(root / "site.yaml"), "--no-search"]) == 0
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            assert "内部研究意见甲乙丙" not in path.read_text("utf-8", errors="replace"), path
    assert not (site / "policies" / "2024-internal-note").exists()


def test_search_index_holds_public_documents_only(demo_site):
    """The Pagefind fragments (gzip JSON) hold every public policy and no hidden one."""
    fragments = []
    for path in sorted((demo_site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes()).decode("utf-8")
        fragments.append(json.loads(data[data.index("{") :]))
    urls = {f["url"] for f in fragments}
    text = "\n".join(json.dumps(f, ensure_ascii=False) for f in fragments).replace("\u200b", "")
    assert "/policies/2024-housing-fund/" in urls
    assert "住房公积金" in text
    for source, meta in hidden_sources():
        assert f"/{meta.get('id', source.stem)}/" not in " ".join(urls)
        assert meta["title"] not in text
