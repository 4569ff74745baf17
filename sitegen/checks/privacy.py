"""去标识化: no resident ID, mobile or bank card number in anything that is published.

Whole source files are scanned line by line (front matter, body, catalog YAML, site.yaml), so a
match is reported at its own line and column, and attachment and image file names are covered
because they are written in those files. Reports show the number masked: the report itself goes
to CI logs and must not spread what it found.

False alarms must be rare, so each kind is matched narrowly:
- ID numbers: 18 characters with a province code, a real birth date and the ISO 7064 MOD 11-2
  check digit; 15-digit (first-generation) numbers only within a few characters of 身份证.
- Mobile numbers: 11 digits 1[3-9]x, optionally +86 and consistent space or hyphen groups 3-4-4.
- Bank cards: 16 to 19 digits with a card-network prefix and a valid Luhn digit; 18-digit
  unified social credit codes (统一社会信用代码, their own check character) are not cards.
All three must stand alone: a match inside a longer digit run or after a decimal point is not one.
Office numbers in site.yaml ``public_phones`` pass, and an editor may allow one specific value per
document with ``allow_personal_data: [{value, reason}]``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.checks.textfold import fold_line, fold_text
from sitegen.diagnostics.codes import ALLOWANCE, NO_ALLOWANCE, SG150, SG151, SG152, SG153
from sitegen.diagnostics.core import Diagnostics
from sitegen.load.sources import SourceText, read_text
from sitegen.model.records import Allowance, Document
from sitegen.model.site import SiteModel

PROVINCES = {
    11,
    12,
    13,
    14,
    15,
    21,
    22,
    23,
    31,
    32,
    33,
    34,
    35,
    36,
    37,
    41,
    42,
    43,
    44,
    45,
    46,
    50,
    51,
    52,
    53,
    54,
    61,
    62,
    63,
    64,
    65,
    71,
    81,
    82,
    83,
}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# 15-digit numbers are common (old tax numbers, serials); only count them beside these words.
ID_KEYWORDS = ("身份证", "身份号码")
KEYWORD_WINDOW = 30

# Not inside a longer number, nor part of a decimal such as an amount 13812345678.00.
_NOT_AFTER = r"(?<!\d)(?<!\d\.)"
_NOT_BEFORE = r"(?!\d|\.\d)"
_ID18 = re.compile(_NOT_AFTER + r"\d{17}[\dXx](?![\dA-Za-z]|\.\d)", re.ASCII)
# The way people write ID numbers by hand: region, birth date, sequence and check (6-8-4).
_ID18_GROUPED = re.compile(_NOT_AFTER + r"\d{6}([ -])\d{8}\1\d{3}[\dXx](?![\dA-Za-z]|\.\d)", re.ASCII)
_ID15 = re.compile(_NOT_AFTER + r"\d{15}" + _NOT_BEFORE, re.ASCII)
_MOBILE = re.compile(_NOT_AFTER + r"(?:(?:\+|00)86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}" + _NOT_BEFORE, re.ASCII)
_CARD = re.compile(_NOT_AFTER + r"(?:\d{16,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?)" + _NOT_BEFORE, re.ASCII)
_CARD_PREFIX = re.compile(r"^(?:[3-6]|9[45])")
# GB 32100-2015: the character set and weights of the unified social credit code's check character.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@dataclass(frozen=True)
class Finding:
    kind: str  # "id", "mobile" or "card"
    value: str  # as written
    line: int
    column: int

    @property
    def digits(self) -> str:
        return normalise(self.value)

    @property
    def masked(self) -> str:
        return mask(self.digits, 3 if self.kind == "mobile" else 4)


def normalise(value: str) -> str:
    """Digits only (and a final X), without a +86 prefix: the form in which values are compared."""
    digits = re.sub(r"[^0-9]", "", value) + ("X" if value.rstrip()[-1:] in ("X", "x") else "")
    if value.lstrip().startswith(("+86", "0086")):
        digits = digits[2:] if digits.startswith("86") else digits[4:]
    return digits


def mask(digits: str, keep: int) -> str:
    return digits[:keep] + "*" * (len(digits) - keep - 4) + digits[-4:]


def _birth_date(text: str, today: dt.date) -> bool:
    try:
        born = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= today


def is_resident_id(number: str, today: dt.date) -> bool:
    """An 18-character resident ID: province code, real birth date and ISO 7064 MOD 11-2 check."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit() or int(number[:2]) not in PROVINCES:
        return False
    if not _birth_date(number[6:14], today):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=False))
    return _ID_CHECK[total % 11] == number[17]


