"""The nginx configuration of the published site, written beside (never inside) the output folder.

``sitegen build --output DIR`` writes ``DIR.nginx.conf`` (for the default ``_site``: ``_site.nginx.conf``
in the project folder), so the web server's settings never become a public file of the site. The
file holds a ``map`` and a ``server`` block and is meant to be included in nginx's ``http { }``
block (Debian: copy it to /etc/nginx/conf.d/). It sends the Content-Security-Policy as an HTTP
header (a ``<meta>`` policy would not govern Pagefind's worker), lets browsers keep content-hashed
files for a year and revalidate everything else, and serves the build's precompressed ``.gz`` files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.model.config_values import UNQUOTABLE_ROOT, usable_root

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "worker-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# Files whose names change with their content: theme assets, Pagefind's index chunks, the query data. Everything
# else (pages, pagefind.js, pagefind-entry.json, the wasm bundle, attachments) keeps its name across
# builds and must be revalidated, or a browser would mix an old entry file with new index chunks.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HASHED_PATHS = (
    r"^/assets/",
    r"^/pagefind/.+\.pf_(meta|fragment|index|filter)$",
    # The search page's query data and pinyin table parts (sitegen/search/querydata.py, readings.py).
    r"^/search/(query-data|query-terms|pinyin-chars|py/[a-z]+)\.[0-9a-f]+\.json$",
    # The parts of the per-page rows, in a folder named by their content (sitegen/search/docrows.py).
    r"^/search/docs\.[0-9a-f]+/t?[0-9]+\.json$",
)

# The Pagefind bundle's own types: its index chunks and wasm are gzip streams the script unpacks
# itself, so they must not be labelled (or compressed again) as anything else.
PAGEFIND_TYPES = {
    "text/javascript": "js mjs",
    "text/css": "css",
    "application/json": "json",
    "application/wasm": "wasm",
    "application/octet-stream": "pagefind pf_meta pf_fragment pf_index pf_filter",
}
GZIP_TYPES = (
    "text/css text/plain text/xml text/javascript application/javascript application/json "
    "application/xml application/rss+xml application/atom+xml image/svg+xml application/wasm"
)

PLACEHOLDER_ROOT = "/srv/www/please-set-deploy_root"


def server_name_of(base_url: str) -> str:
    """The host of the site's base URL in the ASCII form nginx compares, or ``_`` (any host)."""
    try:
        host = (urlsplit(base_url).hostname or "").encode("idna").decode("ascii")
    except (UnicodeError, ValueError):
        return "_"
    return host if re.fullmatch(r"[a-z0-9.-]+", host) else "_"


def _quoted(path: str) -> str:
    """A URL path as a quoted nginx string; aliases were checked (sitegen.urls.alias_problem) to need no escaping."""
    if UNQUOTABLE_ROOT.search(path):
        raise ValueError(f"path cannot be written into an nginx configuration: {path!r}")
    return f'"{path}"'


def redirect_rules(moves: list[tuple[str, str]], gone: list[str]) -> str:
    """301 for each alias (with and without its trailing slash), 410 for each withdrawn page and what was under it."""
    lines: list[str] = []
    if moves:
        lines.append("    # aliases: old URLs redirect permanently to the document's page.")
    for old, new in moves:
        variants = [old, old.rstrip("/"), old + "index.html"] if old.endswith("/") and old != "/" else [old]
        for variant in variants:
            lines.append(f"    location = {_quoted(variant)} {{ return 301 {_quoted(new)}; }}")
    if gone:
        lines.append("    # Withdrawn documents (撤回): 410 Gone with a notice that names nothing of the document.")
        lines.append("    error_page 410 /410.html;")
    for url in gone:
        lines.append(f"    location ^~ {_quoted(url)} {{ return 410; }}")
        if url.endswith("/"):
            lines.append(f"    location = {_quoted(url.rstrip('/'))} {{ return 410; }}")
    return "".join(line + "\n" for line in lines) + ("\n" if lines else "")


HSTS = "max-age=31536000"


