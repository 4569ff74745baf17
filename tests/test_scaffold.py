"""`sitegen new`: a correctly named draft with complete front matter that builds and publishes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from sitegen.build import load
from sitegen.cli.main import main

TODAY = dt.date(2026, 3, 9)


@pytest.fixture
def dated(monkeypatch):
    epoch = int(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=dt.UTC).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))


def run_new(factory, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["new", *args, "--config", str(factory.root / "site.yaml")])
    out, err = capsys.readouterr()
    return code, out.strip(), err


def meta_of(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.mark.parametrize(
    "kind, folder", [("policy", "policies"), ("consultation", "consultations"), ("event", "events")]
)
def test_new_document_is_a_complete_draft(factory, capsys, dated, kind, folder):
    factory.policy("a", index_no="TESTORG/2026-00001", published=dt.date(2026, 1, 5), written=dt.date(2026, 1, 4))
    factory.policy("b", published=dt.date(2026, 2, 5), written=dt.date(2026, 2, 4))  # gets TESTORG/2026-00002
    code, out, err = run_new(factory, capsys, kind, "关于测试工作的通知")
    assert code == 0
    path = Path(out)
    assert path == factory.root / "content" / folder / "2026" / f"2026-{kind}-01.md"
    meta = meta_of(path)
    assert meta["title"] == "关于测试工作的通知"
    assert meta["index_no"] == "TESTORG/2026-00003"
    assert meta.get("published", meta.get("opens")) == TODAY
    assert meta["disclosure"] == "withheld" and meta["review"] is None
    assert "review" in err and "public" in err
    loaded = factory.load()  # the draft builds and stays unpublished
    assert loaded.diagnostics.errors == []
    assert loaded.model.find(kind, f"2026-{kind}-01").title == "关于测试工作的通知"
    assert all(
        doc.title != "关于测试工作的通知"
        for doc in [*loaded.site.policies, *loaded.site.consultations, *loaded.site.events]
    )


def test_ids_are_not_reused_and_index_numbers_skip_drafts(factory, capsys, dated):
    assert run_new(factory, capsys, "event", "甲")[0] == 0
    code, out, _ = run_new(factory, capsys, "event", "乙")
    assert code == 0 and out.endswith("2026-event-02.md")
    assert meta_of(Path(out))["index_no"] == "TESTORG/2026-00002"


def test_a_draft_becomes_public_once_reviewed(factory, capsys, dated):
    _, out, _ = run_new(factory, capsys, "policy", "关于发布测试办法的通知", "--id", "2026-test-rules")
    path = Path(out)
    text = path.read_text(encoding="utf-8")
    text = (
        text.replace("disclosure: withheld", "disclosure: public")
        .replace("review:                 #", "review: {date: 2026-03-09, by: 保密审查小组}  #")
        .replace("catalog: []", 'catalog: ["010101"]')
        .replace("interpretation_required: true", "interpretation_required: false\nno_interpretation_reason: 测试")
    )
    path.write_text(text, encoding="utf-8")
    loaded = load(factory.root / "site.yaml", today=TODAY)  # dated today: due (定时发布 holds later dates back)
    assert loaded.diagnostics.errors == []
    assert [p.id for p in loaded.site.policies] == ["2026-test-rules"]


def test_interpretation_needs_an_existing_policy(factory, capsys, dated):
    factory.policy("a")
    code, _, err = run_new(factory, capsys, "interpretation", "解读")
    assert code == 2 and "--policy" in err
    code, _, err = run_new(factory, capsys, "interpretation", "解读", "--policy", "nope")
    assert code == 2 and "nope" in err
    code, out, _ = run_new(factory, capsys, "interpretation", "解读", "--policy", "a")
    assert code == 0 and meta_of(Path(out))["policy"] == "a"
    assert factory.load().diagnostics.errors == []


def test_taken_or_invalid_ids_are_refused(factory, capsys, dated):
    assert run_new(factory, capsys, "policy", "甲", "--id", "x")[0] == 0
    code, _, err = run_new(factory, capsys, "policy", "乙", "--id", "x")
    assert code == 2 and "x" in err
    code, _, err = run_new(factory, capsys, "policy", "丙", "--id", "../escape")
    assert code == 2 and not (factory.root / "content" / "escape.md").exists()
