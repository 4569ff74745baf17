"""Unit tests of the engine's pieces, each on its own: the cache, the input scan, the stage, fingerprints
and the page planner. End-to-end equality of incremental and clean builds is in test_incremental.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sqlite3
import types
from pathlib import Path

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.engine.fingerprint import DeferredBody, Fingerprinter, RecordingDict, recording
from sitegen.engine.planner import PagePlanner, PageRecord
from sitegen.model.pagespec import PageSpec
from sitegen.store.cache import CACHE_DIR, DATABASE, BuildCache
from sitegen.store.inputs import InputFiles, InputState
from sitegen.store.staging import StagedOutput, stat_entry

# -- the cache ------------------------------------------------------------------------------------


def test_cache_records_survive_between_builds(tmp_path: Path):
    cache = BuildCache.open(tmp_path)
    cache.put("answer", {"pages": [1, 2, 3]})
    cache.store_pickled("document", {"a.md": ("k1", b"blob-a"), "b.md": ("k2", b"blob-b")})
    cache.close()
    again = BuildCache.open(tmp_path)
    assert again.get("answer") == {"pages": [1, 2, 3]}
    assert again.records("document") == {"a.md": ("k1", b"blob-a"), "b.md": ("k2", b"blob-b")}
    again.store_pickled("document", {}, removed={"a.md"})
    assert set(again.records("document")) == {"b.md"}
    again.close()


def test_a_copied_record_is_the_source_value_and_a_missing_source_leaves_no_stale_copy(tmp_path: Path):
    cache = BuildCache.open(tmp_path)
    cache.put("live", {"index.html": "d1"})
    cache.put("spare", {"old.html": "d0"})
    cache.copy("live", "spare")
    cache.put("live", {"index.html": "d2"})
    assert cache.get("spare") == {"index.html": "d1"}
    cache.copy("nothing", "spare")
    assert cache.get("spare") is None
    cache.close()


def test_cache_from_another_sitegen_version_is_discarded(tmp_path: Path):
    cache = BuildCache.open(tmp_path)
    cache.put("answer", 42)
    cache.close()
    db = sqlite3.connect(tmp_path / CACHE_DIR / DATABASE)
    db.execute("UPDATE kv SET value = 'another version' WHERE key = 'code'")
    db.commit()
    db.close()
    again = BuildCache.open(tmp_path)
    assert again.get("answer") is None
    again.put("answer", 43)  # and the new cache works
    assert again.get("answer") == 43
    again.close()


def test_damaged_cache_file_is_discarded_not_fatal(tmp_path: Path):
    cache = BuildCache.open(tmp_path)
    cache.put("answer", 42)
    cache.close()
    (tmp_path / CACHE_DIR / DATABASE).write_bytes(b"this is not a database" * 100)
    for name in (DATABASE + "-wal", DATABASE + "-shm"):
        (tmp_path / CACHE_DIR / name).unlink(missing_ok=True)
    again = BuildCache.open(tmp_path)
    assert again.get("answer") is None
    again.put("answer", 44)
    assert again.get("answer") == 44
    again.close()


def test_damaged_record_is_a_miss(tmp_path: Path):
    cache = BuildCache.open(tmp_path)
    cache._execute("INSERT OR REPLACE INTO kv VALUES (?, ?)", ("broken", b"\x80\x05not a pickle"))
    assert cache.get("broken", "default") is None
    assert cache.load(b"garbage") is None
    cache.close()


def test_clean_cache_reads_nothing_but_records_for_the_next_build(tmp_path: Path):
    cache = BuildCache.open(tmp_path)
    cache.put("answer", 1)
    cache.close()
    clean = BuildCache.open(tmp_path, clean=True)
    assert clean.get("answer") is None
    clean.put("answer", 2)
    clean.close()
    again = BuildCache.open(tmp_path)
    assert again.get("answer") == 2
    again.close()


# -- the input scan --------------------------------------------------------------------------------


def test_input_digests_change_exactly_when_content_changes(tmp_path: Path):
    source = tmp_path / "content" / "a.md"
    source.parent.mkdir()
    source.write_text("第一版", encoding="utf-8")
    first = InputFiles(InputState.empty()).scan([tmp_path / "content"], skip=[])
    old = first.digest(source)
    os.utime(source, (1, 1))  # touched, same bytes
    touched = InputFiles(first.state()).scan([tmp_path / "content"], skip=[])
    assert touched.digest(source) == old and touched.combined() == first.combined()
    source.write_text("第二版", encoding="utf-8")
    edited = InputFiles(touched.state()).scan([tmp_path / "content"], skip=[])
    assert edited.digest(source) != old and edited.combined() != first.combined()


def test_input_scan_skips_hidden_files_and_the_skipped_folders(tmp_path: Path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "content" / ".a.md.swp").write_text("editor", encoding="utf-8")
    (tmp_path / "content" / "out").mkdir()
    (tmp_path / "content" / "out" / "page.html").write_text("built", encoding="utf-8")
    scan = InputFiles(InputState.empty()).scan([tmp_path / "content"], skip=[tmp_path / "content" / "out"])
    assert [Path(p).name for p in scan.files] == ["a.md"]


# -- the stage -------------------------------------------------------------------------------------


def published(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def first_site(tmp_path: Path) -> tuple[Path, dict]:
    target = tmp_path / "_site"
    out = StagedOutput(target).open()
    out.write("index.html", "<p>一</p>")
    out.write("a/index.html", "<p>甲</p>")
    live, _ = out.commit()
    return target, live


def test_stage_commit_swaps_the_whole_site_in(tmp_path: Path):
    target, live = first_site(tmp_path)
    out = StagedOutput(target, live).open()
    out.write("index.html", "<p>二</p>")
    out.keep("a/index.html")
    out.write("b/index.html", "<p>乙</p>")
    assert published(target) == {"index.html": "<p>一</p>".encode(), "a/index.html": "<p>甲</p>".encode()}
    new_live, spare = out.commit()
    assert published(target) == {
        "index.html": "<p>二</p>".encode(),
        "a/index.html": "<p>甲</p>".encode(),
        "b/index.html": "<p>乙</p>".encode(),
    }
    assert set(new_live) == {"index.html", "a/index.html", "b/index.html"}
    assert spare is not None and set(spare) == {"index.html", "a/index.html"}


def test_stage_abort_leaves_the_published_site_byte_for_byte(tmp_path: Path):
    target, live = first_site(tmp_path)
    before = published(target)
    inode = (target / "index.html").stat().st_ino
    out = StagedOutput(target, live).open()
    out.write("index.html", "<p>坏</p>")
    out.write("c/index.html", "<p>丙</p>")
    out.abort()
    assert published(target) == before
    assert (target / "index.html").stat().st_ino == inode


def test_stage_never_writes_through_a_live_file(tmp_path: Path):
    """Unchanged files are hard links into the spare; a rewrite must make a new inode, not edit the shared one."""
    target, live = first_site(tmp_path)
    out = StagedOutput(target, live).open()
    out.keep("index.html")
    out.keep("a/index.html")
    live, spare = out.commit()
    out = StagedOutput(target, live, spare).open()
    out.write("index.html", "<p>三</p>")
    out.keep("a/index.html")
    assert (target / "index.html").read_text(encoding="utf-8") == "<p>一</p>"
    out.commit()
    assert (target / "index.html").read_text(encoding="utf-8") == "<p>三</p>"


def test_stage_drops_files_nobody_declared(tmp_path: Path):
    target, live = first_site(tmp_path)
    out = StagedOutput(target, live).open()
    out.keep("index.html")  # a/index.html is no longer produced
    out.commit()
    assert set(published(target)) == {"index.html"}


def test_stat_entry_records_the_digest_given(tmp_path: Path):
    path = tmp_path / "f"
    path.write_bytes(b"x")
    assert stat_entry(path, "d1").digest == "d1"


# -- fingerprints ----------------------------------------------------------------------------------

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(values, values)
def test_fingerprints_are_equal_exactly_when_values_are(a, b):
    fp = Fingerprinter()
    same = type(a) is type(b) and a == b and repr(a) == repr(b)
    assert (fp.digest(a) == fp.digest(b)) == same


def test_fingerprint_ignores_set_order_but_not_list_order():
    fp = Fingerprinter()
    assert fp.digest({"甲", "乙", "丙"}) == fp.digest({"丙", "甲", "乙"})
    assert fp.digest(["甲", "乙"]) != fp.digest(["乙", "甲"])


@dataclasses.dataclass
class Record:
    title: str
    day: dt.date


def test_fingerprint_of_a_dataclass_follows_its_fields():
    assert Fingerprinter().digest(Record("通知", dt.date(2024, 1, 2))) == Fingerprinter().digest(
        Record("通知", dt.date(2024, 1, 2))
    )
    assert Fingerprinter().digest(Record("通知", dt.date(2024, 1, 2))) != Fingerprinter().digest(
        Record("通知", dt.date(2024, 1, 3))
    )


# -- the page planner ------------------------------------------------------------------------------


@dataclasses.dataclass
class TinySite:
    policies: RecordingDict


def planner_for(templates: dict[str, str], globals_: dict) -> PagePlanner:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)
    env.globals.update(globals_)
    site = TinySite(RecordingDict("policies", {"p1": "一号文件", "p2": "二号文件"}))
    return PagePlanner(env, site, RecordingDict("links", {}), {})  # type: ignore[arg-type]


TEMPLATES = {"page.html": "{{ page.title }} {{ site_name }}", "other.html": "{{ other }}"}
SPEC = PageSpec("/p/", "page.html", "标题", [], "policies")


def test_static_key_follows_the_template_the_spec_and_the_globals_it_uses():
    base = planner_for(TEMPLATES, {"site_name": "周村", "other": 1}).static_key(SPEC)
    assert planner_for(TEMPLATES, {"site_name": "周村", "other": 2}).static_key(SPEC) == base  # unused global
    assert planner_for(TEMPLATES, {"site_name": "白公山", "other": 1}).static_key(SPEC) != base
    changed = {**TEMPLATES, "page.html": "<b>{{ page.title }}</b> {{ site_name }}"}
    assert planner_for(changed, {"site_name": "周村", "other": 1}).static_key(SPEC) != base
    assert (
        planner_for(TEMPLATES, {"site_name": "周村", "other": 1}).static_key(dataclasses.replace(SPEC, title="新标题"))
        != base
    )


def test_planner_keeps_a_page_only_when_nothing_it_read_changed():
    planner = planner_for(TEMPLATES, {"site_name": "周村", "other": 1})
    static = planner.static_key(SPEC)
    reads = frozenset({("policies", "p1")})
    record = PageRecord(static, reads, planner.reads_digest(reads), SPEC.output_path, "digest-of-file", None)

    class Live(dict):
        pass

    live = Live({SPEC.output_path: stat_entry_like("digest-of-file")})
    assert planner.unchanged(SPEC, static, record, live)
    # the published file was edited by hand
    assert not planner.unchanged(SPEC, static, record, Live({SPEC.output_path: stat_entry_like("other")}))
    # an entry it read changed
    moved = planner_for(TEMPLATES, {"site_name": "周村", "other": 1})
    dict.__setitem__(moved.tables["policies"], "p1", "一号文件（修订）")
    assert not moved.unchanged(SPEC, static, record, live)
    # an entry it did not read changed
    other = planner_for(TEMPLATES, {"site_name": "周村", "other": 1})
    dict.__setitem__(other.tables["policies"], "p2", "二号文件（修订）")
    assert other.unchanged(SPEC, static, record, live)


def stat_entry_like(digest: str):
    @dataclasses.dataclass
    class Entry:
        digest: str

    return Entry(digest)


def test_a_body_rendered_early_still_notes_its_link_reads_for_each_page_that_uses_it():
    """The Q&A library renders interpretation bodies while pages are planned; the interpretation's page, rendered
    later from the same body, must still depend on the link targets the body read."""
    links = RecordingDict("links", {"a.md": "/a/", "b.md": "/b/"})
    body = DeferredBody("key", lambda: types.SimpleNamespace(html=links["a.md"]))
    assert body.html == "/a/"  # rendered outside any page
    with recording() as reads:
        assert body.html == "/a/"
    assert reads == {("links", "a.md")}
