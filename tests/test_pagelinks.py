"""The audit's reading of page links across builds: equal to reading every page afresh, after any mix of edits,
additions, removals and a restage by hard links, while reading only the pages whose file changed."""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

import pytest

from sitegen.checks import pagelinks
from sitegen.checks.pagelinks import PageLinks, page_links

LINK = re.compile(r'\s(?:href|src)="(/[^"#?]*)')


def fresh(output: Path) -> list[tuple[str, tuple[str, ...]]]:
    """Every standard page and its targets, the slow and obvious way."""
    pages = sorted(
        (p for p in output.rglob("*.html") if not p.relative_to(output).as_posix().startswith("elder/")),
    )
    return [
        (p.relative_to(output).as_posix(), tuple(dict.fromkeys(LINK.findall(p.read_text(encoding="utf-8")))))
        for p in pages
    ]


def page(rng: random.Random) -> str:
    links = [f'<a href="/{rng.choice(["a", "b", "a-b", "elder", "c/d"])}/{rng.randint(0, 9)}/">x</a>' for _ in range(5)]
    return f'<html><body>{"".join(links)}<img src="/assets/{rng.randint(0, 3)}.png"></body></html>'


def write(path: Path, text: str) -> None:
    """A new file, as a build writes one (a new inode), never an edit in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def restage(old: Path, new: Path) -> None:
    """The next output folder made of hard links to the last one's files, as the stage does."""
    for source in old.rglob("*"):
        target = new / source.relative_to(old)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target)
    shutil.rmtree(old)


@pytest.mark.parametrize("seed", range(6))
def test_page_links_equal_a_fresh_reading_and_read_only_changed_pages(tmp_path, monkeypatch, seed):
    rng = random.Random(seed)
    output = tmp_path / "site0"
    folders = ["", "a", "a-b", "a/b", "b", "elder", "elder/a", "c/d"]
    for _ in range(40):
        write(output / rng.choice(folders) / f"{rng.randint(0, 30)}.html", page(rng))
    memo: PageLinks = {}
    assert list(page_links(output, memo)) == fresh(output)

    read: list[str] = []
    original = Path.read_text

    def counting(self: Path, *args, **kwargs) -> str:
        read.append(self.relative_to(output).as_posix())
        return original(self, *args, **kwargs)

    for step in range(1, 5):
        new = tmp_path / f"site{step}"
        restage(output, new)
        output = new
        changed = set()
        for _ in range(rng.randint(0, 6)):
            relative = f"{rng.choice(folders)}/{rng.randint(0, 30)}.html".lstrip("/")
            if rng.random() < 0.3 and (output / relative).exists():
                (output / relative).unlink()
            elif rng.random() < 0.5 and (output / relative).exists():
                # The same size, another target: only the file's identity tells the change.
                text = (output / relative).read_text(encoding="utf-8")
                write(output / relative, re.sub(r"/(\d)/", lambda m: f"/{(int(m[1]) + 1) % 10}/", text))
                changed.add(relative)
            else:
                write(output / relative, page(rng))
                changed.add(relative)
        read.clear()
        monkeypatch.setattr(pagelinks.Path, "read_text", counting)
        got = list(page_links(output, memo))
        monkeypatch.setattr(pagelinks.Path, "read_text", original)
        assert got == fresh(output)
        assert set(read) == {r for r in changed if not r.startswith("elder/") and (output / r).exists()}
        assert set(memo) == {relative for relative, _ in got}
