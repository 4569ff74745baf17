"""Finding and reading source files: UTF-8 only, size-capped, never outside the project."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from sitegen.diagnostics.codes import SG010, SG011, SG012, SG013, SG014, SG015, SG016
from sitegen.diagnostics.core import Diagnostics

MAX_SOURCE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str

    @property
    def digest(self) -> str:
        """The text's content digest: what a check that ran on this exact text can be remembered by."""
        return hashlib.blake2b(self.text.encode(), digest_size=16).hexdigest()


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (after following symlinks) lies inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def find_files(folder: Path, pattern: str, project: Path, diags: Diagnostics) -> list[Path]:
    """Files under ``folder`` matching ``pattern``, sorted; symlinks leaving the project are refused.

    Symlinked folders are walked too when they stay inside the project (``Path.rglob`` silently skips them
    all, so a linked folder's documents simply did not appear); one pointing outside is refused by name."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for path in sorted(_walk(folder, pattern, project, {folder.resolve()})):
        if path.is_symlink() and not path.exists():  # dangling or looping: is_file() would just say no
            diags.report(SG011, path, reason=_link_problem(path))
            continue
        if not inside(path, project):  # a symlinked file or folder, or a file under a symlinked folder
            diags.report(SG010, path)
            continue
        if path.is_file():
            found.append(path)
    return found


def _link_problem(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        return f"symbolic link to {os.readlink(path)}: {exc.strerror or exc}"
    return "symbolic link"


def _walk(folder: Path, pattern: str, project: Path, seen: set[Path]) -> list[Path]:
    """Files matching ``pattern`` and every symlinked folder (for the caller to judge), walking each real
    folder once (no link loops) and never into a folder outside the project."""
    found: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith("."):
            continue  # editor swap files, .git and the like
        if entry.is_dir():
            if entry.is_symlink():
                found.append(entry)
                if not inside(entry, project):
                    continue
            real = entry.resolve()
            if real not in seen:
                seen.add(real)
                found.extend(_walk(entry, pattern, project, seen))
        elif entry.match(pattern):
            found.append(entry)
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
