"""Loading a Markdown document (any kind written in Markdown) from content/ into its typed record.

The front matter is checked against the keys its record declares (:func:`sitegen.model.spec.schema`).
"""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.diagnostics.codes import SG010_ATTACHMENT, SG032_FILE_NAME, SG040, SG041, SG070_ATTACHMENT
from sitegen.diagnostics.core import Diagnostics
from sitegen.load import fields as f
from sitegen.load.frontmatter import parse
from sitegen.load.sources import MAX_SOURCE_BYTES, inside, read_text
from sitegen.model.config import SiteConfig
from sitegen.model.records import Attachment, Document
from sitegen.model.urls import disallowed_scheme

ATTACHMENT_KINDS = {
    ".pdf": "PDF",
    ".ofd": "OFD",
    ".doc": "Word",
    ".docx": "Word",
    ".wps": "WPS",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".et": "WPS表格",
    ".ppt": "PPT",
    ".pptx": "PPT",
    ".zip": "ZIP",
    ".rar": "RAR",
    ".txt": "TXT",
    ".csv": "CSV",
    ".jpg": "JPG",
    ".jpeg": "JPG",
    ".png": "PNG",
}


def _resolve_attachments(
    doc_path: Path, items: list[dict[str, str]], config: SiteConfig, line: int | None, diags: Diagnostics
) -> list[Attachment]:
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


def load_document(
    path: Path, cls: type[Document], schema: dict[str, f.Field], config: SiteConfig, diags: Diagnostics
) -> Document | None:
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
        values["attachments"] = _resolve_attachments(
            path, values["attachments"], config, parsed.meta.line_of("attachments"), diags
        )
    values.setdefault("review", None)
    return cls(
        source=path,
        body=parsed.body,
        body_line=parsed.body_line,
        meta_lines=dict(parsed.meta.key_lines),
        text_digest=source.digest,
        **values,
    )


_ID_LINE = re.compile(r"^id\s*[:：]\s*[\"']?([\w.-]+)", re.M)
_CATALOG_LINE = re.compile(r"^catalog\s*[:：](.*(?:\n[ \t]*-.*)*)", re.M)  # a flow or a block list
_POLICY_LINE = re.compile(r"^policy\s*[:：]\s*[\"']?([\w.-]+)", re.M)


def reference_keys(path: Path, folder: str) -> list[str]:
    """What other files may call a document that failed to load (see ``Diagnostics.unloadable``): its id (the
    file name, or ``id:``), ``catalog:CODE`` for each catalog item it was filed under and, for an interpretation,
    ``interpretation-of:POLICY``. Read line by line from the raw bytes, since its YAML or encoding may be what
    failed."""
    keys = [path.stem]
    try:
        with path.open("rb") as stream:
            text = stream.read(MAX_SOURCE_BYTES).decode("utf-8", "replace")
    except OSError:
        return keys
    head = text.split("\n---", 1)[0]  # the front matter (or as much as there is of it)
    keys += _ID_LINE.findall(head)
    for listed in _CATALOG_LINE.findall(head):
        keys += [f"catalog:{code}" for code in re.findall(r"[0-9A-Za-z]+", listed)]
    if folder == "interpretations":
        keys += [f"interpretation-of:{policy}" for policy in _POLICY_LINE.findall(head)]
    return keys
