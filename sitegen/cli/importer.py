"""``sitegen import FILE.docx …``: a Word official document becomes a Markdown draft with front matter.

The parts of the GB/T 9704 layout (:mod:`sitegen.load.docxlayout`) become front matter (title, doc_number,
issuer, written, addressees, the 附件说明 as attachments or as comments) and a Markdown body whose
levels 一、（一）1.（1） become headings or bold lead-ins; tables become HTML tables (Markdown cannot merge
cells) and pictures are saved beside the document. The result is always ``disclosure: withheld``
without a review record: an import never publishes anything by itself. Every part that could not be
determined is returned, for the command to print.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.cli.scaffold import ScaffoldError, next_id, next_index_number, site_model, yaml_quote
from sitegen.diagnostics.core import Diagnostics
from sitegen.load.attachbase import Unreadable, open_zip
from sitegen.load.config import load_config
from sitegen.load.docxlayout import Layout, Para, Table, analyse, level, read_blocks, table_html
from sitegen.model.config import SiteConfig
from sitegen.model.kinds import KIND

_MARKDOWN = re.compile(r"([\\`*_\[\]<>|])")
_HEADING_LIMIT = 40  # a longer "一、……" paragraph is running text, not a heading


@dataclass
class Imported:
    source: Path
    path: Path
    layout: Layout
    unknown: list[tuple[str, str]] = field(default_factory=list)


def _escape(text: str) -> str:
    text = _MARKDOWN.sub(r"\\\1", text)
    return re.sub(r"^(\d+)([.．])", r"\1\\\2", text)  # "1." must not start an ordered list


def _paragraph(text: str, shift: int) -> str:
    depth = level(text)
    lines = text.split("\n")
    if depth is None or depth == 4:
        return "  \n".join(_escape(line) for line in lines)
    heading = len(text) <= _HEADING_LIMIT and "。" not in text.rstrip("。") and "\n" not in text
    if heading:
        return "#" * (depth + 1 + shift) + " " + _escape(text.rstrip("。"))
    lead, stop, rest = text.partition("。")
    if stop and len(lead) <= _HEADING_LIMIT:  # （一）加强组织领导。各镇…: the first sentence is the heading
        return f"**{_escape(lead + stop)}**{_escape(rest)}"
    return _escape(text)


def _markdown(
    blocks: list[Para | Table],
    shift: int,
    doc_id: str,
    folder: Path,
    images: list[Path],
    unknown: list[tuple[str, str]],
) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            out.append(table_html(block))
            continue
        for image in block.images:
            name = f"{doc_id}-{len(images) + 1}{image.suffix}"
            (folder / name).write_bytes(image.data)
            images.append(folder / name)
            if not image.alt:
                unknown.append(
                    (
                        f"图片 {name} 没有替代文字，已写成“图{len(images)}”，请改为图片内容的说明",
                        f"the picture {name} has no alt text; it says 图{len(images)}: describe the picture",
                    )
                )
            out.append(f"![{_escape(image.alt or f'图{len(images)}')}]({name})")
        if block.text:
            out.append(_paragraph(block.text, shift))
    return out


_MARK = re.compile(r"^附件\s*(\d*)$")


def _appendix_sections(layout: Layout) -> list[tuple[str, str, list[Para | Table]]]:
    """The attachments' text after 成文日期, one section per "附件N" mark (or one in all), each with its title:
    the short line under the mark, or the 附件说明 entry."""
    sections: list[tuple[str, list[Para | Table]]] = []
    for block in layout.appendix:
        mark = _MARK.match(block.text) if isinstance(block, Para) and not block.images else None
        if mark is not None or not sections:
            sections.append((f"附件{mark[1]}" if mark else "附件", []))
        if mark is None:
            sections[-1][1].append(block)
    result = []
    for number, (label, blocks) in enumerate(sections, 1):
        index = int(label[2:]) - 1 if label[2:].isdigit() else number - 1
        title = (
            layout.enclosures[index]
            if index < len(layout.enclosures) and (len(sections) > 1 or len(layout.enclosures) == 1)
            else ""
        )
        first = blocks[0] if blocks else None
        if (
            isinstance(first, Para)
            and first.text
            and not first.images
            and level(first.text) is None
            and len(first.text) <= 60
            and not first.text.endswith("。")
        ):
            title = first.text  # the attachment's own title line
            blocks = blocks[1:]
        result.append((label, title, blocks))
    return result


def _enclosure_files(source: Path, titles: list[str]) -> list[Path | None]:
    """The file of each 附件说明 entry, when one beside the Word file is named after it (or 附件N)."""
    beside = [p for p in sorted(source.parent.iterdir()) if p.is_file() and p != source and not p.name.startswith(".")]
    found: list[Path | None] = []
    for number, title in enumerate(titles, 1):
        match = next((p for p in beside if p.stem.strip() == title.strip()), None) or next(
            (p for p in beside if re.match(rf"^附件\s*{number}(?!\d)", p.stem)), None
        )
        found.append(match)
    return found


def _front_matter(
    kind: str,
    layout: Layout,
    config: SiteConfig,
    today: dt.date,
    index_no: str,
    policy: str | None,
    attachments: list[tuple[str, str | None]],
) -> list[str]:
    agencies = [a.name for a in config.agencies]
    issuer = layout.issuer if layout.issuer in agencies else ""
    lines = ["---", f"title: {yaml_quote(layout.title or '（标题待补）')}"]
    if kind == "policy":
        lines += [
            f"doc_number: {yaml_quote(layout.doc_number)}"
            if layout.doc_number
            else "doc_number:    # 发文字号：未能识别",
            f"issuer: {yaml_quote(issuer)}"
            if issuer
            else f"issuer: {yaml_quote(layout.issuer or agencies[0])}    # 请核对：须为 site.yaml agencies 中的名称",
            f"written: {layout.written.isoformat()}    # 成文日期"
            if layout.written
            else f"written: {today.isoformat()}    # 成文日期：未能识别，请按原件填写",
            f"published: {today.isoformat()}    # 发布日期：审核通过、实际发布的那天",
        ]
        if layout.addressees:
            lines.append(f"addressees: {yaml_quote(layout.addressees)}")
    else:
        lines += [
            f"policy: {policy}",
            "form: text",
            f"issuer: {yaml_quote(issuer or agencies[0])}",
            f"published: {today.isoformat()}    # 发布日期：应与政策文件同步（三同步）",
        ]
    lines.append(f"index_no: {yaml_quote(index_no)}    # 索引号：已写入，今后不变")
    if kind == "policy":
        lines += ["topics: []    # 主题分类", 'catalog: []   # 所属目录事项编码，例如 ["020101"]']
    present = [(title, name) for title, name in attachments if name]
    if present:
        lines.append("attachments:")
        lines += [f"  - {{title: {yaml_quote(title)}, file: {yaml_quote(name)}}}" for title, name in present]
    for title, name in attachments:
        if not name:
            lines.append(f"# 附件说明中的“{title}”：把文件放在本文件旁边后加入 attachments")
    if layout.note:
        lines.append(f"# 附注：{layout.note}")
    lines += [f"# 版记：{line}" for line in layout.imprint]
    lines += [
        "# 导入的文件一律为草稿：核对全文、完成保密审查后填写 review，并把 disclosure 改为 public。",
        "disclosure: withheld",
        "review:",
        "---",
        "",
    ]
    return lines


def import_document(
    source: Path,
    config: SiteConfig,
    kind: str,
    policy: str | None,
    folder: Path | None,
    today: dt.date,
    session: dict[str, set[str]] | None = None,
) -> Imported:
    """Import one file; ``session`` holds the ids and index numbers given earlier in the same run."""
    session = session if session is not None else {"ids": set(), "numbers": set()}
    if source.suffix.lower() != ".docx":
        raise ScaffoldError(
            f"{source}：只能导入 .docx 文件（.doc/.wps 请先在 Word 或 WPS 中另存为 .docx）。\n"
            f"{source}: only .docx files can be imported (save .doc/.wps as .docx first)."
        )
    try:
        data = source.read_bytes()
        open_zip(data)  # refuses encrypted files, zip bombs and oversized parts before python-docx reads them
        layout = analyse(read_blocks(data))
    except (OSError, Unreadable, KeyError, ValueError) as exc:
        raise ScaffoldError(f"{source}：无法读取（{exc}）。\n{source}: cannot be read ({exc}).") from None
    except Exception as exc:  # noqa: BLE001 - python-docx on a damaged file: a message, never a traceback
        raise ScaffoldError(
            f"{source}：文件已损坏或不是 Word 文档（{type(exc).__name__}）。\n"
            f"{source}: damaged or not a Word document ({type(exc).__name__})."
        ) from None
    model = site_model(config)
    year = (layout.written or today).year
    target = folder or config.content_dir / KIND[kind].section / str(today.year)
    target.mkdir(parents=True, exist_ok=True)
    taken = set(session["ids"]) | {p.stem for p in target.glob("*.md")}
    doc_id = next_id(model, kind, today.year, frozenset(taken))
    session["ids"].add(doc_id)
    unknown = list(layout.unknown)
    if layout.issuer and layout.issuer not in [a.name for a in config.agencies]:
        unknown.append(
            (
                f"发文机关“{layout.issuer}”不在 site.yaml 的 agencies 中",
                f"the issuer {layout.issuer} is not listed under agencies in site.yaml",
            )
        )
    attachments: list[tuple[str, str | None]] = []
    for title, path in zip(layout.enclosures, _enclosure_files(source, layout.enclosures), strict=True):
        if path is not None:
            shutil.copy2(path, target / path.name)
        else:
            unknown.append((f"附件“{title}”的文件", f"the file of the attachment {title}"))
        attachments.append((title, path.name if path else None))
    images: list[Path] = []
    body = _markdown(layout.body, 0, doc_id, target, images, unknown)
    for label, title, blocks in _appendix_sections(layout):
        body.append(f"## {label}" + (f"：{_escape(title)}" if title else ""))
        body += _markdown(blocks, 1, doc_id, target, images, unknown)
    index_no = next_index_number(model, today.year if kind != "policy" else year, frozenset(session["numbers"]))
    session["numbers"].add(index_no)
    text = "\n".join(_front_matter(kind, layout, config, today, index_no, policy, attachments)) + "\n\n".join(body)
    path = target / f"{doc_id}.md"
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    return Imported(source, path, layout, unknown)


def import_documents(
    config_path: Path, sources: list[Path], kind: str, policy: str | None, folder: Path | None, today: dt.date
) -> list[Imported]:
    diags = Diagnostics(Path(config_path).resolve().parent)
    config = load_config(Path(config_path), diags)
    if config is None or diags.errors:
        raise ScaffoldError(diags.format(colour=False))
    if kind == "interpretation" and (policy is None or policy not in site_model(config).policies):
        raise ScaffoldError("导入解读须用 --policy 指定已有政策文件的 id。Name an existing policy with --policy.")
    session: dict[str, set[str]] = {"ids": set(), "numbers": set()}
    return [import_document(Path(source), config, kind, policy, folder, today, session) for source in sources]
