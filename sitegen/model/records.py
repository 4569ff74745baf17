"""The site's typed records. Pure data: no I/O, no rendering.

Front-matter keys are declared here, once, with :func:`sitegen.model.spec.key`: converter, required-ness,
Chinese label and documentation. The loaders' schemas and the key tables of docs/content.md come from them.
In a key's documentation ``<section>`` stands for the kind's section (``policies`` ...).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from sitegen.model import values as v
from sitegen.model.entries import (
    FEEDBACK_RESULTS,
    Allowance,
    Attachment,
    Feedback,
    FeedbackItem,
    PackageStep,
    Review,
    allowances,
    attachments,
    email,
    feedback,
    package_steps,
    review,
)
from sitegen.model.spec import key, record

__all__ = [
    "FEEDBACK_RESULTS",
    "Allowance",
    "Attachment",
    "Feedback",
    "FeedbackItem",
    "PackageStep",
    "Review",
]  # re-exported

VALIDITY = {"in_force": "现行有效", "amended": "已修改", "repealed": "已废止", "expired": "已失效"}
DISCLOSURE = {"public": "主动公开", "on_request": "依申请公开", "withheld": "不予公开"}
FORMS = {"text": "文字解读", "chart": "图解", "video": "视频解读", "qa": "问答"}


@record
class Document:
    id: str = key(v.identifier, "标识", "页面地址 `/<section>/<id>/`，默认取文件名；只能用字母、数字、`-`、`_`")
    source: Path
    title: str = key(v.text, "标题", required=True)
    disclosure: str = key(v.enum(DISCLOSURE), "公开属性", "没有默认值", required=True)
    review: Review | None = key(
        review,
        "发布前审核（含保密审查）记录",
        "`{date: 2025-03-12, by: 审核单位}`，日期不得晚于发布日期",
        required_doc="主动公开时必填",
    )
    body: str
    body_line: int
    published: dt.date | None = key(v.date, "发布日期", default=None)
    allow_personal_data: list[Allowance] = key(
        allowances,
        "依法需要公开的个人信息豁免",
        "`- {value: 完整匹配值, reason: 法律依据}`；附件中的号码加 `attachment: 文件名`",
        default_factory=list,
    )
    catalog: list[str] = key(v.text_list, "所属目录事项编码列表", "最末级事项", default_factory=list)
    meta_lines: dict[str, int] = field(default_factory=dict)
    text_digest: str = ""  # of the source text parsed (SourceText.digest); "" when not made from a file
    aliases: list[str] = key(
        v.aliases,
        "旧地址（别名）",
        "`[/art/2024/6/21/art_1.html, /old/policy/]`：每个旧地址跳转到本页（301 和静态跳转页），见“别名与撤回”",
        default_factory=list,
    )

    # Each kind's record names its kind and section; the rest of its declaration is in sitegen.model.kinds.
    kind: ClassVar[str] = "document"
    section: ClassVar[str] = ""

    @property
    def url(self) -> str:
        return f"/{self.section}/{self.id}/"

    @property
    def is_public(self) -> bool:
        return self.disclosure == "public" and self.review is not None

    @property
    def shown_date(self) -> dt.date | None:
        """The date its page shows (PubDate, search sort): a page need not give a publication date, and then its
        review date stands in. None only for an unreviewed page without one, which only the drafts preview shows."""
        return self.published or (self.review.date if self.review else None)

    def line_of(self, key: str) -> int | None:
        return self.meta_lines.get(key)


@record
class Policy(Document):
    published: dt.date = key(v.date, "发布日期", required=True)
    catalog: list[str] = key(v.text_list, "所属目录事项编码列表", "最末级事项", required=True, default_factory=list)
    doc_number: str | None = key(v.text, "发文字号", '例如 `"示政办发〔2025〕12号"`（加引号）', default=None)
    issuer: str = key(v.text, "发文机关", "必须是 site.yaml `agencies` 中的名称", required=True, default="")
    written: dt.date = key(v.date, "成文日期", required=True)
    index_no: str | None = key(
        v.text,
        "索引号",
        "`sitegen new`、`sitegen import` 会写入文件；省略时按 site.yaml 的模板（如 `{org_code}/{year}-{seq:05d}`）"
        "按发布日期顺序生成（警告 SG423），运行 `sitegen number` 写入文件后不再变化；"
        "必须符合模板（机构代码、本文件年份、序号），"
        "全站唯一",
        default=None,
    )
    addressees: str = key(v.text, "主送机关", "如“各镇人民政府、各街道办事处，区直各部门”；显示在正文之前", default="")
    topics: list[str] = key(v.text_list, "主题分类列表", "取自 site.yaml `topics`（名称或 slug）", default_factory=list)
    validity: str = key(v.enum(VALIDITY), "有效性", "默认 `in_force`", default="in_force")
    amended_by: str | None = key(v.identifier, "修改本文件的政策文件 id", "`amended` 时填写", default=None)
    replaced_by: str | None = key(v.identifier, "替代本文件的政策文件 id", "`repealed` 时填写", default=None)
    attachments: list[Attachment] = key(
        attachments,
        "附件列表",
        "`- {title: 附件名称, file: 文件名.pdf}`；文件放在文档旁或 `content/attachments/`",
        default_factory=list,
    )
    interpretation_required: bool = key(
        v.boolean,
        "是否需要解读",
        "默认 `true`（三同步）；为 `false` 时必须填写 `no_interpretation_reason`",
        default=True,
    )
    no_interpretation_reason: str | None = key(v.text, "不解读的理由", default=None)
    review_by: dt.date | None = key(v.date, "定期清理日期", "过期仍为现行有效时给出警告", default=None)
    keywords: list[str] = key(v.text_list, "关键词列表", "页面 Keywords 元数据和搜索", default_factory=list)

    kind: ClassVar[str] = "policy"
    section: ClassVar[str] = "policies"

    @property
    def validity_label(self) -> str:
        return VALIDITY[self.validity]


@record
class Interpretation(Document):
    published: dt.date = key(v.date, "发布日期", "晚于政策文件 3 个工作日以上给出警告", required=True)
    catalog: list[str] = key(
        v.text_list, "所属目录事项编码列表", "可选，解读默认通过其政策文件关联目录", default_factory=list
    )
    policy: str = key(v.identifier, "所解读政策文件的 id", required=True, default="")
    form: str = key(v.enum(FORMS), "解读形式", "图解须为每张图片写出完整的替代文本", required=True, default="text")
    issuer: str = key(v.text, "解读机关", "site.yaml `agencies` 中的名称", required=True, default="")
    index_no: str | None = key(v.text, "索引号", "同政策文件", default=None)
    attachments: list[Attachment] = key(attachments, "附件列表", "同政策文件", default_factory=list)

    kind: ClassVar[str] = "interpretation"
    section: ClassVar[str] = "interpretations"

    @property
    def form_label(self) -> str:
        return FORMS[self.form]


@record
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


@record
class Consultation(Document):
    # Never None once constructed: an omitted date (None from the loader) becomes ``opens`` in __post_init__.
    published: dt.date = key(v.date, "发布日期", "提前公告时填写，开始之前列在“即将开始”；默认为 `opens`", default=None)
    issuer: str = key(v.text, "征集单位", "site.yaml `agencies` 中的名称", required=True, default="")
    opens: dt.date = key(v.date, "开始日期", required=True)
    closes: dt.date = key(
        v.date, "截止日期", "当天仍可提交；期限一般不少于 30 日。列表页按构建日期计算“还剩 N 天”", required=True
    )
    index_no: str | None = key(v.text, "索引号", "同政策文件", default=None)
    topics: list[str] = key(v.text_list, "主题分类列表", "同政策文件", default_factory=list)
    email: str | None = key(email, "接收意见的电子邮箱", required_doc="`email`、`address` 至少一项", default=None)
    address: str | None = key(v.text, "接收意见的信函地址", required_doc="`email`、`address` 至少一项", default=None)
    phone: str | None = key(v.text, "咨询电话", "必须是 site.yaml `public_phones` 中的办公电话", default=None)
    policy: str | None = key(v.identifier, "据此出台的政策文件 id", "政策文件页面反向链接到本次征集", default=None)
    attachments: list[Attachment] = key(
        attachments, "附件列表", "征求意见稿本身作为附件；同政策文件", default_factory=list
    )
    feedback: Feedback | None = key(
        feedback,
        "意见采纳情况",
        "`{date: 公布日期, received: 收到条数, adopted: 采纳, partly_adopted: 部分采纳, not_adopted: 未采纳, "
        "summary: 总体说明, items: [{opinion: 意见摘要, result: 采纳/部分采纳/未采纳, reason: 理由}]}`；"
        "各项之和须等于 `received`，未采纳须写理由，"
        "只写意见内容、不写提意见人；`date` 晚于构建日期的采纳情况按时发布，到该日期才出现在网站、订阅和数据中",
        required_doc="结束后",
        default=None,
    )

    kind: ClassVar[str] = "consultation"
    section: ClassVar[str] = "consultations"

    def __post_init__(self) -> None:
        if self.published is None:  # the draft is published when comments open
            self.published = self.opens

    def status(self, today: dt.date) -> str:
        if today < self.opens:
            return "upcoming"
        return "open" if today <= self.closes else "closed"

    def days_left(self, today: dt.date) -> int:
        """Days from ``today`` to the closing day; 0 on the closing day itself."""
        return (self.closes - today).days


@record
class Event(Document):
    title: str = key(v.text, "活动主题", required=True)
    published: dt.date = key(v.date, "发布日期", required=True)
    issuer: str = key(v.text, "主办单位", "site.yaml `agencies` 中的名称", required=True, default="")
    # Local time of the site (UTC+8).
    starts: dt.datetime = key(v.date_time, "开展时间", '写成 `"2026-12-05 09:00"`（北京时间）', required=True)
    ends: dt.datetime = key(v.date_time, "结束时间", "写法同 `starts`", required=True)
    location: str = key(v.text, "开展地点", required=True, default="")
    audience: str = key(v.text, "活动对象", "例如 群众代表20人", required=True, default="")
    registration: str = key(v.text, "报名方式", "不需要报名的省略", default="")  # the national form allows none
    contact: str = key(v.text, "联系人", "写单位或科室，不写个人姓名", required=True, default="")
    phone: str = key(v.text, "联系方式", "site.yaml `public_phones` 中的办公电话", required=True, default="")
    index_no: str | None = key(v.text, "索引号", "同政策文件", default=None)
    topics: list[str] = key(v.text_list, "主题分类列表", "同政策文件", default_factory=list)
    attachments: list[Attachment] = key(attachments, "附件列表", "同政策文件", default_factory=list)

    kind: ClassVar[str] = "event"
    section: ClassVar[str] = "events"

    def is_past(self, today: dt.date) -> bool:
        return self.ends.date() < today


def report_year(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2008 <= value <= 2100:
        raise v.FieldError(
            f"统计年度“{value}”无效。",
            f'Invalid report year "{value}".',
            "写成四位数年份，例如 2025。",
            "Write a four-digit year, e.g. 2025.",
        )
    return value


def _table(name: str) -> v.Converter:
    """A table of the report: a mapping, read row by row by the report's loader."""
    return lambda value: v.check_mapping(value, name, name)


