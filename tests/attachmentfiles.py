"""Attachments made by the libraries that write them (python-docx, openpyxl, fpdf2, pypdf): test data only.

Each maker puts one value in one hiding place, so that a test can assert both outcomes: the value
is found and reported at that place, and the same file without it passes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pypdf
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF
from openpyxl.comments import Comment
from PIL import Image

CLEAN = "联系电话 0539-12345678"  # an office number listed in public_phones


def _save_docx(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def word(place: str = "body", value: str = "", author: str = "") -> bytes:
    """A .docx with ``value`` in ``place``: body, table, header, footer, comment, inserted, deleted."""
    document = docx.Document()
    document.core_properties.author = author
    document.core_properties.last_modified_by = ""
    document.add_paragraph("示例区低保对象名单公示")
    paragraph = document.add_paragraph("第二段：" + (value if place == "body" else CLEAN) + "。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "联系方式"
    table.cell(1, 0).text, table.cell(1, 1).text = "王某", value if place == "table" else "（已遮蔽）"
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉 " + (value if place == "header" else "")
    section.footer.paragraphs[0].text = "页脚 " + (value if place == "footer" else "")
    if place == "comment":
        document.add_comment(paragraph.runs, text="核对：" + value, author="审核人")
    if place in ("inserted", "deleted"):
        change = OxmlElement("w:ins" if place == "inserted" else "w:del")
        change.set(qn("w:id"), "7")
        change.set(qn("w:author"), "修订人")
        change.set(qn("w:date"), "2024-07-01T00:00:00Z")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t" if place == "inserted" else "w:delText")
        text.text = value
        run.append(text)
        change.append(run)
        paragraph._p.append(change)
    return _save_docx(document)


def workbook(place: str = "cell", value: str = "", creator: str = "") -> bytes:
    """An .xlsx with ``value`` in ``place``: cell, hidden_sheet, very_hidden, hidden_row, hidden_column,
    comment, number (typed as a number)."""
    book = openpyxl.Workbook()
    book.properties.creator = creator
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["序号", "姓名", "补贴金额", "联系方式"])
    for row in range(2, 8):
        sheet.append([row - 1, f"村民{row}", 1200.5, "（已遮蔽）"])
    if place == "cell":
        sheet["D3"] = value
    if place == "number":
        sheet["D4"] = int(value) if value else 0
    if place == "hidden_row":
        sheet["D5"] = value
        sheet.row_dimensions[5].hidden = True
    if place == "hidden_column":
        sheet["F2"] = value
        sheet.column_dimensions["F"].hidden = True
    if place == "comment":
        sheet["B6"].comment = Comment("电话 " + value, "经办人")
    if place in ("hidden_sheet", "very_hidden"):
        extra = book.create_sheet("原始数据")
        extra["C9"] = value
        extra.sheet_state = "hidden" if place == "hidden_sheet" else "veryHidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf(pages: list[str], author: str = "") -> bytes:
    """A PDF with a text layer, one page per string (ASCII text: the core fonts have no Chinese)."""
    document = FPDF()
    if author:
        document.set_author(author)
    document.set_font("Helvetica", size=12)
    for text in pages:
        document.add_page()
        document.multi_cell(0, 10, text)
    return bytes(document.output())


def scanned_pdf() -> bytes:
    """A PDF whose only page is an image: a scan without a text layer."""
    image = Image.new("RGB", (200, 100), "white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    document = FPDF()
    document.add_page()
    document.image(buffer, x=10, y=10, w=100)
    return bytes(document.output())


def encrypted_pdf(text: str = "Notice") -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(pdf([text])))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bomb(inner: str = "word/document.xml", megabytes: int = 64) -> bytes:
    """A .docx-shaped archive whose one part inflates a thousandfold."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(inner, "w", force_zip64=True) as stream:
            chunk = b" " * (1024 * 1024)
            for _ in range(megabytes):
                stream.write(chunk)
    return buffer.getvalue()


def archive(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as packed:
        for name, data in files.items():
            packed.writestr(name, data)
    return buffer.getvalue()


_SHEET_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.'
    'xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
    '.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def large_workbook(path: Path, size: int, last: str) -> int:
    """Write an uncompressed .xlsx of about ``size`` bytes (rows of ordinary cells) whose very last cell holds
    ``last``; return its row count. Written part by part: the file never sits in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as packed:
        for name, text in _SHEET_PARTS.items():
            packed.writestr(name, text)
        with packed.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>'
            )
            written, row = 0, 0
            while written < size:
                row += 1
                data = (
                    f'<row r="{row}"><c r="A{row}"><v>{row}</v></c><c r="B{row}" t="inlineStr"><is><t>村民{row}'
                    f'</t></is></c><c r="C{row}"><v>{row * 7}.5</v></c></row>'
                ).encode()
                stream.write(data)
                written += len(data)
            row += 1
            stream.write(f'<row r="{row}"><c r="D{row}" t="inlineStr"><is><t>{last}</t></is></c></row>'.encode())
            stream.write(b"</sheetData></worksheet>")
    return row
