"""Catalogs (SG045–SG057) and linking documents by id (SG060–SG063)."""

from __future__ import annotations

from sitegen.diagnostics.codes.shared import MISSING_KEY, UNKNOWN_KEY, UNKNOWN_KEY_LISTED, WRONG_VALUE
from sitegen.diagnostics.registry import ERROR, WARNING, Doc, SchemaCodes, Section

CATALOGS = Section("目录 / Catalogs (`catalogs/*.yaml`)")

SG045 = CATALOGS.code(
    "SG045",
    WARNING,
    Doc("目录中的未知键 / unknown key in a catalog", "`responsable: …`", "改为提示的键 / use the suggested key"),
    **UNKNOWN_KEY,
)

SG046 = CATALOGS.code(
    "SG046",
    ERROR,
    Doc("目录字段值错误 / wrong value", "`channels: 政府网站`（应为列表）", "`channels: [政府网站]`"),
    **WRONG_VALUE,
)

SG047 = CATALOGS.code(
    "SG047",
    ERROR,
    Doc("目录缺少必填键 / required key missing", "节点没有 `title`", "补上 / add it"),
    **MISSING_KEY,
)
CATALOG_KEYS = SchemaCodes(SG045, SG045.variant(**UNKNOWN_KEY_LISTED), SG046, SG047)

SG050 = CATALOGS.code(
    "SG050",
    ERROR,
    Doc("目录 YAML 错误 / invalid YAML", "`nodes: {`", "按行列改正 / fix at the given place"),
    zh="{problem.zh}",
    en="{problem.en}",
    fix_zh="{problem.fix_zh}",
    fix_en="{problem.fix_en}",
)

SG051 = CATALOGS.code(
    "SG051",
    ERROR,
    Doc("目录文件不是映射 / not a mapping", "文件只有一个列表", "参照 docs/content.md 示例 / follow the example"),
    zh="目录文件必须是映射，包含 title、owner 和 nodes。",
    en="A catalog file must be a mapping with title, owner and nodes.",
    fix_zh="参照 docs/content.md 中的目录示例书写。",
    fix_en="Follow the catalog example in docs/content.md.",
)

SG052 = CATALOGS.code(
    "SG052",
    ERROR,
    Doc(
        "nodes/children 不是非空列表，或节点不是映射 / nodes not a list, or a node not a mapping",
        '`nodes: "01"`',
        "每个节点以 `- code:` 开始 / start nodes with `- code:`",
    ),
    zh="nodes/children 应为非空列表。",
    en="nodes/children must be a non-empty list.",
    fix_zh="每个节点以“- code: ...”开头。",
    fix_en="Start each node with '- code: ...'.",
)
SG052_NODE = SG052.variant(
    zh="目录节点应为映射（code、title……）。",
    en="A catalog node must be a mapping (code, title, ...).",
    fix_zh="每个节点以“- code: ...”开头，下一行写 title: ……",
    fix_en="Start each node with '- code: ...' followed by 'title: ...'.",
)

SG053 = CATALOGS.code(
    "SG053",
    ERROR,
    Doc(
        "目录编码无效，或未加引号被读成数字 / invalid or unquoted numeric code",
        "`code: 0102`（YAML 读成 66）",
        '`code: "0102"`',
    ),
    zh="字段“code”：{problem.zh}",
    en='Field "code": {problem.en}',
    fix_zh="{problem.fix_zh}",
    fix_en="{problem.fix_en}",
)

SG054 = CATALOGS.code(
    "SG054",
    ERROR,
    Doc("目录编码在全部目录中重复 / duplicate code", '两个文件都有 `"010101"`', "使用唯一编码 / unique codes"),
    zh="目录编码“{code}”重复（另见 {other}:{other_line}）。",
    en='The catalog code "{code}" is used twice (also at {other}:{other_line}).',
    fix_zh="每个目录节点使用唯一的编码。",
    fix_en="Give each node a unique code.",
)