@dataclass(frozen=True)
class NormativeCounts:
    """行政规范性文件 in table 二: issued this year, repealed this year, in force at the year's end."""

    issued: int
    repealed: int
    in_force: int


@record
class AnnualReport(Document):
    """政府信息公开工作年度报告 in the national format (国办公开办函〔2021〕30号); cells by row key."""

    id: str  # the year, from ``year``: not a key of its own
    title: str = key(v.text, "标题", "省略时为“<发文机关><年>年政府信息公开工作年度报告”")
    published: dt.date = key(v.date, "发布日期", "次年1月31日前", required=True)
    year: int = key(report_year, "统计年度", "四位数年份", required=True, default=0)
    issuer: str = key(v.text, "发布机关", "site.yaml `agencies` 中的名称", required=True, default="")
    index_no: str | None = key(v.text, "索引号", "同政策文件", default=None)
    overview: str = key(v.text, "一、总体情况", "纯文本，空行分段", required=True, default="")
    problems: str = key(v.text, "五、存在的主要问题及改进情况", required=True, default="")
    other: str = key(v.text, "六、其他需要报告的事项", required=True, default="")
    # 二: row key -> counts or amount (the key is read into proactive, normative_catalog and normative_*).
    proactive: dict[str, object] = key(
        _table("proactive"), "二、主动公开政府信息情况", "见下面的示例", required=True, default_factory=dict
    )
    normative_catalog: str = ""  # catalog node whose items hold the 行政规范性文件
    normative_override: NormativeCounts | None = None
    normative_reason: str | None = None
    applications: dict[str, list[int]] = key(
        _table("applications"),
        "三、收到和处理政府信息公开申请情况",
        "每行按列顺序写数字，总计可以省略",
        required=True,
        default_factory=dict,
    )  # row key -> 6 columns (+ total)
    appeals: dict[str, list[int]] = key(
        _table("appeals"),
        "四、政府信息公开行政复议、行政诉讼情况",
        "每行按列顺序写数字，总计可以省略",
        required=True,
        default_factory=dict,
    )  # row key -> 4 columns (+ total)
    cell_lines: dict[str, int] = field(default_factory=dict)  # "table.row" -> line in the YAML

    kind: ClassVar[str] = "report"
    section: ClassVar[str] = "reports"


