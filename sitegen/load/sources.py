"""Finding and reading source files: UTF-8 only, size-capped, never outside the project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen.diagnostics.core import Diagnostics

MAX_SOURCE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` (after following symlinks) lies inside ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def find_files(folder: Path, pattern: str, project: Path, diags: Diagnostics) -> list[Path]:
    """Files under ``folder`` matching ``pattern``, sorted; symlinks leaving the project are refused.

    Symlinked folders are walked too when they stay inside the project (``Path.rglob`` silently skips them
    all, so a linked folder's documents simply did not appear); one pointing outside is refused by name."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for path in sorted(_walk(folder, pattern, project, {folder.resolve()})):
        if not inside(path, project):  # a symlinked file or folder, or a file under a symlinked folder
            diags.add(
                "SG010", path,
                "符号链接指向项目目录之外，已拒绝读取。",
                "The symbolic link points outside the project; refused.",
                fix_zh="把文件复制到项目目录内，不要用符号链接引用外部文件或文件夹。",
                fix_en="Copy the file or folder into the project instead of linking to it.",
            )
            continue
        if path.is_file():
            found.append(path)
    return found


def _walk(folder: Path, pattern: str, project: Path, seen: set[Path]) -> list[Path]:
    """Files matching ``pattern`` and every symlinked folder (for the caller to judge), walking each real
    folder once (no link loops) and never into a folder outside the project."""
    found: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith("."):
            continue  # editor swap files, .git and the like
        if entry.is_dir():
            if entry.is_symlink():
                found.append(entry)
                if not inside(entry, project):
                    continue
            real = entry.resolve()
            if real not in seen:
                seen.add(real)
                found.extend(_walk(entry, pattern, project, seen))
        elif entry.match(pattern):
            found.append(entry)
    return found


def read_text(path: Path, diags: Diagnostics) -> SourceText | None:
    """Read a source as UTF-8 text with LF line ends; report and return None when unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        diags.add("SG011", path, f"无法读取文件：{exc.strerror}。", f"Cannot read the file: {exc.strerror}.",
                  fix_zh="检查文件是否存在以及读取权限。", fix_en="Check that the file exists and is readable.")
        return None
    if len(data) > MAX_SOURCE_BYTES:
        diags.add(
            "SG012", path,
            f"文件过大（{len(data)} 字节，上限 {MAX_SOURCE_BYTES} 字节）。",
            f"The file is too large ({len(data)} bytes; the limit is {MAX_SOURCE_BYTES}).",
            fix_zh="拆分文件，或把大段数据作为附件发布。",
            fix_en="Split the file, or publish large data as an attachment.",
        )
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        diags.add(
            "SG013", path,
            "文件开头有 BOM（字节顺序标记），已自动忽略。", "The file starts with a byte-order mark; it was ignored.",
            line=1, fix_zh="在编辑器中另存为“UTF-8（无 BOM）”。", fix_en='Save the file as "UTF-8 without BOM".',
            warning=True,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.add(
            "SG014", path,
            f"文件不是 UTF-8 编码（第 {exc.start} 字节无法解码），可能是 GBK/GB18030 编码。",
            f"The file is not UTF-8 (byte {exc.start} cannot be decoded); it may be GBK/GB18030.",
            line=line, column=column,
            fix_zh="在编辑器中把文件另存为 UTF-8 编码。", fix_en="Save the file as UTF-8 in your editor.",
        )
        return None
    if "\r" in text:
        first = text[: text.index("\r")].count("\n") + 1
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        diags.add(
            "SG015", path,
            "文件使用 Windows（CRLF）换行符，已自动转换。", "The file uses Windows (CRLF) line ends; they were converted.",
            line=first,
            fix_zh="把编辑器的换行符设置为 LF。", fix_en="Set your editor's line ends to LF.", warning=True,
        )
    if "\x00" in text:
        diags.add(
            "SG016", path, "文件含有空字符（NUL），可能不是文本文件。",
            "The file contains NUL characters; it may not be a text file.",
            line=text[: text.index("\x00")].count("\n") + 1,
            fix_zh="确认文件是纯文本 Markdown 或 YAML。", fix_en="Make sure the file is plain-text Markdown or YAML.",
        )
        return None
    return SourceText(path, text)
