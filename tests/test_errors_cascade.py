"""A document that fails to load is reported once, for its real cause (issue 18, item 2).

What refers to it (interpretations, a successor's ``replaced_by``, a package, a body link, the catalog item it
was filed under) is not an error of its own: those files get nothing, and the failed file gets one note naming
them. The same holds for a catalog file that fails to load and the documents filed under its items.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.diagnostics.core import BuildFailed, Diagnostics, Severity
from tests.sitefactory import REVIEW, SiteFactory, front_matter


def _bad_date(path: Path) -> str:
    path.write_text(path.read_text("utf-8").replace("published: 2025-03-03", "published: 2025-13-03"), "utf-8")
    return "SG032"


def _tab_in_yaml(path: Path) -> str:
    path.write_text(path.read_text("utf-8").replace("\n  by:", "\n\tby:"), "utf-8")
    return "SG024"


def _gbk(path: Path) -> str:
    path.write_bytes(path.read_text("utf-8").encode("gbk"))
    return "SG014"


def _no_review(path: Path) -> str:
    text = path.read_text("utf-8")
    start = text.index("review:")
    end = text.index("interpretation_required:")
    path.write_text(text[:start] + text[end:], "utf-8")
    return "SG110"


FAULTS: dict[str, Callable[[Path], str]] = {
    "bad date": _bad_date,
    "tab in YAML": _tab_in_yaml,
    "GBK file": _gbk,
    "no review (loads, but not public)": _no_review,
}


def _site_with_dependants(factory: SiteFactory) -> Path:
    """Policy ``a`` (alone in catalog item 010102) and everything that refers to it."""
    target = factory.policy("a", catalog=["010102"])
    factory.policy("b", catalog=["010101"], validity="repealed", replaced_by="a")
    factory.policy("c", catalog=["010101"], body="见[细则](a.md)。\n")
    for suffix in ("jd", "tj", "wd"):
        factory.interpretation(f"a-{suffix}", "a")
    package = {
        "title": "测试一件事",
        "summary": "测试。",
        "audience": "测试",
        "issuer": "测试区人民政府",
        "published": dt.date(2025, 3, 3),
        "topics": ["综合政务"],
        "disclosure": "public",
        "review": REVIEW,
        "steps": [{"title": "办理", "where": "窗口"}],
        "policies": ["a", "b"],
        "interpretations": ["a-jd"],
    }
    factory.write("content/packages/p.md", front_matter(package, "正文。\n"))
    return target


def _errors_by_file(diags: Diagnostics) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for diag in diags.sorted():
        if diag.severity is Severity.ERROR:
            found.setdefault(diag.path, []).append(diag.code)
    return found


def test_the_site_with_dependants_is_clean_before_any_fault(factory):
    _site_with_dependants(factory)
    diags = factory.diagnostics()
    assert not diags.errors, diags.format(colour=False)
    assert "SG141" not in factory.codes()  # 010102 has its policy


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_faulty_policy_is_reported_once_and_its_dependants_are_not_errors(factory, fault):
    target = _site_with_dependants(factory)
    code = FAULTS[fault](target)
    diags = factory.diagnostics()
    assert _errors_by_file(diags) == {"content/policies/a.md": [code]}, diags.format(colour=False)
    assert "SG141" not in {d.code for d in diags.items}  # its catalog item waits for it too
    assert "SG314" not in {d.code for d in diags.items}
    dependants = {
        "content/interpretations/a-jd.md",
        "content/interpretations/a-tj.md",
        "content/interpretations/a-wd.md",
        "content/policies/b.md",
        "content/packages/p.md",
        "catalogs/main.yaml",
    }
    assert dependants <= diags.skipped["content/policies/a.md"]
    references = {"SG074", "SG104", "SG105", "SG106", "SG107", "SG121", "SG141", "SG500", "SG501"}
    assert not [d for d in diags.items if d.code in references], diags.format(colour=False)
    text = diags.format(colour=False)
    assert "另有 6 个文件引用本文件" in text and "6 file(s) refer to this file" in text
    assert json.loads(diags.to_json())["skipped"]["content/policies/a.md"]


@pytest.mark.parametrize("fault", ["bad date", "tab in YAML"])
def test_the_build_reports_the_cause_once_too(factory, fault):
    """``sitegen build`` reads sources through its cache and in worker processes: the same result."""
    target = _site_with_dependants(factory)
    factory.build()  # a clean build first, so that the dependants are in the cache
    code = FAULTS[fault](target)
    with pytest.raises(BuildFailed) as failed:
        factory.build()
    diags = failed.value.diagnostics
    assert _errors_by_file(diags) == {"content/policies/a.md": [code]}, diags.format(colour=False)


def test_a_real_missing_policy_is_still_an_error(factory):
    factory.policy("a")
    factory.interpretation("x-jd", "nothing")
    assert "SG106" in {d.code for d in factory.diagnostics().errors}


def test_a_catalog_that_fails_to_load_does_not_make_its_documents_wrong(factory):
    factory.policy("a", catalog=["010101"])
    factory.policy("b", catalog=["010102"])
    catalog = factory.root / "catalogs" / "main.yaml"
    text = catalog.read_text("utf-8")
    catalog.write_text(text.replace("\n  title:", "\n\ttitle:", 1), "utf-8")
    diags = factory.diagnostics()
    assert list(_errors_by_file(diags)) == ["catalogs/main.yaml"], diags.format(colour=False)
    assert {"content/policies/a.md", "content/policies/b.md"} <= diags.skipped["catalogs/main.yaml"]
