"""Linking: relations between documents, the public gate, and rendering of Markdown bodies."""

from __future__ import annotations

import datetime as dt


def test_interpretation_must_point_to_an_existing_policy(factory):
    factory.policy("a")
    factory.interpretation("i", "missing")
    assert "SG106" in factory.codes()


def test_public_interpretation_of_a_withheld_policy_is_an_error(factory):
    factory.policy("a", disclosure="withheld")
    factory.interpretation("i", "a")
    assert "SG107" in factory.codes()


def test_successor_must_exist(factory):
    factory.policy("a", validity="repealed", replaced_by="nothing")
    assert "SG104" in factory.codes()


def test_public_view_contains_only_public_reviewed_documents(factory):
    factory.policy("pub")
    factory.policy("req", disclosure="on_request")
    factory.policy("held", disclosure="withheld")
    loaded = factory.load()
    assert [p.id for p in loaded.site.policies] == ["pub"]
    assert set(loaded.model.policies) == {"pub", "req", "held"}


def test_documents_are_listed_under_their_catalog_items(factory):
    factory.policy("a", catalog=["010101"])
    factory.policy("b", catalog=["010101", "010102"])
    site = factory.load().site
    assert sorted(d.id for d in site.documents_of["010101"]) == ["a", "b"]
    assert site.count_under("01") == 2


def test_three_synchronisations_requires_an_interpretation(factory):
    factory.policy("a", interpretation_required=True, no_interpretation_reason=None)
    assert "SG121" in factory.codes()
    factory.interpretation("i", "a")
    assert "SG121" not in factory.codes()


def test_late_interpretation_is_a_warning(factory):
    factory.policy("a", interpretation_required=True, no_interpretation_reason=None, published=dt.date(2025, 3, 3))
    factory.interpretation("i", "a", published=dt.date(2025, 3, 10))
    diags = factory.diagnostics()
    assert any(d.code == "SG122" for d in diags.warnings)
    assert not diags.errors


def test_relative_markdown_link_becomes_the_page_url(factory):
    factory.policy("a", body="见[另一文件](b.md)。\n")
    factory.policy("b")
    body = factory.load().bodies["/policies/a/"]
    assert 'href="/policies/b/"' in body.html


def test_link_to_non_public_document_is_an_error(factory):
    factory.policy("a", body="见[内部文件](b.md)。\n")
    factory.policy("b", disclosure="withheld")
    assert "SG075" in factory.codes()


def test_link_to_missing_document_names_the_line(factory):
    path = factory.policy("a", body="第一行。\n\n见[文件](nothing.md)。\n")
    error = next(d for d in factory.diagnostics().errors if d.code == "SG074")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[error.line - 1].startswith("见[文件]")


def test_markdown_and_html_tables_keep_merged_cells_in_a_scroll_region(factory):
    factory.policy(
        "a",
        body=(
            '<table><caption>任务</caption><thead><tr><th scope="col">任务</th><th scope="col">单位</th></tr></thead>'
            '<tbody><tr><td rowspan="2">一</td><td>甲</td></tr><tr><td>乙</td></tr></tbody></table>\n'
        ),
    )
    html = factory.load().bodies["/policies/a/"].html
    assert 'rowspan="2"' in html and 'scope="col"' in html
    assert html.startswith('<div class="table-scroll" role="region" tabindex="0" aria-label="任务">')


def test_script_is_removed_from_bodies(factory):
    factory.policy("a", body='<script>alert(1)</script><p onclick="x()">文字</p>\n')
    loaded = factory.load()
    html = loaded.bodies["/policies/a/"].html
    assert "<script" not in html and "onclick" not in html and "文字" in html
    assert any(d.code == "SG076" for d in loaded.diagnostics.warnings)
