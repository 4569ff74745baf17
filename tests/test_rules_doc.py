"""docs/rules.md documents every diagnostic code the package can report, with its real severity."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def severities_in_code() -> dict[str, set[str]]:
    """Each code's severities, read from the source: calls that take a code first, and the schema code triples."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "sitegen").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            # Diagnostics.add(code, ...) and record types built with a code first (e.g. reports.CellProblem)
            if isinstance(node, ast.Call) and node.args \
                    and isinstance(node.args[0], ast.Constant) and re.fullmatch(r"SG\d{3}", str(node.args[0].value)):
                warning = any(k.arg == "warning" and isinstance(k.value, ast.Constant) and k.value.value
                              for k in node.keywords)
                found.setdefault(node.args[0].value, set()).add("警告" if warning else "错误")
            elif isinstance(node, ast.Tuple) and len(node.elts) == 3 and all(
                    isinstance(e, ast.Constant) and re.fullmatch(r"SG\d{3}", str(e.value)) for e in node.elts):
                # (unknown key, wrong value, missing key) for fields.apply_schema: only the first warns
                for element, severity in zip(node.elts, ("警告", "错误", "错误")):
                    found.setdefault(element.value, set()).add(severity)
    from sitegen.checks.privacy import KINDS

    for code, _, _ in KINDS.values():
        found.setdefault(code, set()).add("错误")
    from sitegen.checks.attachments import CODES, UNREADABLE

    for code in [*CODES.values(), *(entry[0] for entry in UNREADABLE.values())]:
        found.setdefault(code, set()).add("错误")
    return found


def documented() -> dict[str, str]:
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    return dict(re.findall(r"^\| (SG\d{3}) \| (错误|警告) \|", text, re.MULTILINE))


def test_every_code_is_documented_with_its_severity():
    in_code = severities_in_code()
    docs = documented()
    every_code = set(re.findall(r"SG\d{3}", "\n".join(p.read_text("utf-8") for p in (ROOT / "sitegen").rglob("*.py"))))
    assert every_code == set(in_code), "a code is raised in a way this test cannot read"
    assert set(docs) == every_code
    for code, severities in sorted(in_code.items()):
        assert severities == {docs[code]}, code


def test_each_row_has_meaning_example_and_fix_in_both_languages():
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for row in re.findall(r"^\| SG\d{3} \|.*$", text, re.MULTILINE):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert len(cells) == 5 and all(cells), row
        chinese, _, english = cells[2].partition("/ ")
        assert re.search(r"[\u4e00-\u9fff]", chinese) and re.search(r"[A-Za-z]+ [A-Za-z]+", english), row
