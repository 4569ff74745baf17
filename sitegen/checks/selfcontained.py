"""The written site loads nothing from another origin and nothing its Content-Security-Policy blocks.

Runs over the staged output after rendering: a theme that pulls a script, style sheet, font, image
or frame from a CDN or a statistics service fails the build (SG180), because a kiosk on an intranet
cannot reach it and a visitor's browser would report to a third party. Inline scripts, style
elements and attributes, event handlers and ``javascript:`` URLs fail it too (SG181): the served CSP
(``script-src 'self'``, ``style-src 'self'``) would silently disable them. Links to other sites
(``<a href>``) load nothing and are fine.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitegen.diagnostics.codes import SG180, SG180_PAGES, SG181, SG181_PAGES
from sitegen.diagnostics.core import Diagnostics
from sitegen.model.urls import is_other_origin, scheme

# Attributes that make the browser fetch something, whatever the element.
_FETCHING = frozenset({"src", "srcset", "poster", "data", "background", "xlink:href"})
# Attributes that navigate or submit rather than fetch: other sites are fine, javascript: is not.
_NAVIGATING = frozenset({"href", "action", "formaction"})
# <link> relations that only name another page; every other relation (stylesheet, icon, preload...) fetches.
_NAVIGATIONAL_RELS = frozenset(
    {
        "alternate",
        "author",
        "bookmark",
        "canonical",
        "external",
        "help",
        "license",
        "me",
        "next",
        "nofollow",
        "noopener",
        "noreferrer",
        "prev",
        "privacy-policy",
        "search",
        "tag",
        "terms-of-service",
    }
)
# Elements whose href is fetched as a resource.
_HREF_FETCHING_TAGS = frozenset({"base", "image", "use", "feimage"})
# Script types that hold data, not code: the browser runs nothing and CSP does not apply.
_DATA_SCRIPTS = frozenset({"application/json", "application/ld+json"})
# data: URLs are allowed for images only (img-src 'self' data:).
_DATA_URL_TAGS = frozenset({"img", "source"})
_DESCRIPTOR = re.compile(r"^\d+(\.\d+)?[wx],?$")

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)|url\(\s*["']?([^"')]+?)["']?\s*\)""", re.I)

EXTERNAL, CSP = SG180.id, SG181.id  # problems cross process boundaries by code


# A small HTML tokenizer: the standard library's HTMLParser took 0.5 s for the demo's 1.7 MB of
# pages, these expressions 0.04 s. Comments end where browsers end them (<!--> and --!> included);
# the content of script and style elements is raw text, never tags.
_VALUE_RUN = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""
_TOKEN = re.compile(
    r"<!--(?:-?>|.*?(?:--!?>|\Z))"
    r"|<(script|style)\b(" + _VALUE_RUN + r")>.*?(?:</\1\s*>|\Z)"
    r"|<([a-zA-Z][^\s/>]*)[\s/](" + _VALUE_RUN + r")>",
    re.DOTALL | re.IGNORECASE,
)
# Most tags (<a href="/policies/...">, <td>, <span class>) cannot load or run anything: skip parsing
# those. Any URL with a scheme has a colon, or an entity that spells one.
_WORTH_PARSING = re.compile(
    r"""[:&]|(?:^|[\s"'/])(?:style|on[a-z]*|src|srcset|poster|data|background|action|formaction)\s*=""", re.I
)
_ALWAYS_PARSED = _HREF_FETCHING_TAGS | {"link"}
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _attributes(text: str) -> list[tuple[str, str]]:
    """Every attribute in order, duplicates kept (a browser uses the first; we check them all)."""
    return [
        (m.group(1).lower(), html.unescape(m.group(2) or m.group(3) or m.group(4) or ""))
        for m in _ATTRIBUTE.finditer(text)
    ]


def _srcset_urls(value: str) -> list[str]:
    return [token.rstrip(",") for token in value.split() if not _DESCRIPTOR.match(token)]


