"""Reading the text inside attachments, with where each piece sits, so it can be checked before publication.

Every place a person's number can hide is read: Word body, tables, text boxes, headers, footers,
footnotes, comments and tracked changes (inserted and deleted text); every Excel sheet (hidden and
very hidden ones too), every cell of hidden rows and columns, and cell comments; the text layer of
each PDF page; OFD page text; PowerPoint slides and notes; CSV cells and text lines. Document
properties that name a person (author, last modified by, comment and revision authors) are listed.

A hostile file must not cost unbounded time or memory: ZIP-based formats are opened only when
every member is below a size limit and a compression ratio (zip bomb), Python's zipfile never
inflates a member past its declared size, spreadsheet cells are streamed in constant memory, and every
reader stops at a cell, page and time budget. What cannot be read completely raises ``Unreadable``:
a file that was not checked is not safe to publish.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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


def read_attachment(path: Path, seconds: float | None = None, keep: Callable[[str], bool] | None = None) -> Contents:
    """The text of ``path`` in located segments; raises Unreadable when it cannot be read completely."""
    suffix = path.suffix.lower()
    if suffix in ARCHIVES:
        raise Unreadable("archive", suffix)
    if suffix not in READABLE:
        raise Unreadable("unsupported", suffix)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Unreadable("too_large", f"{size} bytes")
    data = path.read_bytes()
    return read_bytes(data, suffix, Budget(seconds), keep)


def read_bytes(data: bytes, suffix: str, budget: Budget, keep: Callable[[str], bool] | None = None) -> Contents:
    readers = {".docx": _docx, ".xlsx": _xlsx, ".pdf": _pdf, ".txt": _txt, ".csv": _csv, ".ofd": _ofd,
               ".pptx": _pptx}
    try:
        return readers[suffix](data, budget, Contents(keep=keep or (lambda text: True)))
    except Unreadable:
        raise
    except (MemoryError, RecursionError) as exc:
        raise Unreadable("too_large", type(exc).__name__) from exc
    except Exception as exc:  # any failure of a reader on a hostile file means "not checked"
        raise Unreadable("corrupt", f"{type(exc).__name__}: {exc}"[:200]) from exc


# ---- ZIP containers (OOXML, OFD) ----

def _open_zip(data: bytes, streamed: tuple[str, ...] = ()) -> zipfile.ZipFile:
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


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name), _PARSER)


def _inside_own_paragraph(node: etree._Element, paragraph: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None and parent.tag != W + "p":
        parent = parent.getparent()
    return parent is paragraph


# ---- Word ----

WORD_PARTS = (("word/document.xml", "正文", "body"), ("word/header", "页眉", "header"),
              ("word/footer", "页脚", "footer"), ("word/footnotes", "脚注", "footnotes"),
              ("word/endnotes", "尾注", "endnotes"), ("word/comments", "批注", "comments"))


def _docx(data: bytes, budget: Budget, contents: Contents) -> Contents:
    import docx  # python-docx: the package, its parts and core properties

    archive = _open_zip(data)
    document = docx.Document(io.BytesIO(data))
    names = sorted(archive.namelist())
    if "docProps/core.xml" in names:  # without it python-docx reports its own defaults, not the file's
        _core_people(contents, document.core_properties.author, document.core_properties.last_modified_by)
    for prefix, zh, en in WORD_PARTS:
        for name in names:
            if not (name.startswith(prefix) and name.endswith(".xml")) or "/_rels/" in name:
                continue
            label_zh, label_en = (zh, en) if name == "word/document.xml" or prefix == "word/comments" else (
                f"{zh}（{posixpath.basename(name)}）", f"{en} ({posixpath.basename(name)})")
            _word_part(_xml(archive, name), label_zh, label_en, contents, budget)
    for name in names:  # an embedded workbook or document is read as a file of its own
        if name.startswith("word/embeddings/"):
            _embedded(archive, name, contents, budget)
    return contents


def _word_part(root: etree._Element, zh: str, en: str, contents: Contents, budget: Budget) -> None:
    for author in sorted({a for a in root.xpath("//w:ins/@w:author | //w:del/@w:author | //w:comment/@w:author",
                                                 namespaces={"w": W[1:-1]}) if a.strip()}):
        contents.people.append(("修订或批注作者", "revision or comment author", author))
    for number, paragraph in enumerate(root.iter(W + "p"), 1):
        budget.tick()
        shown, deleted = [], []
        for node in paragraph.iter(W + "t", W + "delText", W + "instrText"):
            if node.text and _inside_own_paragraph(node, paragraph):
                (deleted if node.tag == W + "delText" else shown).append(node.text)
        if shown:
            contents.add(f"{zh}第{number}段", f"{en} paragraph {number}", "".join(shown))
        if deleted:
            contents.add(f"{zh}第{number}段（修订中删除的文字）",
                                             f"{en} paragraph {number} (deleted in a tracked change)", "".join(deleted))


def _embedded(archive: zipfile.ZipFile, name: str, contents: Contents, budget: Budget) -> None:
    suffix = posixpath.splitext(name)[1].lower()
    if suffix not in (".docx", ".xlsx", ".pptx"):
        raise Unreadable("unsupported", f"embedded object {name}")
    inner = read_bytes(archive.read(name), suffix, budget, contents.keep)
    label = posixpath.basename(name)
    for seg in inner.segments:
        contents.add(f"嵌入对象 {label} 中的{seg.where_zh}", f"embedded {label}, {seg.where_en}", seg.text)
    contents.people.extend(inner.people)


# Defaults written by software and generic account names: not a person.
NOT_PEOPLE = {"python-docx", "openpyxl", "administrator", "admin", "user", "microsoft office user", "windows 用户",
              "微软用户", "unknown", "author", "apache poi", "wps", "wps office", ""}


def _package_people(archive: zipfile.ZipFile, contents: Contents) -> None:
    """Author and last modifier from docProps/core.xml (Office Open XML core properties)."""
    if "docProps/core.xml" not in archive.namelist():
        return
    root = _xml(archive, "docProps/core.xml")
    _core_people(contents, root.findtext("{http://purl.org/dc/elements/1.1/}creator"),
                 root.findtext("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy"))


def _core_people(contents: Contents, author: str | None, modified_by: str | None) -> None:
    if author and author.strip().lower() not in NOT_PEOPLE:
        contents.people.append(("作者", "author", author.strip()))
    if modified_by and modified_by.strip().lower() not in NOT_PEOPLE:
        contents.people.append(("最后修改者", "last modified by", modified_by.strip()))


# ---- Excel ----

SS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _xlsx(data: bytes, budget: Budget, contents: Contents) -> Contents:
    """Cells are streamed with lxml (as openpyxl does, without its per-cell objects: three times faster)."""
    archive = _open_zip(data, streamed=("xl/worksheets/",))
    _package_people(archive, contents)
    shared = _shared_strings(archive, budget)
    workbook_rels = _rels(archive, "xl/workbook.xml")
    for sheet in _xml(archive, "xl/workbook.xml").iter(SS + "sheet"):
        part = workbook_rels.get(sheet.get(OFFICE_REL + "id", ""), ("", ""))[0]
        if part not in archive.namelist():
            continue  # a chart sheet or a dangling entry: no cells
        hidden = sheet.get("state", "visible") != "visible"
        _sheet_cells(archive, part, sheet.get("name", ""), hidden, shared, contents, budget)
    for sheet_name, comments in _xlsx_comments(archive):
        for ref, author, text in comments:
            budget.tick()
            contents.add(f"工作表 {sheet_name}!{ref} 的批注", f"comment on {sheet_name}!{ref}", text)
            if author:
                contents.people.append(("批注作者", "comment author", author))
    return contents


def _shared_strings(archive: zipfile.ZipFile, budget: Budget) -> dict[int, str]:
    """Index -> text of the shared strings that hold a digit (the others cannot hold a number)."""
    found: dict[int, str] = {}
    if "xl/sharedStrings.xml" not in archive.namelist():
        return found
    with archive.open("xl/sharedStrings.xml") as stream:
        for index, (_, item) in enumerate(etree.iterparse(stream, tag=SS + "si", resolve_entities=False,
                                                          no_network=True)):
            budget.tick()
            text = "".join(t.text or "" for t in item.iter(SS + "t"))
            if any(c.isdigit() for c in text):
                found[index] = text
            _drop(item)
    return found


def _drop(element: etree._Element) -> None:
    """Free a parsed element and its earlier siblings: keeps streaming in constant memory."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _sheet_cells(archive: zipfile.ZipFile, part: str, name: str, hidden_sheet: bool, shared: dict[int, str],
                 contents: Contents, budget: Budget) -> None:
    hidden_columns: list[tuple[int, int]] = []
    with archive.open(part) as stream:
        for _, element in etree.iterparse(stream, tag=(SS + "col", SS + "row"), resolve_entities=False,
                                          no_network=True):
            if element.tag == SS + "col":
                if element.get("hidden") in ("1", "true"):
                    hidden_columns.append((int(element.get("min", "0")), int(element.get("max", "0"))))
                continue
            hidden_row = element.get("hidden") in ("1", "true")
            cells = element.findall(SS + "c")
            budget.tick(len(cells) or 1)
            for cell in cells:
                kind = cell.get("t", "n")
                if kind == "s":
                    value = cell.findtext(SS + "v") or ""
                    text = shared.get(int(value)) if value.isdigit() else None
                elif kind == "inlineStr":
                    text = "".join(t.text or "" for t in cell.iter(SS + "t"))
                else:
                    text = cell.findtext(SS + "v")
                    if text and text.endswith(".0"):
                        text = text[:-2]  # a mobile number typed as a number: 13912345678.0
                formula = cell.findtext(SS + "f")  # ="139"&"12345678" shows a number the values may not hold
                for piece in (text, formula):
                    if piece and any(c.isdigit() for c in piece):
                        ref = cell.get("r", "")
                        column = _column_number("".join(c for c in ref if c.isalpha()))
                        notes = [("隐藏工作表", "hidden sheet")] if hidden_sheet else []
                        notes += [("隐藏行", "hidden row")] if hidden_row else []
                        if any(low <= column <= high for low, high in hidden_columns):
                            notes.append(("隐藏列", "hidden column"))
                        zh = "".join(f"（{n[0]}）" for n in notes)
                        en = "".join(f" ({n[1]})" for n in notes)
                        contents.add(f"工作表 {name}!{ref}{zh}", f"sheet {name}!{ref}{en}", piece)
            _drop(element)


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (target part name, relationship type), for ``part``."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return {}
    found = {}
    for rel in _xml(archive, rels).iter(REL + "Relationship"):
        target = rel.get("Target", "")
        found[rel.get("Id", "")] = (target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target)), rel.get("Type", ""))
    return found


