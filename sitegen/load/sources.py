"""Finding and reading source files: UTF-8 only, size-capped, never outside the project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen.diagnostics.codes import SG010, SG011, SG012, SG013, SG014, SG015, SG016
from sitegen.diagnostics.core import Diagnostics

MAX_SOURCE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (after following symlinks) lies inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def find_files(folder: Path, pattern: str, project: Path, diags: Diagnostics) -> list[Path]:
    """Files under ``folder`` matching ``pattern``, sorted; symlinks leaving the project are refused."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for path in sorted(folder.rglob(pattern)):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue  # editor swap files, .git and the like
        if not inside(path, project):  # a symlinked file, or a file under a symlinked folder
            diags.report(SG010, path)
            continue
        if path.is_file():
            found.append(path)
    return found


def read_text(path: Path, diags: Diagnostics) -> SourceText | None:
    """Read a source as UTF-8 text with LF line ends; report and return None when unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        diags.report(SG011, path, reason=exc.strerror)
        return None
    if len(data) > MAX_SOURCE_BYTES:
        diags.report(SG012, path, size=len(data), limit=MAX_SOURCE_BYTES)
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        diags.report(SG013, path, line=1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.report(SG014, path, line=line, column=column, byte=exc.start)
        return None
    if "\r" in text:
        first = text[: text.index("\r")].count("\n") + 1
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        diags.report(SG015, path, line=first)
    if "\x00" in text:
        diags.report(SG016, path, line=text[: text.index("\x00")].count("\n") + 1)
        return None
    return SourceText(path, text)
