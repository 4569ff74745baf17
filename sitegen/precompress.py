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

from sitegen.output import OutputFolder

COMPRESSIBLE = frozenset({
    ".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".ics", ".atom", ".rss", ".wasm",
    ".map", ".webmanifest",
})


def _compress(path: Path) -> bytes | None:
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    return packed if len(packed) < len(data) else None


def precompress(out: OutputFolder) -> int:
    """Write ``name.gz`` beside every compressible file that gzip makes smaller; return how many."""
    paths = sorted(p for p in out.stage.rglob("*") if p.suffix in COMPRESSIBLE and p.is_file())
    count = 0
    # zlib releases the GIL, so threads use every core without pickling file contents.
    with ThreadPoolExecutor() as pool:
        for path, packed in zip(paths, pool.map(_compress, paths)):
            if packed is not None:
                out.write(path.relative_to(out.stage).as_posix() + ".gz", packed)
                count += 1
    return count
