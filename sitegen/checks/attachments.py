"""去标识化 for attachments: every file a public document publishes is read and checked like its text.

The detectors are those of :mod:`sitegen.rules.privacy` (resident ID, mobile, bank card), applied to
each located piece of text :mod:`sitegen.load.attachtext` reads (sheet and cell, page, paragraph). A
finding is an error naming the file, the place inside it and the masked number; an editor may allow
one value in one named attachment (``allow_personal_data: [{value, reason, attachment}]``). A file
that cannot be read completely (encrypted, corrupt, an archive, beyond the size or time limit, an
old binary Office format) is an error too: unchecked is not safe. Properties naming a person and a
PDF without a text layer are warnings.

Results are remembered per file state for the life of the process (``sitegen serve`` rebuilds often),
holding the masked number and a digest of the digits, never the number itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from sitegen.checks.privacy import might_hold, normalise, scan_text
from sitegen.checks.svgsafe import check_svg
from sitegen.diagnostics.codes import (
    SG400,
    SG400_MORE,
    SG401,
    SG402,
    SG403,
    SG404,
    SG405,
    SG406,
    SG407,
    SG407_SLOW,
    SG408,
    SG409,
    SG410,
    SG411,
    SG411_NOT_ATTACHED,
)
from sitegen.diagnostics.core import Diagnostics
from sitegen.diagnostics.registry import Code, Message
from sitegen.load.attachbase import IMAGES, Unreadable
from sitegen.load.attachtext import read_attachment
from sitegen.model.config import SiteConfig
from sitegen.model.records import Document
from sitegen.model.site import SiteModel
from sitegen.store.cache import CACHE_DIR

MAX_REPORTED = 20  # findings reported one by one per file; the rest are counted

CODES = {"id": SG400, "mobile": SG401, "card": SG402}
UNREADABLE: dict[str, Code | Message] = {
    "encrypted": SG405,
    "corrupt": SG404,
    "archive": SG406,
    "too_large": SG407,
    "too_slow": SG407_SLOW,
    "unsupported": SG409,
}


@dataclass(frozen=True)
class Hit:
    kind: str
    digest: str  # of the normalised digits: enough to match an allowance, useless to a reader of memory
    masked: str
    where_zh: str
    where_en: str


@dataclass(frozen=True)
class FileScan:
    hits: tuple[Hit, ...] = ()
    people: tuple[tuple[str, str, str], ...] = ()
    problem: str | None = None
    detail: str = ""
    text_layer: bool = True


_memo: dict[tuple, FileScan] = {}
SCANS_DIR = "attachment-scans"  # inside the build cache folder: one JSON record per file content


def digest(digits: str) -> str:
    return hashlib.sha256(digits.encode()).hexdigest()


@functools.lru_cache(maxsize=1)
def _reader_version() -> str:
    """The code that makes a scan: a record made by other code is never used."""
    from sitegen.checks import privacy
    from sitegen.load import attachbase, attachsheets, attachtext

    hasher = hashlib.sha256()
    for module in (privacy, attachbase, attachsheets, attachtext, sys.modules[__name__]):
        hasher.update(Path(str(module.__file__)).read_bytes())
    return hasher.hexdigest()[:16]


def scan_file(path: Path, today: dt.date, seconds: float | None = None, store: Path | None = None) -> FileScan:
    """What is inside ``path``: remembered in memory while the file keeps its size and modification time, and
    in ``store`` (the build cache) by content, so that a build reads only new or changed attachments."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, today, seconds)
    if key not in _memo:
        _memo[key] = _stored_scan(path, today, seconds, store) if store is not None else _scan(path, today, seconds)
    return _memo[key]


