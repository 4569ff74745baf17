"""The annual report on government information disclosure (政府信息公开工作年度报告).

Reads `content/reports/<year>.yaml` into an :class:`AnnualReport`, in the national format
(:mod:`sitegen.model.report_format`); the arithmetic is :mod:`sitegen.model.report_totals`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitegen.diagnostics.codes import (
    REPORT_KEYS,
    SG300,
    SG300_NOT_MAPPING,
    SG304,
    SG304_GROUP,
    SG304_VALUE,
    SG304_WIDTH,
    SG305,
    SG305_LISTED,
)
from sitegen.diagnostics.core import Diagnostics
from sitegen.diagnostics.registry import Code, Message
from sitegen.load import fields as f
from sitegen.load.catalog import catalog_code
from sitegen.load.sources import find_files
from sitegen.load.yamlio import LineMap, read_mapping
from sitegen.model.config import SiteConfig
from sitegen.model.records import AnnualReport, NormativeCounts
from sitegen.model.report_format import (
    APPEAL_COLUMNS,
    APPEAL_ROWS,
    APPLICANT_COLUMNS,
    COUNT_COLUMNS,
    DECISION_ROWS,
    FRAME_ROWS,
    RESULT_GROUPS,
    RESULT_TOTAL,
)


def _amount(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise f.FieldError(
            f"应为不小于 0 的数字，实际是“{value}”。",
            f'Expected a number of 0 or more, got "{value}".',
            "填写不带单位的数字，例如 1263.5。",
            "Write a plain number, e.g. 1263.5.",
        )
    return value


def _counts(value: Any) -> NormativeCounts:
    mapping = f.check_mapping(value, "该行", "The row")
    missing = [k for k in COUNT_COLUMNS if mapping.get(k) is None]
    if missing:
        raise f.FieldError(
            f"缺少 {'、'.join(f'{k}（{COUNT_COLUMNS[k]}）' for k in missing)}。",
            f"Missing {', '.join(missing)}.",
            "写成 {issued: 0, repealed: 0, in_force: 0}。",
            "Write {issued: 0, repealed: 0, in_force: 0}.",
        )
    return NormativeCounts(*(f.count(mapping[k]) for k in COUNT_COLUMNS))


def _normative(value: Any) -> tuple[NormativeCounts, str | None]:
    mapping = f.check_mapping(value, "normative", "normative")
    reason = f.text(mapping["reason"]) if mapping.get("reason") is not None else None
    return _counts(mapping), reason


PROACTIVE_SCHEMA: dict[str, f.Field] = {
    "rules": f.Field(_counts, required=True),
    "normative_catalog": f.Field(catalog_code, required=True),
    "normative": f.Field(_normative),
    **{key: f.Field(f.count, required=True) for key in DECISION_ROWS},
    "fees": f.Field(_amount, required=True),
}

REPORT_SCHEMA: dict[str, f.Field] = f.schema(AnnualReport)


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
            self._bad(SG304, line, label=label, row=full, key=key, zeros=["0"] * width)
            return None
        if not isinstance(raw, list) or len(raw) not in (width, width + 1):
            self._bad(SG304_WIDTH, line, label=label, row=full, key=key, width=width, zeros=["0"] * width)
            return None
        try:
            return [f.count(v) for v in raw]
        except f.FieldError as exc:
            self._bad(SG304_VALUE, line, label=label, row=full, problem=exc)
            return None

    def unknown(self, mapping: LineMap, known: Iterable[str], prefix: str = "") -> None:
        known = list(known)
        for key in mapping:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                self.diags.report(
                    SG305 if close else SG305_LISTED,
                    self.path,
                    line=mapping.line_of(key),
                    row=f"{prefix}{key}",
                    close=close[0] if close else None,
                    known=known,
                )

    def group(self, mapping: LineMap, key: str, label: str) -> LineMap | None:
        raw = mapping.get(key)
        if not isinstance(raw, LineMap):
            self._bad(SG304_GROUP, mapping.line_of(key), label=label, key=key)
            return None
        return raw

    def _bad(self, message: Code | Message, line: int | None, **values: Any) -> None:
        self.ok = False
        self.diags.report(message, self.path, line=line, **values)


def _read_applications(
    raw: LineMap, path: Path, diags: Diagnostics, lines: dict[str, int]
) -> dict[str, list[int]] | None:
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
    reader.unknown(
        raw, ["received", "carried_over", *(k for k, _, _ in RESULT_GROUPS), RESULT_TOTAL[0], "carried_forward"]
    )
    return {k: v for k, v in rows.items() if v is not None} if reader.ok else None


def _read_appeals(raw: LineMap, path: Path, diags: Diagnostics, lines: dict[str, int]) -> dict[str, list[int]] | None:
    reader = _TableReader(path, "appeals", diags, lines)
    rows = {key: reader.row(raw, key, label, len(APPEAL_COLUMNS)) for key, label in APPEAL_ROWS.items()}
    reader.unknown(raw, list(APPEAL_ROWS))
    return {k: v for k, v in rows.items() if v is not None} if reader.ok else None


def load_report(path: Path, config: SiteConfig, diags: Diagnostics) -> AnnualReport | None:
    raw = read_mapping(path, diags, SG300, SG300_NOT_MAPPING)
    if raw is None:
        return None
    values = f.apply_schema(raw, REPORT_SCHEMA, path, diags, codes=REPORT_KEYS)
    if values is None:
        return None
    lines: dict[str, int] = {}
    proactive_raw = values.pop("proactive")
    proactive = f.apply_schema(proactive_raw, PROACTIVE_SCHEMA, path, diags, codes=REPORT_KEYS)
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
        id=str(year),
        source=path,
        body="\n\n".join(texts),
        body_line=raw.line_of("overview"),
        meta_lines=dict(raw.key_lines),
        normative_catalog=proactive.pop("normative_catalog"),
        normative_override=override[0] if override else None,
        normative_reason=override[1] if override else None,
        proactive=proactive,
        applications=applications,
        appeals=appeals,
        cell_lines=lines,
        **values,
    )


def load_reports(config: SiteConfig, diags: Diagnostics) -> list[AnnualReport]:
    folder = config.content_dir / "reports"
    paths = find_files(folder, "*.yaml", config.root, diags) + find_files(folder, "*.yml", config.root, diags)
    return [report for path in sorted(paths) if (report := load_report(path, config, diags)) is not None]
