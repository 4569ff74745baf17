"""Applying a schema of declared keys to a YAML mapping: every problem reported with its line.

The converters live in :mod:`sitegen.model.values` and the declarations in :mod:`sitegen.model.spec`;
they are re-exported here for the loaders.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from sitegen.diagnostics.codes import FRONT_MATTER_KEYS
from sitegen.diagnostics.core import Diagnostics
from sitegen.diagnostics.registry import SchemaCodes
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
    "ID_PATTERN",
    "Choice",
    "Converter",
    "Field",
    "FieldError",
    "LineMap",
    "apply_schema",
    "boolean",
    "check_mapping",
    "count",
    "date",
    "date_time",
    "describe",
    "enum",
    "identifier",
    "schema",
    "text",
    "text_list",
    "web_url",
]


def apply_schema(
    meta: LineMap,
    schema: dict[str, Field],
    path: Path,
    diags: Diagnostics,
    codes: SchemaCodes = FRONT_MATTER_KEYS,
) -> dict[str, Any] | None:
    """Convert every field of ``meta`` by ``schema``; report each problem; None when any field failed.

    ``codes`` are the diagnostic codes for an unknown key, a wrong value and a missing required key.
    """
    result: dict[str, Any] = {}
    ok = True
    for key, raw in meta.items():
        line = meta.line_of(key)
        if key not in schema:
            close = difflib.get_close_matches(str(key), list(schema), n=1, cutoff=0.6)
            diags.report(
                codes.unknown if close else codes.unknown_listed,
                path,
                line=line,
                key=key,
                close=close[0] if close else None,
                known=sorted(schema),
            )
            continue
        if raw is None:
            continue  # an empty value counts as absent; required fields are checked below
        try:
            result[key] = schema[key].convert(raw)
        except FieldError as exc:
            ok = False
            diags.report(codes.wrong, path, line=line, key=key, problem=exc)
    for key, field in schema.items():
        if field.required and key not in result and meta.get(key) is None:
            ok = False
            diags.report(codes.missing, path, line=meta.line, key=key)
    return result if ok else None
