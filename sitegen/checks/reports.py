"""The annual report adds up, agrees with the policy library and with last year's report, and is on time."""

from __future__ import annotations

import datetime as dt

from sitegen.diagnostics.codes import SG312, SG313, SG314, SG315, SG316, SG317
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.records import AnnualReport
from sitegen.model.report_format import (
    APPLICANT_COLUMNS,
    COUNT_COLUMNS,
    FRAME_ROWS,
    NORMATIVE_LABEL,
    SECTIONS,
    TOTAL_LABEL,
)
from sitegen.model.report_totals import application_values, arithmetic_problems, library_counts
from sitegen.model.site import SiteModel


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    public_policies = [p for p in model.policies.values() if p.is_public]
    by_year = {r.year: r for r in model.reports.values()}
    for report in model.reports.values():
        for problem in arithmetic_problems(report):
            diags.report(
                problem.code,
                report.source,
                line=problem.line,
                table=problem.table,
                row=problem.row,
                col=problem.column,
                entered=problem.entered,
                expected=problem.expected,
            )
        _check_library(report, model, public_policies, diags)
        previous = by_year.get(report.year - 1)
        if previous is not None:
            _check_continuity(report, previous, diags)
        _check_dates(report, diags)


def _check_library(report: AnnualReport, model: SiteModel, policies: list, diags: Diagnostics) -> None:
    line = report.cell_lines.get("proactive.normative_catalog")
    if report.normative_catalog not in model.nodes:
        diags.report(SG315, report.source, line=line, normative_catalog=report.normative_catalog)
        return
    library, undated = library_counts(policies, model.nodes, report.normative_catalog, report.year)
    override = report.normative_override
    if override is not None and override != library and not report.normative_reason:
        given = "、".join(f"{label} {getattr(override, key)}" for key, label in COUNT_COLUMNS.items())
        counted = "、".join(f"{label} {getattr(library, key)}" for key, label in COUNT_COLUMNS.items())
        diags.report(
            SG313,
            report.source,
            line=report.cell_lines.get("proactive.normative"),
            table=SECTIONS["proactive"],
            row=NORMATIVE_LABEL,
            given=given,
            counted=counted,
            entered=override,
            library=library,
        )
    # A policy whose successor failed to load has no known end only because of that file's own error.
    undated = [p for p in undated if not (p.replaced_by and _faulty(p.replaced_by, model, diags))]
    if override is None and undated:
        names = "、".join(p.id for p in undated)
        diags.report(SG314, report.source, line=line, names=names)


def _check_continuity(report: AnnualReport, previous: AnnualReport, diags: Diagnostics) -> None:
    """二、上年结转 of this year is 四、结转下年度继续办理 of the last."""
    carried_in = application_values(report)["carried_over"]
    carried_out = application_values(previous)["carried_forward"]
    columns = [*APPLICANT_COLUMNS.values(), TOTAL_LABEL]
    for column, this, last in zip(columns, carried_in, carried_out, strict=False):
        if this != last:
            diags.report(
                SG312,
                report.source,
                line=report.cell_lines.get("applications.carried_over"),
                table=SECTIONS["applications"],
                row=FRAME_ROWS["carried_over"],
                col=column,
                this=this,
                previous_year=previous.year,
                last_row=FRAME_ROWS["carried_forward"],
                last=last,
            )


def _check_dates(report: AnnualReport, diags: Diagnostics) -> None:
    """The Regulations (第四十九条) ask for the report by 31 January of the following year."""
    line = report.line_of("published")
    if report.published <= dt.date(report.year, 12, 31):
        diags.report(SG316, report.source, line=line, year=report.year, published=report.published)
    elif report.published > dt.date(report.year + 1, 1, 31):
        diags.report(SG317, report.source, line=line, due_year=report.year + 1, published=report.published)


def _faulty(policy_id: str, model: SiteModel, diags: Diagnostics) -> bool:
    """The policy failed to load or has errors of its own (reported for it)."""
    found = model.policies.get(policy_id)
    return bool(diags.failed(policy_id)) or (found is not None and diags.has_errors(found.source))
