"""The key tables in docs/ are generated from the declarations; the committed files must match them."""

from __future__ import annotations

import dataclasses

import yaml

from sitegen.cli import docgen
from sitegen.diagnostics.core import Diagnostics
from sitegen.load.config import load_config
from sitegen.model.config import SiteConfig, config_keys
from sitegen.model.kinds import KINDS
from sitegen.model.portal import PortalSettings
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


def _documented_keys(text: str, block: str) -> list[str]:
    rows = text.split(f"<!-- generated: {block} -->")[1].split("<!-- end generated -->")[0]
    return [line.split("`")[1] for line in rows.strip().splitlines()[2:]]


def test_every_declared_config_key_is_documented():
    text = (docgen.DOCS / "config.md").read_text(encoding="utf-8")
    keys = config_keys()
    assert keys and all(spec.label for spec in keys.values())
    assert _documented_keys(text, "config-keys") == list(keys)
    assert "police_record_code" in keys  # once missing from the hand-written table


def test_every_config_field_is_a_declared_key_or_derived():
    """A field added to the records without a key() declaration would be neither loadable nor documented."""
    derived = {"root", "path", "included", "lines", "portal"}
    for record in (SiteConfig, PortalSettings):
        names = {f.name for f in dataclasses.fields(record)}
        assert names - set(schema(record)) <= derived, record
    assert not set(schema(SiteConfig)) & set(schema(PortalSettings))  # one flat namespace in site.yaml


def test_the_demo_site_uses_only_declared_keys():
    demo = yaml.safe_load((docgen.DOCS.parent / "site.yaml").read_text(encoding="utf-8"))
    assert set(demo) <= set(config_keys())
    assert {name for name, spec in config_keys().items() if spec.required} <= set(demo)


def test_an_unknown_config_key_is_answered_from_the_declarations(tmp_path):
    required = "title: 测试\nbase_url: https://example.gov.cn\nagencies: []\ntopics: []\n"
    for name in config_keys():
        typo = name[:-1] + ("x" if name[-1] != "x" else "y")
        (tmp_path / "site.yaml").write_text(required + f"{typo}: 1\n", encoding="utf-8")
        diags = Diagnostics(tmp_path)
        load_config(tmp_path / "site.yaml", diags)
        warning = next(d for d in diags.items if d.code == "SG005")
        assert warning.line == 5 and f'Did you mean "{name}"' in warning.en and f"“{name}”" in warning.zh, typo


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "content.md").write_text("x\n<!-- generated: fields-page -->\nold\n<!-- end generated -->\n", "utf-8")
    (tmp_path / "services.md").write_text("no generated block\n", "utf-8")
    (tmp_path / "config.md").write_text("<!-- generated: config-keys -->\n<!-- end generated -->\n", "utf-8")
    monkeypatch.setattr(docgen, "DOCS", tmp_path)
    assert docgen.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().out
    assert docgen.main([]) == 0 and docgen.main(["--check"]) == 0
    assert "| `title` | 是 | 标题 |" in (tmp_path / "content.md").read_text("utf-8")
    assert "| `base_url` | 是 | 网站正式地址" in (tmp_path / "config.md").read_text("utf-8")