def _stored_scan(path: Path, today: dt.date, seconds: float | None, store: Path) -> FileScan:
    try:
        content = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return _scan(path, today, seconds)
    record = store / SCANS_DIR / f"{content}-{today.isoformat()}-{_reader_version()}.json"
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        return FileScan(
            tuple(Hit(**hit) for hit in data["hits"]),
            tuple(tuple(p) for p in data["people"]),
            data["problem"],
            data["detail"],
            data["text_layer"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no record, or one that cannot be read: scan again
    scan = _scan(path, today, seconds)
    if scan.problem != "too_slow":  # a slow read may finish on a quieter machine
        try:  # holds masked numbers and digests only, never a number itself
            record.parent.mkdir(parents=True, exist_ok=True)
            partial = record.with_suffix(".tmp")
            partial.write_text(json.dumps(dataclasses.asdict(scan), ensure_ascii=False), encoding="utf-8")
            partial.replace(record)
        except OSError:
            pass  # a cache only saves work
    return scan


def _scan(path: Path, today: dt.date, seconds: float | None) -> FileScan:
    try:
        contents = read_attachment(path, seconds, keep=might_hold)
    except Unreadable as exc:
        return FileScan(problem=exc.reason, detail=exc.detail)
    except OSError as exc:
        return FileScan(problem="corrupt", detail=exc.strerror or str(exc))
    hits: list[Hit] = []
    for segment in contents.segments:
        several = "\n" in segment.text.strip()
        for finding in scan_text(segment.text, today):
            zh, en = segment.where_zh, segment.where_en
            if several:
                zh, en = f"{zh}第{finding.line}行", f"{en}, line {finding.line}"
            hits.append(Hit(finding.kind, digest(finding.digits), finding.masked, zh, en))
    return FileScan(tuple(dict.fromkeys(hits)), tuple(dict.fromkeys(contents.people)), text_layer=contents.text_layer)


def phone_digests(config: SiteConfig) -> set[str]:
    return {digest(normalise(p)) for p in config.public_phones}


def check_linked(doc: Document, path: Path, config: SiteConfig, diags: Diagnostics, today: dt.date) -> None:
    """A file linked from a document's text is published like an attachment: check it alike (an SVG image: svgsafe)."""
    if path.suffix.lower() == ".svg":
        check_svg(doc, path, diags)
    elif path.suffix.lower() not in IMAGES:
        check_file(doc, path, path.name, phone_digests(config), diags, today, config.root / CACHE_DIR)


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    public_phones = phone_digests(model.config)
    for doc in model.documents():
        if doc.disclosure == "public":  # as for the text: others never reach the site
            for attachment in getattr(doc, "attachments", []):
                check_file(
                    doc, attachment.source, attachment.name, public_phones, diags, today, model.config.root / CACHE_DIR
                )
            _unknown_allowances(doc, diags)


def check_file(
    doc: Document,
    path: Path,
    name: str,
    public_phones: set[str],
    diags: Diagnostics,
    today: dt.date,
    store: Path | None = None,
) -> None:
    """Report what ``path``, published by ``doc`` under ``name``, must not publish (``store``: see scan_file)."""
    published_by = diags.rel(doc.source)
    if path.suffix.lower() in IMAGES:
        diags.report(SG410, path, name=name, published_by=published_by)
        return
    scan = scan_file(path, today, store=store)
    if scan.problem is not None:
        diags.report(UNREADABLE[scan.problem], path, name=name, published_by=published_by, detail=scan.detail[:120])
        return
    allowed = {digest(normalise(a.value)): a for a in doc.allow_personal_data if a.attachment == name}
    used: set[str] = set()
    reported = 0
    for hit in scan.hits:
        if hit.digest in allowed:
            used.add(hit.digest)
            continue
        if hit.digest in public_phones:
            continue
        reported += 1
        if reported <= MAX_REPORTED:
            _report(diags, path, name, published_by, hit)
    if reported > MAX_REPORTED:
        diags.report(SG400_MORE, path, name=name, more=reported - MAX_REPORTED)
    for key, allowance in sorted(allowed.items()):
        if key not in used:
            diags.report(SG411, doc.source, line=doc.line_of("allow_personal_data"), name=name, value=allowance.value)
    for field_zh, field_en, person in scan.people:
        diags.report(SG403, path, name=name, field_zh=field_zh, person=person, field_en=field_en)
    if not scan.text_layer:
        diags.report(SG408, path, name=name)


def _report(diags: Diagnostics, path: Path, name: str, published_by: str, hit: Hit) -> None:
    diags.report(CODES[hit.kind], path, name=name, published_by=published_by, hit=hit)


def _unknown_allowances(doc: Document, diags: Diagnostics) -> None:
    names = {a.name for a in getattr(doc, "attachments", [])}
    for allowance in doc.allow_personal_data:
        if allowance.attachment is not None and allowance.attachment not in names:
            diags.report(
                SG411_NOT_ATTACHED, doc.source, line=doc.line_of("allow_personal_data"), name=allowance.attachment
            )
