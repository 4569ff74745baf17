"""The annual report's arithmetic: totals are computed, and totals an editor entered are checked against them;
the normative-document counts come from the policy library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sitegen.diagnostics.codes import SG310, SG311
from sitegen.diagnostics.registry import Code
from sitegen.model.records import AnnualReport, CatalogNode, NormativeCounts, Policy
from sitegen.model.report_format import (
    APPEAL_COLUMNS,
    APPEAL_ROWS,
    APPLICANT_COLUMNS,
    RESULT_TOTAL,
    SECTIONS,
    TOTAL_LABEL,
    application_row_labels,
    result_rows,
)


@dataclass(frozen=True)
class CellProblem:
    """One cell whose entered value disagrees with the arithmetic of the national format."""

    code: Code  # SG310 (a total) or SG311 (the balance of table 三)
    line: int | None
    table: str
    row: str
    column: str
    entered: int
    expected: int


def with_total(cells: list[int], width: int) -> list[int]:
    """The row's parts followed by their sum (an entered total is checked elsewhere, not trusted)."""
    return [*cells[:width], sum(cells[:width])]


def application_values(report: AnnualReport) -> dict[str, list[int]]:
    """Every row of table 三 with seven computed columns, including （七）总计."""
    width = len(APPLICANT_COLUMNS)
    rows = {key: with_total(report.applications[key], width) for key in application_row_labels()}
    results = [rows[key] for key, _ in result_rows()]
    rows[RESULT_TOTAL[0]] = [sum(column) for column in zip(*results, strict=False)]
    return rows


def appeal_values(report: AnnualReport) -> dict[str, list[int]]:
    return {key: with_total(report.appeals[key], len(APPEAL_COLUMNS)) for key in APPEAL_ROWS}


def arithmetic_problems(report: AnnualReport) -> list[CellProblem]:
    """Each entered 总计 equals its parts, and 一 + 二 = 三（七）+ 四 in every column."""
    problems: list[CellProblem] = []
    applications, appeals = SECTIONS["applications"], SECTIONS["appeals"]
    columns = [*APPLICANT_COLUMNS.values(), TOTAL_LABEL]
    computed = application_values(report)
    labels = {**application_row_labels(), RESULT_TOTAL[0]: RESULT_TOTAL[1]}
    for key, cells in report.applications.items():
        line = report.cell_lines.get(f"applications.{key}")
        if len(cells) > len(APPLICANT_COLUMNS):
            entered = cells if key == RESULT_TOTAL[0] else [*computed[key][:-1], cells[-1]]
            for column, given, expected in zip(columns, entered, computed[key], strict=False):
                if given != expected:
                    problems.append(CellProblem(SG310, line, applications, labels[key], column, given, expected))
    for index, column in enumerate(columns):
        inflow = computed["received"][index] + computed["carried_over"][index]
        outflow = computed[RESULT_TOTAL[0]][index] + computed["carried_forward"][index]
        if inflow != outflow:
            problems.append(
                CellProblem(
                    SG311,
                    report.cell_lines.get("applications.carried_forward"),
                    applications,
                    "一＋二 与 三（七）＋四",
                    column,
                    outflow,
                    inflow,
                )
            )
    appeal_columns = [*APPEAL_COLUMNS.values(), TOTAL_LABEL]
    for key, cells in report.appeals.items():
        if len(cells) > len(APPEAL_COLUMNS) and cells[-1] != sum(cells[:-1]):
            problems.append(
                CellProblem(
                    SG310,
                    report.cell_lines.get(f"appeals.{key}"),
                    appeals,
                    APPEAL_ROWS[key],
                    appeal_columns[-1],
                    cells[-1],
                    sum(cells[:-1]),
                )
            )
    return problems


# 行政规范性文件 from the policy library ---------------------------------------------------------------


def codes_under(nodes: dict[str, CatalogNode], root: str) -> set[str]:
    found, stack = set(), [root]
    while stack:
        code = stack.pop()
        if code in nodes:
            found.add(code)
            stack.extend(nodes[code].children)
    return found


def library_counts(
    policies: Iterable[Policy], nodes: dict[str, CatalogNode], root: str, year: int
) -> tuple[NormativeCounts, list[Policy]]:
    """Issued in ``year``, repealed in ``year`` and in force at its end, counted from public policies.

    A policy ends on the day its replacement was written; a repealed or expired policy without a
    replacement has no known end, so it is left out and returned for the editor to settle.
    """
    policies = list(policies)
    by_id = {p.id: p for p in policies}
    codes = codes_under(nodes, root)
    end = dt.date(year, 12, 31)
    issued = repealed = in_force = 0
    undated: list[Policy] = []
    for policy in sorted(policies, key=lambda p: p.id):
        if not codes.intersection(policy.catalog) or policy.written > end:
            continue
        issued += policy.written.year == year
        ended: dt.date | None = None
        if policy.validity in ("repealed", "expired"):
            successor = by_id.get(policy.replaced_by or "")
            if successor is None:
                undated.append(policy)
                continue
            ended = successor.written
        if ended is not None and ended <= end:
            repealed += ended.year == year
        else:
            in_force += 1
    return NormativeCounts(issued, repealed, in_force), undated
