"""Wordings shared by several codes: the key checks of ``load.fields.apply_schema``, which read
site.yaml (SG005–SG007), front matter (SG031–SG033), catalogs (SG045–SG047) and annual reports
(SG301–SG303) alike."""

from __future__ import annotations

from sitegen.diagnostics.registry import Wording

UNKNOWN_KEY = Wording(
    zh="未知字段“{key}”，已忽略。是否想写“{close}”？",
    en='Unknown key "{key}"; ignored. Did you mean "{close}"?',
    fix_zh="是否想写“{close}”？",
    fix_en='Did you mean "{close}"?',
)
UNKNOWN_KEY_LISTED = Wording(  # nothing is close: the known keys are listed
    zh="未知字段“{key}”，已忽略。可用字段：{known:, }。",
    en='Unknown key "{key}"; ignored. Known keys: {known:, }.',
    fix_zh="可用字段：{known:, }。",
    fix_en="Known keys: {known:, }.",
)
WRONG_VALUE = Wording(
    zh="字段“{key}”：{problem.zh}",
    en='Field "{key}": {problem.en}',  # problem: a FieldError
    fix_zh="{problem.fix_zh}",
    fix_en="{problem.fix_en}",
)
MISSING_KEY = Wording(
    zh="缺少必填字段“{key}”。",
    en='The required key "{key}" is missing.',
    fix_zh="在这组字段中加入 {key}: …",
    fix_en="Add {key}: ... beside the other keys here.",
)
