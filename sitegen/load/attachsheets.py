"""Excel workbooks (.xlsx): every sheet, hidden or not, every cell streamed in constant memory, and comments.

Cells are streamed with lxml (as openpyxl does, without its per-cell objects: three times faster on
a 50 MB sheet); hidden sheets, rows and columns are read like the others and named in the location.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator

from lxml import etree

from sitegen.load.attachbase import Budget, Contents, open_zip, package_people, xml_part

SS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def read_xlsx(data: bytes, budget: Budget, contents: Contents) -> Contents:
    """Cells are streamed with lxml (as openpyxl does, without its per-cell objects: three times faster)."""
    archive = open_zip(data, streamed=("xl/worksheets/",))
    package_people(archive, contents)
    shared = _shared_strings(archive, budget)
    workbook_rels = _rels(archive, "xl/workbook.xml")
    for sheet in xml_part(archive, "xl/workbook.xml").iter(SS + "sheet"):
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
        for index, (_, item) in enumerate(
            etree.iterparse(stream, tag=SS + "si", resolve_entities=False, no_network=True)
        ):
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


def _sheet_cells(
    archive: zipfile.ZipFile,
    part: str,
    name: str,
    hidden_sheet: bool,
    shared: dict[int, str],
    contents: Contents,
    budget: Budget,
) -> None:
    hidden_columns: list[tuple[int, int]] = []
    with archive.open(part) as stream:
        for _, element in etree.iterparse(
            stream, tag=(SS + "col", SS + "row"), resolve_entities=False, no_network=True
        ):
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
    for rel in xml_part(archive, rels).iter(REL + "Relationship"):
        target = rel.get("Target", "")
        found[rel.get("Id", "")] = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target)),
            rel.get("Type", ""),
        )
    return found


_COMMENT_PART = re.compile(r"comment[^/]*\.xml$", re.IGNORECASE)


def _xlsx_comments(archive: zipfile.ZipFile) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """(sheet name, [(cell, author, text)]) for every sheet with comments; legacy and threaded comments both."""
    sheets = {}
    workbook_rels = _rels(archive, "xl/workbook.xml")
    for sheet in xml_part(archive, "xl/workbook.xml").iter(SS + "sheet"):
        sheets[workbook_rels.get(sheet.get(OFFICE_REL + "id", ""), ("", ""))[0]] = sheet.get("name", "")
    seen: set[str] = set()
    names = set(archive.namelist())
    for part, sheet_name in sheets.items():
        for target, kind in _rels(archive, part).values():
            if kind.lower().endswith(("/comments", "/threadedcomment")) and target in names:
                seen.add(target)
                yield sheet_name, _comment_entries(xml_part(archive, target))
    for name in sorted(names):  # comments no sheet points to are still in the published file
        if _COMMENT_PART.search(name) and name not in seen and "/_rels/" not in name:
            yield posixpath.basename(name), _comment_entries(xml_part(archive, name))


def _comment_entries(root: etree._Element) -> list[tuple[str, str, str]]:
    authors = [a.text or "" for a in root.iter(SS + "author")]
    entries = []
    for comment in root.iter():
        if not isinstance(comment.tag, str) or etree.QName(comment).localname not in ("comment", "threadedComment"):
            continue
        text = "".join(
            t.text or "" for t in comment.iter() if isinstance(t.tag, str) and etree.QName(t).localname in ("t", "text")
        )
        author_id = comment.get("authorId")
        author = authors[int(author_id)] if author_id and author_id.isdigit() and int(author_id) < len(authors) else ""
        entries.append((comment.get("ref", ""), author, text))
    return entries
