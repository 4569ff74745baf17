"""Policy services (SG500–SG549): policy packages and the Q&A library (issue 17; docs/services.md)."""

from __future__ import annotations

from sitegen.diagnostics.registry import ERROR, WARNING, Doc, Section

SERVICES = Section(
    "政策服务 / Policy services (`content/packages/`, the Q&A library; docs/services.md)",
    outro=(
        "服务包的办事步骤（`steps`）缺少 `title` 或 `where`、含未知字段，按字段取值错误（SG032）报告。\n"
        "A package step without `title` or `where`, or with an unknown key, is reported as a wrong field value "
        "(SG032)."
    ),
)

SG500 = SERVICES.code(
    "SG500",
    ERROR,
    Doc(
        "服务包列出的政策文件或解读不存在（报告所在行） / a package lists a policy or interpretation that does not "
        "exist (at its line)",
        "`policies: [2024-hukuo]`",
        "改为文件的标识（文件名，不含 .md） / use the document's id",
    ),
    zh="{key} 列出的{label}“{id}”不存在。",
    en='{key} lists "{id}", which does not exist.',
    fix_zh="填写{label}的标识（文件名，不含 .md）。",
    fix_en="Give the document's id (its file name without .md).",
)

SG501 = SERVICES.code(
    "SG501",
    ERROR,
    Doc(
        "公开的服务包列出了未主动公开的文件 / a public package lists a document that is not public",
        "`policies` 中列出依申请公开的文件",
        "删除该项或先公开该文件 / remove it or publish the document",
    ),
    zh="公开的服务包列出了未主动公开的{label}“{id}”。",
    en='A public package lists "{id}", which is not public.',
    fix_zh="删除该项，或先公开该文件。",
    fix_en="Remove it, or publish the document first.",
)

SG502 = SERVICES.code(
    "SG502",
    ERROR,
    Doc(
        "服务包 `catalog_items` 中的目录编码不存在或不是最末级事项 / a catalog code in `catalog_items` does not "
        "exist or is not a leaf item",
        '`catalog_items: ["9999"]`；`["06"]`',
        "使用最末级事项的编码（加引号） / use a quoted leaf item code",
    ),
    zh="catalog_items 中的目录编码“{code}”不存在。",
    en='The catalog code "{code}" in catalog_items does not exist.',
    fix_zh="使用 catalogs/ 中最末级事项的编码（加引号）。",
    fix_en="Use a leaf item code from catalogs/ (quoted).",
)
SG502_NOT_LEAF = SG502.variant(
    zh="catalog_items 中的目录编码“{code}”（{title}）不是最末级事项。",
    en='The catalog code "{code}" ({title}) in catalog_items is not a leaf item.',
)

SG503 = SERVICES.code(
    "SG503",
    ERROR,
    Doc(
        "服务包没有列出任何政策文件、解读或目录事项 / a package lists no policy, interpretation or catalog item",
        "只写了办事步骤",
        "在 `policies`、`interpretations` 或 `catalog_items` 中列出相关内容 / list the related documents",
    ),
    zh="服务包没有列出任何政策文件、解读或目录事项。",
    en="The package lists no policy, interpretation or catalog item.",
    fix_zh="在 policies、interpretations 或 catalog_items 中列出相关内容。",
    fix_en="List the related documents under policies, interpretations or catalog_items.",
)

SG510 = SERVICES.code(
    "SG510",
    WARNING,
    Doc(
        "问答形式的解读没有“问：”开头的问题标题，问答库收录不到 / a Q&A interpretation has no question heading, "
        "so the Q&A library cannot list it",
        "`form: qa`，正文用加粗写问题",
        "每个问题写成 `### 问：……` 标题，答案写在下面 / write each question as a `### 问：` heading",
    ),
    zh="问答形式的解读中没有“### 问：……”格式的问题标题，问答库收录不到它的问题。",
    en="A Q&A interpretation has no question heading (### 问：...): the Q&A library cannot list it.",
    fix_zh="每个问题写成一个以“问：”开头的标题（如 ### 问：……），答案写在标题下面。",
    fix_en="Write each question as a heading starting with 问： (e.g. ### 问：...), the answer below.",
)

SG511 = SERVICES.code(
    "SG511",
    WARNING,
    Doc(
        "问题标题下面没有答案 / a question heading has no answer below it",
        "两个 `### 问：` 标题相连",
        "写出答案或删除该问题 / write the answer or remove the question",
    ),
    zh="问题“{question}”下面没有答案。",
    en='The question "{question}" has no answer below it.',
    fix_zh="在问题标题下写出答案（以“答：”开头），或删除该问题。",
    fix_en="Write the answer under the question heading (starting with 答：), or remove it.",
)