_COMMENT_PART = re.compile(r"comment[^/]*\.xml$", re.IGNORECASE)


def _xlsx_comments(archive: zipfile.ZipFile) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """(sheet name, [(cell, author, text)]) for every sheet with comments; legacy and threaded comments both."""
    sheets = {}
    workbook_rels = _rels(archive, "xl/workbook.xml")
    for sheet in _xml(archive, "xl/workbook.xml").iter(SS + "sheet"):
        sheets[workbook_rels.get(sheet.get(OFFICE_REL + "id", ""), ("", ""))[0]] = sheet.get("name", "")
    seen: set[str] = set()
    names = set(archive.namelist())
    for part, sheet_name in sheets.items():
        for target, kind in _rels(archive, part).values():
            if kind.lower().endswith(("/comments", "/threadedcomment")) and target in names:
                seen.add(target)
                yield sheet_name, _comment_entries(_xml(archive, target))
    for name in sorted(names):  # comments no sheet points to are still in the published file
        if _COMMENT_PART.search(name) and name not in seen and "/_rels/" not in name:
            yield posixpath.basename(name), _comment_entries(_xml(archive, name))


def _comment_entries(root: etree._Element) -> list[tuple[str, str, str]]:
    authors = [a.text or "" for a in root.iter(SS + "author")]
    entries = []
    for comment in root.iter():
        if not isinstance(comment.tag, str) or etree.QName(comment).localname not in ("comment", "threadedComment"):
            continue
        text = "".join(t.text or "" for t in comment.iter() if isinstance(t.tag, str)
                       and etree.QName(t).localname in ("t", "text"))
        author_id = comment.get("authorId")
        author = authors[int(author_id)] if author_id and author_id.isdigit() and int(author_id) < len(authors) else ""
        entries.append((comment.get("ref", ""), author, text))
    return entries


