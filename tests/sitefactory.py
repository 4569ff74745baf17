"""Small sites declared inline in tests: a valid minimal project that each test bends in one place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from sitegen.build import BuildResult, ConfigError, build, load
from sitegen.diagnostics.core import BuildFailed, Diagnostics

CONFIG = {
    "title": "测试区人民政府",
    "base_url": "https://www.example.gov.cn",
    "site_code": "0000000001",
    "icp": "测ICP备00000001号",
    "police_record": "测公网安备 00000000000001号",
    "sponsor": "测试区人民政府办公室",
    "contact": {"address": "测试市测试区政务路1号", "postcode": "100000", "phone": "0539-12345678"},
    "index_no": {"org_code": "TESTORG", "template": "{org_code}/{year}-{seq:05d}"},
    "public_phones": ["0539-12345678"],
    "agencies": [{"slug": "gov", "name": "测试区人民政府"}, {"slug": "office", "name": "测试区人民政府办公室"}],
    "topics": [{"slug": "general", "name": "综合政务"}, {"slug": "social", "name": "社会保障"}],
}

CATALOG = {
    "title": "测试区主动公开事项目录",
    "owner": "测试区人民政府",
    "nodes": [
        {
            "code": "01",
            "title": "政策文件",
            "children": [
                {
                    "code": "0101",
                    "title": "规范性文件",
                    "children": [
                        {
                            "code": "010101",
                            "title": "区政府规范性文件",
                            "content": "区政府制发的规范性文件",
                            "basis": "《中华人民共和国政府信息公开条例》第二十条",
                            "time_limit": "20个工作日内",
                            "subject": "测试区人民政府",
                            "channels": ["政府网站"],
                            "audience": "全社会",
                            "mode": "主动公开",
                            "level": "区级",
                            "responsible": "测试区人民政府办公室",
                        },
                        {
                            "code": "010102",
                            "title": "部门规范性文件",
                            "content": "部门制发的规范性文件",
                            "basis": "《中华人民共和国政府信息公开条例》第二十条",
                            "time_limit": "20个工作日内",
                            "subject": "测试区人民政府",
                            "channels": ["政府网站"],
                            "audience": "全社会",
                            "mode": "主动公开",
                            "level": "区级",
                            "responsible": "测试区人民政府办公室",
                        },
                    ],
                }
            ],
        }
    ],
}

THEME = Path(__file__).resolve().parent.parent / "themes" / "default"

REVIEW = {"date": dt.date(2025, 3, 1), "by": "区政府办公室保密审查小组"}


def front_matter(meta: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def policy_meta(doc_id: str) -> dict[str, Any]:
    """The front matter of a valid, public, reviewed policy of the test site."""
    return {
        "title": f"测试区人民政府关于{doc_id}的通知",
        "issuer": "测试区人民政府",
        "written": dt.date(2025, 3, 1),
        "published": dt.date(2025, 3, 3),
        "topics": ["综合政务"],
        "catalog": ["010101"],
        "disclosure": "public",
        "review": REVIEW,
        "interpretation_required": False,
        "no_interpretation_reason": "内部工作部署",
    }


class SiteFactory:
    def __init__(self, root: Path):
        self.root = root
        self.config = dict(CONFIG)
        self.write("site.yaml", yaml.safe_dump(self.config, allow_unicode=True, sort_keys=False))
        self.write("catalogs/main.yaml", yaml.safe_dump(CATALOG, allow_unicode=True, sort_keys=False))
        (root / "content" / "policies").mkdir(parents=True, exist_ok=True)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def policy(self, doc_id: str, body: str = "正文。\n", **meta: Any) -> Path:
        data = {**policy_meta(doc_id), **meta}
        data = {k: v for k, v in data.items() if v is not None}
        return self.write(f"content/policies/{doc_id}.md", front_matter(data, body))

    def interpretation(self, doc_id: str, policy: str, body: str = "解读正文。\n", **meta: Any) -> Path:
        data = {
            "title": f"解读：{policy}",
            "policy": policy,
            "form": "text",
            "issuer": "测试区人民政府",
            "published": dt.date(2025, 3, 3),
            "disclosure": "public",
            "review": REVIEW,
        }
        data.update(meta)
        data = {k: v for k, v in data.items() if v is not None}
        return self.write(f"content/interpretations/{doc_id}.md", front_matter(data, body))

    def load(self, **kwargs: Any) -> Any:
        return load(self.root / "site.yaml", today=dt.date(2026, 1, 1), **kwargs)

    def diagnostics(self, **kwargs: Any) -> Diagnostics:
        """The diagnostics of loading this site, whether or not it failed."""
        try:
            return self.load(**kwargs).diagnostics
        except (BuildFailed, ConfigError) as exc:
            return exc.diagnostics

    def codes(self, **kwargs: Any) -> list[str]:
        return sorted(d.code for d in self.diagnostics(**kwargs).items)

    def build(self, output: Path | None = None, theme: Path = THEME, **kwargs: Any) -> BuildResult:
        """Build into ``output`` (default <root>/_site) with ``theme``; site.yaml is rewritten from ``self.config``."""
        self.write(
            "site.yaml", yaml.safe_dump({**self.config, "theme_dir": str(theme)}, allow_unicode=True, sort_keys=False)
        )
        kwargs.setdefault("search", False)
        kwargs.setdefault("today", dt.date(2026, 1, 1))
        return build(self.root / "site.yaml", output or self.root / "_site", **kwargs)
