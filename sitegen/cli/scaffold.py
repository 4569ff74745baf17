"""`sitegen new`: a new document with complete front matter, created as a draft that is not yet public.

A public item needs a review record (先审后发), so the new file starts as ``disclosure: withheld``
with an empty ``review``: the build passes and publishes nothing until the editor has the review done,
fills it in and sets ``disclosure: public``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from sitegen.checks.identifiers import index_pattern
from sitegen.diagnostics.core import Diagnostics
from sitegen.load.catalog import load_catalogs
from sitegen.load.config import load_config
from sitegen.load.documents import load_sources
from sitegen.load.fields import FieldError, identifier
from sitegen.model.config import SiteConfig
from sitegen.model.kinds import KIND, KINDS
from sitegen.model.site import SiteModel, link

# The kinds `sitegen new` offers: those whose declaration gives a body to start with.
NEW_KINDS = [kind.name for kind in KINDS if kind.new_body is not None]
CONSULTATION_DAYS = 30  # the usual minimum period, counting the first and the last day


class ScaffoldError(Exception):
    """The file cannot be created; the message is bilingual."""


@dataclass(frozen=True)
class Created:
    path: Path
    index_no: str


def site_model(config: SiteConfig) -> SiteModel:
    # Problems in other files do not stop the editor from starting a new one; the build reports them.
    diags = Diagnostics(config.root)
    documents = load_sources(config, diags)
    catalogs, nodes = load_catalogs(config, diags)
    return link(config, documents, catalogs, nodes, diags)


def next_index_number(model: SiteModel, year: int, also_taken: frozenset[str] = frozenset()) -> str:
    """The number after the highest of ``year`` (written or generated): a freed number is never given again,
    so a link to a deleted document's number can never lead to another document."""
    config = model.config
    pattern = index_pattern(config)
    taken = {number for doc in model.documents() if (number := getattr(doc, "index_no", None))} | also_taken
    seqs = [int(m["seq"]) for number in taken if (m := pattern.match(number)) and int(m["year"]) == year]
    seq = max(seqs, default=0) + 1
    while (candidate := config.index_template.format(org_code=config.org_code, year=year, seq=seq)) in taken:
        seq += 1
    return candidate


