"""Reading files (SG010–SG016) and their front matter (SG020–SG041)."""

from __future__ import annotations

from sitegen.diagnostics.codes.shared import MISSING_KEY, UNKNOWN_KEY, UNKNOWN_KEY_LISTED, WRONG_VALUE
from sitegen.diagnostics.registry import ERROR, WARNING, Doc, SchemaCodes, Section

READING = Section("读取文件 / Reading files")

SG010 = READING.code(
    "SG010",
    ERROR,
    Doc(
        (
            "符号链接（文件或文件夹）指向项目（附件为 content/）之外，拒绝读取或复制 / "
            "a symlinked file or folder points "
            "outside the project (content/ for attachments); refused"
        ),
        "`content/policies/x.md -> /home/me/x.md`；`content/policies/old -> /mnt/old`；`图.png -> /etc/passwd`",
        "把文件复制进项目 / copy the file into the project",
    ),
    zh="符号链接指向项目目录之外，已拒绝读取。",
    en="The symbolic link points outside the project; refused.",
    fix_zh="把文件复制到项目目录内，不要用符号链接引用外部文件或文件夹。",
    fix_en="Copy the file or folder into the project instead of linking to it.",
)
SG010_REFERENCED = SG010.variant(
    zh="正文引用的“{path}”是指向项目之外的符号链接，已拒绝。",
    en='"{path}", referenced in the text, is a symbolic link out of the project; refused.',
    fix_zh="把文件复制到项目目录内，不要用符号链接引用外部文件。",
    fix_en="Copy the file into the project instead of linking to it.",
)
SG010_ATTACHMENT = SG010.variant(
    zh="附件“{name}”是指向 content/ 之外的符号链接，已拒绝。",
    en='The attachment "{name}" is a symbolic link out of content/; refused.',
    fix_zh="把文件复制到 content/ 目录内，不要用符号链接引用外部文件。",
    fix_en="Copy the file into content/ instead of linking to it.",
)

SG011 = READING.code(
    "SG011",
    ERROR,
    Doc(
        "无法读取文件 / the file cannot be read",
        "权限不足、名为 x.md 的目录",
        "检查文件和权限 / check the file and its permissions",
    ),
    zh="无法读取文件：{reason}。",
    en="Cannot read the file: {reason}.",
    fix_zh="检查文件是否存在以及读取权限。",
    fix_en="Check that the file exists and is readable.",
)

SG012 = READING.code(
    "SG012",
    ERROR,
    Doc(
        "文件超过 5 MB / the file is larger than 5 MB",
        "把整本年鉴粘贴进正文",
        "拆分文件或作为附件发布 / split it or attach it",
    ),
    zh="文件过大（{size} 字节，上限 {limit} 字节）。",
    en="The file is too large ({size} bytes; the limit is {limit}).",
    fix_zh="拆分文件，或把大段数据作为附件发布。",
    fix_en="Split the file, or publish large data as an attachment.",
)

SG013 = READING.code(
    "SG013",
    WARNING,
    Doc(
        "文件开头有 BOM，已忽略 / byte-order mark, ignored",
        "记事本保存的“UTF-8”",
        "另存为“UTF-8（无 BOM）” / save as UTF-8 without BOM",
    ),
    zh="文件开头有 BOM（字节顺序标记），已自动忽略。",
    en="The file starts with a byte-order mark; it was ignored.",
    fix_zh="在编辑器中另存为“UTF-8（无 BOM）”。",
    fix_en='Save the file as "UTF-8 without BOM".',
)

SG014 = READING.code(
    "SG014",
    ERROR,
    Doc(
        "文件不是 UTF-8（常见于 GBK），报告首个无法解码的行列 / not UTF-8 (often GBK)",
        "WPS 默认编码保存",
        "另存为 UTF-8 / save as UTF-8",
    ),
    zh="文件不是 UTF-8 编码（第 {byte} 字节无法解码），可能是 GBK/GB18030 编码。",
    en="The file is not UTF-8 (byte {byte} cannot be decoded); it may be GBK/GB18030.",
    fix_zh="在编辑器中把文件另存为 UTF-8 编码。",
    fix_en="Save the file as UTF-8 in your editor.",
)

SG015 = READING.code(
    "SG015",
    WARNING,
    Doc(
        "Windows（CRLF）换行，已自动转换 / CRLF line ends, converted",
        "Windows 编辑器",
        "编辑器设为 LF / set LF line ends",
    ),
    zh="文件使用 Windows（CRLF）换行符，已自动转换。",
    en="The file uses Windows (CRLF) line ends; they were converted.",
    fix_zh="把编辑器的换行符设置为 LF。",
    fix_en="Set your editor's line ends to LF.",
)

SG016 = READING.code(
    "SG016",
    ERROR,
    Doc(
        "文件含有 NUL 字符，可能不是文本 / NUL characters", "把 .doc 改名为 .md", "使用纯文本 Markdown / use plain text"
    ),
    zh="文件含有空字符（NUL），可能不是文本文件。",
    en="The file contains NUL characters; it may not be a text file.",
    fix_zh="确认文件是纯文本 Markdown 或 YAML。",
    fix_en="Make sure the file is plain-text Markdown or YAML.",
)


FRONT_MATTER = Section("前置元数据 / Front matter")

SG020 = FRONT_MATTER.code(
    "SG020",
    ERROR,
    Doc("文件是空的 / empty file", "新建后未保存内容", "写入元数据和正文，或删除 / add content or delete it"),
    zh="文件是空的。",
    en="The file is empty.",
    fix_zh="写入以 --- 开头的前置元数据和正文，或删除该文件。",
    fix_en="Add front matter starting with --- and a body, or delete the file.",
)

