"""Attachments are read and checked for personal data before publication, wherever a number hides.

Every case asserts both outcomes: the number is refused with the file, the place inside it and the
masked value; the same file without it passes.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.diagnostics.core import Severity
from tests import attachmentfiles as make
from tests.sitefactory import SiteFactory
from tests.test_rule_codes import CARD, ID_NUMBER, MOBILE

MASKED = "139****5678"


def site_with(tmp_path: Path, name: str, data: bytes, **meta) -> SiteFactory:
    factory = SiteFactory(tmp_path)
    factory.write(f"content/policies/{name}", data)
    factory.policy("a", attachments=[{"title": "名单", "file": name}], **meta)
    return factory


def findings(factory: SiteFactory, code: str) -> list:
    return [d for d in factory.diagnostics().items if d.code == code]


WORD_PLACES = {
    "body": "正文第2段",
    "table": "正文第",
    "header": "页眉（header1.xml）第1段",
    "footer": "页脚（footer1.xml）第1段",
    "comment": "批注第1段",
    "inserted": "正文第2段",
    "deleted": "正文第2段（修订中删除的文字）",
}
SHEET_PLACES = {
    "cell": "工作表 名单!D3",
    "number": "工作表 名单!D4",
    "hidden_row": "工作表 名单!D5（隐藏行）",
    "hidden_column": "工作表 名单!F2（隐藏列）",
    "comment": "工作表 名单!B6 的批注",
    "hidden_sheet": "工作表 原始数据!C9（隐藏工作表）",
    "very_hidden": "工作表 原始数据!C9（隐藏工作表）",
}


@pytest.mark.parametrize("place", sorted(WORD_PLACES))
def test_word_hiding_places(tmp_path: Path, place: str) -> None:
    leaky = site_with(tmp_path / "leak", "名单.docx", make.word(place, MOBILE))
    found = findings(leaky, "SG401")
    assert len(found) == 1, [d.zh for d in leaky.diagnostics().items]
    assert found[0].path == "content/policies/名单.docx" and found[0].severity is Severity.ERROR
    assert WORD_PLACES[place] in found[0].zh and MASKED in found[0].zh and MOBILE not in found[0].zh + found[0].en
    assert "content/policies/a.md" in found[0].zh
    clean = site_with(tmp_path / "clean", "名单.docx", make.word(place, ""))
    assert not clean.diagnostics().errors


@pytest.mark.parametrize("place", sorted(SHEET_PLACES))
def test_spreadsheet_hiding_places(tmp_path: Path, place: str) -> None:
    leaky = site_with(tmp_path / "leak", "名单.xlsx", make.workbook(place, MOBILE))
    found = findings(leaky, "SG401")
    assert [d.zh.split("发布）")[1].split("发现")[0] for d in found] == [SHEET_PLACES[place]], [d.zh for d in found]
    assert MASKED in found[0].zh
    assert not site_with(tmp_path / "clean", "名单.xlsx", make.workbook(place, "")).diagnostics().errors


def test_every_kind_of_number_in_a_spreadsheet(tmp_path: Path) -> None:
    factory = SiteFactory(tmp_path)
    factory.write("content/policies/a.xlsx", make.workbook("cell", f"{ID_NUMBER} / {MOBILE} / {CARD}"))
    factory.policy("a", attachments=[{"title": "名单", "file": "a.xlsx"}])
    assert sorted(d.code for d in factory.diagnostics().errors) == ["SG400", "SG401", "SG402"]


def test_pdf_page_and_line(tmp_path: Path) -> None:
    leaky = site_with(tmp_path / "leak", "list.pdf", make.pdf(["Notice", f"Row 1\nRow 2 mobile {MOBILE}"]))
    (found,) = findings(leaky, "SG401")
    assert "第2页第2行" in found.zh and "page 2, line 2" in found.en
    assert not site_with(tmp_path / "clean", "list.pdf", make.pdf(["Notice", "Row 1"])).diagnostics().errors


def pdf_with(place: str, text: str) -> bytes:
    """A one-page PDF with ``text`` in its properties, a note on the page or an embedded file."""
    import io

    import pypdf
    from pypdf.annotations import Text

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make.pdf(["Notice"]))))
    if place == "properties":
        writer.add_metadata({"/Title": f"List {text}"})
    elif place == "annotation":
        writer.add_annotation(page_number=0, annotation=Text(rect=(50, 550, 200, 650), text=f"call {text}"))
    else:
        writer.add_attachment("list.txt", f"name {text}\n".encode())
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "place, where",
    [("properties", "文档属性"), ("annotation", "第1页的批注"), ("embedded", "嵌入文件 list.txt 中的第1行")],
)
def test_pdf_hiding_places(tmp_path: Path, place: str, where: str) -> None:
    (found,) = findings(site_with(tmp_path / "leak", "list.pdf", pdf_with(place, MOBILE)), "SG401")
    assert where in found.zh and MASKED in found.zh
    assert not site_with(tmp_path / "clean", "list.pdf", pdf_with(place, "none")).diagnostics().errors


@pytest.mark.parametrize(
    "name,data,place",
    [
        ("list.csv", f"姓名,电话\n王某,0539-12345678\n李某,{MOBILE}\n".encode("gbk"), "第3行第2列"),
        ("list.txt", f"公示名单\n李某 {MOBILE}\n".encode(), "第2行"),
    ],
)
def test_text_files(tmp_path: Path, name: str, data: bytes, place: str) -> None:
    (found,) = findings(site_with(tmp_path / "leak", name, data), "SG401")
    assert place in found.zh
    assert not site_with(tmp_path / "clean", name, data.replace(MOBILE.encode(), b"-")).diagnostics().errors


def test_allowance_names_the_attachment(tmp_path: Path) -> None:
    allow = [{"value": MOBILE, "reason": "《社会救助暂行办法》要求公示联系方式", "attachment": "名单.xlsx"}]
    allowed = site_with(tmp_path / "ok", "名单.xlsx", make.workbook("cell", MOBILE), allow_personal_data=allow)
    assert not [d for d in allowed.diagnostics().items if "SG400" <= d.code <= "SG411"]
    # An allowance for the document's text does not reach into its attachments, nor one for another file.
    for other in ([{"value": MOBILE, "reason": "依法公示"}], [{**allow[0], "attachment": "另一个.xlsx"}]):
        factory = site_with(
            tmp_path / str(len(other[0])), "名单.xlsx", make.workbook("cell", MOBILE), allow_personal_data=other
        )
        codes = factory.codes()
        assert "SG401" in codes and ("SG411" in codes or "SG153" in codes)


def test_properties_naming_a_person_warn(tmp_path: Path) -> None:
    for name, data in (
        ("a.docx", make.word(author="张三")),
        ("a.xlsx", make.workbook(creator="张三")),
        ("a.pdf", make.pdf(["Notice"], author="Zhang San")),
    ):
        factory = site_with(tmp_path / name, name, data)
        (found,) = findings(factory, "SG403")
        assert found.severity is Severity.WARNING and ("张三" in found.zh or "Zhang San" in found.zh)
    for name, data in (("a.docx", make.word()), ("a.xlsx", make.workbook()), ("a.pdf", make.pdf(["Notice"]))):
        assert not [
            d
            for d in site_with(tmp_path / ("clean" + name), name, data).diagnostics().items
            if "SG400" <= d.code <= "SG411"
        ]


def test_revision_and_comment_authors_warn(tmp_path: Path) -> None:
    factory = site_with(tmp_path, "a.docx", make.word("comment", "无号码"))
    assert any("审核人" in d.zh for d in findings(factory, "SG403"))


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("a.pdf", make.encrypted_pdf(), "SG405"),
        ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "SG405"),  # how Office stores an encrypted .docx
        ("a.xlsx", make.workbook()[:300], "SG404"),  # truncated
        ("a.pdf", b"%PDF-1.4\n garbage", "SG404"),
        ("a.docx", make.archive({"hello.txt": b"not a Word file"}), "SG404"),
        ("a.zip", make.archive({"名单.xlsx": make.workbook("cell", MOBILE)}), "SG406"),
        ("a.docx", make.zip_bomb(), "SG407"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "SG409"),
    ],
    ids=["encrypted-pdf", "encrypted-docx", "truncated-xlsx", "garbage-pdf", "not-word", "zip", "zip-bomb", "doc"],
)
def test_unreadable_files_are_errors(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    (found,) = findings(site_with(tmp_path, name, data), code)
    assert found.severity is Severity.ERROR and found.path == f"content/policies/{name}"


def test_scanned_pdf_warns(tmp_path: Path) -> None:
    (found,) = findings(site_with(tmp_path, "scan.pdf", make.scanned_pdf()), "SG408")
    assert found.severity is Severity.WARNING


def test_image_attachment_warns(tmp_path: Path) -> None:
    png = make.scanned_pdf()  # any bytes: images are not opened
    (found,) = findings(site_with(tmp_path, "名单.png", png), "SG410")
    assert found.severity is Severity.WARNING


def test_documents_that_are_not_public_are_not_scanned(tmp_path: Path) -> None:
    factory = site_with(tmp_path, "名单.xlsx", make.workbook("cell", MOBILE), disclosure="withheld", review=None)
    assert not [d for d in factory.diagnostics().items if "SG400" <= d.code <= "SG411"]


def test_build_refuses_and_publishes_nothing(tmp_path: Path) -> None:
    factory = site_with(tmp_path, "名单.xlsx", make.workbook("hidden_sheet", MOBILE))
    from sitegen.diagnostics.core import BuildFailed

    with pytest.raises(BuildFailed):
        factory.build()
    assert not (tmp_path / "_site").exists() or not list((tmp_path / "_site").rglob("名单.xlsx"))


# Peak memory from VmHWM, which starts afresh with the new program (ru_maxrss would carry the forking test
# runner's own peak across exec).
LARGE = """
import datetime, json, re, sys
from pathlib import Path
from sitegen.checks.attachments import scan_file
scan = scan_file(Path(sys.argv[1]), datetime.date(2026, 1, 1), seconds=float(sys.argv[2]))
peak = int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
print(json.dumps({"problem": scan.problem, "hits": [h.where_en for h in scan.hits], "peak_mb": peak / 1024}))
"""


def test_fifty_megabyte_spreadsheet_is_bounded(tmp_path: Path) -> None:
    """Read completely (the number in its last cell is found) or refused as too slow: never passed unread.
    Either way the reader streams: its peak memory stays far below the file's unpacked size."""
    path = tmp_path / "big.xlsx"
    rows = make.large_workbook(path, 50 * 1024 * 1024, MOBILE)
    assert path.stat().st_size > 50 * 1024 * 1024
    done = subprocess.run([sys.executable, "-c", LARGE, str(path), "30"], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["hits"] == [f"sheet 名单!D{rows}"] or result["problem"] == "too_slow", result
    assert result["peak_mb"] < 200, result


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(make.zip_bomb("xl/worksheets/sheet1.xml", 128))
    done = subprocess.run([sys.executable, "-c", LARGE, str(path), "30"], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["problem"] == "too_large" and result["peak_mb"] < 200, result


def test_memo_follows_the_file(tmp_path: Path) -> None:
    from sitegen.checks.attachments import scan_file

    path = tmp_path / "a.csv"
    path.write_text(f"a,{MOBILE}\n", encoding="utf-8")
    assert scan_file(path, dt.date(2026, 1, 1)).hits
    path.write_text("a,b,c\n", encoding="utf-8")
    assert not scan_file(path, dt.date(2026, 1, 1)).hits


def test_file_linked_from_the_text_is_checked_too(tmp_path: Path) -> None:
    from tests.test_rule_codes import diagnostics_of

    factory = SiteFactory(tmp_path)
    factory.write("content/policies/名单.xlsx", make.workbook("hidden_row", MOBILE))
    factory.policy("a", body="正文。\n\n详见[补贴发放名单](名单.xlsx)。\n")
    found = [d for d in diagnostics_of(factory).items if d.code == "SG401"]
    assert [d.path for d in found] == ["content/policies/名单.xlsx"]
    factory.write("content/policies/名单.xlsx", make.workbook("hidden_row", ""))
    assert not [d for d in diagnostics_of(factory).items if "SG400" <= d.code <= "SG411"]


def test_scans_are_kept_by_content_without_the_numbers(tmp_path: Path, monkeypatch) -> None:
    from sitegen.checks import attachments

    path, store, day = tmp_path / "a.csv", tmp_path / "cache", dt.date(2026, 1, 1)
    path.write_text(f"a,{MOBILE}\n", encoding="utf-8")
    first = attachments.scan_file(path, day, store=store)
    (record,) = (store / attachments.SCANS_DIR).iterdir()
    assert MOBILE not in record.read_text(encoding="utf-8") and MASKED in record.read_text(encoding="utf-8")

    def no_reading(*args: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr(attachments, "_scan", no_reading)
    attachments._memo.clear()
    assert attachments.scan_file(path, day, store=store) == first  # from the record
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="read again"):  # new content: read again
        attachments.scan_file(path, day, store=store)


@pytest.mark.parametrize("field", ["title", "subject", "keywords", "comments", "category"])
def test_office_document_properties(tmp_path: Path, field: str) -> None:
    """Office shows a file's properties to whoever downloads it: a number there is published too."""
    import io

    import docx

    def made(value: str) -> bytes:
        document = docx.Document(io.BytesIO(make.word("body", "")))
        setattr(document.core_properties, field, f"名单 {value}")
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    (found,) = findings(site_with(tmp_path / "leak", "名单.docx", made(MOBILE)), "SG401")
    assert "文档属性（docProps/core.xml）" in found.zh and MASKED in found.zh
    assert not site_with(tmp_path / "clean", "名单.docx", made("无")).diagnostics().errors
