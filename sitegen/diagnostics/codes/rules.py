"""三同步 (SG120–SG123), lifecycle (SG130–SG134), catalog coverage (SG140–SG141) and link text (SG090)."""

from __future__ import annotations

from sitegen.diagnostics.registry import ERROR, WARNING, Doc, Section

INTERPRETATIONS = Section("三同步 / Interpretations")

SG120 = INTERPRETATIONS.code(
    "SG120",
    ERROR,
    Doc(
        "`interpretation_required: false` 没有写理由 / no reason for not interpreting",
        "缺少 `no_interpretation_reason`",
        "写明理由 / give the reason",
    ),
    zh="interpretation_required 为 false 时必须写明不解读的理由。",
    en="interpretation_required: false needs a no_interpretation_reason.",
    fix_zh="加入 no_interpretation_reason: ……",
    fix_en="Add no_interpretation_reason: ...",
)

SG121 = INTERPRETATIONS.code(
    "SG121",
    ERROR,
    Doc(
        "需要解读的政策文件没有已公开的解读 / policy needs a published interpretation",
        "默认 `interpretation_required: true`，没有解读",
        "发布解读，或设为 false 并写理由 / publish one, or opt out with a reason",
    ),
    zh="该政策文件需要解读（三同步），但没有已公开的解读。",
    en="This policy needs an interpretation (三同步) but has no published one.",
    fix_zh="在 content/interpretations/ 中发布解读，或设置 interpretation_required: false 并写明理由。",
    fix_en="Publish an interpretation, or set interpretation_required: false with a reason.",
)

SG122 = INTERPRETATIONS.code(
    "SG122",
    WARNING,
    Doc(
        "首篇解读晚于政策文件 3 个工作日以上 / first interpretation more than 3 working days late",
        "政策 3 月 3 日，解读 3 月 10 日",
        "同步发布 / publish together",
    ),
    zh="解读晚于政策文件 {late} 个工作日发布（三同步要求同步发布，最迟 {allowed} 个工作日）。",
    en="The interpretation was published {late} working days after its policy (三同步 allows {allowed}).",
    fix_zh="与政策文件同步发布解读。",
    fix_en="Publish interpretations together with their policy.",
)

SG123 = INTERPRETATIONS.code(
    "SG123",
    WARNING,
    Doc(
        (
            "图解（form: chart）的图片替代文本少于 30 个字 / a chart interpretation's image has a short alt text "
            "(under 30 characters)"
        ),
        "`![图解](图.svg)`",
        "在替代文本中写出图中全部要点，并附图解文字版 / state every point of the chart",
    ),
    zh="图解图片的替代文本只有 {length} 个字（“{alt}”），视障读者无法获知图中内容。",
    en="The chart's alt text has only {length} characters; blind readers cannot learn what it shows.",
    fix_zh="在替代文本中写出图中的全部要点（至少 {minimum} 个字），并附“图解文字版”。",
    fix_en="State every point of the chart in its alt text (at least {minimum} characters).",
)


LIFECYCLE = Section("立改废 / Lifecycle")

SG130 = LIFECYCLE.code(
    "SG130",
    WARNING,
    Doc("已修改但没有 amended_by / amended without successor", "`validity: amended`", "加 `amended_by:`"),
    zh="有效性为“已修改”，但没有 amended_by 指向修改后的文件。",
    en='The policy is "amended" but has no amended_by pointing to the amending policy.',
    fix_zh="加入 amended_by: 新文件标识。",
    fix_en="Add amended_by: <id of the new policy>.",
)

SG131 = LIFECYCLE.code(
    "SG131",
    WARNING,
    Doc(
        "已废止但没有 replaced_by / repealed without replacement",
        "`validity: repealed`",
        "加 `replaced_by:`（无替代文件可忽略）",
    ),
    zh="有效性为“已废止”，但没有 replaced_by 指向替代文件。",
    en='The policy is "repealed" but has no replaced_by pointing to its replacement.',
    fix_zh="加入 replaced_by: 新文件标识（若无替代文件可忽略）。",
    fix_en="Add replaced_by: <id of the new policy> (ignore when nothing replaced it).",
)

