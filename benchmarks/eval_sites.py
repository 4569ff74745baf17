"""Source trees for the generated search evaluation (benchmarks/search_eval.py), none of them the demo alone.

- ``corpus``: the synthetic provincial portal of benchmarks/corpus.py with a seed the demo never used;
- ``samples``: the demo portal plus the real district work plans in ../shared/samples/ as policies;
- ``regs-tune`` and ``regs-held``: the 832 real local regulations of ../shared/corpora/, split in two by a
  hash of the file name (a fixed split that nobody chose by content). Only ``regs-tune`` and ``corpus``
  may be looked at while changing search code; ``regs-held`` and ``samples`` are reported, not tuned on.

Nothing here is committed output: the trees are written to a work folder and built there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent.parent / "shared" if (PROJECT.parent.parent / "shared").is_dir() else Path("/work/shared")
REGULATIONS = SHARED / "corpora" / "local-regulations-zhejiang-henan.tar.xz"
SAMPLES = SHARED / "samples"
SITES = ("corpus", "samples", "regs-tune", "regs-held")

REGS_YAML = """title: 地方性法规汇编
short_title: 法规汇编
description: 浙江省和河南省地方性法规（搜索评测用，文本来自公开发布的法规）。
base_url: https://laws.example.gov.cn
site_code: "3300000001"
icp: 示ICP备20260002号-1
police_record: 示公网安备 33000002000101号
sponsor: 法规汇编编辑部
contact:
  address: 示例市政通路1号
  postcode: "310000"
  phone: 0571-12345678
index_no:
  org_code: "11330000MB0000000X"
  template: "{{org_code}}/{{year}}-{{seq:05d}}"
public_phones: [0571-12345678]
theme_dir: "{theme}"
agencies:
  - {{slug: zj, name: 浙江省人民代表大会常务委员会}}
  - {{slug: hn, name: 河南省人民代表大会常务委员会}}
topics:
  - {{slug: general, name: 综合政务}}
"""
CATALOG = """title: 地方性法规主动公开事项目录
owner: 浙江省人民代表大会常务委员会
updated: 2026-10-30
nodes:
  - code: "01"
    title: 法规
    children:
      - code: "0101"
        title: 地方性法规
        children:
          - code: "010101"
            title: 地方性法规文本
            content: 现行有效的地方性法规文本
            basis: 《中华人民共和国立法法》
            time_limit: 法规公布之日起20个工作日内
            subject: 浙江省人民代表大会常务委员会
            channels: [政府网站]
            audience: 全社会
            mode: 主动公开
            level: 省级
            responsible: 法规汇编编辑部
