"""Markdown bodies to safe HTML: convert, check every URL, sanitise, then resolve internal links.

The function :func:`render_body` is pure (its inputs are picklable and it touches no files), so a
process pool can run it for many documents at once.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode

from sitegen.diagnostics.codes import SG070, SG071, SG072, SG073, SG074, SG075, SG076, SG081, SG082
from sitegen.diagnostics.core import Diagnostic, Diagnostics
from sitegen.diagnostics.registry import Phrase, close_hint
from sitegen.model.urls import SAFE_SCHEMES, disallowed_scheme, is_other_origin, scheme

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
}
# Removed with everything inside them, not just unwrapped.
DROP_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "template",
    "noscript",
    "svg",
    "math",
    "textarea",
    "select",
    "button",
}

_HEADING_ONE = re.compile(r"^#(?!#)\s|^<h1[\s>]", re.MULTILINE)


@dataclass(frozen=True)
class LinkTarget:
    url: str
    public: bool
    title: str
    failed: bool = False  # the document failed to load: its own error says why, a link to it is not another


@dataclass
class RenderedBody:
    html: str
    assets: list[tuple[str, str]] = field(default_factory=list)  # (source file, output name)
    site_links: list[tuple[str, int | None]] = field(default_factory=list)  # "/path/#frag" to check later
    diagnostics: list[Diagnostic] = field(default_factory=list)
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, text)

    @property
    def ids(self) -> set[str]:
        """The element ids in the body: what a link's #fragment may point to."""
        return {html.unescape(found) for found in re.findall(r'\bid="([^"]+)"', self.html)}


