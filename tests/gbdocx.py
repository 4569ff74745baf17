"""Word files in the GB/T 9704-2012 layout, made with python-docx (never downloaded): samples for the importer.

Modelled on two real documents in ../shared/samples/: a district work-plan notice (版头, 发文字号,
two-line title, 主送机关, 附件说明, 署名, 成文日期 in Chinese numerals, 附注, the plan itself with the
levels 一、（一）1.（1）, a table with merged cells, pictures, 版记) and a key-task list published as a
web copy (title on one line, no 发文字号, Arabic date, a task table with merged rows and columns).
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from PIL import Image

PLAN_TITLE = "周村区人民政府办公室关于印发2024年周村区政务公开工作方案的通知"
PLAN_ADDRESSEES = "各镇政府、街道办事处，周村经济开发区管委会，区政府各部门，各有关单位"


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _line(document, text: str, align=None, size: int | None = None, red: bool = False, bold: bool = False):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    if size:
        run.font.size = Pt(size)
    if red:
        run.font.color.rgb = RGBColor(0xFF, 0, 0)
    run.bold = bold
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _picture(document, alt: str) -> None:
    image = Image.new("RGB", (120, 60), (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    document.add_picture(buffer)
    if alt:
        document.inline_shapes[-1]._inline.docPr.set("descr", alt)


def _merge_table(document, rows: list[list[str]], merges: list[tuple[int, int, int, int]]):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for top, left, bottom, right in merges:
        table.cell(top, left).merge(table.cell(bottom, right))
    return table


def work_plan(date_text: str = "二〇二四年七月一日", doc_number: str = "周政办字〔2024〕9号") -> bytes:
    """The formal layout: 版头 … 版记, with the plan as the attachment."""
    d = docx.Document()
    d.core_properties.author = ""
    _line(d, "周村区人民政府办公室文件", WD_ALIGN_PARAGRAPH.CENTER, size=26, red=True)
    _line(d, doc_number, WD_ALIGN_PARAGRAPH.CENTER)
    d.add_paragraph()
    _line(d, "周村区人民政府办公室", WD_ALIGN_PARAGRAPH.CENTER, size=22)
    _line(d, "关于印发2024年周村区政务公开工作方案的通知", WD_ALIGN_PARAGRAPH.CENTER, size=22)
    d.add_paragraph()
    d.add_paragraph(PLAN_ADDRESSEES + "：")
    d.add_paragraph("《2024年周村区政务公开工作方案》已经区政府同意，现印发给你们，请认真抓好贯彻落实。")
    d.add_paragraph("附件：2024年周村区政务公开工作方案")
    _line(d, "周村区人民政府办公室", WD_ALIGN_PARAGRAPH.RIGHT)
    _line(d, date_text, WD_ALIGN_PARAGRAPH.RIGHT)
    d.add_paragraph("（此件公开发布）")
    d.add_page_break()
    _line(d, "2024年周村区政务公开工作方案", WD_ALIGN_PARAGRAPH.CENTER, size=22)
    d.add_paragraph(
        "为深入贯彻落实国家政务公开的决策部署和省、市有关工作要求，推动全区政务公开工作扎实有效开展，制定本方案。"
    )
    d.add_paragraph("一、总体要求")
    d.add_paragraph(
        "坚持以习近平新时代中国特色社会主义思想为指导，统筹政务公开与安全保密，更好发挥以公开促落实、优服务、强监管作用。"
    )
    d.add_paragraph("二、工作任务")
    d.add_paragraph("（一）以政务公开助推重点工作落实")
    d.add_paragraph("助推高水平开放、高质量招商引资方面：重点做好扩大有效投资、促进招商引资等政策措施公开。")
    d.add_paragraph("（二）做好政策公开与解读回应。加强我区政府文件库建设及集中公开工作，对已公开政策进行动态更新。")
    d.add_paragraph("1．规范政策解读。坚持政策文件与解读方案、解读材料同步组织、同步审签、同步部署。")
    d.add_paragraph("（1）各部门制发的行政规范性文件应当同步发布解读材料。")
    _picture(d, "政务公开工作流程图：起草、审核、发布、解读")
    _picture(d, "")
    d.add_paragraph("三、保障措施")
    _merge_table(
        d,
        [
            ["任务", "责任单位", "完成时限"],
            ["政策文件库动态更新", "区政府办公室", "2024年12月底前"],
            ["", "各镇、街道", "持续推进"],
            ["年度报告编制", "区政府办公室", "2025年1月31日前"],
        ],
        [(1, 0, 2, 0)],
    )
    d.add_paragraph("抄送：区委各部门，区人大常委会办公室，区政协办公室。")
    d.add_paragraph("周村区人民政府办公室          2024年7月2日印发")
    return _save(d)


def key_tasks() -> bytes:
    """A web copy: the title on one line, no 发文字号, an Arabic date, then the task list as a table."""
    d = docx.Document()
    _line(d, "八公山区人民政府办公室关于印发2024年度政务公开重点工作清单的通知", WD_ALIGN_PARAGRAPH.CENTER, size=18)
    d.add_paragraph("各镇人民政府、各街道办事处，区政府各部门，各直属机构：")
    d.add_paragraph(
        "为贯彻落实新时代政务公开工作新要求，根据《安徽省政务公开办公室关于印发2024年政务公开重点工作清单的通知》"
        "（皖政务办〔2024〕2号）精神，现将《八公山区2024年度政务公开重点工作清单》印发给你们，请认真抓好贯彻落实。"
    )
    _line(d, "八公山区人民政府办公室", WD_ALIGN_PARAGRAPH.RIGHT)
    _line(d, "2024年5月29日", WD_ALIGN_PARAGRAPH.RIGHT)
    _line(d, "八公山区2024年度政务公开重点工作清单", WD_ALIGN_PARAGRAPH.CENTER)
    _merge_table(
        d,
        [
            ["序号", "工作任务", "具体要求", "责任单位"],
            ["一、围绕服务经济和保障民生抓好主动公开", "", "", ""],
            ["（一）聚焦中心工作", "", "", ""],
            [
                "1",
                "政策举措公开",
                "及时公开加快构建现代化产业体系、扩大有效投资等方面政策举措和进展成效。",
                "各镇人民政府、各街道办事处",
            ],
            ["2", "民生领域公开", "深化惠农、教育、就业、卫生健康、社会救助等民生领域信息公开。", ""],
        ],
        [(1, 0, 1, 3), (2, 0, 2, 3), (3, 3, 4, 3)],
    )
    return _save(d)


def tracked_title() -> bytes:
    """A Word file whose title has a tracked insertion (imported text includes it) and a deletion (dropped)."""
    d = docx.Document()
    paragraph = _line(d, "关于做好", WD_ALIGN_PARAGRAPH.CENTER)
    for tag, text in (("w:ins", "2024年"), ("w:del", "旧的")):
        change = OxmlElement(tag)
        change.set(qn("w:id"), "1")
        change.set(qn("w:author"), "审核人")
        run = OxmlElement("w:r")
        node = OxmlElement("w:t" if tag == "w:ins" else "w:delText")
        node.text = text
        run.append(node)
        change.append(run)
        paragraph._p.append(change)
    paragraph.add_run("防汛工作的通知")
    d.add_paragraph("各镇人民政府：")
    d.add_paragraph("现就有关事项通知如下。")
    _line(d, "八公山区人民政府办公室", WD_ALIGN_PARAGRAPH.RIGHT)
    _line(d, "2024年6月3日", WD_ALIGN_PARAGRAPH.RIGHT)
    return _save(d)


def two_attachments() -> bytes:
    """附件说明 with two entries, each attachment after the date under its own 附件N mark."""
    d = docx.Document()
    _line(d, "八公山区人民政府办公室关于开展政府开放日活动的通知", WD_ALIGN_PARAGRAPH.CENTER)
    d.add_paragraph("各镇人民政府、各街道办事处：")
    d.add_paragraph("现将有关事项通知如下。")
    d.add_paragraph("附件：1．政府开放日活动安排")
    d.add_paragraph("2．政府开放活动计划安排报送表")
    _line(d, "八公山区人民政府办公室", WD_ALIGN_PARAGRAPH.RIGHT)
    _line(d, "2024年6月3日", WD_ALIGN_PARAGRAPH.RIGHT)
    d.add_paragraph("附件1")
    _line(d, "政府开放日活动安排", WD_ALIGN_PARAGRAPH.CENTER)
    d.add_paragraph("一、活动时间")
    d.add_paragraph("附件2")
    _line(d, "政府开放活动计划安排报送表", WD_ALIGN_PARAGRAPH.CENTER)
    d.add_paragraph("单位名称：")
    return _save(d)
