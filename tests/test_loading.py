"""Loading: front matter, typed fields, enum aliases, catalogs and the site configuration."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.diagnostics.core import Diagnostics
from sitegen.load.frontmatter import parse
from sitegen.load.sources import SourceText
from sitegen.load.yamlio import YamlProblem, load_yaml


def test_front_matter_keeps_line_numbers_of_keys_and_body(tmp_path):
    diags = Diagnostics()
    parsed = parse(SourceText(tmp_path / "a.md", "---\ntitle: 甲\nissuer: 乙\n---\n正文第一行\n"), diags)
    assert parsed.meta["title"] == "甲"
    assert parsed.meta.line_of("issuer") == 3
    assert parsed.body_line == 5
    assert parsed.body.startswith("正文第一行")


def test_yaml_error_reports_the_file_line():
    with pytest.raises(YamlProblem) as info:
        load_yaml("title: 甲\nissuer: [乙\n", line_offset=1)
    assert info.value.line is not None and info.value.line >= 3
    assert "YAML" in info.value.zh and "YAML" in info.value.en


def test_impossible_date_is_kept_as_text_for_a_clear_error():
    assert load_yaml("published: 2024-13-45") == {"published": "2024-13-45"}


def test_policy_loads_with_chinese_enum_aliases(factory):
    factory.policy("a", validity="现行有效", disclosure="主动公开")
    loaded = factory.load()
    policy = loaded.model.policies["a"]
    assert policy.validity == "in_force" and policy.disclosure == "public"
    assert policy.published == dt.date(2025, 3, 3)


def test_index_number_is_generated_from_the_template_and_unique(factory):
    factory.policy("a", published=dt.date(2025, 3, 3))
    factory.policy("b", published=dt.date(2025, 3, 4), index_no="TESTORG/2025-00001")
    loaded = factory.load()
    assert loaded.model.policies["b"].index_no == "TESTORG/2025-00001"
    # The generated number skips the one an editor already took.
    assert loaded.model.policies["a"].index_no == "TESTORG/2025-00002"


def test_duplicate_index_numbers_are_an_error(factory):
    factory.policy("a", index_no="X/1")
    factory.policy("b", index_no="X/1")
    assert "SG061" in factory.codes()


def test_wrong_types_are_reported_per_field_with_the_line(factory):
    path = factory.policy("a", published="2024-13-45", topics="综合政务")
    diags = factory.diagnostics()
    messages = {(d.code, d.line): d for d in diags.errors}
    text = path.read_text(encoding="utf-8").split("\n")
    published_line = next(i for i, line in enumerate(text, 1) if line.startswith("published"))
    assert ("SG032", published_line) in messages
    assert "2024-13-45" in messages[("SG032", published_line)].zh
    assert any("列表" in d.zh and "list" in d.en for d in diags.errors)


def test_unknown_key_warns_with_a_suggestion(factory):
    factory.policy("a", issuerr="测试区人民政府")
    warning = next(d for d in factory.diagnostics().warnings if d.code == "SG031")
    assert "issuer" in warning.zh and "Did you mean" in warning.en


def test_unknown_issuer_and_topic_are_errors(factory):
    factory.policy("a", issuer="测试区政府办", topics=["不存在的主题"])
    codes = factory.codes()
    assert "SG062" in codes and "SG063" in codes


def test_catalog_code_must_exist_and_be_a_leaf(factory):
    factory.policy("a", catalog=["999999"])
    factory.policy("b", catalog=["0101"])
    codes = factory.codes()
    assert "SG101" in codes and "SG102" in codes


def test_catalog_item_missing_elements_is_an_error(factory):
    factory.write(
        "catalogs/extra.yaml", 'title: 另一目录\nowner: 测试区人民政府\nnodes:\n  - code: "09"\n    title: 空事项\n'
    )
    diags = factory.diagnostics()
    error = next(d for d in diags.errors if d.code == "SG056")
    assert error.path == "catalogs/extra.yaml" and error.line == 4


def test_unquoted_numeric_catalog_code_is_explained(factory):
    factory.write(
        "catalogs/extra.yaml", "title: 另一目录\nowner: 测试区人民政府\nnodes:\n  - code: 0101\n    title: 数字\n"
    )
    error = next(d for d in factory.diagnostics().errors if d.code == "SG053")
    assert "引号" in error.fix_zh and error.line == 4


def test_missing_site_yaml_is_a_config_error(tmp_path):
    from sitegen.build import ConfigError, load

    with pytest.raises(ConfigError) as info:
        load(tmp_path / "site.yaml")
    assert info.value.diagnostics.errors[0].code == "SG001"


def test_missing_required_config_key(factory):
    factory.write("site.yaml", "title: 测试\nbase_url: https://x.gov.cn\ntopics: []\n")
    diags = factory.diagnostics()
    assert any(d.code == "SG007" and "agencies" in d.en for d in diags.errors)