def is_old_resident_id(number: str, today: dt.date) -> bool:
    """A first-generation 15-digit ID: province code and a real 19YYMMDD birth date."""
    return (
        len(number) == 15
        and number.isdigit()
        and int(number[:2]) in PROVINCES
        and _birth_date("19" + number[6:12], today)
    )


def luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def is_credit_code(code: str) -> bool:
    """A valid 统一社会信用代码 (GB 32100-2015), which an 18-digit card candidate may really be."""
    code = code.upper()
    if len(code) != 18 or any(c not in _USCC_CHARS for c in code):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=False))
    return _USCC_CHARS[(31 - total % 31) % 31] == code[17]


def is_bank_card(digits: str) -> bool:
    return 16 <= len(digits) <= 19 and bool(_CARD_PREFIX.match(digits)) and luhn(digits) and not is_credit_code(digits)


def _scan(text: str, today: dt.date) -> list[tuple[str, re.Match]]:
    """Every personal-data match in ``text`` (one line), without overlaps."""
    taken: list[range] = []
    results: list[tuple[str, re.Match]] = []

    def take(kind: str, match: re.Match) -> None:
        if not any(match.start() < span.stop and span.start < match.end() for span in taken):
            taken.append(range(match.start(), match.end()))
            results.append((kind, match))

    for pattern in (_ID18, _ID18_GROUPED):
        for match in pattern.finditer(text):
            if is_resident_id(normalise(match.group(0)), today):
                take("id", match)
    for match in _ID15.finditer(text):
        window = text[max(0, match.start() - KEYWORD_WINDOW) : match.end() + KEYWORD_WINDOW]
        if is_old_resident_id(match.group(0), today) and any(k in window for k in ID_KEYWORDS):
            take("id", match)
    for match in _MOBILE.finditer(text):
        take("mobile", match)
    for match in _CARD.finditer(text):
        if is_bank_card(normalise(match.group(0))):
            take("card", match)
    return results


def scan_line(text: str, line: int, today: dt.date) -> Iterator[Finding]:
    """Every personal-data match in one line of text as a reader sees it (see textfold), left to right.

    The line is scanned folded (tags removed, then tags kept for their attribute values), with columns
    mapped back to the source, and as written: folding joins digits across marks, which can also hide
    a number that stood alone before. A match overlapping an earlier view's match is the same number.
    """
    results: list[Finding] = []
    spans: list[range] = []
    views = [fold_line(text), fold_line(text, keep_tags=True), (text, list(range(len(text))))]
    for view, columns in views:
        for kind, match in _scan(view, today):
            span = range(columns[match.start()], columns[match.end() - 1] + 1)
            if not any(span.start < taken.stop and taken.start < span.stop for taken in spans):
                spans.append(span)
                results.append(Finding(kind, match.group(0), line, span.start + 1))
    yield from sorted(results, key=lambda f: f.column)


# Every finding contains one of these; lines without any are skipped (most lines of most files).
# Eleven digits, 1 4 4 with separators, or 6 8 with one: the alternatives share their first digit, written once so
# that the engine tries the rest only after a digit (3x faster on Chinese text than three alternatives).
_CANDIDATE = re.compile(r"\d(?:\d{10}|[ -]?\d{4}[ -]\d{4}|\d{5}[ -]\d{8})", re.ASCII)


def might_hold(text: str) -> bool:
    """Whether ``text`` could hold a finding at all: the cheap test before keeping a piece of an attachment."""
    return any(_CANDIDATE.search(fold_text(text, keep_tags)) is not None for keep_tags in (False, True))


def _candidate_lines(text: str) -> list[int]:
    numbers: set[int] = set()
    line, position = 1, 0
    for match in _CANDIDATE.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        numbers.add(line)
    return sorted(numbers)


