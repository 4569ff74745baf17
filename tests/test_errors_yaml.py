"""Common YAML faults are named, at the line where they are, with the fix (issue 18, item 3).

Property-style: real front matter (every demo document, and front matter built from the real government
documents in /work/shared/samples) gets one fault injected at a random eligible line, by program. The report
must be at the injected line (the file's line: the front matter starts on line 2) and name the fault in both
languages. Before, PyYAML's raw English came through ("found character that cannot start any token"), and a
full-width colon or a missing colon was reported on the next line.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from sitegen.diagnostics.core import Diagnostics
from sitegen.load.frontmatter import parse
from sitegen.load.sources import SourceText

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path("/work/shared/samples")
CASES_PER_FAULT = 80

KEY_WITH_VALUE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_]\w*): (\S.*)$")


def _demo_front_matter() -> list[list[str]]:
    found = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        lines = path.read_text("utf-8").split("\n")
        end = lines.index("---", 1)
        found.append(lines[1:end])
    return found


def _sample_front_matter() -> list[list[str]]:
    """Front matter of a policy, from the first lines of each real document (title, number, addressees)."""
    found = []
    for path in sorted(SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else []:
        lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
        number = next((line for line in lines if re.search(r"〔\d{4}〕", line)), "")
        head = lines[: lines.index(number)] if number in lines else lines[:3]
        addressees = next((line for line in lines if line.endswith("：")), "")
        meta = {
            "title": "".join(head[1:]) or head[0],
            "doc_number": number,
            "issuer": head[0],
            "addressees": addressees,
            "summary": max(lines[:40], key=len),
            "written": "2024-07-01",
            "topics": ["综合政务"],
            "catalog": ["010101"],
            "review": {"date": "2024-07-02", "by": "保密审查小组"},
            "attachments": [{"title": line[:20], "file": f"a{i}.pdf"} for i, line in enumerate(lines[5:8])],
        }
        found.append(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000).rstrip("\n").split("\n"))
    return found


CORPUS = _demo_front_matter() + _sample_front_matter()


@dataclass
class Injected:
    lines: list[str]
    index: int  # 0-based line of the fault in the front matter


def _key_lines(lines: list[str], top_level: bool = False) -> list[int]:
    return [
        i
        for i, line in enumerate(lines)
        if (found := KEY_WITH_VALUE.match(line)) and (not top_level or not found.group(1))
    ]


def _tab(lines: list[str], rng: random.Random) -> Injected | None:
    eligible = [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    i = rng.choice(eligible)
    indent = len(lines[i]) - len(lines[i].lstrip())
    changed = list(lines)
    changed[i] = "\t" + lines[i].lstrip() if indent else "\t" + lines[i]
    return Injected(changed, i)


def _full_width_colon(lines: list[str], rng: random.Random) -> Injected | None:
    i = rng.choice(_key_lines(lines))
    changed = list(lines)
    changed[i] = lines[i].replace(": ", "：", 1)
    return Injected(changed, i)


def _unclosed_quote(lines: list[str], rng: random.Random) -> Injected | None:
    eligible = [i for i in _key_lines(lines) if KEY_WITH_VALUE.match(lines[i]).group(3)[0] not in "[{|>&*!'"]  # type: ignore[union-attr]
    i = rng.choice(eligible)
    prefix, key, value = KEY_WITH_VALUE.match(lines[i]).groups()  # type: ignore[union-attr]
    changed = list(lines)
    changed[i] = f'{prefix}{key}: "{value[1:-1] if value.startswith(chr(34)) else value}'
    return Injected(changed, i)


def _missing_colon(lines: list[str], rng: random.Random) -> Injected | None:
    i = rng.choice(_key_lines(lines))
    changed = list(lines)
    changed[i] = lines[i].replace(": ", " ", 1)
    return Injected(changed, i)


def _colon_in_value(lines: list[str], rng: random.Random) -> Injected | None:
    eligible = [i for i in _key_lines(lines) if KEY_WITH_VALUE.match(lines[i]).group(3)[0] not in "[{|>&*!'\""]  # type: ignore[union-attr]
    i = rng.choice(eligible)
    prefix, key, value = KEY_WITH_VALUE.match(lines[i]).groups()  # type: ignore[union-attr]
    changed = list(lines)
    changed[i] = f"{prefix}{key}: 附注: {value}"
    return Injected(changed, i)


def _bad_indentation(lines: list[str], rng: random.Random) -> Injected | None:
    """An indented line that has an earlier sibling (same indentation, nothing shallower between)."""

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip())

    eligible = []
    for i, line in enumerate(lines):
        if not line.strip() or not indent(line) or not KEY_WITH_VALUE.match(line):
            continue
        for j in range(i - 1, -1, -1):
            if lines[j].strip() and indent(lines[j]) <= indent(line):
                if indent(lines[j]) == indent(line) and KEY_WITH_VALUE.match(lines[j]):
                    eligible.append(i)
                break
    if not eligible:
        return None
    i = rng.choice(eligible)
    changed = list(lines)
    changed[i] = (" " if rng.random() < 0.5 else "  ") + lines[i] if rng.random() < 0.5 else lines[i][1:]
    return Injected(changed, i)


def _duplicate_key(lines: list[str], rng: random.Random) -> Injected | None:
    keys = _key_lines(lines, top_level=True)
    i = rng.choice(keys)
    later = [j for j, line in enumerate(lines) if j > i and line and not line[0].isspace() and line[0] != "-"]
    at = rng.choice([*later, len(lines)])
    changed = [*lines[:at], lines[i], *lines[at:]]
    return Injected(changed, at)


# The fault, its injection, and the words the report must contain (in the zh and in the en text).
FAULTS: dict[str, tuple[Callable[[list[str], random.Random], Injected | None], str, str]] = {
    "tab": (_tab, "制表符（Tab）", "Tab"),
    "full-width colon": (_full_width_colon, "全角冒号“：”", 'full-width colon "："'),
    "unclosed quote": (_unclosed_quote, "引号未闭合", "unclosed quote"),
    "missing colon": (_missing_colon, "缺少英文冒号", 'no colon ":"'),
    "colon in value": (_colon_in_value, "值里有“: ”", 'contains ": "'),
    "bad indentation": (_bad_indentation, "缩进", "indentation"),
    "duplicate key": (_duplicate_key, "写了两次", "given twice"),
}


def _report(lines: list[str]) -> tuple[Diagnostics, int]:
    diags = Diagnostics()
    parse(SourceText(Path("x.md"), "---\n" + "\n".join(lines) + "\n---\n正文\n"), diags)
    return diags, len(diags.items)


def test_the_corpus_is_real_and_valid():
    assert len(CORPUS) >= 100  # every demo document, plus the samples
    for lines in CORPUS:
        diags, count = _report(lines)
        assert count == 0, (lines, diags.format(colour=False))


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_an_injected_fault_is_reported_at_its_line_and_named(fault):
    inject, zh_words, en_words = FAULTS[fault]
    rng = random.Random(f"issue-18-{fault}")
    failures, tried, faulty = [], 0, 0
    while tried < CASES_PER_FAULT:
        source = rng.choice(CORPUS)
        injected = inject(source, rng)
        if injected is None:
            continue
        tried += 1
        diags, _ = _report(injected.lines)
        if not diags.items:  # still valid YAML (e.g. a tab inside a flow collection): not a fault here
            continue
        faulty += 1
        [diag] = diags.items
        if diag.line != injected.index + 2 or zh_words not in diag.zh or en_words not in diag.en:
            failures.append((injected.lines[injected.index], injected.index + 2, diag.line, diag.zh))
    assert not failures, "\n".join(map(repr, failures[:10])) + f"\n{len(failures)} of {faulty} wrong"
    assert faulty >= CASES_PER_FAULT * 0.9, f"only {faulty} of {tried} injections broke the YAML"


def test_a_front_matter_of_one_full_width_line_names_the_colon():
    """``issuer：示例区`` alone is valid YAML (a string): it was "not a mapping" (SG025), without the cause."""
    diags, _ = _report(["issuer：示例区"])
    [diag] = diags.items
    assert (diag.code, diag.line, diag.column) == ("SG024", 2, 7)
    assert "全角冒号“：”" in diag.zh and 'full-width colon "："' in diag.en
