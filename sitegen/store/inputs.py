"""The build's input files and their content digests, with a stat shortcut.

Like git's index: a file whose size, modification time and inode are unchanged since its digest
was recorded keeps that digest without being read again, except when it was modified within
``RACY_SECONDS`` of the recording (its time stamp cannot then tell two versions apart).
Everything the build's decisions are keyed on is the content digest, never the time stamp.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

RACY_SECONDS = 2.0


def digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def digest_file(path: Path) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            hasher.update(chunk)
    return hasher.hexdigest()


@dataclass(frozen=True)
class FileState:
    size: int
    mtime_ns: int
    ino: int
    digest: str

    def same_stat(self, stat: os.stat_result) -> bool:
        return (self.size, self.mtime_ns, self.ino) == (stat.st_size, stat.st_mtime_ns, stat.st_ino)


@dataclass
class InputState:
    """Digests of input files by absolute path, and when they were recorded."""

    files: dict[str, FileState]
    recorded_at: float

    @classmethod
    def empty(cls) -> InputState:
        return cls({}, 0.0)


class InputFiles:
    """Digests of the files under the input folders, reusing ``previous`` where the stat shows no change."""

    def __init__(self, previous: InputState):
        self.previous = previous
        self.files: dict[str, FileState] = {}
        self.symlinks = False  # whether the scan met any symbolic link
        self.started = time.time()

    def _state(self, path: str, stat: os.stat_result) -> FileState:
        old = self.previous.files.get(path)
        racy = stat.st_mtime_ns / 1e9 >= self.previous.recorded_at - RACY_SECONDS
        if old is not None and old.same_stat(stat) and not racy:
            return old
        return FileState(stat.st_size, stat.st_mtime_ns, stat.st_ino, digest_file(Path(path)))

    def scan(self, roots: list[Path], skip: list[Path]) -> InputFiles:
        """Record every regular file under ``roots`` (files or folders), except under ``skip``."""
        skipped = {os.fspath(p) for p in skip}
        stack = [os.fspath(r) for r in roots]
        while stack:
            top = stack.pop()
            if top in skipped:
                continue
            try:
                stat = os.stat(top)
            except OSError:
                continue
            if not os.path.isdir(top):
                self.files[top] = self._state(top, stat)
                continue
            with os.scandir(top) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue  # editor swap files, .git: the loaders skip them too
                    self.symlinks = self.symlinks or entry.is_symlink()
                    try:
                        if entry.is_dir(follow_symlinks=True):
                            stack.append(entry.path)
                        elif entry.is_file(follow_symlinks=True) and entry.path not in skipped:
                            self.files[entry.path] = self._state(entry.path, entry.stat(follow_symlinks=True))
                        elif entry.is_symlink():
                            os.stat(entry.path)  # raises for a dangling link
                    except OSError as exc:
                        # A link loop, a dangling link, a vanished file: the loaders look again and report
                        # it; recorded so that the build does not take the inputs for unchanged.
                        self.files[entry.path] = FileState(-1, 0, 0, f"unreadable: {exc.errno}")
        return self

    def under(self, folder: Path, suffix: str) -> list[Path] | None:
        """The scanned files under ``folder`` ending in ``suffix``, sorted as ``sorted(folder.rglob())`` sorts
        them; None when the scan met a symbolic link (the loaders then look for themselves, to refuse
        links that leave the project)."""
        if self.symlinks:
            return None
        prefix = os.fspath(folder) + os.sep
        found = [p for p in self.files if p.startswith(prefix) and p.endswith(suffix)]
        return [Path(p) for p in sorted(found, key=lambda p: p.split(os.sep))]

    def digest(self, path: Path | str) -> str:
        """The content digest of a file: from the scan when it was seen there, else read now."""
        key = os.fspath(path)
        state = self.files.get(key) or self.files.get(os.path.abspath(key))
        if state is not None:
            return state.digest
        return digest_file(Path(key))

    def state(self) -> InputState:
        return InputState(dict(self.files), self.started)

    def combined(self) -> str:
        """One digest of every input file's path and content."""
        hasher = hashlib.blake2b(digest_size=16)
        for path in sorted(self.files):
            hasher.update(f"{path}\0{self.files[path].digest}\n".encode())
        return hasher.hexdigest()
