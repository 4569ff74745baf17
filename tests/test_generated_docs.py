"""The key tables in docs/ are generated from the declarations; the committed files must match them."""

from __future__ import annotations

from sitegen.cli import docgen
from sitegen.model.kinds import KINDS
from sitegen.model.spec import schema


def test_committed_docs_equal_what_the_declarations_generate():
    made = docgen.blocks()
    for name in docgen.FILES:
        text = (docgen.DOCS / name).read_text(encoding="utf-8")
        assert docgen.generate(text, made) == text, f"docs/{name} is stale: run python -m sitegen.cli.docgen"


def test_every_declared_key_of_every_kind_is_documented():
    text = "".join((docgen.DOCS / name).read_text(encoding="utf-8") for name in docgen.FILES)
    for kind in KINDS:
        assert f"<!-- generated: fields-{kind.name} -->" in text
        block = text.split(f"<!-- generated: fields-{kind.name} -->")[1].split("<!-- end generated -->")[0]
        keys = schema(kind.record)
        assert keys and all(spec.label for spec in keys.values())
        assert [line.split("`")[1] for line in block.strip().splitlines()[2:]] == list(keys)


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "content.md").write_text("x\n<!-- generated: fields-page -->\nold\n<!-- end generated -->\n", "utf-8")
    (tmp_path / "services.md").write_text("no generated block\n", "utf-8")
    monkeypatch.setattr(docgen, "DOCS", tmp_path)
    assert docgen.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().out
    assert docgen.main([]) == 0 and docgen.main(["--check"]) == 0
    assert "| `title` | 是 | 标题 |" in (tmp_path / "content.md").read_text("utf-8")
