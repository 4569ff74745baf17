"""Which URLs may appear in the site: one policy for Markdown, front matter and the output check.

Browsers ignore ASCII whitespace and control characters in a URL's scheme, treat a backslash as a
slash, and read ``//host`` as "another site, same scheme"; these helpers see URLs the same way, so
that ``java&#x09;script:`` or ``/\\evil.example`` cannot slip past them.
"""

from __future__ import annotations

import re

# Everything else (javascript:, data:, vbscript:, file:, ...) is an error wherever an editor writes it.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def normalise(url: str) -> str:
    """The URL as a browser reads its start: no whitespace or control characters, backslashes as slashes."""
    return _IGNORED.sub("", url).replace("\\", "/")


def scheme(url: str) -> str | None:
    """The lower-case scheme, or None for a relative URL."""
    match = _SCHEME.match(normalise(url).lower())
    return match.group(1) if match else None


def disallowed_scheme(url: str) -> str | None:
    """The scheme when it is not one of SAFE_SCHEMES; None for safe and relative URLs."""
    found = scheme(url)
    return found if found is not None and found not in SAFE_SCHEMES else None


def is_other_origin(url: str) -> bool:
    """True for URLs that leave the site: any scheme except data:, or a scheme-relative ``//host``."""
    found = scheme(url)
    if found is not None:
        return found != "data"
    return normalise(url).startswith("//")


# An old URL path (aliases:) as nginx and a static host will see it: absolute, no query or fragment, no
# characters that would end a quoted nginx string or start a variable, no dot segments.
_ALIAS = re.compile(r"^/[^\s\"'$\\;{}?#<>`]*$")


def alias_problem(path: str) -> str | None:
    """Why ``path`` cannot be an alias (English), or None when it can."""
    if not _ALIAS.match(path) or path.startswith("//"):
        return "it must be a path starting with / without spaces, quotes, $ ; { } ? # < > or backslashes"
    if any(part in (".", "..") for part in path.split("/")):
        return 'it must not contain "." or ".." segments'
    return None


def alias_file(path: str) -> str:
    """The output file of the static redirect page for an alias: a folder's index.html, or the path itself."""
    last = path.rsplit("/", 1)[-1]
    return (
        path.lstrip("/") + "index.html"
        if path.endswith("/")
        else (path.lstrip("/") if "." in last else path.lstrip("/") + "/index.html")
    )
