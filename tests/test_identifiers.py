"""发文字号 are well-formed and unique; a 索引号, once written down, never moves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.checks.identifiers import corrected_doc_number
from sitegen.cli.scaffold import number_documents
from tests.sitefactory import SiteFactory

ORG = "TESTORG"  # tests/sitefactory.py: template {org_code}/{year}-{seq:05d}


@pytest.mark.parametrize(
    "written, corrected",
    [
        ("周政办字[2024]9号", "周政办字〔2024〕9号"),
        ("周政办字(2024)9号", "周政办字〔2024〕9号"),
        ("周政办字（2024）9号", "周政办字〔2024〕9号"),
        ("周政办字【2024】9号", "周政办字〔2024〕9号"),
        ("周政办字〔2024〕09号", "周政办字〔2024〕9号"),
        ("周政办字〔2024〕9", "周政办字〔2024〕9号"),
        ("周政办字〔2024〕第9号", "周政办字〔2024〕9号"),
        ("周政办字 〔2024〕 9号", "周政办字〔2024〕9号"),
        ("周政办字〔2024〕9号", "周政办字〔2024〕9号"),
        ("国务院令第708号", None),
    ],
)
def test_corrected_form(written: str, corrected: str | None) -> None:
    assert corrected_doc_number(written) == corrected


EARLY_REVIEW = {"date": dt.date(2024, 6, 30), "by": "区政府办公室保密审查小组"}


def line_of(factory: SiteFactory, key: str, doc: str = "a") -> int:
    lines = (factory.root / f"content/policies/{doc}.md").read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if line.startswith(key + ":"))


def diags(factory: SiteFactory, code: str) -> list:
    return [d for d in factory.diagnostics().items if d.code == code]


def test_malformed_doc_number_warns_with_the_corrected_form(tmp_path: Path) -> None:
    factory = SiteFactory(tmp_path)
    factory.policy("a", doc_number="周政办字[2024]09号")
    (found,) = diags(factory, "SG421")
    assert "周政办字〔2024〕9号" in found.zh and found.line == line_of(factory, "doc_number")
    factory.policy("a", doc_number="周政办字〔2024〕9号")
    assert not diags(factory, "SG421")


def test_same_doc_number_twice_is_an_error(tmp_path: Path) -> None:
    factory = SiteFactory(tmp_path)
    factory.policy("a", doc_number="周政办字〔2024〕9号")
    factory.policy("b", doc_number="周政办字〔2024〕9号", published=dt.date(2025, 3, 4))
    (found,) = diags(factory, "SG420")
    assert found.path == "content/policies/b.md" and "content/policies/a.md" in found.zh
    factory.policy("b", doc_number="周政办字[2024]9号", published=dt.date(2025, 3, 4))  # the same number, misspelt
    assert [d.path for d in diags(factory, "SG420")] == ["content/policies/b.md"]
    factory.policy("b", doc_number="周政办字〔2024〕10号", published=dt.date(2025, 3, 4))
    assert not diags(factory, "SG420")
    factory.policy("c", doc_number="周政办字〔2024〕9号", disclosure="withheld", review=None)  # an internal copy
    assert not diags(factory, "SG420")


@pytest.mark.parametrize(
    "number, valid",
    [
        (f"{ORG}/2024-00016", True),
        ("91110000600037341L/2024-00016", True),  # an issuing agency's own unified social credit code
        ("abc", False),
        (f"{ORG}/2026-00016", False),  # not the document's year
        (f"{ORG}/2024-16", False),  # not padded as the template says
        (f"{ORG}/2024-00000", False),
        ("OTHER/2024-00016", False),
    ],
)
def test_explicit_index_number_follows_the_template(tmp_path: Path, number: str, valid: bool) -> None:
    factory = SiteFactory(tmp_path)
    factory.policy(
        "a", index_no=number, written=dt.date(2024, 6, 28), published=dt.date(2024, 7, 1), review=EARLY_REVIEW
    )
    found = diags(factory, "SG422")
    assert (not found) == valid, [d.zh for d in found]
    if found:
        assert found[0].line == line_of(factory, "index_no")


def numbers(factory: SiteFactory) -> dict[str, str]:
    return {p.id: p.index_no for p in factory.load().model.policies.values()}


def test_published_numbers_never_move(tmp_path: Path) -> None:
    factory = SiteFactory(tmp_path)
    for doc_id, day in (("a", 1), ("b", 5), ("c", 10)):
        factory.policy(doc_id, written=dt.date(2024, 7, day), published=dt.date(2024, 7, day), review=EARLY_REVIEW)
    before = numbers(factory)
    assert before == {"a": f"{ORG}/2024-00001", "b": f"{ORG}/2024-00002", "c": f"{ORG}/2024-00003"}
    assert len(diags(factory, "SG423")) == 3  # generated, not written down: a warning names the fix
    written = number_documents(factory.root / "site.yaml")
    assert sorted(n for _, n in written) == sorted(before.values())
    assert not diags(factory, "SG423") and numbers(factory) == before
    # A back-dated document (written on 3 July) takes the next number; the others keep theirs.
    factory.policy("d", written=dt.date(2024, 7, 3), published=dt.date(2024, 7, 3), review=EARLY_REVIEW)
    assert numbers(factory) == {**before, "d": f"{ORG}/2024-00004"}
    number_documents(factory.root / "site.yaml")
    # Deleting one moves nothing; an explicit number equal to another's is a duplicate, not a move.
    (tmp_path / "content/policies/b.md").unlink()
    assert numbers(factory) == {"a": before["a"], "c": before["c"], "d": f"{ORG}/2024-00004"}
    factory.policy(
        "e", index_no=before["a"], written=dt.date(2024, 7, 20), published=dt.date(2024, 7, 20), review=EARLY_REVIEW
    )
    assert [d.path for d in diags(factory, "SG061")] == ["content/policies/e.md"]


def test_number_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    factory = SiteFactory(tmp_path)
    path = factory.policy("a", body="正文第一段。\n\n---\n\n第二段。\n")
    before = path.read_text(encoding="utf-8")
    number_documents(factory.root / "site.yaml")
    after = path.read_text(encoding="utf-8")
    assert after.replace(f'index_no: "{ORG}/2025-00001"\n', "") == before
    assert number_documents(factory.root / "site.yaml") == []  # nothing left to write
