"""The diagnostic registry: every code declared once, with its severity, exit class, wording and documentation.

Modelled on pylint's message table. A code is declared in one of the concern modules of
``sitegen.diagnostics.codes`` by ``SECTION.code(...)``: its severity and exit class, the zh/en
message and fix templates with named ``{placeholders}``, and the meaning, example and fix of its
row in docs/rules.md. A call site then says only what happened, where::

    diags.report(SG110, doc.source, line=doc.line_of("disclosure"))
    diags.report(SG060, doc.source, line=..., id=doc.id, other=diags.rel(other.source))

A code reached by different routes may have more than one wording (``Code.variant``); severity,
exit class and documentation stay the code's own. docs/rules.md is generated from the registry
(``python -m sitegen.diagnostics.docs``).

Templates are ``str.format`` templates. A sequence value (list, tuple) is joined by its field's format
spec (``{missing:、}`` in Chinese, ``{missing:, }`` in English); a value with ``zh`` and ``en``
attributes (a ``Phrase``, a ``FieldError``) is addressed as ``{problem.zh}`` / ``{problem.en}``.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypedDict


class Severity(str, Enum):  # noqa: UP042  (as before the registry; a StrEnum prints differently)
    ERROR = "error"
    WARNING = "warning"


ERROR, WARNING = Severity.ERROR, Severity.WARNING
EXIT_CONTENT, EXIT_CONFIG = 1, 2  # content errors exit with 1; configuration errors with 2
_CODE = re.compile(r"SG\d{3}")


@dataclass(frozen=True)
class Phrase:
    """A bilingual piece of a message, declared with the codes it is used in."""

    zh: str
    en: str


NO_HINT = Phrase("", "")


def close_hint(wanted: str, options: Iterable[str], cutoff: float = 0.6) -> Phrase:
    """ "Did you mean": the option closest to ``wanted`` (difflib), as the tail of a message; empty if none."""
    close = difflib.get_close_matches(wanted, sorted(set(options)), n=1, cutoff=cutoff)
    return Phrase(f"，是否应为 {close[0]}", f"; did you mean {close[0]}") if close else NO_HINT


@dataclass(frozen=True)
class Doc:
    """A code's row in docs/rules.md: what it means, an example and the fix (each "中文 / English")."""

    meaning: str
    example: str
    fix: str


class Wording(TypedDict):
    """The four templates of a wording shared by several codes (``SECTION.code(..., **SHARED)``)."""

    zh: str
    en: str
    fix_zh: str
    fix_en: str


class Fix(TypedDict):
    """A fix shared by several codes (``SECTION.code(..., zh=..., en=..., **SHARED_FIX)``)."""

    fix_zh: str
    fix_en: str


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        # A sequence is joined by the separator its field names: {items:、} or {items:, }.
        if isinstance(value, Iterable) and not isinstance(value, str):
            return format_spec.join(str(item) for item in value)
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


@dataclass(frozen=True, eq=False)
class Message:
    """One wording of a code: Chinese and English message and fix templates."""

    code: Code
    zh: str
    en: str
    fix_zh: str
    fix_en: str

    def render(self, values: Mapping[str, Any]) -> tuple[str, str, str, str]:
        """The four texts with ``values`` filled in; a missing value is a KeyError naming it."""
        return (
            _FORMATTER.vformat(self.zh, (), values),
            _FORMATTER.vformat(self.en, (), values),
            _FORMATTER.vformat(self.fix_zh, (), values),
            _FORMATTER.vformat(self.fix_en, (), values),
        )

    def placeholders(self) -> set[str]:
        """The names of the values the templates use (``problem`` for ``{problem.zh}``)."""
        names = set()
        for template in (self.zh, self.en, self.fix_zh, self.fix_en):
            for _, name, _, _ in _FORMATTER.parse(template):
                if name:
                    names.add(re.split(r"[.\[]", name)[0])
        return names


@dataclass(frozen=True, eq=False)
class Code:
    """A diagnostic code: declared once, by ``Section.code``."""

    id: str
    severity: Severity
    exit_code: int
    section: Section
    doc: Doc
    messages: list[Message] = field(default_factory=list, repr=False)  # the first is the default wording

    @property
    def message(self) -> Message:
        return self.messages[0]

    def variant(self, *, zh: str, en: str, fix_zh: str | None = None, fix_en: str | None = None) -> Message:
        """Another wording of this code, for a route with other facts to tell; the fix is the code's unless given."""
        default = self.message
        message = Message(
            self, zh, en, default.fix_zh if fix_zh is None else fix_zh, default.fix_en if fix_en is None else fix_en
        )
        self.messages.append(message)
        return message


@dataclass(eq=False)
class Section:
    """A group of codes with one concern; a section of docs/rules.md, in declaration order."""

    title: str
    intro: str = ""  # prose before the table, verbatim Markdown
    outro: str = ""  # prose after the table
    exit_code: int = EXIT_CONTENT
    codes: list[Code] = field(default_factory=list)

    def __post_init__(self) -> None:
        SECTIONS.append(self)

    def code(self, id: str, severity: Severity, doc: Doc, *, zh: str, en: str, fix_zh: str, fix_en: str) -> Code:
        """Declare the code ``id`` in this section, with its default wording."""
        if not _CODE.fullmatch(id):
            raise ValueError(f"{id}: a code is SG and three digits")
        if id in REGISTRY:
            raise ValueError(f"{id} is declared twice")
        code = Code(id, severity, self.exit_code, self, doc)
        code.messages.append(Message(code, zh, en, fix_zh, fix_en))
        REGISTRY[id] = code
        self.codes.append(code)
        return code


@dataclass(frozen=True)
class SchemaCodes:
    """The codes ``load.fields.apply_schema`` reports for one kind of file."""

    unknown: Code  # an unknown key, with a "did you mean"
    unknown_listed: Message  # an unknown key, nothing close: the known keys are listed
    wrong: Code  # a value that does not convert
    missing: Code  # a required key is absent


REGISTRY: dict[str, Code] = {}
SECTIONS: list[Section] = []
