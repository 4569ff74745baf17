"""Generated personal data, disguised as a reader would not notice, planted in generated places.

Every ID, mobile and card number is made here with its own check digits (tests/test_privacy.py), then
written as it is or disguised (full-width digits, zero-width or soft-hyphen splits, character
references, emphasis, tags, escapes, hand grouping) into one of many places: body constructs, every
front-matter field kind of several document kinds, site.yaml texts and the catalog. The build must
refuse it at that file and line, with the number masked in the message, and publish nothing.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.build import ConfigError
from sitegen.diagnostics.core import BuildFailed
from tests import portalfactory
from tests.sitefactory import SiteFactory
from tests.test_privacy import luhn_complete, resident_id

CODES = {"id": "SG150", "mobile": "SG151", "card": "SG152"}
PROVINCES = ["11", "32", "37", "44", "51", "65"]


@st.composite
def numbers(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(sorted(CODES)))
    if kind == "id":
        born = draw(st.dates(dt.date(1930, 1, 1), dt.date(2010, 12, 31)))
        region = draw(st.sampled_from(PROVINCES)) + draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
        return kind, resident_id(region + born.strftime("%Y%m%d") + draw(st.from_regex(r"[0-9]{3}", fullmatch=True)))
    if kind == "mobile":
        return kind, "1" + draw(st.sampled_from("3456789")) + draw(st.from_regex(r"[0-9]{9}", fullmatch=True))
    length = draw(st.sampled_from([16, 19]))
    prefix = draw(st.sampled_from(["62", "4", "5"]))
    return kind, luhn_complete(prefix + draw(st.from_regex(rf"[0-9]{{{length - 1 - len(prefix)}}}", fullmatch=True)))


def groups(number: str, kind: str) -> list[str]:
    """How people group the number when they write it out: 3-4-4 (mobile), 6-8-4 (ID), fours (card)."""
    if kind == "mobile":
        return [number[:3], number[3:7], number[7:]]
    if kind == "id":
        return [number[:6], number[6:14], number[14:]]
    return [number[i : i + 4] for i in range(0, len(number), 4)]


def _every(separator: str) -> Callable[[str, str], str]:
    return lambda n, kind: separator.join(groups(n, kind))


WIDE = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
DISGUISES: dict[str, Callable[[str, str], str]] = {
    "plain": lambda n, kind: n,
    "full_width": lambda n, kind: n.translate(WIDE),
    "zero_width_space": _every("\u200b"),
    "word_joiner": _every("\u2060"),
    "soft_hyphen": _every("\u00ad"),
    "soft_hyphen_reference": _every("&shy;"),
    "no_break_space": _every("\u00a0"),
    "ideographic_space": _every("\u3000"),
    "full_width_hyphen": _every("－"),
    "decimal_reference": lambda n, kind: f"&#{ord(n[0])};{n[1:]}",
    "hex_reference": lambda n, kind: f"&#x{ord(n[0]):x};&#X{ord(n[1]):X};{n[2:]}",
    "emphasis": lambda n, kind: f"{n[:3]}**{n[3:7]}**{n[7:]}",
    "underscore_emphasis": lambda n, kind: f"{n[:3]}_{n[3:7]}_{n[7:]}",
    "strike": lambda n, kind: f"{n[:3]}~~{n[3:7]}~~{n[7:]}",
    "raw_tag": lambda n, kind: f"{n[:3]}<span>{n[3:7]}</span>{n[7:]}",
    "link_split": lambda n, kind: f"{n[:3]}[{n[3:7]}](https://www.example.gov.cn/){n[7:]}",
    "footnote_mark": lambda n, kind: f"{n[:7]}[^1]{n[7:]}",
    "escaped_hyphens": _every("\\-"),
    "spaces": _every(" "),
    "hyphens": _every("-"),
    "mixed_separators": lambda n, kind: f"{n[:3]} {n[3:7]}-{n[7:]}" if kind == "mobile" else n,
}

# A place writes ``text`` into the site and names the file (relative) that must be blamed.
Place = Callable[[SiteFactory, str], str]


def _body(template: str) -> Place:
    def place(factory: SiteFactory, text: str) -> str:
        factory.policy("p1", body="第一段。\n\n" + template.format(text) + "\n")
        return "content/policies/p1.md"

    return place


def _policy_field(**fields: Callable[[str], object]) -> Place:
    def place(factory: SiteFactory, text: str) -> str:
        factory.policy("p1", **{key: make(text) for key, make in fields.items()})
        return "content/policies/p1.md"

    return place


def _attachment_title(factory: SiteFactory, text: str) -> str:
    factory.write("content/policies/list.pdf", b"%PDF-1.4\n%%EOF\n")
    factory.policy("p1", attachments=[{"title": f"名单{text}", "file": "list.pdf"}])
    return "content/policies/p1.md"


def _consultation_feedback(factory: SiteFactory, text: str) -> str:
    feedback = {
        "date": dt.date(2025, 12, 5),
        "received": 1,
        "adopted": 1,
        "partly_adopted": 0,
        "not_adopted": 0,
        "summary": "共收到意见1条。",
        "items": [{"opinion": f"建议由{text}负责。", "result": "adopted"}],
    }
    portalfactory.consultation(factory, "c1", closes=dt.date(2025, 11, 30), feedback=feedback)
    return "content/consultations/c1.md"


def _package_step(factory: SiteFactory, text: str) -> str:
    steps = [{"title": "提交申请", "prepare": [f"材料{text}"], "where": "区政务服务中心"}]
    portalfactory.package(factory, "k1", steps=steps)
    return "content/packages/k1.md"


def _event_field(factory: SiteFactory, text: str) -> str:
    portalfactory.event(factory, "e1", location=f"区政务服务中心（{text}）")
    return "content/events/e1.md"


def _report_text(factory: SiteFactory, text: str) -> str:
    portalfactory.write_report(factory, portalfactory.report_data(problems=f"问题{text}。"))
    return "content/reports/2024.yaml"


def _site_text(key: str) -> Place:
    def place(factory: SiteFactory, text: str) -> str:
        factory.config[key] = f"联系人{text}" if key != "contact" else {**factory.config["contact"], "address": text}
        factory.write("site.yaml", yaml.safe_dump(factory.config, allow_unicode=True, sort_keys=False))
        factory.policy("p1")
        return "site.yaml"

    return place


def _catalog_title(factory: SiteFactory, text: str) -> str:
    path = factory.root / "catalogs/main.yaml"
    path.write_text(
        path.read_text("utf-8").replace("title: 区政府规范性文件", f"title: 区政府规范性文件{text}"), "utf-8"
    )
    factory.policy("p1")
    return "catalogs/main.yaml"


PLACES: dict[str, Place] = {
    "paragraph": _body("联系人{}。"),
    "heading": _body("## 联系人{}"),
    "table_cell": _body("| 姓名 | 号码 |\n| --- | --- |\n| 张某 | {} |"),
    "footnote": _body("见注[^1]。\n\n[^1]: 联系人{}"),
    "link_text": _body("[{}](https://www.example.gov.cn/)"),
    "link_url": _body("[联系人](https://www.example.gov.cn/?q={})"),
    "image_alt": _body("![联系人{}](logo.svg)"),
    "image_title": _body('![图](logo.svg "联系人{}")'),
    "html_comment": _body("<!-- 联系人{} -->"),
    "raw_html_attribute": _body('<abbr title="联系人{}">联系人</abbr>'),
    "code_span": _body("`{}`"),
    "quote": _body("> 联系人{}"),
    "list_item": _body("- 联系人{}"),
    "title": _policy_field(title=lambda t: f"关于{t}的通知"),
    "doc_number": _policy_field(doc_number=lambda t: f"测政发〔2025〕{t}号"),
    "review_by": _policy_field(review=lambda t: {"date": dt.date(2025, 3, 1), "by": f"审查人{t}"}),
    "keywords": _policy_field(keywords=lambda t: ["住房", t]),
    "attachment_title": _attachment_title,
    "consultation_feedback": _consultation_feedback,
    "package_step": _package_step,
    "event_location": _event_field,
    "annual_report": _report_text,
    "site_footer": _site_text("footer"),
    "site_contact": _site_text("contact"),
    "catalog_title": _catalog_title,
}

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def masked_out(number: str, message: str) -> bool:
    return "****" in message and number not in re.sub(r"[^0-9X]", "", message)


@SETTINGS
@given(number=numbers(), disguise=st.sampled_from(sorted(DISGUISES)), place=st.sampled_from(sorted(PLACES)))
def test_planted_number_is_refused_where_it_is(tmp_path_factory, number, disguise, place) -> None:
    kind, digits = number
    factory = SiteFactory(tmp_path_factory.mktemp("site"))
    blamed = PLACES[place](factory, DISGUISES[disguise](digits, kind))
    found = [d for d in factory.diagnostics().items if d.code == CODES[kind]]
    assert [d.path for d in found] == [blamed], [d.location() + " " + d.zh for d in factory.diagnostics().items]
    line = (factory.root / blamed).read_text("utf-8").split("\n")[found[0].line - 1]
    assert DISGUISES[disguise](digits, kind) in line
    assert masked_out(digits, found[0].zh + found[0].en)


def test_every_disguise_everywhere_fails_the_build_and_publishes_none_of_it(tmp_path: Path) -> None:
    """One site holding every disguise at once: each is found, the build fails, no output holds a number."""
    factory = SiteFactory(tmp_path)
    factory.policy("p0")
    factory.build()
    before = {p: p.read_bytes() for p in sorted((tmp_path / "_site").rglob("*")) if p.is_file()}
    planted = {}
    for index, (name, disguise) in enumerate(sorted(DISGUISES.items())):
        digits = f"139{index:04d}5678"
        planted[name] = digits
        factory.policy(f"d{index}", body=f"第一段。\n\n联系人{disguise(digits, 'mobile')}，\n")
    with pytest.raises((BuildFailed, ConfigError)) as failed:
        factory.build(search=True)
    blamed = {d.path for d in failed.value.diagnostics.items if d.code in ("SG150", "SG151")}
    assert blamed == {f"content/policies/d{index}.md" for index in range(len(DISGUISES))}
    assert all(masked_out(digits, failed.value.diagnostics.format(colour=False)) for digits in planted.values())
    after = {p: p.read_bytes() for p in sorted((tmp_path / "_site").rglob("*")) if p.is_file()}
    assert after == before
    # Everything but the sources and the build cache (a local copy of what the sources hold).
    for path in tmp_path.rglob("*"):
        if path.is_file() and not {"content", ".sitegen-cache"} & set(path.parts):
            data = path.read_bytes()
            text = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8", "replace")
            assert not any(digits in text for digits in planted.values()), path