def write_index_number(path: Path, number: str) -> None:
    """Write ``index_no`` into a document's front matter (or a YAML report), keeping every other line."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    entry = f"index_no: {yaml_quote(number)}"
    empty = re.compile(r"^index_no:\s*(?:null|~)?\s*(?:#.*)?$")
    for position, line in enumerate(lines):
        if empty.match(line):  # a key left empty, as in a hand-made template
            lines[position] = entry
            break
    else:
        if path.suffix == ".md":
            end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
            lines.insert(end, entry)
        else:
            lines = (text.rstrip("\n") + "\n" + entry + "\n").split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def number_documents(config_path: Path) -> list[tuple[Path, str]]:
    """Write the number each document is shown with today into every file that has none: from then on
    it never moves (generated numbers follow publication order, so a back-dated document would shift them)."""
    diags = Diagnostics(Path(config_path).resolve().parent)
    config = load_config(Path(config_path), diags)
    if config is None or diags.errors:
        raise ScaffoldError(diags.format(colour=False))
    model = site_model(config)
    written = []
    for doc in sorted(model.documents(), key=lambda d: str(d.source)):
        number = getattr(doc, "index_no", None)
        if doc.url in model.generated_index and number:
            write_index_number(doc.source, number)
            written.append((doc.source, number))
    return written


def next_id(model: SiteModel, kind: str, year: int, also_taken: frozenset[str] = frozenset()) -> str:
    existing = {doc.id for doc in model.tables()[kind].values()} | also_taken
    seq = 1
    while f"{year}-{kind}-{seq:02d}" in existing:
        seq += 1
    return f"{year}-{kind}-{seq:02d}"


def yaml_quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _front_matter(kind: str, title: str, today: dt.date, index_no: str, model: SiteModel, policy: str | None) -> str:
    config = model.config
    agencies = "、".join(a.name for a in config.agencies)
    topics = " / ".join(t.name for t in config.topics)  # names may contain 、
    issuer = config.agencies[0].name
    lines = [f"title: {yaml_quote(title)}"]
    if kind == "policy":
        lines += [
            'doc_number:             # 发文字号，例如 "示政办发〔2026〕1号"（加引号）；没有文号的留空',
            f"issuer: {issuer}    # 发文机关，可选：{agencies}",
            f"written: {today.isoformat()}      # 成文日期",
            f"published: {today.isoformat()}    # 发布日期",
        ]
    elif kind == "interpretation":
        assert policy is not None  # checked above: an interpretation names its policy
        target = model.policies[policy]
        lines += [
            f"policy: {policy}    # 解读的政策文件：{target.title}",
            "form: text             # text 文字解读、chart 图解、video 视频解读、qa 问答",
            f"issuer: {target.issuer}    # 解读机关",
            f"published: {today.isoformat()}    # 发布日期；应与政策文件同步（三同步）",
        ]
    elif kind == "consultation":
        closes = today + dt.timedelta(days=CONSULTATION_DAYS - 1)
        address = "".join(
            filter(
                None,
                [
                    config.contact.get("address"),
                    f"（邮编：{config.contact['postcode']}）" if config.contact.get("postcode") else "",
                ],
            )
        )
        lines += [
            f"issuer: {issuer}    # 征集单位，可选：{agencies}",
            f"opens: {today.isoformat()}        # 开始日期（即发布日期）",
            f"closes: {closes.isoformat()}       # 截止日期；期限一般不少于 {CONSULTATION_DAYS} 日",
            "email:                  # 接收意见的电子邮箱",
            f"address: {yaml_quote(address)}    # 信函地址" if address else "address:                # 信函地址",
            "phone:                  # 咨询电话，必须是 site.yaml public_phones 中的办公电话",
            "policy:                 # 据此出台的政策文件 id（发布后填写）",
            "# 征集结束后填写采纳情况：",
            "# feedback: {date: YYYY-MM-DD, received: 0, adopted: 0, partly_adopted: 0, not_adopted: 0, items: []}",
        ]
    else:
        day = today + dt.timedelta(days=14)
        lines += [
            f"issuer: {issuer}    # 主办单位，可选：{agencies}",
            f"published: {today.isoformat()}    # 发布日期",
            f'starts: "{day.isoformat()} 09:00"    # 开展时间',
            f'ends: "{day.isoformat()} 11:30"      # 结束时间',
            "location: 待定             # 开展地点",
            "audience: 待定             # 活动对象，例如 群众代表20人",
            "registration:              # 报名方式；无需报名的留空",
            f"contact: {issuer}    # 联系人：写单位或科室，不写个人姓名",
            f"phone: {yaml_quote(config.public_phones[0]) if config.public_phones else ''}"
            "    # 联系方式：public_phones 中的办公电话",
        ]
    lines.append(f"index_no: {yaml_quote(index_no)}    # 索引号（已分配下一个空闲号码）")
    if KIND[kind].declares("topics"):
        lines.append(f"topics: []    # 主题分类，可选：{topics}")
    lines.append('catalog: []   # 所属目录事项编码，例如 ["020101"]')
    if kind == "policy":
        lines += [
            "validity: in_force",
            "interpretation_required: true    # 三同步：需要解读；不需要时改为 false 并填写 no_interpretation_reason",
        ]
    lines += [
        "attachments: []    # 附件：- {title: 附件名称, file: 文件名.pdf}，文件放在本文件旁或 content/attachments/",
        "# 先审后发：完成保密审查后，填写 review，并把 disclosure 改为 public，才会发布。",
        "disclosure: withheld    # 草稿，暂不公开",
        "review:                 # {date: YYYY-MM-DD, by: 审核单位}",
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def new_document(
    config_path: Path, kind: str, title: str, today: dt.date, doc_id: str | None = None, policy: str | None = None
) -> Created:
    diags = Diagnostics(Path(config_path).resolve().parent)
    config = load_config(Path(config_path), diags)
    if config is None or diags.errors:
        raise ScaffoldError(diags.format(colour=False))
    if not title.strip():
        raise ScaffoldError("标题不能为空。The title must not be empty.")
    model = site_model(config)
    if kind == "interpretation" and policy is None:
        raise ScaffoldError("新建解读须用 --policy 指定所解读政策文件的 id。Name the interpreted policy with --policy.")
    if kind == "interpretation" and policy not in model.policies:
        raise ScaffoldError(f'政策文件“{policy}”不存在。The policy "{policy}" does not exist.')
    try:
        doc_id = identifier(doc_id) if doc_id else next_id(model, kind, today.year)
    except FieldError as exc:
        raise ScaffoldError(f"{exc.zh} {exc.en}") from None
    path = config.content_dir / KIND[kind].section / str(today.year) / f"{doc_id}.md"
    if path.exists() or model.find(kind, doc_id) is not None:
        raise ScaffoldError(f'标识“{doc_id}”已被使用（{path}）。The id "{doc_id}" is already taken ({path}).')
    index_no = next_index_number(model, today.year)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        _front_matter(kind, title.strip(), today, index_no, model, policy) + "\n" + (KIND[kind].new_body or ""),
        encoding="utf-8",
    )
    return Created(path, index_no)
