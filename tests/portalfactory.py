"""Consultations, open days and annual reports for inline test sites (see tests/sitefactory.py)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from tests.sitefactory import REVIEW, SiteFactory, front_matter

ZERO = [0, 0, 0, 0, 0, 0]

# A small report whose every column balances: 一 + 二 = 三（七）+ 四.
REPORT: dict[str, Any] = {
    "year": 2024,
    "issuer": "测试区人民政府",
    "published": dt.date(2025, 1, 20),
    "disclosure": "public",
    "review": {"date": dt.date(2025, 1, 15), "by": "区政府办公室保密审查小组"},
    "overview": "第一段。\n\n第二段。",
    "proactive": {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_catalog": "0101",
        "licensing": 10,
        "penalty": 3,
        "coercion": 1,
        "fees": 12.5,
    },
    "applications": {
        "received": [5, 1, 0, 0, 0, 0, 6],
        "carried_over": [1, 0, 0, 0, 0, 0, 1],
        "granted": [4, 1, 0, 0, 0, 0, 5],
        "partly_granted": ZERO,
        "withheld": {
            k: ZERO
            for k in (
                "state_secret",
                "prohibited",
                "security_stability",
                "third_party",
                "internal_affairs",
                "process_information",
                "enforcement_files",
                "inquiry",
            )
        },
        "unavailable": {"not_held": [1, 0, 0, 0, 0, 0], "needs_creation": ZERO, "unclear": ZERO},
        "not_processed": {k: ZERO for k in ("complaint", "duplicate", "publication", "excessive", "confirmation")},
        "other_handling": {k: ZERO for k in ("overdue_correction", "unpaid_fee", "other")},
        "total": [5, 1, 0, 0, 0, 0, 6],
        "carried_forward": [1, 0, 0, 0, 0, 0, 1],
    },
    "appeals": {"review": [1, 0, 0, 0, 1], "litigation_direct": [0, 0, 0, 0], "litigation_after_review": [0, 0, 0, 0]},
    "problems": "问题。",
    "other": "其他。",
}


def report_data(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(REPORT)
    data.update(changes)
    return data


def write_report(factory: SiteFactory, data: dict[str, Any]) -> Path:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=200)
    return factory.write(f"content/reports/{data['year']}.yaml", text)


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line containing ``needle``."""
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in text)


def consultation(factory: SiteFactory, doc_id: str, body: str = "征求意见稿说明。\n", **meta: Any) -> Path:
    data = {
        "title": f"关于公开征求{doc_id}意见的公告",
        "issuer": "测试区人民政府",
        "opens": dt.date(2025, 11, 1),
        "closes": dt.date(2025, 11, 30),
        "email": "zwgk@example.gov.cn",
        "disclosure": "public",
        "review": REVIEW,
    }
    data.update(meta)
    data = {k: v for k, v in data.items() if v is not None}
    return factory.write(f"content/consultations/{doc_id}.md", front_matter(data, body))


def event(factory: SiteFactory, doc_id: str, body: str = "## 活动内容\n\n参观。\n", **meta: Any) -> Path:
    data = {
        "title": f"{doc_id}开放日",
        "issuer": "测试区人民政府",
        "published": dt.date(2025, 12, 1),
        "starts": "2025-12-10 09:00",
        "ends": "2025-12-10 11:30",
        "location": "区政务服务中心",
        "audience": "群众代表10人",
        "contact": "区政府办公室",
        "phone": "0539-12345678",
        "disclosure": "public",
        "review": REVIEW,
    }
    data.update(meta)
    data = {k: v for k, v in data.items() if v is not None}
    return factory.write(f"content/events/{doc_id}.md", front_matter(data, body))


def package(factory: SiteFactory, doc_id: str, body: str = "温馨提示。\n", **meta: Any) -> Path:
    """A policy package (政策服务包) with one step and whatever lists ``meta`` gives."""
    data = {
        "title": f"{doc_id}一件事",
        "summary": "一次告知、一次办好。",
        "audience": "本区居民",
        "published": dt.date(2025, 3, 3),
        "disclosure": "public",
        "review": REVIEW,
        "steps": [{"title": "提交申请", "prepare": ["居民身份证"], "where": "区政务服务中心"}],
    }
    data.update(meta)
    data = {k: v for k, v in data.items() if v is not None}
    return factory.write(f"content/packages/{doc_id}.md", front_matter(data, body))
