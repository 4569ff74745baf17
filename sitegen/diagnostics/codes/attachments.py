"""Personal data in attachments (SG400–SG411): what a public document's files may not publish, and files
that cannot be checked."""

from __future__ import annotations

from sitegen.diagnostics.registry import ERROR, WARNING, Doc, Fix, Section

ATTACHMENTS = Section(
    "附件中的个人信息 / Personal data in attachments",
    intro=(
        "主动公开文档的每个附件在发布前都会被打开读取，用与正文相同的规则检查身份证号、"
        "手机号和银行卡号。读取的位置包括：\n"
        "Word 的正文、表格、文本框、页眉、页脚、脚注、尾注、批注和修订（插入和删除的文字），以及嵌入的 Word/Excel "
        "文件；\n"
        "Excel 的每个工作表（包括隐藏和“非常隐藏”的工作表）、隐藏的行和列、公式和单元格批注；PDF 每页的文字层；\n"
        "OFD 的页面文字；PowerPoint 的幻灯片、备注和批注；CSV（UTF-8 或 GBK）的每个单元格和 TXT 的每一行。\n"
        "报告指出附件文件、附件内的位置（如 `工作表 名单!D5（隐藏行）`、`第2页第3行`、`正文第4段`）和遮蔽后的号码。\n"
        "\n"
        "Every attachment of a public document is opened and checked with the same detectors as the text: Word body,\n"
        "tables, text boxes, headers, footers, footnotes, comments, tracked insertions and deletions and embedded\n"
        "workbooks; every Excel sheet (hidden and very hidden too), hidden rows and columns, formulas and cell "
        "comments;\n"
        "each PDF page's text layer; OFD page text; PowerPoint slides, notes and comments; CSV cells (UTF-8 or GBK)\n"
        "and text lines. A report names the file, the place inside it and the masked number.\n"
        "\n"
        "确需依法公开附件中的某个号码，在文档中逐项豁免并写明附件文件名 / to allow one value in one named attachment:\n"
        "\n"
        "```yaml\n"
        "allow_personal_data:\n"
        '  - {value: "13912345678", reason: 《……办法》第十条要求公示联系人电话, attachment: 公示名单.xlsx}\n'
        "```\n"
        "\n"
        "无法完整读取的附件（加密、损坏、压缩包、超出大小或时间上限、.doc/.xls/.wps/.et 等旧二进制格式）一律报错：\n"
        "未经检查的文件不能公开。读取有上限：单个文件 100 MB；压缩格式中每个部件解压后不超过 64 "
        "MB（工作表逐行流式读取，\n"
        "不超过 1 GB），压缩比超过 200 倍视为压缩炸弹；每个文件最多 2,000 万个单元格或段落、5,000 页、120 秒。\n"
        "A file that cannot be read completely is an error; reading is bounded (100 MB per file, 64 MB per "
        "unpacked part,\n"
        "1 GB per streamed worksheet, compression ratio 200, 20 million cells, 5,000 pages, 120 seconds)."
    ),
)

# The fix of a number found in an attachment: the file, or an allowance naming it.
_DE_IDENTIFY = Fix(
    fix_zh="在附件中删除该号码或遮蔽中间位（如 {hit.masked}），注意隐藏的工作表、行列、批注和修订；确需依法公开的，"
    "在 {published_by} 中加入 allow_personal_data: [{{value: 该号码, reason: 法律依据, attachment: {name}}}]。",
    fix_en="Remove or mask the number in the file (e.g. {hit.masked}), including hidden sheets, rows, "
    "columns, comments and tracked changes. If the law requires publishing it, add allow_personal_data: "
    "[{{value: <the number>, reason: <legal basis>, attachment: {name}}}] to {published_by}.",
)

SG400 = ATTACHMENTS.code(
    "SG400",
    ERROR,
    Doc(
        "附件中有疑似居民身份证号码 / a resident ID number in an attachment",
        "隐藏工作表 `原始数据!C9` 中的身份证号",
        "删除或遮蔽；确需公开的用带 attachment 的 allow_personal_data / remove or mask; or allow it for that file",
    ),
    zh="附件“{name}”（由 {published_by} 发布）{hit.where_zh}发现疑似居民身份证号码 {hit.masked}："
    "个人信息须去标识化处理后才能公开。",
    en='Possible resident ID number {hit.masked} in the attachment "{name}" (published by {published_by}), '
    "{hit.where_en}: personal data must be de-identified before publication.",
    **_DE_IDENTIFY,
)

