"""site.yaml and the folders a build writes to (SG001–SG009): configuration errors, exit code 2."""

from __future__ import annotations

from sitegen.diagnostics.codes.shared import MISSING_KEY, UNKNOWN_KEY, UNKNOWN_KEY_LISTED, WRONG_VALUE
from sitegen.diagnostics.registry import ERROR, EXIT_CONFIG, WARNING, Doc, SchemaCodes, Section

CONFIG = Section("配置 / Configuration (`site.yaml`, exit code 2)", exit_code=EXIT_CONFIG)

SG001 = CONFIG.code(
    "SG001",
    ERROR,
    Doc(
        "找不到 site.yaml / the configuration file does not exist",
        "在错误的目录运行 `sitegen build`",
        "在项目根目录运行，或用 `--config` 指定路径 / run in the project folder or pass `--config`",
    ),
    zh="找不到站点配置文件 {path}。",
    en="The site configuration {path} does not exist.",
    fix_zh="在项目根目录运行命令，或用 --config 指定 site.yaml 的路径。",
    fix_en="Run the command in the project folder, or pass --config path/to/site.yaml.",
)

SG002 = CONFIG.code(
    "SG002",
    ERROR,
    Doc(
        "site.yaml 不是合法的 YAML / invalid YAML",
        "`agencies: [` 未闭合",
        "检查缩进、冒号后的空格、括号和引号 / check indentation, colons, brackets, quotes",
    ),
    zh="{problem.zh}",
    en="{problem.en}",
    fix_zh="{problem.fix_zh}",
    fix_en="{problem.fix_en}",
)

SG003 = CONFIG.code(
    "SG003",
    ERROR,
    Doc(
        "site.yaml 不是“字段: 值”映射 / not a mapping",
        "文件写成了列表 `- 标题`",
        "每行写 `字段: 值` / write `key: value` lines",
    ),
    zh="site.yaml 必须是“字段: 值”形式的映射。",
    en="site.yaml must be a mapping of 'key: value' lines.",
    fix_zh="每行写成 字段: 值，例如 title: 示例区人民政府（参见 docs/config.md）。",
    fix_en="Write one 'key: value' per line, e.g. title: ... (see docs/config.md).",
)

SG004 = CONFIG.code(
    "SG004",
    ERROR,
    Doc(
        "找不到主题模板目录（构建时检查） / the theme's templates folder is missing (checked by build)",
        "`theme_dir: themes/new` 但目录不存在",
        "改正 `theme_dir`，默认 `themes/default` / fix `theme_dir`",
    ),
    zh="找不到主题模板目录 {templates}。",
    en="The theme's templates folder {templates} does not exist.",
    fix_zh="检查 site.yaml 中的 theme_dir，默认为 themes/default。",
    fix_en="Check theme_dir in site.yaml; the default is themes/default.",
)

SG005 = CONFIG.code(
    "SG005",
    WARNING,
    Doc(
        '未知的配置键，已忽略，并提示相近的键名 / unknown key, ignored, with "did you mean"',
        "`descripton: …`",
        "改为提示的键名 / use the suggested key",
    ),
    **UNKNOWN_KEY,
)

SG006 = CONFIG.code(
    "SG006",
    ERROR,
    Doc(
        "配置值类型或取值错误 / wrong value",
        "`page_size: 3`；topics 的 slug 写成 `../etc`",
        "按 docs/config.md 填写 / follow docs/config.md",
    ),
    **WRONG_VALUE,
)

SG007 = CONFIG.code(
    "SG007",
    ERROR,
    Doc("缺少必填键 / a required key is missing", "没有 `agencies`", "补上该键 / add the key"),
    **MISSING_KEY,
)
CONFIG_KEYS = SchemaCodes(SG005, SG005.variant(**UNKNOWN_KEY_LISTED), SG006, SG007)

SG008 = CONFIG.code(
    "SG008",
    ERROR,
    Doc(
        (
            "输出目录与项目、content/、catalogs/ 或主题重叠：发布会整体替换输出目录，因此拒绝 / the output folder "
            "overlaps the project or its sources"
        ),
        "`--output content` 或 `--output .`",
        "使用单独的目录，如 `_site` / use a folder of its own",
    ),
    zh="输出目录 {target} 与 {clash} 重叠：发布时会替换掉源文件。",
    en="The output folder {target} overlaps {clash}; publishing would replace the sources.",
    fix_zh="把输出目录设为项目中单独的文件夹，例如 _site。",
    fix_en="Use a folder of its own, e.g. _site.",
)

SG009 = CONFIG.code(
    "SG009",
    ERROR,
    Doc(
        "管理报表目录在输出目录之内或与之重叠（报表不得发布）/ the reports folder overlaps the output",
        "`--reports _site/admin`",
        "放在输出目录之外，如 `_reports` / keep it outside the output",
    ),
    zh="管理报表目录 {reports} 不能在输出目录 {target} 之内或与之重叠：报表不得发布。",
    en="The reports folder {reports} must not overlap the output folder {target}: reports are never published.",
    fix_zh="报表目录放在输出目录之外，例如 _reports。",
    fix_en="Put the reports outside the output, e.g. _reports.",
)
