"""The built-in plain-language table (sitegen/data/synonyms.yaml): every official term is one that real
government text uses, no word maps to itself or back, each citizen's word is declared once, and every area
of the standard catalogue has entries."""

from __future__ import annotations

import re
import tarfile
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from sitegen.search.querydata import default_synonyms, synonym_areas

PROJECT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (a clone next to shared/, or a worktree one level deeper), else the workplace's.
SHARED = next(
    (p / "shared" for p in (PROJECT.parent, PROJECT.parent.parent) if (p / "shared" / "corpora").is_dir()),
    Path("/work/shared"),
)
REGULATIONS = SHARED / "corpora" / "local-regulations-zhejiang-henan.tar.xz"

# Official terms of national documents newer than (or absent from) the regulations corpus, each with where it
# is used. Anything else on the official side must occur in the real text.
KNOWN_OFFICIAL = {
    "事实无人抚养儿童": "民发〔2019〕62号 关于进一步加强事实无人抚养儿童保障工作的意见",
    "高温津贴": "安监总安健〔2012〕89号 防暑降温措施管理办法",
    "防暑降温费": "防暑降温措施管理办法",
    "生育假": "各省人口与计划生育条例（2021 年修正后）",
    "预约诊疗": "国家卫生健康委 预约诊疗服务",
    "新型冠状病毒": "国家卫生健康委 新型冠状病毒感染防控方案",
    "老年人优待证": "各地老年人优待办法",
    "育儿补贴": "2025 年 育儿补贴制度实施方案",
    "共有产权住房": "住房和城乡建设部 共有产权住房试点",
    "机动车驾驶人考试": "公安部令第162号 机动车驾驶证申领和使用规定",
    "残疾人两项补贴": "国发〔2015〕52号 困难残疾人生活补贴和重度残疾人护理补贴",
    "电信网络诈骗": "中华人民共和国反电信网络诈骗法（2022）",
}
# The areas of the 基层政务公开标准目录 the table must cover, with the fewest entries each must have.
AREAS = {
    "社会救助": 20,
    "就业": 20,
    "教育": 20,
    "医疗卫生": 20,
    "社会保险": 10,
    "养老服务": 20,
    "托育": 10,
    "住房": 20,
    "户籍": 20,
    "交通": 20,
    "生态环境": 20,
    "市场监管": 20,
    "税费": 10,
    "退役军人": 10,
    "残疾人": 10,
}


@cache
def government_text() -> str:
    """The real regulations, the real district documents and the demo portal's content, as one string."""
    if not REGULATIONS.is_file():
        pytest.skip(f"the real regulations are not at {REGULATIONS}")
    texts = []
    with tarfile.open(REGULATIONS, "r:xz") as archive:
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() and member.name.endswith(".md") else None
            if handle is not None:
                texts.append(handle.read().decode("utf-8"))
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "samples").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((PROJECT / "content").rglob("*.md"))]
    return "\n".join(texts)


def test_every_official_term_occurs_in_real_government_text():
    text = government_text()
    missing = sorted(
        f"{word} -> {term}"
        for word, terms in default_synonyms().items()
        for term in terms
        if term not in text and term not in KNOWN_OFFICIAL
    )
    assert not missing, f"official terms found in no government text (fix, drop or source them): {missing}"
    unused = sorted(term for term in KNOWN_OFFICIAL if not any(term in t for t in default_synonyms().values()))
    assert not unused, f"KNOWN_OFFICIAL lists terms the table no longer uses: {unused}"


def test_no_loops_or_duplicates():
    areas = synonym_areas()
    declared = Counter(word for entries in areas.values() for word in entries)
    assert not [w for w, n in declared.items() if n > 1], "a citizen's word is declared in two areas"
    table = default_synonyms()
    han = re.compile(r"^[\u3400-\u9fff0-9]{2,}$")
    for word, terms in table.items():
        assert han.match(word), f"{word!r}: a citizen's word is two or more Han characters"
        assert terms, f"{word}: no official term"
        assert word not in terms, f"{word}: maps to itself"
        assert len(set(terms)) == len(terms), f"{word}: a term is listed twice"
        for term in terms:
            assert han.match(term), f"{word}: {term!r} is not a Han term"
            # A term listed as the citizen's word of this word would make the two search each other twice.
            assert word not in table.get(term, []), f"{word} <-> {term}: a loop"


def test_every_area_of_the_standard_catalogue_is_covered():
    areas = synonym_areas()
    counts = {area: len(areas.get(area, {})) for area in AREAS}
    short = {area: n for area, n in counts.items() if n < AREAS[area]}
    assert not short, f"areas with too few entries: {short}"
    assert sum(len(e) for e in areas.values()) >= 600