@record
class PolicyPackage(Document):
    """政策服务包: the policies, interpretations and catalog items of one event (高效办成一件事), with its steps."""

    title: str = key(v.text, "名称", "如“新生儿出生一件事”", required=True)
    published: dt.date = key(v.date, "发布（更新）日期", required=True)
    # A package lists catalog items (catalog_items); it is not one's content, so ``catalog`` is no key of it.
    catalog: list[str] = field(default_factory=list)
    summary: str = key(v.text, "面向群众的一句话说明", "列表页和页面描述", required=True, default="")
    audience: str = key(v.text, "适用对象", required=True, default="")
    issuer: str = key(
        v.text, "牵头单位", "必须是 site.yaml `agencies` 中的名称（否则 SG062），页面上链接到机关页", default=""
    )  # optional
    topics: list[str] = key(v.text_list, "主题分类", "搜索筛选", default_factory=list)
    steps: list[PackageStep] = key(
        package_steps,
        "办事步骤列表",
        "每步 `{title: 步骤名称, prepare: [准备材料…], where: 办理地点或渠道, time_limit: 办理时限, note: 提示}`；"
        "`title`、`where` 必填",
        required=True,
        default_factory=list,
    )
    policies: list[str] = key(v.text_list, "相关政策文件的 id 列表", default_factory=list)
    interpretations: list[str] = key(
        v.text_list, "相关政策解读的 id 列表", "其中的问答也列在服务包页面的“常见问题”中", default_factory=list
    )
    catalog_items: list[str] = key(v.text_list, "相关目录事项编码列表", "最末级事项，加引号", default_factory=list)

    kind: ClassVar[str] = "package"
    section: ClassVar[str] = "packages"


# The kinds whose records always carry a publication date (a page's is optional): what feeds hold.
Dated = Policy | Interpretation | Consultation | Event | AnnualReport | PolicyPackage
