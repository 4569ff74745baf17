"""The annual report on government information disclosure (政府信息公开工作年度报告).

The national format (国办公开办函〔2021〕30号) fixes six sections and three tables. This module holds
that format, reads `content/reports/<year>.yaml` into an :class:`AnnualReport`, and does the
report's arithmetic: totals are computed, and totals an editor entered are checked against them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.diagnostics.core import Diagnostics
from sitegen.load import fields as f
from sitegen.load.catalog import catalog_code
from sitegen.load.content import COMMON
from sitegen.load.sources import find_files, read_text
from sitegen.load.yamlio import LineMap, YamlProblem, load_yaml
from sitegen.model.config import SiteConfig
from sitegen.model.records import AnnualReport, CatalogNode, NormativeCounts, Policy

SECTIONS = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}

# Table 二: four blocks, one per item of Article 20 of the Regulations.
COUNT_COLUMNS = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"}
RULES_LABEL, NORMATIVE_LABEL = "规章", "行政规范性文件"
DECISION_ROWS = {"licensing": "行政许可", "penalty": "行政处罚", "coercion": "行政强制"}
FEES_LABEL = "行政事业性收费"

# Table 三: applicant columns; the last two rows and the first two frame the results.
APPLICANT_COLUMNS = {"natural": "自然人", "business": "商业企业", "research": "科研机构",
                     "public_welfare": "社会公益组织", "legal_service": "法律服务机构", "other": "其他"}
TOTAL_LABEL = "总计"
RESULT_GROUPS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("granted", "（一）予以公开", []),
    ("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    ("withheld", "（三）不予公开", [
        ("state_secret", "1.属于国家秘密"),
        ("prohibited", "2.其他法律行政法规禁止公开"),
        ("security_stability", "3.危及“三安全一稳定”"),
        ("third_party", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"),
        ("process_information", "6.属于四类过程性信息"),
        ("enforcement_files", "7.属于行政执法案卷"),
        ("inquiry", "8.属于行政查询事项"),
    ]),
    ("unavailable", "（四）无法提供", [
        ("not_held", "1.本机关不掌握相关政府信息"),
        ("needs_creation", "2.没有现成信息需要另行制作"),
        ("unclear", "3.补正后申请内容仍不明确"),
    ]),
    ("not_processed", "（五）不予处理", [
        ("complaint", "1.信访举报投诉类申请"),
        ("duplicate", "2.重复申请"),
        ("publication", "3.要求提供公开出版物"),
        ("excessive", "4.无正当理由大量反复申请"),
        ("confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ]),
    ("other_handling", "（六）其他处理", [
        ("overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3.其他"),
    ]),
]
RESULTS_LABEL = "三、本年度办理结果"
RESULT_TOTAL = ("total", "（七）总计")
FRAME_ROWS = {"received": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
              "carried_forward": "四、结转下年度继续办理"}

# Table 四.
APPEAL_COLUMNS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}
APPEAL_ROWS = {"review": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）",
               "litigation_after_review": "行政诉讼（复议后起诉）"}


def result_rows() -> list[tuple[str, str]]:
    """The leaf rows of 三、本年度办理结果 as (key, label); keys of sub-rows are "group.row"."""
    rows = []
    for key, label, children in RESULT_GROUPS:
        rows += [(f"{key}.{child}", f"{label} {child_label}") for child, child_label in children] or [(key, label)]
    return rows


def application_row_labels() -> dict[str, str]:
    """Every row an editor fills in table 三, in table order."""
    return {"received": FRAME_ROWS["received"], "carried_over": FRAME_ROWS["carried_over"], **dict(result_rows()),
            "carried_forward": FRAME_ROWS["carried_forward"]}


# Reading the YAML ---------------------------------------------------------------------------------

CODES = ("SG301", "SG302", "SG303")


def _amount(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise f.FieldError(f"应为不小于 0 的数字，实际是“{value}”。", f'Expected a number of 0 or more, got "{value}".',
                           "填写不带单位的数字，例如 1263.5。", "Write a plain number, e.g. 1263.5.")
    return value


def _counts(value: Any) -> NormativeCounts:
    mapping = f.check_mapping(value, "该行", "The row")
    missing = [k for k in COUNT_COLUMNS if mapping.get(k) is None]
    if missing:
        raise f.FieldError(f"缺少 {'、'.join(f'{k}（{COUNT_COLUMNS[k]}）' for k in missing)}。",
                           f"Missing {', '.join(missing)}.", "写成 {issued: 0, repealed: 0, in_force: 0}。",
                           "Write {issued: 0, repealed: 0, in_force: 0}.")
    return NormativeCounts(*(f.count(mapping[k]) for k in COUNT_COLUMNS))


def _normative(value: Any) -> tuple[NormativeCounts, str | None]:
    mapping = f.check_mapping(value, "normative", "normative")
    reason = f.text(mapping["reason"]) if mapping.get("reason") is not None else None
    return _counts(mapping), reason


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2008 <= value <= 2100:
        raise f.FieldError(f"统计年度“{value}”无效。", f'Invalid report year "{value}".', "写成四位数年份，例如 2025。",
                           "Write a four-digit year, e.g. 2025.")
    return value


PROACTIVE_SCHEMA: dict[str, f.Field] = {
    "rules": f.Field(_counts, required=True),
    "normative_catalog": f.Field(catalog_code, required=True),
    "normative": f.Field(_normative),
    **{key: f.Field(f.count, required=True) for key in DECISION_ROWS},
    "fees": f.Field(_amount, required=True),
}

REPORT_SCHEMA: dict[str, f.Field] = {
    **{k: v for k, v in COMMON.items() if k != "id"},
    "title": f.Field(f.text),
    "year": f.Field(_year, required=True),
    "issuer": f.Field(f.text, required=True),
    "published": f.Field(f.date, required=True),
    "index_no": f.Field(f.text),
    "overview": f.Field(f.text, required=True),
    "proactive": f.Field(lambda v: f.check_mapping(v, "proactive", "proactive"), required=True),
    "applications": f.Field(lambda v: f.check_mapping(v, "applications", "applications"), required=True),
    "appeals": f.Field(lambda v: f.check_mapping(v, "appeals", "appeals"), required=True),
    "problems": f.Field(f.text, required=True),
    "other": f.Field(f.text, required=True),
}


class _TableReader:
    """Reads rows of whole numbers, remembering the line of each, and reports malformed or missing rows."""

    def __init__(self, path: Path, table: str, diags: Diagnostics, lines: dict[str, int]):
        self.path, self.table, self.diags, self.lines = path, table, diags, lines
        self.ok = True

    def row(self, mapping: LineMap, key: str, label: str, width: int, prefix: str = "") -> list[int] | None:
        """A row of ``width`` numbers, or ``width + 1`` with its 总计 entered last."""
        full = f"{prefix}{key}"
        raw = mapping.get(key)
        line = mapping.line_of(key)
        self.lines[f"{self.table}.{full}"] = line
        if raw is None:
            self._bad(line, f"缺少“{label}”行（{full}）。", f'The row "{full}" ({label}) is missing.',
                      f"加入 {key}: [{', '.join(['0'] * width)}]。", f"Add {key}: [{', '.join(['0'] * width)}].")
            return None
        if not isinstance(raw, list) or len(raw) not in (width, width + 1):
            self._bad(line, f"“{label}”行（{full}）应为 {width} 个数字（可在最后加上总计）。",
                      f'The row "{full}" ({label}) must list {width} numbers (optionally followed by the total).',
                      f"写成 {key}: [{', '.join(['0'] * width)}]，即 {width} 个数字，可在最后加上总计。",
                      f"Write {key}: [{', '.join(['0'] * width)}], that is {width} numbers, optionally followed by the total.")
            return None
        try:
            return [f.count(v) for v in raw]
        except f.FieldError as exc:
            self._bad(line, f"“{label}”行（{full}）：{exc.zh}", f'Row "{full}" ({label}): {exc.en}', exc.fix_zh, exc.fix_en)
            return None

    def unknown(self, mapping: LineMap, known: Iterable[str], prefix: str = "") -> None:
        known = list(known)
        for key in mapping:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                hint_zh = f"是否想写“{close[0]}”？" if close else f"可用的行：{', '.join(known)}。"
                hint_en = f'Did you mean "{close[0]}"?' if close else f"Known rows: {', '.join(known)}."
                self.diags.add("SG305", self.path, f"未知的行“{prefix}{key}”，已忽略。{hint_zh}",
                               f'Unknown row "{prefix}{key}"; ignored. {hint_en}', line=mapping.line_of(key),
                               fix_zh=hint_zh, fix_en=hint_en, warning=True)

    def group(self, mapping: LineMap, key: str, label: str) -> LineMap | None:
        raw = mapping.get(key)
        if not isinstance(raw, LineMap):
            self._bad(mapping.line_of(key), f"“{label}”（{key}）应为映射，每个分项一行。",
                      f'"{key}" ({label}) must be a mapping with one line per sub-row.',
                      f"在 {key}: 下逐行填写各分项。", f"List each sub-row under {key}:.")
            return None
        return raw

    def _bad(self, line: int | None, zh: str, en: str, fix_zh: str, fix_en: str) -> None:
        self.ok = False
        self.diags.add("SG304", self.path, zh, en, line=line, fix_zh=fix_zh, fix_en=fix_en)


def _read_applications(raw: LineMap, path: Path, diags: Diagnostics, lines: dict[str, int]) -> dict[str, list[int]] | None:
    reader = _TableReader(path, "applications", diags, lines)
    width = len(APPLICANT_COLUMNS)
    rows: dict[str, list[int] | None] = {}
    for key in ("received", "carried_over"):
        rows[key] = reader.row(raw, key, FRAME_ROWS[key], width)
    for key, label, children in RESULT_GROUPS:
        if not children:
            rows[key] = reader.row(raw, key, label, width)
            continue
        group = reader.group(raw, key, label)
        if group is not None:
            for child, child_label in children:
                rows[f"{key}.{child}"] = reader.row(group, child, f"{label} {child_label}", width, f"{key}.")
            reader.unknown(group, [c for c, _ in children], f"{key}.")
    if raw.get(RESULT_TOTAL[0]) is not None:
        rows[RESULT_TOTAL[0]] = reader.row(raw, RESULT_TOTAL[0], RESULT_TOTAL[1], width)
    rows["carried_forward"] = reader.row(raw, "carried_forward", FRAME_ROWS["carried_forward"], width)
    reader.unknown(raw, ["received", "carried_over", *(k for k, _, _ in RESULT_GROUPS), RESULT_TOTAL[0], "carried_forward"])
    return {k: v for k, v in rows.items() if v is not None} if reader.ok else None


def _read_appeals(raw: LineMap, path: Path, diags: Diagnostics, lines: dict[str, int]) -> dict[str, list[int]] | None:
    reader = _TableReader(path, "appeals", diags, lines)
    rows = {key: reader.row(raw, key, label, len(APPEAL_COLUMNS)) for key, label in APPEAL_ROWS.items()}
    reader.unknown(raw, list(APPEAL_ROWS))
    return {k: v for k, v in rows.items() if v is not None} if reader.ok else None


def load_report(path: Path, config: SiteConfig, diags: Diagnostics) -> AnnualReport | None:
    source = read_text(path, diags)
    if source is None:
        return None
    try:
        raw = load_yaml(source.text)
    except YamlProblem as exc:
        diags.add("SG300", path, exc.zh, exc.en, line=exc.line, column=exc.column, fix_zh=exc.fix_zh, fix_en=exc.fix_en)
        return None
    if not isinstance(raw, LineMap):
        diags.add("SG300", path, "年度报告文件必须是“字段: 值”形式的映射。", "An annual report file must be a mapping of 'key: value' lines.",
                  line=1, fix_zh="参照 docs/content.md 中的年度报告示例。", fix_en="Follow the annual report example in docs/content.md.")
        return None
    values = f.apply_schema(raw, REPORT_SCHEMA, path, diags, codes=CODES)
    if values is None:
        return None
    lines: dict[str, int] = {}
    proactive_raw = values.pop("proactive")
    proactive = f.apply_schema(proactive_raw, PROACTIVE_SCHEMA, path, diags, codes=CODES)
    applications = _read_applications(values.pop("applications"), path, diags, lines)
    appeals = _read_appeals(values.pop("appeals"), path, diags, lines)
    if proactive is None or applications is None or appeals is None:
        return None
    lines.update({f"proactive.{k}": proactive_raw.line_of(k) for k in proactive_raw})
    override = proactive.pop("normative", None)
    year = values["year"]
    values.setdefault("title", f"{values['issuer']}{year}年政府信息公开工作年度报告")
    values.setdefault("review", None)
    texts = [values["overview"], values["problems"], values["other"]]
    return AnnualReport(
        id=str(year), source=path, body="\n\n".join(texts), body_line=raw.line_of("overview"),
        meta_lines=dict(raw.key_lines), normative_catalog=proactive.pop("normative_catalog"),
        normative_override=override[0] if override else None, normative_reason=override[1] if override else None,
        proactive=proactive, applications=applications, appeals=appeals, cell_lines=lines, **values)


def load_reports(config: SiteConfig, diags: Diagnostics) -> list[AnnualReport]:
    folder = config.content_dir / "reports"
    paths = find_files(folder, "*.yaml", config.root, diags) + find_files(folder, "*.yml", config.root, diags)
    return [report for path in sorted(paths) if (report := load_report(path, config, diags)) is not None]


# Arithmetic -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CellProblem:
    """One cell whose entered value disagrees with the arithmetic of the national format."""

    code: str
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
    rows[RESULT_TOTAL[0]] = [sum(column) for column in zip(*results)]
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
            for column, given, expected in zip(columns, entered, computed[key]):
                if given != expected:
                    problems.append(CellProblem("SG310", line, applications, labels[key], column, given, expected))
    for index, column in enumerate(columns):
        inflow = computed["received"][index] + computed["carried_over"][index]
        outflow = computed[RESULT_TOTAL[0]][index] + computed["carried_forward"][index]
        if inflow != outflow:
            problems.append(CellProblem("SG311", report.cell_lines.get("applications.carried_forward"), applications,
                                        "一＋二 与 三（七）＋四", column, outflow, inflow))
    appeal_columns = [*APPEAL_COLUMNS.values(), TOTAL_LABEL]
    for key, cells in report.appeals.items():
        if len(cells) > len(APPEAL_COLUMNS) and cells[-1] != sum(cells[:-1]):
            problems.append(CellProblem("SG310", report.cell_lines.get(f"appeals.{key}"), appeals, APPEAL_ROWS[key],
                                        appeal_columns[-1], cells[-1], sum(cells[:-1])))
    return problems


def describe(problem: CellProblem) -> tuple[str, str]:
    """The bilingual message naming the table, row and column of a wrong cell."""
    where_zh = f"表“{problem.table}”，“{problem.row}”行，“{problem.column}”列"
    where_en = f'table "{problem.table}", row "{problem.row}", column "{problem.column}"'
    if problem.code == "SG311":
        return (f"{where_zh}：一＋二＝{problem.expected}，三（七）＋四＝{problem.entered}，两者应相等。",
                f"{where_en}: received + carried over = {problem.expected} but results + carried forward = "
                f"{problem.entered}; they must be equal.")
    return (f"{where_zh}：填写为 {problem.entered}，按各项合计应为 {problem.expected}。",
            f"{where_en}: entered {problem.entered}, but its parts add up to {problem.expected}.")


# 行政规范性文件 from the policy library ---------------------------------------------------------------

def codes_under(nodes: dict[str, CatalogNode], root: str) -> set[str]:
    found, stack = set(), [root]
    while stack:
        code = stack.pop()
        if code in nodes:
            found.add(code)
            stack.extend(nodes[code].children)
    return found


def library_counts(policies: Iterable[Policy], nodes: dict[str, CatalogNode], root: str,
                   year: int) -> tuple[NormativeCounts, list[Policy]]:
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


def paragraphs(text: str) -> list[str]:
    """Plain-text paragraphs, separated by blank lines (the report's prose is not Markdown)."""
    return ["".join(line.strip() for line in part.split("\n")) for part in text.split("\n\n") if part.strip()]
