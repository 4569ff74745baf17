"""The webmaster dashboard (网站管理报表): one self-contained HTML page written beside the site, never in it.

It answers what a disclosure webmaster is asked about: does the catalog match what is published
(per responsible unit), which policies have no interpretation or a late one, what needs clearing
(谁公开、谁清理), how much was published each month, and every warning of the build. The page
depends only on the content and the build date, so two builds write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen.checks.synchronised import MAX_WORKING_DAYS_LATE, working_days_between
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.records import DISCLOSURE, CatalogNode, Interpretation, Policy
from sitegen.model.schedule import Scheduled
from sitegen.model.site import PublicSite, SiteModel
from sitegen.render.templates import cn_date, strict_environment

TEMPLATES = Path(__file__).parent / "templates"
UNKNOWN_UNIT = "未注明责任单位"


@dataclass(frozen=True)
class UnitCoverage:
    unit: str
    items: int
    covered: int

    @property
    def empty(self) -> int:
        return self.items - self.covered

    @property
    def percent(self) -> int:
        return round(100 * self.covered / self.items) if self.items else 100


@dataclass(frozen=True)
class EmptyItem:
    node: CatalogNode
    catalog: str
    unit: str
    location: str


@dataclass(frozen=True)
class Late:
    policy: Policy
    interpretation: Interpretation
    days: int


@dataclass(frozen=True)
class Stale:
    policy: Policy
    reason: str
    location: str


@dataclass(frozen=True)
class Month:
    label: str  # 2025-03
    policies: int
    interpretations: int

    @property
    def total(self) -> int:
        return self.policies + self.interpretations


@dataclass(frozen=True)
class Bar:
    """One month of the chart, in SVG user units."""

    month: Month
    x: float
    policy_y: float
    policy_height: float
    interp_y: float
    interp_height: float


def _unit(node: CatalogNode) -> str:
    return str(node.elements.get("responsible") or node.elements.get("subject") or UNKNOWN_UNIT)


def coverage(model: SiteModel, site: PublicSite, diags: Diagnostics) -> tuple[list[UnitCoverage], list[EmptyItem]]:
    items: Counter = Counter()
    covered: Counter = Counter()
    empty: list[EmptyItem] = []
    titles = {c.id: c.title for c in model.catalogs}
    for code in sorted(model.nodes):
        node = model.nodes[code]
        if not node.is_item:
            continue
        unit = _unit(node)
        items[unit] += 1
        if site.documents_of.get(code):
            covered[unit] += 1
        else:
            empty.append(EmptyItem(node, titles[node.catalog_id], unit, f"{diags.rel(node.source)}:{node.line}"))
    rows = [UnitCoverage(unit, items[unit], covered[unit]) for unit in sorted(items)]
    return rows, empty


def months(site: PublicSite) -> list[Month]:
    """Publications per month, from the first to the last month with any, empty months included."""
    counts: dict[tuple[int, int], Counter] = {}
    published: list[Policy | Interpretation] = [*site.policies, *site.interpretations]
    for doc in published:
        counts.setdefault((doc.published.year, doc.published.month), Counter())[doc.kind] += 1
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    result = []
    while (year, month) <= last:
        count = counts.get((year, month), Counter())
        result.append(Month(f"{year}-{month:02d}", count["policy"], count["interpretation"]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


CHART_HEIGHT = 160  # plot area, in SVG units
SLOT = 22  # width per month
LEFT, TOP, BOTTOM = 36, 16, 56


def chart(series: list[Month]) -> dict:
    """Geometry of a stacked bar chart, computed here so that the page needs no script."""
    peak = max((m.total for m in series), default=0) or 1
    step = max(1, -(-peak // 4))  # about four grid lines
    top = step * -(-peak // step)
    scale = CHART_HEIGHT / top
    bars = []
    for index, month in enumerate(series):
        policy_h = month.policies * scale
        interp_h = month.interpretations * scale
        base = TOP + CHART_HEIGHT
        bars.append(
            Bar(month, LEFT + index * SLOT + 3, base - policy_h, policy_h, base - policy_h - interp_h, interp_h)
        )
    ticks = [(value, TOP + CHART_HEIGHT - value * scale) for value in range(0, top + 1, step)]
    return {
        "bars": bars,
        "ticks": ticks,
        "width": LEFT + len(series) * SLOT + 8,
        "height": TOP + CHART_HEIGHT + BOTTOM,
        "bar_width": SLOT - 6,
        "left": LEFT,
        "base": TOP + CHART_HEIGHT,
        "peak": max(series, key=lambda m: m.total) if series else None,
    }


def late_interpretations(site: PublicSite) -> list[Late]:
    late = []
    for policy in site.policies:
        interps = site.interpretations_of.get(policy.id)
        if interps:
            first = min(interps, key=lambda i: (i.published, i.id))
            days = working_days_between(policy.published, first.published)
            if days > MAX_WORKING_DAYS_LATE:
                late.append(Late(policy, first, days))
    return sorted(late, key=lambda x: (-x.days, x.policy.id))


def stale(site: PublicSite, diags: Diagnostics, today: dt.date) -> list[Stale]:
    """Published policies that need clearing (谁公开、谁清理)."""
    found = []
    for policy in sorted(site.policies, key=lambda p: p.id):
        where = diags.rel(policy.source)
        if policy.review_by and policy.review_by < today and policy.validity == "in_force":
            found.append(
                Stale(
                    policy, f"定期清理日期 {cn_date(policy.review_by)} 已过", f"{where}:{policy.line_of('review_by')}"
                )
            )
        if policy.validity == "amended" and not policy.amended_by:
            found.append(Stale(policy, "已修改，但未指明修改后的文件", f"{where}:{policy.line_of('validity')}"))
        if policy.validity == "repealed" and not policy.replaced_by:
            found.append(Stale(policy, "已废止，但未指明替代文件", f"{where}:{policy.line_of('validity')}"))
    return found


def context(
    model: SiteModel,
    site: PublicSite,
    diags: Diagnostics,
    today: dt.date,
    scheduled: Sequence[Scheduled] = (),
    audit: object = None,
) -> dict:
    rows, empty = coverage(model, site, diags)
    series = months(site)
    hidden = Counter(d.disclosure for d in model.documents() if not d.is_public)
    issued: list[Policy | Interpretation] = [*site.policies, *site.interpretations]
    issuers = Counter((d.issuer, d.kind) for d in issued)
    return {
        "config": model.config,
        "today": today,
        "site": site,
        "scheduled": list(scheduled),
        "audit": audit,
        "hidden": [(DISCLOSURE[key], hidden[key]) for key in DISCLOSURE if hidden[key]],
        "coverage": rows,
        "items_total": sum(r.items for r in rows),
        "items_covered": sum(r.covered for r in rows),
        "empty_items": empty,
        "agencies": [
            (a.name, issuers[(a.name, "policy")], issuers[(a.name, "interpretation")])
            for a in model.config.agencies
            if issuers[(a.name, "policy")] or issuers[(a.name, "interpretation")]
        ],
        "uninterpreted": [p for p in site.policies if not site.interpretations_of.get(p.id)],
        "late": late_interpretations(site),
        "late_limit": MAX_WORKING_DAYS_LATE,
        "stale": stale(site, diags, today),
        "months": series,
        "chart": chart(series),
        "warnings": [
            (path, [d for d in group if d.severity.value == "warning"])
            for path, group in diags.by_file()
            if any(d.severity.value == "warning" for d in group)
        ],
        "warning_count": len({d for d in diags.warnings}),
    }


def render_dashboard(
    model: SiteModel,
    site: PublicSite,
    diags: Diagnostics,
    today: dt.date,
    scheduled: Sequence[Scheduled] = (),
    audit: object = None,
) -> str:
    env = strict_environment(TEMPLATES)
    return env.get_template("dashboard.html").render(**context(model, site, diags, today, scheduled, audit))


def write_dashboard(
    model: SiteModel,
    site: PublicSite,
    diags: Diagnostics,
    today: dt.date,
    folder: Path,
    scheduled: Sequence[Scheduled] = (),
    audit: object = None,
) -> Path:
    """Write ``folder/index.html`` atomically (a reader never sees half a page); returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "index.html"
    for leftover in folder.glob(".index.html.sitegen-tmp-*"):  # from a build killed while writing
        leftover.unlink(missing_ok=True)
    staged = folder / f".index.html.sitegen-tmp-{os.getpid()}"
    staged.write_text(render_dashboard(model, site, diags, today, scheduled, audit), encoding="utf-8")
    os.replace(staged, target)
    return target
