"""Malformed sources through the real command line: `sitegen build` and `sitegen check` as child processes.

Each case drops one bad file beside a good, already published site. Both commands must fail with the
file (and its line where there is one), a bilingual message and a fix, never a traceback or an
"internal error", and the build must leave the published site byte-for-byte as it was.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.sitefactory import SiteFactory, front_matter, policy_meta
from tests.test_check_command import run_cli

META = policy_meta("样例")
GOOD = front_matter(META, "正文。\n")
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

# name -> (bytes of content/policies/bad.md, or a symlink target; the code; whether a line is named)
CASES: dict[str, tuple[bytes | str, str, bool]] = {
    "binary": (b"\x00\x01\x02\xff\xfe" * 100, "SG014", True),
    "gbk": (GOOD.encode("gbk"), "SG014", True),
    "utf16": (GOOD.encode("utf-16"), "SG014", True),
    "empty": (b"", "SG020", True),
    "unclosed_front_matter": (GOOD.replace("---\n正文", "正文").encode(), "SG022", True),
    "alias_bomb": (f"---\n{ALIAS_BOMB}title: x\n---\n正文\n".encode(), "SG024", True),
    "impossible_date": (GOOD.replace("written: 2025-03-01", "written: 2024-02-30").encode(), "SG032", True),
    "title_is_a_list": (GOOD.replace("title: 测试区人民政府关于样例的通知", "title: [a, b]").encode(), "SG032", True),
    "front_matter_is_a_list": (b"---\n- a\n- b\n---\nbody\n", "SG025", True),
    "python_tag": (GOOD.replace("title:", "x: !!python/object/apply:os.system [id]\ntitle:").encode(), "SG024", True),
    "number_too_long": (GOOD.replace("title:", "weight: 1" + "0" * 5000 + "\ntitle:").encode(), "SG024", True),
    "nul_character": (GOOD.encode() + b"a\x00b\n", "SG016", True),
    "huge_file": ((GOOD + "很" * 2_000_000 + "\n").encode(), "SG012", False),
    "link_loop": ("bad.md", "SG011", False),
    "dangling_link": ("nowhere.md", "SG011", False),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("published")
    factory = SiteFactory(root)
    factory.policy("ok")
    factory.build()
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_source_is_explained_and_the_site_kept(published: Path, tmp_path: Path, name: str) -> None:
    root = tmp_path / "site"
    shutil.copytree(published, root, symlinks=True)
    data, code, has_line = CASES[name]
    bad = root / "content/policies/bad.md"
    if isinstance(data, str):
        os.symlink(bad.parent / data, bad)
    else:
        bad.write_bytes(data)
    before = snapshot(root / "_site")
    for command in ("build", "check"):
        extra = ["--no-search"] if command == "build" else []
        status, out, err = run_cli(command, "--config", str(root / "site.yaml"), *extra)
        text = out + err
        assert status == 1, text
        assert "Traceback" not in text and "internal error" not in text, text
        place = r"content/policies/bad\.md" + (r":\d+(?::\d+)?" if has_line else "")
        found = re.search(
            rf"^  {place}: 错误 error \[{code}\]\n    (.+)\n    (.+)\n    修改建议：.+\n    How to fix: ", text, re.M
        )
        assert found, text
        assert re.search(r"[\u4e00-\u9fff]", found.group(1)) and found.group(2).isascii()
        assert text.count(f"[{code}]") == 1, text  # the real cause, once
    assert snapshot(root / "_site") == before
