"""The persistent build cache in ``.sitegen-cache/`` beside the site configuration.

One SQLite file holds pickled records. The cache is keyed on a digest of sitegen's own code
(every module, so any code change counts as a new version), the Pagefind version and the
Python version: a cache written by anything else, or one that cannot be read, is deleted and
the build starts empty. A cache only ever saves work; every decision taken from it is checked
against content digests, so deleting the folder is always safe. A lock keeps two builds of the
same project (say ``sitegen serve`` and a manual build) from interleaving.
"""

from __future__ import annotations

import fcntl
import hashlib
import pickle
import sqlite3
import sys
from collections.abc import Set
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_DIR = ".sitegen-cache"
DATABASE = "cache.sqlite"
MAX_RECORD = 1_000_000_000  # SQLite's default limit on one value (SQLITE_MAX_LENGTH)


@lru_cache(maxsize=1)
def code_key() -> str:
    """A digest of the sitegen package's sources, the Pagefind release and the Python version."""
    import sitegen

    hasher = hashlib.blake2b(digest_size=16)
    package = Path(sitegen.__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if (
            path.is_file()
            and path.suffix in (".py", ".js", ".css", ".json", ".txt", ".yaml", ".html")
            and "__pycache__" not in path.parts
        ):
            hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        from importlib.metadata import version

        hasher.update(f"pagefind {version('pagefind')}".encode())
    except Exception:  # noqa: BLE001 - without metadata the package sources still key the cache
        pass
    hasher.update(sys.version.encode())
    return hasher.hexdigest()


class BuildCache:
    """Pickled values by key, plus per-file records, in one SQLite database."""

    def __init__(self, folder: Path, connection: sqlite3.Connection | None, lock: Any, blind: bool = False):
        self.folder = folder
        self._db = connection
        self._lock = lock
        self.blind = blind  # --clean: read nothing, but record this build for the next one

    @classmethod
    def open(cls, root: Path, *, clean: bool = False, suffix: str = "") -> BuildCache:
        """Open (and lock) the site's cache; ``clean`` makes every lookup miss. Each configuration of a folder
        has its own (``suffix``, see :func:`sitegen.config.site_suffix`), so several sites build in parallel."""
        folder = Path(root) / (CACHE_DIR + suffix)
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# sitegen's build cache: safe to delete, never commit\n*\n", encoding="utf-8")
        lock = open(folder / "lock", "w")  # noqa: SIM115 - held until close()
        fcntl.flock(lock, fcntl.LOCK_EX)
        path = folder / DATABASE
        connection = cls._connect(path)
        if connection is None:
            path.unlink(missing_ok=True)
            connection = cls._connect(path)
        return cls(folder, connection, lock, blind=clean)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection | None:
        """An open database of this code version, or None when the file is corrupt or from another version."""
        try:
            db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB)")
            db.execute(
                "CREATE TABLE IF NOT EXISTS files (kind TEXT, name TEXT, key TEXT, value BLOB, "
                "PRIMARY KEY (kind, name))"
            )
            row = db.execute("SELECT value FROM kv WHERE key = 'code'").fetchone()
            if row is None:
                if db.execute("SELECT count(*) FROM kv").fetchone()[0]:
                    db.close()
                    return None
                db.execute("INSERT INTO kv VALUES ('code', ?)", (code_key(),))
            elif row[0] != code_key():
                db.close()
                return None
            db.execute("PRAGMA quick_check").fetchone()
            return db
        except sqlite3.DatabaseError:
            return None

    def get(self, key: str, default: Any = None) -> Any:
        if self.blind:
            return default
        row = self._query("SELECT value FROM kv WHERE key = ?", (key,))
        return self._load(row[0]) if row else default

    def put(self, key: str, value: Any) -> None:
        blob = pickle.dumps(value, protocol=5)
        if len(blob) >= MAX_RECORD:  # SQLite refuses it, and an old value must not outlive it
            self._execute("DELETE FROM kv WHERE key = ?", (key,))
            return
        self._execute("INSERT OR REPLACE INTO kv VALUES (?, ?)", (key, blob))

    def copy(self, source: str, target: str) -> None:
        """Give ``target`` the value stored under ``source``, without unpickling and pickling it again (with no
        ``source``, ``target`` is deleted: an old value must not outlive the copy)."""
        self._execute("DELETE FROM kv WHERE key = ?", (target,))
        self._execute("INSERT INTO kv SELECT ?, value FROM kv WHERE key = ?", (target, source))

    def records(self, kind: str) -> dict[str, tuple[str, bytes]]:
        """Every record of one kind, as name -> (key, pickled value); unpickle with :meth:`load`."""
        if self._db is None or self.blind:
            return {}
        try:
            rows = self._db.execute("SELECT name, key, value FROM files WHERE kind = ?", (kind,)).fetchall()
        except sqlite3.DatabaseError:
            self._discard()
            return {}
        return {name: (key, value) for name, key, value in rows}

    def store_pickled(self, kind: str, items: dict[str, tuple[str, bytes]], removed: Set[str] = frozenset()) -> None:
        """Add or replace records (name -> (key, pickled value)) and delete the ``removed`` ones, in one transaction."""
        if self._db is None:
            return
        try:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                [(kind, name, key, value) for name, (key, value) in items.items()],
            )
            self._db.executemany("DELETE FROM files WHERE kind = ? AND name = ?", [(kind, n) for n in removed])
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError:
            self._discard()

    def load(self, blob: bytes) -> Any:
        return self._load(blob)

    def _load(self, blob: bytes) -> Any:
        try:
            return pickle.loads(blob)
        except Exception:  # noqa: BLE001 - a damaged record is a cache miss, never a crash
            return None

    def _query(self, sql: str, args: tuple) -> tuple | None:
        if self._db is None:
            return None
        try:
            return self._db.execute(sql, args).fetchone()
        except sqlite3.DatabaseError:
            self._discard()
            return None

    def _execute(self, sql: str, args: tuple) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(sql, args)
        except sqlite3.DatabaseError:
            self._discard()

    def _discard(self) -> None:
        """Stop using a cache that turned out to be damaged; the next build starts a new one."""
        if self._db is not None:
            self._db.close()
            self._db = None
        for name in (DATABASE, DATABASE + "-wal", DATABASE + "-shm"):
            (self.folder / name).unlink(missing_ok=True)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None
