"""The audit's reading of page links across builds: equal to reading every page afresh, after any mix of edits,
additions, removals and a restage by hard links, while reading only the pages whose file changed."""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
from pathlib import Path

import pytest

from sitegen.checks import pagelinks
from sitegen.checks.pagelinks import PageLinks, broken_targets, page_links

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


def manifest(output: Path) -> dict[str, str]:
    """What a build's manifest lists: every file with a digest of its content."""
    return {
        p.relative_to(output).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=8).hexdigest()
        for p in output.rglob("*")
        if p.is_file()
    }


TARGETS = ["/", "/a/", "/a", "/a/1.html", "/a/1.html/", "/a//1.html", "/./a/", "/a/./1.html", "/b/../a/", "/x/../a/"]
TARGETS += ["/c/d/", "/c/d/index.html", "/missing/", "/missing.html", "//cdn.example/x.js", "/a/2.html", "/elder/a/"]


@pytest.mark.parametrize("seed", range(6))
def test_the_manifest_reading_finds_what_the_folder_walk_finds(tmp_path, seed):
    """Broken targets from the manifest (no walk, no stat) equal those from the folder, over edits; a manifest
    whose digest of a changed page is stale (the mutant) reads the old links."""
    rng = random.Random(seed)
    output = tmp_path / "site"
    folders = ["", "a", "b", "c/d", "elder/a", "x"]

    def linking() -> str:
        links = "".join(f'<a href="{rng.choice(TARGETS)}">x</a>' for _ in range(rng.randint(0, 6)))
        return f"<html><body>{links}</body></html>"

    memo: PageLinks = {}
    for step in range(6):
        for _ in range(rng.randint(3 if step == 0 else 0, 12)):
            relative = f"{rng.choice(folders)}/{rng.choice(['index', '1', '2'])}.html".lstrip("/")
            if step and rng.random() < 0.25 and (output / relative).exists():
                (output / relative).unlink()
            else:
                write(output / relative, linking())
        (output / "b").mkdir(parents=True, exist_ok=True)  # a folder for ../ to pass through
        assert broken_targets(output, memo, manifest(output)) == broken_targets(output, {}, None)
    page = sorted(k for k in memo if not k.startswith("elder/"))[0]
    stale = manifest(output)
    write(output / page, '<a href="/nowhere/">x</a>')
    assert "/nowhere/" not in broken_targets(output, dict(memo), stale)
    assert broken_targets(output, memo, manifest(output))["/nowhere/"] == "/" + page.removesuffix("index.html")
