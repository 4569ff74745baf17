"""Document numbers (发文字号, SG420–SG421) and index numbers (索引号, SG422–SG423)."""

from __future__ import annotations

from sitegen.diagnostics.registry import ERROR, WARNING, Doc, Section

IDENTIFIERS = Section(
    "发文字号和索引号 / Document and index numbers",
    intro=(
        "发文字号按 GB/T 9704-2012 第7.2.4条检查：年份用六角括号〔〕，序号不加“第”字、不编虚位，后加“号”，如\n"
        "`周政办字〔2024〕9号`。两份文件的发文字号（按规范形式比较）相同是错误。Document numbers follow GB/T "
        "9704-2012\n"
        "7.2.4; two documents with the same number (compared in the corrected form) are an error.\n"
        "\n"
        "索引号一经公开就不再改变：`sitegen new` 和 `sitegen import` 把索引号写进新文件；`sitegen number` "
        "把构建时生成、\n"
        "尚未写入的索引号写进各文件（号码与当前网站显示的一致）。构建时生成的号码按发布顺序分配，"
        "补发或删除文件会使它们\n"
        "移动，所以公开文件没有写明索引号是警告 SG423。新号码取当年已用最大序号加一，删除文件腾出的号码不再分配。\n"
        "Published index numbers never move: `sitegen new` and `sitegen import` write the number into the file, and\n"
        "`sitegen number` writes every generated number into its file (the number the site shows today). Numbers\n"
        "generated at build time follow publication order and would move; a public document without a written number\n"
        "is warning SG423. New numbers take the year's highest sequence plus one; a freed number is never reused."
    ),
)

SG420 = IDENTIFIERS.code(
    "SG420",
    ERROR,
    Doc(
        "发文字号与另一文件重复 / the same document number on two documents",
        "两份文件都是 `周政办字〔2024〕9号`（或 `[2024]9号`）",
        "核对原件，只保留一份 / check the originals",
    ),
    zh="发文字号“{number}”与 {other} 重复。",
    en='The document number "{number}" is also used by {other}.',
    fix_zh="核对原件：发文字号在本机关内唯一；同一文件只保留一份，修订版用 amended_by/replaced_by 关联。",
    fix_en=(
        "Check the original: a document number is unique; keep one record per document and link revisions with "
        "amended_by/replaced_by."
    ),
)

SG421 = IDENTIFIERS.code(
    "SG421",
    WARNING,
    Doc(
        "发文字号不规范，并给出规范写法 / a malformed document number, with the corrected form",
        "`周政办字[2024]09号` → `周政办字〔2024〕9号`",
        "改为提示的写法 / use the corrected form",
    ),
    zh="发文字号“{number}”不规范，应写作“{corrected}”（年份用六角括号〔〕，序号不加“第”字、不编虚位，后加“号”）。",
    en=(
        'The document number "{number}" is not in the standard form; write "{corrected}" (year in 〔〕, sequence '
        "without 第 or leading zeros, followed by 号)."
    ),
    fix_zh="改为 doc_number: {corrected}（GB/T 9704-2012 第7.2.4条）。",
    fix_en="Change it to doc_number: {corrected} (GB/T 9704-2012, 7.2.4).",
)

SG422 = IDENTIFIERS.code(
    "SG422",
    ERROR,
    Doc(
        "索引号与站点模板不符：机构代码、本文件的年份、序号位数 / the index number does not follow the template",
        "`abc`；2024 年文件写 `…/2026-00016`",
        "改为本年未用的号码，或删除后运行 `sitegen number` / fix it or run `sitegen number`",
    ),
    zh="索引号“{number}”无效：格式与站点模板不符（模板 {template}，机构代码 {org_code}）。",
    en='The index number "{number}" is invalid: it does not follow the site\'s template (template {template}, '
    "organisation code {org_code}).",
    fix_zh="改为本文件年份的一个未用过的号码，例如 {wanted}；或删除该行后运行 sitegen number。",
    fix_en="Use an unused number of the document's year, e.g. {wanted}; or delete the line and run sitegen number.",
)
SG422_YEAR = SG422.variant(
    zh="索引号“{number}”无效：年份 {year} 不是本文件的年份（模板 {template}，机构代码 {org_code}）。",
    en='The index number "{number}" is invalid: its year {year} is not the document\'s year (template {template}, '
    "organisation code {org_code}).",
)
SG422_SEQUENCE = SG422.variant(
    zh="索引号“{number}”无效：序号不符合模板（位数或数值）（模板 {template}，机构代码 {org_code}）。",
    en='The index number "{number}" is invalid: its sequence does not follow the template (template {template}, '
    "organisation code {org_code}).",
)

SG423 = IDENTIFIERS.code(
    "SG423",
    WARNING,
    Doc(
        (
            "公开文件的索引号是构建时生成的，没有写入文件，补发或删除文件时会变 / a generated index number, not "
            "written down"
        ),
        "手写的文件没有 `index_no`",
        "运行 `sitegen number` / run `sitegen number`",
    ),
    zh="索引号 {number} 是构建时按发布顺序生成的，没有写入文件：补发或删除其他文件时会改变。",
    en=(
        "The index number {number} is generated at build time, not written in the file: a back-dated or deleted "
        "document would change it."
    ),
    fix_zh="运行 sitegen number，把当前的索引号写入各文件（已公开的号码保持不变）。",
    fix_en="Run sitegen number to write the current numbers into the files (published numbers stay as they are).",
)
