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
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from sitegen.load.attachbase import (
    ARCHIVES,
    MAX_FILE_BYTES,
    MAX_PAGES,
    MAX_XML_PART,
    READABLE,
    Budget,
    Contents,
    Unreadable,
    W,
    core_people,
    open_zip,
    package_people,
    package_properties,
    xml_part,
)
from sitegen.load.attachsheets import read_xlsx


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
    readers = {
        ".docx": _docx,
        ".xlsx": read_xlsx,
        ".pdf": _pdf,
        ".txt": _txt,
        ".csv": _csv,
        ".ofd": _ofd,
        ".pptx": _pptx,
    }
    try:
        return readers[suffix](data, budget, Contents(keep=keep or (lambda text: True)))
    except Unreadable:
        raise
    except (MemoryError, RecursionError) as exc:
        raise Unreadable("too_large", type(exc).__name__) from exc
    except Exception as exc:  # any failure of a reader on a hostile file means "not checked"
        raise Unreadable("corrupt", f"{type(exc).__name__}: {exc}"[:200]) from exc


def _inside_own_paragraph(node: etree._Element, paragraph: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None and parent.tag != W + "p":
        parent = parent.getparent()
    return parent is paragraph


# ---- Word ----

WORD_PARTS = (
    ("word/document.xml", "正文", "body"),
    ("word/header", "页眉", "header"),
    ("word/footer", "页脚", "footer"),
    ("word/footnotes", "脚注", "footnotes"),
    ("word/endnotes", "尾注", "endnotes"),
    ("word/comments", "批注", "comments"),
)


def _docx(data: bytes, budget: Budget, contents: Contents) -> Contents:
    import docx  # python-docx: the package, its parts and core properties

    archive = open_zip(data)
    document = docx.Document(io.BytesIO(data))
    names = sorted(archive.namelist())
    if "docProps/core.xml" in names:  # without it python-docx reports its own defaults, not the file's
        core_people(contents, document.core_properties.author, document.core_properties.last_modified_by)
    package_properties(archive, contents)
    for prefix, zh, en in WORD_PARTS:
        for name in names:
            if not (name.startswith(prefix) and name.endswith(".xml")) or "/_rels/" in name:
                continue
            label_zh, label_en = (
                (zh, en)
                if name == "word/document.xml" or prefix == "word/comments"
                else (f"{zh}（{posixpath.basename(name)}）", f"{en} ({posixpath.basename(name)})")
            )
            _word_part(xml_part(archive, name), label_zh, label_en, contents, budget)
    for name in names:  # an embedded workbook or document is read as a file of its own
        if name.startswith("word/embeddings/"):
            _embedded(archive, name, contents, budget)
    return contents


def _word_part(root: etree._Element, zh: str, en: str, contents: Contents, budget: Budget) -> None:
    for author in sorted(
        {
            a
            for a in root.xpath(
                "//w:ins/@w:author | //w:del/@w:author | //w:comment/@w:author", namespaces={"w": W[1:-1]}
            )
            if a.strip()
        }
    ):
        contents.people.append(("修订或批注作者", "revision or comment author", author))
    for number, paragraph in enumerate(root.iter(W + "p"), 1):
        budget.tick()
        shown: list[str] = []
        deleted: list[str] = []
        for node in paragraph.iter(W + "t", W + "delText", W + "instrText"):
            if node.text and _inside_own_paragraph(node, paragraph):
                (deleted if node.tag == W + "delText" else shown).append(node.text)
        if shown:
            contents.add(f"{zh}第{number}段", f"{en} paragraph {number}", "".join(shown))
        if deleted:
            contents.add(
                f"{zh}第{number}段（修订中删除的文字）",
                f"{en} paragraph {number} (deleted in a tracked change)",
                "".join(deleted),
            )


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
        core_people(contents, meta.author, None)
        contents.add("文档属性", "document properties", "\n".join(str(meta.get(k) or "") for k in _PDF_PROPERTIES))
    any_text = False
    for number, page in enumerate(reader.pages, 1):
        budget.check_time()
        budget.tick()
        text = page.extract_text() or ""
        any_text = any_text or bool(text.strip())
        if text:
            contents.add(f"第{number}页", f"page {number}", text)
        notes = [str(a.get_object().get("/Contents") or "") for a in page.get("/Annots") or []]
        contents.add(f"第{number}页的批注", f"page {number}, annotations", "\n".join(notes))
    fields = reader.get_fields() or {}
    contents.add("表单域", "form fields", "\n".join(str(f.get("/V") or "") for _, f in sorted(fields.items())))
    for name, blobs in sorted(reader.attachments.items()):  # files embedded in the PDF are published with it
        for blob in blobs:
            _embedded_file(name, blob, contents, budget)
    contents.text_layer = any_text or not reader.pages
    return contents


# Document information the reader shows in its properties dialog.
_PDF_PROPERTIES = ("/Title", "/Subject", "/Keywords", "/Author", "/Creator", "/Producer")


def _embedded_file(name: str, data: bytes, contents: Contents, budget: Budget) -> None:
    suffix = posixpath.splitext(name)[1].lower()
    if suffix not in (".docx", ".xlsx", ".pptx", ".pdf", ".txt", ".csv", ".ofd"):
        raise Unreadable("unsupported", f"embedded file {name}")
    inner = read_bytes(data, suffix, budget, contents.keep)
    for seg in inner.segments:
        contents.add(f"嵌入文件 {name} 中的{seg.where_zh}", f"embedded file {name}, {seg.where_en}", seg.text)
    contents.people.extend(inner.people)


# ---- OFD, PowerPoint ----


def _ofd(data: bytes, budget: Budget, contents: Contents) -> Contents:
    """OFD (GB/T 33190-2016): page content is XML whose TextCode elements hold the text."""
    archive = open_zip(data)
    pages = sorted(
        (n for n in archive.namelist() if re.search(r"/Pages/Page_\d+/Content\.xml$", n)),
        key=lambda n: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", n)],
    )
    any_text = False
    for number, name in enumerate(pages, 1):
        budget.check_time()
        text = "\n".join(
            node.text or ""
            for node in xml_part(archive, name).iter()
            if isinstance(node.tag, str) and etree.QName(node).localname == "TextCode"
        )
        budget.tick()
        any_text = any_text or bool(text.strip())
        contents.add(f"第{number}页", f"page {number}", text)
    for name in archive.namelist():  # annotations and custom tags may carry text too
        if name.endswith(".xml") and name not in pages and "/Res/" not in name:
            text = " ".join(t.strip() for t in xml_part(archive, name).itertext() if t.strip())
            if text:
                contents.add(f"文档部件 {name}", f"part {name}", text)
    contents.text_layer = any_text or not pages
    return contents


def _pptx(data: bytes, budget: Budget, contents: Contents) -> Contents:
    archive = open_zip(data)
    package_people(archive, contents)
    for name in sorted(archive.namelist()):
        match = re.match(r"ppt/(slides|notesSlides|comments)/[a-zA-Z]+(\d+)\.xml$", name)
        if not match:
            continue
        budget.tick()
        text = " ".join(t for t in xml_part(archive, name).itertext() if t.strip())
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
                contents.add(f"第{row_number}行第{column}列", f"row {row_number}, column {column}", value)
    return contents
