"""去标识化: what the personal-data scanner finds, and the much larger set of numbers it must leave alone.

Test data is generated here with independent implementations of the check digits, so that a
mistake in sitegen's arithmetic cannot make its own test pass.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.checks.privacy import is_resident_id, scan_line

TODAY = dt.date(2026, 1, 1)


def resident_id(first17: str) -> str:
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=False)) % 11]


def id_ending_in_x() -> str:
    return next(n for n in (resident_id(f"11010519491231{seq:03d}") for seq in range(1000)) if n.endswith("X"))


def luhn_complete(prefix: str) -> str:
    """``prefix`` plus the digit that makes it pass the Luhn check."""
    for last in "0123456789":
        digits = [int(d) for d in prefix + last][::-1]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
        if total % 10 == 0:
            return prefix + last
    raise AssertionError


def credit_code(first17: str) -> str:
    """A 统一社会信用代码 with its GB 32100-2015 check character."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [3**i % 31 for i in range(17)]
    total = sum(chars.index(c) * w for c, w in zip(first17, weights, strict=False))
    return first17 + chars[(31 - total % 31) % 31]


def numeric_credit_code_that_passes_luhn() -> str:
    """A real-looking all-digit code of a social organisation (51...) that a naive card check would flag."""
    for seq in range(100000):
        code = credit_code(f"51320100{seq:09d}")
        if code.isdigit() and luhn_complete(code[:-1]) == code:
            return code
    raise AssertionError


ID = resident_id("32010219900307123")
ID_X = id_ending_in_x()
CARD19 = luhn_complete("622202123456789012")
CARD16 = luhn_complete("411111111111111")


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.masked) for f in scan_line(text, 1, TODAY)]


@pytest.mark.parametrize(
    "text, kind, masked",
    [
        (f"申请人身份证号：{ID}。", "id", f"3201**********{ID[-4:]}"),
        (f"张三{ID_X}男", "id", f"{ID_X[:4]}**********{ID_X[-4:]}"),
        (f"张三{ID_X.lower()}男", "id", f"{ID_X[:4]}**********{ID_X[-4:]}"),
        (f"ID:{ID}", "id", f"3201**********{ID[-4:]}"),
        ("公民身份号码 320102900307123", "id", "3201*******7123"),
        ("身份证：320102900307123", "id", "3201*******7123"),
        ("联系人手机13912345678。", "mobile", "139****5678"),
        ("手机：139 1234 5678", "mobile", "139****5678"),
        ("手机：139-1234-5678", "mobile", "139****5678"),
        ("+86 139 1234 5678", "mobile", "139****5678"),
        ("+8613912345678", "mobile", "139****5678"),
        ("0086-13912345678", "mobile", "139****5678"),
        ("（19912345678）", "mobile", "199****5678"),
        ("No.13912345678", "mobile", "139****5678"),
        (f"工资卡 {CARD19} 。", "card", f"6222***********{CARD19[-4:]}"),
        (f"信用卡{CARD16}", "card", f"4111********{CARD16[-4:]}"),
        (" ".join([CARD19[i : i + 4] for i in range(0, 19, 4)]), "card", f"6222***********{CARD19[-4:]}"),
        ("-".join([CARD19[i : i + 4] for i in range(0, 19, 4)]), "card", f"6222***********{CARD19[-4:]}"),
    ],
)
def test_personal_data_is_found(text, kind, masked):
    assert kinds(text) == [(kind, masked)]


@pytest.mark.parametrize(
    "text, column",
    [
        ("电话１３９１２３４５６７８", 3),
        ("电话139\u200b1234\u200b5678", 3),
        ("电话&#49;3912345678", 3),
        ("电话139**1234**5678", 3),
        ("电话139<b>1234</b>5678", 3),
        ("电话139\\-1234\\-5678", 3),
        ("电话2024_13912345678", 8),  # folding joins 2024 to it; as written it stands alone
        ("电话 <!-- 13912345678 -->", 9),
        ("电话139[1234](https://www.example.gov.cn/)5678", 3),
        ("[电话](tel:13912345678)", 10),
    ],
)
def test_disguised_numbers_are_found_at_their_source_column(text, column):
    """What a reader sees counts (tests/test_planting_places.py plants these everywhere)."""
    assert [(f.kind, f.masked, f.column) for f in scan_line(text, 1, TODAY)] == [("mobile", "139****5678", column)]


