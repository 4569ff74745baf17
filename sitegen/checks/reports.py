"""The annual report adds up, agrees with the policy library and with last year's report, and is on time."""

from __future__ import annotations

import datetime as dt

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
from sitegen.model.report_totals import application_values, arithmetic_problems, describe, library_counts
from sitegen.model.site import SiteModel


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    public_policies = [p for p in model.policies.values() if p.is_public]
    by_year = {r.year: r for r in model.reports.values()}
    for report in model.reports.values():
        for problem in arithmetic_problems(report):
            zh, en = describe(problem)
            diags.add(problem.code, report.source, zh, en, line=problem.line,
                      fix_zh="核对该单元格和各分项数字；总计可以不填，由系统自动计算。",
                      fix_en="Check the cell and its parts; leave the total out to have it computed.")
        _check_library(report, model, public_policies, diags)
        previous = by_year.get(report.year - 1)
        if previous is not None:
            _check_continuity(report, previous, diags)
        _check_dates(report, diags)


def _check_library(report: AnnualReport, model: SiteModel, policies: list, diags: Diagnostics) -> None:
    line = report.cell_lines.get("proactive.normative_catalog")
    if report.normative_catalog not in model.nodes:
        diags.add("SG315", report.source, f"normative_catalog 指向的目录编码“{report.normative_catalog}”不存在。",
                  f'normative_catalog names the catalog code "{report.normative_catalog}", which does not exist.',
                  line=line, fix_zh="填写目录中“行政规范性文件”节点的编码（加引号）。",
                  fix_en="Give the code of the catalog node that holds the normative documents (quoted).")
        return
    library, undated = library_counts(policies, model.nodes, report.normative_catalog, report.year)
    override = report.normative_override
    if override is not None and override != library and not report.normative_reason:
        given = "、".join(f"{label} {getattr(override, key)}" for key, label in COUNT_COLUMNS.items())
        counted = "、".join(f"{label} {getattr(library, key)}" for key, label in COUNT_COLUMNS.items())
        diags.add("SG313", report.source,
                  f"表“{SECTIONS['proactive']}”，“{NORMATIVE_LABEL}”行：填写为 {given}，政策文件库统计为 {counted}。",
                  f'Table "{SECTIONS["proactive"]}", row "{NORMATIVE_LABEL}": entered {override}, '
                  f"but the policy library counts {library}.",
                  line=report.cell_lines.get("proactive.normative"),
                  fix_zh="删除 normative 以采用政策文件库的统计，或在 normative 中写明 reason（数据来源和差异原因）。",
                  fix_en="Remove normative to use the library's counts, or give a reason (source and why they differ).")
    if override is None and undated:
        names = "、".join(p.id for p in undated)
        diags.add("SG314", report.source,
                  f"政策文件库中已废止或失效的规范性文件没有替代文件，无法确定废止年份，未计入统计：{names}。",
                  f"Repealed or expired normative documents without a replacement have no known end and were not "
                  f"counted: {names}.", line=line, warning=True,
                  fix_zh="为这些文件填写 replaced_by，或在 normative 中填写核实后的数字并写明 reason。",
                  fix_en="Give those policies a replaced_by, or enter checked numbers under normative with a reason.")


def _check_continuity(report: AnnualReport, previous: AnnualReport, diags: Diagnostics) -> None:
    """二、上年结转 of this year is 四、结转下年度继续办理 of the last."""
    carried_in = application_values(report)["carried_over"]
    carried_out = application_values(previous)["carried_forward"]
    columns = [*APPLICANT_COLUMNS.values(), TOTAL_LABEL]
    for column, this, last in zip(columns, carried_in, carried_out):
        if this != last:
            diags.add("SG312", report.source,
                      f"表“{SECTIONS['applications']}”，“{FRAME_ROWS['carried_over']}”行，“{column}”列为 {this}，"
                      f"但 {previous.year} 年度报告的“{FRAME_ROWS['carried_forward']}”为 {last}。",
                      f'Table "{SECTIONS["applications"]}", row "carried_over", column "{column}" is {this}, but the '
                      f"{previous.year} report carried {last} forward.",
                      line=report.cell_lines.get("applications.carried_over"), warning=True,
                      fix_zh="核对两年的结转数字。", fix_en="Check the carried-over numbers of both years.")


def _check_dates(report: AnnualReport, diags: Diagnostics) -> None:
    """The Regulations (第四十九条) ask for the report by 31 January of the following year."""
    line = report.line_of("published")
    if report.published <= dt.date(report.year, 12, 31):
        diags.add("SG316", report.source, f"{report.year} 年度报告的发布日期 {report.published} 早于统计年度结束。",
                  f"The {report.year} report is dated {report.published}, before the year it reports on ended.",
                  line=line, fix_zh="核对 year 和 published。", fix_en="Check year and published.")
    elif report.published > dt.date(report.year + 1, 1, 31):
        diags.add("SG317", report.source, f"年度报告应于 {report.year + 1} 年 1 月 31 日前公布，实际为 {report.published}。",
                  f"The report is due by {report.year + 1}-01-31 but was published on {report.published}.",
                  line=line, warning=True, fix_zh="按《条例》第四十九条按时公布年度报告。",
                  fix_en="Publish the report on time (Regulations, Article 49).")
