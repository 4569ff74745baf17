"""Every link problem of a run is reported in one round, each at its line with a suggestion (issue 18, item 4).

Before: a broken ``.md`` link (SG074, found while rendering) stopped the run before the page plan, so a broken
absolute link (SG077) in the same file showed only once the first was fixed; a link to a document by its id
without ``.md`` was taken for a missing file (SG078) with no line and no "did you mean".
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from pathlib import Path

import pytest

from sitegen.build import load
from sitegen.diagnostics.core import BuildFailed, Diagnostic, Diagnostics
from tests.sitefactory import SiteFactory

ROOT = Path(__file__).resolve().parent.parent
BODY = "第一段。\n\n见[细则](b-rule.md)。\n\n见[旧页](/policies/b-rulez/)。\n\n见[标准](b-rules)。\n"


def _links(diags: Diagnostics) -> dict[str, Diagnostic]:
    return {d.code: d for d in diags.items if d.code in ("SG074", "SG077", "SG078")}


def _assert_one_round(diags: Diagnostics) -> None:
    found = _links(diags)
    assert set(found) == {"SG074", "SG077", "SG078"}, diags.format(colour=False)
    assert found["SG074"].path == found["SG077"].path == found["SG078"].path == "content/policies/a.md"
    for code, fragment in (("SG074", "b-rule.md"), ("SG077", "/policies/b-rulez/"), ("SG078", "](b-rules)")):
        assert found[code].line is not None, code
        assert fragment in LINES[found[code].line - 1], (code, found[code].line)
        assert "b-rules.md" in found[code].zh and "did you mean b-rules.md" in found[code].en, found[code]


LINES: list[str] = []


@pytest.fixture
def site(factory: SiteFactory) -> SiteFactory:
    factory.policy("b-rules")
    path = factory.policy("a", body=BODY)
    LINES[:] = path.read_text("utf-8").split("\n")
    return factory


def test_check_reports_every_link_problem_at_once(site):
    _assert_one_round(site.diagnostics())


def test_build_reports_every_link_problem_at_once(site):
    with pytest.raises(BuildFailed) as failed:
        site.build()
    _assert_one_round(failed.value.diagnostics)


def _typo(rng: random.Random, word: str) -> str:
    """One character of ``word`` dropped, not its first (so the folder part stays recognisable)."""
    at = rng.randrange(1, len(word))
    return word[:at] + word[at + 1 :]


def test_broken_links_in_the_demo_are_found_in_one_round_with_the_right_suggestion(tmp_path):
    """Property-style on the real demo: random public policies get a typo'd .md link, a typo'd page address and
    a link by id without .md, all in one run; each is reported at its line and suggests the real target."""
    project = tmp_path / "demo"
    project.mkdir()
    for part in ("site.yaml", "content", "catalogs", "static"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
    today = dt.date(2026, 11, 20)
    clean = load(project / "site.yaml", today=today)
    rng = random.Random("issue-18-links")
    policies = sorted(clean.site.policies, key=lambda p: p.id)
    linking = rng.sample(policies, 10)
    expected: list[tuple[str, str, int, str]] = []  # (code, file, line, what the suggestion must name)
    for doc in linking:
        target = rng.choice([p for p in policies if p is not doc and len(p.id) > 6])
        relative = Path(os.path.relpath(target.source, doc.source.parent)).as_posix()
        typo_md = relative[: -len(target.id + ".md")] + _typo(rng, target.id) + ".md"
        typo_url = target.url[:-1][: -len(target.id)] + _typo(rng, target.id) + "/"
        by_id = relative[: -len(target.id + ".md")] + target.id
        text = doc.source.read_text("utf-8")
        start = len(text.split("\n"))
        text += f"\n见[甲]({typo_md})。\n\n见[乙]({typo_url})。\n\n见[丙]({by_id})。\n"
        doc.source.write_text(text, "utf-8")
        file = doc.source.relative_to(project).as_posix()
        expected += [
            ("SG074", file, start + 1, relative),
            ("SG077", file, start + 3, relative),
            ("SG078", file, start + 5, relative),
        ]
    with pytest.raises(BuildFailed) as failed:
        load(project / "site.yaml", today=today)
    diags = failed.value.diagnostics
    found = {(d.code, d.path, d.line): d for d in diags.items if d.code in ("SG074", "SG077", "SG078")}
    assert set(found) == {(code, file, line) for code, file, line, _ in expected}, diags.format(colour=False)
    for code, file, line, meant in expected:
        assert f"did you mean {meant}" in found[(code, file, line)].en, found[(code, file, line)]
        assert f"是否应为 {meant}" in found[(code, file, line)].zh
