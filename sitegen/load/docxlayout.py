"""Reading a Word file laid out as a GB/T 9704-2012 official document (党政机关公文格式) into its parts.

The layout, top to bottom: 版头 (发文机关标志, 发文字号, sometimes 签发人), 标题, 主送机关, 正文 with the
levels 一、（一）1.（1）, 附件说明, 署名, 成文日期, 附注 such as （此件公开发布）, the attachments
themselves, and 版记 (抄送, 印发机关和印发日期). Word files that reach a webmaster are often web
copies of that layout (发文字号 under the title, the issuing body as the title's first line), so every
part is found by its wording first and by its formatting (centred, right-aligned) only as a hint.
What could not be found is listed in ``Layout.unknown``: the importer prints it, never guesses silently.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"

DOC_NUMBER = re.compile(
    r"^\s*(?:签发人[:：]\s*\S+\s+)?"
    r"(?P<number>\S{1,20}?\s*[〔\[【(（［]\s*\d{4}\s*[〕\]】)）］]\s*第?\s*\d+\s*号?)"
    r"\s*(?:签发人[:：]\s*\S+)?\s*$"
)
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
DATE = re.compile(
    r"^\s*(?P<y>[0-9０-９]{4}|[〇○零Ｏ一二三四五六七八九]{4})\s*年"
    r"\s*(?P<m>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,4})\s*日\s*$"
)
LEVELS = [  # marker pattern, heading depth (1 = the highest)
    (re.compile(r"^[一二三四五六七八九十]+、"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^\d+[．.](?!\d)"), 3),
    (re.compile(r"^[（(]\d+[）)]"), 4),
]
ENCLOSURE = re.compile(r"^\s*附件\s*[:：]\s*(?P<rest>.*)$")
ENCLOSURE_ITEM = re.compile(r"^\s*(?P<n>\d+)\s*[．.、]\s*(?P<title>.+?)\s*$")
IMPRINT = re.compile(r"^\s*(抄送|抄报|分送)[:：]|印发\s*$|^\s*\S+\s+\d{4}年\d{1,2}月\d{1,2}日印发\s*$")
NOTE = re.compile(r"^\s*[（(](此件|本件)[^）)]*[）)]\s*$")


def cn_number(text: str) -> int:
    """一 .. 三十一 (and Arabic or full-width digits) as a number."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[text]


def parse_date(text: str) -> dt.date | None:
    """2024年7月1日 or 二〇二四年七月一日; None when ``text`` is not a date alone, or not a real one."""
    match = DATE.match(text)
    if match is None:
        return None
    year = match["y"].translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not year.isdigit():
        year = "".join(str(_CN_DIGITS[c]) for c in year)
    try:
        return dt.date(int(year), cn_number(match["m"]), cn_number(match["d"]))
    except (ValueError, KeyError):
        return None


@dataclass
class Image:
    data: bytes
    suffix: str
    alt: str


@dataclass
class Para:
    text: str
    align: str = ""  # center, right, both, ...
    images: list[Image] = field(default_factory=list)
    numbered: bool = False  # Word's automatic numbering: the number is not in the text


@dataclass
class Table:
    rows: list[list[dict]]  # cells: {"text", "colspan", "rowspan"}; merged-away cells are absent
    merged: bool
    # A table has no text, alignment or pictures of its own: the layout analysis reads blocks alike.
    text = ""
    align = ""
    images: tuple = ()


@dataclass
class Layout:
    title: str = ""
    doc_number: str | None = None
    issuer: str = ""
    written: dt.date | None = None
    addressees: str = ""
    enclosures: list[str] = field(default_factory=list)  # 附件说明
    note: str = ""  # 附注
    imprint: list[str] = field(default_factory=list)  # 版记
    body: list[Para | Table] = field(default_factory=list)
    appendix: list[Para | Table] = field(default_factory=list)  # the attachments' text after 成文日期
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (zh, en): what could not be determined


def _text(p: etree._Element) -> str:
    parts = []
    for node in p.iter(W + "t", W + "tab", W + "br"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == W + "tab" else "\n")
    return "".join(parts).replace("\u3000", " ").strip()


