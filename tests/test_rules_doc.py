"""docs/rules.md is generated from the diagnostic registry; every code the package reports is declared there once."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.diagnostics.codes import SG060, SG110, all_codes
from sitegen.diagnostics.core import Diagnostics, Severity
from sitegen.diagnostics.docs import rules_markdown
from sitegen.diagnostics.registry import REGISTRY, Message

ROOT = Path(__file__).resolve().parent.parent
CODES_DIR = ROOT / "sitegen" / "diagnostics" / "codes"


def test_the_committed_rules_doc_is_the_generated_one():
    committed = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert committed == rules_markdown(), "run: python -m sitegen.diagnostics.docs > docs/rules.md"


def test_the_documented_command_prints_the_doc():
    printed = subprocess.run(
        [sys.executable, "-m", "sitegen.diagnostics.docs"], capture_output=True, check=True, cwd=ROOT
    ).stdout
    assert printed == (ROOT / "docs" / "rules.md").read_bytes()


def test_each_row_has_meaning_example_and_fix_in_both_languages():
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    rows = re.findall(r"^\| SG\d{3} \|.*$", text, re.MULTILINE)
    assert len(rows) == len(REGISTRY)
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert len(cells) == 5 and all(cells), row
        chinese, _, english = cells[2].partition("/ ")
        assert re.search(r"[\u4e00-\u9fff]", chinese) and re.search(r"[A-Za-z]+ [A-Za-z]+", english), row


def test_no_code_is_written_outside_the_registry():
    """Call sites name codes (SG110), never spell them ("SG110"): a code's text and severity live in one place."""
    for path in sorted((ROOT / "sitegen").rglob("*.py")):
        if CODES_DIR in path.parents:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"SG\d{3}", node.value):
                pytest.fail(
                    f"{path.relative_to(ROOT)}:{node.lineno} spells {node.value}; import it from "
                    "sitegen.diagnostics.codes"
                )


class _Value:
    """Stands for any placeholder value: formats with any spec, and has the zh/en attributes of a phrase."""

    def __format__(self, spec: str) -> str:
        return "值 value"

    def __getattr__(self, name: str) -> str:
        return "中文说明" if name.endswith("zh") else "an English text"


def wordings() -> list[Message]:
    return [message for code in all_codes() for message in code.messages]


@pytest.mark.parametrize("message", wordings(), ids=lambda m: m.code.id)
def test_every_wording_renders_in_both_languages(message: Message):
    zh, en, fix_zh, fix_en = message.render({name: _Value() for name in message.placeholders()})
    assert re.search(r"[\u4e00-\u9fff]", zh) and re.search(r"[\u4e00-\u9fff]", fix_zh), message
    assert re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", en) and re.search(r"[A-Za-z]{3,}", fix_en), message


def test_codes_are_declared_once_with_the_exit_class_of_their_section():
    codes = list(all_codes())
    assert len({code.id for code in codes}) == len(codes) == len(REGISTRY)
    # site.yaml's own problems: SG001-SG009, and the shared lists and catalog order of a site (SG550, SG551).
    assert {code.id for code in codes if code.exit_code == 2} == {f"SG00{n}" for n in range(1, 10)} | {"SG550", "SG551"}
    with pytest.raises(ValueError, match="declared twice"):
        SG110.section.code("SG110", Severity.ERROR, SG110.doc, zh="", en="", fix_zh="", fix_en="")


def test_a_report_fills_the_templates_and_takes_severity_from_the_code(tmp_path):
    diags = Diagnostics(tmp_path)
    diags.report(SG060, tmp_path / "content/a.md", line=3, id="a", other="content/b.md")
    [diag] = diags.items
    assert (diag.path, diag.line, diag.code, diag.severity) == ("content/a.md", 3, "SG060", Severity.ERROR)
    assert diag.zh == "标识“a”与 content/b.md 重复。" and diag.en == 'The id "a" is also used by content/b.md.'
    with pytest.raises(KeyError):
        diags.report(SG060, None, id="a")  # a missing value is a bug in the call, not an empty message
