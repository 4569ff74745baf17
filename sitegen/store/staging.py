"""An output folder that publishes atomically without rewriting unchanged files.

The core :class:`~sitegen.output.OutputFolder` stages a complete new folder and swaps it in with
one ``renameat2(RENAME_EXCHANGE)``. Writing every file of a 10,000-page site for a one-line edit
would cost more than the rest of the build, so this folder keeps two trees (double buffering):

- the live folder (``_site``), and
- the spare (``._site.sitegen-spare``): the previous live folder, kept after the last swap.

A build renames the spare into the stage and brings it up to date: it writes the files whose
content changed, hard-links from the live folder the files that changed in the build before (or,
the first time, every file), and deletes what the build no longer produces; then it swaps stage
and live as before, and the old live folder becomes the next spare. The swap stays atomic, a
failed build leaves the live folder untouched (its stage goes back to being the spare), and the
work is proportional to what changed.

The two trees share the inodes of unchanged files, so one rule keeps the live folder safe: a
staged file is never written in place. Every write makes a new inode and renames it over the
staged name (:func:`replace_file`), and :meth:`StagedOutput.path` unlinks the staged name before
handing it out, so a step that opens it for writing creates a new file too. (This also means a
web server still reading the old tree never sees a half-written file.)

Each tree has a manifest (path -> digest, size, mtime, inode) in the build cache; a file whose
stat no longer matches its entry (edited by hand, say) counts as unknown and is replaced. A file
added to the output folder by hand is in no manifest and stays until a ``--clean`` build.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitegen.store.folder import OutputFolder, exchange
from sitegen.store.inputs import digest_bytes, digest_file


@dataclass(frozen=True)
class OutFile:
    digest: str
    size: int
    mtime_ns: int
    ino: int


Manifest = dict[str, OutFile]


def stat_entry(path: Path, digest: str) -> OutFile:
    stat = os.stat(path)
    return OutFile(digest, stat.st_size, stat.st_mtime_ns, stat.st_ino)


def verified(folder: Path, manifest: Manifest | None, shared: Manifest | None = None) -> Manifest:
    """The entries of ``manifest`` whose file in ``folder`` still has the recorded stat.

    An entry with the inode of the same path in the ``shared`` (already verified) manifest is the
    same file, so it needs no second look.
    """
    if not manifest or not folder.is_dir():
        return {}
    good: Manifest = {}
    shared = shared or {}
    base = os.fspath(folder) + os.sep  # plain strings: a Path per file was half the cost of a no-op build
    for relative, entry in manifest.items():
        twin = shared.get(relative)
        if twin is not None and twin.ino == entry.ino:
            if twin == entry:
                good[relative] = entry
            continue
        try:
            stat = os.stat(base + relative)
        except OSError:
            continue
        if (stat.st_size, stat.st_mtime_ns, stat.st_ino) == (entry.size, entry.mtime_ns, entry.ino):
            good[relative] = entry
    return good


def replace_file(full: Path, write: Callable[[Path], object]) -> None:
    """Write a new inode beside ``full`` and rename it over ``full``."""
    tmp = full.with_name(f".{full.name}.sitegen-new")
    tmp.unlink(missing_ok=True)  # left by a killed build
    write(tmp)
    os.replace(tmp, full)


class StagedOutput(OutputFolder):
    """The stage starts as the spare tree; ``write``, ``copy``, ``keep`` and ``adopt`` declare every file."""

    TEMPORARY_KINDS = (*OutputFolder.TEMPORARY_KINDS, "work")  # the search shards' Pagefind input and output

    def __init__(self, target: Path, live: Manifest | None = None, spare: Manifest | None = None):
        super().__init__(target)
        self.spare = self.target.parent / f".{self.target.name}.sitegen-spare"
        self._live_manifest = live
        self._spare_manifest = spare
        self.live: Manifest = {}
        self.files: Manifest = {}  # what the stage holds now
        self.pending: set[str] = set()  # claimed for a worker process, not yet recorded
        self.work = self.target.parent / f".{self.target.name}.sitegen-work-{os.getpid()}"
        self._folders: set[str] = set()  # staged folders known to exist

    def open(self) -> StagedOutput:
        self._clear_leftovers()
        self.live = verified(self.target, self._live_manifest)
        if self.spare.is_dir() and self._spare_manifest is not None:
            os.rename(self.spare, self.stage)
            self.files = verified(self.stage, self._spare_manifest, self.live)
        else:
            if self.spare.exists():
                shutil.rmtree(self.spare, ignore_errors=True)  # a spare nobody recorded
            self.stage.mkdir()
        return self

    # Declaring files -----------------------------------------------------------------------

    def _declare(self, relative: str) -> str:
        key = relative.lstrip("/")
        if key in self.written:
            raise ValueError(f"output path written twice: {key}")
        self.written.add(key)
        return key

    def _full(self, key: str) -> Path:
        # The stage holds only what this class put there (no symbolic links), so a lexical check
        # suffices; resolving every path of a large site cost more than writing it.
        normal = posixpath.normpath(key)
        if normal.startswith(("../", "/")) or normal in ("..", "."):
            raise ValueError(f"output path escapes the output folder: {key}")
        full = self.stage / normal
        folder = posixpath.dirname(normal)
        if folder not in self._folders:
            full.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        return full

    def path(self, relative: str) -> Path:
        """A staged path to write, with no file behind it (the old one may be the live folder's too)."""
        full = self._full(self._declare(relative))
        full.unlink(missing_ok=True)
        self.files.pop(relative.lstrip("/"), None)
        return full

    def current(self, relative: str) -> str | None:
        """The digest of the staged file at ``relative`` as it is now (None when absent or unknown)."""
        entry = self.files.get(relative.lstrip("/"))
        return entry.digest if entry else None

    def write(self, relative: str, data: str | bytes) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        key = self._declare(relative)
        digest = digest_bytes(raw)
        if self.current(key) != digest:
            full = self._full(key)
            replace_file(full, lambda tmp: tmp.write_bytes(raw))
            self.files[key] = stat_entry(full, digest)

    def copy(self, source: Path, relative: str, digest: str | None = None) -> None:
        key = self._declare(relative)
        digest = digest or digest_file(source)
        if self.current(key) != digest:
            full = self._full(key)
            replace_file(full, lambda tmp: shutil.copyfile(source, tmp))
            self.files[key] = stat_entry(full, digest)

    def claim(self, relative: str) -> Path:
        """A staged path for a worker process to replace (see :func:`replace_file`); :meth:`record` it afterwards."""
        key = self._declare(relative)
        self.pending.add(key)
        return self._full(key)

    def record(self, relative: str, digest: str | None) -> None:
        """A claimed file as its worker left it; None: the worker decided not to write it after all."""
        key = relative.lstrip("/")
        self.pending.discard(key)
        if digest is None:
            self.written.discard(key)
            self.files.pop(key, None)
            (self.stage / key).unlink(missing_ok=True)
        elif self.current(key) != digest:
            self.files[key] = stat_entry(self.stage / key, digest)

    def keep(self, relative: str) -> bool:
        """Publish the live folder's file unchanged; False when the live folder has no verified copy."""
        key = relative.lstrip("/")
        entry = self.live.get(key)
        if entry is None:
            return False
        self._declare(key)
        if self.files.get(key) != entry:
            full = self._full(key)
            replace_file(full, lambda tmp: os.link(self.target / key, tmp))
            self.files[key] = entry
        return True

    def live_files(self, prefix: str) -> list[str]:
        """The verified files of the live folder under ``prefix``."""
        return sorted(k for k in self.live if k.startswith(prefix))

    def live_digest(self, relative: str) -> str | None:
        entry = self.live.get(relative.lstrip("/"))
        return entry.digest if entry else None

    def changed(self) -> list[str]:
        """The files declared so far whose content differs from the live folder's (all, the first time)."""
        return sorted(key for key in self.written if key not in self.live or self.live[key].digest != self.current(key))

    def adopt(self, source: Path, relative: str) -> None:
        """Move a finished file or folder (part of a search index) into the stage at ``relative``."""
        relative = relative.strip("/")
        destination = self.stage / relative
        for key in [k for k in self.files if k == relative or k.startswith(relative + "/")]:
            del self.files[key]
        if destination.is_dir():
            shutil.rmtree(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, destination)
        found = [destination] if destination.is_file() else sorted(p for p in destination.rglob("*") if p.is_file())
        for path in found:
            key = self._declare(path.relative_to(self.stage).as_posix())
            self.files[key] = stat_entry(path, digest_file(path))

    # Publishing ----------------------------------------------------------------------------

    def _prune(self) -> None:
        """Delete staged files this build did not declare, and the folders that leaves empty."""
        folders: set[Path] = set()
        for key in [k for k in self.files if k not in self.written]:
            path = self.stage / key
            path.unlink(missing_ok=True)
            del self.files[key]
            folders.update(p for p in path.parents if self.stage in p.parents)
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):  # still holds files
                folder.rmdir()

    def commit(self) -> tuple[Manifest, Manifest | None]:
        """Swap the stage in; returns the manifests of the new live folder and of the new spare."""
        self._prune()
        if self.target.is_symlink() or self.target.is_file():
            raise FileExistsError(f"{self.target} is not a folder")
        spare: Manifest | None = None
        if self.target.exists():
            if exchange(self.stage, self.target):
                os.rename(self.stage, self.spare)
            else:
                os.rename(self.target, self.spare)
                os.rename(self.stage, self.target)
            if self._live_manifest is None:
                shutil.rmtree(self.spare, ignore_errors=True)  # an old folder nobody recorded
            else:
                spare = self.live
        else:
            os.rename(self.stage, self.target)
        return self.files, spare

    def abort(self) -> Manifest | None:
        """Keep the half-updated stage as the spare; returns its manifest (None when it was removed)."""
        for key in self.pending:
            (self.stage / key).unlink(missing_ok=True)
            self.files.pop(key, None)
        if not self.stage.is_dir():
            return None
        if not self.target.is_dir():  # a spare is only worth keeping beside a live site
            shutil.rmtree(self.stage, ignore_errors=True)
            return None
        if self.spare.exists():
            shutil.rmtree(self.spare, ignore_errors=True)
        os.rename(self.stage, self.spare)
        return self.files
