"""The disclosure gate and references (SG101–SG107), review before publication (SG110–SG112) and personal data
(SG150–SG153)."""

from __future__ import annotations

from sitegen.diagnostics.registry import ERROR, WARNING, Doc, Fix, Phrase, Section

GATE = Section(
    "公开属性和引用 / Disclosure gate and references",
    intro=(
        "只有 `disclosure: public` 且有 `review` 的文档会被发布；其余文档不出现在任何页面、列表、目录计数、搜索索引和\n"
        "数据中。下列规则保证公开页面不会指向不公开的内容。Only public, reviewed documents are published; these "
        "rules make\n"
        "sure that no public page points at anything else."
    ),
)

SG101 = GATE.code(
    "SG101",
    ERROR,
    Doc(
        "目录编码不存在 / catalog code does not exist",
        '`catalog: ["999999"]`',
        "使用已有的事项编码 / use an existing item",
    ),
    zh="目录编码“{code}”不存在。",
    en='The catalog code "{code}" does not exist.',
    fix_zh="使用 catalogs/ 中已有的事项编码（注意加引号）。",
    fix_en="Use an item code from catalogs/ (quoted).",
)

SG102 = GATE.code(
    "SG102",
    ERROR,
    Doc("目录编码不是最末级事项 / not a leaf item", '`catalog: ["0101"]`（类别）', "挂接到具体事项 / attach to a leaf"),
    zh="目录编码“{code}”（{title}）不是最末级事项。",
    en='The catalog code "{code}" ({title}) is not a leaf item.',
    fix_zh="挂接到其下级的具体事项。",
    fix_en="Attach the document to one of its leaf items.",
)

SG103 = GATE.code(
    "SG103",
    ERROR,
    Doc("政策文件标识是保留字 / reserved id", "文件名 `page.md`、`year.md`", "换一个标识 / choose another id"),
    zh="标识“{id}”是保留字，会与政策文件库的列表页冲突。",
    en='The id "{id}" is reserved for the library\'s listing pages.',
    fix_zh="换一个标识。",
    fix_en="Choose another id.",
)

SG104 = GATE.code(
    "SG104",
    ERROR,
    Doc(
        "amended_by/replaced_by 指向的政策文件不存在 / successor missing",
        "`replaced_by: nothing`",
        "填写新文件的标识 / give the new policy's id",
    ),
    zh="{key} 指向的政策文件“{target_id}”不存在。",
    en='{key} points to the policy "{target_id}", which does not exist.',
    fix_zh="填写新文件的标识（文件名）。",
    fix_en="Give the id (file name) of the new policy.",
)

SG105 = GATE.code(
    "SG105",
    ERROR,
    Doc(
        "公开文件的 amended_by/replaced_by 指向不公开的文件 / a public policy's successor is not public",
        "`amended_by:` 指向依申请公开的文件",
        "先公开新文件，或删除该字段 / publish it first or remove the key",
    ),
    zh="{key} 指向的政策文件“{target_id}”未主动公开。",
    en='{key} points to the policy "{target_id}", which is not public.',
    fix_zh="先公开新文件，或删除该字段。",
    fix_en="Publish the new policy first, or remove the key.",
)

SG106 = GATE.code(
    "SG106",
    ERROR,
    Doc(
        "解读对应的政策文件不存在 / interpreted policy missing",
        "`policy: missing`",
        "填写政策文件标识 / give the policy's id",
    ),
    zh="解读对应的政策文件“{policy}”不存在。",
    en='The interpreted policy "{policy}" does not exist.',
    fix_zh="填写政策文件的标识（文件名，不含 .md）。",
    fix_en="Give the policy's id (its file name without .md).",
)

SG107 = GATE.code(
    "SG107",
    ERROR,
    Doc(
        "公开的解读对应不公开的政策文件 / a public interpretation of a non-public policy",
        "政策改为 `withheld` 而解读仍公开",
        "解读的公开属性与政策一致 / align the disclosure",
    ),
    zh="公开的解读对应的政策文件“{policy}”未主动公开。",
    en='A public interpretation belongs to the non-public policy "{policy}".',
    fix_zh="解读的公开属性应与政策文件一致。",
    fix_en="An interpretation cannot be more public than its policy.",
)


REVIEW = Section("先审后发 / Review before publication")

SG110 = REVIEW.code(
    "SG110",
    ERROR,
    Doc(
        "主动公开的内容没有审核记录 / public content without review",
        "没有 `review:`",
        "审核后写 `review: {date: …, by: …}` / add the review",
    ),
    zh="主动公开的内容没有审核记录（先审后发），不能发布。",
    en="Public content has no review record (review before publication); it cannot be published.",
    fix_zh="完成保密审查后加入 review: {{date: 审核日期, by: 审核单位}}。",
    fix_en="After the confidentiality review, add review: {{date: ..., by: <reviewing unit>}}.",
)

SG111 = REVIEW.code(
    "SG111",
    ERROR,
    Doc(
        "审核日期晚于发布日期 / reviewed after publication",
        "`review.date` 2025-03-05，`published` 2025-03-03",
        "核对两个日期 / check both dates",
    ),
    zh="审核日期 {review_date} 晚于发布日期 {published}：先发后审不符合规定。",
    en="Reviewed on {review_date}, after publication on {published}: review must come first.",
    fix_zh="核对审核日期和发布日期。",
    fix_en="Check the review and publication dates.",
)

