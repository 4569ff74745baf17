"""The pages of public participation, the annual reports and the open-data index, as PageSpecs.

Consultations and events depend on the build date (``site.today``): a consultation is open, upcoming
or closed, an event upcoming or past, as of the day the site is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitegen.model import report_format as r
from sitegen.model import report_totals as totals
from sitegen.model.config import SiteConfig
from sitegen.model.kinds import KINDS
from sitegen.model.pagespec import PageSpec
from sitegen.model.records import AnnualReport, Consultation, Document, Event, NormativeCounts
from sitegen.model.site import PublicSite
from sitegen.render.feedplan import feed_links, feeds
from sitegen.render.markup import RenderedBody

CONSULTATION_STATUS = {"open": "正在征集", "upcoming": "即将开始", "closed": "已结束"}

# ColumnName of the government page meta tags (政府网站网页设计规范), by navigation section.
COLUMNS = {
    "home": "首页",
    "catalog": "主动公开事项目录",
    "topics": "主题分类",
    "agencies": "发文机关",
    "search": "站内搜索",
    "data": "数据开放和订阅",
    "qa": "政策问答库",
    **{kind.section: kind.column for kind in KINDS if kind.column},
}


def days_left_label(consultation: Consultation, today: dt.date) -> str:
    days = consultation.days_left(today)
    return "今天截止" if days == 0 else f"还剩 {days} 天"


def _day(value: dt.datetime) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _clock(value: dt.datetime) -> str:
    return f"{value.hour}:{value:%M}"


def event_time(event: Event) -> str:
    """开展时间 as people write it: 2026年12月5日 9:00—11:30."""
    start, end = event.starts, event.ends
    tail = _clock(end) if end.date() == start.date() else f"{_day(end)} {_clock(end)}"
    return f"{_day(start)} {_clock(start)}—{tail}"


@dataclass(frozen=True)
class HeaderCell:
    id: str
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class TableRow:
    """One body row of a report table: the row headers that start on it, and the ids of all its row headers."""

    cells: list[HeaderCell]
    header_ids: list[str]
    values: list[int]


def application_table(report: AnnualReport) -> list[TableRow]:
    """Table 三 with its merged row headers: 三、本年度办理结果 spans every result row, groups span their reasons."""
    values = totals.application_values(report)
    rows: list[TableRow] = []

    def frame(key: str) -> TableRow:
        cell = HeaderCell(f"ap-{key}", r.FRAME_ROWS[key], colspan=3)
        return TableRow([cell], [cell.id], values[key])

    rows += [frame("received"), frame("carried_over")]
    result_count = len(r.result_rows()) + 1
    results = HeaderCell("ap-results", r.RESULTS_LABEL, rowspan=result_count)
    first = True
    for key, label, children in r.RESULT_GROUPS:
        lead = [results] if first else []
        first = False
        if not children:
            cell = HeaderCell(f"ap-{key}", label, colspan=2)
            rows.append(TableRow([*lead, cell], [results.id, cell.id], values[key]))
            continue
        group = HeaderCell(f"ap-{key}", label, rowspan=len(children))
        for index, (child, child_label) in enumerate(children):
            cell = HeaderCell(f"ap-{key}-{child}", child_label)
            starts = [*lead, group] if index == 0 else []
            lead = []
            rows.append(TableRow([*starts, cell], [results.id, group.id, cell.id], values[f"{key}.{child}"]))
    total = HeaderCell("ap-total", r.RESULT_TOTAL[1], colspan=2)
    rows.append(TableRow([total], [results.id, total.id], values[r.RESULT_TOTAL[0]]))
    rows.append(frame("carried_forward"))
    return rows


def normative_counts(report: AnnualReport, site: PublicSite) -> tuple[NormativeCounts, bool]:
    """The 行政规范性文件 row and whether it was counted from the policy library (else an editor's override)."""
    if report.normative_override is not None:
        return report.normative_override, False
    counts, _ = totals.library_counts(site.policies, site.nodes, report.normative_catalog, report.year)
    return counts, True


def _report_context(report: AnnualReport, site: PublicSite) -> dict[str, Any]:
    normative, from_library = normative_counts(report, site)
    appeals = totals.appeal_values(report)
    return {
        "doc": report,
        "sections": r.SECTIONS,
        "paragraphs": r.paragraphs,
        "count_columns": r.COUNT_COLUMNS,
        "rules_label": r.RULES_LABEL,
        "normative_label": r.NORMATIVE_LABEL,
        "normative": normative,
        "from_library": from_library,
        "decision_rows": r.DECISION_ROWS,
        "fees_label": r.FEES_LABEL,
        "applicant_columns": r.APPLICANT_COLUMNS,
        "total_label": r.TOTAL_LABEL,
        "application_rows": application_table(report),
        "appeal_columns": r.APPEAL_COLUMNS,
        "appeal_values": [*appeals["review"], *appeals["litigation_direct"], *appeals["litigation_after_review"]],
        "agency": site.agency(report.issuer),
        "application_column_headers": [
            "ap-applicant ap-natural",
            *(f"ap-applicant ap-legal ap-{key}" for key in r.APPLICANT_COLUMNS if key != "natural"),
            "ap-applicant ap-sum",
        ],
        "appeal_column_headers": [
            f"{group} {column}"
            for group, columns in (
                ("rv", [f"rv-{key}" for key in [*r.APPEAL_COLUMNS, "total"]]),
                ("lt lt-direct", [f"lt-direct-{key}" for key in [*r.APPEAL_COLUMNS, "total"]]),
                ("lt lt-after", [f"lt-after-{key}" for key in [*r.APPEAL_COLUMNS, "total"]]),
            )
            for column in columns
        ],
    }


def portal_pages(site: PublicSite, bodies: dict[str, RenderedBody]) -> Iterator[PageSpec]:
    today = site.today
    consultations_crumb = ("意见征集", "/consultations/")
    by_status: dict[str, list[Consultation]] = {key: [] for key in CONSULTATION_STATUS}
    for consultation in site.consultations:
        by_status[consultation.status(today)].append(consultation)
    by_status["open"].sort(key=lambda c: (c.closes, c.id))  # closing soonest first
    by_status["upcoming"].sort(key=lambda c: (c.opens, c.id))
    yield PageSpec(
        "/consultations/",
        "consultation_list.html",
        "意见征集",
        [],
        "consultations",
        {
            "groups": [(key, CONSULTATION_STATUS[key], by_status[key]) for key in ("open", "upcoming", "closed")],
            "today": today,
            "days_left": days_left_label,
        },
        searchable=False,
    )
    for consultation in site.consultations:
        status = consultation.status(today)
        yield PageSpec(
            consultation.url,
            "consultation.html",
            consultation.title,
            [consultations_crumb],
            "consultations",
            {
                "doc": consultation,
                "body": bodies[consultation.url],
                "status": status,
                "status_label": CONSULTATION_STATUS[status],
                "today": today,
                "days_left": days_left_label,
                "policy": site.policy_by_id.get(consultation.policy or ""),
                "agency": site.agency(consultation.issuer),
            },
        )

    upcoming = sorted((e for e in site.events if not e.is_past(today)), key=lambda e: (e.starts, e.id))
    past = [e for e in site.events if e.is_past(today)]
    yield PageSpec(
        "/events/",
        "event_list.html",
        "政府开放活动",
        [],
        "events",
        {"upcoming": upcoming, "past": past, "event_time": event_time},
        searchable=False,
    )
    for event in site.events:
        yield PageSpec(
            event.url,
            "event.html",
            event.title,
            [("政府开放活动", "/events/")],
            "events",
            {
                "doc": event,
                "body": bodies[event.url],
                "past": event.is_past(today),
                "event_time": event_time,
                "agency": site.agency(event.issuer),
            },
        )

    yield PageSpec(
        "/reports/",
        "report_list.html",
        "政府信息公开工作年度报告",
        [],
        "reports",
        {"reports": site.reports},
        searchable=False,
    )
    for report in site.reports:
        yield PageSpec(
            report.url,
            "report.html",
            report.title,
            [("政府信息公开工作年度报告", "/reports/")],
            "reports",
            _report_context(report, site),
        )

    yield PageSpec("/data/", "data_index.html", "数据开放和订阅", [], "data", {"feeds": feeds(site)}, searchable=False)


def page_meta(config: SiteConfig, page: PageSpec) -> dict[str, Any]:
    """The government page meta tags and description of one page, from site.yaml and front matter."""
    doc = page.context.get("doc")
    column = COLUMNS.get(page.section) or page.title
    tags = [("ColumnName", column)]
    if isinstance(doc, Document):
        issuer = getattr(doc, "issuer", "") or config.sponsor
        keywords = getattr(doc, "keywords", None) or getattr(doc, "topics", None) or [column]
        tags.append(("ArticleTitle", doc.title))
        if doc.shown_date is not None:
            tags.append(("PubDate", doc.shown_date.isoformat()))
        tags += [("ContentSource", issuer), ("Keywords", ",".join(keywords))]
        description = doc.title
    else:
        tags.append(("Keywords", ",".join(dict.fromkeys([column, page.title, config.short_title]))))
        description = config.description if page.url == "/" else f"{config.title}{page.title}"
    tags.append(("Url", config.base_url + page.url))
    return {"tags": tags, "description": description}


def portal_globals(site: PublicSite) -> dict[str, Any]:
    """Template functions every page uses in its head: meta tags and feed links.

    They close over the configuration and feed names only, never the site's documents: an
    incremental build digests what a page's globals hold, and a title edit must not rebuild every page.
    """
    config = site.config
    by_page = {feed.page: (feed.title, feed.path) for feed in feeds(site)}
    return {
        "page_meta": lambda page: page_meta(config, page),
        "feed_links": lambda page: feed_links(by_page, config.title, page.section, page.url),
    }