# ---- PDF ----

def _pdf(data: bytes, budget: Budget, contents: Contents) -> Contents:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    except pypdf.errors.PdfReadError as exc:
        raise Unreadable("corrupt", str(exc)) from exc
    if reader.is_encrypted:
        try:  # an owner password alone (print/copy restrictions) still opens with the empty user password
            opened = reader.decrypt("")
        except Exception as exc:  # unsupported cipher or missing crypto library
            raise Unreadable("encrypted", str(exc)) from exc
        if not opened:
            raise Unreadable("encrypted", "a user password is required")
    if len(reader.pages) > MAX_PAGES:
        raise Unreadable("too_large", f"{len(reader.pages)} pages")
    meta = reader.metadata
    if meta is not None:
        _core_people(contents, meta.author, None)
    any_text = False
    for number, page in enumerate(reader.pages, 1):
        budget.check_time()
        budget.tick()
        text = page.extract_text() or ""
        any_text = any_text or bool(text.strip())
        if text:
            contents.add(f"第{number}页", f"page {number}", text)
    contents.text_layer = any_text or not reader.pages
    return contents


# ---- OFD, PowerPoint ----

def _ofd(data: bytes, budget: Budget, contents: Contents) -> Contents:
    """OFD (GB/T 33190-2016): page content is XML whose TextCode elements hold the text."""
    archive = _open_zip(data)
    pages = sorted((n for n in archive.namelist() if re.search(r"/Pages/Page_\d+/Content\.xml$", n)),
                   key=lambda n: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", n)])
    any_text = False
    for number, name in enumerate(pages, 1):
        budget.check_time()
        text = "\n".join(node.text or "" for node in _xml(archive, name).iter()
                         if isinstance(node.tag, str) and etree.QName(node).localname == "TextCode")
        budget.tick()
        any_text = any_text or bool(text.strip())
        contents.add(f"第{number}页", f"page {number}", text)
    for name in archive.namelist():  # annotations and custom tags may carry text too
        if name.endswith(".xml") and name not in pages and "/Res/" not in name:
            text = " ".join(t.strip() for t in _xml(archive, name).itertext() if t.strip())
            if text:
                contents.add(f"文档部件 {name}", f"part {name}", text)
    contents.text_layer = any_text or not pages
    return contents


def _pptx(data: bytes, budget: Budget, contents: Contents) -> Contents:
    archive = _open_zip(data)
    _package_people(archive, contents)
    for name in sorted(archive.namelist()):
        match = re.match(r"ppt/(slides|notesSlides|comments)/[a-zA-Z]+(\d+)\.xml$", name)
        if not match:
            continue
        budget.tick()
        text = " ".join(t for t in _xml(archive, name).itertext() if t.strip())
        kind_zh = {"slides": "幻灯片", "notesSlides": "备注页", "comments": "批注"}[match.group(1)]
        kind_en = {"slides": "slide", "notesSlides": "notes", "comments": "comments"}[match.group(1)]
        contents.add(f"{kind_zh}{match.group(2)}", f"{kind_en} {match.group(2)}", text)
    return contents


# ---- plain text ----

def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unreadable("corrupt", "neither UTF-8 nor GB18030 text")


def _txt(data: bytes, budget: Budget, contents: Contents) -> Contents:
    for number, line in enumerate(_decode(data).splitlines(), 1):
        budget.tick()
        if any(c.isdigit() for c in line):
            contents.add(f"第{number}行", f"line {number}", line)
    return contents


def _csv(data: bytes, budget: Budget, contents: Contents) -> Contents:
    text = _decode(data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(MAX_XML_PART)
    for row_number, row in enumerate(csv.reader(io.StringIO(text), dialect), 1):
        budget.tick(max(len(row), 1))
        for column, value in enumerate(row, 1):
            if any(c.isdigit() for c in value):
                contents.add(f"第{row_number}行第{column}列", f"row {row_number}, column {column}",
                                                 value)
    return contents