def read_blocks(data: bytes) -> list[Para | Table]:
    """The paragraphs and tables of the body in order, with alignment and pictures."""
    import docx
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    blocks: list[Para | Table] = []

    def paragraph(p: etree._Element) -> Para:
        para = Paragraph(p, document._body)
        style = para.style.paragraph_format.alignment if para.style is not None else None
        align = para.alignment if para.alignment is not None else style
        images = []
        for blip in p.iter(A_BLIP):
            part = document.part.related_parts.get(blip.get(R_EMBED, ""))
            if part is None:
                continue
            container = blip.getparent()
            while container is not None and container.find(".//" + DOC_PR) is None:
                container = container.getparent()
            described = container.find(".//" + DOC_PR) if container is not None else None
            alt = (described.get("descr") or described.get("title") or "") if described is not None else ""
            images.append(Image(part.blob, "." + part.partname.ext, alt.strip()))
        numbered = p.find(f"{W}pPr/{W}numPr") is not None or (
            para.style is not None and para.style.element.find(f"{W}pPr/{W}numPr") is not None
        )
        return Para(_text(p), str(align.name).lower() if align is not None else "", images, numbered)

    for child in body.iterchildren():
        if child.tag == W + "p":
            blocks.append(paragraph(child))
        elif child.tag == W + "tbl":
            blocks.append(_table(child))
        elif child.tag == W + "sdt":  # a content control wraps ordinary paragraphs
            blocks.extend(paragraph(p) for p in child.iter(W + "p"))
    return blocks


def _table(tbl: etree._Element) -> Table:
    grid: list[list[dict]] = []
    merged = False
    for tr in tbl.iter(W + "tr"):
        row, column = [], 0
        for tc in tr.findall(W + "tc"):
            props = tc.find(W + "tcPr")
            span = props.find(W + "gridSpan") if props is not None else None
            vmerge = props.find(W + "vMerge") if props is not None else None
            colspan = int(span.get(W + "val", "1")) if span is not None else 1
            state = None if vmerge is None else ("start" if vmerge.get(W + "val") == "restart" else "continue")
            merged = merged or colspan > 1 or state is not None
            text = "\n".join(t for t in (_text(p) for p in tc.iter(W + "p")) if t)
            row.append({"text": text, "colspan": colspan, "rowspan": 1, "column": column, "state": state})
            column += colspan
        grid.append(row)
    for r, row in enumerate(grid):  # a vertical merge: count the continuing cells below its start
        for cell in row:
            if cell["state"] == "start":
                below = r + 1
                while below < len(grid) and any(
                    c["column"] == cell["column"] and c["state"] == "continue" for c in grid[below]
                ):
                    below += 1
                cell["rowspan"] = below - r
    rows = [[c for c in row if c["state"] != "continue"] for row in grid]
    return Table(rows, merged)


def _signs(block: Para | Table) -> bool:
    """Whether a block above the date can be a 署名: a short line that is not a sentence or an enclosure."""
    text = block.text
    return (
        isinstance(block, Para)
        and 0 < len(text) <= 40
        and not text.endswith(("。", "：", ":"))
        and not ENCLOSURE_ITEM.match(text)
        and not ENCLOSURE.match(text)
    )