SG021 = FRONT_MATTER.code(
    "SG021",
    ERROR,
    Doc(
        "第一行不是 `---` / no front matter", "直接从 `title:` 开始", "用两行 `---` 包住元数据 / wrap it in `---` lines"
    ),
    zh="文件缺少前置元数据：第一行必须是 ---。",
    en="The front matter is missing: the first line must be ---.",
    fix_zh="在文件开头加入以 --- 开始、以 --- 结束的 YAML 元数据块。",
    fix_en="Start the file with a YAML block between two --- lines.",
)

SG022 = FRONT_MATTER.code(
    "SG022",
    ERROR,
    Doc(
        "元数据没有结束的 `---` / front matter not closed",
        "忘了第二个 `---`",
        "在最后一个字段后加 `---` / add the closing line",
    ),
    zh="前置元数据没有结束：找不到第二个 --- 行。",
    en="The front matter is not closed: no second --- line.",
    fix_zh="在元数据最后一行之后单独加一行 ---。",
    fix_en="Add a line with only --- after the last front matter line.",
)

SG023 = FRONT_MATTER.code(
    "SG023",
    ERROR,
    Doc("元数据超过 64 KB / front matter too long", "正文误写进元数据", "正文写在 `---` 之后 / move the text below"),
    zh="前置元数据过长（超过 {limit} 个字符）。",
    en="The front matter is too long (over {limit} characters).",
    fix_zh="元数据只写字段，正文写在第二个 --- 之后。",
    fix_en="Keep only fields in the front matter; put the text after the closing ---.",
)

SG024 = FRONT_MATTER.code(
    "SG024",
    ERROR,
    Doc(
        "元数据 YAML 错误，包括别名炸弹（展开超过 20 万个节点）和嵌套过深 / invalid YAML, alias bombs, deep nesting",
        "`issuer: [甲`；`&a`/`*a` 层层引用",
        "按提示的行列改正；不要嵌套别名 / fix at the given line; no nested aliases",
    ),
    zh="{problem.zh}",
    en="{problem.en}",
    fix_zh="{problem.fix_zh}",
    fix_en="{problem.fix_en}",
)

SG025 = FRONT_MATTER.code(
    "SG025",
    ERROR,
    Doc("元数据不是“字段: 值”映射 / not a mapping", "`- 标题`", "每行 `字段: 值` / `key: value` lines"),
    zh="前置元数据必须是“字段: 值”形式的映射。",
    en="The front matter must be a mapping of 'key: value' lines.",
    fix_zh="每行写成 字段: 值，例如 title: 关于……的通知。",
    fix_en="Write one 'key: value' per line, e.g. title: ...",
)

SG031 = FRONT_MATTER.code(
    "SG031",
    WARNING,
    Doc(
        '未知字段，已忽略，提示相近字段 / unknown key with "did you mean"',
        "`issuerr: …`",
        "改为提示的字段 / use the suggested key",
    ),
    **UNKNOWN_KEY,
)

SG032 = FRONT_MATTER.code(
    "SG032",
    ERROR,
    Doc(
        (
            "字段值错误：类型、日期、枚举、标识（含 `../`）、控制字符；或文件名不能作为标识 / wrong value: type, date, "
            "enum, id (incl. `../`), control characters; or a file name unusable as id"
        ),
        (
            '`published: 2024-13-45`；`catalog: "010101"`（列表写成了文本）；`id: ../../etc`；`title: "\\0"`；'
            "文件名 `a b.md`"
        ),
        "按提示改写；列表写 `[…]`；标识只用字母、数字、`-`、`_` / follow the hint",
    ),
    **WRONG_VALUE,
)
SG032_FILE_NAME = SG032.variant(
    zh="文件名不能直接用作标识：{problem.zh}",
    en="The file name cannot serve as the id: {problem.en}",
    fix_zh="重命名文件，或在前置元数据中写 id: ……",
    fix_en="Rename the file or add an id: key.",
)

SG033 = FRONT_MATTER.code(
    "SG033",
    ERROR,
    Doc("缺少必填字段 / a required key is missing", "政策文件没有 `title`", "补上 / add it"),
    **MISSING_KEY,
)
FRONT_MATTER_KEYS = SchemaCodes(SG031, SG031.variant(**UNKNOWN_KEY_LISTED), SG032, SG033)

SG040 = FRONT_MATTER.code(
    "SG040",
    ERROR,
    Doc(
        "附件文件不存在（或 file 中含路径）/ attachment missing (or a path given)",
        "`file: ../../site.yaml`",
        "放在文档旁或 content/attachments/，只写文件名 / give only the file name",
    ),
    zh="找不到附件文件“{name}”。",
    en='The attachment file "{name}" does not exist.',
    fix_zh="把文件放在文档旁边或 content/attachments/ 中，file 只写文件名。",
    fix_en="Put the file beside the document or in content/attachments/ and give only its name.",
)

SG041 = FRONT_MATTER.code(
    "SG041",
    ERROR,
    Doc(
        "附件类型不受支持 / unsupported attachment type",
        "`file: 工具.exe`",
        "使用 PDF、OFD、Word、Excel 等 / use a supported type",
    ),
    zh="附件“{name}”的类型不受支持。",
    en='The attachment "{name}" has an unsupported type.',
    fix_zh="使用以下格式之一：{kinds:、}。",
    fix_en="Use one of: {kinds:, }.",
)
