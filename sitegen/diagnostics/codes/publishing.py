"""The publishing lifecycle (issue 16): URLs that never break (SG450–SG452), identity files (SG453) and
editorial checks (SG460–SG463)."""

from __future__ import annotations

from sitegen.diagnostics.registry import ERROR, WARNING, Doc, Section

URLS = Section(
    "地址不失效 / URLs that never break",
    intro=(
        "别名（`aliases:`）和撤回见 docs/content.md。构建把已发布的文档页面记在报表目录的 `published.json` 中，"
        "下次构建据此发现消失的页面。\n"
        "Aliases and withdrawals are described in docs/content.md; the build remembers the document pages it "
        "published in\n`published.json` in the reports folder and compares the next build with it."
    ),
)

SG450 = URLS.code(
    "SG450",
    ERROR,
    Doc(
        "别名已被本站页面或另一文档的别名占用 / an alias is a page of the site or another document's alias",
        "`aliases: [/policies/]`",
        "删除该别名或改为旧网站真正用过的地址 / remove it or give the old URL actually used",
    ),
    zh="别名“{alias}”已被占用：{clash}。",
    en='The alias "{alias}" is already taken: {clash}.',
    fix_zh="删除该别名，或改为旧网站上真正用过的地址；每个旧地址只能转到一个文档。",
    fix_en="Remove the alias or give the old URL actually used; each old URL redirects to one document.",
)

SG451 = URLS.code(
    "SG451",
    WARNING,
    Doc(
        "上次发布的页面已不存在，找到了接替它的文档 / a page published before is gone and its successor is known",
        "文件改名后旧地址 404",
        "在接替文档中加入提示的 `aliases: [旧地址]` / add the suggested alias to the successor",
    ),
    zh="上次构建发布的页面 {url}（{title}）已不存在，访问者会看到 404。",
    en="The page {url} ({title}), published by the previous build, is gone: visitors get a 404.",
    fix_zh="在本文件的前置元数据中加入 aliases: [{url}]，旧地址将转到 {target}。",
    fix_en="Add aliases: [{url}] to this file's front matter; the old URL will redirect to {target}.",
)

SG452 = URLS.code(
    "SG452",
    WARNING,
    Doc(
        "上次发布的页面已不存在，且不知道去向 / a page published before is gone without a known successor",
        "删除了已发布的文件",
        "在接替文档中加别名，或保留原文件并改为 `disclosure: withheld`（返回 410） / add an alias to the successor, "
        "or keep the file withheld so that it answers 410",
    ),
    zh="上次构建发布的页面 {url}（{title}）已不存在，访问者会看到 404。",
    en="The page {url} ({title}), published by the previous build, is gone: visitors get a 404.",
    fix_zh="若内容已移到别的文档，在该文档中加入 aliases: [{url}]；若是撤回，保留原文件并把 disclosure 改为 withheld"
    "（该地址将返回 410 已撤回）。",
    fix_en="If the content moved, add aliases: [{url}] to the document that has it now; if it was withdrawn, keep "
    "the file with disclosure: withheld (the URL then answers 410 Gone).",
)

WORDS = Section(
    "网站标识与表述规范 / Identity files and editorial checks",
    intro=(
        "`logo`、`badge` 见 docs/config.md。表述规范检查主动公开文档（含定时发布的）的标题和正文，"
        "以及目录文字：内置常见"
        "错别字表\n（`sitegen/checks/editorial.py` 的 `MISSPELLINGS`，近百条），site.yaml `words:` 的纠错表和禁用词，"
        "`leaders:` 的领导姓名和职务。\n"
        "`sitegen audit` 把错别字计为扣分，把禁用词和领导职务错误计为单项否决（严重表述错误）。\n"
        "Titles, bodies and catalog text are checked against the built-in misspelling table, the site's `words:` "
        "lists and\nthe `leaders:` titles; `sitegen audit` deducts for misspellings and vetoes forbidden terms and "
        "wrong leader titles."
    ),
)

SG453 = WORDS.code(
    "SG453",
    ERROR,
    Doc(
        "site.yaml 指定的标识图片文件不存在 / the logo or badge file does not exist",
        "`logo: static/missing.svg`",
        "把图片放进项目目录 / put the image in the project",
    ),
    zh="{key} 指定的文件“{name}”不存在（或在项目目录之外）。",
    en='The file "{name}" given by {key} does not exist (or is outside the project).',
    fix_zh="把图片文件放进项目目录（例如 static/），路径相对于 site.yaml。",
    fix_en="Put the image in the project (e.g. static/), with a path relative to site.yaml.",
)

SG460 = WORDS.code(
    "SG460",
    WARNING,
    Doc("常见错别字 / a common misspelling in official writing", "再接再励", "改为 再接再厉 / write the correct form"),
    zh="“{wrong}”是常见错别字，应为“{right}”。",
    en='"{wrong}" is a common misspelling; write "{right}".',
    fix_zh="改为“{right}”。",
    fix_en='Replace it with "{right}".',
)

SG461 = WORDS.code(
    "SG461",
    WARNING,
    Doc(
        "本站纠错表中的写法 / a form the site's word list corrects",
        "`words: {corrections: {区政府办: 区人民政府办公室}}`",
        "按纠错表改写 / use the listed form",
    ),
    zh="“{wrong}”应写作“{right}”（site.yaml words.corrections）。",
    en='"{wrong}" should be "{right}" (site.yaml words.corrections).',
    fix_zh="改为“{right}”。",
    fix_en='Replace it with "{right}".',
)

SG462 = WORDS.code(
    "SG462",
    WARNING,
    Doc(
        "使用了本站禁用词 / a forbidden term of the site",
        "`words: {forbidden: [某某领导]}`",
        "删除或改用规范表述 / remove it or use standard wording",
    ),
    zh="使用了禁用词“{term}”（site.yaml words.forbidden）。",
    en='The forbidden term "{term}" is used (site.yaml words.forbidden).',
    fix_zh="删除或改用规范表述。",
    fix_en="Remove it or use the standard wording.",
)

SG463 = WORDS.code(
    "SG463",
    WARNING,
    Doc(
        "领导姓名后（前）的职务与 site.yaml 不符 / a leader's name with a wrong title",
        "区长李明写成“副区长李明”",
        "改正职务或更新 leaders / correct the title or update leaders",
    ),
    zh="“{name}”的职务是“{title}”，这里写成了“{found}”。",
    en='{name}\'s title is "{title}", but "{found}" is written here.',
    fix_zh="改为“{name}{title}”或核对 site.yaml 的 leaders。",
    fix_en='Write "{title}", or check leaders in site.yaml.',
)
