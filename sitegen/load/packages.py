"""The front matter of policy packages (政策服务包, ``content/packages/*.md``), loaded like every Markdown kind
(sitegen.model.kinds); sitegen.checks.packages checks what they list.

A package gathers, for one life or business event (新生儿出生一件事, 企业开办一件事 ...), the steps a
citizen takes and the policies, interpretations and catalog items that apply. It is a Markdown document
like the others (front matter, a body for notes), goes through the same public gate and rules, and its
lists are references by id, checked here: a missing id is an error naming the file and the line.
"""

from __future__ import annotations

from typing import Any

from sitegen.load import fields as f
from sitegen.load.content import COMMON, POLICY_SCHEMA
from sitegen.model.records import PackageStep

_STEP_KEYS = ("title", "prepare", "where", "time_limit", "note")


def _step(value: Any) -> PackageStep:
    entry = f.check_mapping(value, "办事步骤", "A step")
    unknown = sorted(str(k) for k in entry if k not in _STEP_KEYS)
    if unknown:
        raise f.FieldError(
            f"办事步骤中的未知字段：{'、'.join(unknown)}。",
            f"Unknown keys in a step: {', '.join(unknown)}.",
            f"可用字段：{'、'.join(_STEP_KEYS)}。",
            f"Known keys: {', '.join(_STEP_KEYS)}.",
        )
    missing = [k for k in ("title", "where") if entry.get(k) is None]
    if missing:
        raise f.FieldError(
            f"办事步骤缺少 {'、'.join(missing)}。",
            f"A step lacks {', '.join(missing)}.",
            "写成 - {title: 步骤名称, prepare: [材料], where: 办理地点或渠道}。",
            "Write - {title: ..., prepare: [...], where: ...}.",
        )
    prepare = f.text_list(entry["prepare"]) if entry.get("prepare") is not None else []
    optional = {k: f.text(entry[k]) for k in ("time_limit", "note") if entry.get(k) is not None}
    return PackageStep(f.text(entry["title"]), prepare, f.text(entry["where"]), **optional)


def steps(value: Any) -> list[PackageStep]:
    if not isinstance(value, list) or not value:
        raise f.FieldError(
            "steps 应为非空列表，每项是一个办事步骤。",
            "steps must be a non-empty list of steps.",
            "写成 - {title: 步骤名称, prepare: [材料], where: 办理地点或渠道}。",
            "Write - {title: ..., prepare: [...], where: ...}.",
        )
    return [_step(item) for item in value]


PACKAGE_SCHEMA: dict[str, f.Field] = {
    **{k: v for k, v in COMMON.items() if k != "catalog"},  # a package lists catalog items; it is not one's content
    "summary": f.Field(f.text, required=True),
    "audience": f.Field(f.text, required=True),
    "published": f.Field(f.date, required=True),
    "issuer": f.Field(f.text),
    "topics": POLICY_SCHEMA["topics"],
    "steps": f.Field(steps, required=True),
    "policies": f.Field(f.text_list),
    "interpretations": f.Field(f.text_list),
    "catalog_items": f.Field(f.text_list),
}
