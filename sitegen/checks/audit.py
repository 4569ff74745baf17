"""`sitegen audit`: a local simulation of the national website inspection, as far as files can decide it.

The items follow 《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号): a 单项否决 (veto) item fails the
site outright, the others deduct points from 100. What cannot be decided from the sources and the built
site (availability, security incidents, interaction, new media) is listed as a notice. The points of the
deduction items are sitegen's own weights, modelled on provincial scoring sheets, not an official table.
Exit code 1 when a veto item is found.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sitegen.checks.editorial import SERIOUS, TYPO_CODES
from sitegen.checks.pagelinks import PageLinks, broken_targets
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.site import PublicSite, SiteModel

INDICATORS = "国办秘函〔2019〕19号"
VETO_COUNT = 5  # 累计超过5个（含）栏目不更新 / 空白栏目: 单项否决


@dataclass(frozen=True)
class AuditItem:
    level: str  # veto, deduction or notice
    points: float
    rule: str
    zh: str
    en: str
    path: str = ""


@dataclass
class AuditResult:
    today: dt.date
    items: list[AuditItem] = field(default_factory=list)

    @property
    def vetoed(self) -> bool:
        return any(item.level == "veto" for item in self.items)

    @property
    def score(self) -> float:
        return max(0.0, round(100 - sum(i.points for i in self.items if i.level == "deduction"), 1))

    def of(self, level: str) -> list[AuditItem]:
        return [item for item in self.items if item.level == level]

    def to_json(self) -> str:
        return json.dumps(
            {
                "date": self.today.isoformat(),
                "score": self.score,
                "veto": self.vetoed,
                "items": [asdict(item) for item in self.items],
            },
            ensure_ascii=False,
            indent=2,
        )

    def format(self, title: str) -> str:
        lines = [
            f"网站检查模拟 site inspection (sitegen audit) — {title}，{self.today.isoformat()}",
            f"得分 score: {self.score:g} / 100；单项否决 veto: {'是 YES' if self.vetoed else '无 none'}",
        ]
        for level, label in (
            ("veto", "单项否决 veto items"),
            ("deduction", "扣分 deductions"),
            ("notice", "提示 notices"),
        ):
            items = self.of(level)
            lines.append(f"\n{label}（{len(items)}）")
            for item in items:
                points = f"-{item.points:g}" if level == "deduction" else ("否决" if level == "veto" else "  ")
                lines.append(f"  {points:>5}  [{item.rule}] {item.zh}" + (f"  ({item.path})" if item.path else ""))
                lines.append(f"         {item.en}")
        return "\n".join(lines)


def _latest(docs: list) -> dt.date | None:
    dates = [d.published for d in docs if d.published]
    return max(dates) if dates else None


def _under(site: PublicSite, code: str) -> list:
    seen: dict[str, object] = {}
    stack = [code]
    while stack:
        node = site.nodes[stack.pop()]
        for doc in site.documents_of.get(node.code, []):
            seen[doc.url] = doc
        stack.extend(node.children)
    return list(seen.values())


def _freshness(site: PublicSite, today: dt.date, items: list[AuditItem]) -> None:
    portal = site.config.portal
    home = _latest([*site.policies, *site.interpretations, *site.consultations, *site.events])
    age = (today - home).days if home else None
    if age is None or age > portal.home_days:
        since = home.isoformat() if home else "从未 never"
        items.append(
            AuditItem(
                "veto",
                0,
                f"{INDICATORS} 单项否决·首页不更新",
                f"首页在检查日前 {portal.home_days} 天内没有新信息（最近更新：{since}）。",
                f"The home page has had no new information for {portal.home_days} days (latest: {since}).",
                "/",
            )
        )
    columns: list[tuple[str, str, str, list, int]] = [
        (
            "policies",
            "政策文件库",
            "/policies/",
            site.policies,
            portal.column_windows.get("policies", portal.column_days),
        ),
        (
            "interpretations",
            "政策解读",
            "/interpretations/",
            site.interpretations,
            portal.column_windows.get("interpretations", portal.column_days),
        ),
    ]
    for catalog in site.catalogs:
        for code in catalog.roots:
            node = site.nodes[code]
            columns.append(
                (code, node.title, node.url, _under(site, code), portal.column_windows.get(code, portal.column_days))
            )
    stale: list[AuditItem] = []
    empty: list[AuditItem] = []
    for code, title, url, docs, window in columns:
        latest = _latest(docs)
        if not docs:
            empty.append(
                AuditItem(
                    "deduction",
                    1,
                    f"{INDICATORS} 空白栏目",
                    f"栏目“{title}”没有内容。",
                    f'The column "{title}" ({code}) has no content.',
                    url,
                )
            )
        elif latest is None or (today - latest).days > window:
            stale.append(
                AuditItem(
                    "deduction",
                    1,
                    f"{INDICATORS} 栏目不更新",
                    f"栏目“{title}”超过 {window} 天未更新（最近：{latest}）。",
                    f'The column "{title}" ({code}) has not been updated for over {window} days (latest: {latest}).',
                    url,
                )
            )
    items.extend(stale + empty)
    if len(stale) >= VETO_COUNT:
        items.append(
            AuditItem(
                "veto",
                0,
                f"{INDICATORS} 单项否决·栏目不更新",
                f"累计 {len(stale)} 个栏目未按时更新（5 个及以上即单项否决）。",
                f"{len(stale)} columns were not updated in time (5 or more fail the site).",
            )
        )
    if len(empty) >= VETO_COUNT:
        items.append(
            AuditItem(
                "veto",
                0,
                f"{INDICATORS} 单项否决·空白栏目",
                f"累计 {len(empty)} 个空白栏目（5 个及以上即单项否决）。",
                f"{len(empty)} columns are empty (5 or more fail the site).",
            )
        )


def _required(model: SiteModel, site: PublicSite, today: dt.date, items: list[AuditItem]) -> None:
    titles = [d.title for d in site.pages] + [n.title for n in site.nodes.values()] + [c.title for c in site.catalogs]
    for name, words in (
        ("政府信息公开指南", ("公开指南",)),
        ("政府信息公开制度", ("公开制度", "信息公开规定")),
        ("法定主动公开内容", ("主动公开",)),
    ):
        if not any(word in title for title in titles for word in words):
            items.append(
                AuditItem(
                    "deduction",
                    2,
                    f"{INDICATORS} 政务公开·{name}",
                    f"没有“{name}”栏目或页面。",
                    f'There is no "{name}" column or page.',
                )
            )
    due_year = today.year - 1 if today > dt.date(today.year, 1, 31) else today.year - 2
    if not any(report.year == due_year for report in site.reports):
        items.append(
            AuditItem(
                "deduction",
                2,
                f"{INDICATORS} 政务公开·年度报告",
                f"{due_year} 年政府信息公开工作年度报告未发布（应于 {due_year + 1} 年 1 月 31 日前公布）。",
                f"The annual disclosure report for {due_year} is not published (due by 31 January {due_year + 1}).",
                "/reports/",
            )
        )
    # Policies and interpretations always carry a date (a required field); a page without one is pointed out.
    for doc in site.pages:
        if not doc.published:
            items.append(
                AuditItem(
                    "notice",
                    0,
                    f"{INDICATORS} 信息发布·发布时间",
                    f"页面“{doc.title}”没有发布（更新）日期。",
                    f'The page "{doc.title}" shows no date.',
                    doc.url,
                )
            )
    undated = [d for d in [*site.policies, *site.interpretations, *site.consultations, *site.events] if not d.published]
    for item in undated:
        items.append(
            AuditItem(
                "deduction",
                0.5,
                f"{INDICATORS} 信息发布·发布时间",
                f"“{item.title}”没有发布日期。",
                f'"{item.title}" has no publication date.',
                item.url,
            )
        )
    required = [p for p in site.policies if p.interpretation_required]
    missing = [p for p in required if not site.interpretations_of.get(p.id)]
    if required and missing:
        rate = 100 * (len(required) - len(missing)) / len(required)
        items.append(
            AuditItem(
                "deduction",
                round(4 * len(missing) / len(required), 1),
                f"{INDICATORS} 政策解读·解读比例",
                f"应解读的政策文件中有 {len(missing)} 件没有解读（解读率 {rate:.0f}%）。",
                f"{len(missing)} policies that need an interpretation have none (rate {rate:.0f}%).",
                missing[0].url,
            )
        )


def _identity(site: PublicSite, home: str | None, items: list[AuditItem]) -> None:
    config = site.config
    portal = config.portal
    checks = [
        ("网站标识码", "site identification code", config.site_code, config.site_code),
        ("ICP备案编号", "ICP record number", config.icp, config.icp),
        ("公安机关备案号", "public security record number", config.police_record, config.police_record),
        ("党政机关网站标识", "government website badge", portal.badge_link, portal.badge_link),
        ("“我为政府网站找错”入口", '"report an error" entry', portal.error_report, portal.error_report),
    ]
    for zh, en, configured, shown in checks:
        if not configured:
            items.append(
                AuditItem(
                    "deduction",
                    1,
                    f"{INDICATORS} 网站标识",
                    f"页面底部缺少{zh}（site.yaml 未设置）。",
                    f"The footer lacks the {en} (not set in site.yaml).",
                    "site.yaml",
                )
            )
        elif home is not None and shown.replace("&", "&amp;") not in home and shown not in home:
            items.append(
                AuditItem(
                    "deduction",
                    1,
                    f"{INDICATORS} 网站标识",
                    f"首页没有显示{zh}。",
                    f"The home page does not show the {en}.",
                    "/",
                )
            )
    if config.base_url.startswith("https://") and not portal.tls_certificate:
        items.append(
            AuditItem(
                "notice",
                0,
                "sitegen 部署",
                "base_url 为 https，但 site.yaml 没有 tls 证书路径：生成的 nginx 配置只提供 HTTP。",
                "base_url is https but site.yaml has no tls paths: the generated nginx configuration "
                "serves plain HTTP only.",
                "site.yaml",
            )
        )
    if home is None:
        return
    for zh, en, pattern in (
        ("长辈版（适老化）入口", "elder edition entrance", r'href="/elder/'),
        ("无障碍声明入口", "accessibility statement entrance", r'href="/pages/accessibility/"'),
    ):
        if not re.search(pattern, home):
            items.append(
                AuditItem(
                    "deduction",
                    1,
                    f"{INDICATORS} 适老化与无障碍",
                    f"首页没有{zh}。",
                    f"The home page has no {en}.",
                    "/",
                )
            )


def _broken_links(output: Path, items: list[AuditItem], pages: PageLinks, published: dict[str, str] | None) -> None:
    """Internal links of the standard edition whose target is not a file of the site (错链断链)."""
    shown = sorted(broken_targets(output, pages, published).items())
    for target, where in shown:
        items.append(
            AuditItem(
                "deduction",
                round(min(0.5, 5 / len(shown)), 2),
                f"{INDICATORS} 可用性·错链断链",
                f"站内链接 {target} 指向的页面不存在（见 {where}）。",
                f"The internal link {target} leads nowhere (on {where}).",
                where,
            )
        )


def _editorial(diags: Diagnostics, items: list[AuditItem]) -> None:
    for diag in diags.sorted():
        if diag.code in SERIOUS:
            items.append(AuditItem("veto", 0, f"{INDICATORS} 单项否决·严重表述错误", diag.zh, diag.en, diag.location()))
        elif diag.code in TYPO_CODES:
            typo = f"{INDICATORS} 内容准确·错别字"
            items.append(AuditItem("deduction", 0.5, typo, diag.zh, diag.en, diag.location()))


NOTICES = [
    (
        "站点可访问性、安全漏洞和挂马、互动回应、政务新媒体不能由本地文件判断，请以实际检查为准。",
        (
            "Availability, security incidents, interaction and new media cannot be decided from files; check them "
            "separately."
        ),
    )
]


def audit(
    model: SiteModel,
    site: PublicSite,
    diags: Diagnostics,
    today: dt.date,
    output: Path | None,
    pages: PageLinks | None = None,
    published: dict[str, str] | None = None,
) -> AuditResult:
    """Every item the sources, the diagnostics and (when built) the output folder can decide; ``pages`` and
    ``published``: the links the last build read and the files this build published (checks/pagelinks.py)."""
    items: list[AuditItem] = []
    _freshness(site, today, items)
    _required(model, site, today, items)
    home_page = output / "index.html" if output is not None else None
    home = home_page.read_text(encoding="utf-8") if home_page is not None and home_page.is_file() else None
    _identity(site, home, items)
    _editorial(diags, items)
    if home is not None and output is not None:
        _broken_links(output, items, {} if pages is None else pages, published)
    else:
        items.append(
            AuditItem(
                "notice",
                0,
                "sitegen",
                "网站尚未生成，页面上的检查项（标识显示、错链断链、长辈版入口）已跳过。",
                "The site is not built: checks of the pages (identifiers shown, broken links, entrances) were skipped.",
            )
        )
    items.extend(AuditItem("notice", 0, INDICATORS, zh, en) for zh, en in NOTICES)
    order = {"veto": 0, "deduction": 1, "notice": 2}
    return AuditResult(today, sorted(items, key=lambda i: (order[i.level], i.rule, i.path, i.zh)))
