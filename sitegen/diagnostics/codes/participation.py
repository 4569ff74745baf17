"""Consultations (SG320–SG326) and open days (SG330–SG332): the annual reports' section of docs/rules.md."""

from __future__ import annotations

from sitegen.diagnostics.codes.reports import PORTAL
from sitegen.diagnostics.registry import ERROR, WARNING, Doc

SG320 = PORTAL.code(
    "SG320",
    ERROR,
    Doc(
        "意见征集的截止日期早于开始日期 / a consultation closes before it opens",
        "`opens: 2026-05-01`，`closes: 2026-04-01`",
        "改正日期 / correct the dates",
    ),
    zh="截止日期 {closes} 早于开始日期 {opens}。",
    en="The consultation closes ({closes}) before it opens ({opens}).",
    fix_zh="核对 opens 和 closes。",
    fix_en="Check opens and closes.",
)

SG321 = PORTAL.code(
    "SG321",
    ERROR,
    Doc(
        "主动公开的意见征集没有写明提交意见的方式 / a public consultation gives no way to comment",
        "没有 email 或 address",
        "补上电子邮箱或通信地址 / add an email or postal address",
    ),
    zh="没有写明提交意见的方式（email 或 address）。",
    en="The consultation does not say how to comment (email or address).",
    fix_zh="填写 email（电子邮箱）和/或 address（通信地址）。",
    fix_en="Give an email and/or a postal address.",
)

SG322 = PORTAL.code(
    "SG322",
    ERROR,
    Doc(
        "采纳情况各项之和不等于收到意见数 / the feedback counts do not add up",
        "收到 10 条，采纳 4、未采纳 5",
        "核对数字 / check the counts",
    ),
    zh=(
        "采纳情况不一致：采纳 {adopted}＋部分采纳 {partly_adopted}＋未采纳 {not_adopted}＝{parts}，收到意见 "
        "{received} 条。"
    ),
    en=(
        "The feedback does not add up: {adopted} adopted + {partly_adopted} partly + {not_adopted} not adopted = "
        "{parts}, but {received} were received."
    ),
    fix_zh="核对各项条数。",
    fix_en="Check the counts.",
)

SG323 = PORTAL.code(
    "SG323",
    ERROR,
    Doc(
        "采纳情况的日期不晚于征集截止日期 / the feedback is dated before the consultation closed",
        "`feedback.date` 早于 `closes`",
        "改正日期 / correct the date",
    ),
    zh="采纳情况的日期 {published} 不晚于征集截止日期 {closes}。",
    en="The feedback is dated {published}, not after the consultation closed ({closes}).",
    fix_zh="征集结束后再公布采纳情况。",
    fix_en="Publish feedback after closing.",
)

SG324 = PORTAL.code(
    "SG324",
    WARNING,
    Doc(
        "意见征集已结束但尚未公布采纳情况 / a closed consultation has no published feedback",
        "`closes` 已过且无 `feedback`",
        "补充 feedback 采纳情况 / add the feedback",
    ),
    zh="意见征集已于 {closes} 结束，尚未公布采纳情况。",
    en="The consultation closed on {closes} and its feedback has not been published.",
    fix_zh="加入 feedback: {{date: …, received: …, adopted: …, not_adopted: …, items: […]}}。",
    fix_en="Add feedback: {{date, received, adopted, not_adopted, items}}.",
)

SG325 = PORTAL.code(
    "SG325",
    ERROR,
    Doc(
        "意见征集关联的政策文件不存在或未主动公开 / the consultation's policy does not exist or is not public",
        "`policy: 2026-missing`",
        "改为已公开政策文件的 id / use a public policy's id",
    ),
    zh="policy 指向的政策文件“{policy}”不存在。",
    en='policy points to "{policy}", which does not exist.',
    fix_zh="填写据此出台并已公开的政策文件的标识，或删除该字段。",
    fix_en="Give the id of the published policy adopted after the consultation, or remove the key.",
)
SG325_NOT_PUBLIC = SG325.variant(
    zh="policy 指向的政策文件“{policy}”未主动公开。",
    en='policy points to "{policy}", which is not public.',
)

SG326 = PORTAL.code(
    "SG326",
    WARNING,
    Doc(
        "征求意见期限少于30日 / the consultation period is shorter than 30 days",
        "`opens` 与 `closes` 相隔 10 天",
        "延长期限或说明理由 / extend the period or explain why",
    ),
    zh="征求意见期限只有 {days} 天，一般不少于 {minimum} 日。",
    en="The consultation lasts {days} days; at least {minimum} is the rule.",
    fix_zh="延长征求意见期限，或在正文中说明缩短期限的理由。",
    fix_en="Extend the period, or explain in the text why it is shorter.",
)

SG330 = PORTAL.code(
    "SG330",
    ERROR,
    Doc(
        "政府开放活动的结束时间早于开始时间 / an event ends before it starts",
        "`ends` 早于 `starts`",
        "改正时间 / correct the times",
    ),
    zh="结束时间 {ends:%Y-%m-%d %H:%M} 早于开始时间 {starts:%Y-%m-%d %H:%M}。",
    en="The event ends ({ends:%Y-%m-%d %H:%M}) before it starts ({starts:%Y-%m-%d %H:%M}).",
    fix_zh="核对 starts 和 ends。",
    fix_en="Check starts and ends.",
)

SG331 = PORTAL.code(
    "SG331",
    ERROR,
    Doc(
        "联系电话不在 site.yaml public_phones 中 / a contact number is not a registered public office number",
        "`phone: 0539-87654321`",
        "使用已登记的办公电话，或先登记到 public_phones / use a registered office number",
    ),
    zh="联系电话“{phone}”不在 site.yaml 的 public_phones 中。",
    en='The phone number "{phone}" is not listed under public_phones in site.yaml.',
    fix_zh="只公开单位办公电话：使用已登记的号码，或先在 public_phones 中登记该号码。",
    fix_en="Publish office numbers only: use a registered one, or add it to public_phones first.",
)

SG332 = PORTAL.code(
    "SG332",
    WARNING,
    Doc(
        "开放活动开始后才发布 / an event was announced after it started",
        "`published` 晚于 `starts`",
        "提前发布活动公告 / announce events in advance",
    ),
    zh="活动在 {starts:%Y-%m-%d} 开始，发布日期 {published} 却更晚。",
    en="The event started on {starts:%Y-%m-%d} but was announced on {published}.",
    fix_zh="活动应提前发布，以便公众报名。",
    fix_en="Announce events in advance so that people can sign up.",
)
