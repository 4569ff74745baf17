"""The 长辈版 (elder edition): every page once more under /elder/, in large text and the simple layout.

A static site cannot remember a reader's choice without JavaScript: a file server reads no cookies
and no query strings. So the elder edition is its own set of pages, and the choice persists because
every page link inside the copy points into the copy. With JavaScript the same choice is made in place
and remembered in localStorage (themes/default/static/js/mode.js); the two agree because the copy
only adds the classes that mode.js would set.

The copy is written after the search index, so search results never list a page twice, and each copy
keeps the standard page's canonical URL.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from sitegen.output import OutputFolder
from sitegen.pages import PageSpec

PREFIX = "/elder"
CLASSES = "simple text-large"

# A URL attribute, optionally preceded by the theme's marker for links that must leave the copy
# (the 标准版 link back to the standard page).
_URL_ATTRIBUTE = re.compile(r'(\sdata-edition="standard")?(\s(?:href|src|action)=")([^"]*)(")')
_HTML_TAG = re.compile(r"<html\b")
_ELDER_SWITCH = 'data-mode="elder"'


def elder_url(url: str) -> str:
    """The elder edition's address of a page of the standard edition."""
    return PREFIX + url


def _is_page(path: str) -> bool:
    return path.endswith("/") or path.endswith(".html")


def _rewrite(url: str, page_url: str) -> str:
    if not url or url.startswith("#") or url.startswith("//") or urlsplit(url).scheme:
        return url
    # Relative files (images, attachments) live beside the standard page only: make them absolute.
    absolute = url if url.startswith("/") else posixpath.join(posixpath.dirname(page_url) + "/", url)
    path = urlsplit(absolute).path
    if _is_page(path) and not (path + "/").startswith(PREFIX + "/"):
        return elder_url(absolute)
    return absolute


def elder_page(html: str, page_url: str) -> str:
    """The elder edition of one rendered page."""

    def attribute(match: re.Match) -> str:
        marker, opening, url, closing = match.groups()
        if marker:
            return match.group(0)
        return f"{opening}{_rewrite(url, page_url)}{closing}"

    html = _HTML_TAG.sub(f'<html class="{CLASSES}" data-edition="elder"', html, count=1)
    html = html.replace(_ELDER_SWITCH, f'{_ELDER_SWITCH} aria-current="true"', 1)
    return _URL_ATTRIBUTE.sub(attribute, html)


def write_elder_edition(out: OutputFolder, specs: Iterable[PageSpec]) -> None:
    """Copy every page already written to ``out`` into the elder edition."""
    for spec in specs:
        html = (out.stage / spec.output_path).read_text(encoding="utf-8")
        out.write(PREFIX.lstrip("/") + "/" + spec.output_path, elder_page(html, spec.url))
