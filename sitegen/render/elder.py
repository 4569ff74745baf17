"""The 长辈版 (elder edition): every page once more under /elder/, in large text and the simple layout.

A static site cannot remember a reader's choice without JavaScript: a file server reads no cookies
and no query strings. So the elder edition is its own set of pages, and the choice persists because
every page link inside the copy points into the copy. With JavaScript the same choice is made in place
and remembered in localStorage (themes/default/static/js/mode.js); the two agree because the copy
only adds the classes that mode.js would set.

Each copy is written by the worker that renders its standard page, from the same HTML. Search lists
each page once because only the standard edition's pages are indexed, and each copy keeps the
standard page's canonical URL.
"""

from __future__ import annotations

import re

from sitegen.model.urls import normalise, scheme

PREFIX = "/elder"
CLASSES = "simple text-large"

_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')
# The theme marks links that must leave the copy (标准版, back to the standard page) with this,
# written just before the href.
_STANDARD_MARKER = ' data-edition="standard"'
_HTML_TAG = re.compile(r"<html\b")
# A redirect page's meta refresh (aliases) leads into the copy too.
_REFRESH = re.compile(r'(<meta http-equiv="refresh" content="\d+; url=)([^"]*)(")')
_ELDER_SWITCH = 'data-mode="elder"'


def elder_url(url: str) -> str:
    """The elder edition's address of a page of the standard edition."""
    return PREFIX + url


def _is_page(path: str) -> bool:
    return path.endswith("/") or path.endswith(".html")


def _rewrite(url: str, page_url: str) -> str:
    # Read as a browser reads it (sitegen.urls): ``\\x`` is the absolute path /x, so it must not gain a
    # leading slash and become ``/\\x``, another site; a URL the standard page loads from this site
    # stays on this site in the copy, which is what lets the render workers skip checking copies.
    start = normalise(url)
    if not url or start.startswith(("#", "//")) or scheme(url) is not None:
        return url
    # Relative files (images, attachments) live beside the standard page only: make them absolute.
    absolute = url if start.startswith("/") else page_url[: page_url.rfind("/") + 1] + url
    path = absolute.split("#", 1)[0].split("?", 1)[0]
    if _is_page(path) and not (path + "/").startswith(PREFIX + "/"):
        return elder_url(absolute)
    return absolute


def elder_page(html: str, page_url: str) -> str:
    """The elder edition of one rendered page."""

    def attribute(match: re.Match) -> str:
        if match.string.endswith(_STANDARD_MARKER, 0, match.start()):
            return match.group(0)
        opening, url, closing = match.groups()
        return f"{opening}{_rewrite(url, page_url)}{closing}"

    html = _HTML_TAG.sub(f'<html class="{CLASSES}" data-edition="elder"', html, count=1)
    html = html.replace(_ELDER_SWITCH, f'{_ELDER_SWITCH} aria-current="true"', 1)
    html = _REFRESH.sub(lambda m: f"{m.group(1)}{_rewrite(m.group(2), page_url)}{m.group(3)}", html)
    return _URL_ATTRIBUTE.sub(attribute, html)


_PLAIN_PAGE_URL = re.compile(r"/(?:[A-Za-z0-9_.~%\-][A-Za-z0-9_.~%\-/]*)?")
_STARTS_WITH_HTML = re.compile(r"\s*(?:<!doctype[^<>]*>\s*)?<html\b", re.IGNORECASE)


def copy_loads_what_page_loads(html: str, page_url: str) -> bool:
    """True when the copy of ``html`` can load or run nothing that the page itself does not.

    The copy only rewrites URLs that stay on this site (see ``_rewrite``), adds attributes to the
    ``<html>`` element and the elder switch, and inserts only characters of ``page_url``. That holds
    when ``page_url`` is a plain path (no quotes, brackets or ``//``) and ``<html`` is the first tag,
    so that the class is not written into some other markup. Then a page that passes the
    self-contained check (sitegen.selfcontained) has a copy that passes it, and only copies of pages
    with problems need checking.
    """
    return (
        bool(_PLAIN_PAGE_URL.fullmatch(page_url))
        and not page_url.startswith("//")
        and bool(_STARTS_WITH_HTML.match(html))
    )


def elder_path(output_path: str) -> str:
    """The output file of a page's elder edition."""
    return PREFIX.lstrip("/") + "/" + output_path.lstrip("/")
