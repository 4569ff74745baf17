"""What publishing a folder atomically rests on: the ``renameat2(RENAME_EXCHANGE)`` swap, the check
that an output folder holds nothing else, and the names and sweep of the folders a build makes beside
its target. A failed or killed build leaves the published site exactly as it was, and its leftovers
are removed by the next run; :mod:`sitegen.staging` does the writing and publishing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux); False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot exchange
        return False
    raise OSError(errno, os.strerror(errno), str(a))


def overlapping(target: Path, folders: Iterable[Path], ancestors_of: Iterable[Path] = ()) -> Path | None:
    """The first of ``folders`` that is, contains or lies in ``target``, or of ``ancestors_of`` inside ``target``.

    Publishing replaces the target folder as a whole, so it must not hold anything else.
    """
    target = Path(os.path.abspath(target)).resolve()
    for folder in folders:
        folder = folder.resolve()
        if folder == target or folder.is_relative_to(target) or target.is_relative_to(folder):
            return folder
    for folder in ancestors_of:
        if folder.resolve().is_relative_to(target):
            return folder.resolve()
    return None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputFolder:
    """The names a build uses beside its target folder, and the sweep of those a dead build left
    (the folder that writes and publishes is :class:`sitegen.staging.StagedOutput`)."""

    def __init__(self, target: Path):
        self.target = Path(os.path.abspath(target))
        self.stage = self.target.parent / f".{self.target.name}.sitegen-tmp-{os.getpid()}"
        self.written: set[str] = set()

    # Folders a build makes beside the target, named .<target>.sitegen-<kind>-<pid>: removed once that
    # process is gone.
    TEMPORARY_KINDS: tuple[str, ...] = ("tmp", "old")

    def _leftovers(self) -> list[Path]:
        kinds = "|".join(self.TEMPORARY_KINDS)
        pattern = re.compile(re.escape(f".{self.target.name}.sitegen-") + rf"({kinds})-(\d+)$")
        found = []
        if self.target.parent.is_dir():
            for entry in sorted(self.target.parent.iterdir()):
                match = pattern.match(entry.name)
                if match and (int(match.group(2)) == os.getpid() or not _pid_alive(int(match.group(2)))):
                    found.append(entry)
        return found

    def _clear_leftovers(self) -> None:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        for leftover in self._leftovers():
            shutil.rmtree(leftover, ignore_errors=True)