SG055 = CATALOGS.code(
    "SG055",
    WARNING,
    Doc(
        "有下级的节点写了事项要素 / a branch carries item elements",
        "类别节点写了 `basis`",
        "写在最末级事项上 / put them on leaf items",
    ),
    zh="节点“{code}”有下级节点，不应再写事项要素（{stray:、}）。",
    en='The node "{code}" has children, so it must not carry item elements ({stray:, }).',
    fix_zh="把要素写在最末级事项上。",
    fix_en="Put the elements on the leaf items.",
)

SG056 = CATALOGS.code(
    "SG056",
    ERROR,
    Doc(
        "事项缺少九要素之一 / an item lacks one of the nine elements",
        "没有 `basis`（公开依据）",
        "补齐要素 / fill in every element",
    ),
    zh="事项“{code} {title}”缺少要素：{labelled:、}。",
    en='The item "{code}" lacks the elements: {missing:, }.',
    fix_zh="按标准目录补齐全部公开要素。",
    fix_en="Fill in every catalog element.",
)

SG057 = CATALOGS.code(
    "SG057",
    ERROR,
    Doc("没有任何目录文件 / no catalog", "catalogs/ 为空", "至少编写一个目录 / write one"),
    zh="没有找到任何公开事项目录（catalogs/*.yaml）。",
    en="No disclosure catalog (catalogs/*.yaml) was found.",
    fix_zh="至少编写一个目录文件。",
    fix_en="Write at least one catalog file.",
)


LINKING = Section("关联 / Linking")

SG060 = LINKING.code(
    "SG060",
    ERROR,
    Doc(
        "同类文档标识重复（含不同目录下同名文件）/ duplicate id",
        "`2024/a.md` 与 `2025/a.md`",
        "改名或写 `id:` / rename or set `id:`",
    ),
    zh="标识“{id}”与 {other} 重复。",
    en='The id "{id}" is also used by {other}.',
    fix_zh="重命名文件或修改 id，使其唯一。",
    fix_en="Rename the file or change its id so that it is unique.",
)

SG061 = LINKING.code(
    "SG061",
    ERROR,
    Doc(
        "索引号重复 / duplicate index number (索引号)",
        '两个文件 `index_no: "X/2024-00001"`',
        "改正或删除以自动生成 / fix it or let it be generated",
    ),
    zh="索引号“{index_no}”与 {other} 重复。",
    en='The index number "{index_no}" is also used by {other}.',
    fix_zh="索引号必须全站唯一；删除该字段可自动生成。",
    fix_en="Index numbers must be unique; remove the key to have one generated.",
)

SG062 = LINKING.code(
    "SG062",
    ERROR,
    Doc(
        "发文机关不在 site.yaml 中，提示相近名称 / unknown issuer",
        "`issuer: 示例区政府办`",
        "使用 agencies 中的全称 / use a listed agency",
    ),
    zh="发文机关“{issuer}”不在 site.yaml 的 agencies 列表中。",
    en='The issuer "{issuer}" is not listed under agencies in site.yaml.',
    fix_zh="使用 site.yaml 中的机关全称，或先在 agencies 中登记该机关。",
    fix_en="Use an agency name from site.yaml, or add the agency there first.",
)
SG062_CLOSE = SG062.variant(  # a listed agency is close: "did you mean"
    zh="发文机关“{issuer}”不在 site.yaml 的 agencies 列表中。是否想写“{close}”？",
    en='The issuer "{issuer}" is not listed under agencies in site.yaml. Did you mean "{close}"?',
)

SG063 = LINKING.code(
    "SG063",
    ERROR,
    Doc(
        "主题分类不在 site.yaml 中 / unknown topic",
        "`topics: [社保]`",
        "使用 topics 中的名称或 slug / use a listed topic",
    ),
    zh="主题分类“{name}”不在 site.yaml 的 topics 列表中。",
    en='The topic "{name}" is not listed under topics in site.yaml.',
    fix_zh="可用的主题：{topics:、}。",
    fix_en="Known topics: {topics:, }.",
)
SG063_CLOSE = SG063.variant(
    zh="主题分类“{name}”不在 site.yaml 的 topics 列表中。是否想写“{close}”？",
    en='The topic "{name}" is not listed under topics in site.yaml. Did you mean "{close}"?',
)
