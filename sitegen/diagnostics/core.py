"""Diagnostics: every problem found in the input, with a stable code, its place and a bilingual message.

Problems are collected, never raised one at a time, so that an editor sees everything that is
wrong with a run at once, grouped by file.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sitegen.diagnostics.registry import Code, Message, Severity


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int | None
    column: int | None
    code: str
    severity: Severity
    zh: str
    en: str
    fix_zh: str = ""
    fix_en: str = ""

    def location(self) -> str:
        place = self.path or "<site>"
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


class BuildFailed(Exception):
    """Raised to stop a build after the collected diagnostics contain errors."""

    def __init__(self, diagnostics: Diagnostics):
        super().__init__(f"{diagnostics.error_count} error(s)")
        self.diagnostics = diagnostics


@dataclass
class Diagnostics:
    """A collector of diagnostics for one run."""

    root: Path | None = None
    items: list[Diagnostic] = field(default_factory=list)

    def rel(self, path: Path | str | None) -> str:
        if path is None:
            return ""
        path = Path(path)
        if self.root is not None:
            try:
                # Only the folder is resolved: a symlink is reported where it is, not where it points.
                located = path.parent.resolve() / path.name if path.name not in ("", ".", "..") else path.resolve()
                return located.relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def report(
        self,
        message: Code | Message,
        path: Path | str | None,
        /,
        *,
        line: int | None = None,
        column: int | None = None,
        **values: Any,
    ) -> None:
        """Report ``message`` (a code, or one of its wordings) at ``path``, its templates filled from ``values``.

        The code's severity, message and fix are declared once in sitegen/diagnostics/codes/.
        """
        wording = message.message if isinstance(message, Code) else message
        code = wording.code
        zh, en, fix_zh, fix_en = wording.render(values)
        self.items.append(Diagnostic(self.rel(path), line, column, code.id, code.severity, zh, en, fix_zh, fix_en))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def error_count(self) -> int:
        return len(self.errors)

    def promote_warnings(self) -> None:
        """--strict: every warning counts as an error."""
        self.items = [
            Diagnostic(d.path, d.line, d.column, d.code, Severity.ERROR, d.zh, d.en, d.fix_zh, d.fix_en)
            for d in self.items
        ]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BuildFailed(self)

    def sorted(self) -> list[Diagnostic]:
        # Deduplicate: the same problem reached by two routes is reported once.
        return sorted(set(self.items), key=lambda d: (d.path, d.line or 0, d.column or 0, d.code, d.zh))

    def by_file(self) -> Iterator[tuple[str, list[Diagnostic]]]:
        groups: dict[str, list[Diagnostic]] = {}
        for diag in self.sorted():
            groups.setdefault(diag.path, []).append(diag)
        yield from groups.items()

    def to_json(self) -> str:
        return json.dumps(
            {
                "errors": len({d for d in self.items if d.severity is Severity.ERROR}),
                "warnings": len({d for d in self.items if d.severity is Severity.WARNING}),
                "diagnostics": [d.to_dict() for d in self.sorted()],
            },
            ensure_ascii=False,
            indent=2,
        )

    def format(self, colour: bool | None = None) -> str:
        if colour is None:
            colour = sys.stderr.isatty()

        def paint(text: str, code: str) -> str:
            return f"\033[{code}m{text}\033[0m" if colour else text

        lines: list[str] = []
        for path, diags in self.by_file():
            lines.append(paint(path or "<site>", "1"))
            for d in diags:
                label = "错误 error" if d.severity is Severity.ERROR else "警告 warning"
                tint = "31" if d.severity is Severity.ERROR else "33"
                lines.append(f"  {d.location()}: {paint(label, tint)} [{d.code}]")
                lines.append(f"    {d.zh}")
                lines.append(f"    {d.en}")
                if d.fix_zh or d.fix_en:
                    lines.append(f"    修改建议：{d.fix_zh}")
                    lines.append(f"    How to fix: {d.fix_en}")
            lines.append("")
        errors = len({d for d in self.items if d.severity is Severity.ERROR})
        warnings = len({d for d in self.items if d.severity is Severity.WARNING})
        lines.append(f"共 {errors} 个错误，{warnings} 个警告 / {errors} error(s), {warnings} warning(s)")
        return "\n".join(lines)