def server_block(
    root: str,
    server_name: str,
    listen: str = "80",
    moves: list[tuple[str, str]] | None = None,
    gone: list[str] | None = None,
    tls: tuple[str, str] | None = None,
    https_listen: str = "443",
) -> str:
    """The configuration text: a ``map`` for Cache-Control and one ``server`` block.

    With ``tls`` (certificate, key) the site is served on ``https_listen`` with HSTS, and ``listen`` only
    redirects plain HTTP to HTTPS.
    """
    if not usable_root(root):
        raise ValueError(f"root cannot be written into an nginx configuration: {root!r}")
    rules = redirect_rules(moves or [], gone or [])
    plain = ""
    if tls is not None:
        certificate, key = (_quoted(path) for path in tls)
        plain = f"""# Plain HTTP only redirects: every page is served over HTTPS (base_url is https).
server {{
    listen {listen};
    server_name {server_name};
    server_tokens off;
    return 301 https://$host$request_uri;
}}

"""
        listen = f"""{https_listen} ssl;
    ssl_certificate {certificate};
    ssl_certificate_key {key};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:sitegen_ssl:1m;
    ssl_session_timeout 1d"""
    cache_var = "$sitegen_cache_" + re.sub(r"[^a-z0-9]", "_", server_name.lower())
    sent = {**SECURITY_HEADERS, **({"Strict-Transport-Security": HSTS} if tls is not None else {})}
    headers = "".join(f'    add_header {name} "{value}" always;\n' for name, value in sent.items())
    hashed = "".join(f'    ~{pattern:<54} "{IMMUTABLE}";\n' for pattern in HASHED_PATHS)
    types = "".join(f"            {mime:<25} {extensions};\n" for mime, extensions in PAGEFIND_TYPES.items())
    return f"""# nginx configuration for {server_name}, written by `sitegen build`.
# Include it inside the http {{ }} block after `include mime.types;` (Debian: copy it to
# /etc/nginx/conf.d/). `root` is the published folder: site.yaml `deploy_root`, or else the
# folder this build wrote. When base_url is https, the site is served over HTTPS with the certificate
# named in site.yaml `tls:` and plain HTTP is redirected.

# Content-hashed files may be kept for a year; all other files are revalidated on every use.
map $uri {cache_var} {{
    default                                                 "{REVALIDATE}";
{hashed}}}

{plain}server {{
    listen {listen};
    server_name {server_name};
    root "{root}";
    index index.html;
    error_page 404 /404.html;
    # A folder without a page (static files, the folders above an old address) is not found, not forbidden.
    error_page 403 =404 /404.html;

    server_tokens off;
    # Redirects such as /policies -> /policies/ keep the scheme and host the visitor used.
    absolute_redirect off;
    charset utf-8;
    charset_types text/css text/plain text/xml text/javascript application/javascript application/json image/svg+xml;

    # The build writes a deterministic name.gz beside each text file; gzip covers the rest.
    gzip_static on;
    gzip on;
    gzip_vary on;
    gzip_comp_level 6;
    gzip_min_length 256;
    gzip_types {GZIP_TYPES};

    # Headers are set here only: an add_header inside a location would drop all of these.
{headers}    add_header Cache-Control {cache_var} always;

{rules}    location / {{
    }}

    # Every level of an address leads somewhere (sitegen writes a page for each level of the site's own
    # pages): the folders of the feeds to the page that lists them, the folders of files to the 404 page.
    location ~ ^/feeds/((topics|agencies)/)?$ {{
        return 302 /data/;
    }}
    location ~ ^/(assets|pagefind|search/py|search/docs\\.[0-9a-f]+)/([a-z]+/)?$ {{
        return 404;
    }}

    location /pagefind/ {{
        types {{
{types}        }}
        default_type application/octet-stream;
    }}
}}
"""


def config_path(output: Path) -> Path:
    """Where the configuration of an output folder goes: beside it, never inside it."""
    output = Path(os.path.abspath(output))
    return output.parent / f"{output.name}.nginx.conf"


def write_server_config(
    output: Path,
    base_url: str,
    deploy_root: str | None,
    moves: list[tuple[str, str]] | None = None,
    gone: list[str] | None = None,
    tls: tuple[str, str] | None = None,
) -> tuple[Path, int | None]:
    """Write the configuration for ``output``; return its path and, if ``root`` is a placeholder, its line.

    The file is replaced atomically, so nginx never reads half of it.
    """
    root = deploy_root or os.path.abspath(output)
    placeholder = not usable_root(root)
    # HTTPS needs the certificate's paths (site.yaml tls:); without them the site is served as before and
    # `sitegen audit` points it out.
    text = server_block(
        PLACEHOLDER_ROOT if placeholder else root,
        server_name_of(base_url),
        moves=moves,
        gone=gone,
        tls=tls if base_url.startswith("https://") else None,
    )
    target = config_path(output)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
    if not placeholder:
        return target, None
    return target, text.count("\n", 0, text.index(f'root "{PLACEHOLDER_ROOT}";')) + 1
