"""What a run prints: the diagnostics (text or JSON) and the one-paragraph build summary."""

from __future__ import annotations

import os
import sys

from sitegen.build import BuildResult
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.kinds import KINDS

# What the build summary calls the pages of each template.
TEMPLATE_NAMES = {
    "catalog_node.html": "目录节点 catalog nodes",
    "compare.html": "新旧对照 comparisons",
    "qa_question.html": "政策问答 questions",
    **{kind.template: f"{kind.short_label or kind.label} {kind.section}" for kind in KINDS},
}


def print_report(diags: Diagnostics, fmt: str = "text") -> None:
    if fmt == "json":
        print(diags.to_json())
    elif diags.items:
        print(diags.format(colour=sys.stderr.isatty() and not os.environ.get("NO_COLOR")), file=sys.stderr)


def build_summary(result: BuildResult) -> str:
    total = sum(result.pages.values())
    if result.up_to_date:
        return (
            f"网站已是最新，无需重新生成 the site is up to date（{total} 个页面 pages）→ {result.output}；"
            f"用时 {result.seconds:.1f} 秒 s" + scheduled_summary(result)
        )
    kinds = "，".join(f"{TEMPLATE_NAMES[t]} {n}" for t, n in sorted(result.pages.items()) if t in TEMPLATE_NAMES)
    warnings = len(result.diagnostics.warnings)
    return (
        f"已生成 {total} 个页面 built {total} pages（{kinds}；本次重新生成 {result.rendered} 个 rendered now）"
        f"→ {result.output}；{warnings} 个警告 warning(s)；用时 {result.seconds:.1f} 秒 s\n"
        f"nginx 配置 configuration → {result.server_config}\n"
        f"管理报表 webmaster report → {result.report}" + scheduled_summary(result)
    )


def scheduled_summary(result: BuildResult) -> str:
    """定时发布: what later builds will publish, and when (the nightly build in docs/deploy.md does it)."""
    if not result.scheduled:
        return ""
    lines = [
        f"\n定时发布 scheduled: {len(result.scheduled)} 件，到期后的构建才会发布 published by a build on or after:"
    ]
    lines += [f"  {item.due.isoformat()}  {item.source}  {item.title}" for item in result.scheduled]
    return "\n".join(lines)
