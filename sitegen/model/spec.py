"""Keys declared once, next to their record: a dataclass field whose metadata says how its YAML value is
converted, whether it must be given, and what the documentation says about it.

``title: str = key(text, "标题", required=True)`` declares the front-matter key ``title``. The loaders'
schemas come from :func:`schema`; the key tables of docs/content.md and docs/config.md are generated from
the same declarations (``python -m sitegen.cli.docgen``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, dataclass_transform, overload

Converter = Callable[[Any], Any]
SPEC = "sitegen.key"  # the dataclass metadata entry


@dataclass(frozen=True)
class Field:
    """One key: its converter and whether it is required; ``label`` and ``doc`` are its documentation."""

    convert: Converter
    required: bool = False
    label: str = ""  # its Chinese name: the first words of its documentation
    doc: str = ""  # what else an editor needs to know: format, allowed values, default (Markdown)
    required_doc: str = ""  # a condition under which a rule requires it, for the documentation


def key(
    convert: Converter,
    label: str,
    doc: str = "",
    *,
    required: bool = False,
    required_doc: str = "",
    default: Any = dataclasses.MISSING,
    default_factory: Any = dataclasses.MISSING,
) -> Any:
    """A dataclass field that is also a declared key (see :class:`Field`)."""
    return dataclasses.field(
        default=default,
        default_factory=default_factory,
        metadata={SPEC: Field(convert, required, label, doc, required_doc)},
    )


def schema(record: type) -> dict[str, Field]:
    """The keys ``record`` declares, in declaration order."""
    return {f.name: f.metadata[SPEC] for f in dataclasses.fields(record) if SPEC in f.metadata}


@overload
def record(cls: type, /) -> type: ...
@overload
def record(*, frozen: bool = False) -> Callable[[type], type]: ...
@dataclass_transform(kw_only_default=True, field_specifiers=(dataclasses.field, key))
def record(cls: type | None = None, /, *, frozen: bool = False) -> Any:
    """``@dataclass`` for records that declare keys: type checkers then read :func:`key` like ``field``.

    Keyword-only, so that a kind can declare a key required (no default, a non-Optional type) even where the
    record it extends gives that key a default: the loaders construct records by keyword only.
    """
    if cls is None:
        return lambda c: dataclasses.dataclass(c, frozen=frozen, kw_only=True)
    return dataclasses.dataclass(cls, frozen=frozen, kw_only=True)
