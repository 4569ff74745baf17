"""The site.yaml keys for the publishing lifecycle and inspection readiness, declared once (:func:`key`).

Identity (logo, 党政机关网站标识, 我为政府网站找错), mourning days (哀悼日置灰), HTTPS for the nginx
configuration, the windows of ``sitegen audit`` and the editorial word lists (表述规范). They are top-level
keys of site.yaml, kept together in :attr:`SiteConfig.portal <sitegen.model.config.SiteConfig.portal>`;
their rows of docs/config.md are generated from these declarations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sitegen.model import values as v
from sitegen.model.spec import key, record

# 国办秘函〔2019〕19号: 首页 2 weeks; 动态、要闻类 2 weeks; 通知公告、政策文件类 6 months; 人事、规划计划类 1 year.
WINDOWS = {"news": 14, "notice": 183, "plan": 365}
HOME_DAYS = 14


@dataclass(frozen=True)
class Mourning:
    start: dt.date
    end: dt.date
    reason: str


@dataclass(frozen=True)
class Leader:
    name: str
    title: str


@dataclass(frozen=True)
class Badge:
    """党政机关网站标识: the image file issued to the site and its verification page (bszs.conac.cn)."""

    image: Path  # relative to the project as converted; absolute once the loader has found the file
    link: str


@dataclass(frozen=True)
class Tls:
    certificate: str  # absolute paths on the server
    key: str


@dataclass(frozen=True)
class Audit:
    """The windows of ``sitegen audit`` (days)."""

    home_days: int = HOME_DAYS
    column_days: int = WINDOWS["notice"]
    columns: dict[str, int] = field(default_factory=dict)  # first-level catalog code -> days


@dataclass(frozen=True)
class Words:
    corrections: dict[str, str] = field(default_factory=dict)  # wrong -> right
    forbidden: list[str] = field(default_factory=list)


def project_file(value: Any) -> Path:
    path = v.text(value)
    if path.startswith("/") or ".." in Path(path).parts or "\\" in path:
        raise v.FieldError(
            "应为项目目录内的相对路径。",
            "Must be a path relative to the project folder.",
            "例如 logo: static/logo.svg。",
            "For example logo: static/logo.svg.",
        )
    return Path(path)


def badge(value: Any) -> Badge:
    mapping = v.check_mapping(value, "党政机关网站标识", "The badge")
    if mapping.get("image") is None or mapping.get("link") is None:
        raise v.FieldError(
            "应写明 image（标识图片文件）和 link（验证地址）。",
            "Give image (the file) and link (its verification page).",
            "例如 badge: {image: static/red.png, link: https://bszs.conac.cn/sitename?method=show&id=…}。",
            "For example badge: {image: static/red.png, link: https://bszs.conac.cn/...}.",
        )
    return Badge(project_file(mapping["image"]), v.web_url(mapping["link"]))


def mourning(value: Any) -> list[Mourning]:
    if not isinstance(value, list):
        raise v.FieldError(
            "应为列表，每项含 from、to 和 reason。",
            "Must be a list of {from, to, reason}.",
            "例如 - {from: 2026-12-13, to: 2026-12-13, reason: 国家公祭日}。",
            "For example - {from: 2026-12-13, to: 2026-12-13, reason: ...}.",
        )
    days = []
    for entry in value:
        entry = v.check_mapping(entry, "哀悼日", "A mourning period")
        start = v.date(entry.get("from"))
        end = v.date(entry.get("to", entry.get("from")))
        if end < start:
            raise v.FieldError(
                f"结束日期 {end} 早于开始日期 {start}。",
                f"The end {end} is before the start {start}.",
                "改正日期。",
                "Correct the dates.",
            )
        days.append(Mourning(start, end, v.text(entry.get("reason", "哀悼日"))))
    return days


def tls(value: Any) -> Tls:
    mapping = v.check_mapping(value, "HTTPS 证书", "tls")
    paths = {key: v.text(mapping.get(key)) for key in ("certificate", "key")}
    for path in paths.values():
        if not path.startswith("/") or any(c in path for c in '"$\\;{} \t\n'):
            raise v.FieldError(
                "证书路径应为服务器上的绝对路径，且不含引号、$、分号、花括号或空白。",
                "Certificate paths must be absolute paths on the server without quotes, $, ;, braces or spaces.",
                "例如 tls: {certificate: /etc/nginx/ssl/site.pem, key: /etc/nginx/ssl/site.key}。",
                "For example tls: {certificate: /etc/nginx/ssl/site.pem, key: /etc/nginx/ssl/site.key}.",
            )
    return Tls(paths["certificate"], paths["key"])


def _days(value: Any) -> int:
    if isinstance(value, str) and value in WINDOWS:
        return WINDOWS[value]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3660:
        raise v.FieldError(
            "应为 1 到 3660 之间的天数，或 news（14）、notice（183）、plan（365）。",
            "Must be a number of days from 1 to 3660, or news (14), notice (183) or plan (365).",
            "例如 column_days: 183。",
            "For example column_days: 183.",
        )
    return value


def audit(value: Any) -> Audit:
    mapping = v.check_mapping(value, "检查设置", "audit")
    known = [f.name for f in fields(Audit)]
    unknown = sorted(set(mapping) - set(known))
    if unknown:
        raise v.FieldError(
            f"未知设置“{unknown[0]}”。",
            f'Unknown setting "{unknown[0]}".',
            f"可用：{'、'.join(known)}。",
            f"Known: {', '.join(known)}.",
        )
    windows = {k: _days(mapping[k]) for k in ("home_days", "column_days") if k in mapping}
    columns = v.check_mapping(mapping["columns"], "栏目更新期限", "columns") if mapping.get("columns") else {}
    return Audit(**windows, columns={str(code): _days(days) for code, days in columns.items()})


def words(value: Any) -> Words:
    mapping = v.check_mapping(value, "用语表", "words")
    corrections = v.check_mapping(mapping["corrections"], "纠错表", "corrections") if mapping.get("corrections") else {}
    return Words(
        {v.text(k): v.text(val) for k, val in corrections.items()},
        v.text_list(mapping.get("forbidden", []) or []),
    )


def leaders(value: Any) -> list[Leader]:
    if not isinstance(value, list):
        raise v.FieldError(
            "应为列表，每项含 name 和 title。",
            "Must be a list of {name, title}.",
            "例如 - {name: 张三, title: 区长}。",
            "For example - {name: ..., title: ...}.",
        )
    return [
        Leader(v.text(e.get("name")), v.text(e.get("title")))
        for e in (v.check_mapping(entry, "领导", "A leader") for entry in value)
    ]


@record(frozen=True)
class PortalSettings:
    logo: Path | None = key(
        project_file,
        "网站标志图片",
        "项目内的文件，如 `static/logo.svg`，显示在页头，复制到 `/identity/`",
        default=None,
    )
    badge: Badge | None = key(
        badge,
        "党政机关网站标识",
        "`{image: static/red.png, link: https://bszs.conac.cn/…}`，图片为核发给本站的标识文件，"
        "显示在页脚并链接到验证地址",
        default=None,
    )
    error_report: str = key(
        v.web_url,
        "“我为政府网站找错”入口地址",
        "显示在页脚，例如 `https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=网站标识码`",
        default="",
    )
    mourning: list[Mourning] = key(
        mourning,
        "哀悼日",
        "`- {from: 2026-04-04, to: 2026-04-04, reason: 全国哀悼日}`；在此期间构建的页面（标准版和长辈版）"
        "显示为灰色，不需要 JavaScript。期间前后各需构建一次（见 deploy.md 的每日构建）",
        default_factory=list,
    )
    tls: Tls | None = key(
        tls,
        "HTTPS 证书",
        "`{certificate: /etc/nginx/ssl/site.pem, key: /etc/nginx/ssl/site.key}`：`base_url` 为 https 时"
        "写入 nginx 配置的证书路径（服务器上的绝对路径）；见 deploy.md",
        default=None,
    )
    audit: Audit = key(
        audit,
        "`sitegen audit` 的更新期限（天）",
        '`home_days`（首页，默认 14）、`column_days`（一级栏目，默认 183）、`columns: {"08": plan}`'
        "（按一级目录编码或 `policies`、`interpretations`；也可写 `news` 14、`notice` 183、`plan` 365）",
        default_factory=Audit,
    )
    words: Words = key(
        words,
        "表述规范",
        "`corrections: {错误写法: 正确写法}`、`forbidden: [禁用词]`，补充内置错别字表",
        default_factory=Words,
    )
    leaders: list[Leader] = key(
        leaders,
        "领导姓名和现任职务",
        "`- {name: 王示范, title: 区长}`；姓名前后写错职务时警告（SG463）",
        default_factory=list,
    )
    lines: dict[str, int] = field(default_factory=dict)  # key -> line in site.yaml

    # The settings as the checks, the theme and the nginx configuration read them.
    @property
    def badge_image(self) -> Path | None:
        return self.badge.image if self.badge else None

    @property
    def badge_link(self) -> str:
        return self.badge.link if self.badge else ""

    @property
    def tls_certificate(self) -> str:
        return self.tls.certificate if self.tls else ""

    @property
    def tls_key(self) -> str:
        return self.tls.key if self.tls else ""

    @property
    def home_days(self) -> int:
        return self.audit.home_days

    @property
    def column_days(self) -> int:
        return self.audit.column_days

    @property
    def column_windows(self) -> dict[str, int]:
        return self.audit.columns

    @property
    def corrections(self) -> dict[str, str]:
        return self.words.corrections

    @property
    def forbidden(self) -> list[str]:
        return self.words.forbidden

    def mourning_on(self, day: dt.date) -> Mourning | None:
        return next((m for m in self.mourning if m.start <= day <= m.end), None)
