"""site.yaml settings for the publishing lifecycle and inspection readiness (read by sitegen.load.portal_settings).

Identity (logo, 党政机关网站标识, 我为政府网站找错), mourning days (哀悼日置灰), HTTPS for the nginx
configuration, the windows of ``sitegen audit`` and the editorial word lists (表述规范).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class PortalSettings:
    logo: Path | None = None  # a file of the project, copied into the site
    badge_image: Path | None = None  # 党政机关网站标识, the image file issued to the site
    badge_link: str = ""  # its verification page (bszs.conac.cn)
    error_report: str = ""  # 我为政府网站找错
    mourning: list[Mourning] = field(default_factory=list)
    tls_certificate: str = ""
    tls_key: str = ""
    home_days: int = HOME_DAYS
    column_days: int = WINDOWS["notice"]
    column_windows: dict[str, int] = field(default_factory=dict)  # first-level catalog code -> days
    corrections: dict[str, str] = field(default_factory=dict)  # wrong -> right
    forbidden: list[str] = field(default_factory=list)
    leaders: list[Leader] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # key -> line in site.yaml

    def mourning_on(self, day: dt.date) -> Mourning | None:
        return next((m for m in self.mourning if m.start <= day <= m.end), None)