SG400_MORE = SG400.variant(  # beyond the findings listed one by one
    zh="附件“{name}”中另有 {more} 处疑似个人信息未逐一列出。",
    en='The attachment "{name}" holds {more} more possible personal numbers, not listed.',
    fix_zh="整体去标识化（删除或遮蔽号码列）后重新发布。",
    fix_en="De-identify the whole file (remove or mask the number columns) and publish it again.",
)

SG401 = ATTACHMENTS.code(
    "SG401",
    ERROR,
    Doc("附件中有疑似手机号码 / a mobile number in an attachment", "Word 批注“电话 139…”", "同上 / as above"),
    zh="附件“{name}”（由 {published_by} 发布）{hit.where_zh}发现疑似手机号码 {hit.masked}："
    "个人信息须去标识化处理后才能公开。",
    en='Possible mobile phone number {hit.masked} in the attachment "{name}" (published by {published_by}), '
    "{hit.where_en}: personal data must be de-identified before publication.",
    **_DE_IDENTIFY,
)

SG402 = ATTACHMENTS.code(
    "SG402",
    ERROR,
    Doc("附件中有疑似银行卡号 / a bank card number in an attachment", "补贴发放名单中的卡号列", "同上 / as above"),
    zh="附件“{name}”（由 {published_by} 发布）{hit.where_zh}发现疑似银行卡号 {hit.masked}："
    "个人信息须去标识化处理后才能公开。",
    en='Possible bank card number {hit.masked} in the attachment "{name}" (published by {published_by}), '
    "{hit.where_en}: personal data must be de-identified before publication.",
    **_DE_IDENTIFY,
)

SG403 = ATTACHMENTS.code(
    "SG403",
    WARNING,
    Doc(
        "附件的文档属性（作者、最后修改者、批注或修订作者）记录了人名 / a document property names a person",
        "`作者：张三`",
        "用“检查文档”删除个人信息后重新保存 / remove personal information and save again",
    ),
    zh="附件“{name}”的文档属性“{field_zh}”记录了“{person}”：可能是个人姓名。",
    en='The property "{field_en}" of the attachment "{name}" records "{person}", possibly a person\'s name.',
    fix_zh="在“文件→信息→检查文档”中删除文档属性和个人信息（或改为单位名称）后重新保存。",
    fix_en="Remove document properties and personal information (File > Info > Inspect Document), or use the "
    "unit's name, and save again.",
)

SG404 = ATTACHMENTS.code(
    "SG404",
    ERROR,
    Doc(
        "附件已损坏或格式与扩展名不符 / the attachment is damaged or not what its name says",
        "截断的 .xlsx",
        "重新导出 / save a new copy",
    ),
    zh="附件“{name}”（由 {published_by} 发布）已损坏或格式与扩展名不符，无法读取；未经检查的附件不能公开。",
    en='The attachment "{name}" (published by {published_by}) is damaged or not the format its name says; '
    "an unchecked file cannot be published. ({detail})",
    fix_zh="用原软件打开后另存一份，或重新导出。",
    fix_en="Open it in the program that made it and save a new copy.",
)

SG405 = ATTACHMENTS.code(
    "SG405",
    ERROR,
    Doc(
        "附件已加密或设有打开密码 / the attachment is encrypted",
        "设了打开密码的 PDF 或 Word",
        "去除密码 / remove the password",
    ),
    zh="附件“{name}”（由 {published_by} 发布）已加密或设有打开密码；未经检查的附件不能公开。",
    en='The attachment "{name}" (published by {published_by}) is encrypted or password-protected; '
    "an unchecked file cannot be published. ({detail})",
    fix_zh="去除密码后重新保存，或另存为不加密的 PDF。",
    fix_en="Remove the password and save again, or save an unencrypted PDF.",
)

SG406 = ATTACHMENTS.code(
    "SG406",
    ERROR,
    Doc("附件是压缩包 / the attachment is an archive", "`材料.zip`", "解压后逐个发布 / publish the files one by one"),
    zh="附件“{name}”（由 {published_by} 发布）是压缩包，其中的文件无法逐一检查；未经检查的附件不能公开。",
    en='The attachment "{name}" (published by {published_by}) is an archive whose files cannot be checked one by one; '
    "an unchecked file cannot be published. ({detail})",
    fix_zh="解压后把需要公开的文件逐个作为附件发布。",
    fix_en="Unpack it and publish the files it holds as attachments.",
)

