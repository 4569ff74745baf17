"""The document kinds, declared once: every "for each kind" list in sitegen is derived from :data:`KINDS`.

A kind is its record class (whose ``kind`` and ``section`` name it) and one :class:`Kind` below: its Chinese
label, how its sources are loaded, its pages' templates, its feeds, how search shows it and how
``sitegen new`` starts one. Loading, the site model's tables, the public view, feeds, data exports, search
and the build summary follow from the declaration; a new kind needs its :class:`Kind`, its record class,
its templates and the code that builds its pages' context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sitegen.model.records import (
    AnnualReport,
    Consultation,
    Document,
    Event,
    Interpretation,
    Page,
    Policy,
    PolicyPackage,
)


def newest_first(docs: Sequence[Document]) -> list:
    return sorted(docs, key=lambda d: (d.published, d.id), reverse=True)


@dataclass(frozen=True)
class Kind:
    record: type[Document]
    label: str  # the site's word for one: feeds' category, the data export's type, the search type facet
    column: str  # the section's title: listing page, breadcrumbs, navigation (政府网站 ColumnName)
    loader: str = "markdown"  # "markdown": content/<section>/**/*.md; "report": content/reports/<year>.yaml
    listing: str = ""  # template of the section's listing page
    order: Callable[[Sequence[Document]], list] = newest_first  # the public view's order of its documents
    feed: bool = False  # has its own feed /feeds/<section>.xml, linked from the section's pages
    in_feeds: bool = True  # appears in the site-wide and the agency feeds
    search_rank: int | None = None  # place in the search's type facet; unranked types follow in code-point order
    search_weight: float = 1.0  # ranking weight of its pages among search results
    short_label: str = ""  # the build summary's word for its pages, when not ``label``
    new_body: str | None = None  # the body ``sitegen new <name>`` starts with; None: not offered

    @property
    def name(self) -> str:
        """``Document.kind``: key of its table, its page template ``<name>.html``."""
        return self.record.kind

    @property
    def section(self) -> str:
        """URL prefix ``/<section>/<id>/``, source folder ``content/<section>/``, navigation section."""
        return self.record.section

    @property
    def template(self) -> str:
        return f"{self.name}.html"

    @property
    def has_body(self) -> bool:
        """Markdown kinds have a body rendered to HTML; annual reports are tables and plain text."""
        return self.loader == "markdown"

    def declares(self, key: str) -> bool:
        """Whether its records have the field ``key`` (issuer, topics, index_no ...)."""
        return key in self.record.__dataclass_fields__


KINDS: tuple[Kind, ...] = (
    Kind(Policy, "政策文件", "政策文件库", listing="policy_list.html", feed=True, search_rank=0, new_body="正文……\n"),
    Kind(
        Interpretation,
        "政策解读",
        "政策解读",
        listing="interpretation_list.html",
        feed=True,
        search_rank=1,
        new_body="## 一、出台背景\n\n……\n\n## 二、主要内容\n\n……\n",
    ),
    Kind(
        Page,
        "页面",
        "",
        order=lambda docs: sorted(docs, key=lambda p: p.id),
        in_feeds=False,
        search_rank=2,
        search_weight=0.8,
    ),
    Kind(
        Consultation,
        "意见征集",
        "意见征集",
        listing="consultation_list.html",
        feed=True,
        new_body="## 征求意见稿主要内容\n\n……\n\n## 提交意见的方式\n\n……\n",
    ),
    Kind(
        Event,
        "政府开放活动",
        "政府开放活动",
        listing="event_list.html",
        order=lambda docs: sorted(docs, key=lambda e: (e.starts, e.id), reverse=True),
        short_label="开放活动",
        new_body="## 活动内容\n\n……\n",
    ),
    Kind(
        AnnualReport,
        "年度报告",
        "政府信息公开工作年度报告",
        loader="report",
        listing="report_list.html",
        order=lambda docs: sorted(docs, key=lambda r: r.year, reverse=True),
    ),
    # 政策服务包 (issue 17): its pages come from sitegen.render.service_pages; it has a feed of its own only.
    Kind(PolicyPackage, "政策服务包", "政策服务包", listing="package_list.html", feed=True, in_feeds=False),
)
KIND: dict[str, Kind] = {kind.name: kind for kind in KINDS}

# Catalog items are searchable pages too, though not a document kind.
CATALOG_ITEM = "目录事项"
CATALOG_RANK, CATALOG_WEIGHT = 3, 0.5


def search_types() -> list[str]:
    """The search type facet's leading values, in order; the others follow in code-point order."""
    ranked = [(k.search_rank, k.label) for k in KINDS if k.search_rank is not None] + [(CATALOG_RANK, CATALOG_ITEM)]
    return [label for _, label in sorted(ranked)]


def search_weights() -> dict[str, float]:
    """Ranking weight of a page type that is not 1."""
    weights = {k.label: k.search_weight for k in KINDS if k.search_weight != 1.0}
    return {CATALOG_ITEM: CATALOG_WEIGHT, **weights}