class _UrlCollector(HTMLParser):
    """Collects every URL-bearing attribute, unescaped, before sanitising (so nothing hides in entities)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.images_without_alt: list[str] = []
        self.unsafe: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in DROP_WITH_CONTENT:
            self.unsafe.append(f"<{tag}>")
        # Style attributes go too: pasted from Word they carry fixed fonts and colours, and
        # display:none could hide text from readers while search and the review still see it.
        self.unsafe.extend(f"{tag} {name}=" for name in values if name.startswith("on") or name == "style")
        for name in ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "background"):
            if values.get(name) is not None:
                self.urls.append((tag, name, values[name] or ""))
        if tag == "img" and not (values.get("alt") or "").strip():
            self.images_without_alt.append(values.get("src") or "")


# What Python-Markdown itself writes (and nothing an author could add as raw HTML): tags whose
# attributes are all quoted, without '<', '>' or '"' inside (Markdown escapes those). A body made
# of these tags only has no raw HTML, so its URLs are those of its links and images, read here
# with one expression instead of a pure-Python HTMLParser pass (a seventh of converting a body).
# Any other tag, a comment or a stray '<' sends the body to _UrlCollector, as before. One
# expression, so that every '<' either starts one of these tags or is left over: two passes could
# join the leftovers of one tag into another (``<p<a href="x">>``).
_MD_TAG = re.compile(
    r'<a(?: (?:id|class)="[^"<>]*")* href="([^"<>]*)"(?: title="[^"<>]*")?>'
    r'|<img alt="([^"<>]*)" src="([^"<>]*)"(?: title="[^"<>]*")?>'
    r"|</?(?:p|h[1-6]|ul|ol|li|table|thead|tbody|tfoot|tr|th|td|em|strong|code|pre|blockquote|hr|br|sup|sub|div|"
    r'dl|dt|dd|abbr|span|a)(?: (?:id|class|align|title|start|colspan|rowspan)="[^"<>]*")*>'
)


def _markdown_urls(raw_html: str) -> _UrlCollector | None:
    """What :class:`_UrlCollector` would find in ``raw_html`` when every tag is one Python-Markdown
    writes itself; None when the body has anything else (raw HTML), which the collector then parses."""
    if "<" in _MD_TAG.sub("", raw_html):
        return None
    found = _UrlCollector()
    for match in _MD_TAG.finditer(raw_html):
        href, alt, src = match.groups()
        if href is not None:
            found.urls.append(("a", "href", html.unescape(href)))
        elif src is not None:
            found.urls.append(("img", "src", html.unescape(src)))
            if not html.unescape(alt).strip():
                found.images_without_alt.append(html.unescape(src))
    return found


_md_instances: dict[int, markdown.Markdown] = {}


def _converter(baselevel: int) -> markdown.Markdown:
    if baselevel not in _md_instances:
        _md_instances[baselevel] = markdown.Markdown(
            extensions=["tables", "toc", "fenced_code", "sane_lists", "footnotes", "abbr"],
            # Column alignment as align= (turned into a class below): a style attribute would be
            # removed by the sanitiser and blocked by the CSP.
            extension_configs={
                "toc": {"slugify": slugify_unicode, "baselevel": baselevel, "toc_depth": "2-4"},
                "tables": {"use_align_attribute": True},
            },
            output_format="html",
        )
    return _md_instances[baselevel]


def _line_of(needle: str, body: str, body_line: int) -> int | None:
    """The source line of a value found in the converted HTML, also when the source spells it with
    character references (``&#106;avascript:``) or breaks it over lines."""
    needle = needle.lower().split("\n")[0]
    for offset, text in enumerate(body.lower().split("\n")):
        if needle in text or html.escape(needle) in text or needle in html.unescape(text):
            return body_line + offset
    return None


def sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values={cell: {"align": {"left", "center", "right"}} for cell in ("td", "th")},
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


_CELL_ALIGN = re.compile(r'(<t[dh]\b[^>]*?) align="(left|center|right)"')
_ATTR_URL = re.compile(r'(<(a|img)\s[^>]*?\b(href|src)=")([^"]*)(")')
_TABLE_OPEN = re.compile(r"<table>(\s*<caption>(.*?)</caption>)?", re.DOTALL)
_HEADING = re.compile(r'<h([2-6]) id="([^"]+)">(.*?)</h\1>', re.DOTALL)


def render_body(
    body: str,
    body_line: int,
    source: str,
    content_root: str,
    links: dict[str, LinkTarget],
    root: str,
) -> RenderedBody:
    """Render one document's Markdown; ``links`` maps source paths of documents to their pages."""
    diags = Diagnostics(Path(root))
    baselevel = 2 if _HEADING_ONE.search(body) else 1
    converter = _converter(baselevel)
    converter.reset()
    try:
        raw_html = converter.convert(body)
    except RecursionError:  # Python-Markdown recurses once per nesting level of lists and quotes
        del _md_instances[baselevel]  # the aborted run leaves the instance in a broken state
        diags.report(SG081, source, line=body_line)
        return RenderedBody(html="", diagnostics=diags.items)

    collector = _markdown_urls(raw_html)
    if collector is None:
        collector = _UrlCollector()
        collector.feed(raw_html)
        collector.close()
    for tag, attr, url in collector.urls:
        if disallowed_scheme(url) or (tag, attr) not in (("a", "href"), ("img", "src")):
            diags.report(SG070, source, line=_line_of(url[:40], body, body_line), tag=tag, attr=attr, url=url[:80])
        elif tag == "img" and is_other_origin(url):
            diags.report(SG082, source, line=_line_of(url[:40], body, body_line), url=url[:80])
    if collector.unsafe:
        found = "、".join(sorted(set(collector.unsafe))[:5])
        diags.report(
            SG076, source, line=_line_of(collector.unsafe[0].split(" ")[-1].rstrip(">"), body, body_line), found=found
        )
    for src in collector.images_without_alt:
        diags.report(SG071, source, line=_line_of(src, body, body_line), src=src)

    clean = _CELL_ALIGN.sub(r'\1 class="align-\2"', sanitise(raw_html))
    result = RenderedBody(html="")
    source_dir = posixpath.dirname(source)

    def rewrite(match: re.Match) -> str:
        prefix, tag, attr, url, suffix = match.groups()
        new = _resolve(html.unescape(url), tag, source_dir, content_root, links, body, body_line, source, diags, result)
        return f"{prefix}{html.escape(new, quote=True)}{suffix}"

    clean = _ATTR_URL.sub(rewrite, clean)
    ids = set(re.findall(r'\bid="([^"]+)"', clean))
    for href, line in list(result.site_links):
        if href.startswith("#") and href[1:] and html.unescape(href[1:]) not in ids:
            diags.report(SG072, source, line=line, href=href)
    result.site_links = [(h, line) for h, line in result.site_links if not h.startswith("#")]
    result.headings = [(int(level), hid, re.sub(r"<[^>]+>", "", text)) for level, hid, text in _HEADING.findall(clean)]
    result.html = _wrap_tables(clean)
    result.diagnostics = diags.items
    return result


def _resolve(
    url: str,
    tag: str,
    source_dir: str,
    content_root: str,
    links: dict[str, LinkTarget],
    body: str,
    body_line: int,
    source: str,
    diags: Diagnostics,
    result: RenderedBody,
) -> str:
    line = _line_of(url.split("#")[0] or url, body, body_line)
    if not url or scheme(url) is not None or is_other_origin(url):
        return url
    if url.startswith("#") or url.startswith("/"):
        result.site_links.append((url, line))
        return url
    path, _, fragment = url.partition("#")
    path = path.split("?")[0]
    target = posixpath.normpath(posixpath.join(source_dir, path))
    if not target.startswith(content_root.rstrip("/") + "/"):
        diags.report(SG073, source, line=line, url=url)
        return "#"
    if target.endswith(".md"):
        found = links.get(target)
        if found is not None and found.failed:
            return "#"
        if found is None:
            diags.report(SG074, source, line=line, url=url, hint=_document_hint(target, source_dir, links))
            return "#"
        if not found.public:
            diags.report(SG075, source, line=line, url=url)
            return "#"
        if fragment:  # the anchor lives on another page: checked once every page is known
            result.site_links.append((f"{found.url}#{fragment}", line))
        return found.url + (f"#{fragment}" if fragment else "")
    name = posixpath.basename(target)
    result.assets.append((target, name))
    return name + (f"#{fragment}" if fragment else "")


def _document_hint(target: str, source_dir: str, links: dict[str, LinkTarget]) -> Phrase:
    """The document the author probably meant, as a link from ``source_dir``: the same file name in
    another folder, or the closest path."""
    written = posixpath.relpath(target, source_dir)
    options = {posixpath.relpath(path, source_dir): path for path, found in links.items() if not found.failed}
    same_name = sorted(rel for rel, path in options.items() if posixpath.basename(path) == posixpath.basename(target))
    return close_hint(written, same_name or options, cutoff=0.0 if same_name else 0.6)


def _wrap_tables(fragment: str) -> str:
    """Put each table in a focusable, labelled scroll region so that pages reflow at 320 px."""
    count = 0

    def open_region(match: re.Match) -> str:
        nonlocal count
        count += 1
        caption = re.sub(r"<[^>]+>", "", match.group(2) or "") or f"表格{count}"
        label = html.escape(html.unescape(caption), quote=True)
        return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">{match.group(0)}'

    fragment = _TABLE_OPEN.sub(open_region, fragment)
    return fragment.replace("</table>", "</table></div>")