SG112 = REVIEW.code(
    "SG112",
    WARNING,
    Doc(
        "定时发布日期在一年以后，可能写错 / scheduled more than a year ahead, probably a typo",
        "今天 2026-01-01，`published: 2027-06-01`",
        "核对日期；定时发布前不出现在网站上 / check the date; scheduled documents stay unpublished until then",
    ),
    zh="发布日期 {published} 在一年以后（今天是 {today}），该文件将定时发布，可能是日期写错。",
    en="The publication date {published} is more than a year after today ({today}); the document is scheduled "
    "that far ahead, which is probably a typo.",
    fix_zh="核对发布日期；定时发布的文件在该日期之前不会出现在网站上。",
    fix_en="Check the date; a scheduled document appears nowhere on the site before it.",
)


# The fix of every personal-data code; {allow} is ALLOWANCE where a document may declare an exception.
_DE_IDENTIFY = Fix(
    fix_zh="删除该号码或遮蔽中间位（如 {masked}）。{allow.zh}",
    fix_en="Remove the number or mask its middle digits (e.g. {masked}).{allow.en}",
)
ALLOWANCE = Phrase(
    "确需依法公开的（如法定公示），在前置元数据中加入 allow_personal_data: [{value: 该号码, reason: 法律依据}]。",
    " If the law requires publishing it, add allow_personal_data: [{value: <the number>, reason: <legal basis>}].",
)
NO_ALLOWANCE = Phrase("", "")  # catalogs and site.yaml have no front matter to declare one in

PRIVACY = Section(
    "去标识化 / Personal data",
    intro=(
        "扫描主动公开文档的全部源文本（元数据、正文、附件和图片文件名）、全部目录文件和 "
        "site.yaml。不予公开和依申请公开\n"
        "的文档不扫描（它们不会发布）。The whole source of public documents (front matter, body, attachment and "
        "image file\n"
        "names), every catalog and site.yaml are scanned; non-public documents are not published and are not scanned.\n"
        "\n"
        "为避免误报：发文字号、索引号、日期、金额、小数、更长数字串中的一段、site.yaml `public_phones` 中的办公电话、\n"
        "统一社会信用代码都不会被当作个人信息。确需依法公开的，在该文档的前置元数据中逐项豁免：\n"
        "To keep false alarms rare, document numbers, index numbers, dates, amounts, decimals, parts of longer digit\n"
        "runs, `public_phones` and unified social credit codes pass. A legally required value is allowed per "
        "document:\n"
        "\n"
        "```yaml\n"
        "allow_personal_data:\n"
        '  - {value: "13912345678", reason: 《……办法》第十条要求公示联系人电话}\n'
        "```"
    ),
)

SG150 = PRIVACY.code(
    "SG150",
    ERROR,
    Doc(
        (
            "居民身份证号码：18 位（省级代码、真实出生日期、ISO 7064 MOD 11-2 校验位），或“身份证”附近的 15 位旧号码 / "
            "resident ID: 18 characters with province, real birth date and check digit, or 15 digits near 身份证"
        ),
        "`身份证号 320102199003071239` → 报告 `3201**********1239`",
        "删除或遮蔽中间位；确需公开的用 allow_personal_data / remove or mask; or allow with a reason",
    ),
    zh="发现疑似居民身份证号码 {masked}：个人信息须去标识化处理后才能公开。",
    en="Possible resident ID number {masked}: personal data must be de-identified before publication.",
    **_DE_IDENTIFY,
)

SG151 = PRIVACY.code(
    "SG151",
    ERROR,
    Doc(
        "手机号码：1[3-9] 开头 11 位，可带 +86 和空格或连字符 / mobile number, optional +86 and separators",
        "`手机 139-1234-5678` → `139****5678`",
        "同上；办公电话写入 site.yaml `public_phones` / as above; list office numbers in `public_phones`",
    ),
    zh="发现疑似手机号码 {masked}：个人信息须去标识化处理后才能公开。",
    en="Possible mobile phone number {masked}: personal data must be de-identified before publication.",
    **_DE_IDENTIFY,
)

SG152 = PRIVACY.code(
    "SG152",
    ERROR,
    Doc(
        "银行卡号：16–19 位，卡组织前缀，Luhn 校验通过 / bank card: 16–19 digits, card prefix, valid Luhn",
        "`卡号 6222021234567890128` → `6222***********0128`",
        "删除或遮蔽 / remove or mask",
    ),
    zh="发现疑似银行卡号 {masked}：个人信息须去标识化处理后才能公开。",
    en="Possible bank card number {masked}: personal data must be de-identified before publication.",
    **_DE_IDENTIFY,
)

SG153 = PRIVACY.code(
    "SG153",
    WARNING,
    Doc(
        "allow_personal_data 中的值在本文件中没有出现 / an allowance matches nothing",
        "号码已删除但豁免仍在",
        "删除过期豁免 / remove it",
    ),
    zh="allow_personal_data 中的“{value}”在本文件中没有出现，豁免无效。",
    en='The allowance "{value}" in allow_personal_data matches nothing in this file.',
    fix_zh="删除不再需要的豁免项，或核对号码是否与正文完全一致。",
    fix_en="Remove the stale allowance, or check that it matches the text exactly.",
)
