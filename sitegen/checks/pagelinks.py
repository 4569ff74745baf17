"""The internal links of a built site's pages, read once per page version for the audit's broken-link check.

A build publishes an unchanged page as a hard link to the last build's file, so a page's (inode, mtime, size)
stays equal exactly while the page does: an edit reads the pages it wrote, not all 30,000 of a
10,000-document site (18.7 s of a profiled edit at that size).

A build knows more than the folder tells: the manifest of what it published (path -> content digest,
:mod:`sitegen.store.staging`). Given that, the audit neither walks the folder nor stats a page or a link
target (15,000 pages and as many targets at 10,000 documents): a page is read again when its digest changed,
and a target exists when the manifest lists it. After a clean build the folder holds exactly the manifest's
files, so this equals what a walk of a clean build's folder finds.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

_LINK = re.compile(r'\s(?:href|src)="(/[^"#?]*)')

# A page's site-absolute link targets by its relative path, with the version they were read at: its content
# digest from the build's manifest, or its (inode, mtime, size) when the folder is all there is.
PageLinks = dict[str, tuple[tuple[int, int, int] | str, tuple[str, ...]]]


def _by_path(path: str) -> list[str]:
    return path.split("/")


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
    return sorted(found, key=_by_path)


def _read(output: Path, relative: str) -> tuple[str, ...]:
    text = (output / relative).read_text(encoding="utf-8", errors="replace")
    return tuple(dict.fromkeys(_LINK.findall(text)))


def page_links(output: Path, pages: PageLinks) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each standard page and its link targets (first occurrence order), reading only the pages that changed
    since ``pages`` was made; ``pages`` is then replaced by this reading."""

    def version(relative: str) -> tuple[int, int, int]:
        stat = (output / relative).stat()
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    return _links(output, ((relative, version(relative)) for relative in standard_pages(output)), pages)


def published_links(output: Path, published: dict[str, str], pages: PageLinks) -> Iterator[tuple[str, tuple[str, ...]]]:
    """:func:`page_links` for a folder whose files and their digests ``published`` lists (relative path ->
    content digest, as the build's manifest has them): no walk, no stat, and a page is read when its digest
    is not the one ``pages`` holds."""
    listed = [key for key in published if key.endswith(".html") and not key.startswith("elder/")]
    return _links(output, ((relative, published[relative]) for relative in sorted(listed, key=_by_path)), pages)


def _links(
    output: Path, versions: Iterable[tuple[str, tuple[int, int, int] | str]], pages: PageLinks
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The pages' link targets, read again only for a page whose version is not the one ``pages`` holds;
    ``pages`` is then replaced by this reading."""
    kept: PageLinks = {}
    for relative, version in versions:
        previous = pages.get(relative)
        targets = previous[1] if previous is not None and previous[0] == version else _read(output, relative)
        kept[relative] = (version, targets)
        yield relative, targets
    pages.clear()
    pages.update(kept)


def file_test(output: Path, published: dict[str, str] | None) -> Callable[[str], bool]:
    """Whether a link target (a site-absolute path) is a file of the site, or a folder with an index.html.

    With the manifest, the target is looked up in it as pathlib would name it (empty and ``.`` segments
    dropped, so ``/a.html/`` is the file ``a.html``); one with a ``..`` segment, which the file system
    resolves through folders, is asked of the file system as without a manifest."""

    def on_disk(target: str) -> bool:
        path = output / target.lstrip("/")
        return path.is_file() or (path / "index.html").is_file()

    if published is None:
        return on_disk

    def listed(target: str) -> bool:
        segments = [part for part in target.split("/") if part not in ("", ".")]
        if ".." in segments:
            return on_disk(target)
        relative = "/".join(segments)
        return relative in published or (relative + "/index.html" if relative else "index.html") in published

    return listed


def _plain_targets(published: dict[str, str]) -> set[str]:
    """The targets that name a published file plainly: ``/a/b.html``, and ``/a/`` and ``/a`` for ``a/index.html``
    (each one :func:`file_test` finds)."""
    names = {"/" + key for key in published}
    folders = [key[: -len("index.html")] for key in published if key == "index.html" or key.endswith("/index.html")]
    return names | {"/" + folder for folder in folders} | {"/" + folder.rstrip("/") for folder in folders}


def broken_targets(output: Path, pages: PageLinks, published: dict[str, str] | None) -> dict[str, str]:
    """Each internal link target that is not a file of the site -> the first page (in path order) linking it.

    Set operations over the pages' target tuples, not a Python loop over every link of every page (600,000 at
    10,000 documents): a site links the same few thousand targets from every page."""
    reading = page_links(output, pages) if published is None else published_links(output, published, pages)
    linked = list(reading)
    exists = file_test(output, published)
    every: set[str] = set().union(*(targets for _, targets in linked))
    if published is not None:  # the plain names of published files exist: only the rest is tested one by one
        every -= _plain_targets(published)
    missing = {target for target in every if not target.startswith("//") and not exists(target)}
    broken: dict[str, str] = {}
    for relative, targets in linked:
        if len(broken) == len(missing):  # every missing target has its first page
            break
        for target in missing.intersection(targets):
            broken.setdefault(target, "/" + relative.removesuffix("index.html"))
    return broken
