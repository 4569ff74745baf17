"""Page keys never miss a dependency: random edits of random inputs of a generated portal, each followed by an
incremental build that must equal a clean build byte for byte; and the same check run against a deliberately
broken key, which it must catch (otherwise the property would prove nothing).

Documents carry the fingerprint token made when they were parsed and comparisons the digest of their two texts
(:meth:`sitegen.engine.fingerprint.Fingerprinter.known`): a token that does not follow an edit keeps a stale page.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks import corpus
from sitegen.build import build
from sitegen.engine.fingerprint import Fingerprinter
from sitegen.engine.session import BuildSession

TODAY = corpus.TODAY


@pytest.fixture
def portal(tmp_path: Path) -> corpus.Corpus:
    """A small portal whose listings paginate (five items a page), so a title shows on several pages."""
    site = corpus.generate(tmp_path / "site", 24, seed=11)
    with open(site.config, "a", encoding="utf-8") as handle:
        handle.write("page_size: 5\n")
    return site


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(site: corpus.Corpus, tmp_path: Path, name: str) -> list[str]:
    """The files in which the incremental output differs from a clean build's (missing files included)."""
    clean = tmp_path / f"clean-{name}"
    build(site.config, clean, reports=tmp_path / f"reports-{name}", today=TODAY, search=False, clean=True)
    incremental, fresh = files_of(site.root / "_site"), files_of(clean)
    return sorted(k for k in set(incremental) | set(fresh) if incremental.get(k) != fresh.get(k))


def _sources(site: corpus.Corpus, folder: str) -> list[Path]:
    return sorted((site.root / "content" / folder).rglob("*.md"))


def _replace(path: Path, pattern: str, new: Callable[[re.Match], str]) -> bool:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.MULTILINE)
    path.write_text(changed, encoding="utf-8")
    return changed != text


def edit_body(site: corpus.Corpus, rng: random.Random) -> str:
    path = rng.choice(_sources(site, "policies") + _sources(site, "interpretations"))
    path.write_text(path.read_text(encoding="utf-8") + f"\n补充说明第{rng.randrange(1000)}条。\n", encoding="utf-8")
    return f"body of {path.name}"


def edit_title(site: corpus.Corpus, rng: random.Random) -> str:
    path = rng.choice(_sources(site, "policies") + _sources(site, "interpretations"))
    _replace(path, r'^title: ".*"$', lambda m: f'title: "示例省人民政府关于第{rng.randrange(1000)}项工作的通知"')
    return f"title of {path.name}"


def edit_topic(site: corpus.Corpus, rng: random.Random) -> str:
    path = rng.choice(_sources(site, "policies"))
    name = rng.choice(corpus.TOPICS)[1]
    _replace(path, r"^topics: .*$", lambda m: f'topics: ["{name}"]')
    return f"topic of {path.name} -> {name}"


def edit_issuer(site: corpus.Corpus, rng: random.Random) -> str:
    path = rng.choice(_sources(site, "policies"))
    name = rng.choice(corpus.AGENCIES)[1]
    _replace(path, r"^issuer: .*$", lambda m: f"issuer: {name}")
    return f"issuer of {path.name} -> {name}"


def edit_catalog(site: corpus.Corpus, rng: random.Random) -> str:
    path = rng.choice(sorted((site.root / "catalogs").rglob("*.yaml")))
    _replace(path, r"^(\s*title: )(.*)$", lambda m: f"{m.group(1)}目录事项{rng.randrange(1000)}")
    return f"a catalog title in {path.name}"


def edit_config(site: corpus.Corpus, rng: random.Random) -> str:
    _replace(site.config, r"^(\s*address: ).*$", lambda m: f"{m.group(1)}示例市政通路{rng.randrange(2, 999)}号")
    return "the contact address in site.yaml"


def add_policy(site: corpus.Corpus, rng: random.Random) -> str:
    path = corpus.new_policy(site, rng.randrange(1, 9999), seed=11)
    return f"added {path.name}"


EDITS = [edit_body, edit_title, edit_topic, edit_issuer, edit_catalog, edit_config, add_policy]


def random_edits(site: corpus.Corpus, tmp_path: Path, seed: int, rounds: int) -> list[tuple[str, list[str]]]:
    """Apply ``rounds`` random edits, one incremental build after each; every edit whose output differs."""
    rng = random.Random(seed)
    build(site.config, today=TODAY, search=False)
    wrong = []
    for number in range(rounds):
        what = rng.choice(EDITS)(site, rng)
        build(site.config, today=TODAY, search=False)
        found = differences(site, tmp_path, str(number))
        if found:
            wrong.append((what, found))
    return wrong


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_leave_the_output_of_a_clean_build(portal, tmp_path, seed):
    assert random_edits(portal, tmp_path, seed, rounds=4) == []


def test_a_key_that_misses_a_dependency_is_caught(portal, tmp_path, monkeypatch):
    """The mutant: every document's token stands for its id alone, as if its metadata were not part of it."""

    def by_id(self: Fingerprinter, value: object) -> str:
        return f"@mutant:{getattr(value, 'url', '')}"

    monkeypatch.setattr(Fingerprinter, "instance_digest", by_id)
    rng = random.Random(3)
    build(portal.config, today=TODAY, search=False)
    edit_title(portal, rng)
    build(portal.config, today=TODAY, search=False)
    found = differences(portal, tmp_path, "mutant")
    assert found, "a title edit under a key blind to titles must leave a listing stale"


def test_the_tokens_a_build_is_given_still_describe_its_documents_when_pages_are_keyed(portal, monkeypatch):
    """Records are never changed after loading: a token taken from the cache (or from the parse) must still be the
    digest of its document when the pages are planned and keyed, after linking, the rules and the page plan."""
    checked: list[int] = []
    render = BuildSession.render

    def checking(self: BuildSession, specs, env, site, links, out):
        documents = site.with_bodies()
        for document in documents:
            assert self.fp.instance_digest(document) == Fingerprinter().instance_digest(document), document.url
        checked.append(len(documents))
        return render(self, specs, env, site, links, out)

    monkeypatch.setattr(BuildSession, "render", checking)
    build(portal.config, today=TODAY, search=False)
    edit_title(portal, random.Random(5))
    edit_body(portal, random.Random(6))
    build(portal.config, today=TODAY, search=False)
    assert len(checked) == 2 and checked[1] > 0
