"""What a reader sees of a line of source, so that a number cannot hide from the personal-data scan.

A page shows 13912345678 whether the source writes it plainly or as ``１３９１２３４５６７８`` (full-width),
``139\u200b1234\u200b5678`` (zero-width spaces), ``&#49;3912345678`` (a character reference),
``139**1234**5678`` (emphasis), ``139<b>1234</b>5678`` (raw HTML), ``139[1234](x)5678`` (a link, or
a footnote mark ``[^1]``) or ``139\\-1234\\-5678`` (escapes);
the search index holds the number in each case. Folding undoes these: other digit forms become
ASCII digits, dash and space variants become ``-`` and `` ``, and invisible characters, Markdown
emphasis and escape marks, HTML tags and character references are removed or decoded. Line breaks
are kept, so line numbers stay; ``fold_line`` also maps every folded character back to its column.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Format characters that render as nothing: soft hyphen, zero-width (non-)joiners and spaces,
# directional marks, word joiner, invisible operators, the byte order mark.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
)
_INVISIBLE_CHAR = re.compile(f"[{_INVISIBLE}]")
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# One hiding token: a character reference, a tag, an invisible character or a Markdown mark.
# The leading lookahead lets the engine skip to a character that can start a token (2x faster than the
# bare alternation on Chinese text).
_HIDING = re.compile(
    rf"(?=[&<\]\[{_INVISIBLE}*_`~\\])(?:"
    r"&#[0-9]{1,7};|&#[xX][0-9a-fA-F]{1,6};|&(?:nbsp|shy|ensp|emsp|thinsp|zwj|zwnj|hyphen|dash|ndash|mdash|minus);"
    rf"|</?[A-Za-z][^<>\n]{{0,200}}>|\]\([^()\n]{{0,200}}\)|\[\^[^\]\n]{{1,40}}\]|[{_INVISIBLE}]|[*_`~\\\[\]])"
)
# The same keeping tags and link destinations: attribute values and link titles are shown too.
_HIDING_IN_TAGS = re.compile(
    _HIDING.pattern.replace(r"|</?[A-Za-z][^<>\n]{0,200}>", "").replace(r"|\]\([^()\n]{0,200}\)", "")
)
_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACE_SET = frozenset("\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B)))
# Characters that _plain changes: digits of other scripts and widths, dash and space variants, Ｘ.
_OTHER = re.compile(rf"(?![0-9])\d|[{_DASHES}{_SPACES}Ｘｘ]")


def _plain(char: str) -> str:
    """One character as the scan should see it: ASCII digit, ``-``, `` `` or itself."""
    if char < "\x80":
        return char
    if char in _DASHES:
        return "-"
    if char in _SPACE_SET:
        return " "
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        return str(digit)
    if char in "Ｘｘ":
        return "X"
    return char


def _token(token: str) -> str:
    """What one hiding token shows: a decoded reference's character, or nothing."""
    if token.startswith("&"):
        shown = _INVISIBLE_CHAR.sub("", html.unescape(token))
        return "".join(_plain(c) for c in shown).replace("\n", " ")
    return ""


def fold_text(text: str, keep_tags: bool = False) -> str:
    """``text`` as a reader sees it, line breaks kept: the fast form for finding candidate lines."""
    hiding = _HIDING_IN_TAGS if keep_tags else _HIDING
    if hiding.search(text) is not None:
        text = hiding.sub(lambda m: _token(m.group(0)), text)
    if text.isascii() or _OTHER.search(text) is None:
        return text
    return _OTHER.sub(lambda m: _plain(m.group(0)), text)


def fold_line(line: str, keep_tags: bool = False) -> tuple[str, list[int]]:
    """One line as a reader sees it, and for each of its characters the 0-based column it came from."""
    chars: list[str] = []
    columns: list[int] = []
    position = 0
    for match in (_HIDING_IN_TAGS if keep_tags else _HIDING).finditer(line):
        for column in range(position, match.start()):
            chars.append(_plain(line[column]))
            columns.append(column)
        for char in _token(match.group(0)):
            chars.append(char)
            columns.append(match.start())
        position = match.end()
    for column in range(position, len(line)):
        chars.append(_plain(line[column]))
        columns.append(column)
    return "".join(chars), columns
