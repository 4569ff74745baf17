"""Precompressed copies (``name.gz``) of the site's text files, for nginx's ``gzip_static``.

The server then sends the best compression without spending CPU per request, and object stores
and CDNs can be given the same files. The copies are deterministic (no time stamp, no file name in
the gzip header), so two builds of the same input stay byte-identical. Pagefind's index files
(``.pf_*``) and its ``.pagefind`` wasm bundle are gzip streams already and are left alone.
"""

from __future__ import annotations

import gzip
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sitegen.store.staging import StagedOutput

COMPRESSIBLE = frozenset(
    {
        ".html",
        ".css",
        ".js",
        ".mjs",
        ".json",
        ".svg",
        ".xml",
        ".txt",
        ".csv",
        ".ics",
        ".atom",
        ".rss",
        ".wasm",
        ".map",
        ".webmanifest",
    }
)


def gzip_copy(data: bytes) -> bytes | None:
    """The deterministic gzip copy of a file's bytes, or None when it would not be smaller."""
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    return packed if len(packed) < len(data) else None


def _suffix(key: str) -> str:
    """``Path(key).suffix`` without making a Path: one per output file cost 0.2 s at 1,000 documents."""
    name = key.rpartition("/")[2]
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _compress(path: Path) -> bytes | None:
    return gzip_copy(path.read_bytes())


def precompress(out: StagedOutput) -> int:
    """Declare ``name.gz`` beside every compressible file that gzip makes smaller; return how many.

    A file published unchanged keeps its published copy: compressing is most of the work otherwise.
    Pages come with their copies already (the render workers compress them as they write them).
    """
    todo: list[str] = []
    count = 0
    for key in sorted(out.written):
        if _suffix(key) not in COMPRESSIBLE or key + ".gz" in out.written:
            continue  # (an unchanged search shard keeps its compressed files with the rest of it)
        unchanged = out.current(key) is not None and out.current(key) == out.live_digest(key)
        if unchanged and out.live_digest(key + ".gz") is not None:
            out.keep(key + ".gz")
            count += 1
        else:
            todo.append(key)
    # zlib releases the GIL, so threads use every core without pickling file contents.
    with ThreadPoolExecutor() as pool:
        for key, packed in zip(todo, pool.map(_compress, [out.stage / key for key in todo]), strict=False):
            if packed is not None:
                out.write(key + ".gz", packed)
                count += 1
    return count
