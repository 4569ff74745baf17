"""The memoised whole-site outputs (feeds, open data, sitemap; sitegen/outputs/memo.py) and the audit's reading of
the published manifest (sitegen/checks/pagelinks.py): after random edits an incremental build equals a clean one,
dashboard included, and a key that misses part of what an output shows is caught by that comparison."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks import corpus
from sitegen.build import build
from sitegen.diagnostics.core import Diagnostics
from sitegen.outputs import feeds, memo
from sitegen.outputs.memo import JsonParts
from sitegen.outputs.redirects import relative_sources

TODAY = corpus.TODAY
NEW_TITLE = "示例省人民政府关于改过标题的通知"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(site: corpus.Corpus, tmp_path: Path, name: str) -> list[str]:
    """The output files (and the dashboard) in which the incremental build differs from a clean build."""
    clean, reports = tmp_path / f"clean-{name}", tmp_path / f"reports-{name}"
    build(site.config, clean, reports=reports, today=TODAY, search=False, clean=True)
    incremental, fresh = files_of(site.root / "_site"), files_of(clean)
    found = sorted(set(incremental) ^ set(fresh)) + [
        k for k in fresh if k in incremental and fresh[k] != incremental[k]
    ]
    mine = (site.root / "_reports" / "index.html").read_bytes()
    if mine != (reports / "index.html").read_bytes():
        found.append("dashboard")
    return found


def build_site(site: corpus.Corpus):
    return build(site.config, today=TODAY, search=False)


def free_policies(site: corpus.Corpus) -> list[corpus.Doc]:
    """Public policies no other document names (deleting one breaks no link)."""
    texts = [p.read_text(encoding="utf-8") for p in (site.root / "content").rglob("*.md")]
    return sorted(
        (p for p in site.policies if p.public and not p.interpreted and sum(p.id in text for text in texts) == 0),
        key=lambda p: p.id,
    )


def edit(site: corpus.Corpus, rng: random.Random, number: int) -> str:
    """One random edit of the kind an editor makes; returns what it was."""
    kinds = ["body", "title", "topic", "published", "keywords", "delete", "add"]
    kind = rng.choice(kinds)
    if kind == "add":
        corpus.new_policy(site, number, seed=rng.randrange(1000))
        return kind
    candidates = [p for p in free_policies(site) if (site.root / p.relative).exists()]
    policy = rng.choice(candidates)
    path = site.root / policy.relative
    text = path.read_text(encoding="utf-8")
    if kind == "delete":
        path.unlink()
        return f"{kind} {policy.id}"
    if kind == "body":
        text += f"\n新增一段正文{number}。\n"
    elif kind == "title":
        text = re.sub(r"^title: .*$", f'title: "{NEW_TITLE}{number}"', text, count=1, flags=re.M)
    elif kind == "topic":
        topic = rng.choice(corpus.TOPICS)[1]
        text = re.sub(r"^topics: .*$", f'topics: ["{topic}"]', text, count=1, flags=re.M)
    elif kind == "published":
        day = TODAY - dt.timedelta(days=rng.randrange(1, 5))
        text = re.sub(r"^published: .*$", f"published: {day.isoformat()}", text, count=1, flags=re.M)
    else:
        text = re.sub(r"^keywords: .*\n", "", text, flags=re.M)
        text = text.replace("\n---\n", f'\nkeywords: ["关键词{number}"]\n---\n', 1)
    path.write_text(text, encoding="utf-8")
    return f"{kind} {policy.id}"


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_build_what_a_clean_build_builds(tmp_path, seed):
    site = corpus.generate(tmp_path / "site", 30, seed=seed)
    build_site(site)
    rng = random.Random(seed)
    for step in range(4):
        done = edit(site, rng, step + 1)
        build_site(site)
        assert differences(site, tmp_path, str(step)) == [], done


def test_an_unchanged_feed_is_kept_and_a_body_edit_renders_no_whole_site_output(tmp_path, monkeypatch):
    site = corpus.generate(tmp_path / "site", 20, seed=5)
    build_site(site)
    rendered: list[str] = []
    original = memo.OutputMemo.write

    def spy(self, out, path, view, render, key=None):
        before = len(self.rendered)
        original(self, out, path, view, render, key)
        rendered.extend(self.rendered[before:])

    monkeypatch.setattr(memo.OutputMemo, "write", spy)
    path = site.root / free_policies(site)[0].relative
    path.write_text(path.read_text(encoding="utf-8") + "\n新增一段正文。\n", encoding="utf-8")
    build_site(site)
    assert rendered == []
    path.write_text(
        re.sub(r"^title: .*$", f'title: "{NEW_TITLE}"', path.read_text(encoding="utf-8"), count=1, flags=re.M),
        encoding="utf-8",
    )
    build_site(site)
    assert "/feeds/all.xml" in rendered and "/data/policies.json" in rendered and "/sitemap.xml" not in rendered


def test_a_key_that_misses_the_title_is_caught(tmp_path, monkeypatch):
    """The mutant: a key made as if the edited title were the old one. The comparison must see stale files."""
    site = corpus.generate(tmp_path / "site", 20, seed=5)
    policy = free_policies(site)[0]
    real = memo.view_key
    mutant = lambda view: real(repr(view).replace(NEW_TITLE, policy.title))  # noqa: E731
    monkeypatch.setattr(memo, "view_key", mutant)
    monkeypatch.setattr(feeds, "view_key", mutant)
    build_site(site)
    path = site.root / policy.relative
    text = path.read_text(encoding="utf-8").replace(f'title: "{policy.title}"', f'title: "{NEW_TITLE}"')
    path.write_text(text, encoding="utf-8")
    build_site(site)
    found = differences(site, tmp_path, "mutant")
    assert "data/policies.json" in found and "data/policies.csv" in found
    assert any(name.startswith("feeds/") for name in found)


def random_value(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randrange(8 if depth < 3 else 5)
    text = "".join(
        rng.choice(["a", "中", '"', "\\", "\n", "\u2028", "/", " ", "\t", "é"]) for _ in range(rng.randrange(6))
    )
    if choice == 0:
        return text
    if choice == 1:
        return rng.randrange(-5, 10**6)
    if choice == 2:
        return rng.choice([None, True, False, 1.5])
    if choice == 3:
        return []
    if choice == 4:
        return {}
    if choice == 5:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if choice == 6:
        return [random_record(rng, depth + 1) for _ in range(rng.randrange(1, 4))]
    return random_record(rng, depth + 1)


def random_record(rng: random.Random, depth: int) -> dict[str, object]:
    names = ["k", "名", '"q']
    return {f"{rng.choice(names)}{rng.randrange(4)}": random_value(rng, depth) for _ in range(rng.randrange(4))}


@pytest.mark.parametrize("seed", range(40))
def test_json_parts_write_what_json_dumps_writes(seed):
    rng = random.Random(seed)
    parts = JsonParts({})
    for _ in range(3):  # later rounds reuse the texts of earlier ones
        data = random_record(rng, 0)
        assert parts.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        parts = JsonParts(parts.used)


def test_relative_sources_are_what_diagnostics_rel_says(tmp_path):
    """The ledger's per-folder shortcut equals ``Diagnostics.rel`` per file: nested, symlinked (reported where
    the link is) and outside the project."""
    root = tmp_path / "project"
    (root / "content" / "policies" / "2020").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (root / "content" / "linked").symlink_to(tmp_path / "elsewhere")
    folders = [root, root / "content" / "policies" / "2020", root / "content" / "linked", tmp_path / "elsewhere"]
    folders.append(root / "content" / "policies" / ".." / "policies")
    docs = [SimpleNamespace(source=folder / f"{n}-政策.md") for folder in folders for n in range(3)]
    diags = Diagnostics(root)
    found = relative_sources(docs, diags)  # type: ignore[arg-type]
    assert [found[id(doc)] for doc in docs] == [Diagnostics(root).rel(doc.source) for doc in docs]
