"""Loading policies, interpretations and pages from content/ into typed records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitegen.diagnostics.codes import SG010_ATTACHMENT, SG032_FILE_NAME, SG040, SG041, SG070_ATTACHMENT
from sitegen.diagnostics.core import Diagnostics
from sitegen.load import fields as f
from sitegen.load.frontmatter import parse
from sitegen.load.sources import inside, read_text
from sitegen.model.config import SiteConfig
from sitegen.model.records import (
    DISCLOSURE,
    FORMS,
    VALIDITY,
    Allowance,
    Attachment,
    Document,
    Review,
)
from sitegen.model.urls import disallowed_scheme

ATTACHMENT_KINDS = {
    ".pdf": "PDF", ".ofd": "OFD", ".doc": "Word", ".docx": "Word", ".wps": "WPS",
    ".xls": "Excel", ".xlsx": "Excel", ".et": "WPS表格", ".ppt": "PPT", ".pptx": "PPT",
    ".zip": "ZIP", ".rar": "RAR", ".txt": "TXT", ".csv": "CSV",
    ".jpg": "JPG", ".jpeg": "JPG", ".png": "PNG",
}


def _review(value: Any) -> Review:
    mapping = f.check_mapping(value, "审核记录 review", "review")
    missing = [k for k in ("date", "by") if mapping.get(k) is None]
    if missing:
        raise f.FieldError(f"审核记录缺少 {'、'.join(missing)}。", f"The review lacks {', '.join(missing)}.",
                           "写成 review: {date: 2024-03-01, by: 区政府办公室保密审查小组}。",
                           "Write review: {date: 2024-03-01, by: <reviewing unit>}.")
    return Review(date=f.date(mapping["date"]), by=f.text(mapping["by"]))


def _attachments(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        raise f.FieldError("附件应为列表，每项含 title 和 file。", "attachments must be a list of {title, file}.",
                           "写成 - {title: 附件名称, file: 文件名.pdf}。", "Write - {title: ..., file: name.pdf}.")
    items = []
    for entry in value:
        entry = f.check_mapping(entry, "附件", "An attachment")
        items.append({"title": f.text(entry.get("title")), "file": f.text(entry.get("file"))})
    return items


def _allowances(value: Any) -> list[Allowance]:
    if not isinstance(value, list):
        raise f.FieldError("应为列表，每项含 value 和 reason。", "Must be a list of {value, reason}.",
                           "写成 - {value: 完整号码, reason: 公开的法律依据}；附件中的号码再加 attachment: 文件名。",
                           "Write - {value: <the number>, reason: <legal basis>}, plus attachment: <file name> for "
                           "a number inside an attachment.")
    result = []
    for entry in value:
        entry = f.check_mapping(entry, "豁免项", "An allowance")
        attachment = entry.get("attachment")
        result.append(Allowance(value=f.text(entry.get("value")), reason=f.text(entry.get("reason")),
                                attachment=f.text(attachment) if attachment is not None else None))
    return result


COMMON: dict[str, f.Field] = {
    "id": f.Field(f.identifier),
    "title": f.Field(f.text, required=True),
    "disclosure": f.Field(f.enum(DISCLOSURE), required=True),
    "review": f.Field(_review),
    "allow_personal_data": f.Field(_allowances),
    "catalog": f.Field(f.text_list),
}

POLICY_SCHEMA: dict[str, f.Field] = {
    **COMMON,
    "doc_number": f.Field(f.text),
    "issuer": f.Field(f.text, required=True),
    "written": f.Field(f.date, required=True),
    "published": f.Field(f.date, required=True),
    "index_no": f.Field(f.text),
    "addressees": f.Field(f.text),
    "topics": f.Field(f.text_list),
    "catalog": f.Field(f.text_list, required=True),
    "validity": f.Field(f.enum(VALIDITY)),
    "amended_by": f.Field(f.identifier),
    "replaced_by": f.Field(f.identifier),
    "attachments": f.Field(_attachments),
    "interpretation_required": f.Field(f.boolean),
    "no_interpretation_reason": f.Field(f.text),
    "review_by": f.Field(f.date),
    "keywords": f.Field(f.text_list),
}

INTERPRETATION_SCHEMA: dict[str, f.Field] = {
    **COMMON,
    "policy": f.Field(f.identifier, required=True),
    "form": f.Field(f.enum(FORMS), required=True),
    "issuer": f.Field(f.text, required=True),
    "published": f.Field(f.date, required=True),
    "index_no": f.Field(f.text),
    "attachments": f.Field(_attachments),
}

PAGE_SCHEMA: dict[str, f.Field] = {**COMMON, "published": f.Field(f.date)}


def _resolve_attachments(doc_path: Path, items: list[dict[str, str]], config: SiteConfig,
                         line: int | None, diags: Diagnostics) -> list[Attachment]:
    result: list[Attachment] = []
    for item in items:
        name = item["file"]
        if disallowed_scheme(name):
            diags.report(SG070_ATTACHMENT, doc_path, line=line, name=name[:80])
            continue
        candidates = [doc_path.parent / name, config.content_dir / "attachments" / name]
        plain = "/" not in name and "\\" not in name and not name.startswith(".")
        found = next((c for c in candidates if c.is_file()), None) if plain else None
        if found is not None and not inside(found, config.content_dir):
            diags.report(SG010_ATTACHMENT, doc_path, line=line, name=name)
            continue
        if found is None:
            diags.report(SG040, doc_path, line=line, name=name)
            continue
        kind = ATTACHMENT_KINDS.get(found.suffix.lower())
        if kind is None:
            diags.report(SG041, doc_path, line=line, name=name, kinds=sorted(ATTACHMENT_KINDS))
            continue
        result.append(Attachment(item["title"], found, found.name, found.stat().st_size, kind))
    return result


def load_document(path: Path, cls: type[Document], schema: dict[str, f.Field], config: SiteConfig,
                  diags: Diagnostics) -> Document | None:
    source = read_text(path, diags)
    if source is None:
        return None
    parsed = parse(source, diags)
    if parsed is None:
        return None
    values = f.apply_schema(parsed.meta, schema, path, diags)
    if values is None:
        return None
    if "id" not in values:
        try:
            values["id"] = f.identifier(path.stem)
        except f.FieldError as exc:
            diags.report(SG032_FILE_NAME, path, line=1, problem=exc)
            return None
    if "attachments" in values:
        values["attachments"] = _resolve_attachments(path, values["attachments"], config,
                                                     parsed.meta.line_of("attachments"), diags)
    values.setdefault("review", None)
    return cls(source=path, body=parsed.body, body_line=parsed.body_line,
               meta_lines=dict(parsed.meta.key_lines), **values)
