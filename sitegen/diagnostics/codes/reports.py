"""Annual reports (SG300–SG317)."""

from __future__ import annotations

from sitegen.diagnostics.codes.shared import MISSING_KEY, UNKNOWN_KEY, UNKNOWN_KEY_LISTED, WRONG_VALUE
from sitegen.diagnostics.registry import ERROR, WARNING, Doc, Fix, SchemaCodes, Section

PORTAL = Section(
    "年度报告、意见征集和开放活动 / Annual reports, consultations and open days",
    outro=(
        "未采纳或部分采纳的意见没有写 `reason`，以及开放活动时间不是 `YYYY-MM-DD HH:MM`，"
        "按字段取值错误（SG032）报告。\n"
        "A feedback item not (fully) adopted without a `reason`, and an event time that is not `YYYY-MM-DD HH:MM`, "
        "are\n"
        "reported as wrong field values (SG032)."
    ),
)

SG300 = PORTAL.code(
    "SG300",
    ERROR,
    Doc(
        "年度报告 YAML 无法解析，或不是映射 / the annual report YAML cannot be read",
        "`content/reports/2025.yaml` 缩进错误",
        "检查 YAML 缩进和冒号 / check the YAML indentation and colons",
    ),
    zh="{problem.zh}",
    en="{problem.en}",
    fix_zh="{problem.fix_zh}",
    fix_en="{problem.fix_en}",
)
SG300_NOT_MAPPING = SG300.variant(
    zh="年度报告文件必须是“字段: 值”形式的映射。",
    en="An annual report file must be a mapping of 'key: value' lines.",
    fix_zh="参照 docs/content.md 中的年度报告示例。",
    fix_en="Follow the annual report example in docs/content.md.",
)

SG301 = PORTAL.code(
    "SG301",
    WARNING,
    Doc(
        "年度报告中的未知字段 / an unknown key in an annual report",
        "`proactiv:`",
        "改为提示的字段名 / use the suggested key",
    ),
    **UNKNOWN_KEY,
)

SG302 = PORTAL.code(
    "SG302",
    ERROR,
    Doc(
        "年度报告字段取值错误 / a report field has a wrong value",
        "`year: 二〇二五`",
        "按 docs/content.md 填写数字、年份和编码 / follow docs/content.md",
    ),
    **WRONG_VALUE,
)

SG303 = PORTAL.code(
    "SG303",
    ERROR,
    Doc("年度报告缺少必填字段 / a required report key is missing", "没有 `published`", "补上该字段 / add the key"),
    **MISSING_KEY,
)
REPORT_KEYS = SchemaCodes(SG301, SG301.variant(**UNKNOWN_KEY_LISTED), SG302, SG303)

SG304 = PORTAL.code(
    "SG304",
    ERROR,
    Doc(
        "表格缺少一行，或一行的数字个数、类型不对 / a table row is missing or malformed",
        "表三某行少一个数字",
        "按国家格式补全该行 / complete the row in the national format",
    ),
    zh="缺少“{label}”行（{row}）。",
    en='The row "{row}" ({label}) is missing.',
    fix_zh="加入 {key}: [{zeros:, }]。",
    fix_en="Add {key}: [{zeros:, }].",
)
SG304_WIDTH = SG304.variant(
    zh="“{label}”行（{row}）应为 {width} 个数字（可在最后加上总计）。",
    en='The row "{row}" ({label}) must list {width} numbers (optionally followed by the total).',
    fix_zh="写成 {key}: [{zeros:, }]，即 {width} 个数字，可在最后加上总计。",
    fix_en="Write {key}: [{zeros:, }], that is {width} numbers, optionally followed by the total.",
)
SG304_VALUE = SG304.variant(
    zh="“{label}”行（{row}）：{problem.zh}",
    en='Row "{row}" ({label}): {problem.en}',
    fix_zh="{problem.fix_zh}",
    fix_en="{problem.fix_en}",
)
SG304_GROUP = SG304.variant(
    zh="“{label}”（{key}）应为映射，每个分项一行。",
    en='"{key}" ({label}) must be a mapping with one line per sub-row.',
    fix_zh="在 {key}: 下逐行填写各分项。",
    fix_en="List each sub-row under {key}:.",
)

SG305 = PORTAL.code(
    "SG305",
    WARNING,
    Doc(
        "表格中的未知行，已忽略 / an unknown table row was ignored",
        "行名写错为“予以公升”",
        "改为提示的行名 / use the suggested row name",
    ),
    zh="未知的行“{row}”，已忽略。是否想写“{close}”？",
    en='Unknown row "{row}"; ignored. Did you mean "{close}"?',
    fix_zh="是否想写“{close}”？",
    fix_en='Did you mean "{close}"?',
)
SG305_LISTED = SG305.variant(  # nothing is close: the known rows are listed
    zh="未知的行“{row}”，已忽略。可用的行：{known:, }。",
    en='Unknown row "{row}"; ignored. Known rows: {known:, }.',
    fix_zh="可用的行：{known:, }。",
    fix_en="Known rows: {known:, }.",
)

_CHECK_CELL = Fix(
    fix_zh="核对该单元格和各分项数字；总计可以不填，由系统自动计算。",
    fix_en="Check the cell and its parts; leave the total out to have it computed.",
)

