"""The common ground of the attachment readers: limits, located text, and opening ZIP containers safely.

A hostile file must not cost unbounded time or memory: ZIP-based formats are opened only when
every member is below a size limit and a compression ratio (zip bomb), Python's zipfile never
inflates a member past its declared size, and every reader stops at a cell, page and time budget.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

MAX_FILE_BYTES = 100 * 1024 * 1024  # on disk
MAX_XML_PART = 64 * 1024 * 1024  # one XML part parsed into a tree (Word, comments, shared strings)
MAX_STREAMED_PART = 1024 * 1024 * 1024  # one worksheet, streamed
MAX_RATIO = 200  # uncompressed / compressed, for members over 1 MB: beyond is a zip bomb, not a document
MAX_MEMBERS = 10_000
MAX_CELLS = 20_000_000
MAX_PAGES = 5_000
SECONDS = 120.0  # per attachment; tests lower it
TEXT_SUFFIXES = {".txt", ".csv"}
READABLE = {".docx", ".xlsx", ".pdf", ".txt", ".csv", ".ofd", ".pptx"}
ARCHIVES = {".zip", ".rar", ".7z", ".tar", ".gz", ".tgz"}
IMAGES = {".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp"}

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


class Unreadable(Exception):
    """The file could not be read completely; ``reason`` is one of encrypted, corrupt, archive, too_large,
    too_slow, unsupported."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Segment:
    where_zh: str
    where_en: str
    text: str


@dataclass
class Contents:
    segments: list[Segment] = field(default_factory=list)
    people: list[tuple[str, str, str]] = field(default_factory=list)  # (property zh, property en, value)
    text_layer: bool = True  # False: a PDF/OFD whose pages carry no text (a scan)
    keep: Callable[[str], bool] = lambda text: True  # which text to keep: a list of every cell would not fit

    def add(self, where_zh: str, where_en: str, text: str) -> None:
        if self.keep(text):
            self.segments.append(Segment(where_zh, where_en, text))


class Budget:
    """Time and volume limits for reading one file."""

    def __init__(self, seconds: float | None = None):
        self.deadline = time.monotonic() + (SECONDS if seconds is None else seconds)
        self.cells = 0

    def tick(self, cells: int = 1) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise Unreadable("too_large", f"more than {MAX_CELLS} cells or paragraphs")
        if self.cells % 1024 == 0 and time.monotonic() > self.deadline:
            raise Unreadable("too_slow", "reading took longer than the time limit")

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise Unreadable("too_slow", "reading took longer than the time limit")


# ---- ZIP containers (OOXML, OFD) ----


def open_zip(data: bytes, streamed: tuple[str, ...] = ()) -> zipfile.ZipFile:
    """The archive, after refusing encrypted members, zip bombs and oversized parts."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: how Office stores password-protected files
        raise Unreadable("encrypted", "an OLE2 container (a password-protected or old binary Office file)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise Unreadable("corrupt", str(exc)) from exc
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise Unreadable("too_large", f"{len(members)} parts")
    for info in members:
        if info.flag_bits & 0x1:
            raise Unreadable("encrypted", info.filename)
        limit = MAX_STREAMED_PART if info.filename.startswith(streamed) else MAX_XML_PART
        if info.file_size > limit:
            raise Unreadable("too_large", f"{info.filename}: {info.file_size} bytes unpacked")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Unreadable("too_large", f"{info.filename}: compression ratio over {MAX_RATIO} (zip bomb)")
    return archive


def xml_part(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name), _PARSER)


NOT_PEOPLE = {
    "python-docx",
    "openpyxl",
    "administrator",
    "admin",
    "user",
    "microsoft office user",
    "windows 用户",
    "微软用户",
    "unknown",
    "author",
    "apache poi",
    "wps",
    "wps office",
    "",
}


def package_people(archive: zipfile.ZipFile, contents: Contents) -> None:
    """Author and last modifier from docProps/core.xml (Office Open XML core properties), and the text of
    every property (package_properties)."""
    package_properties(archive, contents)
    if "docProps/core.xml" not in archive.namelist():
        return
    root = xml_part(archive, "docProps/core.xml")
    core_people(
        contents,
        root.findtext("{http://purl.org/dc/elements/1.1/}creator"),
        root.findtext("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy"),
    )


def package_properties(archive: zipfile.ZipFile, contents: Contents) -> None:
    """Every text of the document properties (title, subject, keywords, comments, company, custom ones):
    Office shows them in its properties dialog, so they are published with the file."""
    for name in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"):
        if name in archive.namelist():
            texts = [node.text.strip() for node in xml_part(archive, name).iter() if node.text and node.text.strip()]
            contents.add(f"文档属性（{name}）", f"document properties ({name})", "\n".join(texts))


def core_people(contents: Contents, author: str | None, modified_by: str | None) -> None:
    if author and author.strip().lower() not in NOT_PEOPLE:
        contents.people.append(("作者", "author", author.strip()))
    if modified_by and modified_by.strip().lower() not in NOT_PEOPLE:
        contents.people.append(("最后修改者", "last modified by", modified_by.strip()))
