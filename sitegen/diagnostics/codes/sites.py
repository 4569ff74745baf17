"""Several sites from one repository and the order of their catalogs (SG550–SG579)."""

from __future__ import annotations

from sitegen.diagnostics.registry import ERROR, EXIT_CONFIG, WARNING, Doc, Section

SITES = Section("站群和目录顺序 / Several sites, catalog order (`site.yaml`, exit code 2)", exit_code=EXIT_CONFIG)

SG550 = SITES.code(
    "SG550",
    ERROR,
    Doc(
        (
            "`agencies:` 或 `topics:` 引用的共享文件不存在、无法读取或有语法错误（站群，见 docs/multisite.md） / the "
            "shared file named by `agencies:` or `topics:` is missing, unreadable or invalid YAML"
        ),
        "`agencies: ../../agencies.yml` 但文件名是 `agencies.yaml`",
        (
            "改正路径（相对于 site.yaml），文件内容为 `- {slug: …, name: …}` 列表 / fix the path (relative to "
            "site.yaml); the file holds a list"
        ),
    ),
    zh="{key} 引用的共享文件 {name} {problem.zh}。",
    en="The shared file {name} named by {key} {problem.en}.",
    fix_zh="检查路径（相对于 {config}），文件内容应为列表，每项写成 {{slug: ..., name: ...}}。",
    fix_en="Check the path (relative to {config}); the file holds a list of {{slug: ..., name: ...}}.",
)

SG551 = SITES.code(
    "SG551",
    WARNING,
    Doc(
        '`catalog_order` 中的目录不存在，并提示相近的目录名 / `catalog_order` names no catalog, with "did you mean"',
        "`catalog_order: [distrct]`",
        "写目录文件名（不含 .yaml） / use the catalog's file name without .yaml",
    ),
    zh="catalog_order 中的目录“{wanted}”不存在{hint.zh}。",
    en='catalog_order names "{wanted}", which is not a catalog{hint.en}.',
    fix_zh="写目录文件名（不含 .yaml），现有：{ids:、}。",
    fix_en="Use catalog file names without .yaml; there are: {ids:, }.",
)