SG310 = PORTAL.code(
    "SG310",
    ERROR,
    Doc(
        "“总计”单元格与其分项之和不符（报告表、行、列） / a total cell disagrees with its parts",
        "表三（七）总计填 12，分项之和为 11",
        "改正总计或分项，或删除总计由系统计算 / fix the cell, or omit the total to have it computed",
    ),
    zh="表“{table}”，“{row}”行，“{col}”列：填写为 {entered}，按各项合计应为 {expected}。",
    en='table "{table}", row "{row}", column "{col}": entered {entered}, but its parts add up to {expected}.',
    **_CHECK_CELL,
)

SG311 = PORTAL.code(
    "SG311",
    ERROR,
    Doc(
        "表三某列“一＋二”不等于“三（七）＋四” / 一 + 二 differs from 三（七）+ 四 in a column of table 三",
        "自然人列 一＋二＝20，三（七）＋四＝19",
        "核对收到、结转和办理数 / check the received, carried and handled counts",
    ),
    zh="表“{table}”，“{row}”行，“{col}”列：一＋二＝{expected}，三（七）＋四＝{entered}，两者应相等。",
    en=(
        'table "{table}", row "{row}", column "{col}": received + carried over = {expected} but results + carried '
        "forward = {entered}; they must be equal."
    ),
    **_CHECK_CELL,
)

SG312 = PORTAL.code(
    "SG312",
    WARNING,
    Doc(
        "表三“上年结转”与上一年度报告的“结转下年度”不一致 / the carry-over differs from last year's report",
        "2025 年结转 3 件，2024 年报告写 2 件",
        "核对两年报告 / check both years' reports",
    ),
    zh="表“{table}”，“{row}”行，“{col}”列为 {this}，但 {previous_year} 年度报告的“{last_row}”为 {last}。",
    en=(
        'Table "{table}", row "carried_over", column "{col}" is {this}, but the {previous_year} report carried '
        "{last} forward."
    ),
    fix_zh="核对两年的结转数字。",
    fix_en="Check the carried-over numbers of both years.",
)

SG313 = PORTAL.code(
    "SG313",
    ERROR,
    Doc(
        (
            "行政规范性文件件数与政策文件库统计不同且未写明理由 / normative document counts differ from the library "
            "without a reason"
        ),
        "`issued: 9`，库中为 7",
        "改为库中数字或写明 `reason` / use the library's count or give a reason",
    ),
    zh="表“{table}”，“{row}”行：填写为 {given}，政策文件库统计为 {counted}。",
    en='Table "{table}", row "{row}": entered issued {entered.issued}, repealed {entered.repealed}, in force '
    "{entered.in_force}, but the policy library counts issued {library.issued}, repealed {library.repealed}, "
    "in force {library.in_force}.",
    fix_zh="删除 normative 以采用政策文件库的统计，或在 normative 中写明 reason（数据来源和差异原因）。",
    fix_en="Remove normative to use the library's counts, or give a reason (source and why they differ).",
)

SG314 = PORTAL.code(
    "SG314",
    WARNING,
    Doc(
        (
            "已废止的规范性文件没有替代文件，无法确定废止年份 / a repealed normative document without a replacement "
            "was not counted"
        ),
        "`validity: repealed` 但无 `replaced_by`",
        "补上 replaced_by 或在报告中写明 / add replaced_by or override with a reason",
    ),
    zh="政策文件库中已废止或失效的规范性文件没有替代文件，无法确定废止年份，未计入统计：{names}。",
    en="Repealed or expired normative documents without a replacement have no known end and were not counted: {names}.",
    fix_zh="为这些文件填写 replaced_by，或在 normative 中填写核实后的数字并写明 reason。",
    fix_en="Give those policies a replaced_by, or enter checked numbers under normative with a reason.",
)

SG315 = PORTAL.code(
    "SG315",
    ERROR,
    Doc(
        "normative_catalog 指向的目录编码不存在 / normative_catalog names no catalog node",
        '`normative_catalog: "9999"`',
        "改为存在的目录编码 / use an existing catalog code",
    ),
    zh="normative_catalog 指向的目录编码“{normative_catalog}”不存在。",
    en='normative_catalog names the catalog code "{normative_catalog}", which does not exist.',
    fix_zh="填写目录中“行政规范性文件”节点的编码（加引号）。",
    fix_en="Give the code of the catalog node that holds the normative documents (quoted).",
)

SG316 = PORTAL.code(
    "SG316",
    ERROR,
    Doc(
        "年度报告的发布日期早于统计年度结束 / the report is dated inside its own year",
        "2025 年报告 `published: 2025-12-01`",
        "改正发布日期 / correct the publication date",
    ),
    zh="{year} 年度报告的发布日期 {published} 早于统计年度结束。",
    en="The {year} report is dated {published}, before the year it reports on ended.",
    fix_zh="核对 year 和 published。",
    fix_en="Check year and published.",
)

SG317 = PORTAL.code(
    "SG317",
    WARNING,
    Doc(
        "年度报告晚于次年1月31日公布 / the report was published after 31 January",
        "`published: 2026-03-01`",
        "按《条例》第四十九条按时公布 / publish by 31 January",
    ),
    zh="年度报告应于 {due_year} 年 1 月 31 日前公布，实际为 {published}。",
    en="The report is due by {due_year}-01-31 but was published on {published}.",
    fix_zh="按《条例》第四十九条按时公布年度报告。",
    fix_en="Publish the report on time (Regulations, Article 49).",
)