def scan_text(text: str, today: dt.date, skip: range = range(0)) -> Iterator[Finding]:
    numbers = set(_candidate_lines(text))
    # Without a tag or a link the view keeping them is the same as the first: one pass saved.
    for keep_tags in (False, True) if "<" in text or "](" in text else (False,):
        folded = fold_text(text, keep_tags)  # keeps line breaks, so a candidate's line is the source's
        if folded is not text:
            numbers.update(_candidate_lines(folded))
    if not numbers:
        return
    lines = text.split("\n")
    for line in sorted(numbers):
        if line not in skip:
            yield from scan_line(lines[line - 1], line, today)


@dataclass
class CleanTexts:
    """Texts a scan found nothing in, by a digest of the text, the day and the lines skipped; the engine keeps
    them between builds, so an edit scans the files it changed (7.4 s of a 10,000-document edit otherwise).
    Only digests, never a number: a text with a finding is scanned again each time."""

    known: frozenset[str] = frozenset()
    kept: set[str] = field(default_factory=set)

    @staticmethod
    def _key(digest: str, today: dt.date, skip: range) -> str:
        return f"{today.isoformat()}:{skip.start}:{skip.stop}:{digest}"

    def seen_clean(self, digest: str, today: dt.date, skip: range = range(0)) -> bool:
        """Whether the text with this :attr:`SourceText.digest` was found clean (kept so for the next build).
        A document knows the digest of the text it was parsed from, so a clean one is not even read again."""
        key = self._key(digest, today, skip)
        if not digest or key not in self.known:
            return False
        self.kept.add(key)
        return True

    def scan(self, source: SourceText, today: dt.date, skip: range = range(0)) -> list[Finding]:
        found = [] if self.seen_clean(source.digest, today, skip) else list(scan_text(source.text, today, skip))
        if not found:
            self.kept.add(self._key(source.digest, today, skip))
        return found


KINDS = {"id": SG150, "mobile": SG151, "card": SG152}


def _report(diags: Diagnostics, path: Path, finding: Finding, can_allow: bool) -> None:
    diags.report(
        KINDS[finding.kind],
        path,
        line=finding.line,
        column=finding.column,
        masked=finding.masked,
        allow=ALLOWANCE if can_allow else NO_ALLOWANCE,
    )


def _allowance_lines(doc: Document) -> range:
    """The front-matter lines of the allow_personal_data block: declarations, not published text."""
    start = doc.line_of("allow_personal_data")
    if start is None:
        return range(0)
    later = [line for line in doc.meta_lines.values() if line > start]
    return range(start, min(later) if later else doc.body_line - 1)


def _check_document(
    doc: Document, public_phones: set[str], diags: Diagnostics, today: dt.date, scans: CleanTexts
) -> None:
    skip = _allowance_lines(doc)
    findings: list[Finding] = []
    if not scans.seen_clean(doc.text_digest, today, skip):
        source = read_text(doc.source, Diagnostics())  # loaded before, so readable; its warnings are reported once
        if source is None:
            return
        findings = scans.scan(source, today, skip)
    allowed: dict[str, Allowance] = {normalise(a.value): a for a in doc.allow_personal_data if a.attachment is None}
    used: set[str] = set()
    for finding in findings:
        if finding.digits in allowed:
            used.add(finding.digits)
        elif finding.digits not in public_phones:
            _report(diags, doc.source, finding, can_allow=True)
    for digits, allowance in sorted(allowed.items()):
        if digits not in used:
            diags.report(SG153, doc.source, line=doc.line_of("allow_personal_data"), value=allowance.value)


def check(model: SiteModel, diags: Diagnostics, today: dt.date, scans: CleanTexts | None = None) -> None:
    scans = CleanTexts() if scans is None else scans
    public_phones = {normalise(p) for p in model.config.public_phones}
    for doc in model.documents():
        if doc.disclosure == "public":  # others never reach the site and may hold personal data by law
            _check_document(doc, public_phones, diags, today, scans)
    for path in [model.config.path, *(c.source for c in model.catalogs)]:
        source = read_text(path, Diagnostics())
        if source is None:
            continue
        for finding in scans.scan(source, today):
            if finding.digits not in public_phones:
                _report(diags, path, finding, can_allow=False)
