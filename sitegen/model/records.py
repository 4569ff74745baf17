"""The site's typed records. Pure data: no I/O, no rendering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

VALIDITY = {"in_force": "现行有效", "amended": "已修改", "repealed": "已废止", "expired": "已失效"}
DISCLOSURE = {"public": "主动公开", "on_request": "依申请公开", "withheld": "不予公开"}
FORMS = {"text": "文字解读", "chart": "图解", "video": "视频解读", "qa": "问答"}


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
    attachment: str | None = None  # the file name of the attachment it applies to; None: the document's text


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

    # Each kind's record names its kind and section; the rest of its declaration is in sitegen.model.kinds.
    kind: ClassVar[str] = "document"
    section: ClassVar[str] = ""

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
    addressees: str = ""  # 主送机关
    topics: list[str] = field(default_factory=list)
    validity: str = "in_force"
    amended_by: str | None = None
    replaced_by: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    interpretation_required: bool = True
    no_interpretation_reason: str | None = None
    review_by: dt.date | None = None
    keywords: list[str] = field(default_factory=list)

    kind: ClassVar[str] = "policy"
    section: ClassVar[str] = "policies"

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

    kind: ClassVar[str] = "interpretation"
    section: ClassVar[str] = "interpretations"

    @property
    def form_label(self) -> str:
        return FORMS[self.form]


@dataclass
class Page(Document):
    kind: ClassVar[str] = "page"
    section: ClassVar[str] = "pages"


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


# Public participation (意见征集, 政府开放活动) and the annual report. The labels are the site's words.
FEEDBACK_RESULTS = {"adopted": "采纳", "partly_adopted": "部分采纳", "not_adopted": "未采纳"}


@dataclass(frozen=True)
class FeedbackItem:
    opinion: str  # a summary of the comment, never the commenter
    result: str  # a key of FEEDBACK_RESULTS
    reason: str | None = None  # why it was not (fully) adopted

    @property
    def result_label(self) -> str:
        return FEEDBACK_RESULTS[self.result]


@dataclass(frozen=True)
class Feedback:
    """采纳情况: what came of the comments, published after the consultation closed."""

    published: dt.date
    received: int
    adopted: int
    partly_adopted: int
    not_adopted: int
    summary: str | None
    items: list[FeedbackItem]


@dataclass
class Consultation(Document):
    issuer: str = ""
    opens: dt.date | None = None
    closes: dt.date | None = None
    index_no: str | None = None
    topics: list[str] = field(default_factory=list)
    email: str | None = None
    address: str | None = None  # postal address for written comments
    phone: str | None = None
    policy: str | None = None  # the policy adopted after the consultation
    attachments: list[Attachment] = field(default_factory=list)
    feedback: Feedback | None = None

    kind: ClassVar[str] = "consultation"
    section: ClassVar[str] = "consultations"

    def __post_init__(self) -> None:
        self.published = self.published or self.opens  # the draft is published when comments open

    def status(self, today: dt.date) -> str:
        if today < self.opens:
            return "upcoming"
        return "open" if today <= self.closes else "closed"

    def days_left(self, today: dt.date) -> int:
        """Days from ``today`` to the closing day; 0 on the closing day itself."""
        return (self.closes - today).days


@dataclass
class Event(Document):
    issuer: str = ""  # 主办单位
    starts: dt.datetime | None = None  # 开展时间, local time of the site (UTC+8)
    ends: dt.datetime | None = None
    location: str = ""  # 开展地点
    audience: str = ""  # 活动对象
    registration: str = ""  # 报名方式
    contact: str = ""  # 联系人: an office, not a person
    phone: str = ""  # 联系方式: a public office number
    index_no: str | None = None
    topics: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    kind: ClassVar[str] = "event"
    section: ClassVar[str] = "events"

    def is_past(self, today: dt.date) -> bool:
        return self.ends.date() < today


@dataclass(frozen=True)
class NormativeCounts:
    """行政规范性文件 in table 二: issued this year, repealed this year, in force at the year's end."""

    issued: int
    repealed: int
    in_force: int


@dataclass
class AnnualReport(Document):
    """政府信息公开工作年度报告 in the national format (国办公开办函〔2021〕30号); cells by row key."""

    year: int = 0
    issuer: str = ""
    index_no: str | None = None
    overview: str = ""  # 一、总体情况
    problems: str = ""  # 五、存在的主要问题及改进情况
    other: str = ""  # 六、其他需要报告的事项
    proactive: dict[str, object] = field(default_factory=dict)  # 二: row key -> counts or amount
    normative_catalog: str = ""  # catalog node whose items hold the 行政规范性文件
    normative_override: NormativeCounts | None = None
    normative_reason: str | None = None
    applications: dict[str, list[int]] = field(default_factory=dict)  # 三: row key -> 6 columns (+ total)
    appeals: dict[str, list[int]] = field(default_factory=dict)  # 四: row key -> 4 columns (+ total)
    cell_lines: dict[str, int] = field(default_factory=dict)  # "table.row" -> line in the YAML

    kind: ClassVar[str] = "report"
    section: ClassVar[str] = "reports"


@dataclass(frozen=True)
class PackageStep:
    """One step of a life or business event (办事步骤): what to do, what to prepare, and where."""

    title: str
    prepare: list[str]  # 准备材料
    where: str  # 办理地点或渠道
    time_limit: str | None = None  # 办理时限
    note: str | None = None


@dataclass
class PolicyPackage(Document):
    """政策服务包: the policies, interpretations and catalog items of one event (高效办成一件事), with its steps."""

    summary: str = ""
    audience: str = ""
    issuer: str = ""  # 牵头单位, optional
    topics: list[str] = field(default_factory=list)
    steps: list[PackageStep] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    interpretations: list[str] = field(default_factory=list)
    catalog_items: list[str] = field(default_factory=list)

    kind: ClassVar[str] = "package"
    section: ClassVar[str] = "packages"
