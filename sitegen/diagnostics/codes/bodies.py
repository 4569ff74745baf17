"""Markdown bodies, their links and assets (SG070–SG081)."""

from __future__ import annotations

from sitegen.diagnostics.registry import ERROR, WARNING, Doc, Section

BODIES = Section("正文和链接 / Bodies, links and assets")

SG070 = BODIES.code(
    "SG070",
    ERROR,
    Doc(
        "不允许的链接地址（协议或属性）/ disallowed URL",
        "`[点我](javascript:alert(1))`",
        "只用 http、https、mailto、tel 或相对地址 / safe schemes only",
    ),
    zh="不允许的链接地址：{tag} 的 {attr}=“{url}”。",
    en='A disallowed URL: {attr}="{url}" on <{tag}>.',
    fix_zh="只能使用 http、https、mailto、tel 或站内相对地址；删除脚本和内嵌数据。",
    fix_en="Use only http, https, mailto, tel or relative URLs; remove scripts and inline data.",
)
SG070_ATTACHMENT = SG070.variant(
    zh="附件“{name}”是不允许的地址，不是文件名。",
    en='The attachment "{name}" is a disallowed URL, not a file name.',
    fix_zh="file 只写附件的文件名，文件放在文档旁边或 content/attachments/ 中。",
    fix_en="Give only the attachment's file name and keep the file beside the document.",
)

SG071 = BODIES.code(
    "SG071",
    ERROR,
    Doc(
        "图片缺少替代文本（图解尤其需要）/ image without alt text",
        "`![](图解.png)`",
        "`![图中全部要点的文字说明](图解.png)`",
    ),
    zh="图片“{src}”缺少替代文本（alt）。",
    en='The image "{src}" has no alt text.',
    fix_zh="写成 ![图片内容的文字说明](图片文件)，图解须完整描述要点。",
    fix_en="Write ![a description of the picture](file); describe every point of a chart.",
)

SG072 = BODIES.code(
    "SG072",
    ERROR,
    Doc(
        "页内锚点不存在 / the same-page anchor does not exist",
        "`[见下](#第二章)`，但没有该标题",
        "核对标题文字 / check the heading",
    ),
    zh="页内锚点“{href}”不存在。",
    en='The anchor "{href}" does not exist on this page.',
    fix_zh="检查标题文字或锚点拼写。",
    fix_en="Check the heading text or the anchor's spelling.",
)

SG073 = BODIES.code(
    "SG073",
    ERROR,
    Doc(
        "链接指向 content/ 之外 / link leaves content/",
        "`[配置](../../site.yaml)`",
        "只链接 content/ 中的文件 / link inside content/",
    ),
    zh="链接“{url}”指向 content/ 目录之外。",
    en='The link "{url}" points outside content/.',
    fix_zh="只链接 content/ 中的文档和文件。",
    fix_en="Link only to documents and files inside content/.",
)

SG074 = BODIES.code(
    "SG074",
    ERROR,
    Doc("链接的文档不存在 / linked document missing", "`[文件](nothing.md)`", "核对路径和文件名 / check the path"),
    zh="链接“{url}”指向的文档不存在{hint.zh}。",
    en='The link "{url}" points to a document that does not exist{hint.en}.',
    fix_zh="检查文件路径和文件名。",
    fix_en="Check the path and the file name.",
)

SG075 = BODIES.code(
    "SG075",
    ERROR,
    Doc(
        "公开页面链接到不公开（依申请、不予公开或未审核）的文档 / a public page links to a non-public document",
        "正文链接到 `disclosure: withheld` 的文件",
        "删除链接或先依程序公开 / remove the link or publish the target first",
    ),
    zh="公开页面链接到了不公开的文档“{url}”。",
    en='A public page links to the non-public document "{url}".',
    fix_zh="删除该链接，或先将目标文档按程序审核后主动公开。",
    fix_en="Remove the link, or have the target reviewed and made public first.",
)

SG076 = BODIES.code(
    "SG076",
    WARNING,
    Doc(
        "正文中的不安全 HTML 已删除 / unsafe HTML removed", "`<script>`、`onclick=`", "删除脚本和事件属性 / remove them"
    ),
    zh="正文中的不安全 HTML 已被删除：{found}。",
    en="Unsafe HTML was removed from the text: {found}.",
    fix_zh="删除脚本、事件属性、样式属性、内嵌框架和表单；正文只用 Markdown 和基本表格。",
    fix_en="Remove scripts, event and style attributes, frames and forms; use Markdown and plain tables.",
)

SG077 = BODIES.code(
    "SG077",
    ERROR,
    Doc(
        "站内绝对链接指向不存在的页面 / internal link to a missing page",
        "`[旧地址](/policies/old/)`",
        "改为链接源文件 `../2024/x.md` / link the source file",
    ),
    zh="站内链接“{href}”指向的页面不存在{hint.zh}。",
    en='The internal link "{href}" points to a page that does not exist{hint.en}.',
    fix_zh="改为指向文档源文件的相对链接（例如 ../2024/文件名.md），由系统生成地址。",
    fix_en="Link to the document's source file instead (e.g. ../2024/name.md).",
)

SG078 = BODIES.code(
    "SG078",
    ERROR,
    Doc(
        "正文引用的图片或文件不存在 / referenced file missing",
        "`![示意图](missing.png)`",
        "把文件放在文档旁 / put it beside the document",
    ),
    zh="正文引用的文件“{path}”不存在{hint.zh}。",
    en='The file "{path}" referenced in the text does not exist{hint.en}.',
    fix_zh="检查文件路径；图片和附件放在文档旁边；链接其他文档要写它的源文件（含 .md），例如 ../2024/文件名.md。",
    fix_en="Check the path; keep images and files beside the document; link another document by its source "
    "file, .md included (e.g. ../2024/name.md).",
)

SG079 = BODIES.code(
    "SG079",
    ERROR,
    Doc(
        "链接到其他文档的锚点不存在 / the anchor in another document does not exist",
        "`[第二章](b.md#第二章)`，b 中无此标题",
        "核对目标文档的标题 / check the target's headings",
    ),
    zh="链接“{href}”中的锚点“#{fragment}”在目标文档中不存在。",
    en='The anchor "#{fragment}" of the link "{href}" does not exist in the target document.',
    fix_zh="检查目标文档的标题文字（锚点由标题生成），或删除 # 之后的部分。",
    fix_en="Check the heading text in the target (anchors come from headings), or drop the #part.",
)

SG080 = BODIES.code(
    "SG080",
    ERROR,
    Doc(
        "复制的文件与生成的页面同名，会覆盖页面 / a copied file has a page's output path",
        "正文链接 `index.html` 文件",
        "重命名该文件 / rename it",
    ),
    zh="文件“{relative}”与生成的页面同名，会覆盖页面。",
    en='The file "{relative}" has the same output path as a generated page.',
    fix_zh="重命名该文件（不要使用 index.html 等页面文件名）。",
    fix_en="Rename the file (not index.html).",
)

SG081 = BODIES.code(
    "SG081",
    ERROR,
    Doc(
        "列表或引用嵌套过深，无法转换 / lists or quotes nested too deeply",
        "上千层 `1. 1. 1. …`",
        "减少嵌套 / flatten it",
    ),
    zh="正文的列表或引用嵌套层级过深，无法转换。",
    en="The text nests lists or quotes too deeply to be converted.",
    fix_zh="减少列表和引用的嵌套层级（一般不超过 4 层）。",
    fix_en="Reduce the nesting of lists and quotes (four levels are plenty).",
)
