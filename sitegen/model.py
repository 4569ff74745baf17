"""The site's typed records. Pure data: no I/O, no rendering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

VALIDITY = {"in_force": "现行有效", "amended": "已修改", "repealed": "已废止", "expired": "已失效"}
DISCLOSURE = {"public": "主动公开", "on_request": "依申请公开", "withheld": "不予公开"}
FORMS = {"text": "文字解读", "chart": "图解", "video": "视频解读", "qa": "问答"}
KIND_LABELS = {"policy": "政策文件", "interpretation": "政策解读", "page": "页面", "catalog": "目录事项"}


@dataclass(frozen=True)
class Review:
    date: dt.date
    by: str


@dataclass(frozen=True)
class Attachment:
    title: str
    source: Path
    name: str  # output file name, beside the document's page
    size: int
    kind: str  # PDF, Word, Excel, OFD ...


@dataclass(frozen=True)
class Allowance:
    """An editor's explicit permission to publish one specific personal-data match."""

    value: str
    reason: str


@dataclass
class Document:
    id: str
    source: Path
    title: str
    disclosure: str
    review: Review | None
    body: str
    body_line: int
    published: dt.date | None = None
    allow_personal_data: list[Allowance] = field(default_factory=list)
    catalog: list[str] = field(default_factory=list)
    meta_lines: dict[str, int] = field(default_factory=dict)

    kind = "document"
    section = ""

    @property
    def url(self) -> str:
        return f"/{self.section}/{self.id}/"

    @property
    def is_public(self) -> bool:
        return self.disclosure == "public" and self.review is not None

    def line_of(self, key: str) -> int | None:
        return self.meta_lines.get(key)


@dataclass
class Policy(Document):
    doc_number: str | None = None
    issuer: str = ""
    written: dt.date | None = None
    index_no: str | None = None
    topics: list[str] = field(default_factory=list)
    validity: str = "in_force"
    amended_by: str | None = None
    replaced_by: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    interpretation_required: bool = True
    no_interpretation_reason: str | None = None
    review_by: dt.date | None = None
    keywords: list[str] = field(default_factory=list)

    kind = "policy"
    section = "policies"

    @property
    def validity_label(self) -> str:
        return VALIDITY[self.validity]


@dataclass
class Interpretation(Document):
    policy: str = ""
    form: str = "text"
    issuer: str = ""
    index_no: str | None = None
    attachments: list[Attachment] = field(default_factory=list)

    kind = "interpretation"
    section = "interpretations"

    @property
    def form_label(self) -> str:
        return FORMS[self.form]


@dataclass
class Page(Document):
    kind = "page"
    section = "pages"


@dataclass
class CatalogNode:
    code: str
    title: str
    source: Path
    line: int
    catalog_id: str
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    elements: dict[str, object] = field(default_factory=dict)  # the 事项 elements of a leaf

    @property
    def is_item(self) -> bool:
        return not self.children

    @property
    def url(self) -> str:
        return f"/catalog/{self.code}/"


@dataclass
class Catalog:
    id: str
    title: str
    owner: str
    source: Path
    updated: dt.date | None
    roots: list[str]


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str

    @property
    def url(self) -> str:
        return f"/topics/{self.slug}/"


@dataclass(frozen=True)
class Agency:
    slug: str
    name: str

    @property
    def url(self) -> str:
        return f"/agencies/{self.slug}/"
