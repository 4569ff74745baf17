"""The written output: the dashboard (no codes) and the self-contained check (SG082, SG180–SG182)."""

from __future__ import annotations

from sitegen.diagnostics.registry import ERROR, WARNING, Doc, Section

DASHBOARD = Section(
    "管理报表 / Webmaster dashboard",
    intro=(
        "`sitegen build` 成功后在输出目录旁写出 `_reports/index.html`（`--reports DIR` 可改位置，"
        "但不能在输出目录内）：\n"
        "目录覆盖情况（按责任单位）、没有解读或解读较晚的政策文件、需要清理的内容、每月发布量图表和全部警告。它不会被\n"
        "发布，不含脚本和外部资源，同样的输入生成同样的文件。\n"
        "After a successful build, `sitegen build` writes `_reports/index.html` beside the output (`--reports "
        "DIR`, never\n"
        "inside the output): coverage per responsible unit, policies without or with late interpretations, items to\n"
        "clear, publications per month and all warnings. It is never published, has no scripts or external resources,\n"
        "and is byte-identical for the same input."
    ),
)


SAFETY = Section("安全和自包含 / Safety and self-contained output")

SG082 = SAFETY.code(
    "SG082",
    ERROR,
    Doc(
        "正文图片来自其他网站（网站须能在内网独立运行） / an image in the text is loaded from another site",
        "`![图](https://other.example/a.png)`",
        "把图片放在文档旁边并用相对路径 / keep the image beside the document, use a relative path",
    ),
    zh="图片“{url}”来自其他网站。",
    en='The image "{url}" is loaded from another site.',
    fix_zh="把图片下载后放在文档旁边，用相对路径引用；网站必须能在内网独立运行。",
    fix_en="Save the picture beside the document and use a relative path; the site must work offline.",
)

SG180 = SAFETY.code(
    "SG180",
    ERROR,
    Doc(
        (
            "输出页面或样式表从其他网站加载脚本、样式表、字体、图片、框架或媒体 / a page or stylesheet loads a "
            "resource from another site"
        ),
        "模板中写了 CDN 上的 `<script src>`",
        "把资源放进主题的 static/ 目录 / ship the resource in the theme's static/ folder",
    ),
    zh="页面从其他网站加载资源：{what}。网站必须自包含，内网终端无法访问外部地址。",
    en="The page loads a resource from another site: {what}. The site must be self-contained.",
    fix_zh="把文件放进主题的 static/ 目录并用 asset() 引用；指向其他网站的普通链接不受限制。",
    fix_en="Put the file in the theme's static/ folder and use asset(); plain links to other sites are fine.",
)
SG180_PAGES = SG180.variant(  # one problem on many pages: it comes from a template
    zh="页面从其他网站加载资源：{what}（共 {pages} 个页面，可能来自模板）。网站必须自包含，内网终端无法访问外部地址。",
    en=(
        "The page loads a resource from another site: {what} ({pages} pages; probably from a template). "
        "The site must be self-contained."
    ),
)

SG181 = SAFETY.code(
    "SG181",
    ERROR,
    Doc(
        (
            "输出页面含有 CSP 会阻止的内联脚本、样式、style 属性或事件属性 / a page contains inline code the CSP would "
            "block"
        ),
        '模板中写了 `<script>…</script>` 或 `style="…"`',
        "改用外部 .js/.css 文件和 class / use external .js/.css files and classes",
    ),
    zh="页面含有内容安全策略（CSP）会阻止的内联脚本或样式：{what}。",
    en="The page has inline script or style that the Content-Security-Policy blocks: {what}.",
    fix_zh="把脚本和样式移到主题 static/ 目录中的 .js 和 .css 文件，用 class 代替 style 属性。",
    fix_en="Move scripts and styles into .js and .css files under static/; use classes, not style attributes.",
)
SG181_PAGES = SG181.variant(  # one problem on many pages: it comes from a template
    zh="页面含有内容安全策略（CSP）会阻止的内联脚本或样式：{what}（共 {pages} 个页面，可能来自模板）。",
    en=(
        "The page has inline script or style that the Content-Security-Policy blocks: {what} "
        "({pages} pages; probably from a template)."
    ),
)

SG182 = SAFETY.code(
    "SG182",
    WARNING,
    Doc(
        "输出路径无法写入 nginx 配置，root 为占位路径 / the nginx configuration root is a placeholder",
        "输出路径含 `$`、引号或反斜杠",
        "在 site.yaml 中设置 deploy_root / set deploy_root in site.yaml",
    ),
    zh="输出目录的路径不能写入 nginx 配置，root 为占位路径。",
    en="The output path cannot be written into the nginx configuration; root is a placeholder.",
    fix_zh="在 site.yaml 中设置 deploy_root（服务器上网站目录的绝对路径）。",
    fix_en="Set deploy_root in site.yaml (the absolute path of the site on the server).",
)

SG580 = SAFETY.code(
    "SG580",
    ERROR,
    Doc(
        "正文引用的 SVG 图片含有脚本、事件、外部引用或实体声明 / an SVG image holds active content",
        '`<svg><script>…</script></svg>`；`<svg onload=…>`；`<image href="https://…">`；`<!ENTITY …>`',
        "另存为 PNG，或用绘图软件导出不含脚本的 SVG / save it as PNG, or export a plain SVG",
    ),
    zh="SVG 图片“{name}”（{published_by} 引用）含有{what}：直接打开图片地址时会在本站执行或加载外部内容。",
    en='The SVG image "{name}" (used by {published_by}) holds {what_en}: opened on its own address it would '
    "run or load outside content on this site.",
    fix_zh="把图片另存为 PNG，或用绘图软件重新导出不含脚本、事件、外部链接的 SVG。",
    fix_en="Save the picture as PNG, or export the SVG again without scripts, events or outside links.",
)