def test_several_on_one_line_are_all_found_in_order():
    text = f"甲 {ID}，乙 13912345678，卡 {CARD19}"
    assert [k for k, _ in kinds(text)] == ["id", "mobile", "card"]


# Text that government documents are full of; none of it is personal data.
NOT_PERSONAL = [
    "示政办发〔2025〕12号",
    "国办发〔2019〕15号",
    "示人社字〔2024〕138号",
    "索引号：11379900MB0000000X/2025-00101",
    "000014349/2024-00012",
    "113201000002345678/2024-00123",
    "2024-03-15",
    "20240315",
    "2024年3月15日",
    "2024.03.15",
    "2024-03-15 14:30:00",
    "20240315143000",
    "一般公共预算收入29.8亿元",
    "支出42.58亿元",
    "15,268.00元",
    "1380000000元",
    "13812345678.00元",
    "合计 13912345678.5 万元",
    "3.14159265358979323846",
    "比例为 0.139123456781234%",
    "电话：0539-12345678",
    "(0539)12345678",
    "0539-12345600",
    "热线 12345",
    "400-123-4567",
    "95588",
    "010-12345678转8001",
    "邮编 299000",
    "ISBN 978-7-01-012345-6",
    "项目代码 2024-320102-47-01-123456",
    "https://www.gov.cn/zhengce/content/202403/content_6939616.htm",
    "流水号 320102900307123",
    "纳税人识别号 320102134754210",
    "凭身份证原件办理",
    "经营者身份证明复印件",
    "| 行政许可 | 15268 |",
    "对公账户 1101 0201 0900 0123 456",
    "食品经营许可证 JY13201020012345",
    "组织机构代码 13475421-0",
    "统一社会信用代码 91320100MA1XL1234Y",
    f"统一社会信用代码 {numeric_credit_code_that_passes_luhn()}",
    f"序号 {CARD19}1",
    f"序号 12{CARD19}",
    "139123456789",
    "913912345678",
    "示公网安备 37990002000101号",
    "网站标识码 3799000001",
    "viewBox 0 0 800 972",
    "第**2024**年**13**号",
    "２０２４年３月１５日",
    "&#49;&#50;&#51;45",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_ordinary_numbers_are_not_personal_data(text):
    assert kinds(text) == []


@pytest.mark.parametrize("text", [f"编号 {ID}0", f"编号 1{ID}", f"编号 {ID}.5", "0.3201021990030712399"])
def test_an_id_inside_a_longer_number_is_not_an_id(text):
    assert "id" not in [kind for kind, _ in kinds(text)]


def test_the_credit_code_sample_really_looks_like_a_card():
    """The credit-code case above is a real test: the number passes Luhn and has a card prefix."""
    code = numeric_credit_code_that_passes_luhn()
    assert code.isdigit() and code[0] == "5" and luhn_complete(code[:-1]) == code


@pytest.mark.parametrize(
    "number, valid",
    [
        (ID, True),
        (ID_X, True),
        (ID[:-1] + ("0" if ID[-1] != "0" else "1"), False),  # wrong check digit
        (resident_id("99010219900307123"), False),  # no such province
        (resident_id("32010219900230123"), False),  # 30 February
        (resident_id("32010220990307123"), False),  # born in the future
        (resident_id("32010218800307123"), False),  # before 1900
        (resident_id("32010220000229123"), True),  # 29 February of a leap year
    ],
)
def test_resident_id_validation(number, valid):
    assert is_resident_id(number, TODAY) is valid


def test_demo_content_has_no_personal_data_findings():
    """The demo portal mentions 身份证 and office phones many times; none of it is flagged."""
    from pathlib import Path

    from tests.conftest import PROJECT

    found = []
    for path in sorted(
        [*(PROJECT / "content").rglob("*.md"), *(PROJECT / "catalogs").glob("*.yaml"), PROJECT / "site.yaml"]
    ):
        for number, line in enumerate(path.read_text("utf-8").split("\n"), 1):
            found += [(Path(path).name, number, f.kind) for f in scan_line(line, number, TODAY)]
    # Office numbers are not mobiles; the scanner must stay silent on all of them.
    assert found == []
