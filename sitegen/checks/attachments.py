"""去标识化 for attachments: every file a public document publishes is read and checked like its text.

The detectors are those of :mod:`sitegen.rules.privacy` (resident ID, mobile, bank card), applied to
each located piece of text :mod:`sitegen.load.attachtext` reads (sheet and cell, page, paragraph). A
finding is an error naming the file, the place inside it and the masked number; an editor may allow
one value in one named attachment (``allow_personal_data: [{value, reason, attachment}]``). A file
that cannot be read completely (encrypted, corrupt, an archive, beyond the size or time limit, an
old binary Office format) is an error too: unchecked is not safe. Properties naming a person and a
PDF without a text layer are warnings.

Results are remembered per file state for the life of the process (``sitegen serve`` rebuilds often),
holding the masked number and a digest of the digits, never the number itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sitegen.checks.privacy import KINDS, might_hold, normalise, scan_text
from sitegen.diagnostics.core import Diagnostics
from sitegen.load.attachbase import IMAGES, Unreadable
from sitegen.load.attachtext import read_attachment
from sitegen.model.config import SiteConfig
from sitegen.model.records import Document
from sitegen.model.site import SiteModel

MAX_REPORTED = 20  # findings reported one by one per file; the rest are counted

CODES = {"id": "SG400", "mobile": "SG401", "card": "SG402"}
UNREADABLE = {
    "encrypted": ("SG405", "已加密或设有打开密码", "is encrypted or password-protected",
                  "去除密码后重新保存，或另存为不加密的 PDF。", "Remove the password and save again, or save an unencrypted PDF."),
    "corrupt": ("SG404", "已损坏或格式与扩展名不符，无法读取", "is damaged or not the format its name says",
                "用原软件打开后另存一份，或重新导出。", "Open it in the program that made it and save a new copy."),
    "archive": ("SG406", "是压缩包，其中的文件无法逐一检查", "is an archive whose files cannot be checked one by one",
                "解压后把需要公开的文件逐个作为附件发布。", "Unpack it and publish the files it holds as attachments."),
    "too_large": ("SG407", "过大（或解压后过大，疑似压缩炸弹），超出检查上限", "is too large to check (or unpacks to too much: a zip bomb)",
                  "拆分文件后分别发布。", "Split the file and publish the parts."),
    "too_slow": ("SG407", "在时限内未能读完，超出检查上限", "could not be read within the time limit",
                 "拆分文件后分别发布。", "Split the file and publish the parts."),
    "unsupported": ("SG409", "的格式无法自动检查个人信息", "is in a format whose text cannot be checked",
                    "另存为 .docx、.xlsx 或带文字层的 PDF 后发布。", "Save it as .docx, .xlsx or a PDF with a text layer."),
}


@dataclass(frozen=True)
class Hit:
    kind: str
    digest: str  # of the normalised digits: enough to match an allowance, useless to a reader of memory
    masked: str
    where_zh: str
    where_en: str


@dataclass(frozen=True)
class FileScan:
    hits: tuple[Hit, ...] = ()
    people: tuple[tuple[str, str, str], ...] = ()
    problem: str | None = None
    detail: str = ""
    text_layer: bool = True


_memo: dict[tuple, FileScan] = {}


def digest(digits: str) -> str:
    return hashlib.sha256(digits.encode()).hexdigest()


def scan_file(path: Path, today: dt.date, seconds: float | None = None) -> FileScan:
    """What is inside ``path`` (remembered while the file keeps its size and modification time)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, today, seconds)
    if key not in _memo:
        _memo[key] = _scan(path, today, seconds)
    return _memo[key]


def _scan(path: Path, today: dt.date, seconds: float | None) -> FileScan:
    try:
        contents = read_attachment(path, seconds, keep=might_hold)
    except Unreadable as exc:
        return FileScan(problem=exc.reason, detail=exc.detail)
    except OSError as exc:
        return FileScan(problem="corrupt", detail=exc.strerror or str(exc))
    hits: list[Hit] = []
    for segment in contents.segments:
        several = "\n" in segment.text.strip()
        for finding in scan_text(segment.text, today):
            zh, en = segment.where_zh, segment.where_en
            if several:
                zh, en = f"{zh}第{finding.line}行", f"{en}, line {finding.line}"
            hits.append(Hit(finding.kind, digest(finding.digits), finding.masked, zh, en))
    return FileScan(tuple(dict.fromkeys(hits)), tuple(dict.fromkeys(contents.people)), text_layer=contents.text_layer)


def phone_digests(config: SiteConfig) -> set[str]:
    return {digest(normalise(p)) for p in config.public_phones}


def check_linked(doc: Document, path: Path, config: SiteConfig, diags: Diagnostics, today: dt.date) -> None:
    """A file linked from a document's text (not an image) is published like an attachment: check it alike."""
    if path.suffix.lower() not in IMAGES:
        check_file(doc, path, path.name, phone_digests(config), diags, today)


def check(model: SiteModel, diags: Diagnostics, today: dt.date) -> None:
    public_phones = phone_digests(model.config)
    for doc in model.documents():
        if doc.disclosure == "public":  # as for the text: others never reach the site
            for attachment in getattr(doc, "attachments", []):
                check_file(doc, attachment.source, attachment.name, public_phones, diags, today)
            _unknown_allowances(doc, diags)


