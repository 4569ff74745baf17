"""The internal links of a built site's pages, read once per page version for the audit's broken-link check.

A build publishes an unchanged page as a hard link to the last build's file, so a page's (inode, mtime, size)
stays equal exactly while the page does: an edit reads the pages it wrote, not all 30,000 of a
10,000-document site (18.7 s of a profiled edit at that size).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

_LINK = re.compile(r'\s(?:href|src)="(/[^"#?]*)')

# A page's site-absolute link targets by its relative path, with the (inode, mtime, size) they were read at.
PageLinks = dict[str, tuple[tuple[int, int, int], tuple[str, ...]]]


def standard_pages(output: Path) -> list[str]:
    """Relative paths of the standard edition's pages, in path order (the elder edition repeats its links)."""
    found: list[str] = []
    root = os.fspath(output)
    for folder, folders, files in os.walk(root):
        if folder == root:
            folders[:] = [name for name in folders if name != "elder"]
        # Strings, not paths: a 10,000-document site has 15,000 folders, and a Path per folder cost seconds.
        prefix = folder[len(root) + 1 :].replace(os.sep, "/") + "/" if folder != root else ""
        found.extend(prefix + name for name in files if name.endswith(".html"))
    return sorted(found, key=lambda path: path.split("/"))


def page_links(output: Path, pages: PageLinks) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each standard page and its link targets (first occurrence order), reading only the pages that changed
    since ``pages`` was made; ``pages`` is then replaced by this reading."""
    kept: PageLinks = {}
    for relative in standard_pages(output):
        stat = (output / relative).stat()
        key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        previous = pages.get(relative)
        if previous is not None and previous[0] == key:
            targets = previous[1]
        else:
            text = (output / relative).read_text(encoding="utf-8", errors="replace")
            targets = tuple(dict.fromkeys(_LINK.findall(text)))
        kept[relative] = (key, targets)
        yield relative, targets
    pages.clear()
    pages.update(kept)
