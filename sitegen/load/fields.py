"""Applying a schema of declared keys to a YAML mapping: every problem reported with its line.

The converters live in :mod:`sitegen.model.values` and the declarations in :mod:`sitegen.model.spec`;
they are re-exported here for the loaders.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from sitegen.diagnostics.core import Diagnostics
from sitegen.model.spec import Field, schema
from sitegen.model.values import (
    ID_PATTERN,
    Choice,
    Converter,
    FieldError,
    LineMap,
    boolean,
    check_mapping,
    count,
    date,
    date_time,
    describe,
    enum,
    identifier,
    text,
    text_list,
    web_url,
)

__all__ = [
    "FRONT_MATTER_CODES", "ID_PATTERN", "Choice", "Converter", "Field", "FieldError", "LineMap", "apply_schema",
    "boolean", "check_mapping", "count", "date", "date_time", "describe", "enum", "identifier", "schema", "text",
    "text_list", "web_url",
]


FRONT_MATTER_CODES = ("SG031", "SG032", "SG033")


def apply_schema(
    meta: LineMap, schema: dict[str, Field], path: Path, diags: Diagnostics,
    codes: tuple[str, str, str] = FRONT_MATTER_CODES,
) -> dict[str, Any] | None:
    """Convert every field of ``meta`` by ``schema``; report each problem; None when any field failed.

    ``codes`` are the diagnostic codes for an unknown key, a wrong value and a missing required key.
    """
    unknown_code, value_code, missing_code = codes
    result: dict[str, Any] = {}
    ok = True
    for key, raw in meta.items():
        line = meta.line_of(key)
        if key not in schema:
            close = difflib.get_close_matches(str(key), list(schema), n=1, cutoff=0.6)
            hint_zh = f"是否想写“{close[0]}”？" if close else f"可用字段：{', '.join(sorted(schema))}。"
            hint_en = f'Did you mean "{close[0]}"?' if close else f"Known keys: {', '.join(sorted(schema))}."
            diags.add(unknown_code, path, f"未知字段“{key}”，已忽略。{hint_zh}", f'Unknown key "{key}"; ignored. {hint_en}',
                      line=line, fix_zh=hint_zh, fix_en=hint_en, warning=True)
            continue
        if raw is None:
            continue  # an empty value counts as absent; required fields are checked below
        try:
            result[key] = schema[key].convert(raw)
        except FieldError as exc:
            ok = False
            diags.add(value_code, path, f"字段“{key}”：{exc.zh}", f'Field "{key}": {exc.en}',
                      line=line, fix_zh=exc.fix_zh, fix_en=exc.fix_en)
    for key, field in schema.items():
        if field.required and key not in result and meta.get(key) is None:
            ok = False
            diags.add(missing_code, path, f"缺少必填字段“{key}”。", f'The required key "{key}" is missing.',
                      line=meta.line, fix_zh=f"在这组字段中加入 {key}: …", fix_en=f"Add {key}: ... beside the other keys here.")
    return result if ok else None