"""


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def regulation_files(root: Path) -> list[Path]:
    if not (root / "laws").is_dir():
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(REGULATIONS) as archive:
            archive.extractall(root, filter="data")
    return sorted(p for p in (root / "laws").rglob("*.md"))


def held_out(path: Path) -> bool:
    return hashlib.sha256(path.name.encode("utf-8")).digest()[0] % 2 == 1


def _policy(title: str, issuer: str, published: dt.date, number: str, body: str, catalog: str) -> str:
    written = published - dt.timedelta(days=3)
    return (
        "\n".join(
            [
                "---",
                f"title: {_q(title)}",
                f"doc_number: {_q(number)}",
                f"issuer: {issuer}",
                f"written: {written.isoformat()}",
                f"published: {published.isoformat()}",
                "topics: [综合政务]",
                f'catalog: ["{catalog}"]',
                "disclosure: public",
                f"review: {{date: {written.isoformat()}, by: 保密审查小组}}",
                "interpretation_required: false",
                "no_interpretation_reason: 地方性法规",
                "---",
                body,
            ]
        )
        + "\n"
    )


def regulations_site(dest: Path, held: bool, work: Path) -> int:
    """Write the tuning or the held-out half of the regulations as a site; returns the number of documents."""
    dest.mkdir(parents=True)
    (dest / "site.yaml").write_text(REGS_YAML.format(theme=PROJECT / "themes" / "default"), encoding="utf-8")
    (dest / "catalogs").mkdir()
    (dest / "catalogs" / "laws.yaml").write_text(CATALOG, encoding="utf-8")
    count = 0
    for number, path in enumerate(regulation_files(work / "regs-src")):
        if held_out(path) != held:
            continue
        text = path.read_text(encoding="utf-8")
        title = text.splitlines()[0].lstrip("# ").strip()
        body = text.split("<!-- INFO END -->", 1)[-1].strip()
        if not title or not body:
            continue
        found = re.search(r"\((\d{4}-\d{2}-\d{2})\)", path.name)
        published = dt.date.fromisoformat(found.group(1)) if found else dt.date(2020, 1, 1)
        published = max(published, dt.date(2000, 1, 3))
        issuer = "河南省人民代表大会常务委员会" if "河南" in str(path) else "浙江省人民代表大会常务委员会"
        out = dest / "content" / "policies" / str(published.year) / f"reg-{number:04d}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            _policy(title, issuer, published, f"法规〔{published.year}〕{number}号", body, "010101"), encoding="utf-8"
        )
        count += 1
    return count


def samples_site(dest: Path) -> int:
    """The demo portal plus each real sample document as a policy of the district government's office."""
    shutil.copytree(
        PROJECT,
        dest,
        ignore=shutil.ignore_patterns(
            ".git",
            "_site*",
            "._site*",
            "_reports",
            ".sitegen-cache",
            "tools",
            "tests",
            "benchmarks",
            "*.egg-info",
            "__pycache__",
            "docs",
            "sitegen",
            "themes",
        ),
    )
    # The copy builds with this checkout's code and theme, not copies of them.
    with (dest / "site.yaml").open("a", encoding="utf-8") as config:
        config.write(f'theme_dir: "{PROJECT / "themes" / "default"}"\n')
    for number, path in enumerate(sorted(SAMPLES.glob("*.txt")), 1):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        # The heading is the lines before the document number (〔year〕N号).
        at = next(i for i, line in enumerate(lines) if re.search(r"〔\d{4}〕\d+号", line))
        title = "".join(lines[:at])
        body = "\n\n".join(lines[at + 1 :])
        out = dest / "content" / "policies" / "2024" / f"sample-{number}.md"
        out.write_text(
            _policy(title, "示例区人民政府办公室", dt.date(2024, 7, number), lines[at], body, "010101"),
            encoding="utf-8",
        )
    return number


def corpus_site(dest: Path, docs: int, seed: int) -> int:
    from benchmarks.corpus import generate

    generate(dest, docs, seed=seed)
    # corpus.py's attachments are placeholder PDFs that the attachment checks reject, and its random document
    # numbers may repeat (SG420); search needs neither.
    for number, path in enumerate(sorted((dest / "content").rglob("*.md"))):
        text = re.sub(r"attachments:\n  - \{[^\n]*\}\n", "", path.read_text(encoding="utf-8"))
        text = re.sub(r'(doc_number: "[^"〔]*〔\d{4}〕)\d+号"', lambda m, n=number: f'{m.group(1)}{n + 1}号"', text)
        path.write_text(text, encoding="utf-8")
    return docs


def build(source: Path) -> Path:
    """Build a source tree with the sitegen of this checkout; returns the output folder."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    done = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "--clean"],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if not (source / "_site" / "search").is_dir():
        raise SystemExit(f"build of {source} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return source / "_site"


def make(name: str, work: Path, docs: int = 400, seed: int = 11) -> Path:
    """Write (once) and build the named site under ``work``; returns its output folder."""
    source = work / name
    if not source.exists():
        if name == "corpus":
            corpus_site(source, docs, seed)
        elif name == "samples":
            samples_site(source)
        elif name in ("regs-tune", "regs-held"):
            regulations_site(source, name == "regs-held", work)
        else:
            raise SystemExit(f"unknown site {name}; one of {', '.join(SITES)}")
    return build(source)