def analyse(blocks: list[Para | Table]) -> Layout:
    layout = Layout()
    items = [b for b in blocks if isinstance(b, Table) or b.text or b.images]
    # 版记 ends the document: everything from its first line on is set aside.
    for position, block in enumerate(items):
        if isinstance(block, Para) and IMPRINT.search(block.text) and position > len(items) // 2:
            layout.imprint = [b.text for b in items[position:] if isinstance(b, Para)]
            items = items[:position]
            break
    head = 0
    number_at = next((i for i, b in enumerate(items[:15]) if isinstance(b, Para) and DOC_NUMBER.match(b.text)), None)
    title_lines: list[str] = []
    if number_at is not None:
        number = DOC_NUMBER.match(items[number_at].text)
        layout.doc_number = re.sub(r"\s+", "", number["number"]) if number else None
        before = [b.text for b in items[:number_at] if isinstance(b, Para)]
        masthead = [t for t in before if t.endswith(("文件", "文件。"))]
        if masthead:  # 版头: the issuing body's mark, then the number; the title follows
            layout.issuer = masthead[0].removesuffix("。").removesuffix("文件").strip()
            head = number_at + 1
        else:  # a web copy: the title first, the number under it
            title_lines = before
            head = number_at + 1
    else:
        layout.unknown.append(("发文字号", "document number (发文字号)"))
    position = head
    if not title_lines:
        while position < len(items) and isinstance(items[position], Para):
            text = items[position].text
            left_centre = (
                title_lines and items[position].align not in ("center", "") and items[position - 1].align == "center"
            )
            if text.endswith(("：", ":", "。")) or len(text) > 60 or left_centre:
                break
            title_lines.append(text)
            position += 1
            if (
                len("".join(title_lines)) > 30
                and items[position - 1].align not in ("center",)
                and re.search(r"(通知|意见|办法|方案|决定|规定|批复|报告|函|公告|通告|细则|规划|纲要|清单)$", text)
            ):
                break
    layout.title = "".join(title_lines).strip()
    if not layout.title:
        layout.unknown.append(("标题", "title"))
    if (
        position < len(items)
        and isinstance(items[position], Para)
        and items[position].text.endswith(("：", ":"))
        and len(items[position].text) < 200
    ):
        layout.addressees = items[position].text.rstrip("：:")
        position += 1
    else:
        layout.unknown.append(("主送机关", "addressees (主送机关)"))
    # 成文日期: the first paragraph after the body that is a date and nothing else; 署名 is just above it.
    date_at = next(
        (i for i in range(position, len(items)) if isinstance(items[i], Para) and parse_date(items[i].text)), None
    )
    end = len(items)
    if date_at is not None:
        layout.written = parse_date(items[date_at].text)
        signature = date_at
        while signature - 1 >= position and _signs(items[signature - 1]) and date_at - signature < 3:
            signature -= 1
        signers = [items[i].text.strip() for i in range(signature, date_at)]
        if signers:
            layout.issuer = signers[0]
            if len(signers) > 1:
                layout.unknown.append(
                    (
                        f"联合发文：只取了第一个署名机关（{'、'.join(signers)}）",
                        f"joint issuers: only the first signature was kept ({', '.join(signers)})",
                    )
                )
        end = signature
        rest = items[date_at + 1 :]
        if rest and isinstance(rest[0], Para) and NOTE.match(rest[0].text):
            layout.note = rest[0].text.strip()
            rest = rest[1:]
        layout.appendix = rest
    else:
        layout.unknown.append(("成文日期", "date of writing (成文日期)"))
    if not layout.issuer:
        layout.unknown.append(("发文机关（署名）", "issuer (署名)"))
    body = items[position:end]
    for index, block in enumerate(body):  # 附件说明: 附件：1．… then 2．… on the following lines
        match = ENCLOSURE.match(block.text) if isinstance(block, Para) else None
        if match is None:
            continue
        first = ENCLOSURE_ITEM.match(match["rest"])
        layout.enclosures.append(first["title"] if first else match["rest"].strip())
        following = index + 1
        while following < len(body) and (item := ENCLOSURE_ITEM.match(body[following].text)):
            layout.enclosures.append(item["title"])
            following += 1
        body = body[:index] + body[following:]
        break
    layout.body = body
    numbered = sum(1 for b in [*body, *layout.appendix] if isinstance(b, Para) and b.numbered)
    if numbered:
        layout.unknown.append(
            (
                f"{numbered} 段使用了 Word 自动编号，编号（如“一、”“1.”）不在文字中，未能导入，请对照原件补上",
                f"{numbered} paragraph(s) use Word's automatic numbering; their numbers are not in the "
                "text and were not imported",
            )
        )
    return layout


def level(text: str) -> int | None:
    for pattern, depth in LEVELS:
        if pattern.match(text):
            return depth
    return None


def table_html(table: Table) -> str:
    """A table as HTML (Markdown tables cannot merge cells); the first row as column headers."""
    lines = ["<table>"]
    for number, row in enumerate(table.rows):
        cells = []
        for cell in row:
            tag = "th" if number == 0 and len(table.rows) > 1 else "td"
            attributes = (
                (' scope="col"' if tag == "th" else "")
                + (f' colspan="{cell["colspan"]}"' if cell["colspan"] > 1 else "")
                + (f' rowspan="{cell["rowspan"]}"' if cell["rowspan"] > 1 else "")
            )
            text = "<br>".join(html.escape(line) for line in cell["text"].split("\n"))
            cells.append(f"<{tag}{attributes}>{text}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)
