"""Open data under /data/: the catalog and the policy library as JSON (each with its JSON Schema) and CSV.

Everything comes from the public view, so an export never holds more than the pages show.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sitegen.load.catalog import ELEMENTS
from sitegen.model.kinds import KIND, KINDS
from sitegen.model.records import Attachment, CatalogNode, Document, Policy
from sitegen.model.site import PublicSite, predecessors_by_policy
from sitegen.outputs.memo import OutputMemo
from sitegen.store.staging import StagedOutput

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TEXT = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
_LINK = {
    "type": "object",
    "required": ["id", "url"],
    "additionalProperties": False,
    "properties": {"id": _TEXT, "url": _URL},
}
_SITE = {
    "type": "object",
    "required": ["title", "url"],
    "additionalProperties": False,
    "properties": {"title": _TEXT, "url": _URL},
}


def _schema(name: str, title: str, base: str, properties: dict, required: list[str], defs: dict) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{base}/data/{name}.schema.json",
        "title": title,
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": {"$schema": _URL, **properties},
        "$defs": defs,
    }


def policies_schema(base: str) -> dict[str, Any]:
    attachment = {
        "type": "object",
        "required": ["title", "url", "type", "size"],
        "additionalProperties": False,
        "properties": {"title": _TEXT, "url": _URL, "type": _TEXT, "size": {"type": "integer", "minimum": 0}},
    }
    interpretation = {
        "type": "object",
        "required": ["title", "url", "form", "published"],
        "additionalProperties": False,
        "properties": {"title": _TEXT, "url": _URL, "form": _TEXT, "published": _DATE},
    }
    policy = {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "id",
            "url",
            "title",
            "doc_number",
            "index_no",
            "issuer",
            "written",
            "published",
            "topics",
            "validity",
            "validity_label",
            "amended_by",
            "replaced_by",
            "amends_or_replaces",
            "catalog",
            "keywords",
            "interpretations",
            "consultations",
            "attachments",
        ],
        "properties": {
            "id": _TEXT,
            "url": _URL,
            "title": _TEXT,
            "doc_number": {"type": ["string", "null"]},
            "index_no": _TEXT,
            "issuer": _TEXT,
            "written": _DATE,
            "published": _DATE,
            "topics": {"type": "array", "items": _TEXT},
            "validity": {"enum": ["in_force", "amended", "repealed", "expired"]},
            "validity_label": {"enum": ["现行有效", "已修改", "已废止", "已失效"]},
            "amended_by": {"oneOf": [{"type": "null"}, _LINK]},
            "replaced_by": {"oneOf": [{"type": "null"}, _LINK]},
            "amends_or_replaces": {"type": "array", "items": _LINK},
            "catalog": {"type": "array", "items": _TEXT},
            "keywords": {"type": "array", "items": _TEXT},
            "interpretations": {"type": "array", "items": {"$ref": "#/$defs/interpretation"}},
            "consultations": {"type": "array", "items": _URL},
            "attachments": {"type": "array", "items": {"$ref": "#/$defs/attachment"}},
        },
    }
    return _schema(
        "policies",
        "政策文件库 policy library",
        base,
        {
            "site": _SITE,
            "count": {"type": "integer", "minimum": 0},
            "policies": {"type": "array", "items": {"$ref": "#/$defs/policy"}},
        },
        ["site", "count", "policies"],
        {"policy": policy, "interpretation": interpretation, "attachment": attachment},
    )


def catalog_schema(base: str) -> dict[str, Any]:
    document = {
        "type": "object",
        "required": ["title", "url", "type", "published"],
        "additionalProperties": False,
        "properties": {
            "title": _TEXT,
            "url": _URL,
            "type": {"enum": sorted({kind.label for kind in KINDS})},
            "published": {"oneOf": [{"type": "null"}, _DATE]},
        },
    }
    elements = {
        "type": "object",
        "additionalProperties": False,
        "properties": {key: ({"type": "array", "items": _TEXT} if key == "channels" else _TEXT) for key in ELEMENTS},
    }
    node = {
        "type": "object",
        "required": ["code", "title", "url"],
        "additionalProperties": False,
        "properties": {
            "code": _TEXT,
            "title": _TEXT,
            "url": _URL,
            "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
            "elements": {"$ref": "#/$defs/elements"},
            "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}},
        },
        "oneOf": [
            {"required": ["children"], "not": {"required": ["elements"]}},
            {"required": ["elements", "documents"], "not": {"required": ["children"]}},
        ],
    }
    catalog = {
        "type": "object",
        "required": ["id", "title", "owner", "updated", "nodes"],
        "additionalProperties": False,
        "properties": {
            "id": _TEXT,
            "title": _TEXT,
            "owner": _TEXT,
            "updated": {"oneOf": [{"type": "null"}, _DATE]},
            "nodes": {"type": "array", "items": {"$ref": "#/$defs/node"}},
        },
    }
    return _schema(
        "catalog",
        "主动公开事项目录 disclosure catalog",
        base,
        {
            "site": _SITE,
            "element_names": {"type": "object", "additionalProperties": _TEXT},
            "catalogs": {"type": "array", "items": {"$ref": "#/$defs/catalog"}},
        },
        ["site", "element_names", "catalogs"],
        {"catalog": catalog, "node": node, "elements": elements, "document": document},
    )


def _attachment(base: str, doc: Document, attachment: Attachment) -> dict[str, Any]:
    return {
        "title": attachment.title,
        "url": base + doc.url + attachment.name,
        "type": attachment.kind,
        "size": attachment.size,
    }


def policies_data(site: PublicSite) -> dict[str, Any]:
    base = site.config.base_url
    predecessors_of = predecessors_by_policy(site.policies)

    def link(policy_id: str | None) -> dict[str, str] | None:
        target = site.policy_by_id.get(policy_id or "")
        return {"id": target.id, "url": base + target.url} if target else None

    def record(policy: Policy) -> dict[str, Any]:
        predecessors = predecessors_of.get(policy.id, [])
        return {
            "id": policy.id,
            "url": base + policy.url,
            "title": policy.title,
            "doc_number": policy.doc_number,
            "index_no": policy.index_no,
            "issuer": policy.issuer,
            "written": policy.written.isoformat(),
            "published": policy.published.isoformat(),
            "topics": policy.topics,
            "validity": policy.validity,
            "validity_label": policy.validity_label,
            "amended_by": link(policy.amended_by),
            "replaced_by": link(policy.replaced_by),
            "amends_or_replaces": [{"id": p.id, "url": base + p.url} for p in sorted(predecessors, key=lambda p: p.id)],
            "catalog": policy.catalog,
            "keywords": policy.keywords,
            "interpretations": [
                {"title": i.title, "url": base + i.url, "form": i.form_label, "published": i.published.isoformat()}
                for i in site.interpretations_of.get(policy.id, [])
            ],
            "consultations": [base + c.url for c in site.consultations_of.get(policy.id, [])],
            "attachments": [_attachment(base, policy, a) for a in policy.attachments],
        }

    return {
        "site": {"title": site.config.title, "url": base + "/"},
        "count": len(site.policies),
        "policies": [record(p) for p in site.policies],
    }


def catalog_data(site: PublicSite) -> dict[str, Any]:
    base = site.config.base_url

    def node(code: str) -> dict[str, Any]:
        item: CatalogNode = site.nodes[code]
        data: dict[str, Any] = {"code": item.code, "title": item.title, "url": base + item.url}
        if item.children:
            data["children"] = [node(child) for child in item.children]
        else:
            data["elements"] = dict(item.elements)
            data["documents"] = [
                {
                    "title": d.title,
                    "url": base + d.url,
                    "type": KIND[d.kind].label,
                    "published": d.published.isoformat() if d.published else None,
                }
                for d in site.documents_of.get(item.code, [])
            ]
        return data

    return {
        "site": {"title": site.config.title, "url": base + "/"},
        "element_names": ELEMENTS,
        "catalogs": [
            {
                "id": c.id,
                "title": c.title,
                "owner": c.owner,
                "updated": c.updated.isoformat() if c.updated else None,
                "nodes": [node(code) for code in c.roots],
            }
            for c in site.catalogs
        ],
    }


CSV_COLUMNS = [
    "索引号",
    "标题",
    "发文字号",
    "发文机关",
    "成文日期",
    "发布日期",
    "有效性",
    "主题分类",
    "网址",
    "政策解读",
]


def _cell(value: str) -> str:
    # A leading =, +, - or @ makes spreadsheets evaluate the cell as a formula (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def policies_rows(site: PublicSite) -> list[list[str]]:
    """The CSV's rows below its header, cells as written."""
    base = site.config.base_url
    rows = []
    for p in site.policies:
        interpretations = " ".join(base + i.url for i in site.interpretations_of.get(p.id, []))
        rows.append(
            [
                _cell(v)
                for v in (
                    p.index_no or "",  # linking numbers every policy (its record type cannot tell)
                    p.title,
                    p.doc_number or "",
                    p.issuer,
                    p.written.isoformat(),
                    p.published.isoformat(),
                    p.validity_label,
                    "、".join(p.topics),
                    base + p.url,
                    interpretations,
                )
            ]
        )
    return rows


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    # The byte-order mark lets Excel open UTF-8 Chinese text correctly.
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def policies_csv(site: PublicSite) -> bytes:
    return csv_bytes(policies_rows(site))


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_exports(out: StagedOutput, site: PublicSite, memo: OutputMemo | None = None) -> None:
    """The open data files; ``memo`` keeps those whose data is unchanged and the unchanged records' JSON."""
    memo = memo or OutputMemo()
    base = site.config.base_url
    memo.write_json(out, "/data/policies.json", {"$schema": f"{base}/data/policies.schema.json", **policies_data(site)})
    memo.write(out, "/data/policies.schema.json", base, lambda base: _json(policies_schema(base)))
    memo.write_json(out, "/data/catalog.json", {"$schema": f"{base}/data/catalog.schema.json", **catalog_data(site)})
    memo.write(out, "/data/catalog.schema.json", base, lambda base: _json(catalog_schema(base)))
    memo.write(out, "/data/policies.csv", policies_rows(site), csv_bytes)