SG132 = LIFECYCLE.code(
    "SG132",
    WARNING,
    Doc(
        "有后继文件却仍为现行有效 / has a successor but still in force",
        "`validity: in_force` 且 `amended_by: b`",
        "改为 amended 或 repealed",
    ),
    zh="文件已被修改或替代，有效性却仍为“现行有效”。",
    en='The policy has a successor but is still marked "in_force".',
    fix_zh="把 validity 改为 amended 或 repealed。",
    fix_en="Set validity to amended or repealed.",
)

SG133 = LIFECYCLE.code(
    "SG133",
    WARNING,
    Doc(
        "定期清理日期（review_by）已过（谁公开、谁清理）/ periodic review date passed",
        "`review_by: 2025-06-01`",
        "清理后更新日期或有效性 / review and update",
    ),
    zh="定期清理日期 {review_by} 已过，请评估文件是否继续有效。",
    en="The periodic review date {review_by} has passed; check whether the policy is still valid.",
    fix_zh="清理后更新 review_by 或有效性。",
    fix_en="After the review, update review_by or the validity.",
)

SG134 = LIFECYCLE.code(
    "SG134",
    ERROR,
    Doc("修改/废止关系形成循环 / the successor links form a cycle", "a → b → a", "检查 amended_by/replaced_by"),
    zh="修改/废止关系形成了循环：{cycle: → }。",
    en="The amended_by/replaced_by links form a cycle: {cycle: -> }.",
    fix_zh="新文件不能被旧文件替代；检查 amended_by/replaced_by。",
    fix_en="A newer policy cannot be replaced by an older one; check the links.",
)


COVERAGE = Section("目录一致性 / Catalog consistency")

SG140 = COVERAGE.code(
    "SG140",
    ERROR,
    Doc(
        (
            "主动公开的政策文件没有挂接目录事项（解读随其政策文件挂接；普通页面不挂接）/ a public policy is attached "
            "to no item (interpretations follow their policy; pages are exempt)"
        ),
        "`catalog: []`",
        "填写事项编码 / list an item code",
    ),
    zh="主动公开的政策文件没有挂接到任何目录事项。",
    en="A public policy is attached to no catalog item.",
    fix_zh="在 catalog 中填写至少一个事项编码。",
    fix_en="List at least one item code under catalog.",
)

SG141 = COVERAGE.code(
    "SG141",
    WARNING,
    Doc(
        "目录事项还没有已公开的内容（列在管理报表中）/ an item has no published content (listed in the dashboard)",
        "新增事项尚未发布文件",
        "发布内容或调整目录 / publish or revise the catalog",
    ),
    zh="目录事项“{code} {title}”还没有已公开的内容。",
    en='The catalog item "{code} {title}" has no published content yet.',
    fix_zh="发布该事项的内容，或调整目录。",
    fix_en="Publish content for the item, or revise the catalog.",
)


ACCESSIBILITY = Section("无障碍 / Accessibility of the text")

SG090 = ACCESSIBILITY.code(
    "SG090",
    WARNING,
    Doc(
        "链接文字没有说明链接指向什么（如“点击这里”“详情”） / the link text does not say where the link leads",
        "`[点击这里](b.md)`",
        "用目标的名称作链接文字 / use the target's name as the link text",
    ),
    zh="链接文字“{shown}”没有说明链接指向什么。",
    en='The link text "{shown}" does not say where the link leads.',
    fix_zh="用目标的名称作链接文字，例如 [《示例区最低生活保障工作实施细则》](…)，附件写明名称。",
    fix_en="Use the target's name as the link text, e.g. the document's title.",
)
