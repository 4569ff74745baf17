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
    """A collector of diagnostics for one run.

    A file that failed to load is reported once, for its real cause. What refers to it (an interpretation to
    its policy, a package to its documents, a link in a body, a catalog item to its documents) is not an error
    of its own: such a report is made with ``about=`` (the id, ``catalog:CODE``, or the path referred to) and
    dropped when that turns out to be a file that failed to load or has errors of its own. The file that failed
    then gets one line naming the files that were skipped because of it (:attr:`skipped`).
    """

    root: Path | None = None
    items: list[Diagnostic] = field(default_factory=list)
    # What may refer to a file that failed to load (its id, "catalog:CODE", its path) -> that file's path.
    unloaded: dict[str, str] = field(default_factory=dict)
    # Reports that only say something refers to a missing or faulty file -> what they refer to.
    dependent: dict[Diagnostic, str] = field(default_factory=dict)
    # A file that failed to load or has errors -> the files whose reference to it was not reported.
    skipped: dict[str, set[str]] = field(default_factory=dict)
    # Folders as resolved during this build: a build names thousands of files in a few dozen folders, and
    # resolving each one's folder again cost a second per 1,000 documents.
    resolved: dict[Path, Path] = field(default_factory=dict, repr=False, compare=False)

    def rel(self, path: Path | str | None) -> str:
        if path is None:
            return ""
        path = Path(path)
        if self.root is not None:
            try:
                # Only the folder is resolved: a symlink is reported where it is, not where it points.
                located = self._resolve(path.parent) / path.name if path.name not in ("", ".", "..") else path.resolve()
                return located.relative_to(self._resolve(self.root)).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def _resolve(self, folder: Path) -> Path:
        if folder not in self.resolved:
            self.resolved[folder] = folder.resolve()
        return self.resolved[folder]

    def report(
        self,
        message: Code | Message,
        path: Path | str | None,
        /,
        *,
        line: int | None = None,
        column: int | None = None,
        about: str | Path | None = None,
        **values: Any,
    ) -> None:
        """Report ``message`` (a code, or one of its wordings) at ``path``, its templates filled from ``values``.

        The code's severity, message and fix are declared once in sitegen/diagnostics/codes/. ``about``: the
        report only concerns a reference to that document (an id, ``catalog:CODE``, or a path); it is dropped
        if that document failed to load or has errors of its own.
        """
        wording = message.message if isinstance(message, Code) else message
        code = wording.code
        zh, en, fix_zh, fix_en = wording.render(values)
        diag = Diagnostic(self.rel(path), line, column, code.id, code.severity, zh, en, fix_zh, fix_en)
        if about is not None:
            self.dependent[diag] = self.rel(about) if isinstance(about, Path) else about
        self.items.append(diag)

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def merge(self, other: Diagnostics) -> None:
        """Another collector's reports (a worker's), with what it knows about failed files and references."""
        self.items.extend(other.items)
        for key, source in other.unloaded.items():
            self.unloaded.setdefault(key, source)
        self.dependent.update(other.dependent)

    def unloadable(self, path: Path | str, keys: Iterable[str] = ()) -> None:
        """``path`` failed to load (its error is reported): references to it, by path or ``keys``, are not errors."""
        source = self.rel(path)
        for key in (source, *keys):
            self.unloaded.setdefault(key, source)

    def failed(self, key: str | Path) -> str | None:
        """The path of the file that failed to load which ``key`` (an id, ``catalog:CODE``, a path) names."""
        return self.unloaded.get(self.rel(key) if isinstance(key, Path) else key)

    def has_errors(self, path: Path | str) -> bool:
        """``path`` failed to load or has an error reported so far."""
        where = self.rel(path)
        return where in self.unloaded or any(d.path == where and d.severity is Severity.ERROR for d in self.items)

    def settle(self) -> None:
        """Drop the reports about references to files that failed to load or have errors of their own."""
        if not self.dependent:
            return
        causes = dict(self.unloaded)
        for diag in self.items:
            if diag.severity is Severity.ERROR and diag not in self.dependent and diag.path:
                causes.setdefault(diag.path, diag.path)
        kept: list[Diagnostic] = []
        for diag in self.items:
            key = self.dependent.get(diag)
            cause = causes.get(key) if key is not None else None
            if cause is not None and cause != diag.path:
                self.skipped.setdefault(cause, set()).add(diag.path)
            else:
                kept.append(diag)
        self.items = kept

    @property
    def errors(self) -> list[Diagnostic]:
        self.settle()
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        self.settle()
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def error_count(self) -> int:
        return len(self.errors)

    def promote_warnings(self) -> None:
        """--strict: every warning counts as an error."""
        self.settle()
        self.items = [
            Diagnostic(d.path, d.line, d.column, d.code, Severity.ERROR, d.zh, d.en, d.fix_zh, d.fix_en)
            for d in self.items
        ]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BuildFailed(self)

    def sorted(self) -> list[Diagnostic]:
        """Errors first, then warnings, each by file and line; the same problem reached by two routes once."""
        self.settle()
        return sorted(
            set(self.items),
            key=lambda d: (d.severity is not Severity.ERROR, d.path, d.line or 0, d.column or 0, d.code, d.zh),
        )

    def by_file(self) -> Iterator[tuple[str, list[Diagnostic]]]:
        """Runs of :meth:`sorted` by file: a file with errors and warnings comes once among the errors and
        once more among the warnings, so that no warning is printed before an error."""
        group: list[Diagnostic] = []
        for diag in self.sorted():
            if group and (diag.path != group[0].path or diag.severity is not group[0].severity):
                yield group[0].path, group
                group = []
            group.append(diag)
        if group:
            yield group[0].path, group

    def skipped_line(self, path: str) -> tuple[str, str] | None:
        """The note on a file that failed: which files refer to it and were not checked against it."""
        others = sorted(self.skipped.get(path, ()))
        if not others:
            return None
        return (
            f"另有 {len(others)} 个文件引用本文件，本文件修正后再检查这些引用：{'、'.join(others)}",
            f"{len(others)} file(s) refer to this file; those references are checked once it is fixed: "
            + ", ".join(others),
        )

    def to_json(self) -> str:
        ordered = self.sorted()
        return json.dumps(
            {
                "errors": len({d for d in self.items if d.severity is Severity.ERROR}),
                "warnings": len({d for d in self.items if d.severity is Severity.WARNING}),
                "diagnostics": [d.to_dict() for d in ordered],
                "skipped": {path: sorted(others) for path, others in sorted(self.skipped.items())},
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
        noted: set[str] = set()
        groups = list(self.by_file())
        # Errors come first; when there are warnings as well, a heading says where each part begins (a file
        # with both is named once in each part).
        both = len({group[0].severity for _, group in groups}) > 1
        section = None
        for path, diags in groups:
            if both and diags[0].severity is not section:
                section = diags[0].severity
                heading = "错误 errors" if section is Severity.ERROR else "警告 warnings"
                lines.append(paint(f"== {heading} ==", "1") + "\n")
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
            if path not in noted and (note := self.skipped_line(path)):
                noted.add(path)
                lines.append(f"  说明 note: {note[0]}")
                lines.append(f"    {note[1]}")
            lines.append("")
        errors = len({d for d in self.items if d.severity is Severity.ERROR})
        warnings = len({d for d in self.items if d.severity is Severity.WARNING})
        lines.append(f"共 {errors} 个错误，{warnings} 个警告 / {errors} error(s), {warnings} warning(s)")
        return "\n".join(lines)