SG407 = ATTACHMENTS.code(
    "SG407",
    ERROR,
    Doc(
        "附件超出检查上限（过大、疑似压缩炸弹或读取超时）/ the attachment exceeds the checking limits",
        "解压后数 GB 的 .docx",
        "拆分文件 / split it",
    ),
    zh="附件“{name}”（由 {published_by} 发布）过大（或解压后过大，疑似压缩炸弹），超出检查上限；"
    "未经检查的附件不能公开。",
    en='The attachment "{name}" (published by {published_by}) is too large to check '
    "(or unpacks to too much: a zip bomb); an unchecked file cannot be published. ({detail})",
    fix_zh="拆分文件后分别发布。",
    fix_en="Split the file and publish the parts.",
)

SG407_SLOW = SG407.variant(
    zh="附件“{name}”（由 {published_by} 发布）在时限内未能读完，超出检查上限；未经检查的附件不能公开。",
    en='The attachment "{name}" (published by {published_by}) could not be read within the time limit; '
    "an unchecked file cannot be published. ({detail})",
)

SG408 = ATTACHMENTS.code(
    "SG408",
    WARNING,
    Doc(
        "PDF 或 OFD 没有文字层（扫描件）：无法检索、无法朗读、无法检查 / no text layer (a scan)",
        "扫描的红头文件",
        "发布由原文件导出的 PDF 或做文字识别 / publish an exported PDF or OCR it",
    ),
    zh="附件“{name}”没有文字层（扫描件），既无法检索也无法被读屏软件朗读，且无法自动检查个人信息。",
    en='The attachment "{name}" has no text layer (a scan): it is neither searchable nor accessible, and its text '
    "cannot be checked for personal data.",
    fix_zh="发布由原文件导出的 PDF，或对扫描件做文字识别（OCR）后发布。",
    fix_en="Publish a PDF exported from the original file, or run text recognition (OCR) on the scan.",
)

SG409 = ATTACHMENTS.code(
    "SG409",
    ERROR,
    Doc(
        "附件格式无法自动检查 / a format whose text cannot be checked",
        "`.doc`、`.xls`、`.wps`、`.et`、`.ppt`",
        "另存为 .docx、.xlsx 或 PDF / save as .docx, .xlsx or PDF",
    ),
    zh="附件“{name}”（由 {published_by} 发布）的格式无法自动检查个人信息；未经检查的附件不能公开。",
    en='The attachment "{name}" (published by {published_by}) is in a format whose text cannot be checked; '
    "an unchecked file cannot be published. ({detail})",
    fix_zh="另存为 .docx、.xlsx 或带文字层的 PDF 后发布。",
    fix_en="Save it as .docx, .xlsx or a PDF with a text layer.",
)

SG410 = ATTACHMENTS.code(
    "SG410",
    WARNING,
    Doc(
        "图片附件中的文字无法自动检查 / an image attachment cannot be checked",
        "`名单.jpg`",
        "人工核对；名单以去标识化的文字发布 / check it by eye",
    ),
    zh="图片附件“{name}”（由 {published_by} 发布）中的文字无法自动检查个人信息。",
    en='The text in the image attachment "{name}" (published by {published_by}) cannot be checked for personal data.',
    fix_zh="人工核对图片中没有身份证号、手机号、银行卡号等；名单类材料应以文字形式去标识化后发布。",
    fix_en="Check the image by eye; publish name lists as de-identified text instead.",
)

SG411 = ATTACHMENTS.code(
    "SG411",
    WARNING,
    Doc(
        "附件的豁免项没有匹配，或 attachment 不是本文件的附件 / an attachment allowance matches nothing",
        "号码已删除但豁免仍在",
        "删除过期豁免或改正文件名 / remove it or fix the name",
    ),
    zh="allow_personal_data 中针对附件“{name}”的“{value}”在该附件中没有出现，豁免无效。",
    en='The allowance "{value}" for the attachment "{name}" matches nothing in it.',
    fix_zh="删除不再需要的豁免项，或核对号码与附件是否一致。",
    fix_en="Remove the stale allowance, or check the number and the file name.",
)

SG411_NOT_ATTACHED = SG411.variant(  # the allowance names a file the document does not attach
    zh="allow_personal_data 中的 attachment“{name}”不是本文件的附件。",
    en='The allowance names "{name}", which is not an attachment of this document.',
    fix_zh="attachment 写附件的文件名（与 attachments 中 file 一致）。",
    fix_en="Give the attachment's file name, as in attachments: file.",
)