def check_file(doc: Document, path: Path, name: str, public_phones: set[str], diags: Diagnostics,
               today: dt.date) -> None:
    """Report what ``path``, published by ``doc`` under ``name``, must not publish."""
    published_by = diags.rel(doc.source)
    if path.suffix.lower() in IMAGES:
        diags.add("SG410", path, f"图片附件“{name}”（由 {published_by} 发布）中的文字无法自动检查个人信息。",
                  f'The text in the image attachment "{name}" (published by {published_by}) cannot be checked '
                  "for personal data.", fix_zh="人工核对图片中没有身份证号、手机号、银行卡号等；名单类材料应以文字形式去标识化后发布。",
                  fix_en="Check the image by eye; publish name lists as de-identified text instead.", warning=True)
        return
    scan = scan_file(path, today)
    if scan.problem is not None:
        code, zh, en, fix_zh, fix_en = UNREADABLE[scan.problem]
        diags.add(code, path, f"附件“{name}”（由 {published_by} 发布）{zh}；未经检查的附件不能公开。",
                  f'The attachment "{name}" (published by {published_by}) {en}; an unchecked file cannot be '
                  f"published. ({scan.detail[:120]})", fix_zh=fix_zh, fix_en=fix_en)
        return
    allowed = {digest(normalise(a.value)): a for a in doc.allow_personal_data if a.attachment == name}
    used: set[str] = set()
    reported = 0
    for hit in scan.hits:
        if hit.digest in allowed:
            used.add(hit.digest)
            continue
        if hit.digest in public_phones:
            continue
        reported += 1
        if reported <= MAX_REPORTED:
            _report(diags, path, name, published_by, hit)
    if reported > MAX_REPORTED:
        diags.add("SG400", path, f"附件“{name}”中另有 {reported - MAX_REPORTED} 处疑似个人信息未逐一列出。",
                  f'The attachment "{name}" holds {reported - MAX_REPORTED} more possible personal numbers, not listed.',
                  fix_zh="整体去标识化（删除或遮蔽号码列）后重新发布。",
                  fix_en="De-identify the whole file (remove or mask the number columns) and publish it again.")
    for key, allowance in sorted(allowed.items()):
        if key not in used:
            diags.add("SG411", doc.source, f"allow_personal_data 中针对附件“{name}”的“{allowance.value}”在该附件中没有出现，豁免无效。",
                      f'The allowance "{allowance.value}" for the attachment "{name}" matches nothing in it.',
                      line=doc.line_of("allow_personal_data"), fix_zh="删除不再需要的豁免项，或核对号码与附件是否一致。",
                      fix_en="Remove the stale allowance, or check the number and the file name.", warning=True)
    for field_zh, field_en, person in scan.people:
        diags.add("SG403", path, f"附件“{name}”的文档属性“{field_zh}”记录了“{person}”：可能是个人姓名。",
                  f'The property "{field_en}" of the attachment "{name}" records "{person}", possibly a person\'s name.',
                  fix_zh="在“文件→信息→检查文档”中删除文档属性和个人信息（或改为单位名称）后重新保存。",
                  fix_en="Remove document properties and personal information (File > Info > Inspect Document), or use "
                  "the unit's name, and save again.", warning=True)
    if not scan.text_layer:
        diags.add("SG408", path, f"附件“{name}”没有文字层（扫描件），既无法检索也无法被读屏软件朗读，且无法自动检查个人信息。",
                  f'The attachment "{name}" has no text layer (a scan): it is neither searchable nor accessible, and '
                  "its text cannot be checked for personal data.",
                  fix_zh="发布由原文件导出的 PDF，或对扫描件做文字识别（OCR）后发布。",
                  fix_en="Publish a PDF exported from the original file, or run text recognition (OCR) on the scan.",
                  warning=True)


def _report(diags: Diagnostics, path: Path, name: str, published_by: str, hit: Hit) -> None:
    _, name_zh, name_en = KINDS[hit.kind]
    diags.add(CODES[hit.kind], path,
              f"附件“{name}”（由 {published_by} 发布）{hit.where_zh}发现疑似{name_zh} {hit.masked}：个人信息须去标识化处理后才能公开。",
              f'Possible {name_en} {hit.masked} in the attachment "{name}" (published by {published_by}), '
              f"{hit.where_en}: personal data must be de-identified before publication.",
              fix_zh=f"在附件中删除该号码或遮蔽中间位（如 {hit.masked}），注意隐藏的工作表、行列、批注和修订；确需依法公开的，"
              f"在 {published_by} 中加入 allow_personal_data: [{{value: 该号码, reason: 法律依据, attachment: {name}}}]。",
              fix_en=f"Remove or mask the number in the file (e.g. {hit.masked}), including hidden sheets, rows, "
              "columns, comments and tracked changes. If the law requires publishing it, add allow_personal_data: "
              f"[{{value: <the number>, reason: <legal basis>, attachment: {name}}}] to {published_by}.")


def _unknown_allowances(doc: Document, diags: Diagnostics) -> None:
    names = {a.name for a in getattr(doc, "attachments", [])}
    for allowance in doc.allow_personal_data:
        if allowance.attachment is not None and allowance.attachment not in names:
            diags.add("SG411", doc.source, f"allow_personal_data 中的 attachment“{allowance.attachment}”不是本文件的附件。",
                      f'The allowance names "{allowance.attachment}", which is not an attachment of this document.',
                      line=doc.line_of("allow_personal_data"), fix_zh="attachment 写附件的文件名（与 attachments 中 file 一致）。",
                      fix_en="Give the attachment's file name, as in attachments: file.", warning=True)