def _href_fetches(tag: str, attributes: list[tuple[str, str]]) -> bool:
    if tag == "link":
        rels = {token for name, value in attributes if name == "rel" for token in value.lower().split()}
        return bool(rels - _NAVIGATIONAL_RELS)
    return tag in _HREF_FETCHING_TAGS


def _resource_problem(tag: str, url: str) -> str | None:
    found = scheme(url)
    if found == "javascript" or found == "data" and tag not in _DATA_URL_TAGS:
        return CSP
    return EXTERNAL if is_other_origin(url) else None


def _tag_problems(tag: str, attributes: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    for name, value in attributes:
        if name == "style" or name.startswith("on"):
            yield CSP, f'<{tag} {name}="{value[:80]}">'
        elif name in _FETCHING or name == "href" and _href_fetches(tag, attributes):
            for url in _srcset_urls(value) if name == "srcset" else [value.strip()]:
                code = _resource_problem(tag, url)
                if code:
                    yield code, f'<{tag} {name}="{url[:80]}">'
        elif name in _NAVIGATING and (scheme(value) == "javascript" or name != "href" and is_other_origin(value)):
            # javascript: never runs under the CSP, and form-action 'self' blocks sending forms elsewhere.
            yield CSP, f'<{tag} {name}="{value[:80]}">'


def _page_problems(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _TOKEN.finditer(text):
        raw_tag, raw_attributes, tag, attribute_text = match.groups()
        if raw_tag is None and tag is None:
            continue  # a comment
        if raw_tag is None and tag.lower() not in _ALWAYS_PARSED and not _WORTH_PARSING.search(attribute_text):
            continue
        tag = (raw_tag or tag).lower()
        attributes = _attributes(raw_attributes if raw_tag else attribute_text)
        problems = list(_tag_problems(tag, attributes))
        if (
            tag == "script"
            and not any(name == "src" for name, _ in attributes)
            and dict(attributes).get("type", "").lower() not in _DATA_SCRIPTS
        ):
            problems.append((CSP, "<script>…</script>"))
        elif tag == "style":
            problems.append((CSP, "<style>…</style>"))
        if problems:
            line = text.count("\n", 0, match.start()) + 1
            yield from ((code, what, line) for code, what in problems)


def _css_problems(text: str) -> Iterator[tuple[str, str, int]]:
    text = _CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for match in _CSS_URL.finditer(text):
        url = match.group(1) or match.group(2)
        if is_other_origin(url):
            yield EXTERNAL, f"url({url[:80]})", text.count("\n", 0, match.start()) + 1


Problem = tuple[str, str, int]  # (code, what, line)


def page_problems(text: str) -> list[Problem]:
    """What one HTML page loads from elsewhere or runs inline (render workers call this on each page)."""
    return list(_page_problems(text))


def file_problems(path: Path) -> list[Problem]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return list(_css_problems(text) if path.suffix == ".css" else _page_problems(text))


def check_self_contained(
    folder: Path,
    shown_as: Path,
    files: Iterable[str],
    diags: Diagnostics,
    found: dict[str, list[Problem]] | None = None,
) -> None:
    """Report what the pages and style sheets among ``files`` (relative to ``folder``) load from elsewhere
    or run inline, with the problems already ``found`` in other files (by the render workers).

    ``shown_as`` is where the folder will be published, so messages name the files an editor will
    find. One problem repeated on many pages (it comes from a template) is reported once, with a count.
    """
    problems = dict(found or {})
    for name in files:
        if name.endswith((".html", ".css")) and name not in problems:
            problems[name] = file_problems(folder / name)
    seen: dict[tuple[str, str], list[tuple[Path, int]]] = {}
    for name in sorted(problems):
        for code, what, line in problems[name]:
            seen.setdefault((code, what), []).append((shown_as / name, line))
    for (code, what), places in seen.items():
        first, line = places[0]
        if code == EXTERNAL:
            message = SG180_PAGES if len(places) > 1 else SG180
        else:
            message = SG181_PAGES if len(places) > 1 else SG181
        diags.report(message, first, line=line, what=what, pages=len(places))
